"""qingdan tasks and qingdan units on the real edition, checked against the YAML read independently."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.conftest import RunCli


def _rows(service: dict[str, Any]) -> list[tuple[int, str | None, dict[str, Any]]]:
    return [(service["number"], None, service)] + [(service["number"], p["id"], p) for p in service.get("parts") or ()]


def test_tasks_of_the_civil_affairs_bureau_are_exactly_its_district_rows(run_cli: RunCli,
                                                                         raw_services: list[dict[str, Any]]) -> None:
    result = run_cli("tasks", "区民政局", "--format", "json")
    assert result.exit_code == 0, result.stderr
    sheet = json.loads(result.stdout)
    listed = [(t["number"], t["part_id"]) for t in sheet["tasks"]]
    expected = [(number, part) for s in raw_services for number, part, row in _rows(s)
                if "区民政局" in row["district_units"]]
    assert listed == expected
    assert len(expected) == 17  # 15 services; item 52 with its two parts
    assert sheet["level"] == "district"
    for task in sheet["tasks"]:
        assert task["column"] == "district"
        row = next(r for s in raw_services for n, p, r in _rows(s) if (n, p) == (task["number"], task["part_id"]))
        assert task["counterparts"] == row["city_units"]
        assert task["role"] == ("lead" if row["district_units"][0] == "区民政局" else "co")
        service = next(s for s in raw_services if s["number"] == task["number"])
        # a part's empty cell is merged with the one above in the published table: it shows that cell's text
        shown = {name: row[name] or service[name] for name in ("target", "standard", "funding")}
        assert (task["target"], task["standard"], task["funding"]) == (shown["target"], shown["standard"],
                                                                       shown["funding"])
        assert task["inherited"] == [name for name in ("target", "standard", "funding") if not row[name]]


def test_a_city_unit_sees_its_district_counterparts(run_cli: RunCli, raw_services: list[dict[str, Any]]) -> None:
    sheet = json.loads(run_cli("tasks", "市民政局", "--format", "json").stdout)
    assert {t["column"] for t in sheet["tasks"]} == {"city"}
    first = sheet["tasks"][0]
    row = next(r for s in raw_services for n, p, r in _rows(s) if (n, p) == (first["number"], first["part_id"]))
    assert first["counterparts"] == row["district_units"]


def test_unknown_unit_fails_naming_the_closest_units(run_cli: RunCli) -> None:
    result = run_cli("tasks", "区民证局")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown unit 区民证局" in result.stderr and "区民政局" in result.stderr
    assert result.exception is None


def test_text_and_markdown_sheets(run_cli: RunCli) -> None:
    text = run_cli("tasks", "区民政局").stdout
    assert text.startswith("区民政局 (district): 17 tasks in 15 services")
    assert "52 医疗救助 · 子项2 · co in the district column" in text
    markdown = run_cli("tasks", "区民政局", "--format", "markdown").stdout
    assert markdown.startswith("# 区民政局 任务清单")
    assert markdown.count("\n| 52 |") == 3
    assert "| 序号 | 服务项目 | 子项 | 职责 | 栏目 | 同栏其他单位 | 对接单位 |" in markdown  # as in xlsx and docx


def test_the_chinese_sheet_has_no_english_ids_or_row_jargon(run_cli: RunCli) -> None:
    text = run_cli("--lang", "zh", "tasks", "区民政局").stdout
    assert "major-disease-assistance" not in text and "emergency-aid" not in text
    assert "52 医疗救助 · 子项1" in text and "行" not in text.splitlines()[0]


def test_units_counts_services_led_and_carried(run_cli: RunCli, raw_services: list[dict[str, Any]]) -> None:
    result = run_cli("units", "--format", "json")
    assert result.exit_code == 0, result.stderr
    units = {u["name"]: u for u in json.loads(result.stdout)["units"]}
    for name in ("区民政局", "市财政局", "区财政局"):
        carried = {s["id"] for s in raw_services for _, _, row in _rows(s)
                   if name in row["city_units"] or name in row["district_units"]}
        led = {s["id"] for s in raw_services for _, _, row in _rows(s)
               if name in (row["city_units"][:1] + row["district_units"][:1])}
        assert (units[name]["carried"], units[name]["led"]) == (len(carried), len(led))
    assert units["市民政局"]["counterpart"] == "区民政局" and units["市民政局"]["level"] == "city"
    text = run_cli("units").stdout
    assert text.splitlines()[0].startswith("unit") and "区民政局" in text
