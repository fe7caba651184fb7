"""Every export format loads back into the same services, parts, units, categories and metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from qingdan import Edition
from qingdan.output.export import LOADABLE, ExportInfo, ExportOptions, export, read

OUTPUTS = {"json": "edition.json", "csv": "csv", "sqlite": "edition.sqlite", "datapackage": "package"}


@pytest.mark.parametrize("name", sorted(LOADABLE))
def test_export_loads_back_exactly(edition: Edition, tmp_path: Path, name: str) -> None:
    out = tmp_path / OUTPUTS[name]
    export(edition, name, out, ExportInfo())
    loaded, info = read(name, out)
    assert loaded.services == edition.services
    assert [s.parts for s in loaded.services] == [s.parts for s in edition.services]
    assert loaded.units == edition.units
    assert loaded.categories == edition.categories
    assert loaded.metadata == edition.metadata
    assert info == ExportInfo()
    assert len(loaded.services) == 87 and len(loaded.service(52).parts) == 2


@pytest.mark.parametrize("name", sorted(LOADABLE))
def test_a_forced_export_says_so(edition: Edition, tmp_path: Path, name: str) -> None:
    out = tmp_path / OUTPUTS[name]
    export(edition, name, out, ExportInfo(exported_from_invalid=True, validation_errors=3))
    _, info = read(name, out)
    assert info.exported_from_invalid and info.validation_errors == 3


def test_excel_csv_has_a_byte_order_mark_and_still_loads_back(edition: Edition, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export(edition, "csv", out, ExportInfo(), ExportOptions(excel=True))
    assert all(path.read_bytes().startswith(b"\xef\xbb\xbf") for path in out.glob("*.csv"))
    assert read("csv", out)[0].services == edition.services


def test_structured_fields_survive_every_format(edition: Edition, tmp_path: Path) -> None:
    # The shipped data carries quantities, splits and a derivation; the round trip must not lose the numbers' types.
    with_numbers = [s for s in edition.services if s.quantities]
    assert with_numbers, "the shipped edition should carry structured quantities"
    for name in LOADABLE:
        out = tmp_path / OUTPUTS[name]
        export(edition, name, out, ExportInfo())
        loaded = read(name, out)[0]
        for service in with_numbers:
            assert [q.value for q in loaded.service(service.id).quantities] == [q.value for q in service.quantities]


@pytest.mark.parametrize("name", sorted(LOADABLE))
def test_the_levels_survive_every_format(edition: Edition, repo_root: Path, tmp_path: Path, name: str) -> None:
    # the district list's level, parent edition and implements, and the national list's names-only rows
    import qingdan

    for source in (edition, qingdan.load(repo_root / "policies" / "national-2017")):
        out = tmp_path / source.metadata.edition / OUTPUTS[name]
        out.parent.mkdir()
        export(source, name, out, ExportInfo())
        loaded = read(name, out)[0]
        assert loaded.metadata == source.metadata and loaded.services == source.services
        assert [s.implements for s in loaded.services] == [s.implements for s in source.services]
    national = loaded.metadata
    assert (national.level, national.parent, loaded.services[0].unknown[:1]) == ("national", None, ("target",))
    assert edition.metadata.parent_edition == "national-2017"
