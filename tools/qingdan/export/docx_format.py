"""The docx export: the notice as a Word document, with the table in the published layout (python-docx).

A portrait A4 section holds the notice — 文号, title, addressees, preamble, the work requirements, signature and
date; a landscape section holds the table's title and the table: the seven Chinese column headers (repeated on every
page), a category row spanning the table before each category, a row per service and item 52's sub-rows with its
number, name and shared cells merged as published (official_layout.py); then the closing block with the copy-to
list (抄送) and the printing line (印发). Text is exactly the data's; nothing in a Word document is evaluated, so no
cell needs neutralising. The file is written under a temporary name and renamed into place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ..atomic import build_file
from ..model import Edition
from ..official_layout import LayoutRow, layout_rows, merged_runs, title_lines
from ..vocabulary import TABLE_HEADER
from .rows import ExportInfo

FONT = "宋体"
BODY_PT = 14
TABLE_PT = 9
TITLE_PT = 18
TABLE_WIDTHS_CM = (1.2, 2.6, 3.8, 7.8, 4.1, 3.4, 3.6)  # 26.5 cm: A4 landscape less 1.6 cm margins each side


def chinese_date(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def set_font(run: Any, size: float | None = None, bold: bool = False) -> None:
    """A Chinese font for both scripts: Word picks the East Asian font from its own attribute."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold or None


def paragraph(container: Any, text: str, *, size: float = BODY_PT, bold: bool = False, align: str | None = None,
              indent: bool = False) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    para = container.add_paragraph()
    set_font(para.add_run(text), size, bold)
    if align:
        para.alignment = getattr(WD_ALIGN_PARAGRAPH, align)
    if indent:
        para.paragraph_format.first_line_indent = Pt(size * 2)  # two characters, as Chinese paragraphs start
    return para


def _page_number_footer(section: Any) -> None:
    """— N — centred at the foot of every page, as a PAGE field Word and LibreOffice fill in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(para.add_run("— "), 10)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    para._p.append(field)
    set_font(para.add_run(" —"), 10)


def _row_flag(row: Any, flag: str) -> None:
    """Set a row property: w:tblHeader repeats the row on every page, w:cantSplit keeps a row on one page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(flag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _fill(cell: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    para = cell.paragraphs[0]
    set_font(para.add_run(text), TABLE_PT, bold)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER


def new_table(document: Any, header: Sequence[str], rows: int, widths_cm: Sequence[float]) -> Any:
    """A bordered table with fixed column widths, its header row repeated on every page, no row split by a page."""
    from docx.shared import Cm

    table = document.add_table(rows=1 + rows, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice follows; Word follows each cell's own width
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
        _row_flag(row, "w:cantSplit")
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        _fill(cell, label, bold=True, center=True)
    _row_flag(table.rows[0], "w:tblHeader")
    return table


def fill_table(document: Any, header: Sequence[str], rows: Sequence[Sequence[Any]],
               widths_cm: Sequence[float]) -> Any:
    """A plain table of values (None for an empty cell)."""
    table = new_table(document, header, len(rows), widths_cm)
    for index, values in enumerate(rows, 1):
        for column, (cell, value) in enumerate(zip(table.rows[index].cells, values, strict=True)):
            if value is not None and value != "":
                _fill(cell, str(value), center=column == 0)
    return table


def add_table(document: Any, header: Sequence[str], rows: Sequence[LayoutRow], widths_cm: Sequence[float]) -> Any:
    """The published table: category rows spanning it, a row per service and part, item 52's merges."""
    table = new_table(document, header, len(rows), widths_cm)
    for index, layout in enumerate(rows, 1):
        cells = table.rows[index].cells
        if layout.kind == "category":
            merged = cells[0].merge(cells[-1])
            _fill(merged, layout.cells[0], bold=True)
            continue
        for column, text in enumerate(layout.cells):
            if text:
                _fill(cells[column], text, center=column == 0)
    for first, last, column in merged_runs(tuple(rows)):
        table.cell(first + 1, column).merge(table.cell(last + 1, column))
    return table


def write_document(path: Path, edition: Edition) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    meta = edition.metadata
    document = Document()
    document.core_properties.title = meta.title
    document.core_properties.author = meta.issuer
    document.core_properties.keywords = meta.document_number
    day = meta.printed or meta.signed
    if day:
        document.core_properties.created = datetime(day.year, day.month, day.day)
    portrait = document.sections[0]
    portrait.page_width, portrait.page_height = Cm(21), Cm(29.7)
    portrait.left_margin = portrait.right_margin = Cm(2.6)
    portrait.top_margin, portrait.bottom_margin = Cm(3.7), Cm(3.5)
    _page_number_footer(portrait)

    paragraph(document, meta.document_number, align="CENTER")
    paragraph(document, meta.issuer, size=TITLE_PT, bold=True, align="CENTER")
    paragraph(document, meta.title.removeprefix(meta.issuer), size=TITLE_PT, bold=True, align="CENTER")
    paragraph(document, meta.recipients)
    paragraph(document, meta.preamble, indent=True)
    for _, text in meta.requirements:
        paragraph(document, text, indent=True)
    paragraph(document, "")
    paragraph(document, meta.issuer, align="RIGHT")
    paragraph(document, chinese_date(meta.signed), align="RIGHT")

    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Cm(29.7), Cm(21)
    landscape.left_margin = landscape.right_margin = Cm(1.6)
    landscape.top_margin = landscape.bottom_margin = Cm(1.8)
    for line in title_lines(meta.table_title):
        paragraph(document, line, size=16, bold=True, align="CENTER")
    add_table(document, TABLE_HEADER, layout_rows(edition), TABLE_WIDTHS_CM)

    paragraph(document, "")
    paragraph(document, f"抄送：{'，'.join(meta.copy_to)}。", size=12)
    closing = paragraph(document, meta.printer, size=12)
    set_font(closing.add_run(f"\t{chinese_date(meta.printed)}印发"), 12)
    closing.paragraph_format.tab_stops.add_tab_stop(Cm(26.5), alignment=2)  # 2: right-aligned stop
    document.save(str(path))


def write(edition: Edition, out: Path, info: ExportInfo, options: object = None) -> None:
    from .printable import refuse_unprintable

    refuse_unprintable(edition)  # a control character would stop python-docx half-way (exit 3)
    build_file(out, lambda path: write_document(path, edition))
