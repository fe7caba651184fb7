"""Task sheets for print: tasks UNIT --format xlsx|docx and --all, read back with openpyxl and python-docx and
checked against the YAML read independently."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli

ROLE = {True: "牵头", False: "配合"}


def _rows_of(raw_services: list[dict[str, Any]], unit: str) -> list[tuple[Any, ...]]:
    """(number, name, role, target, standard, funding) of every row naming ``unit``, city column first; a part's
    empty cell shows the service's, as the merged cell of the published table does."""
    out = []
    for service in raw_services:
        for row in [service, *(service.get("parts") or [])]:
            for column in ("city_units", "district_units"):
                if unit in row[column]:
                    out.append((service["number"], service["name"], ROLE[row[column][0] == unit],
                                *(row[name] or service[name] for name in ("target", "standard", "funding"))))
    return out


def _levels(shipped_edition: Path) -> dict[str, str]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((shipped_edition / "units.yaml").read_text(encoding="utf-8"))
    return {u["name"]: u["level"] for u in data["units"]}


def test_xlsx_task_sheet_of_one_department(run_cli: RunCli, raw_services: list[dict[str, Any]], tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "tasks.xlsx"
    result = run_cli("tasks", "区民政局", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    (sheet,) = openpyxl.load_workbook(out).worksheets
    assert sheet.title == "区民政局" and sheet["A1"].value == "区民政局 任务清单"
    header = [c.value for c in sheet[3]]
    assert header[:4] == ["序号", "服务项目", "子项", "职责"]
    at = {name: header.index(name) for name in ("服务对象", "服务指导标准", "支出责任")}
    listed = [(r[0].value, r[1].value, r[3].value, r[at["服务对象"]].value, r[at["服务指导标准"]].value,
               r[at["支出责任"]].value) for r in sheet.iter_rows(min_row=4)]
    assert listed == _rows_of(raw_services, "区民政局")
    assert len(listed) == 17 and sheet.print_title_rows == "$3:$3"


@pytest.mark.slow  # the sheets of every department, as a workbook and a document (a workflow; .ci/run runs it)
def test_all_departments_in_one_workbook_and_one_document(run_cli: RunCli, raw_services: list[dict[str, Any]],
                                                          tmp_path: Path) -> None:
    import docx
    import openpyxl

    units = sorted({u for s in raw_services for row in [s, *(s.get("parts") or [])]
                    for u in (*row["city_units"], *row["district_units"])})
    workbook_path, document_path = tmp_path / "all.xlsx", tmp_path / "all.docx"
    assert run_cli("tasks", "--all", "--level", "all", "--format", "xlsx", "-o", str(workbook_path)).exit_code == 0
    assert run_cli("tasks", "--all", "2017", "--level", "all", "--format", "docx",
                   "-o", str(document_path)).exit_code == 0
    workbook = openpyxl.load_workbook(workbook_path)
    assert workbook.sheetnames[0] == "汇总" and sorted(workbook.sheetnames[1:]) == units
    index = {r[0].value: r[3].value for r in workbook["汇总"].iter_rows(min_row=3)}  # after the title and header
    assert index == {unit: len(_rows_of(raw_services, unit)) for unit in units}
    for unit in ("市财政局", "区残联"):
        assert workbook[unit].max_row - 3 == len(_rows_of(raw_services, unit))
    document = docx.Document(str(document_path))
    assert len(document.tables) == 1 + len(units)  # the index, then one table per department
    headings = [p.text for p in document.paragraphs if p.text.endswith(" 任务清单")]
    assert sorted(h.removesuffix(" 任务清单") for h in headings) == units
    by_unit = dict(zip(headings, document.tables[1:], strict=True))
    civil = by_unit["区民政局 任务清单"]
    assert [(c[0].text, c[1].text, c[3].text) for c in (r.cells for r in civil.rows[1:])] == \
        [(str(n), name, role) for n, name, role, *_ in _rows_of(raw_services, "区民政局")]


def test_task_sheet_usage_errors(run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("tasks", "区民政局", "--format", "xlsx").exit_code == 2  # needs -o
    assert run_cli("tasks", "--all").exit_code == 2  # --all is for print formats
    assert run_cli("tasks").exit_code == 2
    assert run_cli("tasks", "区民证局", "--format", "docx", "-o", str(tmp_path / "x.docx")).exit_code == 2
    assert not (tmp_path / "x.docx").exists()


def test_all_lists_the_district_departments_by_default(run_cli: RunCli, raw_services: list[dict[str, Any]],
                                                       shipped_edition: Path, tmp_path: Path) -> None:
    import docx
    import openpyxl

    levels = _levels(shipped_edition)
    named = {u for s in raw_services for row in [s, *(s.get("parts") or [])]
             for u in (*row["city_units"], *row["district_units"])}
    district = sorted(u for u in named if levels.get(u) == "district")
    workbook_path, document_path = tmp_path / "all.xlsx", tmp_path / "all.docx"
    assert run_cli("tasks", "--all", "--format", "xlsx", "-o", str(workbook_path)).exit_code == 0
    assert run_cli("tasks", "--all", "--format", "docx", "-o", str(document_path)).exit_code == 0
    workbook = openpyxl.load_workbook(workbook_path)
    assert sorted(workbook.sheetnames[1:]) == district and len(district) == 15
    city = run_cli("tasks", "--all", "--level", "city", "--format", "xlsx", "-o", str(tmp_path / "city.xlsx"))
    assert city.exit_code == 0
    assert sorted(openpyxl.load_workbook(tmp_path / "city.xlsx").sheetnames[1:]) == \
        sorted(u for u in named if levels.get(u) == "city")
    index = workbook["汇总"]
    assert [c.value for c in index[2]] == ["单位", "层级", "对接单位", "任务数", "牵头任务数", "涉及服务项目数"]
    assert {index.row_dimensions[r].height for r in range(3, index.max_row + 1)} == {index.row_dimensions[3].height}
    document = docx.Document(str(document_path))
    headings = sorted(p.text.removesuffix(" 任务清单") for p in document.paragraphs if p.text.endswith(" 任务清单"))
    assert headings == district
    index_rows = document.tables[0].rows
    assert {(row.height, row.height_rule) for row in index_rows} == {(index_rows[0].height, index_rows[0].height_rule)}


def test_every_printed_page_has_its_number_and_the_notice(run_cli: RunCli, tmp_path: Path) -> None:
    import docx
    import openpyxl

    document_path, workbook_path = tmp_path / "t.docx", tmp_path / "t.xlsx"
    assert run_cli("tasks", "--all", "--format", "docx", "-o", str(document_path)).exit_code == 0
    assert run_cli("tasks", "区民政局", "--format", "xlsx", "-o", str(workbook_path)).exit_code == 0
    section = docx.Document(str(document_path)).sections[0]
    footer = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert section.footer.paragraphs[0].text == "第  页，共  页"  # the fields are filled in when the page is laid out
    assert section.header.paragraphs[0].text == "万州府办发〔2018〕10号\t2018年1月31日"
    sheet = openpyxl.load_workbook(workbook_path)["区民政局"]
    assert sheet.oddHeader.left.text == "万州府办发〔2018〕10号" and sheet.oddHeader.right.text == "2018年1月31日"
    assert sheet.oddFooter.center.text == "第 &P 页"  # the sheet's own pages: &N would count the workbook's
    # no header wraps (序/号, 子项/1): a CJK character takes two of Excel's character widths, or 9 points in Word
    header = [c.value for c in sheet[3]]
    letters = [c.column_letter for c in sheet[3]]
    assert all(sheet.column_dimensions[letter].width >= 2 * len(label) + 1
               for letter, label in zip(letters, header, strict=True))
    assert sheet.column_dimensions["C"].width >= 2 * len("子项1")
    table = docx.Document(str(document_path)).tables[1]
    for cell in table.rows[0].cells:
        assert cell.width.cm >= len(cell.text) * 9 / 72 * 2.54 + 0.4, cell.text  # 0.4 cm: the cell's margins


def test_item_52_first_part_shows_the_merged_standard_and_funding(run_cli: RunCli, raw_services: list[dict[str, Any]],
                                                                  tmp_path: Path) -> None:
    """区扶贫办's only item 52 task is 子项1, whose 服务指导标准 and 支出责任 cells are merged with the service row
    above in the published table: every format shows the service's text there, never an empty cell."""
    import json

    import docx
    import openpyxl

    (service,) = [s for s in raw_services if s["number"] == 52]
    part = service["parts"][0]
    assert part["standard"] is None and part["funding"] is None  # the data keeps the merge as published
    standard, funding = service["standard"], service["funding"]

    text = run_cli("tasks", "区扶贫办").stdout
    block = text[text.index("52 医疗救助 · 子项1"):]
    assert f"服务指导标准: {standard}" in block and f"支出责任: {funding}" in block
    (task,) = [t for t in json.loads(run_cli("tasks", "区扶贫办", "--format", "json").stdout)["tasks"]
               if t["number"] == 52]
    assert (task["part"], task["standard"], task["funding"]) == (1, standard, funding)
    assert task["inherited"] == ["standard", "funding"]

    assert run_cli("tasks", "区扶贫办", "--format", "xlsx", "-o", str(tmp_path / "t.xlsx")).exit_code == 0
    assert run_cli("tasks", "区扶贫办", "--format", "docx", "-o", str(tmp_path / "t.docx")).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["区扶贫办"]
    header = [c.value for c in sheet[3]]
    (row,) = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] == 52]
    assert (row[header.index("子项")], row[header.index("服务指导标准")], row[header.index("支出责任")]) == \
        ("子项1", standard, funding)
    table = docx.Document(str(tmp_path / "t.docx")).tables[0]
    header = [c.text for c in table.rows[0].cells]
    (cells,) = [[c.text for c in r.cells] for r in table.rows[1:] if r.cells[0].text == "52"]
    assert (cells[header.index("子项")], cells[header.index("服务指导标准")], cells[header.index("支出责任")]) == \
        ("子项1", standard, funding)

    # the list's own table: the merged cell spans the part's row (xlsx), and the 服务 sheet writes the value out
    assert run_cli("export", "2017", "--format", "xlsx", "-o", str(tmp_path / "list.xlsx")).exit_code == 0
    workbook = openpyxl.load_workbook(tmp_path / "list.xlsx")
    published = workbook["清单"]
    standard_at = [c.value for c in published[2]].index("服务指导标准") + 1
    (service_row,) = [r[0].row for r in published.iter_rows(min_row=3) if r[0].value in (52, "52")]
    spans = [m for m in published.merged_cells.ranges if m.min_col == standard_at and m.min_row == service_row]
    assert spans and spans[0].max_row >= service_row + 1  # 子项1 is the row after the service's
    assert published.cell(service_row, standard_at).value == standard
    services = workbook["服务"]
    header = [c.value for c in services[1]]
    (listed,) = [r for r in services.iter_rows(min_row=2, values_only=True)
                 if r[header.index("子项")] == part["id"]]
    assert (listed[header.index("服务指导标准")], listed[header.index("支出责任")]) == (standard, funding)
    assert listed[header.index("合并单元格")] == "服务指导标准、支出责任、出资方"
    # docx: the part's standard cell is the service's cell continued (a vertical merge), holding its text
    assert run_cli("export", "2017", "--format", "docx", "-o", str(tmp_path / "list.docx")).exit_code == 0
    table = docx.Document(str(tmp_path / "list.docx")).tables[-1]
    header = [c.text for c in table.rows[0].cells]
    at = next(i for i, r in enumerate(table.rows) if r.cells[0].text == "52")  # the merged 序号 spans the parts
    part_row = table.rows[at + 1].cells
    assert part_row[header.index("服务对象")].text == part["target"]
    assert part_row[header.index("服务指导标准")].text == standard
    assert part_row[header.index("支出责任")].text == funding


def test_exports_keep_the_merge_and_carry_the_inherited_value(run_cli: RunCli, raw_services: list[dict[str, Any]],
                                                               tmp_path: Path) -> None:
    """JSON, CSV and SQLite keep the part's own null (the text holds a merge) and say what it shows, explicitly."""
    import csv
    import json
    import sqlite3

    (service,) = [s for s in raw_services if s["number"] == 52]
    first = service["parts"][0]
    document = json.loads(run_cli("export", "2017", "--format", "json").stdout)
    (part, second) = next(s for s in document["services"] if s["number"] == 52)["parts"]
    assert (part["standard"], part["funding"]) == (None, None)
    assert part["inherited"] == {"standard": service["standard"], "funding": service["funding"],
                                 "payers": service["payers"]}
    assert second["inherited"] == {}
    assert run_cli("export", "2017", "--format", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    with (tmp_path / "csv" / "parts.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = [r for r in csv.DictReader(handle) if r["id"] == first["id"]]
    assert (row["standard"], row["inherited"], row["inherited_standard"], row["inherited_funding"]) == \
        ("", "standard、funding、payers", service["standard"], service["funding"])
    assert run_cli("export", "2017", "--format", "sqlite", "-o", str(tmp_path / "x.sqlite")).exit_code == 0
    with sqlite3.connect(tmp_path / "x.sqlite") as connection:
        found = connection.execute("SELECT standard, inherited_standard, inherited_payers FROM parts WHERE id = ?",
                                   (first["id"],)).fetchone()
    assert found == (None, service["standard"], "、".join(service["payers"]))


def test_the_same_data_gives_the_same_workbook(run_cli: RunCli, tmp_path: Path) -> None:
    import docx

    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    assert run_cli("tasks", "--all", "--format", "xlsx", "-o", str(first)).exit_code == 0
    assert run_cli("tasks", "--all", "--format", "xlsx", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert run_cli("tasks", "--all", "--format", "docx", "-o", str(tmp_path / "t.docx")).exit_code == 0
    properties = docx.Document(str(tmp_path / "t.docx")).core_properties
    assert (properties.author, properties.language, properties.created.date().isoformat()) == \
        ("重庆市万州区人民政府办公室", "zh-CN", "2018-01-31")


def test_control_characters_never_reach_a_word_document(run_cli: RunCli, edition_copy: Path, tmp_path: Path) -> None:
    """YAML's escapes can put a control character in a text, which python-docx would stop at half-way (exit 3): the
    loader refuses it at its line before any writer sees it, for the list and the task sheets alike."""
    path = edition_copy / "services" / "medical-assistance.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: 医疗救助\n", 'name: "医疗\\x0b救助"\n', 1), encoding="utf-8")
    for args in (("export", str(edition_copy), "--format", "docx", "-o", str(tmp_path / "list.docx")),
                 ("tasks", "区民政局", str(edition_copy), "--format", "docx", "-o", str(tmp_path / "t.docx"))):
        result = run_cli(*args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, args
        assert "medical-assistance.yaml:4:7" in result.stderr and "U+000B" in result.stderr
    assert not list(tmp_path.glob("*.docx"))
