"""import → render is a round trip: the official text regenerated from an edition's data gives back the table of
the text it was imported from exactly, after only the importer's documented normalisations."""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan import Edition
from qingdan.edition.pipeline import load_edition
from qingdan.io.official_text import NORMALISATIONS, parse
from qingdan.output.official_layout import layout_rows, merged_runs, render, render_table, source_table

if TYPE_CHECKING:
    from tests.conftest import RunCli

REPO = Path(__file__).resolve().parents[2]
# Every edition folder that carries the official text it was imported from. A revision (policies/<name>, or a
# fixture under tests/revision/) is picked up here by its source.txt; another folder can be added by one line.
EDITIONS = sorted({path.parent for pattern in ("policies/*/source.txt", "tests/revision/source.txt",
                                               "tests/revision/*/source.txt") for path in REPO.glob(pattern)})


def _blocks(text: str) -> list[list[str]]:
    """Rows of a table text: blocks separated by an empty line, each a list of cells (continuations joined)."""
    rows = []
    for block in text.rstrip("\n").split("\n\n"):
        cells: list[str] = []
        for line in block.split("\n"):
            if line.startswith("\t"):
                cells.append(line[1:])
            else:
                cells[-1] += "\n" + line
        rows.append(cells)
    return rows


def test_the_shipped_edition_is_among_the_round_trip_editions() -> None:
    assert REPO / "policies" / "2017" in EDITIONS


@pytest.mark.parametrize("folder", EDITIONS, ids=lambda p: str(p.relative_to(REPO)))
def test_rendered_table_equals_the_source_table_row_by_row_and_cell_by_cell(folder: Path) -> None:
    expected = source_table((folder / "source.txt").read_text(encoding="utf-8"))
    rendered = render_table(load_edition(folder))
    want, got = _blocks(expected), _blocks(rendered)
    assert len(got) == len(want)
    for number, (want_row, got_row) in enumerate(zip(want, got, strict=True)):
        assert len(got_row) == len(want_row), f"row {number}: {got_row[:2]}"
        for column, (want_cell, got_cell) in enumerate(zip(want_row, got_row, strict=True)):
            assert got_cell == want_cell, f"row {number} ({want_row[0]!r}), cell {column}"
    assert rendered == expected  # and so, character for character, separators included


@pytest.mark.parametrize("folder", EDITIONS, ids=lambda p: str(p.relative_to(REPO)))
def test_rendered_notice_differs_from_the_source_only_where_the_importer_normalised(folder: Path) -> None:
    source = (folder / "source.txt").read_text(encoding="utf-8")
    rendered = render(load_edition(folder))
    original, again = parse(source), parse(rendered)
    for name in ("document_number", "issuer", "title", "recipients", "preamble", "requirements", "signed",
                 "table_title", "copy_to", "printer", "printed", "parent_number", "parent_title"):
        assert getattr(again, name) == getattr(original, name), name
    assert [dataclasses.replace(r, line=0) for r in again.rows] == \
        [dataclasses.replace(r, line=0) for r in original.rows]  # records of one class are equal field by field
    normalised = {n.line for n in original.normalisations if n.code != "continuation"}
    source_lines = source.rstrip().split("\n")  # whitespace after the footer is not part of the notice
    changed = [tag for tag in difflib.SequenceMatcher(a=source_lines, b=rendered.rstrip().split("\n"),
                                                      autojunk=False).get_opcodes() if tag[0] != "equal"]
    for _, start, end, _, _ in changed:
        assert set(range(start + 1, end + 1)) <= normalised, source_lines[start:end]
    assert not {n.code for n in again.normalisations} - {"continuation"}  # the rendered text needs none but those


def test_source_table_applies_exactly_the_reported_normalisations(shipped_edition: Path) -> None:
    source = (shipped_edition / "source.txt").read_text(encoding="utf-8")
    reported = parse(source).normalisations
    assert {n.code for n in reported} <= set(NORMALISATIONS)
    assert [n.line for n in reported if n.code == "empty-unit"] == [603]
    table = source_table(source)
    assert "\t区文化委、区财政局\n" in table and "区财政局、\n" not in table
    # with a trailing space planted on a cell, the normalised table is the same: the importer strips it and says so
    spaced = source.replace("\t免费义务教育\n", "\t免费义务教育  \n", 1)
    assert any(n.code == "cell-whitespace" for n in parse(spaced).normalisations)
    assert source_table(spaced) == table


def test_item_52_spans_its_number_name_and_shared_cells_over_its_sub_rows(edition: Edition) -> None:
    rows = layout_rows(edition)
    assert [r.kind for r in rows].count("category") == 8
    assert [r.kind for r in rows].count("service") == 87 and [r.kind for r in rows].count("part") == 2
    at = next(i for i, r in enumerate(rows) if r.service and r.service.number == 52 and r.kind == "service")
    assert sorted(merged_runs(rows)) == sorted([(at, at + 2, 0), (at, at + 2, 1), (at, at + 1, 3), (at, at + 1, 4)])


def test_render_command_prints_the_text_and_refuses_an_invalid_edition(run_cli: RunCli, edition: Edition,
                                                                       edition_copy: Path,
                                                                        tmp_path: Path) -> None:
    result = run_cli("render", "2017")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == render(edition)
    assert run_cli("export", "2017", "--format", "text").stdout == result.stdout
    out = tmp_path / "notice.txt"
    assert run_cli("render", "2017", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == render(edition)
    units = edition_copy / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("name: 区教委\n", "name: 区教育委\n", 1),
                     encoding="utf-8")
    out.write_text("previous", encoding="utf-8")
    refused = run_cli("render", str(edition_copy), "-o", str(out))
    assert refused.exit_code == 1 and "not exported" in refused.stderr
    assert out.read_text(encoding="utf-8") == "previous"
