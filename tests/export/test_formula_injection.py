"""Spreadsheet-safe cells: texts that a spreadsheet would run as formulas are neutralised in CSV and XLSX, never in
JSON or SQLite, and the CSV export still loads back to the raw text."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.output.export.safe_cells import FORMULA_STARTS

if TYPE_CHECKING:
    from tests.conftest import RunCli

PLANTED = {  # service file -> key -> planted text (each a way into a spreadsheet formula, and a plain quote)
    "free-compulsory-education": {"name": '=HYPERLINK("http://x","y")', "target": "+1"},
    "basic-funeral-service": {"name": "-2", "target": "@SUM(1)", "standard": "\t=1+1",
                              "funding": "'quoted already"},
}


@pytest.fixture
def planted(edition_copy: Path) -> Path:
    """The shipped edition with formula-like names and targets; it still validates (nothing checks them)."""
    for stem, values in PLANTED.items():
        path = edition_copy / "services" / f"{stem}.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for key, text in values.items():
            index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}: "))
            lines[index] = f"{key}: {json.dumps(text, ensure_ascii=False)}\n"
        path.write_text("".join(lines), encoding="utf-8")
    return edition_copy


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")) for cell in row]


@pytest.mark.parametrize("options", [[], ["--excel"], ["--headers", "zh"], ["--excel", "--headers", "zh"]])
def test_no_csv_cell_starts_a_formula_and_the_csv_loads_back_raw(run_cli: RunCli, planted: Path, tmp_path: Path,
                                                                 options: list[str]) -> None:
    from qingdan.output.export import read

    out = tmp_path / "csv"
    result = run_cli("export", str(planted), "--format", "csv", "-o", str(out), *options)
    assert result.exit_code == 0, result.stderr
    cells = [cell for path in sorted(out.glob("*.csv")) for cell in _csv_cells(path.read_text(encoding="utf-8"))]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    listed = _csv_cells((out / "list.csv").read_text(encoding="utf-8"))
    for text in (t for values in PLANTED.values() for t in values.values()):
        assert "'" + text in listed  # neutralised with a leading quote, the rest untouched
    loaded, _ = read("csv", out)
    for stem, values in PLANTED.items():
        service = loaded.service(stem)
        assert {key: getattr(service, key) for key in values} == values


def test_csv_on_stdout_is_safe_too(run_cli: RunCli, planted: Path) -> None:
    result = run_cli("export", str(planted), "--format", "csv", "--excel")
    assert result.exit_code == 0, result.stderr
    cells = _csv_cells(result.stdout)
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def test_no_xlsx_cell_starts_a_formula_risky_texts_are_prefixed_strings(run_cli: RunCli, planted: Path,
                                                                            tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "list.xlsx"
    result = run_cli("export", str(planted), "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:  # no formula element anywhere in the workbook's sheets
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not [name for name in sheets if b"<f>" in archive.read(name) or b"<f " in archive.read(name)]
    workbook = openpyxl.load_workbook(out)
    risky = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)), \
                    f"{sheet.title}!{cell.coordinate} starts a formula: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.startswith("'"):
                    risky.append(cell.value[1:])
                    # a string cell with Excel's quote prefix as well: kept as text, even when edited
                    assert cell.data_type == "s" and cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"
    planted_risky = {t for values in PLANTED.values() for t in values.values() if t.startswith(FORMULA_STARTS)}
    assert planted_risky <= set(risky)
    published = [c.value for row in workbook["清单"].iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x","y")' in published and "'\t=1+1" in published


def test_json_and_sqlite_keep_the_raw_text(run_cli: RunCli, planted: Path, tmp_path: Path) -> None:
    result = run_cli("export", str(planted), "--format", "json")
    assert result.exit_code == 0, result.stderr
    services = {s["id"]: s for s in json.loads(result.stdout)["services"]}
    for stem, values in PLANTED.items():
        assert {key: services[stem][key] for key in values} == values
    database = tmp_path / "list.sqlite"
    assert run_cli("export", str(planted), "--format", "sqlite", "-o", str(database)).exit_code == 0
    with sqlite3.connect(database) as connection:
        name, target = connection.execute(
            "SELECT name, target FROM services WHERE id = 'free-compulsory-education'").fetchone()
    assert (name, target) == ('=HYPERLINK("http://x","y")', "+1")
