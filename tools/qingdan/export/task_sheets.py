"""Department task sheets (任务分工) for print: xlsx with a sheet per department, docx with a section per department.

Each task is a row naming the department (tasks.py): the service's number and name, the part where the row is one
of item 52's, the department's role in it (牵头 for the first unit of its column, 配合 for the others), the column,
the other units of that column and the units of the other column, and the row's target, standard and funding.
``--all`` puts every department that has a task in one file, after an index sheet or page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..atomic import build_file
from ..model import Edition, Metadata
from ..tasks import Task, TaskSheet, known_units, task_sheet
from ..vocabulary import COLUMNS, LEVELS, ROLES

HEADER = ("序号", "服务项目", "分项", "职责", "栏目", "同栏单位", "对接单位", "服务对象", "服务指导标准", "支出责任")
WIDTHS = (5, 14, 6, 6, 12, 16, 16, 22, 44, 24)  # xlsx character widths
DOCX_WIDTHS_CM = (1.0, 2.4, 1.1, 1.1, 2.2, 2.6, 2.6, 3.5, 6.6, 3.4)  # 26.5 cm
INDEX_HEADER = ("单位", "层级", "对接单位", "任务行数", "牵头行数", "涉及服务数")
INDEX_SHEET = "汇总"
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def all_task_sheets(edition: Edition) -> tuple[TaskSheet, ...]:
    """The task sheet of every known unit that has at least one task, in registry order."""
    sheets = (task_sheet(edition, unit) for unit in known_units(edition))
    return tuple(sheet for sheet in sheets if sheet.tasks)


def task_cells(task: Task) -> tuple[Any, ...]:
    part = task.service.parts.index(task.part) + 1 if task.part is not None else None
    row = task.row
    return (task.service.number, task.service.name, f"分项{part}" if part else None, ROLES[task.role],
            COLUMNS[task.column], "、".join(task.partners) or None, "、".join(task.counterparts) or None,
            row.target, row.standard, row.funding)


def summary(sheet: TaskSheet) -> str:
    services = len({t.service.id for t in sheet.tasks})
    level = LEVELS.get(sheet.level or "", "未登记")
    return f"{level}单位；共 {len(sheet.tasks)} 项任务，涉及 {services} 个服务项目，其中牵头 {len(sheet.led)} 项。"


def index_cells(sheet: TaskSheet) -> tuple[Any, ...]:
    return (sheet.unit, LEVELS.get(sheet.level or "", "未登记"), sheet.counterpart, len(sheet.tasks),
            len(sheet.led), len({t.service.id for t in sheet.tasks}))


# -- xlsx ------------------------------------------------------------------------------------------------------------

def _sheet_name(unit: str, taken: set[str]) -> str:
    base = _SHEET_NAME_FORBIDDEN.sub("_", unit)[:31] or "unit"
    name, n = base, 2
    while name in taken:
        name = f"{base[:28]}_{n}"
        n += 1
    taken.add(name)
    return name


def _task_worksheet(workbook: Any, styles: Any, name: str, sheet: TaskSheet) -> None:
    from .xlsx_format import LINE_HEIGHT, PADDING, put, wrapped_lines

    worksheet = workbook.add_worksheet(name)
    worksheet.merge_range(0, 0, 0, len(HEADER) - 1, "", styles("title"))
    put(worksheet, styles, 0, 0, f"{sheet.unit} 任务清单", "title")
    worksheet.set_row(0, 30)
    worksheet.merge_range(1, 0, 1, len(HEADER) - 1, "", styles("data"))
    put(worksheet, styles, 1, 0, summary(sheet), "data")
    for column, (label, width) in enumerate(zip(HEADER, WIDTHS, strict=True)):
        worksheet.set_column(column, column, width)
        put(worksheet, styles, 2, column, label, "header")
    for row, task in enumerate(sheet.tasks, 3):
        cells = task_cells(task)
        for column, value in enumerate(cells):
            put(worksheet, styles, row, column, value, "number" if column == 0 else "cell")
        lines = max(wrapped_lines(str(value or ""), WIDTHS[column]) for column, value in enumerate(cells))
        worksheet.set_row(row, lines * LINE_HEIGHT + PADDING)
    worksheet.freeze_panes(3, 0)
    worksheet.repeat_rows(2)
    worksheet.set_landscape()
    worksheet.set_paper(9)
    worksheet.fit_to_pages(1, 0)
    worksheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    worksheet.set_footer(f"&C{sheet.unit}  第 &P 页，共 &N 页")


def index_worksheet(workbook: Any, styles: Any, name: str, sheets: Sequence[TaskSheet], title: str) -> None:
    """The 汇总 sheet: a title, the index of every unit's tasks as a bordered table, on one landscape page."""
    from .xlsx_format import print_setup, put

    index = workbook.add_worksheet(name)
    index.merge_range(0, 0, 0, len(INDEX_HEADER) - 1, "", styles("title"))
    put(index, styles, 0, 0, f"{title}{INDEX_SHEET}", "title")
    index.set_row(0, 36)
    for column, label in enumerate(INDEX_HEADER):
        index.set_column(column, column, 24 if column in (0, 2) else 12)
        put(index, styles, 1, column, label, "header")
    index.set_row(1, 30)
    for row, sheet in enumerate(sheets, 2):
        for column, value in enumerate(index_cells(sheet)):
            put(index, styles, row, column, value, "cell" if column in (0, 2) else "number")
    index.freeze_panes(2, 0)
    print_setup(index, header_row=1, landscape=True, one_page=True)
    index.activate()


def write_xlsx(path: Path, sheets: Sequence[TaskSheet], title: str = "", meta: Metadata | None = None) -> None:
    import xlsxwriter

    from .xlsx_format import Styles, close, properties

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                               "strings_to_numbers": False})
    if meta is not None:
        workbook.set_properties(properties(meta, title))
    styles = Styles(workbook)
    taken: set[str] = set()
    if len(sheets) > 1:
        index_worksheet(workbook, styles, _sheet_name(INDEX_SHEET, taken), sheets, title)
    for sheet in sheets:
        _task_worksheet(workbook, styles, _sheet_name(sheet.unit, taken), sheet)
    for worksheet in workbook.worksheets():
        worksheet.set_start_page(1)  # every sheet counts its own pages from 1
    close(workbook, path)


# -- docx ------------------------------------------------------------------------------------------------------------

def write_docx(path: Path, sheets: Sequence[TaskSheet], title: str, meta: Metadata | None = None) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    from .docx_format import fill_table, paragraph, properties, save

    document: Any = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(1.6)
    section.top_margin = section.bottom_margin = Cm(1.8)
    properties(document, meta, title)
    if len(sheets) > 1:
        paragraph(document, title, size=16, bold=True, align="CENTER")
        fill_table(document, INDEX_HEADER, [index_cells(sheet) for sheet in sheets],
                   (6.0, 2.5, 6.0, 4.0, 4.0, 4.0))
    for number, sheet in enumerate(sheets):
        if number or len(sheets) > 1:
            document.add_page_break()
        paragraph(document, f"{sheet.unit} 任务清单", size=16, bold=True, align="CENTER")
        paragraph(document, summary(sheet), size=11)
        fill_table(document, HEADER, [task_cells(task) for task in sheet.tasks], DOCX_WIDTHS_CM)
    save(document, path, meta)


def write(path: Path, sheets: Sequence[TaskSheet], format_: str, title: str, meta: Metadata | None = None) -> None:
    """Write the task sheets as ``format_`` (xlsx or docx) to ``path``, atomically; ``meta``, the notice, gives the
    files' properties and dates (the same data gives the same bytes)."""
    if format_ == "xlsx":
        build_file(path, lambda temporary: write_xlsx(temporary, sheets, title, meta))
    else:
        build_file(path, lambda temporary: write_docx(temporary, sheets, title, meta))
