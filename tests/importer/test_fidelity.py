"""The committed edition says exactly what the official text says.

Two independent checks: (1) a deliberately naive second reading of the official table (tab-led cells, blank-line
rows) compared cell by cell with the committed YAML; (2) the importer run over the full text into a fresh folder,
whose text fields must equal the committed ones, and a dry re-import of the shipped edition that changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from qingdan.edit.importing import ROW_TEXT_KEYS, SERVICE_TEXT_KEYS, import_source
from qingdan.edition.load import DirectorySource, read_edition_files

TEXT_COLUMNS = ("number", "name", "target", "standard", "funding", "city_units", "district_units")


def naive_rows(text: str) -> list[list[str]]:
    """Every 7-cell table row, cells as published (continuation lines kept with their line breaks)."""
    table = text.split("\t序号\n", 1)[1].split("抄送：", 1)[0]
    rows = []
    for block in table.split("\n\n"):
        cells: list[str] = []
        for line in block.split("\n"):
            if line.startswith("\t"):
                cells.append(line[1:])
            elif line and cells:
                cells[-1] += "\n" + line
        if len(cells) == 7:
            rows.append(cells)
    return rows  # the header's other six cells make a 6-cell block, left out like the category rows


def normalised(cells: list[str]) -> dict[str, object]:
    """The documented normalisation: units split on 、 with empty names dropped; empty cells are null."""
    row: dict[str, object] = {}
    for column, cell in zip(TEXT_COLUMNS, cells, strict=True):
        if column.endswith("_units"):
            row[column] = [u for u in cell.split("、") if u]
        elif column == "number":
            row[column] = int(cell) if cell else None
        else:
            row[column] = cell or None
    return row


def committed_rows(edition: Path) -> list[dict[str, object]]:
    files = read_edition_files(DirectorySource(edition))
    services = sorted((d.data for d in files.services), key=lambda s: s["number"])
    rows: list[dict[str, object]] = []
    for service in services:
        rows.append({k: service[k] for k in TEXT_COLUMNS})
        for part in service.get("parts", []):
            rows.append({"number": None, "name": None, **{k: part[k] for k in ROW_TEXT_KEYS}})
    return rows


def test_each_cell_of_all_89_rows_equals_the_official_text(shipped_edition: Path) -> None:
    expected = [normalised(cells) for cells in naive_rows((shipped_edition / "source.txt").read_text("utf-8"))]
    actual = committed_rows(shipped_edition)
    assert len(expected) == len(actual) == 89
    for want, got in zip(expected, actual, strict=True):
        assert got == want, f"row {want['number'] or '(sub-row)'} differs from the official text"


def test_importer_over_the_full_text_extracts_the_committed_text(shipped_edition: Path, tmp_path: Path) -> None:
    report = import_source(shipped_edition / "source.txt", "2017", tmp_path / "fresh")
    assert (report.services, report.parts, report.categories) == (87, 2, 8)
    fresh = read_edition_files(DirectorySource(tmp_path / "fresh"))
    committed = read_edition_files(DirectorySource(shipped_edition))
    fresh_by_name = {d.data["name"]: d.data for d in fresh.services}
    for document in committed.services:
        mine = document.data
        theirs = fresh_by_name[mine["name"]]
        for key in SERVICE_TEXT_KEYS:
            if key != "category":  # fresh category ids are generated; the names are compared below
                assert mine[key] == theirs[key], f"{document.name}: {key}"
        for part, fresh_part in zip(mine.get("parts", []), theirs.get("parts", []), strict=True):
            for key in ROW_TEXT_KEYS:
                assert part[key] == fresh_part[key], f"{document.name}: parts/{key}"
    assert fresh.edition.data["document"] == committed.edition.data["document"]
    # the parent's edition (the list above, policies/national-2017) is the editors' key: no text states it
    assert fresh.edition.data["parent"] == {k: v for k, v in committed.edition.data["parent"].items() if k != "edition"}
    assert [c["name"] for c in fresh.edition.data["categories"]] == \
        [c["name"] for c in committed.edition.data["categories"]]


def test_reimporting_the_shipped_edition_changes_nothing(shipped_edition: Path) -> None:
    report = import_source(shipped_edition / "source.txt", "2017", shipped_edition, dry_run=True)
    assert report.written == ()
    assert report.removed == ()
    assert report.new_ids == () and report.new_units == ()
