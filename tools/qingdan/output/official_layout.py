"""The published layout regenerated from an edition: the official table's rows, and the notice as official text.

``layout_rows`` gives the table as it is published — a category row (一、基本公共教育) before each category, one row
per service, and a sub-row with empty number and name cells for each part (item 52) — for the xlsx and docx exports
to lay out. ``render_table`` and ``render`` write it in the text format the importer reads (docs/source-format.md),
so import followed by render is a round trip: ``source_table`` applies to an official text exactly the
normalisations the importer reports (``official_text.NORMALISATIONS``), and the table rendered from the data equals
it character for character.
"""

from __future__ import annotations

from datetime import date

from ..core.model import Category, Edition, Part, Row, Service
from ..core.records import frozen
from ..edition.shapes import shape
from ..io.official_text import UNIT_SEPARATOR, parse

CATEGORY_SEPARATOR = "、"  # 一、基本公共教育
TITLE_BREAK = "清单"
PRINTER_GAP = " " * 13  # between the printer and the printing date on the footer's last line, as published


@frozen
class LayoutRow:
    """One row of the published table: its kind, its seven cells ('' where a cell is empty) and what it shows."""

    kind: str  # "category", "service" or "part"
    cells: tuple[str, ...]
    category: Category | None = None
    service: Service | None = None
    part: Part | None = None


def row_cells(row: Row, columns: tuple[str, ...] = ("target", "standard", "funding", "city_units",
                                                   "district_units")) -> tuple[str, ...]:
    """The cells a service and a part share, in the columns of the edition's shape (shapes.Shape.row_columns):
    target, standard, funding, city units, district units in the list-2017 shape."""
    values = (getattr(row, name) for name in columns)
    return tuple(UNIT_SEPARATOR.join(value) if isinstance(value, tuple) else (value or "") for value in values)


def category_label(category: Category, *, under_area: bool = False) -> str:
    """一、基本公共教育; a category under an area (the standard-2021 shape) as （一）优孕优生服务."""
    if under_area:
        return f"（{category.numeral}）{category.name}"
    return f"{category.numeral}{CATEGORY_SEPARATOR}{category.name}"


def layout_rows(edition: Edition) -> tuple[LayoutRow, ...]:
    """The table's rows in document order, in the layout of the edition's shape: a category row whenever the
    category changes (after an area row whenever the area changes, where the shape groups by areas), then services
    and parts. A heading row is of kind "category" (an area's row has no ``category``)."""
    of = shape(edition.shape)
    columns = of.row_columns
    width = len(of.layout)
    categories = {c.id: c for c in edition.categories}
    areas = {a.id: a for a in edition.areas}
    rows: list[LayoutRow] = []
    current: str | None = None
    current_area: str | None = None
    for service in edition.services:
        if service.category != current:
            current = service.category
            category = categories.get(current) or Category(current, "", current)
            area = areas.get(category.area or "") if of.has_areas else None
            if area is not None and area.id != current_area:
                current_area = area.id
                heading = f"{area.numeral}{CATEGORY_SEPARATOR}{area.name}"
                rows.append(LayoutRow("category", (heading,) + ("",) * (width - 1)))
            rows.append(LayoutRow("category", (category_label(category, under_area=area is not None),)
                                  + ("",) * (width - 1), category=category))
        rows.append(LayoutRow("service", (str(service.number), service.name, *row_cells(service, columns)),
                              service=service))
        rows += [LayoutRow("part", ("", "", *row_cells(part, columns)), service=service, part=part)
                 for part in service.parts]
    return tuple(rows)


def merged_runs(edition_rows: tuple[LayoutRow, ...]) -> list[tuple[int, int, int]]:
    """Vertical merges of the published table as (first row, last row, column), rows counted in ``edition_rows``.

    A service with parts spans its number and name over its sub-rows; a part's empty cell belongs to the cell
    above it (item 52's 重特大疾病 row has no standard or funding of its own), so that cell spans it too.
    """
    runs: list[tuple[int, int, int]] = []
    index = 0
    while index < len(edition_rows):
        row = edition_rows[index]
        end = index
        while end + 1 < len(edition_rows) and edition_rows[end + 1].kind == "part":
            end += 1
        if row.kind == "service" and end > index:
            runs += [(index, end, 0), (index, end, 1)]
            for column in range(2, len(row.cells)):
                start = index
                for at in range(index + 1, end + 1):
                    if edition_rows[at].cells[column]:
                        if at - 1 > start:
                            runs.append((start, at - 1, column))
                        start = at
                if end > start:
                    runs.append((start, end, column))
        index = end + 1
    return runs


# -- the official text ---------------------------------------------------------------------------------------------

def _cell_lines(text: str) -> list[str]:
    """A cell: its first line after a tab, continuation lines as they are (the importer's continuation rule)."""
    first, *rest = text.split("\n")
    return ["\t" + first, *rest]


def render_table(edition: Edition) -> str:
    """The table in the official text format: the header, then rows separated by an empty line."""
    blocks = [[line for cell in shape(edition.shape).header for line in _cell_lines(cell)]]
    for row in layout_rows(edition):
        cells = row.cells[:2] if row.kind == "category" else row.cells
        blocks.append([line for cell in cells for line in _cell_lines(cell)])
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _chinese_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def title_lines(title: str) -> list[str]:
    """The table title on two lines, as the official text sets it and the importer expects it: after 清单 where the
    title goes on past it (万州区落实重庆市“十三五”基本公共服务清单 / 任务分工), else in the middle."""
    at = title.rfind(TITLE_BREAK) + len(TITLE_BREAK)
    if not len(TITLE_BREAK) <= at < len(title):
        at = max(1, len(title) // 2)
    return [title[:at], title[at:]]


def pending(value: str | None, what: str) -> str:
    """A notice field as published, or a visible placeholder while a revision's notice is not filled in."""
    return value if value else f"（{what}待定）"


def render(edition: Edition) -> str:
    """The whole notice as official text: the notice, the table and the footer, readable by ``qingdan import``.

    A revision whose notice is not published yet (new-edition clears it) renders as a draft for comment: each empty
    field of the notice is a visible placeholder such as （文号待定）, which import reads back as empty.
    """
    meta = edition.metadata
    issuer = pending(meta.issuer, "发文机关")
    title_rest = pending(meta.title, "标题").removeprefix(issuer)
    notice = [pending(meta.document_number, "文号"), "", issuer, title_rest, "", pending(meta.recipients, "主送"),
              pending(meta.preamble, "正文"), ""]
    for _, text in meta.requirements:
        notice += [text, ""]
    notice += [" " * 23 + issuer, "", " " * 28 + (_chinese_date(meta.signed) or pending(None, "成文日期")), "",
               *(title_lines(meta.table_title) if meta.table_title else [pending(None, "清单标题")])]
    footer = ["", "", f"抄送：{'，'.join(meta.copy_to) or pending(None, '抄送')}。",
              f"  {pending(meta.printer, '印发机关')}{PRINTER_GAP}"
              f"{_chinese_date(meta.printed) or pending(None, '印发日期')}印发"]
    return "\n".join(notice) + "\n" + render_table(edition) + "\n".join(footer) + "\n"


def source_table(text: str) -> str:
    """The table of an official text with the importer's documented normalisations applied, and nothing else.

    Continuation lines stay as they are (the importer keeps their line breaks); an empty unit name left by a stray
    、 is dropped and trailing spaces and tabs of a cell line are removed, on exactly the lines the importer reports.
    """
    document = parse(text)
    lines = text.replace("\r\n", "\n").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("\t"))
    end = max(row.line for row in document.rows)  # the first line of the last row, 1-based
    while end < len(lines) and (lines[end].startswith("\t") or lines[end].strip()):
        end += 1
    table = lines[start:end]
    for change in document.normalisations:
        at = change.line - 1 - start
        if not 0 <= at < len(table):
            continue  # the table title's continuation, before the table
        if change.code == "cell-whitespace":  # reported at the cell's first line; its text ends on its last
            while at + 1 < len(table) and table[at + 1] and not table[at + 1].startswith("\t"):
                at += 1
            table[at] = table[at].rstrip(" \t")
        elif change.code == "empty-unit":
            kept = [name for name in table[at].removeprefix("\t").split(UNIT_SEPARATOR) if name]
            table[at] = "\t" + UNIT_SEPARATOR.join(kept)
    return "\n".join(table).rstrip("\n") + "\n"
