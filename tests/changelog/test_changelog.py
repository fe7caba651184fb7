"""``qingdan changelog`` on the example revision (tests/revision/example/2019) against the shipped 2017 edition:
golden text, Markdown and JSON, the JSON valid against schema/changelog.schema.json and equal to the library's
result, the classes read from the diff's codes, and an edition against itself giving empty classes and exit 0."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from jsonschema import Draft202012Validator

from qingdan import api
from qingdan.diff.codes import KINDS
from qingdan.output.changelog import CLASSES, LEFT_OUT

if TYPE_CHECKING:
    from tests.conftest import RunCli

HERE = Path(__file__).parent
SCHEMA = HERE.parents[1] / "schema" / "changelog.schema.json"
GOLDEN = {("en", "text"): "expected.txt", ("en", "markdown"): "expected.md", ("en", "json"): "expected.json",
          ("zh", "text"): "expected.zh.txt", ("zh", "markdown"): "expected.zh.md"}


def _json(run_cli: RunCli, *args: str) -> Any:
    result = run_cli("changelog", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(("language", "fmt"), sorted(GOLDEN))
def test_golden_changelog(revision: Path, run_cli: RunCli, language: str, fmt: str, update_golden: bool) -> None:
    result = run_cli("--lang", language, "changelog", "policies/2017", "policies/2019", "--format", fmt)
    assert result.exit_code == 0 and result.stderr == ""
    expected = HERE / GOLDEN[language, fmt]
    if update_golden:
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


def test_the_json_satisfies_its_schema_and_equals_the_library(revision: Path, run_cli: RunCli) -> None:
    data = _json(run_cli, "policies/2017", "policies/2019")
    Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    library = api.changelogs(("policies/2017", "policies/2019")).changelogs[0]
    assert data["classes"] == library.classes
    assert [(r["class"], r["service"], r["column"]) for r in data["rows"]] == [
        (r.cls, r.service, r.column) for r in library.rows]


def test_the_example_is_counted_in_its_classes(revision: Path, run_cli: RunCli) -> None:
    data = _json(run_cli, "policies/2017", "policies/2019")
    services = data["services"]
    assert services["added"] == ["veterans-employment-service"]
    assert services["raised"] == ["rural-student-nutrition"]
    assert services["widened"] == ["barrier-free-environment"]
    assert services["transferred"] == ["medical-assistance"]
    assert data["classes"]["removed"] == data["classes"]["lowered"] == data["classes"]["narrowed"] == 0
    # every service that named a renamed or merged unit, and only those
    assert "medical-assistance" in services["reform"] and "rural-student-nutrition" not in services["reform"]
    raised = next(r for r in data["rows"] if r["class"] == "raised")
    assert (raised["number"], raised["column"]) == (2, "standard")
    assert "800元" in raised["old"] and "1000元" in raised["new"] and "800" in raised["note"]
    reform = [r for r in data["rows"] if r["class"] == "reform"]
    whole_table = [r for r in reform if r["service"] is None]
    assert len(whole_table) == 7  # six renames and one merge
    # and the cell whose text now names the successor (报市卫生计生委 → 报市卫生健康委, QC210)
    in_text = [(r["service"], "市卫生健康委" in r["new"]) for r in reform if r["service"]]
    assert in_text == [("medical-assistance", True)]
    assert {"old": "区城乡建委、区国土房管局", "new": "区住房城乡建委"}.items() <= next(
        r for r in reform if "、" in r["old"]).items()
    transfers = [(r["number"], r["column"]) for r in data["rows"] if r["class"] == "transferred"]
    assert transfers == [(53, "city_units"), (53, "district_units")]


def test_no_arguments_takes_each_edition_against_its_predecessor(revision: Path, run_cli: RunCli) -> None:
    data = _json(run_cli)
    assert (data["old"], data["new"]) == ("policies/2017", "policies/2019")
    assert data["classes"] == _json(run_cli, "policies/2017", "policies/2019")["classes"]


def test_an_edition_against_itself_has_empty_classes(revision: Path, run_cli: RunCli) -> None:
    data = _json(run_cli, "policies/2017", "policies/2017")
    assert data["classes"] == dict.fromkeys(data["classes"], 0) and len(data["classes"]) == len(CLASSES)
    assert data["rows"] == [] and all(v == [] for v in data["services"].values())


def test_every_change_code_has_a_class_or_a_reason_to_be_left_out() -> None:
    classed = [code for cls in CLASSES for code in cls.codes]
    assert len(classed) == len(set(classed)) and not set(classed) & set(LEFT_OUT)
    assert set(classed) | set(LEFT_OUT) == set(KINDS)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_file_format_needs_an_output_file(revision: Path, run_cli: RunCli, fmt: str) -> None:
    result = run_cli("changelog", "policies/2017", "policies/2019", "--format", fmt)
    assert result.exit_code == 2 and "-o" in result.stderr and result.stdout == ""


def test_one_side_only_is_a_usage_error(revision: Path, run_cli: RunCli) -> None:
    result = run_cli("changelog", "policies/2019")
    assert result.exit_code == 2 and "OLD and NEW" in result.stderr


def test_a_removed_service_and_a_lowered_amount_are_counted_as_such(revision: Path, run_cli: RunCli) -> None:
    services = revision / "policies" / "2019" / "services"
    (services / "graduate-internship.yaml").unlink()
    nutrition = services / "rural-student-nutrition.yaml"
    nutrition.write_text(nutrition.read_text(encoding="utf-8").replace("1000", "600"), encoding="utf-8")
    data = _json(run_cli, "policies/2017", "policies/2019")
    assert data["services"]["removed"] == ["graduate-internship"]
    assert data["services"]["lowered"] == ["rural-student-nutrition"] and data["classes"]["raised"] == 0
    removed = next(r for r in data["rows"] if r["class"] == "removed")
    assert (removed["service"], removed["column"], removed["new"]) == ("graduate-internship", "name", "")
    assert removed["number"] == 16 and removed["old"] == "就业见习服务"
