"""The 修订说明 and 修订对照表 as a workbook (XlsxWriter), set up for print like the list's own sheet.

Per revision: a sheet 修订说明 (class, number of services, the services) and a sheet 修订对照表, landscape A4,
one page wide, its header row repeated on every printed page and frozen on screen, pages numbered in the footer.
Texts are written as texts (never formulas or links), quote-prefixed where a spreadsheet could run them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ....io.atomic import build_file
from ..classes import CLASSES
from ..model import Changelog
from . import HEADER, ChangelogFormat, cells, title

WIDTHS = (6, 18, 14, 40, 40, 36)
SUMMARY_HEADER = ("类别", "服务项目数", "服务项目")
SUMMARY_WIDTHS = (14, 12, 80)


def _print_setup(sheet: Any, header_row: int) -> None:
    """The export's print setup (A4 landscape, one page wide, the header repeated, this sheet's pages numbered),
    with the header row frozen on screen."""
    from ...export.xlsx_format import print_setup

    sheet.freeze_panes(header_row + 1, 0)
    print_setup(sheet, header_row=header_row, landscape=True)


def _summary(workbook: Any, styles: Any, name: str, changelog: Changelog) -> None:
    from ...export.xlsx_format import put

    sheet = workbook.add_worksheet(name)
    sheet.merge_range(0, 0, 0, len(SUMMARY_HEADER) - 1, "", styles("title"))
    put(sheet, styles, 0, 0, f"修订说明（{title(changelog)}）", "title")
    for column, (label, width) in enumerate(zip(SUMMARY_HEADER, SUMMARY_WIDTHS, strict=True)):
        sheet.set_column(column, column, width)
        put(sheet, styles, 1, column, label, "header")
    for row, cls in enumerate(CLASSES, 2):
        named = changelog.services_of(cls.slug)
        put(sheet, styles, row, 0, cls.word, "cell")
        put(sheet, styles, row, 1, len(named), "number")
        put(sheet, styles, row, 2, "、".join(f"{n.number} {n.name}" for n in named), "cell")
    _print_setup(sheet, 1)


def _table(workbook: Any, styles: Any, name: str, changelog: Changelog) -> None:
    from ...export.xlsx_format import LINE_HEIGHT, PADDING, put, wrapped_lines

    sheet = workbook.add_worksheet(name)
    sheet.merge_range(0, 0, 0, len(HEADER) - 1, "", styles("title"))
    put(sheet, styles, 0, 0, f"修订对照表（{title(changelog)}）", "title")
    sheet.set_row(0, 30)
    for column, (label, width) in enumerate(zip(HEADER, WIDTHS, strict=True)):
        sheet.set_column(column, column, width)
        put(sheet, styles, 1, column, label, "header")
    for row, changed in enumerate(changelog.rows, 2):
        values = cells(changed)
        for column, value in enumerate(values):
            put(sheet, styles, row, column, value, "number" if column == 0 else "cell")
        lines = max(wrapped_lines(str(value or ""), WIDTHS[column]) for column, value in enumerate(values))
        sheet.set_row(row, lines * LINE_HEIGHT + PADDING)
    _print_setup(sheet, 1)


def write_workbook(path: Path, changelogs: Sequence[Changelog]) -> None:
    import xlsxwriter

    from ...export.xlsx_format import Styles, close

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                               "strings_to_numbers": False})
    styles = Styles(workbook)
    for index, changelog in enumerate(changelogs):
        suffix = "" if len(changelogs) == 1 else f" {index + 1}"
        _summary(workbook, styles, "修订说明" + suffix, changelog)
        _table(workbook, styles, "修订对照表" + suffix, changelog)
    close(workbook, path)


def write(path: Path, changelogs: Sequence[Changelog]) -> None:
    build_file(path, lambda temporary: write_workbook(temporary, changelogs))


REGISTERED = ChangelogFormat(write=write)
