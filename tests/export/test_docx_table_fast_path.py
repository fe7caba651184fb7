"""The official text's table is built in time linear in its rows (docx_format.attachment_table: each paragraph style
looked up once, cells merged by row element; docx_format._grid: each cell's width written as its attributes). The
reference is python-docx's own way, kept here as the table was built before: ``cell.width`` for every cell,
``table.rows[i].cells``, ``para.style = name`` and ``cell.merge`` for every merge. Both give the same bytes, on
the shipped edition (item 52's merges) and on a synthetic edition of bench/synth.py (its copies' merges, category
rows spanning the table), and so do the task sheets' tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import synth

from qingdan.core.vocabulary import TABLE_HEADER
from qingdan.edition.pipeline import load_edition
from qingdan.output.export import ExportInfo, ExportOptions, docx_format, export
from qingdan.output.official_layout import LayoutRow, layout_rows, merged_runs

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "policies" / "2017"


def reference_grid(document: Any, rows: int, widths_cm: Sequence[float]) -> Any:
    """_grid with python-docx's ``cell.width`` for every cell."""
    from docx.shared import Cm

    table = document.add_table(rows=1 + rows, cols=len(widths_cm))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
        docx_format._row_flag(row, "w:cantSplit")
    docx_format._row_flag(table.rows[0], "w:tblHeader")
    return table


def reference_table(document: Any, rows: Sequence[LayoutRow], widths_cm: Sequence[float],
                    header: Sequence[str] = TABLE_HEADER) -> Any:
    """attachment_table as python-docx does each step (quadratic in the rows)."""
    table = reference_grid(document, len(rows), widths_cm)
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        docx_format._cell(cell, "表头", label)
    for index, layout in enumerate(rows, 1):
        cells = table.rows[index].cells
        if layout.kind == "category":
            docx_format._cell(cells[0].merge(cells[-1]), "表格类别", layout.cells[0])
            continue
        for column, text in enumerate(layout.cells):
            docx_format._cell(cells[column], "表格", text, center=column == 0)
    for first, last, column in merged_runs(tuple(rows)):
        table.cell(first + 1, column).merge(table.cell(last + 1, column))
    for row in table.rows[-2:]:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True
    return table


def synthetic(size: int, target: Path) -> Path:
    made: Path = synth.generate(size, target)
    return made


def docx_bytes(edition: Path, out: Path) -> bytes:
    export(load_edition(edition), "docx", out, ExportInfo(), ExportOptions())
    return out.read_bytes()


@pytest.mark.parametrize("size", [None, 300])
def test_the_linear_table_gives_the_bytes_of_python_docx_own_steps(size: int | None, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    edition = SHIPPED if size is None else synthetic(size, tmp_path / "edition")
    merged: list[bool] = []
    merge_down = docx_format._merge_down

    def recording(*args: Any) -> bool:
        merged.append(merge_down(*args))
        return merged[-1]

    monkeypatch.setattr(docx_format, "_merge_down", recording)
    fast = docx_bytes(edition, tmp_path / "fast.docx")
    merges = merged_runs(tuple(layout_rows(load_edition(edition))))
    assert merges  # the table has vertical merges to make
    assert merged == [True] * len(merges)  # each by row element: python-docx's own merge is only the fallback
    monkeypatch.setattr(docx_format, "attachment_table", reference_table)
    assert docx_bytes(edition, tmp_path / "reference.docx") == fast


def reference_fill_table(document: Any, header: Sequence[str], rows: Sequence[Sequence[Any]],
                         widths_cm: Sequence[float]) -> Any:
    """fill_table with ``table.rows[i]`` for every row, on the reference grid."""
    table = reference_grid(document, len(rows), widths_cm)
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        docx_format._fill(cell, label, bold=True, center=True)
    for index, values in enumerate(rows, 1):
        for column, (cell, value) in enumerate(zip(table.rows[index].cells, values, strict=True)):
            if value is not None and value != "":
                docx_format._fill(cell, str(value), center=column == 0)
    return table


def test_the_task_sheets_give_the_bytes_of_python_docx_own_steps(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The task sheets' tables are made on the same grid, filled row by row."""
    from qingdan import api

    edition = load_edition(SHIPPED)
    fast, reference = tmp_path / "fast.docx", tmp_path / "reference.docx"
    api.write_task_sheets(fast, edition, None, "docx", "任务清单")
    monkeypatch.setattr(docx_format, "fill_table", reference_fill_table)
    api.write_task_sheets(reference, edition, None, "docx", "任务清单")
    assert reference.read_bytes() == fast.read_bytes()
