"""Task sheets for print: tasks UNIT --format xlsx|docx and --all, read back with openpyxl and python-docx and
checked against the YAML read independently."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.conftest import RunCli

ROLE = {True: "牵头", False: "配合"}


def _rows_of(raw_services: list[dict[str, Any]], unit: str) -> list[tuple[Any, ...]]:
    """(number, name, role, target, standard, funding) of every row naming ``unit``, city column first."""
    out = []
    for service in raw_services:
        for row in [service, *(service.get("parts") or [])]:
            for column in ("city_units", "district_units"):
                if unit in row[column]:
                    out.append((service["number"], service["name"], ROLE[row[column][0] == unit], row["target"],
                                row["standard"], row["funding"]))
    return out


def test_xlsx_task_sheet_of_one_department(run_cli: RunCli, raw_services: list[dict[str, Any]], tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "tasks.xlsx"
    result = run_cli("tasks", "区民政局", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    (sheet,) = openpyxl.load_workbook(out).worksheets
    assert sheet.title == "区民政局" and sheet["A1"].value == "区民政局 任务清单"
    header = [c.value for c in sheet[3]]
    assert header[:4] == ["序号", "服务项目", "分项", "职责"]
    at = {name: header.index(name) for name in ("服务对象", "服务指导标准", "支出责任")}
    listed = [(r[0].value, r[1].value, r[3].value, r[at["服务对象"]].value, r[at["服务指导标准"]].value,
               r[at["支出责任"]].value) for r in sheet.iter_rows(min_row=4)]
    assert listed == _rows_of(raw_services, "区民政局")
    assert len(listed) == 17 and sheet.print_title_rows == "$3:$3"


def test_all_departments_in_one_workbook_and_one_document(run_cli: RunCli, raw_services: list[dict[str, Any]],
                                                          tmp_path: Path) -> None:
    import docx
    import openpyxl

    units = sorted({u for s in raw_services for row in [s, *(s.get("parts") or [])]
                    for u in (*row["city_units"], *row["district_units"])})
    workbook_path, document_path = tmp_path / "all.xlsx", tmp_path / "all.docx"
    assert run_cli("tasks", "--all", "--format", "xlsx", "-o", str(workbook_path)).exit_code == 0
    assert run_cli("tasks", "--all", "2017", "--format", "docx", "-o", str(document_path)).exit_code == 0
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
