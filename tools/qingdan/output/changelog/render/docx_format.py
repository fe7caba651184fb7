"""The 修订说明 and 修订对照表 as a Word document, in the published list's layout (the docx export's machinery).

Per revision: a portrait A4 section with the 修订说明 (a paragraph per class: how many services, and which), then a
landscape A4 section with the 修订对照表, its header row repeated on every page and no row split by a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ....io.atomic import build_file
from ...export.docx_format import fill_table, paragraph
from ..classes import CLASSES
from ..model import Changelog
from . import HEADER, ChangelogFormat, cells, title

NUMERALS = "一二三四五六七八九十"
WIDTHS_CM = (1.2, 3.4, 2.6, 7.3, 7.3, 4.7)  # 26.5 cm: A4 landscape less 1.6 cm margins each side


def _portrait(section: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)


def _landscape(section: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(1.6)
    section.top_margin = section.bottom_margin = Cm(1.8)


def _revision(document: Any, changelog: Changelog) -> None:
    paragraph(document, f"修订说明（{title(changelog)}）", size=18, bold=True, align="CENTER")
    for numeral, cls in zip(NUMERALS, CLASSES, strict=False):
        named = changelog.services_of(cls.slug)
        listed = "、".join(f"{n.number} {n.name}" for n in named)
        paragraph(document, f"{numeral}、{cls.word}：{len(named)} 项" + (f"（{listed}）。" if listed else "。"),
                  indent=True)


def write_document(path: Path, changelogs: Sequence[Changelog]) -> None:
    from docx import Document
    from docx.enum.section import WD_SECTION

    document = Document()
    document.core_properties.title = "修订说明 " + "；".join(title(c) for c in changelogs)
    for index, changelog in enumerate(changelogs):
        _portrait(document.sections[0] if index == 0 else document.add_section(WD_SECTION.NEW_PAGE))
        _revision(document, changelog)
        _landscape(document.add_section(WD_SECTION.NEW_PAGE))
        paragraph(document, f"修订对照表（{title(changelog)}）", size=16, bold=True, align="CENTER")
        fill_table(document, HEADER, [cells(row) for row in changelog.rows], WIDTHS_CM)
    document.save(str(path))


def write(path: Path, changelogs: Sequence[Changelog]) -> None:
    build_file(path, lambda temporary: write_document(temporary, changelogs))


REGISTERED = ChangelogFormat(write=write)
