"""Case folders: every rule has an invalid edition that reports it and a valid one that does not; golden output
for every format. Folders are discovered automatically; refresh the expected files with ``pytest --update-golden``."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from jsonschema import Draft202012Validator

from qingdan.check.rules import validate_codes
from qingdan.check.validation import validate_paths
from qingdan.core.findings import LOAD_CODES, Report

if TYPE_CHECKING:
    from tests.conftest import RunCli

CASES = Path(__file__).parent / "cases"
INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
UNREADABLE = sorted(p for p in (CASES / "unreadable").iterdir() if p.is_dir())
EXPECTED = {"text": "text.txt", "json": "json.json", "github": "github.txt", "sarif": "sarif.json"}


def _code(case: Path) -> str:
    return case.name.split("-", 1)[0]


def test_every_code_has_an_invalid_and_a_valid_case() -> None:
    codes = {code.code for code in validate_codes()}  # conform's (QD8xx) are tested in tests/conform
    load_codes = {code.code for code in LOAD_CODES}
    assert {_code(case) for case in INVALID} == codes - load_codes
    # a file that cannot be loaded (QD004-QD006) stops its edition's check: its cases are the unreadable ones
    assert {finding.code for case in UNREADABLE for finding in _report(case).findings} == load_codes
    covered = {line for case in VALID for line in (case / "covers.txt").read_text().split()}
    assert covered == codes


def _report(case: Path) -> Report:
    cwd = Path.cwd()
    os.chdir(case)
    try:
        return validate_paths([Path(".")])
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_case_reports_its_code(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    report = validate_paths([Path(".")])
    assert _code(case) in {finding.code for finding in report.active}
    severity = next(code.severity.value for code in validate_codes() if code.code == _code(case))
    assert report.exit_code(strict=True) == 1
    assert report.exit_code() == (1 if severity == "error" else 0)


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case_has_no_active_findings(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    report = validate_paths([Path(".")])
    assert report.active == ()
    assert report.exit_code(strict=True) == 0


GOLDEN = [(case, "en") for case in INVALID + VALID] + [(case, "zh") for case in INVALID]


@pytest.mark.parametrize("output_format", sorted(EXPECTED))
@pytest.mark.parametrize(("case", "language"), GOLDEN,
                         ids=lambda v: f"{v.parent.name}/{v.name}" if isinstance(v, Path) else v)
def test_golden_output(case: Path, language: str, output_format: str, run_cli: RunCli, update_golden: bool,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    result = run_cli("--lang", language, "validate", ".", "--format", output_format)
    assert result.exception is None and result.stderr == ""
    expected = case / "expected" / ("" if language == "en" else language) / EXPECTED[output_format]
    if update_golden:
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")
    if output_format == "json":
        document = json.loads(result.stdout)
        assert document["ok"] == (result.exit_code == 0)
        assert list(_schema().iter_errors(document)) == []


@cache
def _schema() -> Draft202012Validator:
    schema = json.loads((Path(__file__).parents[2] / "schema" / "validate.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)
