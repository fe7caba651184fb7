"""The diff for machines that annotate pull requests: SARIF 2.1.0 (valid against the official schema, URIs relative
to the repository root, regions at the changed line) and GitHub workflow commands (regressions as errors)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli

REPO = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = REPO / "tests" / "validate" / "data" / "sarif-schema-2.1.0.json"
CASES = Path(__file__).parent / "cases"


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root (it has .git) holding policies/2017 and the example revision policies/2019; the working
    directory is policies/, below the root, so that paths as shown differ from paths from the root."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(REPO / "policies" / "2017", tmp_path / "policies" / "2017")
    shutil.copytree(REPO / "tests" / "revision" / "example" / "2019", tmp_path / "policies" / "2019")
    path = tmp_path / "policies" / "2019" / "services" / "film-screening.yaml"
    path.unlink()  # a removal: located in the old edition
    monkeypatch.chdir(tmp_path / "policies")
    return tmp_path


def test_sarif_is_valid_and_points_at_the_changed_lines(repository: Path, run_cli: RunCli) -> None:
    from jsonschema import Draft7Validator

    result = run_cli("diff", "2017", "2019", "--format", "sarif")
    assert result.exit_code == 1 and result.stderr == ""  # the removal is a regression
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert list(Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(log)) == []
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == repository.as_uri() + "/"
    changes = json.loads(run_cli("diff", "2017", "2019", "--format", "json").stdout)["reports"][0]["changes"]
    assert len(run["results"]) == len(changes)
    for found, change in zip(run["results"], changes, strict=True):
        place = found["locations"][0]["physicalLocation"]
        assert place["artifactLocation"]["uriBaseId"] == "SRCROOT"
        assert place["artifactLocation"]["uri"].startswith("policies/20")  # from the root, not from policies/
        assert place["region"]["startLine"] == change["location"]["line"]
        assert run["tool"]["driver"]["rules"][found["ruleIndex"]]["id"] == found["ruleId"] == change["code"]
    removed = next(r for r in run["results"] if r["ruleId"] == "QC102")
    assert removed["level"] == "error"
    assert removed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "policies/2017/services/film-screening.yaml"
    raised = next(r for r in run["results"] if r["ruleId"] == "QC401")
    assert raised["level"] == "note"


def test_sarif_marks_an_accepted_regression_as_suppressed(repository: Path, run_cli: RunCli) -> None:
    edition = repository / "policies" / "2019" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace(
        "categories:\n", "accepted:\n  - code: QC102\n    service: film-screening\n    old: 观赏电影\n    new: —\n"
        "    reason: 示例：并入其他项目\n"
        "categories:\n", 1), encoding="utf-8")
    result = run_cli("diff", "2017", "2019", "--format", "sarif")
    assert result.exit_code == 0
    removed = next(r for r in json.loads(result.stdout)["runs"][0]["results"] if r["ruleId"] == "QC102")
    assert removed["suppressions"] == [{"kind": "inSource", "justification": "示例：并入其他项目"}]
    assert removed["level"] == "warning"


def test_github_annotations_put_regressions_first_as_errors(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "amount-lowered")
    lines = run_cli("diff", "old", "new", "--format", "github").stdout.splitlines()
    assert lines[0].startswith("::error file=new/services/preschool-aid.yaml,line=18,col=5,")
    assert "title=QC402 amount-lowered (regression)" in lines[0]
    assert all(line.startswith("::notice ") for line in lines[1:-1])
