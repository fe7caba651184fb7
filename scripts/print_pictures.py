"""Regenerate the pictures of printed pages in docs/images (docs/export.md and docs/zh/export.md show them).

Exports the shipped edition as the list workbook, the notice and the task workbook, prints each to PDF with
LibreOffice (headless, a profile of its own) and turns chosen pages into PNG with poppler's pdftoppm:

    .venv/bin/python scripts/print_pictures.py

LibreOffice and poppler are Debian packages (libreoffice-calc libreoffice-writer poppler-utils fonts-noto-cjk;
.ci/run installs them). The pictures depend on the fonts installed: review them before committing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
RESOLUTION = "60"  # dots per inch: a page is about 500 by 700 pixels


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=600).stdout


def _pdf(source: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("print_pictures: LibreOffice (soffice) is not installed; see .ci/run")
    _run(soffice, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(folder), str(source))
    return folder / f"{source.stem}.pdf"


def _page(pdf: Path, page: int, name: str) -> None:
    stem = pdf.parent / name
    _run("pdftoppm", "-png", "-r", RESOLUTION, "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem))
    shutil.copyfile(f"{stem}.png", IMAGES / f"{name}.png")
    print(f"docs/images/{name}.png  (page {page} of {pdf.name})")


def _pages(pdf: Path) -> list[str]:
    return _run("pdftotext", "-raw", str(pdf), "-").split("\f")


def main() -> None:
    qingdan = [sys.executable, "-m", "qingdan"]
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for args in (["export", "2017", "--format", "xlsx", "-o", str(folder / "list.xlsx")],
                     ["export", "2017", "--format", "docx", "-o", str(folder / "notice.docx")],
                     ["tasks", "--all", "2017", "--format", "xlsx", "-o", str(folder / "tasks.xlsx")]):
            subprocess.run([*qingdan, *args], check=True, cwd=ROOT)
        workbook = _pdf(folder / "list.xlsx", folder)
        _page(workbook, 1, "export-xlsx-page1")
        sheets = [re.findall(r"(\S+) 第 \d+ 页", page)[-1:] for page in _pages(workbook)]
        _page(workbook, sheets.index(["分工"]) + 1, "export-xlsx-data")
        notice = _pdf(folder / "notice.docx", folder)
        pages = _pages(notice)
        _page(notice, 1, "export-docx-page1")
        _page(notice, next(i for i, text in enumerate(pages, 1) if "附件" in text), "export-docx-table")
        _page(notice, max(i for i, text in enumerate(pages, 1) if "抄送" in text), "export-docx-colophon")
        _page(_pdf(folder / "tasks.xlsx", folder), 1, "tasks-index")


if __name__ == "__main__":
    main()
