"""qingdan export through the CLI: the validation gate, --allow-invalid, stdout, usage errors, atomic outputs."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.conftest import RunCli

PLANTED = "  - 区教委员会\n"


def _plant_error(edition_copy: Path) -> tuple[Path, int]:
    """Replace item 1's district lead 区教委 with a unit the registry lacks (QD102); return the file and line."""
    path = edition_copy / "services" / "free-compulsory-education.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("district_units:\n")
    index = next(i for i in range(start, len(lines)) if lines[i] == "  - 区教委\n")
    lines[index] = PLANTED
    path.write_text("".join(lines), encoding="utf-8")
    return path, index + 1


def test_json_goes_to_stdout_by_default(run_cli: RunCli) -> None:
    result = run_cli("export", "2017", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["services"]) == 87 and document["exported_from_invalid"] is False


def test_csv_to_stdout_is_the_list_sheet_with_a_bom_for_excel(run_cli: RunCli) -> None:
    result = run_cli("export", "2017", "--format", "csv", "-o", "-", "--excel")
    assert result.exit_code == 0, result.stderr
    # --excel is for a person opening the file: the published table's words, 子项 and 出资方 as qingdan says them
    assert result.stdout.startswith("\ufeff序号,服务编号,子项,")
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"), newline="")))
    assert len(rows) == 1 + 89  # item 52's target spans lines inside one quoted cell
    assert "出资方" in rows[0] and "分项编号" not in rows[0] and "支出主体" not in rows[0]
    english = run_cli("export", "2017", "--format", "csv", "-o", "-", "--excel", "--headers", "en")
    assert english.stdout.startswith("\ufeffnumber,service_id,part_id,")


def test_invalid_edition_is_not_exported(run_cli: RunCli, edition_copy: Path, tmp_path: Path) -> None:
    path, _ = _plant_error(edition_copy)
    out = tmp_path / "out.json"
    out.write_text("previous export", encoding="utf-8")
    result = run_cli("export", str(edition_copy), "--format", "json", "-o", str(out))
    assert result.exit_code == 1
    # one line: the first error (the unknown unit; what follows from it is not reported again) and the count
    assert re.fullmatch(rf"qingdan: {re.escape(str(path))}:\d+:\d+: QD102 .*区教委.*; not exported: the edition has "
                        r"this validation error \(qingdan validate reports it; --allow-invalid exports anyway and "
                        r"records it\)\n", result.stderr), result.stderr
    assert out.read_text(encoding="utf-8") == "previous export"


def test_allow_invalid_exports_and_records_it(run_cli: RunCli, edition_copy: Path, tmp_path: Path) -> None:
    _plant_error(edition_copy)
    result = run_cli("export", str(edition_copy), "--format", "json", "--allow-invalid")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["exported_from_invalid"] is True and document["validation_errors"] >= 1
    assert "区教委员会" in document["services"][0]["district_units"]
    out = tmp_path / "csv"
    assert run_cli("export", str(edition_copy), "--format", "csv", "-o", str(out), "--allow-invalid").exit_code == 0
    assert (out / "edition.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[-2:] == \
        ["true", str(document["validation_errors"])]


def test_sqlite_and_datapackage_need_an_output_path(run_cli: RunCli) -> None:
    for name in ("sqlite", "datapackage"):
        for extra in ((), ("-o", "-")):
            result = run_cli("export", "2017", "--format", name, *extra)
            assert result.exit_code == 2
            assert "-o" in result.stderr or "stdout" in result.stderr


def test_excel_is_for_csv_only(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("export", "2017", "--format", "json", "--excel")
    assert result.exit_code == 2 and "--excel" in result.stderr


def test_unknown_edition_is_one_line_and_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("export", str(tmp_path / "nowhere"), "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "nowhere" in result.stderr and result.exception is None


def test_sqlite_file_is_written(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "q.sqlite"
    assert run_cli("export", "2017", "--format", "sqlite", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"SQLite format 3\x00")
    assert [p.name for p in tmp_path.iterdir()] == ["q.sqlite"]
