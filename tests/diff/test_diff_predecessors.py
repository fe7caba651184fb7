"""``qingdan diff`` without arguments: each edition under policies/ compared with the edition it names as previous."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli

SERVICE = "services/boarding-student-allowance.yaml"


@pytest.fixture
def two_editions(tmp_path: Path, shipped_edition: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with policies/2017 (the real edition) and policies/2021 made from it by new-edition."""
    shutil.copytree(shipped_edition, tmp_path / "policies" / "2017")
    monkeypatch.chdir(tmp_path)
    made = run_cli("new-edition", "policies/2017", "policies/2021")
    assert made.exit_code == 0, made.stderr
    return tmp_path


def lower_amount(edition: Path) -> None:
    path = edition / SERVICE
    text = path.read_text(encoding="utf-8")
    assert "每生每年1000元" in text and "value: 1000\n" in text
    path.write_text(text.replace("每生每年1000元", "每生每年900元").replace("value: 1000\n", "value: 900\n"),
                    encoding="utf-8")


def test_new_edition_names_its_predecessor(two_editions: Path) -> None:
    assert 'previous: "2017"\n' in (two_editions / "policies/2021/edition.yaml").read_text(encoding="utf-8")
    assert "previous: null\n" in (two_editions / "policies/2017/edition.yaml").read_text(encoding="utf-8")


def test_each_edition_is_compared_with_its_predecessor(two_editions: Path, run_cli: RunCli) -> None:
    clean = run_cli("diff", "--format", "json")
    assert clean.exit_code == 0, clean.stderr
    reports = json.loads(clean.stdout)["reports"]
    assert [(r["old"], r["new"]) for r in reports] == [("policies/2017", "policies/2021")]
    assert {c["class"] for c in reports[0]["changes"]} == {"editorial"}  # the cleared notice
    lower_amount(two_editions / "policies/2021")
    lowered = run_cli("diff", "--format", "json")
    assert lowered.exit_code == 1
    regressions = [(c["code"], c["service"]) for c in json.loads(lowered.stdout)["reports"][0]["changes"]
                   if c["class"] == "regression"]
    assert regressions == [("QC402", "boarding-student-allowance")]
    assert run_cli("diff", "--fail-on", "none").exit_code == 0


def test_no_predecessor_anywhere_is_one_line_and_exit_0(tmp_path: Path, shipped_edition: Path, run_cli: RunCli,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(shipped_edition, tmp_path / "policies" / "2017")
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == ("qingdan: policies/2017: a first edition (previous: null); nothing to compare it with\n"
                             "qingdan: no edition names the edition it revises (previous: in edition.yaml); "
                             "nothing to compare\n")


def test_a_missing_predecessor_is_exit_2_naming_edition_yaml(two_editions: Path, run_cli: RunCli) -> None:
    path = two_editions / "policies/2021/edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('previous: "2017"', 'previous: "2016"'),
                    encoding="utf-8")
    result = run_cli("diff")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("qingdan: policies/2021/edition.yaml: previous: '2016' names no edition folder beside "
                             "this one (policies/2016)\n")


def test_one_path_alone_is_a_usage_error(two_editions: Path, run_cli: RunCli) -> None:
    result = run_cli("diff", "policies/2021")
    assert result.exit_code == 2 and "give OLD and NEW" in result.stderr


def test_a_first_edition_is_named_in_the_notes_beside_the_comparisons(two_editions: Path, run_cli: RunCli) -> None:
    result = run_cli("diff")
    assert result.exit_code == 0
    assert result.stderr == "qingdan: policies/2017: a first edition (previous: null); nothing to compare it with\n"
    assert run_cli("diff", "-q").stderr == ""


def test_an_edition_without_previous_is_an_error_never_a_pass(two_editions: Path, run_cli: RunCli) -> None:
    """Losing the key (an old import did) must not switch the gate off: diff refuses, validate fails."""
    path = two_editions / "policies/2021/edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('previous: "2017"\n', ""), encoding="utf-8")
    lower_amount(two_editions / "policies/2021")
    result = run_cli("diff")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("qingdan: policies/2021/edition.yaml: previous: is missing")
    validated = run_cli("validate", "policies/2021", "--format", "json")
    assert validated.exit_code == 1
    assert [f["code"] for f in json.loads(validated.stdout)["findings"]][:1] == ["QD001"]
