"""The xlsx and docx exports opened by a real office suite: LibreOffice (headless) prints them to PDF, and the PDF's
text holds every service name. ``pytest --update-golden`` also refreshes the first-page pictures in docs/images.

LibreOffice and poppler are Debian packages that .ci/run installs when missing; where they cannot be installed the
tests skip and say why.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan import Edition

if TYPE_CHECKING:
    from tests.conftest import RunCli

pytestmark = pytest.mark.slow

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
PACKAGES = "libreoffice-calc libreoffice-writer poppler-utils fonts-noto-cjk"


def _tool(*names: str) -> str:
    found = next((path for name in names if (path := shutil.which(name))), None)
    if found is None:
        pytest.skip(f"{' or '.join(names)} is not installed (Debian packages: {PACKAGES}; .ci/run installs them)")
    return found


def _pdf(source: Path, tmp_path: Path) -> Path:
    soffice = _tool("soffice", "libreoffice")
    profile = tmp_path / "profile"  # a profile of its own: no clash with a running LibreOffice or another test
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / f"{source.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no {pdf.name}"
    return pdf


def _pages(pdf: Path) -> list[str]:
    """The text of each page in content order (-raw: each table cell's lines stay together)."""
    text = subprocess.run([_tool("pdftotext"), "-raw", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=120).stdout
    return text.split("\f")


def _picture(pdf: Path, name: str, update_golden: bool, page: int = 1) -> None:
    target = IMAGES / f"{name}.png"
    if update_golden:
        IMAGES.mkdir(exist_ok=True)
        stem = pdf.parent / name
        subprocess.run([_tool("pdftoppm"), "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(stem)], check=True, timeout=120)
        shutil.copyfile(f"{stem}.png", target)
    assert target.is_file(), f"{target} is missing: run pytest --update-golden with LibreOffice installed"


def _missing(names: list[str], pages: list[str]) -> list[str]:
    flat = re.sub(r"\s", "", "".join(pages))
    return [name for name in names if re.sub(r"\s", "", name) not in flat]


def test_xlsx_prints_every_service_name_on_the_published_sheet(run_cli: RunCli, edition: Edition, tmp_path: Path,
                                                              update_golden: bool) -> None:
    out = tmp_path / "list.xlsx"
    assert run_cli("export", "2017", "--format", "xlsx", "-o", str(out)).exit_code == 0
    pdf = _pdf(out, tmp_path)
    pages = _pages(pdf)
    # Every page's footer names its sheet and counts that sheet's pages from 1; the published sheet comes first.
    footers = [re.findall(r"(\S+) 第 (\d+) 页", page)[-1] for page in pages if page.strip()]
    assert len(footers) == len([page for page in pages if page.strip()]) <= 25  # 53 before every sheet had a setup
    sheets = list(dict.fromkeys(sheet for sheet, _ in footers))
    assert sheets == ["清单", "服务", "金额", "分担", "分工", "单位", "导出信息"]
    numbers = {sheet: [int(n) for name, n in footers if name == sheet] for sheet in sheets}
    assert all(found == list(range(1, len(found) + 1)) for found in numbers.values()), numbers
    published = pages[:len(numbers["清单"])]
    assert "序号" in published[-1]  # the header row is repeated on every page
    assert _missing([s.name for s in edition.services], published) == []
    _picture(pdf, "export-xlsx-page1", update_golden)


def test_task_index_prints_on_one_page(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "tasks.xlsx"
    assert run_cli("tasks", "--all", "2017", "--format", "xlsx", "-o", str(out)).exit_code == 0
    pages = _pages(_pdf(out, tmp_path))
    assert "汇总 第 1 页" in pages[0] and not any("汇总 第 2 页" in page for page in pages)


def test_docx_prints_the_notice_and_every_service_name(run_cli: RunCli, edition: Edition, tmp_path: Path,
                                                      update_golden: bool) -> None:
    out = tmp_path / "notice.docx"
    assert run_cli("export", "2017", "--format", "docx", "-o", str(out)).exit_code == 0
    pdf = _pdf(out, tmp_path)
    pages = _pages(pdf)
    assert _missing([edition.metadata.document_number, edition.metadata.issuer], pages[:1]) == []
    assert _missing([s.name for s in edition.services], pages) == []
    # the 版记 follows the table on its last page, never alone
    last = re.sub(r"\s", "", pages[-1] if pages[-1].strip() else pages[-2])
    assert "抄送" in last and re.sub(r"\s", "", edition.services[-1].name) in last
    # the docx names the fonts of an office PC; LibreOffice prints with the Chinese fonts it has, all embedded
    import zipfile

    styles = zipfile.ZipFile(out).read("word/styles.xml").decode()
    named = set(re.findall(r'w:eastAsia="([^"]+)"', styles)) - {"zh-CN"}
    assert named == {"仿宋_GB2312", "方正小标宋简体", "黑体", "宋体"}
    fonts = subprocess.run([_tool("pdffonts"), str(pdf)], check=True, capture_output=True, text=True).stdout
    embedded = [line.split()[-5] for line in fonts.splitlines()[2:]]
    assert embedded and set(embedded) == {"yes"}
    _picture(pdf, "export-docx-page1", update_golden)
    table_page = next(i for i, page in enumerate(pages, 1) if "区级对接落实责任部门" in re.sub(r"\s", "", page))
    _picture(pdf, "export-docx-table", update_golden, table_page)
