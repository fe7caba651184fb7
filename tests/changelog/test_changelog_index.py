"""The 修订说明 finds each changed cell's service through a dict of each edition's services by id (build._Index),
made once per changelog, not by a pass over the edition each time. The reference is that pass (build._scan): both
give the same changelog, on the example revision of the shipped edition (institutional reforms among its changes)
and on a synthetic pair of bench/synth.py (a changed name and target in 1 % of the services, renumbering)."""

from __future__ import annotations

from pathlib import Path

import pytest
import synth

from qingdan.diff import compare
from qingdan.diff.codes import UNIT_LINEAGE_CODES
from qingdan.edition.pipeline import load_edition
from qingdan.output.changelog import build

REPO = Path(__file__).resolve().parents[2]


def synthetic_pair(cache: Path) -> tuple[Path, Path]:
    old, new = synth.edition_pair(300, cache)
    return Path(old), Path(new)


@pytest.mark.parametrize("pair", ["example", "synthetic"])
def test_the_index_gives_the_changelog_a_pass_over_the_edition_gives(pair: str, tmp_path: Path) -> None:
    folders = (REPO / "policies" / "2017", REPO / "tests" / "revision" / "example" / "2019") if pair == "example" \
        else synthetic_pair(tmp_path)
    old, new = (load_edition(folder) for folder in folders)
    report = compare(old, new)
    reference = build._changelog(report, old, new, build._scan)
    assert reference.rows
    if pair == "example":
        assert any(change.code in UNIT_LINEAGE_CODES for change in report.changes)
    assert build.changelog(report, old, new) == reference
