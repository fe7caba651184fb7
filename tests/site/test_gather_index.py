"""The site's data finds each service's earlier self, its changes and its 修订说明 classes through indexes built once
per revision (gather._Gatherer.service_in and changes_of, Revision.classes_of), not by a pass over the whole edition
per service. The reference is that pass, as the history command does it (diff/history.py): both give the same, for
every service of the example revision of the shipped edition and of the example in the 2021 shape."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qingdan.diff.history import reformed
from qingdan.output.site.gather import _Gatherer

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "policies" / "2017"
EXAMPLES = {"2019": ROOT / "tests" / "revision" / "example" / "2019",
            "2021": ROOT / "tests" / "revision" / "example-2021" / "2021"}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_indexes_find_what_a_pass_over_the_edition_finds(name: str, tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "2017")
    shutil.copytree(EXAMPLES[name], tmp_path / name)
    gatherer = _Gatherer(tmp_path)
    older, newer = gatherer.side("2017").edition, gatherer.side(name).edition
    report = gatherer.report("2017", name)
    assert report.changes
    reforms = 0
    for service in newer.services:
        before = next((s for s in older.services if s.id == service.id), None)
        assert gatherer.service_in("2017", service.id) is before
        expected = tuple(c for c in report.changes if c.service == service.id or reformed(c, before))
        assert gatherer.changes_of("2017", name, service.id, before) == expected
        reforms += any(c.service != service.id for c in expected)
    if name == "2019":  # the example reforms units: the changes a service gets from a reform are compared too
        assert reforms
    assert gatherer.service_in("2017", "no-such-service") is None
    revision = gatherer.edition(name, None, True).revision
    assert revision is not None
    from qingdan.output.changelog.classes import RANK

    for service in newer.services:
        found = {row.cls for row in revision.changelog.rows if row.service == service.id}
        assert revision.classes_of(service.id) == tuple(slug for slug in RANK if slug in found)
    assert any(revision.classes_of(service.id) for service in newer.services)
