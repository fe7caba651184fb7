"""The 修订说明 and 修订对照表 as docx and xlsx, opened again by independent readers (python-docx, openpyxl): a
portrait 修订说明 then a landscape 对照表 whose header repeats on every page, a row per changed cell; and, where
LibreOffice is installed, printed to PDF with every row's service in it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan import api

if TYPE_CHECKING:
    from tests.conftest import RunCli

HEADER = ["序号", "服务项目", "栏目", "原文", "修订后", "修订说明"]


def _write(run_cli: RunCli, fmt: str, out: Path) -> None:
    result = run_cli("--lang", "zh", "changelog", "policies/2017", "policies/2019", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""


def test_docx_is_a_portrait_note_then_a_landscape_table(revision: Path, run_cli: RunCli) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    _write(run_cli, "docx", revision / "修订说明.docx")
    document = Document(str(revision / "修订说明.docx"))
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    width, height = document.sections[1].page_width, document.sections[1].page_height
    assert width is not None and height is not None and width > height
    texts = [p.text for p in document.paragraphs]
    assert texts[0].startswith("修订说明") and any(t.startswith("三、提标：1 项（2 农村义务教育学生营养改善）")
                                                  for t in texts)
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == HEADER
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None  # the header repeats on every page
    expected = api.changelogs(("policies/2017", "policies/2019")).changelogs[0].rows
    assert len(table.rows) == 1 + len(expected)
    raised = next(row for row in table.rows if row.cells[1].text == "农村义务教育学生营养改善")
    assert raised.cells[0].text == "2" and raised.cells[2].text == "服务指导标准"
    assert "800元" in raised.cells[3].text and "1000元" in raised.cells[4].text
    assert raised.cells[5].text.startswith("提标：")


def test_xlsx_has_both_sheets_set_up_for_print(revision: Path, run_cli: RunCli) -> None:
    from openpyxl import load_workbook

    _write(run_cli, "xlsx", revision / "修订说明.xlsx")
    workbook = load_workbook(revision / "修订说明.xlsx")
    assert workbook.sheetnames == ["修订说明", "修订对照表"]
    summary = workbook["修订说明"]
    counts = {row[0]: row[1] for row in summary.iter_rows(min_row=3, values_only=True)}
    assert counts["提标"] == 1 and counts["删减"] == 0 and len(counts) == 9
    table = workbook["修订对照表"]
    assert [c.value for c in table[2]] == HEADER
    assert table.print_title_rows == "$2:$2" and table.page_setup.orientation == "landscape"
    assert table.page_setup.paperSize == 9 and table.freeze_panes == "A3"
    expected = api.changelogs(("policies/2017", "policies/2019")).changelogs[0].rows
    assert table.max_row == 2 + len(expected)
    numbers = [row[0] for row in table.iter_rows(min_row=3, values_only=True)]
    assert numbers == [r.number for r in expected]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian packages: libreoffice-calc libreoffice-writer poppler-utils)")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_libreoffice_prints_every_row(revision: Path, run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    soffice, pdftotext = _tool("soffice"), _tool("pdftotext")
    source = revision / f"changelog.{fmt}"
    _write(run_cli, fmt, source)
    profile = tmp_path / "profile"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run([pdftotext, "-raw", str(tmp_path / "changelog.pdf"), "-"], check=True,
                          capture_output=True, text=True, timeout=120).stdout
    assert "修订对照表" in text
    for name in ("农村义务教育学生营养改善", "退役军人就业创业服务", "医疗救助", "无障碍环境支持"):
        assert name in text
