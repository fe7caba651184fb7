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


def test_sarif_lists_only_the_kinds_that_occur(repository: Path, run_cli: RunCli) -> None:
    """A run's log describes the change kinds among its results, in code order, and no other: a kind added to
    qingdan changes no other run's log."""
    log = json.loads(run_cli("diff", "2017", "2019", "--format", "sarif").stdout)
    run = log["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids == sorted({found["ruleId"] for found in run["results"]}) and len(ids) > 3


BROKEN = "policies/2019/services/medical-assistance.yaml"


@pytest.mark.parametrize("output_format", ["text", "markdown", "json", "github", "sarif"])
def test_a_side_that_cannot_be_loaded_is_a_result_in_every_format(output_format: str, repository: Path,
                                                                   run_cli: RunCli) -> None:
    """YAML that does not parse in NEW: nothing is compared, every format shows the error (QD004) at its file and
    line, JSON and SARIF valid against their schemas; one line on stderr as ever; exit 2."""
    from jsonschema import Draft7Validator, Draft202012Validator

    broken = repository / BROKEN
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[3] = "target：" + lines[3].split(":", 1)[1]  # a full-width colon after a key, on line 4
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("diff", "2017", "2019", "--format", output_format)
    shown = "2019/services/medical-assistance.yaml"  # as given, relative to policies/
    assert (result.exit_code, result.exception) == (2, None)
    assert result.stderr.startswith(f"qingdan: {shown}:4:7: full-width colon") and result.stderr.count("\n") == 1
    if output_format == "json":
        document = json.loads(result.stdout)
        schema = json.loads((REPO / "schema" / "diff.schema.json").read_text(encoding="utf-8"))
        assert list(Draft202012Validator(schema).iter_errors(document)) == []
        [report] = document["reports"]
        [problem] = report["problems"]
        assert (report["changes"], problem["code"], problem["location"]) == (
            [], "QD004", {"path": shown, "line": 4, "column": 7})
    elif output_format == "sarif":
        log = json.loads(result.stdout)
        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        assert list(Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(log)) == []
        run = log["runs"][0]
        [found] = run["results"]
        [rule] = run["tool"]["driver"]["rules"]
        place = found["locations"][0]["physicalLocation"]
        assert (found["ruleId"], found["level"], rule["id"]) == ("QD004", "error", "QD004")
        assert (place["artifactLocation"]["uri"], place["region"]) == (BROKEN, {"startLine": 4, "startColumn": 7})
    elif output_format == "github":
        annotation, summary = result.stdout.splitlines()
        assert annotation.startswith(f"::error file={shown},line=4,col=7,title=QD004 YAML does not parse::full-width")
        assert summary == "qingdan diff 2017 → 2019: not compared: a side cannot be loaded"
    elif output_format == "markdown":
        assert f"- **QD004 YAML does not parse** `{shown}:4:7`: full-width colon" in result.stdout
    else:
        heading, line = result.stdout.splitlines()
        assert heading == "2017 → 2019: not compared: a side cannot be loaded"
        assert line.startswith(f"  QD004 {shown}:4:7: full-width colon")
