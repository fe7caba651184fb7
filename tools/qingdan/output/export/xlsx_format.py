"""The xlsx export: the published table on the first sheet, the structured data for analysts on the sheets after it.

Sheet 清单 is the table as published (official_layout.py): the list's title, the seven Chinese column headers, a
category row before each category, item 52's sub-rows with its number, name and shared cells merged, wrapped text,
a frozen header, and a print setup (A4 landscape, the header row repeated on every page, fitted to the page width).
The sheets after it hold the data with numbers as numbers: 服务 (one row per service and part), 金额 (quantities),
分担 (cost splits, one row per share), 分工 (who does what), 单位 (the unit registry) and 导出信息 (how the export
was made, including ``exported_from_invalid``). Headers and codes are Chinese words unless ``--headers en``.

Written with XlsxWriter (write-only, no dependencies of its own, full print setup); every text goes in as a string
cell, never a formula, and a text a spreadsheet could take for a formula carries Excel's quote-prefix flag
(safe_cells.py). The file is written under a temporary name and renamed into place.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ...core.errors import DataError
from ...core.i18n import _
from ...core.model import Edition, Metadata
from ...core.vocabulary import COLUMNS, FIELDS, LEVELS, PAYERS, ROLES, SPLIT_KINDS, service_label
from ...edition.shapes import shape
from ...io.atomic import build_file
from ..official_layout import layout_rows, merged_runs
from . import ExportFormat, ExportOptions
from .csv_format import list_fields, list_headers, list_records
from .packages import chinese_language, our_application, rewrite
from .rows import ExportInfo, Record, table_rows
from .safe_cells import neutralise

PUBLISHED_SHEET = "清单"
CELL_LIMIT = 32767  # characters an xlsx cell holds (Excel's limit; XlsxWriter cuts longer texts)
WIDTHS = (6, 14, 24, 52, 26, 20, 20)  # 序号 … 区级对接落实责任部门, in character widths
HEADER_ROW = 1  # the title is row 0
FIRST_ROW = 2
_BASE = {"font_name": "宋体", "font_size": 10, "valign": "top", "text_wrap": True}
_STYLES: dict[str, dict[str, Any]] = {
    "title": {"font_name": "宋体", "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"},
    "header": {**_BASE, "bold": True, "align": "center", "valign": "vcenter", "border": 1, "bg_color": "#D9D9D9"},
    "category": {**_BASE, "bold": True, "border": 1, "valign": "vcenter", "bg_color": "#F2F2F2"},
    "cell": {**_BASE, "border": 1},
    "number": {**_BASE, "border": 1, "align": "center"},
    "data": {"font_name": "宋体", "font_size": 10, "valign": "top"},
    "data_header": {"font_name": "宋体", "font_size": 10, "bold": True, "bg_color": "#D9D9D9"},
}


# The sheet's name and its page, counted from 1 on every sheet. No "共 N 页": spreadsheet programs count N over
# the whole print job, so printing the workbook would put the workbook's page count on every sheet.
FOOTER = "&C&A  第 &P 页"

LINE_HEIGHT = 13.5  # points per line of 10-point text
PADDING = 3


def _text_width(text: str) -> float:
    """Column units a 10-point text takes: a Chinese character is about 1.75 digits of the default font."""
    return sum(1.75 if unicodedata.east_asian_width(c) in "WF" else 0.9 for c in text)


def wrapped_lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs in a column ``width`` characters wide (a little narrower, for the margins)."""
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(_text_width(line) / usable)) for line in text.split("\n")) if text else 1


def row_heights(rows: Sequence[Any], runs: list[tuple[int, int, int]], widths: Sequence[int] = WIDTHS
                ) -> list[float]:
    """Heights in points that show every wrapped cell whole: spreadsheets do not grow rows of generated files on
    their own. A merged cell's need is shared by its rows, the last one taking what the others lack. ``widths``:
    the columns' widths in the edition's shape."""
    merged = {(at, column) for first, last, column in runs for at in range(first, last + 1)}
    heights = [max(wrapped_lines(text, widths[column]) for column, text in enumerate(row.cells)
                   if (index, column) not in merged) * LINE_HEIGHT + PADDING
               if any((index, column) not in merged for column in range(len(widths))) else LINE_HEIGHT + PADDING
               for index, row in enumerate(rows)]
    for first, last, column in runs:
        need = wrapped_lines(rows[first].cells[column], widths[column]) * LINE_HEIGHT + PADDING
        have = sum(heights[first:last + 1])
        if need > have:
            heights[last] += need - have
    return heights


class Styles:
    """Workbook formats by name, each with a quote-prefix twin for texts a spreadsheet could run as formulas."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.cache: dict[tuple[str, bool], Any] = {}

    def __call__(self, name: str, quote: bool = False) -> Any:
        if (name, quote) not in self.cache:
            self.cache[(name, quote)] = self.workbook.add_format({**_STYLES[name], "quote_prefix": quote})
        return self.cache[(name, quote)]


def put(sheet: Any, styles: Styles, row: int, column: int, value: Any, style: str) -> None:
    """Write one typed cell: text as a string cell (quote-prefixed when risky), numbers as numbers, None blank."""
    if value is None or value == "":
        sheet.write_blank(row, column, None, styles(style))
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, styles(style))
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value, styles(style))
    else:
        text = str(value)
        # a text a spreadsheet could run is prefixed with ' (as in CSV, as OWASP advises) and flagged quote-prefix:
        # no cell starts a formula, even after an edit; the shipped texts have none such, so the layout is unchanged
        safe = neutralise(text)
        if len(safe) > CELL_LIMIT or sheet.write_string(row, column, safe, styles(style, safe != text)) != 0:
            # XlsxWriter would cut the text at the limit and go on: refuse instead, naming the cell
            from xlsxwriter.utility import xl_rowcol_to_cell

            raise DataError(_("the text for cell {cell} of sheet {sheet} has {length} characters; an xlsx cell holds "
                              "at most {limit} (nothing written)").format(
                cell=xl_rowcol_to_cell(row, column), sheet=sheet.name, length=len(safe), limit=CELL_LIMIT))


def check_cell_lengths(edition: Edition) -> None:
    """Refuse, naming the service and the column, a text of the table longer than an xlsx cell holds (32,767
    characters): a spreadsheet program would show it cut, and nothing would say so."""
    for layout in layout_rows(edition):
        for label, text in zip(shape(edition.shape).header, layout.cells, strict=True):
            if len(neutralise(text)) > CELL_LIMIT and layout.service is not None:
                raise DataError(_("{service}: the {column} text has {length} characters; an xlsx cell holds at most "
                                  "{limit} (nothing written; the json, csv and docx exports keep it whole)").format(
                    service=service_label(layout.service.number, layout.service.name), column=f"“{label}”",
                    length=len(neutralise(text)), limit=CELL_LIMIT))


def published_sheet(workbook: Any, styles: Styles, edition: Edition) -> None:
    sheet = workbook.add_worksheet(PUBLISHED_SHEET)
    of = shape(edition.shape)
    rows = layout_rows(edition)
    last = len(of.layout) - 1
    sheet.merge_range(0, 0, 0, last, "", styles("title"))
    put(sheet, styles, 0, 0, edition.metadata.table_title, "title")
    sheet.set_row(0, 36)
    for column, (label, width) in enumerate(zip(of.header, of.widths, strict=True)):
        sheet.set_column(column, column, width)
        put(sheet, styles, HEADER_ROW, column, label, "header")
    sheet.set_row(HEADER_ROW, 30)
    runs = merged_runs(rows)
    heights = row_heights(rows, runs, of.widths)
    for index, layout in enumerate(rows):
        at = FIRST_ROW + index
        if layout.kind == "category":
            sheet.merge_range(at, 0, at, last, "", styles("category"))
            put(sheet, styles, at, 0, layout.cells[0], "category")
            sheet.set_row(at, 20)
            continue
        number: int | str = layout.service.number if layout.kind == "service" and layout.service else ""
        put(sheet, styles, at, 0, number, "number")
        for column in range(1, last + 1):
            put(sheet, styles, at, column, layout.cells[column], "cell")
        sheet.set_row(at, heights[index])
    for first, last, column in runs:
        style = "number" if column == 0 else "cell"
        top = rows[first]
        value: int | str = top.service.number if column == 0 and top.service else top.cells[column]
        sheet.merge_range(FIRST_ROW + first, column, FIRST_ROW + last, column, "", styles(style))
        put(sheet, styles, FIRST_ROW + first, column, value, style)
    sheet.freeze_panes(FIRST_ROW, 0)
    print_setup(sheet, header_row=HEADER_ROW, landscape=True)
    sheet.activate()  # the sheet a reader sees on opening, and the first one printed


Column = tuple[str, str, str, int]  # key, Chinese header, English header (the field name), width


PORTRAIT_WIDTH = 130  # character widths an A4 portrait page holds at a readable scale (about 80 %); wider: landscape


def print_setup(sheet: Any, *, header_row: int, landscape: bool, one_page: bool = False) -> None:
    """A4, one page wide (and as many tall as needed, or one page with ``one_page``), the header row repeated on
    every page, the pages of this sheet numbered in its footer."""
    sheet.set_paper(9)  # A4
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 1 if one_page else 0)
    sheet.repeat_rows(header_row)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_start_page(1)  # every sheet counts its own pages from 1
    sheet.set_footer(FOOTER)


def _column_widths(columns: Sequence[Column]) -> int:
    return sum(width for *_, width in columns)


def data_sheet(workbook: Any, styles: Styles, name: str, columns: Sequence[Column], records: list[Record],
               zh: bool) -> None:
    """A plain table for analysts: a header row with a filter, frozen, typed cells below."""
    sheet = workbook.add_worksheet(name)
    for column, (_key, chinese, english, width) in enumerate(columns):
        sheet.set_column(column, column, width)
        put(sheet, styles, 0, column, chinese if zh else english, "data_header")
    for row, record in enumerate(records, 1):
        for column, (key, *_rest) in enumerate(columns):
            put(sheet, styles, row, column, record.get(key), "data")
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(records), 1), len(columns) - 1)
    print_setup(sheet, header_row=0, landscape=_column_widths(columns) > PORTRAIT_WIDTH)


def _word(vocabulary: dict[str, str], zh: bool) -> Callable[[Any], Any]:
    return lambda code: vocabulary.get(code, code) if zh and isinstance(code, str) else code


def structured_sheets(edition: Edition, info: ExportInfo, zh: bool) -> list[tuple[str, list[Column], list[Record]]]:
    """The analysts' sheets: (sheet name, columns, records), with codes turned into words when ``zh``."""
    tables = table_rows(edition, info)
    numbers = {s.id: s.number for s in edition.services}
    field, level, payer = _word(FIELDS, zh), _word(LEVELS, zh), _word(PAYERS, zh)

    def located(record: Record) -> Record:
        key = record.get("part_key")
        return {**record, "number": numbers.get(record["service_id"]), "part_id": key.split("/", 1)[1] if key else None}

    headers = list_headers(edition)
    list_columns = [(name, headers[name], name, 14 if name not in ("target", "content", "standard", "funding")
                     else 40) for name in list_fields(edition)]
    amounts = [{**located(r), "field": field(r["field"])} for r in tables.get("amounts", [])]
    splits = {r["id"]: located(r) for r in tables.get("splits", [])}
    shares = [{**splits[s["split_id"]], "kind": _word(SPLIT_KINDS, zh)(splits[s["split_id"]]["kind"]),
               "field": field(splits[s["split_id"]]["field"]), "payer": payer(s["payer"]), "share": s["value"],
               "share_quantity": s["quantity"], "share_position": s["position"]}
              for s in tables.get("shares", [])]
    links = [{**located(r), "column": _word(COLUMNS, zh)(r["column"]), "role": _word(ROLES, zh)(r["role"]),
              "level": level(r["level"])} for r in tables.get("service_units", [])]
    units = [{**r, "level": level(r["level"])} for r in tables.get("units", [])]
    meta = tables["edition"][0]
    about = [{"key": key if not zh else chinese, "value": meta[key]} for key, chinese in (
        ("edition", "版本名称"), ("document_number", "文号"), ("title", "标题"), ("data_version", "数据版本"),
        ("format_version", "导出格式版本"), ("qingdan_version", "qingdan 版本"),
        ("exported_from_invalid", "含校验错误仍导出"), ("validation_errors", "校验错误数"))]
    where = [("number", "序号", "number", 6), ("service_id", "服务编号", "service_id", 22),
             ("part_id", "子项", "part_id", 18)]
    return [
        ("服务" if zh else "services", list_columns,
         list_records(edition, PAYERS if zh else None)),
        ("金额" if zh else "amounts", [*where, ("name", "名称", "name", 24), ("field", "栏目", "field", 12),
                                      ("quote", "原文", "quote", 40), ("value", "数值", "value", 10),
                                      ("minimum", "下限", "minimum", 10), ("maximum", "上限", "maximum", 10),
                                      ("unit", "单位", "unit", 8), ("per", "计量", "per", 14)], amounts),
        ("分担" if zh else "splits", [*where, ("name", "名称", "name", 24), ("kind", "方式", "kind", 8),
                                     ("field", "栏目", "field", 12), ("quote", "原文", "quote", 40),
                                     ("total", "合计", "total", 16), ("share_position", "份次", "share_position", 6),
                                     ("payer", "承担方", "payer", 10), ("share", "份额", "share", 8),
                                     ("share_quantity", "金额名称", "share_quantity", 20)], shares),
        ("分工" if zh else "service_units", [*where, ("column", "栏目", "column", 20),
                                            ("position", "位次", "position", 6), ("unit", "单位", "unit", 20),
                                            ("role", "职责", "role", 8), ("level", "层级", "level", 8)], links),
        ("单位" if zh else "units", [("name", "单位", "name", 22), ("level", "层级", "level", 8),
                                    ("counterpart", "区级对接单位", "counterpart", 22), ("note", "说明", "note", 60)],
         units),
        ("导出信息" if zh else "export", [("key", "项目", "key", 22), ("value", "内容", "value", 60)], about),
    ]


def notice_day(meta: Metadata) -> datetime:
    """The file's date: the notice's printing date (else its signing date), so that the same data always gives the
    same file; a revision whose notice is not written yet gets a fixed date."""
    day = meta.printed or meta.signed or date(2000, 1, 1)
    return datetime(day.year, day.month, day.day)


def properties(meta: Metadata, title: str) -> dict[str, Any]:
    """A workbook's document properties, from the notice: its title, the issuer as author, its 文号, its date."""
    return {"title": title, "subject": meta.title or "", "author": meta.issuer or "", "company": meta.issuer or "",
            "keywords": meta.document_number or "", "created": notice_day(meta)}


def write_workbook(path: Path, edition: Edition, info: ExportInfo, zh: bool) -> None:
    import xlsxwriter  # heavy, and needed only here

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                               "strings_to_numbers": False})
    workbook.set_properties(properties(edition.metadata, edition.metadata.table_title or ""))
    styles = Styles(workbook)
    check_cell_lengths(edition)
    published_sheet(workbook, styles, edition)
    for name, columns, records in structured_sheets(edition, info, zh):
        data_sheet(workbook, styles, name, columns, records, zh)
    close(workbook, path)


def close(workbook: Any, path: Path) -> None:
    """Write the workbook, then say in its properties what made it (not an office suite) and its language."""
    workbook.close()
    path.write_bytes(rewrite(path.read_bytes(), edits={"docProps/app.xml": our_application,
                                                       "docProps/core.xml": chinese_language}))


def write(edition: Edition, out: Path, info: ExportInfo, options: ExportOptions) -> None:
    zh = (options.headers or "zh") == "zh"
    build_file(out, lambda path: write_workbook(path, edition, info, zh))


REGISTERED = ExportFormat(write=write)
