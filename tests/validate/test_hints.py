"""The mistakes editors really make, each a case folder with the message that names it.

A file that cannot be loaded (``cases/unreadable/<slug>/``: a full-width colon, comma or space at a key, a tab
indent, a file saved as GBK) stops validate with exit 2 and one line on stderr, the same in every format; that line
is the golden ``expected/stderr.txt``. A mistake in the data (a new unit, a misspelt unit, a service number out of
sequence) is a finding: its folder is an ``invalid/`` case, with golden output in every format checked by
test_cases.py. This module lists every folder, so none can disappear unnoticed, and checks what each one says.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.validation import validate_paths

if TYPE_CHECKING:
    from tests.conftest import RunCli

CASES = Path(__file__).parent / "cases"
FORMATS = ("text", "json", "github", "sarif")

# folder -> a part of its one stderr line (the position included)
UNREADABLE = {
    "full-width-colon": "services/medical-aid.yaml:7:8: full-width colon ： after key 'funding': write an ASCII colon "
                        "and a space, 'funding: '",
    "full-width-comma": "units.yaml:13:9: full-width comma ， after key 'name': write an ASCII colon and a space",
    "full-width-space": "services/medical-aid.yaml:24:1: full-width space before key 'target': indent with ASCII "
                        "spaces",
    "tab-indentation": "services/medical-aid.yaml:9:1: a tab indents this line, and YAML indents with spaces only: "
                       "qingdan fmt cannot repair it, but your editor's \"convert tabs to spaces\" can",
    "saved-as-gbk": "services/medical-aid.yaml: saved as GBK/GB18030 (\"ANSI\"), not UTF-8: save it as UTF-8 "
                    "(WPS Writer or Notepad: File → Save As → Encoding: UTF-8)",
}
# folder -> every active finding it reports, as (line, code, message)
FINDINGS = {
    "QD102-new-unit": [
        (10, "QD102", "市医疗保障局 is not in units.yaml: if it is a new unit, add it to units.yaml (level: city)"),
        (13, "QD102", "区医疗保障局 is not in units.yaml: if it is a new unit, add it to units.yaml (level: district)"),
    ],
    # without the hint: QD101 (区民政局 missing) first, then QD102 (closest: 区民政局), QD104 and QD103
    "QD102-unit-typo": [(12, "QD102", "区民证局 is not in units.yaml; did you mean 区民政局?")],
    "QD402-shared-number": [
        (2, "QD402", "number 2 is used by 2 services; run `qingdan renumber .` to number the services 1..N"),
        (2, "QD402", "number 2 is used by 2 services; run `qingdan renumber .` to number the services 1..N"),
    ],
    "QD402-number-gap": [
        (2, "QD402", "number 4 follows a gap: 3 missing; run `qingdan renumber .` to number the services 1..N"),
    ],
}


def test_every_hint_case_is_listed_and_present() -> None:
    assert sorted(p.name for p in (CASES / "unreadable").iterdir() if p.is_dir()) == sorted(UNREADABLE)
    for name in FINDINGS:
        assert (CASES / "invalid" / name / "expected" / "text.txt").is_file(), name
        assert (CASES / "invalid" / name / "expected" / "json.json").is_file(), name


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_case_names_the_mistake(name: str, run_cli: RunCli, update_golden: bool,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / "unreadable" / name
    monkeypatch.chdir(case)
    expected = case / "expected" / "stderr.txt"
    for output_format in FORMATS:
        result = run_cli("validate", ".", "--format", output_format)
        assert (result.exit_code, result.stdout, result.exception) == (2, "", None), output_format
        assert result.stderr.count("\n") == 1 and UNREADABLE[name] in result.stderr
        if update_golden:
            expected.parent.mkdir(exist_ok=True)
            expected.write_text(result.stderr, encoding="utf-8")
        assert result.stderr == expected.read_text(encoding="utf-8"), output_format


@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_finding_case_says_the_cause_once(name: str, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / name)
    report = validate_paths([Path(".")])
    assert [(f.location.line, f.code, f.message) for f in report.active] == FINDINGS[name]
    result = run_cli("validate", ".", "--format", "json")
    said = [(f["line"], f["code"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert said == FINDINGS[name]
