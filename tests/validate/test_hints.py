"""The mistakes editors really make, each a case folder with the message that names it.

A file that cannot be loaded (``cases/unreadable/<slug>/``: a full-width colon, comma or space at a key, a tab
indent, a file saved as GBK) stops validate with exit 2: every format shows it as a result (QD004, QD005) at its file
and line, and says it in one line on stderr, the same in every format; that line is the golden
``expected/stderr.txt``. A mistake in the data (a new unit, a misspelt unit, a service number out of
sequence) is a finding: its folder is an ``invalid/`` case, with golden output in every format checked by
test_cases.py. This module lists every folder, so none can disappear unnoticed, and checks what each one says.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.check.validation import validate_paths

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
    # the YAML mistakes the parser reports lines late or in its own words, each at the line and column it was made
    "colon-without-space": "services/school-meals.yaml:5:7: no space after the colon of 'target': write 'target: ' "
                           "(a colon, then a space) before the value",
    "dash-without-space": "services/school-meals.yaml:13:3: no space after the dash: write '- ' (a dash, then a "
                          "space) before each entry of a list",
    "full-width-space-indentation": "services/medical-aid.yaml:11:1: a full-width space (the input method's wide "
                                    "space) indents this line: indent with ASCII spaces",
    "unclosed-quote": "services/medical-aid.yaml:4:7: the quote ' opened here is not closed: end the value with ' on "
                      "the same line, or remove the quote",
    "unclosed-bracket": "services/medical-aid.yaml:12:9: the [ opened here is not closed on its line: close it with ] "
                        "on the same line",
    "colon-in-value": "services/medical-aid.yaml:6:15: a colon and a space inside the value of 'standard' start a new "
                      "key: write the colon full-width (：) or put the whole value in quotes",
    # a file the edition needs, missing (QD006)
    "units-missing": "units.yaml: units.yaml is missing: every edition keeps its unit registry there; restore it",
    "mixed-indentation": "services/medical-aid.yaml:25:4: this line is indented 3 spaces and the line above 4: "
                         "entries of one mapping or list line up, so indent it as the line above (or as the key it "
                         "belongs to)",
}
# folder -> its line in Chinese (expected/zh/stderr.txt), for the YAML mistakes above
UNREADABLE_ZH = {
    "colon-without-space": "services/school-meals.yaml:5:7: 键“target”的冒号后缺少空格：请在值前写“target: ”",
    "dash-without-space": "services/school-meals.yaml:13:3: 短横线后缺少空格：列表的每一项前请写“- ”",
    "full-width-space-indentation": "services/medical-aid.yaml:11:1: 此行用全角空格（输入法的宽空格）缩进",
    "unclosed-quote": "services/medical-aid.yaml:4:7: 此处的引号 ' 没有闭合",
    "unclosed-bracket": "services/medical-aid.yaml:12:9: 此处的“[”在本行没有闭合：请在同一行用“]”结束",
    "colon-in-value": "services/medical-aid.yaml:6:15: 键“standard”的值中有“冒号加空格”，会被当作新的键",
    "mixed-indentation": "services/medical-aid.yaml:25:4: 此行缩进 3 个空格，上一行为 4 个",
}
# folder -> every active finding it reports, as (line, code, message)
FINDINGS = {
    "QD102-new-unit": [
        (10, "QD102", "市医疗保障局 is not in units.yaml: if it is a new unit, add it to units.yaml (level: city)"),
        (13, "QD102", "区医疗保障局 is not in units.yaml: if it is a new unit, add it to units.yaml (level: district)"),
    ],
    # without the hint: QD101 (区民政局 missing) first, then QD102 (closest: 区民政局), QD104 and QD103
    "QD102-unit-typo": [(12, "QD102", "区民证局 is not in units.yaml; did you mean 区民政局?")],
    # a registered city unit in the district column: named as such, with the counterpart it stands for (and no
    # QD101, QD103 or QD104 about what follows from it)
    "QD102-city-unit-in-district-column": [
        (12, "QD102", "市教委 is a city unit, named in district_units (the district column): did you mean its "
                      "counterpart 区教委?"),
    ],
    # a list entry indented deeper than the one above reads as more of it: one finding naming both units (and no
    # QD101 or QD103 about the units it hides)
    "QD102-entries-run-together": [
        (12, "QD102", "区人力社保局 - 区财政局 is the units 区人力社保局、区财政局 run together: an entry's line "
                      "indented deeper than this one continues it; line up each '- ' of the list"),
    ],
    "QD402-shared-number": [
        (2, "QD402", "number 2 is used by 2 services; run `qingdan renumber .` to number the services 1..N"),
        (2, "QD402", "number 2 is used by 2 services; run `qingdan renumber .` to number the services 1..N"),
    ],
    # "-区财政局" as a list's only entry reads as text, not a syntax error: the schema finding names the dash
    "QD001-dash-without-space": [
        (11, "QD001", "district_units (区级对接落实责任部门) should be a list, found '-区财政局': no space after the "
                      "dash; write '- ' (a dash, then a space) before each entry"),
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
    place, said = UNREADABLE[name].split(": ", 1)
    for output_format in FORMATS:
        result = run_cli("validate", ".", "--format", output_format)
        assert (result.exit_code, result.exception) == (2, None), output_format
        if output_format == "text":  # the report on standard output says it, at its file and position
            lines = result.stdout.splitlines()
            assert lines[0] == place.split(":", 1)[0] and said in lines[1]
            assert lines[1].split()[0] == (place.split(":", 1)[1] if ":" in place else "-")
        else:
            assert (json.dumps(said, ensure_ascii=False)[1:-1] if output_format in ("json", "sarif") else said) \
                in result.stdout
        assert result.stderr.count("\n") == 1 and UNREADABLE[name] in result.stderr
        if update_golden:
            expected.parent.mkdir(exist_ok=True)
            expected.write_text(result.stderr, encoding="utf-8")
        assert result.stderr == expected.read_text(encoding="utf-8"), output_format


@pytest.mark.parametrize("name", sorted(UNREADABLE_ZH))
def test_unreadable_case_names_the_mistake_in_chinese(name: str, run_cli: RunCli, update_golden: bool,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / "unreadable" / name
    monkeypatch.chdir(case)
    expected = case / "expected" / "zh" / "stderr.txt"
    result = run_cli("--lang", "zh", "validate", ".")
    assert (result.exit_code, result.exception) == (2, None)
    assert UNREADABLE_ZH[name].split(": ", 1)[1] in result.stdout
    assert result.stderr.count("\n") == 1 and UNREADABLE_ZH[name] in result.stderr
    if update_golden:
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == expected.read_text(encoding="utf-8")


def test_a_mistake_the_parser_would_report_late_is_named_where_it_was_made() -> None:
    # the parser's own marks for these cases are lines away, or its words English: the hint is at the mistake
    from qingdan.io.loading import parse_document
    from qingdan.io.loading_hints import parser_problem

    text = (CASES / "unreadable" / "unclosed-quote" / "services" / "medical-aid.yaml").read_text(encoding="utf-8")
    with pytest.raises(Exception, match=r":4:7: the quote ' opened here"):
        parse_document(text, "medical-aid.yaml")
    assert parser_problem("could not find expected ':'") == "a key without its colon (expected ':')"
    assert parser_problem("something new") == "something new"  # unknown words stand


@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_finding_case_says_the_cause_once(name: str, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / name)
    report = validate_paths([Path(".")])
    assert [(f.location.line, f.code, f.text) for f in report.active] == FINDINGS[name]
    result = run_cli("validate", ".", "--format", "json")
    said = [(f["line"], f["code"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert said == FINDINGS[name]
