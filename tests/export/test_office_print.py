"""The office files as a 科员 prints them, read back without LibreOffice: every sheet of every workbook has a print
setup, the notice's docx is in official document form (GB/T 9704) through named styles, and the files are
deterministic and honest about what they are (properties from the notice, zh-CN, no library name).

Printing to PDF with LibreOffice is in test_office_pdf.py (slow)."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from qingdan import Edition

# every workbook and document of an edition written and read back for its print setup: run in the full suite
pytestmark = pytest.mark.slow

if TYPE_CHECKING:
    from tests.conftest import RunCli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The list workbook, the notice and the --all task workbook and document, each exported twice."""
    from click.testing import CliRunner

    from qingdan.cli.main import cli

    folder = tmp_path_factory.mktemp("print")
    out: dict[str, Path] = {}
    for name, args in (("list.xlsx", ["export", "2017", "--format", "xlsx"]),
                       ("notice.docx", ["export", "2017", "--format", "docx"]),
                       ("tasks.xlsx", ["tasks", "--all", "2017", "--format", "xlsx"]),
                       ("tasks.docx", ["tasks", "--all", "2017", "--format", "docx"])):
        for copy in ("", "again-"):
            result = CliRunner().invoke(cli, [*args, "-o", str(folder / f"{copy}{name}")])
            assert result.exit_code == 0, result.output
        out[name] = folder / name
    return out


def _workbook(path: Path) -> Any:
    import openpyxl

    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("name", ["list.xlsx", "tasks.xlsx"])
def test_every_sheet_of_every_workbook_has_a_print_setup(files: dict[str, Path], name: str) -> None:
    workbook = _workbook(files[name])
    assert len(workbook.worksheets) > 2
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.paperSize == 9 and setup.orientation in ("portrait", "landscape"), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1), sheet.title
        assert sheet.print_title_rows, sheet.title  # the header row on every page
        assert "&P" in sheet.oddFooter.center.text, sheet.title  # the footer numbers this sheet's pages
        assert setup.firstPageNumber in (None, 1) and setup.useFirstPageNumber, sheet.title  # from 1 per sheet
    wide = [s.title for s in workbook.worksheets if s.page_setup.orientation == "landscape"]
    assert workbook.worksheets[0].title in wide


def test_the_table_sheet_is_first_and_active(files: dict[str, Path]) -> None:
    workbook = _workbook(files["list.xlsx"])
    assert workbook.worksheets[0].title == "清单" and workbook.active.title == "清单"
    assert [s.sheet_view.tabSelected for s in workbook.worksheets].count(True) == 1


def test_the_index_sheet_has_a_title_borders_and_fits_one_landscape_page(files: dict[str, Path],
                                                                         edition: Edition) -> None:
    workbook = _workbook(files["tasks.xlsx"])
    index = workbook.worksheets[0]
    assert index.title == "汇总" and workbook.active.title == "汇总"
    assert edition.metadata.table_title in index["A1"].value and "A1:F1" in index.merged_cells
    assert [c.value for c in index[2]][:2] == ["单位", "层级"] and index.print_title_rows == "$2:$2"
    body = [row for row in index.iter_rows(min_row=2) if row[0].value]
    assert len(body) > 10 and all(c.border.left.style and c.border.bottom.style for row in body for c in row)
    setup = index.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth in (None, 1) and setup.fitToHeight in (None, 1)


def test_the_same_input_gives_the_same_bytes(files: dict[str, Path]) -> None:
    for name, path in files.items():
        assert path.read_bytes() == (path.parent / f"again-{name}").read_bytes(), name


def test_workbook_properties_come_from_the_notice(files: dict[str, Path], edition: Edition) -> None:
    meta = edition.metadata
    for name in ("list.xlsx", "tasks.xlsx"):
        properties = _workbook(files[name]).properties
        assert properties.creator == meta.issuer and properties.keywords == meta.document_number, name
        assert properties.created == datetime(2018, 2, 1), name  # the printing date, not the clock
        assert properties.language == "zh-CN", name
        with zipfile.ZipFile(files[name]) as archive:
            assert b"<Application>qingdan</Application>" in archive.read("docProps/app.xml"), name


def _document(path: Path) -> Any:
    import docx

    return docx.Document(str(path))


def _fonts(style: Any) -> set[str | None]:
    fonts = style.element.rPr.find(f"{W}rFonts")
    return {fonts.get(f"{W}{script}") for script in ("ascii", "hAnsi", "eastAsia")}


def test_the_notice_body_and_title_are_in_official_form(files: dict[str, Path], edition: Edition) -> None:
    from docx.enum.text import WD_LINE_SPACING

    document = _document(files["notice.docx"])
    body = document.styles["正文"]
    assert _fonts(body) == {"仿宋_GB2312"} and body.font.size.pt == 16  # 三号
    form = body.paragraph_format
    assert form.line_spacing_rule == WD_LINE_SPACING.EXACTLY and 28 <= form.line_spacing.pt <= 29
    assert form.space_before.pt == 0 and form.space_after.pt == 0 and form.first_line_indent.pt == 32
    title = document.styles["标题"]
    assert _fonts(title) == {"方正小标宋简体"} and title.font.size.pt == 22  # 二号
    paragraphs = document.paragraphs
    assert paragraphs[0].text == edition.metadata.document_number and paragraphs[0].style.name == "文号"
    (heading,) = [p for p in paragraphs[:4] if p.style.name == "标题"]
    lines = heading.text.split("\n")
    assert "".join(lines) == edition.metadata.title and len(lines) == 3
    assert lines[0] == edition.metadata.issuer and all(len(line) <= 20 for line in lines)
    assert not any(line.endswith(("任务分", "基本公", "重庆")) for line in lines)  # broken between words
    assert {p.style.name for p in paragraphs if p.text in [t for _, t in edition.metadata.requirements]} == {"正文"}
    # the fonts an office PC has, each with its usual substitute named in the font table
    font_table = zipfile.ZipFile(files["notice.docx"]).read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in font_table
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="小标宋"/>' in font_table


def test_the_attachment_and_the_colophon_frame_the_table(files: dict[str, Path], edition: Edition) -> None:
    from docx.text.paragraph import Paragraph

    document = _document(files["notice.docx"])
    body = list(document.element.body)
    table = next(i for i, element in enumerate(body) if element.tag == f"{W}tbl")
    texts = [Paragraph(element, document).text if element.tag == f"{W}p" else "" for element in body]
    assert texts[table - 3:table - 1] == ["附件", edition.metadata.table_title]
    copy_to = next(i for i in range(table, len(body)) if texts[i].startswith("抄送："))
    assert texts[copy_to + 1].startswith(edition.metadata.printer) and texts[copy_to + 1].endswith("2018年2月1日印发")
    colophon = [document.paragraphs[-2], document.paragraphs[-1]]
    assert all(p.style.name == "版记" for p in colophon) and document.styles["版记"].font.size.pt == 14  # 四号
    rules = [p._p.pPr.find(f"{W}pBdr") for p in colophon]
    assert [[(side.tag.removeprefix(W), side.get(f"{W}sz")) for side in rule] for rule in rules] == [
        [("top", "8"), ("bottom", "6")], [("bottom", "8")]]  # thick, thin between, thick at the end
    order = [child.tag.removeprefix(W) for child in colophon[1]._p.pPr]  # in the schema's order, as Word requires
    assert order == ["pStyle", "pBdr", "tabs"]
    assert document.tables[0].rows[1].cells[0].paragraphs[0].style.name == "表格类别"


def test_page_numbers_alternate_sides_in_four_point_size(files: dict[str, Path]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = _document(files["notice.docx"])
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.style.name == "页码" and even.style.base_style.name == "页码" and odd.style.font.size.pt == 14  # 四号
    for para, alignment in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        assert para.style.paragraph_format.alignment == alignment
        assert para.text == "—  —" and para._p.find(f"{W}fldSimple").get(f"{W}instr") == "PAGE"


def test_no_run_carries_formatting_of_its_own(files: dict[str, Path]) -> None:
    document = _document(files["notice.docx"])
    section = document.sections[0]
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    runs += [r for f in (section.footer, section.even_page_footer) for p in f.paragraphs for r in p.runs]
    assert len(runs) > 500
    assert [r.text for r in runs if r.element.rPr is not None] == []
    styles = {p.style.name for p in document.paragraphs}
    assert styles >= {"正文", "标题", "版记", "附件"} and "Normal" not in styles


def test_docx_properties_come_from_the_notice(files: dict[str, Path], edition: Edition) -> None:
    meta = edition.metadata
    properties = _document(files["notice.docx"]).core_properties
    assert (properties.title, properties.author, properties.keywords) == (meta.title, meta.issuer,
                                                                          meta.document_number)
    assert properties.created.replace(tzinfo=None) == datetime(2018, 1, 31)  # signed
    assert properties.modified.replace(tzinfo=None) == datetime(2018, 2, 1)  # printed
    assert properties.language == "zh-CN" and properties.comments == ""
    with zipfile.ZipFile(files["notice.docx"]) as archive:
        assert b'w:eastAsia="zh-CN"' in archive.read("word/styles.xml")
    tasks = _document(files["tasks.docx"]).core_properties
    assert tasks.author == meta.issuer and tasks.created.replace(tzinfo=None) == datetime(2018, 1, 31)
    for document in ("notice.docx", "tasks.docx"):
        with zipfile.ZipFile(files[document]) as archive:
            assert "docProps/thumbnail.jpeg" not in archive.namelist()  # the template's picture of another file
            assert {entry.date_time for entry in archive.infolist()} == {(2018, 2, 1, 0, 0, 0)}  # printed
            for name in archive.namelist():
                content = archive.read(name)
                assert b"python-docx" not in content and b"Macintosh" not in content, (document, name)


def test_a_notice_not_written_yet_exports_with_placeholders(run_cli: RunCli, edition_copy: Path,
                                                            tmp_path: Path) -> None:
    """An edition made by new-edition has its notice cleared: the docx shows placeholders, and no made-up date."""
    revision = tmp_path / "2021"
    assert run_cli("new-edition", str(edition_copy), str(revision)).exit_code == 0
    out = tmp_path / "draft.docx"
    result = run_cli("export", str(revision), "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    document = _document(out)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "（文号待定）" and "（标题待定）" in texts[2] and "抄送：（抄送待定）。" in texts
    assert document.core_properties.created is None and document.core_properties.author == ""


@pytest.mark.parametrize(("title", "first", "lines"), [
    ("重庆市万州区人民政府办公室关于印发落实重庆市“十三五”基本公共服务清单任务分工的通知", "重庆市万州区人民政府办公室",
     ["重庆市万州区人民政府办公室", "关于印发落实重庆市“十三五”", "基本公共服务清单任务分工的通知"]),
    ("万州区落实重庆市“十三五”基本公共服务清单任务分工", "", ["万州区落实重庆市“十三五”", "基本公共服务清单任务分工"]),
    ("关于印发“十四五”时期万州区基本公共服务实施标准和工作方案的通知", "某机关",
     ["关于印发“十四五”时期万州区基本公共服务", "实施标准和工作方案的通知"]),
    ("一二三四五六七八九十一二三四五六七八九十一二三", "", ["一二三四五六七八九十一二三四五六七八九十", "一二三"]),
])
def test_titles_break_between_words(title: str, first: str, lines: list[str]) -> None:
    from qingdan.output.export.docx_format import TITLE_WIDTH, break_title

    assert break_title(title, TITLE_WIDTH, first) == lines
