"""``qingdan history`` follows a service back through the editions by stable id (golden text, Markdown and JSON for
the nutrition subsidy raised from 800 to 1000 元 in the example revision; a renumbered service; a unit renamed by the
reform), and ``--at DATE`` takes the edition in force on that date: before, inside and after the example's periods."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli

HERE = Path(__file__).parent
NUTRITION = "农村义务教育学生营养改善"
GOLDEN = {("en", "text"): "history.txt", ("en", "markdown"): "history.md", ("en", "json"): "history.json",
          ("zh", "text"): "history.zh.txt"}


@pytest.mark.parametrize(("language", "fmt"), sorted(GOLDEN))
def test_golden_history(revision: Path, run_cli: RunCli, language: str, fmt: str, update_golden: bool) -> None:
    result = run_cli("--lang", language, "history", NUTRITION, "policies/2019", "--format", fmt)
    assert result.exit_code == 0 and result.stderr == ""
    expected = HERE / GOLDEN[language, fmt]
    if update_golden:
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


def _history(run_cli: RunCli, *args: str) -> list[dict[str, Any]]:
    result = run_cli("history", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    editions: list[dict[str, Any]] = json.loads(result.stdout)["editions"]
    return editions


def test_the_raised_subsidy_shows_both_amounts_and_the_change(revision: Path, run_cli: RunCli) -> None:
    new, old = _history(run_cli, NUTRITION)  # the latest edition by default
    assert (new["edition"], old["edition"]) == ("policies/2019", "policies/2017")
    assert [q["value"] for q in new["quantities"]] == [1000]
    assert [q["value"] for q in old["quantities"]] == [800]
    assert [c["code"] for c in new["changes"]] == ["QC205", "QC401"]
    assert old["changes"] == [] and old["previous_number"] is None


@pytest.mark.parametrize("key", ["rural-student-nutrition", "2", NUTRITION])
def test_a_service_by_id_number_or_name(revision: Path, run_cli: RunCli, key: str) -> None:
    assert [e["name"] for e in _history(run_cli, key)] == [NUTRITION, NUTRITION]


def test_a_renumbered_service_is_followed_by_id(revision: Path, run_cli: RunCli) -> None:
    new, old = _history(run_cli, "medical-assistance")
    assert (new["number"], old["number"], new["previous_number"]) == (53, 52, 52)
    codes = [c["code"] for c in new["changes"]]
    assert codes.count("QC608") == 2 and codes.count("QC304") == 2  # the reform's renames it named, the transfer
    text = run_cli("history", "医疗救助").stdout
    assert "number: 52 → 53" in text and "unit renamed: 市卫生计生委 → 市卫生健康委" in text


def test_a_service_added_in_the_revision_stops_there(revision: Path, run_cli: RunCli) -> None:
    (added,) = _history(run_cli, "veterans-employment-service")
    assert added["added"] is True and [c["code"] for c in added["changes"]] == ["QC101"]


def test_an_unknown_service_is_one_line_and_exit_2(revision: Path, run_cli: RunCli) -> None:
    result = run_cli("history", "no-such-service", "policies/2019")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no-such-service" in result.stderr


# The example's periods: 2017 from 2018-01-31 (signed) until 2019-06-01, when the revision 2019 is signed; 2019 until
# the end of its plan period (十三五, 2016–2020): 2020-12-31.
@pytest.mark.parametrize(("day", "edition"), [("2018-01-31", "policies/2017"), ("2019-05-31", "policies/2017"),
                                              ("2019-06-01", "policies/2019"), ("2020-12-31", "policies/2019")])
def test_at_takes_the_edition_in_force(revision: Path, run_cli: RunCli, day: str, edition: str) -> None:
    assert _history(run_cli, NUTRITION, "--at", day)[0]["edition"] == edition
    summary = run_cli("summary", "--at", day)
    assert summary.exit_code == 0 and summary.stdout.startswith(f"{edition}: ")


@pytest.mark.parametrize(("day", "says"), [("2018-01-30", "the first, 2017, was signed on 2018-01-31"),
                                           ("2021-01-01", "2019 was in force until 2020-12-31")])
def test_at_outside_every_period_is_one_line_and_exit_2(revision: Path, run_cli: RunCli, day: str, says: str) -> None:
    for args in (["history", NUTRITION], ["summary"], ["export", "--format", "json"], ["validate"], ["changelog"]):
        result = run_cli(*args, "--at", day)
        assert result.exit_code == 2 and result.stdout == "", args
        assert result.stderr.count("\n") == 1 and says in result.stderr, (args, result.stderr)


def test_at_pairs_the_edition_in_force_with_its_predecessor(revision: Path, run_cli: RunCli) -> None:
    at = run_cli("changelog", "--at", "2019-07-01", "--format", "json")
    given = run_cli("changelog", "policies/2017", "policies/2019", "--format", "json")
    assert at.exit_code == 0 and at.stdout == given.stdout
    first = run_cli("diff", "--at", "2018-07-01")
    assert first.exit_code == 2 and "first edition" in first.stderr


def test_at_and_an_edition_together_are_a_usage_error(revision: Path, run_cli: RunCli) -> None:
    result = run_cli("history", NUTRITION, "policies/2019", "--at", "2019-07-01")
    assert result.exit_code == 2 and "--at" in result.stderr


def test_a_draft_without_a_date_is_in_force_on_no_date(revision: Path, run_cli: RunCli) -> None:
    edition = revision / "policies" / "2019" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace('signed: "2019-06-01"', "signed: null"),
                       encoding="utf-8")
    assert _history(run_cli, NUTRITION, "--at", "2020-01-01")[0]["edition"] == "policies/2017"


def test_a_date_signed_that_is_no_date_is_one_line_naming_the_file(revision: Path, run_cli: RunCli) -> None:
    edition = revision / "policies" / "2019" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace('signed: "2019-06-01"', 'signed: "June 2019"'),
                       encoding="utf-8")
    result = run_cli("summary", "--at", "2019-07-01")
    assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1
    assert "policies/2019/edition.yaml" in result.stderr and "June 2019" in result.stderr
