"""The docx export: the notice in official document form (GB/T 9704-2012) with the table as its attachment.

A portrait A4 section holds the notice on the standard's page (版心 156 × 225 mm: margins 37 mm top, 28 mm left):
文号, the title in 二号 小标宋 broken between words, the addressees, the preamble and the work requirements in 三号
仿宋 at a fixed line pitch (22 lines a page), the issuer and the date. A landscape section holds the attachment: the
附件 label, its title, and the table in the published layout — the seven Chinese column headers (repeated on every
page), a category row spanning the table before each category, a row per service and item 52's sub-rows with its
number, name and shared cells merged as published (official_layout.py) — then the 版记: the copy-to list (抄送) and
the printing line (印发) between its rules. Page numbers are 四号 "— N —", on the right of odd pages and the left of
even ones.

Every text takes its look from a named paragraph style (正文, 标题, 表格, 版记 and the few the
layout needs besides: 文号, 主送, 署名, 成文日期, 附件, 表头, 表格类别, 页码, 双页页码); no run carries
formatting of its own, so an editor who changes 正文 changes the body. The fonts are the names an office
PC has (仿宋_GB2312, 方正小标宋简体, 黑体, 宋体), each with the name of its usual substitute in the font
table (仿宋, 小标宋, ...). The document's properties come from the notice (title, issuer, 文号, dates;
language zh-CN) and the zip entries carry the notice's date, so the same data gives the same bytes.
Text is exactly the data's; nothing in a Word document is evaluated, so no cell needs neutralising.
A revision whose notice is not written yet (new-edition clears it) shows visible placeholders such as
（文号待定）, as ``qingdan render`` does. The file is written under a temporary name and renamed into place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ...core.model import Edition, Metadata
from ...core.vocabulary import TABLE_HEADER
from ...edition.shapes import shape
from ...io.atomic import build_file
from ..official_layout import LayoutRow, layout_rows, merged_runs, pending
from . import ExportFormat, ExportOptions
from .packages import APPLICATION, rewrite, stamp
from .rows import ExportInfo

APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats'
           b'.org/officeDocument/2006/extended-properties">' + APPLICATION + b"</Properties>")

FONT = "宋体"  # the task sheets' font (set_font, paragraph, fill_table); the notice uses its styles below
TABLE_WIDTHS_CM = (1.3, 2.5, 4.2, 8.6, 4.1, 2.9, 2.9)  # 26.5 cm: A4 landscape less 1.6 cm margins each side


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


def paragraph(container: Any, text: str, *, size: float = 14, bold: bool = False, align: str | None = None,
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


def _row_flag(row: Any, flag: str) -> None:
    """Set a row property: w:tblHeader repeats the row on every page, w:cantSplit keeps a row on one page."""
    _tr_flag(row._tr, flag)


def _tr_flag(tr: Any, flag: str) -> None:
    """``_row_flag`` of a row's element."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(flag)
    element.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(element)


def _fill(cell: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    para = cell.paragraphs[0]
    set_font(para.add_run(text), 9, bold)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _grid(document: Any, rows: int, widths_cm: Sequence[float]) -> Any:
    """A bordered table of a header row and ``rows`` rows with fixed column widths, the header repeated on every
    page, no row split by a page; the cells are left to the caller."""
    from docx.shared import Cm

    table = document.add_table(rows=1 + rows, cols=len(widths_cm))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice follows; Word follows each cell's own width
    trs = table._tbl.tr_lst
    for cell, width in zip(table.rows[0].cells, widths_cm, strict=True):
        cell.width = Cm(width)
    # every other row's cells get the first row's widths as they are written (each fresh cell has its w:tcW):
    # the attributes python-docx's ``cell.width`` would set, without its generic element lookups per cell
    widths = [dict(tc.tcPr.tcW.attrib) for tc in trs[0].tc_lst]
    for tr in trs:
        if tr is not trs[0]:
            for tc, attributes in zip(tr.tc_lst, widths, strict=True):
                width_element = tc.tcPr.tcW
                for key, value in attributes.items():
                    width_element.set(key, value)
        _tr_flag(tr, "w:cantSplit")
    _row_flag(table.rows[0], "w:tblHeader")
    return table


def new_table(document: Any, header: Sequence[str], rows: int, widths_cm: Sequence[float]) -> Any:
    """A bordered table with fixed column widths, its header row repeated on every page, no row split by a page."""
    table = _grid(document, rows, widths_cm)
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        _fill(cell, label, bold=True, center=True)
    return table


def fill_table(document: Any, header: Sequence[str], rows: Sequence[Sequence[Any]],
               widths_cm: Sequence[float]) -> Any:
    """A plain table of values (None for an empty cell)."""
    table = new_table(document, header, len(rows), widths_cm)
    table_rows = list(table.rows)  # once: ``table.rows[i]`` lists every row each time
    for index, values in enumerate(rows, 1):
        for column, (cell, value) in enumerate(zip(table_rows[index].cells, values, strict=True)):
            if value is not None and value != "":
                _fill(cell, str(value), center=column == 0)
    return table


# GB/T 9704 sizes: 二号 22 pt, 三号 16 pt, 四号 14 pt; 22 lines of 28 characters on the 225 mm by 156 mm page body
TITLE_PT = 22
BODY_PT = 16
SMALL_PT = 14  # 四号: 版记 and page numbers
TABLE_PT = 10.5  # 五号
TABLE_LINE_TWIPS = 280  # 14 pt: a table line
LINE_TWIPS = 579  # 28.95 pt: 225 mm / 22 lines (a twip is 1/20 pt)
TITLE_WIDTH = 20  # characters of 二号 on a line of the portrait page body (156 mm)
ATTACHMENT_WIDTH = 34  # characters of 二号 on a line of the landscape page body (265 mm)
BODY_FONT, TITLE_FONT, LABEL_FONT, NUMBER_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体", "宋体"
# The font table names each font's usual substitute (w:altName): a PC without 仿宋_GB2312 has 仿宋, and so on.
FALLBACKS = {BODY_FONT: "仿宋", TITLE_FONT: "小标宋", LABEL_FONT: "SimHei", NUMBER_FONT: "SimSun"}
RULE_THICK, RULE_THIN = 8, 6  # 版记 rules in eighths of a point: 1 pt (0.35 mm) and 0.75 pt (0.25 mm)
# Break a title between words: after these words, or before these (never inside “…”).
BREAK_AFTER = ("关于", "印发", "转发", "落实", "”", "》", "清单", "服务", "时期", "标准", "工作")
BREAK_BEFORE = ("关于", "任务分工", "实施方案", "工作方案", "的通知", "的意见", "的决定", "的批复", "和", "及")


def break_title(title: str, width: int, first: str = "") -> list[str]:
    """The lines of a title no wider than ``width`` characters, broken between words: ``first`` (the issuer) on a
    line of its own when the title starts with it, the rest in lines of about equal length, each break at the
    end of a known word (关于, 印发, ”, 清单, before 的通知, ...) nearest to an even split."""
    lines: list[str] = []
    rest = title
    if first and title.startswith(first) and len(first) <= width and len(title) > width:
        lines, rest = [first], title[len(first):]
    quoted, depth = set(), 0
    for at, char in enumerate(rest):
        depth += (char == "“") - (char == "”")
        if depth > 0:
            quoted.add(at + 1)
    breaks = {at + len(word) for word in BREAK_AFTER for at in _find_all(rest, word)}
    breaks |= {at for word in BREAK_BEFORE for at in _find_all(rest, word)}
    start = 0
    while len(rest) - start > width:
        count = -(-(len(rest) - start) // width)  # lines still needed
        target = start + (len(rest) - start) / count
        fits = [at for at in breaks - quoted if start < at <= start + width]
        end = min(fits, key=lambda at: (abs(at - target), -at)) if fits else start + width
        lines.append(rest[start:end])
        start = end
    return [*lines, rest[start:]]


def _find_all(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _xml(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _fonts(r_pr: Any, font: str) -> None:
    """Name ``font`` for every script (Word takes Chinese text's font from w:eastAsia, digits' from w:ascii)."""
    from docx.oxml.ns import qn

    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _xml("w:rFonts")
        r_pr.insert(0, fonts)
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), font)


def _style(document: Any, name: str, *, base: str | None = None, font: str | None = None,
           size: float | None = None, align: str | None = None, indent_chars: float | None = None,
           line_twips: int | None = LINE_TWIPS, left_pt: float | None = None, right_pt: float | None = None) -> Any:
    """A paragraph style: its font for every script, size, alignment, first-line indent in characters, exact line
    pitch; no space before or after a paragraph."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, Twips

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base] if base else document.styles["Normal"]
    style.quick_style = True
    if font:
        _fonts(style.element.get_or_add_rPr(), font)
    if size:
        style.font.size = Pt(size)
    form = style.paragraph_format
    form.space_before = form.space_after = Pt(0)
    if line_twips:
        form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        form.line_spacing = Twips(line_twips)
    if align:
        form.alignment = getattr(WD_ALIGN_PARAGRAPH, align)
    if indent_chars is not None:
        form.first_line_indent = Pt(indent_chars * (size or BODY_PT))
    if left_pt is not None:
        form.left_indent = Pt(left_pt)
    if right_pt is not None:
        form.right_indent = Pt(right_pt)
    return style


def official_styles(document: Any) -> None:
    """The named styles of an official document, and Chinese (zh-CN) as the document's language."""
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(r_pr, BODY_FONT)
    language = r_pr.find(qn("w:lang"))
    for attribute in ("val", "eastAsia"):
        language.set(qn(f"w:{attribute}"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    document.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
    _style(document, "正文", font=BODY_FONT, size=BODY_PT, align="JUSTIFY", indent_chars=2)
    _style(document, "主送", base="正文", indent_chars=0)
    _style(document, "文号", base="正文", align="CENTER", indent_chars=0)
    _style(document, "署名", base="正文", align="RIGHT", indent_chars=0, right_pt=2 * BODY_PT)
    _style(document, "成文日期", base="正文", align="RIGHT", indent_chars=0, right_pt=4 * BODY_PT)
    _style(document, "标题", font=TITLE_FONT, size=TITLE_PT, align="CENTER", indent_chars=0, line_twips=700)
    _style(document, "附件", font=LABEL_FONT, size=BODY_PT, align="LEFT", indent_chars=0)
    _style(document, "表格", font=BODY_FONT, size=TABLE_PT, align="LEFT", indent_chars=0, line_twips=TABLE_LINE_TWIPS)
    _style(document, "表头", base="表格", font=LABEL_FONT, align="CENTER", line_twips=None)
    _style(document, "表格类别", base="表头", align="LEFT", line_twips=None)
    _style(document, "版记", font=BODY_FONT, size=SMALL_PT, indent_chars=0, left_pt=SMALL_PT, right_pt=SMALL_PT)
    _style(document, "页码", font=NUMBER_FONT, size=SMALL_PT, align="RIGHT", indent_chars=0, line_twips=None,
           right_pt=SMALL_PT)
    _style(document, "双页页码", base="页码", align="LEFT", line_twips=None, left_pt=SMALL_PT, right_pt=0)
    _font_table(document)


def _font_table(document: Any) -> None:
    """Declare the fonts with their substitutes (w:altName) and the Chinese character set (GB2312)."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    fonts = next(part for part in document.part.package.parts if part.partname == "/word/fontTable.xml")
    root = parse_xml(fonts.blob)
    for name, alternative in FALLBACKS.items():
        font = root.makeelement(qn("w:font"), {qn("w:name"): name})
        for tag, value in (("w:altName", alternative), ("w:charset", "86"),
                           ("w:family", "modern" if name == LABEL_FONT else "roman"),
                           ("w:pitch", "fixed" if name == NUMBER_FONT else "variable")):
            font.append(font.makeelement(qn(tag), {qn("w:val"): value}))
        root.append(font)
    fonts._blob = serialize_part_xml(root)


def styled(container: Any, style: str, *lines: str) -> Any:
    """A paragraph of ``style`` holding ``lines`` (line breaks between them), with no formatting of its own."""
    para = container.add_paragraph(style=style)
    for number, line in enumerate(lines):
        run = para.add_run(line)
        if number < len(lines) - 1:
            run.add_break()
    return para


def _rules(para: Any, **sides: int) -> None:
    """The 版记's rules as paragraph borders: side=width in eighths of a point."""
    p_pr = para._p.get_or_add_pPr()
    borders = _xml("w:pBdr")
    for side in ("top", "bottom"):
        if side in sides:
            borders.append(_xml(f"w:{side}", val="single", sz=str(sides[side]), space="1", color="000000"))
    # before the elements the schema puts after w:pBdr (Word refuses a file with them out of order)
    p_pr.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                               "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                               "w:pPrChange")


def _page_numbers(document: Any, section: Any) -> None:
    """— N — in 四号: right on odd pages, left on even ones (GB/T 9704 7.5), as a PAGE field Word and LibreOffice
    fill in."""
    from docx.oxml.ns import qn

    document.settings.odd_and_even_pages_header_footer = True
    for footer, style in ((section.footer, "页码"), (section.even_page_footer, "双页页码")):
        para = footer.paragraphs[0]
        para.style = document.styles[style]
        para.add_run("— ")
        field = _xml("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        para._p.append(field)
        para.add_run(" —")


def _cell(cell: Any, style: str, text: str, center: bool = False, style_id: str | None = None) -> None:
    """Fill ``cell``'s paragraph with ``text`` in the paragraph style ``style``; ``style_id``, when given, is that
    style's id (python-docx looks a name up by scanning every style, once per cell otherwise)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    para = cell.paragraphs[0]
    if style_id is None:
        para.style = style
    else:
        para._p.style = style_id  # what the ``style`` setter stores, looked up once per table
    if text:
        para.add_run(text)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _merge_down(trs: Sequence[Any], first: int, last: int, column: int) -> bool:
    """Merge the cells of ``column`` in rows ``first`` to ``last`` as python-docx's ``cell.merge`` does for a
    vertical run of single-column cells not yet merged (the top cell says restart, the others continue, their text
    moved into it), by the rows' elements ``trs``: no search of the whole table per merge. False (nothing done)
    for any other run, which the caller merges with python-docx."""
    from docx.oxml.simpletypes import ST_Merge

    tcs = [trs[row].tc_at_grid_offset(column) for row in range(first, last + 1)]
    if len(tcs) < 2 or any(tc.grid_span != 1 or tc.vMerge is not None for tc in tcs):
        return False
    top = tcs[0]
    for tc in tcs:  # CT_Tc._grow_to(1, height), row by row
        tc._span_to_width(1, top, ST_Merge.RESTART if tc is top else ST_Merge.CONTINUE)
    return True


def attachment_table(document: Any, rows: Sequence[LayoutRow], widths_cm: Sequence[float],
                     header: Sequence[str] = TABLE_HEADER) -> Any:
    """The published table in the 表格 styles: fixed column widths, the header row repeated on every page, no row
    split by a page, category rows spanning the table, item 52's merges; its last rows kept with the 版记.
    ``header`` and ``widths_cm``: the layout of the edition's shape.

    Linear in the rows: each style is looked up once, the rows are listed once, and merges go by row element
    (python-docx's ``table.rows[i]`` and ``table.cell`` rebuild the whole table's list of rows or cells each time,
    and ``cell.merge`` finds its row's index by a search of every row)."""
    from docx.enum.style import WD_STYLE_TYPE

    table = _grid(document, len(rows), widths_cm)
    ids = {name: document.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH) for name in ("表头", "表格类别", "表格")}
    table_rows = list(table.rows)
    for cell, label in zip(table_rows[0].cells, header, strict=True):
        _cell(cell, "表头", label, style_id=ids["表头"])
    for index, layout in enumerate(rows, 1):
        cells = table_rows[index].cells
        if layout.kind == "category":
            first = cells[0]
            # cells[0].merge(cells[-1]) in one row: CT_Tc._grow_to(width, 1), without the row index it looks up
            first._tc._span_to_width(len(cells), first._tc, None)
            _cell(first, "表格类别", layout.cells[0], style_id=ids["表格类别"])
            continue
        for column, text in enumerate(layout.cells):
            _cell(cells[column], "表格", text, center=column == 0, style_id=ids["表格"])
    trs = table._tbl.tr_lst
    for first, last, column in merged_runs(tuple(rows)):
        if not _merge_down(trs, first + 1, last + 1, column):
            table.cell(first + 1, column).merge(table.cell(last + 1, column))
    for row in table_rows[-2:]:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True
    return table


def properties(document: Any, meta: Metadata | None, title: str) -> None:
    """Core properties from the notice: ``title``, the issuer as author, 文号, signing and printing dates, language
    zh-CN; no tool name, and no date where the notice has none (a revision's notice not written yet)."""
    from docx.oxml.ns import qn

    props = document.core_properties
    props.title = title
    props.subject = (meta.table_title if meta else None) or ""
    props.author = props.last_modified_by = (meta.issuer if meta else None) or ""
    props.keywords = (meta.document_number if meta else None) or ""
    props.comments = ""
    props.language = "zh-CN"
    props.revision = 1
    signed, printed = (meta.signed or meta.printed, meta.printed or meta.signed) if meta else (None, None)
    element = props._element
    for tag, day in (("dcterms:created", signed), ("dcterms:modified", printed)):
        if day:
            setattr(props, tag.split(":")[1], datetime(day.year, day.month, day.day))
        else:
            for found in element.findall(qn(tag)):
                element.remove(found)


def save(document: Any, path: Path, meta: Metadata | None) -> None:
    """Save ``document`` so that the same content gives the same bytes and says what made it: the template's
    thumbnail (a picture of another document) left out, qingdan as the application instead of the template's Word
    and its statistics, every zip entry dated the notice's printing day."""
    import io

    package = document.part.package
    for key, relation in list(package.rels.items()):
        if relation.reltype.endswith("/thumbnail"):
            del package.rels[key]
        elif relation.reltype.endswith("/extended-properties"):
            relation.target_part._blob = APP_XML
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(rewrite(buffer.getvalue(), stamp((meta.printed or meta.signed) if meta else None)))


def _end_section_on(para: Any) -> None:
    """End the section on ``para`` itself: python-docx ends it on an empty paragraph of its own, a line that can
    spill onto a page of its own."""
    holder = para._p.getnext()
    section = holder.pPr.sectPr
    para._p.get_or_add_pPr()._insert_sectPr(section)
    holder.getparent().remove(holder)


def write_document(path: Path, edition: Edition) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    meta = edition.metadata
    document = Document()
    official_styles(document)
    properties(document, meta, meta.title or "")
    portrait = document.sections[0]
    portrait.page_width, portrait.page_height = Cm(21), Cm(29.7)
    portrait.left_margin, portrait.right_margin = Cm(2.8), Cm(2.6)
    portrait.top_margin, portrait.bottom_margin = Cm(3.7), Cm(3.5)
    portrait.footer_distance = Cm(2.2)  # the number's line 7 mm below the page body
    _page_numbers(document, portrait)

    issuer = pending(meta.issuer, "发文机关")
    body = document.paragraphs[0] if document.paragraphs else None
    if body is not None:  # the template's empty first paragraph
        body._p.getparent().remove(body._p)
    styled(document, "文号", pending(meta.document_number, "文号"))
    styled(document, "正文")
    styled(document, "标题", *break_title(pending(meta.title, "标题"), TITLE_WIDTH, issuer))
    styled(document, "正文")
    styled(document, "主送", pending(meta.recipients, "主送"))
    styled(document, "正文", pending(meta.preamble, "正文"))
    for _, text in meta.requirements:
        styled(document, "正文", text)
    styled(document, "正文")
    styled(document, "署名", issuer)
    date_line = styled(document, "成文日期", chinese_date(meta.signed) or "（成文日期待定）")

    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    _end_section_on(date_line)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Cm(29.7), Cm(21)
    landscape.left_margin = landscape.right_margin = Cm(1.6)
    landscape.top_margin, landscape.bottom_margin = Cm(1.8), Cm(2.0)
    landscape.footer_distance = Cm(0.8)
    styled(document, "附件", "附件")
    styled(document, "标题", *break_title(pending(meta.table_title, "清单标题"), ATTACHMENT_WIDTH))
    styled(document, "正文").paragraph_format.keep_with_next = True
    of = shape(edition.shape)
    attachment_table(document, layout_rows(edition), of.widths_cm, of.header)

    styled(document, "版记").paragraph_format.keep_with_next = True
    copy_to = styled(document, "版记", f"抄送：{'，'.join(meta.copy_to) or '（抄送待定）'}。")
    copy_to.paragraph_format.keep_with_next = True
    _rules(copy_to, top=RULE_THICK, bottom=RULE_THIN)
    printed = styled(document, "版记", f"{pending(meta.printer, '印发机关')}\t"
                                       f"{chinese_date(meta.printed) or '（印发日期待定）'}印发")
    printed.paragraph_format.tab_stops.add_tab_stop(Cm(sum(TABLE_WIDTHS_CM)) - Cm(0.5), alignment=2)  # right
    _rules(printed, bottom=RULE_THICK)
    save(document, path, meta)


def write(edition: Edition, out: Path, info: ExportInfo, options: ExportOptions) -> None:
    from .printable import refuse_unprintable

    refuse_unprintable(edition)  # a control character would stop python-docx half-way (exit 3)
    build_file(out, lambda path: write_document(path, edition))


REGISTERED = ExportFormat(write=write)
