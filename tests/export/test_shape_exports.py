"""An edition in the 2021 shape (the example, tests/revision/example-2021/2021) exported, rendered and given as task
sheets in its own published layout: 序号, 服务项目, 服务对象, 服务内容, 服务标准, 支出责任, 牵头负责单位, grouped by
area (方面) and category (大类). The workbook and the document are read back with openpyxl and python-docx, the
machine formats with their readers; LibreOffice prints them where it is installed."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli

    from qingdan import Edition

EXAMPLE = Path(__file__).resolve().parents[1] / "revision" / "example-2021" / "2021"
HEADER = ["序号", "服务项目", "服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example beside its predecessor, the shipped 2017 edition (a revision validates against it)."""
    root = tmp_path_factory.mktemp("lineage")
    shutil.copytree(EXAMPLE.parents[2].parent / "policies" / "2017", root / "2017")
    shutil.copytree(EXAMPLE, root / "2021")
    return root / "2021"


@pytest.fixture(scope="module")
def example(folder: Path) -> Edition:
    import qingdan

    return qingdan.load(folder)


@pytest.fixture
def exported(folder: Path, run_cli: RunCli) -> Callable[[str, Path], Path]:
    def export(fmt: str, out: Path) -> Path:
        result = run_cli("export", str(folder), "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        return out

    return export


def test_the_workbook_has_the_2021_columns_grouped_by_area_and_category(exported: Callable[[str, Path], Path],
                                                                         tmp_path: Path,
                                                                         example: Edition) -> None:
    import openpyxl

    book = openpyxl.load_workbook(exported("xlsx", tmp_path / "list.xlsx"))
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[2]] == HEADER
    first = [sheet.cell(row, 1).value for row in range(3, 6)]
    assert first == ["一、幼有所育", "（一）优孕优生服务", 1]
    headings = [sheet.cell(row, 1).value for row in range(3, sheet.max_row + 1)
                if isinstance(sheet.cell(row, 1).value, str) and sheet.cell(row, 1).value]
    assert len(headings) == len(example.areas) + len(example.categories) == 9 + 22
    folic = next(row for row in sheet.iter_rows(min_row=3, values_only=True) if row[1] == "增补叶酸预防神经管缺陷服务")
    service = example.service("folic-acid-supplement")
    assert folic[3:5] == (service.content, service.standard)
    listed = book["服务"]
    assert "服务内容" in [cell.value for cell in listed[1]]


def test_the_document_has_the_2021_columns(exported: Callable[[str, Path], Path], tmp_path: Path) -> None:
    import docx

    document = docx.Document(str(exported("docx", tmp_path / "list.docx")))
    table = document.tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == HEADER
    assert table.rows[1].cells[0].text == "一、幼有所育" and table.rows[2].cells[0].text == "（一）优孕优生服务"
    texts = {cell.text for row in table.rows for cell in row.cells}
    assert "增补叶酸预防神经管缺陷服务" in texts and "示例" in document.paragraphs[0].text + "".join(
        p.text for p in document.paragraphs[:6])


def test_the_machine_formats_keep_the_shape(exported: Callable[[str, Path], Path], tmp_path: Path,
                                            example: Edition) -> None:
    from jsonschema import Draft202012Validator

    from qingdan.core import resources
    from qingdan.output.export.csv_format import read as read_csv
    from qingdan.output.export.json_format import read as read_json

    data = json.loads(exported("json", tmp_path / "list.json").read_text(encoding="utf-8"))
    Draft202012Validator(resources.schema("export")).validate(data)
    assert data["edition"]["shape"] == "standard-2021" and len(data["areas"]) == 9
    assert {"content", "standard"} <= set(data["services"][0])
    read_back = replace(example, crosswalk=None)  # the crosswalk is the revision's, not the list's: not exported
    assert replace(read_json(tmp_path / "list.json")[0], path=example.path) == read_back

    tables = exported("csv", tmp_path / "csv")
    assert (tables / "list.csv").read_text(encoding="utf-8-sig").split("\n")[0].split(",")[6:9] == [
        "target", "content", "standard"]
    assert replace(read_csv(tables)[0], path=example.path) == read_back

    database = sqlite3.connect(exported("sqlite", tmp_path / "list.sqlite"))
    shape, = database.execute("select shape from edition").fetchone()
    areas = database.execute("select count(*) from areas").fetchone()[0]
    content = database.execute("select content from services where id = 'folic-acid-supplement'").fetchone()[0]
    database.close()
    assert (shape, areas, content) == ("standard-2021", 9, example.service("folic-acid-supplement").content)
    package = json.loads((exported("datapackage", tmp_path / "package") / "datapackage.json")
                         .read_text(encoding="utf-8"))
    assert "areas" in [resource["name"] for resource in package["resources"]]


def test_render_and_task_sheets_use_the_2021_layout(run_cli: RunCli, folder: Path, tmp_path: Path) -> None:
    rendered = run_cli("render", str(folder)).stdout
    assert "\t服务内容\n\t服务标准\n\t支出责任\n\t牵头负责单位" in rendered and "\t（一）优孕优生服务" in rendered
    text = run_cli("tasks", "区卫生计生委", str(folder)).stdout
    assert "服务内容: 为农村计划怀孕妇女免费增补叶酸，预防神经管缺陷。" in text and "服务指导标准" not in text
    sheet = json.loads(run_cli("tasks", "区卫生计生委", str(folder), "--format", "json").stdout)
    assert "content" in sheet["tasks"][0]
    import openpyxl

    out = tmp_path / "tasks.xlsx"
    assert run_cli("tasks", "区卫生计生委", str(folder), "--format", "xlsx", "-o", str(out)).exit_code == 0
    header = [cell.value for cell in openpyxl.load_workbook(out).worksheets[0][3]]
    assert header[-4:] == ["服务对象", "服务内容", "服务标准", "支出责任"]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_the_example_prints_to_pdf(exported: Callable[[str, Path], Path], tmp_path: Path, fmt: str) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("LibreOffice or poppler is not installed (.ci/run installs them)")
    source = exported(fmt, tmp_path / f"list.{fmt}")
    profile = tmp_path / "profile"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run([pdftotext, "-raw", str(tmp_path / "list.pdf"), "-"], check=True, capture_output=True,
                          text=True, timeout=120).stdout
    flat = "".join(text.split())  # a cell's text wraps over lines
    assert "牵头负责单位" in flat and "增补叶酸预防神经管缺陷服务" in flat and "一、幼有所育" in flat
