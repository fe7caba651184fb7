"""Output formats: SARIF against the official schema, GitHub escaping and ordering, JSON equal to the library's
report, colour only on a terminal, --output written atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from qingdan.check.rules import all_codes
from qingdan.check.validation import validate_edition
from qingdan.core.findings import Finding, Report, Severity
from qingdan.core.i18n import Message
from qingdan.core.model import Location
from qingdan.output.render import render
from qingdan.output.render.github import escape_data, escape_property

if TYPE_CHECKING:
    from tests.conftest import RunCli

DATA = Path(__file__).parent / "data"
CASES = Path(__file__).parent / "cases"


def _sarif_validator() -> Any:  # jsonschema ships no types
    from jsonschema import Draft7Validator

    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("case", [CASES / "invalid" / "QD001-schema", CASES / "invalid" / "QD204-unknown-reference",
                                  CASES / "valid" / "waived-gap"], ids=lambda p: p.name)
def test_sarif_is_valid_sarif_2_1_0(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    log = json.loads(render(validate_edition(Path(".")), "sarif", all_codes()))
    errors = list(_sarif_validator().iter_errors(log))
    assert errors == []
    driver = log["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == [code.code for code in all_codes()]
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_of_the_shipped_edition_marks_waivers_as_suppressions(shipped_edition: Path) -> None:
    log = json.loads(render(validate_edition(shipped_edition), "sarif", all_codes()))
    assert list(_sarif_validator().iter_errors(log)) == []
    results = log["runs"][0]["results"]
    assert len(results) == 6
    assert all(r["suppressions"][0]["kind"] == "inSource" and r["suppressions"][0]["justification"]
               for r in results)


def test_sarif_schema_rejects_a_broken_log() -> None:
    assert list(_sarif_validator().iter_errors({"version": "2.1.0", "runs": [{"results": []}]}))


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    finding = Finding(Location("dir,with:odd%name.yaml", 3, 4), "QD302", Severity.ERROR,
                      Message("100% of 5元, really:\nyes"), service="1 某服务")
    (line, _summary) = render(Report.of([finding], files=1), "github", all_codes()).splitlines()
    assert line == ("::error file=dir%2Cwith%3Aodd%25name.yaml,line=3,col=4,title=QD302 amount or percentage not "
                    "captured::1 某服务: 100%25 of 5元, really:%0Ayes")


def test_github_lists_errors_before_warnings_and_waivers_as_notices() -> None:
    def finding(line: int, code: str, severity: Severity, waived: str | None = None) -> Finding:
        return Finding(Location("a.yaml", line, 1), code, severity, Message("m"), waived_by=waived)

    report = Report.of([finding(1, "QD503", Severity.WARNING), finding(2, "QD101", Severity.ERROR, "ok because"),
                        finding(3, "QD102", Severity.ERROR)], files=1)
    kinds = [line.split(" ", 1)[0] for line in render(report, "github", all_codes()).splitlines()[:-1]]
    assert kinds == ["::error", "::warning", "::notice"]


def test_json_output_equals_the_library_report(shipped_edition: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", str(shipped_edition), "--format", "json")
    document = json.loads(result.stdout)
    report = validate_edition(shipped_edition)
    assert [(f["code"], f["path"], f["line"], f["column"], f["message"], f["waiver_reason"])
            for f in document["findings"]] == [
        (f.code, f.location.path, f.location.line, f.location.column, f.message, f.waived_by)
        for f in report.findings]
    assert "医疗救助" in result.stdout  # non-ASCII kept as is, not \u-escaped


def test_text_has_no_colour_off_a_terminal(shipped_edition: Path, repo_root: Path, run_cli: RunCli,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    result = run_cli("validate", "policies/2017")
    assert "\033[" not in result.stdout
    assert result.stdout.splitlines()[-1] == "ok: 0 errors, 0 warnings, 6 waived in 90 files (1 edition: policies/2017)"
    coloured = render(validate_edition(shipped_edition), "text", all_codes(), color=True)
    assert "\033[2m" in coloured


def test_output_file_and_strict(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.sarif"
    monkeypatch.chdir(CASES / "invalid" / "QD503-full-width-digit")
    result = run_cli("validate", "--format", "sarif", "--output", str(out), ".")
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "QD503"
    assert run_cli("validate", "--strict", ".").exit_code == 1


@pytest.mark.parametrize("problem", ["missing", "yaml", "not-edition", "outside"])
def test_unreadable_input_exits_2_with_one_line(problem: str, edition_copy: Path, tmp_path: Path,
                                                run_cli: RunCli) -> None:
    target = {"missing": tmp_path / "nope", "yaml": edition_copy, "not-edition": tmp_path / "empty",
              "outside": tmp_path / "loose.yaml"}[problem]
    if problem == "yaml":
        (edition_copy / "units.yaml").write_text("units:\n  - name: [unclosed\n", encoding="utf-8")
    elif problem == "not-edition":
        target.mkdir()
    elif problem == "outside":
        target.write_text("a: 1\n", encoding="utf-8")
    result = run_cli("validate", str(target))
    assert result.exit_code == 2
    assert result.stdout == "" and result.exception is None
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    if problem == "yaml":
        assert "units.yaml:" in result.stderr


def test_a_file_stands_for_its_edition(shipped_edition: Path) -> None:
    from qingdan.check.validation import validate_paths

    report = validate_paths([shipped_edition / "services" / "medical-assistance.yaml", shipped_edition])
    assert len(report.editions) == 1
    assert len(report.waived) == 6
