"""What each format holds: the JSON schema, the CSV sheets, the SQLite keys and the README's query, the data package."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from qingdan import Edition
from qingdan.core.resources import schema_dir
from qingdan.output.export import ExportInfo, export
from qingdan.output.export.describe import BEGIN, END, tables_markdown
from qingdan.output.export.tables import TABLES


def _sql_block(doc: str) -> str:
    return doc.split("```sql\n", 1)[1].split("```", 1)[0]


def test_json_export_satisfies_its_schema(edition: Edition, tmp_path: Path) -> None:
    schema = json.loads((schema_dir() / "export.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "urn:qingdan:schema:export:1.0"
    out = tmp_path / "e.json"
    export(edition, "json", out, ExportInfo())
    document = json.loads(out.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
                  .iter_errors(document))
    assert errors == []
    assert "区民政局" in out.read_text(encoding="utf-8")  # non-ASCII kept as is


def test_json_schema_refuses_an_unknown_field(edition: Edition, tmp_path: Path) -> None:
    schema = json.loads((schema_dir() / "export.schema.json").read_text(encoding="utf-8"))
    out = tmp_path / "e.json"
    export(edition, "json", out, ExportInfo())
    document = json.loads(out.read_text(encoding="utf-8"))
    document["services"][0]["colour"] = "red"
    assert not Draft202012Validator(schema).is_valid(document)


def test_csv_list_has_one_row_per_service_and_part(edition: Edition, raw_services: list[dict[str, Any]],
                                                   tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export(edition, "csv", out, ExportInfo())
    with open(out / "list.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = []
    for s in raw_services:
        expected.append((s["number"], "", "、".join(s["district_units"]), s["target"] or ""))
        expected += [(s["number"], p["id"], "、".join(p["district_units"]), p["target"] or "") for p in
                     s.get("parts") or ()]
    assert [(int(r["number"]), r["part_id"], r["district_units"], r["target"]) for r in rows] == expected
    assert len(rows) == 89


def test_service_units_long_table_marks_leads(edition: Edition, raw_services: list[dict[str, Any]],
                                              tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export(edition, "csv", out, ExportInfo())
    with open(out / "service_units.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    first = [r for r in rows if r["service_id"] == raw_services[0]["id"] and not r["part_key"]]
    assert [(r["column"], r["unit"], r["role"]) for r in first] == (
        [("city", u, "lead" if i == 0 else "co") for i, u in enumerate(raw_services[0]["city_units"])]
        + [("district", u, "lead" if i == 0 else "co") for i, u in enumerate(raw_services[0]["district_units"])])
    assert {r["level"] for r in rows if r["column"] == "district"} <= {"district", "other"}


def test_sqlite_keys_version_and_the_documented_query(edition: Edition, raw_services: list[dict[str, Any]],
                                                      repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.sqlite"
    export(edition, "sqlite", out, ExportInfo())
    query = _sql_block((repo_root / "docs" / "export.md").read_text(encoding="utf-8"))
    with sqlite3.connect(out) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (1,)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "ix_service_units_unit_column" in indexes
        answer = db.execute(query).fetchall()
    carried = [(s["number"], s["name"]) for s in raw_services
               if any("区民政局" in row["district_units"] for row in [s, *(s.get("parts") or ())])]
    assert answer == carried and len(answer) == 15


def test_docs_describe_every_table(repo_root: Path, update_golden: bool) -> None:
    page = repo_root / "docs" / "export.md"
    text = page.read_text(encoding="utf-8")
    current = text[text.index(BEGIN):text.index(END) + len(END)]
    if update_golden:
        page.write_text(text.replace(current, tables_markdown()), encoding="utf-8")
        return
    assert current == tables_markdown()
    assert all(f"### {table.name}" in text for table in TABLES)


def test_datapackage_passes_frictionless_validate(edition: Edition, tmp_path: Path) -> None:
    tool = Path(sys.executable).parent / "frictionless"
    assert tool.exists(), f"frictionless is not installed beside {sys.executable} (pip install frictionless)"
    out = tmp_path / "package"
    export(edition, "datapackage", out, ExportInfo())
    result = subprocess.run([str(tool), "validate", "--json", str(out / "datapackage.json")], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert len(report["tasks"]) == len(TABLES)


def test_frictionless_catches_a_broken_foreign_key(edition: Edition, tmp_path: Path) -> None:
    # Proves the keys are declared and checked: the validator is not passing the package blindly.
    tool = Path(sys.executable).parent / "frictionless"
    out = tmp_path / "package"
    export(edition, "datapackage", out, ExportInfo())
    units = out / "service_units.csv"
    units.write_text(units.read_text(encoding="utf-8").replace("区民政局", "区民证局", 1), encoding="utf-8")
    result = subprocess.run([str(tool), "validate", "--json", str(out / "datapackage.json")], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode != 0
    assert "foreign-key" in result.stdout


@pytest.mark.parametrize("name", ["csv", "datapackage"])
def test_a_folder_that_is_not_an_export_is_never_replaced(edition: Edition, tmp_path: Path, name: str) -> None:
    from qingdan.core.errors import InputError

    precious = tmp_path / "mine"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError):
        export(edition, name, precious, ExportInfo())
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_exporting_again_replaces_an_earlier_export(edition: Edition, tmp_path: Path) -> None:
    out = tmp_path / "package"
    export(edition, "datapackage", out, ExportInfo())
    (out / "list.csv").write_text("old", encoding="utf-8")  # a file only the csv export writes: stale here
    export(edition, "datapackage", out, ExportInfo())
    assert not (out / "list.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package"]  # no temporary folders left behind
