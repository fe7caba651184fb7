"""The xlsx and docx exports read back by independent readers (openpyxl, python-docx) hold the published table:
every cell of its 89 rows, its 8 category rows and its headers, compared with the official text itself."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from qingdan.core.vocabulary import TABLE_HEADER as HEADER
from qingdan.io.official_text import CategoryRow, SourceDocument, TableRow, parse

if TYPE_CHECKING:
    from tests.conftest import RunCli

UNIT_SEPARATOR = "、"


@pytest.fixture(scope="module")
def published(shipped_edition: Path) -> SourceDocument:
    """The official text's table, parsed from source.txt: what the office exports must show."""
    return parse((shipped_edition / "source.txt").read_text(encoding="utf-8"))


def _expected(row: TableRow) -> list[Any]:
    return [row.number, row.name, row.target, row.standard, row.funding, UNIT_SEPARATOR.join(row.city_units),
            UNIT_SEPARATOR.join(row.district_units)]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Any:  # an openpyxl Workbook (openpyxl has no types)
    import openpyxl
    from click.testing import CliRunner

    from qingdan.cli.main import cli

    out = tmp_path_factory.mktemp("xlsx") / "list.xlsx"
    result = CliRunner().invoke(cli, ["export", "2017", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def test_xlsx_first_sheet_is_the_published_table_cell_by_cell(workbook: Any, published: SourceDocument) -> None:
    sheet = workbook.worksheets[0]
    assert sheet.title == "清单"
    assert sheet["A1"].value == published.table_title and "A1:G1" in sheet.merged_cells
    assert [c.value for c in sheet[2]] == list(HEADER)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    covered = {cell for r in sheet.merged_cells.ranges for cell in r.cells if cell != (r.min_row, r.min_col)}
    services = categories = 0
    for at, row in enumerate(published.rows, 3):
        values = [c.value for c in sheet[at]]
        if isinstance(row, CategoryRow):
            categories += 1
            assert values[0] == f"{row.numeral}、{row.name}" and f"A{at}:G{at}" in merged
            continue
        services += 1
        for column, (value, want) in enumerate(zip(values, _expected(row), strict=True), 1):
            if (at, column) in covered:
                assert value is None and want == "", f"row {at} column {column} lies in a merge"
            elif column == 1 and want:
                assert value == int(want)  # the number is a number
            else:
                assert (value or "") == want, f"row {at} column {column}"
    assert (services, categories) == (89, 8)
    assert sheet.max_row == 2 + len(published.rows)
    first_52 = 2 + next(i for i, r in enumerate(published.rows, 1) if isinstance(r, TableRow) and r.number == "52")
    assert {f"A{first_52}:A{first_52 + 2}", f"B{first_52}:B{first_52 + 2}", f"D{first_52}:D{first_52 + 1}",
            f"E{first_52}:E{first_52 + 1}"} <= merged


def test_xlsx_table_is_set_up_for_print_and_reading(workbook: Any) -> None:
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    assert all(sheet.cell(3 + i, 4).alignment.wrap_text for i in range(1, 10))
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width


def test_xlsx_structured_sheets_hold_numbers_as_numbers_and_chinese_words(workbook: Any,
                                                                          raw_services: list[dict[str, Any]]) -> None:
    assert workbook.sheetnames == ["清单", "服务", "金额", "分担", "分工", "单位", "导出信息"]
    amounts = workbook["金额"]
    header = [c.value for c in amounts[1]]
    assert header[:3] == ["序号", "服务编号", "子项"]
    value_at = header.index("数值")
    listed = [(r[0].value, r[3].value, r[value_at].value) for r in amounts.iter_rows(min_row=2)]
    expected = [(s["number"], q["name"], q.get("value"))
                for s in raw_services for row in [s, *(s.get("parts") or [])] for q in row.get("quantities") or []]
    assert listed == expected
    assert all(isinstance(v, int | float) for _, _, v in listed if v is not None)
    services = workbook["服务"]
    payers = [c.value for c in services[1]].index("出资方")
    assert services.cell(2, payers + 1).value == "中央、市级、区级"
    shares = workbook["分担"]
    assert {r[[c.value for c in shares[1]].index("承担方")].value for r in shares.iter_rows(min_row=2)} <= {
        "中央", "市级", "区级", "地方", "用人单位", "职工", "个人", "社会保险基金", "社会"}
    about = {r[0].value: r[1].value for r in workbook["导出信息"].iter_rows(min_row=2)}
    assert about["含校验错误仍导出"] is False and about["文号"] == "万州府办发〔2018〕10号"


def test_the_chinese_workbook_has_no_english_prose(workbook: Any) -> None:
    """The 单位 sheet's notes are the registry's, written in Chinese like the rest of the data."""
    import re

    units = workbook["单位"]
    note_at = [c.value for c in units[1]].index("说明")
    notes = [r[note_at] for r in units.iter_rows(min_row=2, values_only=True) if r[note_at]]
    assert len(notes) == 7
    assert not [note for note in notes if re.search(r"[A-Za-z]{2,}", note)]


def test_xlsx_with_english_headers_keeps_field_names_and_codes(run_cli: RunCli, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "list.xlsx"
    assert run_cli("export", "2017", "--format", "xlsx", "--headers", "en", "-o", str(out)).exit_code == 0
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames[1:] == ["services", "amounts", "splits", "service_units", "units", "export"]
    services = workbook["services"]
    assert [c.value for c in services[1]][:3] == ["number", "service_id", "part_id"]
    assert services.cell(2, [c.value for c in services[1]].index("payers") + 1).value == "central、city、district"
    assert [c.value for c in workbook["清单"][2]] == list(HEADER)  # the published table is always as published


def test_docx_holds_the_notice_and_the_table_rows(run_cli: RunCli, tmp_path: Path,
                                                  published: SourceDocument) -> None:
    import docx

    out = tmp_path / "notice.docx"
    result = run_cli("export", "2017", "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == published.document_number
    assert texts[2].replace("\n", "") == published.title and published.recipients in texts  # a line break per line
    assert published.preamble in texts and all(text in texts for _, text in published.requirements)
    assert f"抄送：{'，'.join(published.copy_to)}。" in texts
    assert published.printer is not None
    assert any(t.startswith(published.printer) and t.endswith("2018年2月1日印发") for t in texts)
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == list(HEADER)
    rows = table.rows[1:]
    assert len(rows) == len(published.rows)
    data = 0
    top: list[str] = []
    for row, want in zip(rows, published.rows, strict=True):
        cells = [c.text for c in row.cells]
        if isinstance(want, CategoryRow):
            assert cells == [f"{want.numeral}、{want.name}"] * 7  # one cell spanning the table
            continue
        data += 1
        expected = _expected(want)
        if not want.number:  # a sub-row: merged cells show the text of the cell above them
            expected = [e or t for e, t in zip(expected, top, strict=True)]
        assert cells == expected
        top = expected
    assert data == 89


def test_office_exports_refuse_an_invalid_edition_and_keep_the_previous_file(run_cli: RunCli, edition_copy: Path,
                                                                             tmp_path: Path) -> None:
    units = edition_copy / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("name: 区教委\n", "name: 区教育委\n", 1),
                     encoding="utf-8")
    for format_ in ("xlsx", "docx"):
        out = tmp_path / f"list.{format_}"
        out.write_bytes(b"previous")
        result = run_cli("export", str(edition_copy), "--format", format_, "-o", str(out))
        assert result.exit_code == 1 and "QD" in result.stderr
        assert out.read_bytes() == b"previous"
        assert run_cli("export", str(edition_copy), "--format", format_).exit_code == 2  # needs -o
    import openpyxl

    forced = tmp_path / "forced.xlsx"
    result = run_cli("export", str(edition_copy), "--format", "xlsx", "-o", str(forced), "--allow-invalid")
    assert result.exit_code == 0 and "exported_from_invalid" in result.stderr
    about = {r[0].value: r[1].value for r in openpyxl.load_workbook(forced)["导出信息"].iter_rows(min_row=2)}
    assert about["含校验错误仍导出"] is True and about["校验错误数"] >= 1


def test_xlsx_is_the_same_file_for_the_same_data(run_cli: RunCli, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run_cli("export", "2017", "--format", "xlsx", "-o", str(first)).exit_code == 0
    assert run_cli("export", "2017", "--format", "xlsx", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
