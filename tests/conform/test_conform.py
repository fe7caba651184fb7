"""qingdan conform: the shipped district list against the national list above it (golden), and the three ways a
list falls short of its parent: an item missing, an addition without basis, an amount below the parent's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan import api
from qingdan.check.conformance import BELOW_PARENT, MISSING_ITEM, UNFOUNDED_ADDITION, UNKNOWN_ITEM

if TYPE_CHECKING:
    from tests.conftest import RunCli

HERE = Path(__file__).parent
GOLDEN = {"text": "conform.txt", "json": "conform.json", "markdown": "conform.md"}


@pytest.fixture
def editions(tmp_path: Path, repo_root: Path) -> Path:
    """A writable copy of policies/ (the district list and the national list), at tmp_path/policies."""
    for name in ("2017", "national-2017"):
        shutil.copytree(repo_root / "policies" / name, tmp_path / "policies" / name)
    return tmp_path / "policies"


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("output_format", sorted(GOLDEN))
def test_the_shipped_list_against_the_national_list(run_cli: RunCli, repo_root: Path, update_golden: bool,
                                                    monkeypatch: pytest.MonkeyPatch, output_format: str,
                                                    language: str) -> None:
    monkeypatch.chdir(repo_root)
    result = run_cli("--lang", language, "conform", "policies/2017", "--format", output_format)
    assert (result.exit_code, result.stderr, result.exception) == (0, "", None)
    expected = HERE / "expected" / language / GOLDEN[output_format]
    if update_golden:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


def test_the_shipped_figures(run_cli: RunCli, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    document = json.loads(run_cli("conform", "policies/2017", "--format", "json").stdout)
    assert (document["parent"], document["child"]) == ("policies/national-2017", "policies/2017")
    assert (document["items"], document["implemented"]) == (81, 81)
    assert document["renamed"] == ["preschool-aid"]
    assert [api.load("policies/2017").service(sid).number for sid in document["additions"]] == [5, 6, 9, 12, 56, 74]
    assert document["missing"] == [] and document["below_floor"] == []
    assert {f["code"] for f in document["findings"]} == {UNFOUNDED_ADDITION.code}
    # the parent defaults to the edition parent: edition: names, and the child to the newest edition
    assert run_cli("conform", "--format", "json").stdout.replace("\n", "") and \
        run_cli("conform", "--parent", "policies/national-2017", "--format", "json").stdout == \
        run_cli("conform", "policies/2017", "--format", "json").stdout


def test_the_national_list_holds_its_81_names(repo_root: Path) -> None:
    national = api.load(repo_root / "policies" / "national-2017")
    names = [line.strip() for line in (repo_root / "policies/national-2017/names.txt").read_text(encoding="utf-8")
             .splitlines() if line.strip() and not line.startswith("#")]
    assert [s.name for s in national.services] == names and len(names) == 81
    assert [len(national.services_in(c.id)) for c in national.categories] == [8, 10, 7, 20, 13, 3, 10, 10]
    assert all(s.names_only and s.target is None and not s.city_units for s in national.services)
    assert national.metadata.level == "national" and national.metadata.parent is None
    assert "不是官方文本" in (national.metadata.note or "")


def test_a_missing_item_is_an_error_at_the_parent_item(editions: Path, run_cli: RunCli) -> None:
    file = editions / "2017/services/tuberculosis-management.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("implements:\n  - tuberculosis-management\n",
                                                             "implements: []\nbasis: 一份假设的文件\n"),
                    encoding="utf-8")
    result = run_cli("conform", str(editions / "2017"), "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert (document["implemented"], document["missing"]) == (80, ["tuberculosis-management"])
    [missing] = [f for f in document["findings"] if f["code"] == MISSING_ITEM.code]
    assert (missing["path"], missing["line"]) == (str(editions / "national-2017/services/tuberculosis-management.yaml"),
                                                  1)
    assert "缺项" in missing["message"] and missing["severity"] == "error"
    text = run_cli("conform", str(editions / "2017")).stdout
    assert f"{editions}/national-2017/services/tuberculosis-management.yaml\n  1:1      error   QD801" in text


def test_an_addition_without_basis_is_a_warning_and_a_basis_silences_it(editions: Path, run_cli: RunCli) -> None:
    child = str(editions / "2017")
    result = run_cli("conform", child, "--format", "json")
    warnings = [f for f in json.loads(result.stdout)["findings"] if f["code"] == UNFOUNDED_ADDITION.code]
    assert result.exit_code == 0 and len(warnings) == 6 and {f["severity"] for f in warnings} == {"warning"}
    assert run_cli("conform", child, "--strict").exit_code == 1
    file = editions / "2017/services/public-legal-service.yaml"
    basis = "implements: []\nbasis: 渝府办发〔2017〕184号\n"
    file.write_text(file.read_text(encoding="utf-8").replace("implements: []\n", basis), encoding="utf-8")
    document = json.loads(run_cli("conform", child, "--format", "json").stdout)
    assert "public-legal-service" in document["additions"]
    assert "public-legal-service" not in {f["service"] for f in document["findings"]}
    assert len(document["findings"]) == 5


def test_an_amount_below_the_parents_is_an_error_at_the_childs_line(editions: Path, run_cli: RunCli) -> None:
    # a parent that states the boarding allowance, its row complete: 小学 1100 元 a year, above the child's 1000
    item = editions / "national-2017/services/boarding-student-allowance.yaml"
    item.write_text(item.read_text(encoding="utf-8").split("unknown:")[0] + (
        "target: 寄宿生\nstandard: 小学生每生每年1100元\nfunding: 中央和地方财政按比例分担\ncity_units:\n  - 国务院\n"
        "district_units:\n  - 国务院\nquantities:\n  - name: 小学生补助标准\n    field: standard\n"
        "    quote: 小学生每生每年1100元\n    value: 1100\n    unit: 元\n    per: 每生每年\n"), encoding="utf-8")
    child = editions / "2017/services/boarding-student-allowance.yaml"
    lines = child.read_text(encoding="utf-8").splitlines()
    line = lines.index("  - name: 小学生补助标准") + 1
    result = run_cli("conform", str(editions / "2017"), "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert document["below_floor"] == ["boarding-student-allowance"] and document["missing"] == []
    [below] = [f for f in document["findings"] if f["code"] == BELOW_PARENT.code]
    assert (below["path"], below["line"]) == (str(child), line)
    assert "1000 元" in below["message"] and "1100 元" in below["message"] and "低于上级标准" in below["message"]
    # at the parent's own figure the child conforms again
    item.write_text(item.read_text(encoding="utf-8").replace("1100", "1000"), encoding="utf-8")
    assert run_cli("conform", str(editions / "2017")).exit_code == 0


def test_an_unknown_item_and_no_parent(editions: Path, run_cli: RunCli) -> None:
    file = editions / "2017/services/vaccination.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("  - vaccination\n", "  - vaccinations\n"),
                    encoding="utf-8")
    document = json.loads(run_cli("conform", str(editions / "2017"), "--format", "json").stdout)
    assert {f["code"] for f in document["findings"]} == {UNKNOWN_ITEM.code, MISSING_ITEM.code,
                                                         UNFOUNDED_ADDITION.code}
    # the national list names no parent: one line, exit 2
    result = run_cli("conform", str(editions / "national-2017"))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"qingdan: {editions}/national-2017/edition.yaml:") and "--parent" in result.stderr


@pytest.mark.parametrize("output_format", ["github", "sarif"])
def test_machine_formats_carry_the_findings(run_cli: RunCli, repo_root: Path, monkeypatch: pytest.MonkeyPatch,
                                            output_format: str) -> None:
    monkeypatch.chdir(repo_root)
    result = run_cli("conform", "policies/2017", "--format", output_format)
    assert result.exit_code == 0
    if output_format == "github":
        assert result.stdout.count("::warning file=policies/2017/services/") == 6
    else:
        results = json.loads(result.stdout)["runs"][0]["results"]
        assert [r["ruleId"] for r in results] == [UNFOUNDED_ADDITION.code] * 6
