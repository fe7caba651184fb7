"""Output formats: SARIF against the official schema, GitHub escaping and ordering, JSON equal to the library's
report and valid against schema/validate.schema.json, colour only on a terminal, --output written atomically, and a
file that cannot be loaded shown in every format at its file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from qingdan.check.rules import all_codes
from qingdan.check.validation import validate_edition
from qingdan.core.findings import Report
from qingdan.core.i18n import Message
from qingdan.core.results import Location, Result, Severity, Subject
from qingdan.output.render import render
from qingdan.output.render.github import escape_data, escape_property

if TYPE_CHECKING:
    from tests.conftest import RunCli

DATA = Path(__file__).parent / "data"
CASES = Path(__file__).parent / "cases"
SCHEMAS = Path(__file__).parents[2] / "schema"


def _sarif_validator() -> Any:  # jsonschema ships no types
    from jsonschema import Draft7Validator

    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def _json_validator() -> Any:
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMAS / "validate.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("case", [CASES / "invalid" / "QD001-schema", CASES / "invalid" / "QD204-unknown-reference",
                                  CASES / "valid" / "waived-gap"], ids=lambda p: p.name)
def test_sarif_is_valid_sarif_2_1_0(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    log = json.loads(render(validate_edition(Path(".")), "sarif", all_codes()))
    errors = list(_sarif_validator().iter_errors(log))
    assert errors == []
    driver = log["runs"][0]["tool"]["driver"]
    # the rules of the codes that occur, in code order: a new rule changes no other case's log
    assert [rule["id"] for rule in driver["rules"]] == sorted({r["ruleId"] for r in log["runs"][0]["results"]})
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
    finding = Result("QD302", Severity.ERROR, Message("100% of 5元, really:\nyes"),
                     Location("dir,with:odd%name.yaml", 3, 4), Subject("some-service", "1 某服务"))
    (line, _summary) = render(Report.of([finding], files=1), "github", all_codes()).splitlines()
    assert line == ("::error file=dir%2Cwith%3Aodd%25name.yaml,line=3,col=4,title=QD302 amount or percentage not "
                    "captured::1 某服务: 100%25 of 5元, really:%0Ayes")


def test_github_lists_errors_before_warnings_and_waivers_as_notices() -> None:
    def finding(line: int, code: str, severity: Severity, waived: str | None = None) -> Result:
        made = Result(code, severity, Message("m"), Location("a.yaml", line, 1))
        return made.waive(waived) if waived else made

    report = Report.of([finding(1, "QD503", Severity.WARNING), finding(2, "QD101", Severity.ERROR, "ok because"),
                        finding(3, "QD102", Severity.ERROR)], files=1)
    kinds = [line.split(" ", 1)[0] for line in render(report, "github", all_codes()).splitlines()[:-1]]
    assert kinds == ["::error", "::warning", "::notice"]


def test_json_output_equals_the_library_report(shipped_edition: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", str(shipped_edition), "--format", "json")
    document = json.loads(result.stdout)
    report = validate_edition(shipped_edition)
    assert [(f["code"], f["path"], f["line"], f["column"], f["message"], f["waiver_reason"], f["service"], f["label"])
            for f in document["findings"]] == [
        (f.code, f.location.path, f.location.line, f.location.column, f.text, f.waiver_reason, f.subject.service,
         f.subject.label) for f in report.findings]
    assert list(_json_validator().iter_errors(document)) == []
    waived = document["findings"][0]
    assert waived["service"] == "medical-assistance" or "-" in waived["service"]  # the stable id, never the label
    assert waived["label"].split(" ", 1)[0].isdigit()  # "52 医疗救助"
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


UNLOADABLE = {"missing": "QD006", "yaml": "QD004", "gbk": "QD005", "not-edition": "QD006", "outside": "QD006"}


def _unloadable(problem: str, edition_copy: Path, tmp_path: Path) -> tuple[Path, str, int | None]:
    """A PATH that cannot be loaded, the file the error is reported at, and its line (None where no line applies)."""
    if problem == "yaml":
        (edition_copy / "units.yaml").write_text("units:\n  - name: [unclosed\n", encoding="utf-8")
        return edition_copy, str(edition_copy / "units.yaml"), 2
    if problem == "gbk":
        (edition_copy / "units.yaml").write_bytes("units:\n  - name: 区民政局\n".encode("gb18030"))
        return edition_copy, str(edition_copy / "units.yaml"), None
    target = {"missing": tmp_path / "nope", "not-edition": tmp_path / "empty", "outside": tmp_path / "loose.yaml"}[
        problem]
    if problem == "not-edition":
        target.mkdir()
    elif problem == "outside":
        target.write_text("a: 1\n", encoding="utf-8")
    return target, str(target), None


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
@pytest.mark.parametrize("problem", sorted(UNLOADABLE))
def test_unloadable_input_is_a_result_in_every_format(problem: str, output_format: str, edition_copy: Path,
                                                      tmp_path: Path, run_cli: RunCli) -> None:
    """A YAML syntax error, a file saved as GBK, a missing path, a folder or file that is no edition: the output
    says it at its file (and line), in its own format, valid against the format's schema; exit 2, and one line on
    stderr as every command says it."""
    target, file, line = _unloadable(problem, edition_copy, tmp_path)
    result = run_cli("validate", str(target), "--format", output_format)
    code = UNLOADABLE[problem]
    assert (result.exit_code, result.exception) == (2, None)
    assert "Traceback" not in result.stderr
    place = f"{file}:{line}" if line else file
    assert result.stderr.startswith(f"qingdan: {place}") and result.stderr.count("\n") == 1
    if output_format == "text":
        assert result.stdout.startswith(file + "\n")
        assert result.stdout.splitlines()[1].startswith(f"  {line}:" if line else "  -  ")
        assert f" error   {code} " in result.stdout and result.stdout.splitlines()[-1].startswith("FAILED: 1 error")
    elif output_format == "json":
        document = json.loads(result.stdout)
        assert list(_json_validator().iter_errors(document)) == []
        [finding] = document["findings"]
        assert (finding["code"], finding["path"], finding["line"], document["ok"]) == (code, file, line, False)
        assert document["summary"]["unloaded"] == 1
    elif output_format == "sarif":
        log = json.loads(result.stdout)
        assert list(_sarif_validator().iter_errors(log)) == []
        [found] = log["runs"][0]["results"]
        [rule] = log["runs"][0]["tool"]["driver"]["rules"]
        physical = found["locations"][0]["physicalLocation"]
        assert (found["ruleId"], found["level"], rule["id"]) == (code, "error", code)
        assert physical["artifactLocation"]["uri"] == file
        assert physical.get("region", {}).get("startLine") == line
    elif output_format == "github":
        annotation, summary = result.stdout.splitlines()
        position = f",line={line}," if line else ",title="
        assert annotation.startswith(f"::error file={escape_property(file)}{position}")
        assert f"title={code} " in annotation and summary.startswith("qingdan validate: 1 error")


def test_every_path_that_loads_is_still_checked(edition_copy: Path, tmp_path: Path, run_cli: RunCli) -> None:
    """A missing PATH beside a good edition: the edition's findings and the missing path, in one report, exit 2."""
    result = run_cli("validate", str(tmp_path / "nope"), str(edition_copy), "--format", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 2 and document["summary"]["waived"] == 6
    assert [f["code"] for f in document["findings"] if not f["waived"]] == ["QD006"]


def test_a_file_stands_for_its_edition(shipped_edition: Path) -> None:
    from qingdan.check.validation import validate_paths

    report = validate_paths([shipped_edition / "services" / "medical-assistance.yaml", shipped_edition])
    assert len(report.editions) == 1
    assert len(report.waived) == 6


def test_rules_as_sarif_lists_every_rule(run_cli: RunCli) -> None:
    """A run's log lists the rules that occur in it; ``qingdan rules --format sarif`` is the full list, with no
    results, valid SARIF."""
    result = run_cli("rules", "--format", "sarif")
    log = json.loads(result.stdout)
    assert result.exit_code == 0 and list(_sarif_validator().iter_errors(log)) == []
    [run] = log["runs"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [code.code for code in all_codes()]
    assert run["results"] == [] and {"QD004", "QD005", "QD006"} <= {code.code for code in all_codes()}
    severity = {code.code: code.severity.value for code in all_codes()}
    assert all(rule["defaultConfiguration"]["level"] == severity[rule["id"]] for rule in run["tool"]["driver"]["rules"])
