"""Golden cases: every folder under cases/ holds old/ and new/ editions and the expected output in each format.

Every format in English (expected.*), and the two formats people read in Chinese too (expected.zh.txt and
expected.zh.md, with ``--lang zh``): the Chinese catalog gives each change template the Chinese wording the diff
had before its templates became English, so the Chinese goldens hold that wording.

Run with ``--update-golden`` to rewrite the expected files from the current behaviour (then read the git diff).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.diff import compare
from qingdan.diff.pairing import load_side
from qingdan.output.diff_render import render

if TYPE_CHECKING:
    from tests.conftest import RunCli

CASES = Path(__file__).parent / "cases"
FORMATS = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json",
           "github": "expected.github.txt"}
CHINESE = {"text": "expected.zh.txt", "markdown": "expected.zh.md"}  # the formats a Chinese reader reads
GOLDENS = [("en", fmt, name) for fmt, name in sorted(FORMATS.items())] + \
          [("zh", fmt, name) for fmt, name in sorted(CHINESE.items())]
REGRESSING = {"amount-lowered", "service-removed", "target-narrowed", "unit-dropped", "clauses-cut"}


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "old").is_dir() and (p / "new").is_dir())


@pytest.mark.parametrize(("language", "fmt", "golden"), GOLDENS, ids=[f"{lang}-{fmt}" for lang, fmt, _ in GOLDENS])
@pytest.mark.parametrize("case", case_names())
def test_case_output(case: str, language: str, fmt: str, golden: str, run_cli: RunCli, update_golden: bool,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = CASES / case
    monkeypatch.chdir(folder)  # so the reported paths read old/… and new/…, wherever the suite runs
    result = run_cli("--lang", language, "diff", "old", "new", "--format", fmt)
    assert result.exception is None
    assert result.stderr == ""
    assert result.exit_code == (1 if case in REGRESSING else 0)
    expected = folder / golden
    if update_golden:
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", case_names())
def test_cli_json_is_the_library_report(case: str, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the CLI prints is exactly the library's result, rendered: no logic hides in the command."""
    monkeypatch.chdir(CASES / case)
    old, new = load_side("old"), load_side("new")
    report = compare(old.edition, new.edition, old_files=old.files, new_files=new.files, old_name="old",
                     new_name="new")
    assert json.loads(run_cli("diff", "old", "new", "--format", "json").stdout) == json.loads(render("json", [report]))


def test_the_cases_cover_the_issue() -> None:
    wanted = {"amount-raised", "amount-lowered", "service-inserted", "service-removed", "renamed", "category-move",
              "lead-unit-change", "unit-dropped", "target-narrowed", "wording-only", "part-changed", "identical"}
    assert wanted <= set(case_names())


def _codes(case: str) -> list[str]:
    data = json.loads((CASES / case / "expected.json").read_text(encoding="utf-8"))
    return [c["code"] for c in data["reports"][0]["changes"]]


@pytest.mark.parametrize(("case", "codes"), [
    ("amount-raised", ["QC601", "QC205", "QC401"]),
    ("amount-lowered", ["QC205", "QC402"]),
    ("service-inserted", ["QC105", "QC101"]),   # one renumbering line, not one change per shifted service
    ("service-removed", ["QC105", "QC102"]),
    ("renamed", ["QC103"]),
    ("category-move", ["QC104"]),
    ("lead-unit-change", ["QC304", "QC304"]),
    ("unit-dropped", ["QC302"]),
    ("target-narrowed", ["QC202"]),
    ("wording-only", ["QC204"]),
    ("part-changed", ["QC205", "QC401"]),
    ("identical", []),
    ("clauses-cut", ["QC209"]),             # 只增不减 covers standards: a cut clause is flagged
    ("waiver-changed", ["QC505"]),
    ("unit-renamed", ["QC608"]),            # one line for the edition; the rows are unchanged through the lineage
    ("units-merged", ["QC609"]),            # a merge is no regression
    ("unit-split", ["QC610", "QC607"]),     # the rows name either successor: no change; the counterpart is chosen
    ("lead-transferred", ["QC304", "QC304"]),
])
def test_golden_json_says_what_the_case_is_about(case: str, codes: list[str]) -> None:
    """Guards the golden files themselves: a careless --update-golden cannot bless a wrong classification."""
    assert _codes(case) == codes
