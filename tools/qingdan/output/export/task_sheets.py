"""Department task sheets (任务分工) for print: xlsx with a sheet per department, docx with a section per department.

Each task is a row naming the department (tasks.py): the service's number and name, the part (子项1) where the row
is one of item 52's, the department's role in it (牵头 for the first unit of its column, 配合 for the others), the
column, the other units of that column and the units of the other column, and the row's target, standard and
funding as the published table shows them: a part's merged cell carries the value of the cell above it. The column
words are the task sheets' one vocabulary (vocabulary.TASK_WORDS), shared with the text and Markdown formats.
``--all`` puts every department of the chosen level that has a task in one file, after an index sheet or page.

Every page is headed with the notice's 文号 and date and numbered (第 N 页，共 M 页). Sheet names follow Excel's
rules (sheet_names.py); the title cell of each sheet keeps the unit's full name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...core.model import Edition, Metadata
from ...core.records import frozen
from ...core.vocabulary import COLUMNS, LEVELS, ROLES, TASK_WORDS, part_label
from ...io.atomic import build_file
from ..tasks import Task, TaskSheet, known_units, task_sheet
from .printable import printable
from .sheet_names import SheetNames

HEADER = tuple(TASK_WORDS[name] for name in ("number", "name", "part", "role", "column", "partners", "counterparts",
                                             "target", "standard", "funding"))
WIDTHS = (6, 14, 7, 6, 21, 16, 16, 20, 38, 24)  # xlsx character widths: 序号, 子项 and 栏目 never wrap
DOCX_WIDTHS_CM = (1.3, 2.4, 1.4, 1.2, 2.2, 2.5, 2.5, 3.4, 6.3, 3.3)  # 26.5 cm
INDEX_HEADER = ("单位", "层级", "对接单位", "任务数", "牵头任务数", "涉及服务项目数")
INDEX_WIDTHS = (24, 8, 24, 10, 12, 16)
INDEX_WIDTHS_CM = (6.6, 2.4, 6.6, 3.0, 3.6, 4.3)  # 26.5 cm
INDEX_ROW_CM = 0.75  # every index row the same height: one line of text
INDEX_SHEET = "汇总"


@frozen
class Heading:
    """What heads every printed page: the sheet's title, the notice's 文号 and its date."""

    title: str
    document_number: str
    date_text: str  # 2018年1月31日
    metadata: Metadata  # the notice: the files' properties and dates (export.docx_format, xlsx_format)

    @classmethod
    def of(cls, metadata: Metadata, title: str) -> Heading:
        day = metadata.signed or metadata.printed
        return cls(title, metadata.document_number or "", f"{day.year}年{day.month}月{day.day}日" if day else "",
                   metadata)


def all_task_sheets(edition: Edition, level: str = "district") -> tuple[TaskSheet, ...]:
    """The task sheet of every known unit of ``level`` (district, city, or all) that has at least one task, in
    registry order. A district notice assigns tasks to district units, so that is the default; a unit missing
    from the registry is listed under every level, so that no task goes unprinted."""
    sheets = (task_sheet(edition, unit) for unit in known_units(edition))
    return tuple(sheet for sheet in sheets
                 if sheet.tasks and (level == "all" or sheet.level in (level, None)))


def layout(sheet: TaskSheet) -> tuple[tuple[str, ...], tuple[int, ...], tuple[float, ...]]:
    """The header, the xlsx widths and the docx widths of a task sheet: the list-2017 shape's are HEADER, WIDTHS
    and DOCX_WIDTHS_CM; another shape has its own text columns (shapes.Shape.task_widths)."""
    from ...edition.shapes import shape

    of = shape(sheet.shape)
    fields = [name for name, _word in sheet.text_fields]
    return (HEADER[:7] + tuple(of.word(name) for name in fields), WIDTHS[:7] + tuple(of.task_widths[name]
                                                                                    for name in fields),
            DOCX_WIDTHS_CM[:7] + tuple(of.task_widths_cm[name] for name in fields))


def task_cells(task: Task, fields: tuple[str, ...] = ("target", "standard", "funding")) -> tuple[Any, ...]:
    row = task.row
    return (task.service.number, task.service.name,
            part_label(task.part_number) if task.part_number is not None else None, ROLES[task.role],
            COLUMNS[task.column], "、".join(task.partners) or None, "、".join(task.counterparts) or None,
            *(getattr(row, name) for name in fields))


def summary(sheet: TaskSheet) -> str:
    services = len({t.service.id for t in sheet.tasks})
    level = LEVELS.get(sheet.level or "", "未登记")
    return f"{level}单位；共 {len(sheet.tasks)} 项任务，涉及 {services} 个服务项目，其中牵头 {len(sheet.led)} 项。"


def index_cells(sheet: TaskSheet) -> tuple[Any, ...]:
    return (sheet.unit, LEVELS.get(sheet.level or "", "未登记"), sheet.counterpart, len(sheet.tasks),
            len(sheet.led), len({t.service.id for t in sheet.tasks}))


# -- xlsx ------------------------------------------------------------------------------------------------------------

def _xlsx_print_setup(worksheet: Any, heading: Heading, name: str, header_row: int, pages_tall: int = 0) -> None:
    worksheet.repeat_rows(header_row)
    worksheet.set_landscape()
    worksheet.set_paper(9)
    worksheet.fit_to_pages(1, pages_tall)
    worksheet.set_margins(left=0.4, right=0.4, top=0.8, bottom=0.7)
    # & starts a code in Excel's header language: a literal one is written &&
    worksheet.set_header(f"&L{heading.document_number.replace('&', '&&')}&R{heading.date_text}")
    # the sheet's own pages only: a printed workbook's &N counts every sheet's pages (LibreOffice)
    worksheet.set_footer(f"&L{name.replace('&', '&&')}&C第 &P 页")
    worksheet.set_start_page(1)


def _task_worksheet(workbook: Any, styles: Any, name: str, sheet: TaskSheet, heading: Heading) -> None:
    from .xlsx_format import LINE_HEIGHT, PADDING, put, wrapped_lines

    worksheet = workbook.add_worksheet(name)
    header, widths, _cm = layout(sheet)
    fields = tuple(name for name, _word in sheet.text_fields)
    worksheet.merge_range(0, 0, 0, len(header) - 1, "", styles("title"))
    put(worksheet, styles, 0, 0, f"{sheet.unit} 任务清单", "title")
    worksheet.set_row(0, 30)
    worksheet.merge_range(1, 0, 1, len(header) - 1, "", styles("data"))
    put(worksheet, styles, 1, 0, summary(sheet), "data")
    for column, (label, width) in enumerate(zip(header, widths, strict=True)):
        worksheet.set_column(column, column, width)
        put(worksheet, styles, 2, column, label, "header")
    for row, task in enumerate(sheet.tasks, 3):
        cells = task_cells(task, fields)
        for column, value in enumerate(cells):
            put(worksheet, styles, row, column, value, "number" if column == 0 else "cell")
        lines = max(wrapped_lines(str(value or ""), widths[column]) for column, value in enumerate(cells))
        worksheet.set_row(row, lines * LINE_HEIGHT + PADDING)
    worksheet.freeze_panes(3, 0)
    _xlsx_print_setup(worksheet, heading, sheet.unit, 2)


def _index_worksheet(workbook: Any, styles: Any, name: str, sheets: Sequence[TaskSheet], heading: Heading) -> None:
    from .xlsx_format import LINE_HEIGHT, PADDING, put

    index = workbook.add_worksheet(name)
    index.merge_range(0, 0, 0, len(INDEX_HEADER) - 1, "", styles("title"))
    put(index, styles, 0, 0, heading.title, "title")
    index.set_row(0, 30)
    for column, (label, width) in enumerate(zip(INDEX_HEADER, INDEX_WIDTHS, strict=True)):
        index.set_column(column, column, width)
        put(index, styles, 1, column, label, "header")
    for row, sheet in enumerate(sheets, 2):
        for column, value in enumerate(index_cells(sheet)):
            put(index, styles, row, column, value, "number" if column >= 3 else "cell")
        index.set_row(row, LINE_HEIGHT + PADDING)
    index.freeze_panes(2, 0)
    _xlsx_print_setup(index, heading, INDEX_SHEET, 1, pages_tall=1)  # the index on one landscape page
    index.activate()


def write_xlsx(path: Path, sheets: Sequence[TaskSheet], heading: Heading) -> None:
    import xlsxwriter

    from .xlsx_format import Styles, close, properties

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                               "strings_to_numbers": False})
    workbook.set_properties(properties(heading.metadata, heading.title))
    styles = Styles(workbook)
    names = SheetNames()
    if len(sheets) > 1:
        _index_worksheet(workbook, styles, names.add(INDEX_SHEET), sheets, heading)
    for sheet in sheets:
        _task_worksheet(workbook, styles, names.add(sheet.unit), sheet, heading)
    close(workbook, path)


# -- docx ------------------------------------------------------------------------------------------------------------

def _field(paragraph: Any, instruction: str) -> None:
    """A field Word and LibreOffice fill in when they lay the page out (PAGE, NUMPAGES)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    paragraph._p.append(field)


def _docx_page_frame(section: Any, heading: Heading) -> None:
    """文号 left and date right in the header; 第 N 页，共 M 页 centred in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Inches

    from .docx_format import set_font

    head = section.header.paragraphs[0]
    set_font(head.add_run(printable(f"{heading.document_number}\t{heading.date_text}")), 10)
    stops = head.paragraph_format.tab_stops
    for inherited in (Inches(3.25), Inches(6.5)):  # the Header style's centre and right stops, for portrait Letter
        stops.add_tab_stop(inherited, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(section.page_width - section.left_margin - section.right_margin, WD_TAB_ALIGNMENT.RIGHT)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(foot.add_run("第 "), 10)
    _field(foot, "PAGE")
    set_font(foot.add_run(" 页，共 "), 10)
    _field(foot, "NUMPAGES")
    set_font(foot.add_run(" 页"), 10)


def _exact_row_height(table: Any, height_cm: float) -> None:
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Cm

    for row in table.rows:
        row.height = Cm(height_cm)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY


def _printable_cells(rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
    return [tuple(printable(value) if isinstance(value, str) else value for value in row) for row in rows]


def write_docx(path: Path, sheets: Sequence[TaskSheet], heading: Heading) -> None:
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
    _docx_page_frame(section, heading)
    properties(document, heading.metadata, printable(heading.title))
    if len(sheets) > 1:
        paragraph(document, printable(heading.title), size=16, bold=True, align="CENTER")
        index = fill_table(document, INDEX_HEADER, _printable_cells([index_cells(sheet) for sheet in sheets]),
                           INDEX_WIDTHS_CM)
        _exact_row_height(index, INDEX_ROW_CM)
    for number, sheet in enumerate(sheets):
        if number or len(sheets) > 1:
            document.add_page_break()
        paragraph(document, printable(f"{sheet.unit} 任务清单"), size=16, bold=True, align="CENTER")
        paragraph(document, printable(summary(sheet)), size=11)
        header, _widths, widths_cm = layout(sheet)
        fields = tuple(name for name, _word in sheet.text_fields)
        fill_table(document, header, _printable_cells([task_cells(task, fields) for task in sheet.tasks]), widths_cm)
    save(document, path, heading.metadata)


def write(path: Path, sheets: Sequence[TaskSheet], format_: str, heading: Heading) -> None:
    """Write the task sheets as ``format_`` (xlsx or docx) to ``path``, atomically."""
    if format_ == "xlsx":
        build_file(path, lambda temporary: write_xlsx(temporary, sheets, heading))
    else:
        build_file(path, lambda temporary: write_docx(temporary, sheets, heading))
