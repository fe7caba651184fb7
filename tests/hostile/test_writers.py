"""Hostile cases for the commands that write an edition (issue 21, round 3): a half-renamed edition, leftovers and a
concurrent writer (M1, M2), lineage through merges and renames (M3), names and dates that would break units.yaml
(M4), and the small ones: fmt and U+2028/U+0085, duplicate or blank acceptances, full-width formula starts."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.edition.value_rules import is_date, is_unit_name
from qingdan.io import locking
from qingdan.io.atomic import stage_text
from qingdan.io.loading import load_document
from qingdan.io.staging import JOURNAL

if TYPE_CHECKING:
    from tests.conftest import RunCli

OLD, NEW = "区卫生计生委", "区卫生健康委"
MERGED_INTO = "区民政局"  # a district unit of 2017 the health commission is merged into


def _files(edition: Path) -> dict[str, bytes]:
    return {str(p.relative_to(edition)): p.read_bytes() for p in sorted(edition.rglob("*")) if p.is_file()}


def _units(edition: Path) -> dict[str, dict[str, object]]:
    return {unit["name"]: unit for unit in load_document(edition / "units.yaml").data["units"]}


# -- M1: a rename killed half way, and what rename-unit and renumber left behind ---------------------------------

def test_a_killed_rename_is_completed_by_running_it_again(run_cli: RunCli, edition_copy: Path,
                                                         tmp_path: Path) -> None:
    reference = tmp_path / "reference" / "2017"
    shutil.copytree(edition_copy, reference)
    assert run_cli("rename-unit", OLD, NEW, str(reference)).exit_code == 0
    old, new = _files(edition_copy), _files(reference)
    changed = sorted((rel for rel in old if old[rel] != new[rel]), key=lambda rel: (rel != "units.yaml", rel))
    # what a run killed among its renames leaves: every new text staged, the journal, units.yaml and half the
    # services renamed in
    moves = []
    for rel in changed:
        staged = stage_text(edition_copy / rel, new[rel].decode("utf-8"), edition_copy / rel)
        moves.append([str(staged.relative_to(edition_copy)), rel])
    (edition_copy / JOURNAL).write_text(json.dumps({"version": 1, "moves": moves, "remove": []}), encoding="utf-8")
    for temporary, rel in moves[: len(moves) // 2 + 1]:
        (edition_copy / temporary).replace(edition_copy / rel)
    assert "units.yaml" in [rel for _, rel in moves[: len(moves) // 2 + 1]]
    result = run_cli("rename-unit", OLD, NEW, str(edition_copy))
    assert result.exit_code == 0, result.stderr
    assert f"completed the write an interrupted run left in {edition_copy} ({len(moves) - len(moves) // 2 - 1} " \
           "files)" in result.stderr
    assert f"{OLD} was already renamed {NEW} in units.yaml; completed the rename" in result.stdout
    assert _files(edition_copy) == new  # entirely new, and no temporary file or journal left


def test_qd702s_advice_works_on_a_rename_half_done_by_hand(run_cli: RunCli, edition_copy: Path) -> None:
    units = edition_copy / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(f"  - name: {OLD}\n", f"  - name: {NEW}\n"
                                                               f"    replaces:\n      - {OLD}\n", 1),
                     encoding="utf-8")
    before = run_cli("validate", str(edition_copy))
    assert before.exit_code == 1 and f"run qingdan rename-unit {OLD} {NEW}" in before.stdout
    result = run_cli("rename-unit", OLD, NEW, str(edition_copy))
    assert result.exit_code == 0, result.stderr
    assert "completed the rename" in result.stdout
    assert run_cli("validate", str(edition_copy)).exit_code == 0
    assert not any(OLD in p.read_text(encoding="utf-8") for p in (edition_copy / "services").glob("*.yaml"))


@pytest.mark.parametrize("command", [["rename-unit", OLD, NEW, "{e}"], ["renumber", "{e}"]])
def test_rename_unit_and_renumber_remove_what_a_killed_run_left(run_cli: RunCli, edition_copy: Path,
                                                                command: list[str]) -> None:
    left = [edition_copy / ".units.yaml.abcd1234.tmp", edition_copy / "services" / ".x.yaml.k_9zzzzz.tmp",
            edition_copy / f"{JOURNAL}.abcdefgh.tmp"]
    for path in left:
        path.write_text("half", encoding="utf-8")
    result = run_cli(*[arg.replace("{e}", str(edition_copy)) for arg in command])
    assert result.exit_code == 0, result.stderr
    assert [path for path in left if path.exists()] == []


@pytest.mark.parametrize("record", [
    {"version": 1, "moves": [["../secret.txt", "units.yaml"]], "remove": []},
    {"version": 1, "moves": [[".units.yaml.abcd1234.tmp", "../secret.txt"]], "remove": []},
    {"version": 1, "moves": [["services/.x.yaml.abcd1234.tmp", "units.yaml"]], "remove": []},
    {"version": 1, "moves": [], "remove": ["../secret.txt"]},
    {"version": 1, "moves": [], "remove": ["source.txt"]},
    {"version": 2, "moves": [], "remove": []},
    ["not", "a", "record"],
], ids=["from-outside", "over-outside", "another-name", "remove-outside", "remove-text", "version", "list"])
def test_a_journal_qingdan_did_not_write_is_refused(run_cli: RunCli, edition_copy: Path, record: object) -> None:
    secret = edition_copy.parent / "secret.txt"
    secret.write_text("mine", encoding="utf-8")
    (edition_copy / ".units.yaml.abcd1234.tmp").write_text("units: []\n", encoding="utf-8")
    (edition_copy / "services" / ".x.yaml.abcd1234.tmp").write_text("x: 1\n", encoding="utf-8")
    (edition_copy / JOURNAL).write_text(json.dumps(record), encoding="utf-8")
    before = _files(edition_copy.parent)
    result = run_cli("fmt", str(edition_copy))
    assert result.exit_code == 2
    assert result.stderr == f"qingdan: {edition_copy / JOURNAL}: is not a journal of an interrupted qingdan write " \
                            "(it names other files); remove it if no qingdan command was interrupted here\n"
    assert _files(edition_copy.parent) == before


# -- M2: one writer at a time -------------------------------------------------------------------------------------

def test_a_writer_finding_the_edition_locked_refuses_in_one_line(run_cli: RunCli, edition_copy: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, os, sys, time\n"
                               f"h = os.open({str(edition_copy)!r}, os.O_RDONLY)\n"
                               "fcntl.flock(h, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline() == "held\n"
        monkeypatch.setattr(locking, "WAIT", 0.2)
        path = edition_copy / "services" / "medical-assistance.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
        before = _files(edition_copy)
        for args in (["fmt", str(edition_copy)], ["rename-unit", OLD, NEW, str(edition_copy)],
                     ["renumber", str(edition_copy)]):
            result = run_cli(*args)
            assert result.exit_code == 2, result.stdout
            assert result.stderr == f"qingdan: {edition_copy}: another qingdan command is writing this edition; " \
                                    "nothing was changed (run this again when it has finished)\n"
            assert _files(edition_copy) == before
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert run_cli("fmt", str(edition_copy)).exit_code == 0  # the holder is gone: its lock went with it


# -- M3: lineage ----------------------------------------------------------------------------------------------------

@pytest.fixture
def revision(run_cli: RunCli, edition_copy: Path) -> Path:
    target = edition_copy.parent / "2019"
    assert run_cli("new-edition", str(edition_copy), str(target)).exit_code == 0
    return target


def _diff(run_cli: RunCli, old: Path, new: Path) -> list[dict[str, object]]:
    result = run_cli("diff", str(old), str(new), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    changes: list[dict[str, object]] = json.loads(result.stdout)["reports"][0]["changes"]
    return changes


def test_a_unit_merged_into_then_renamed_still_replaces_itself(run_cli: RunCli, edition_copy: Path,
                                                             revision: Path) -> None:
    assert run_cli("rename-unit", OLD, MERGED_INTO, str(revision)).exit_code == 0
    assert run_cli("rename-unit", MERGED_INTO, "区社会事务局", str(revision)).exit_code == 0
    assert _units(revision)["区社会事务局"]["replaces"] == [OLD, MERGED_INTO]
    changes = _diff(run_cli, edition_copy, revision)
    assert [c for c in changes if c["code"] in ("QC302", "QC606")] == []  # no unit "removed" from any row
    assert [c["code"] for c in changes if c["code"] in ("QC608", "QC609")] == ["QC609"]
    assert run_cli("validate", str(revision)).exit_code == 0


def test_a_rename_undone_leaves_no_replaces(run_cli: RunCli, revision: Path) -> None:
    assert run_cli("rename-unit", OLD, NEW, str(revision)).exit_code == 0
    assert run_cli("rename-unit", NEW, OLD, str(revision)).exit_code == 0
    assert "replaces" not in _units(revision)[OLD]
    assert run_cli("validate", str(revision)).exit_code == 0


def test_a_merge_into_a_unit_that_stays_is_told_as_a_merge(run_cli: RunCli, edition_copy: Path,
                                                           revision: Path) -> None:
    assert run_cli("rename-unit", OLD, MERGED_INTO, str(revision)).exit_code == 0
    changes = _diff(run_cli, edition_copy, revision)
    lineage = [c for c in changes if c["code"] in ("QC608", "QC609")]
    assert [c["code"] for c in lineage] == ["QC609"], lineage
    assert "merged" in str(lineage[0]["message"])


# -- M4: values that would break units.yaml --------------------------------------------------------------------------

BAD_NAMES = ["区卫生、健康委", "区卫生\n健康委", "区卫生\t健康委", "区卫生\u200b健康委", "\ufeff区卫生健康委",
             "区卫生\x85健康委", "区卫生\u2028健康委", "区卫生\x07健康委", " 区卫生健康委", "区卫生健康委\u3000"]


@pytest.mark.parametrize("name", BAD_NAMES, ids=repr)
def test_rename_unit_refuses_a_name_the_schema_refuses(run_cli: RunCli, edition_copy: Path, name: str) -> None:
    before = _files(edition_copy)
    result = run_cli("rename-unit", OLD, name, str(edition_copy))
    assert result.exit_code == 2
    assert result.stderr == f"qingdan: {edition_copy}/units.yaml: the new name {name!r} is not a unit name: no 、, " \
                            "no control, invisible or line-separating character, and no space at either end\n"
    assert _files(edition_copy) == before
    # the same rule in the schema: a units.yaml holding the name fails validate
    units = edition_copy / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(f"name: {OLD}\n", f"name: {json.dumps(name)}\n", 1),
                     encoding="utf-8")
    assert is_unit_name(name) is False
    validated = run_cli("validate", str(edition_copy))  # a finding, or for a character no YAML text may hold, the
    # loader's refusal at its line
    assert "QD001" in validated.stdout or (validated.exit_code == 2 and "units.yaml:" in validated.stderr)


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--since", "20190301", "--since '20190301' is not a date written YYYY-MM-DD (such as 2019-03-01)"),
    ("--since", "2019-W01-1", "--since '2019-W01-1' is not a date written YYYY-MM-DD (such as 2019-03-01)"),
    ("--since", "2019-02-30", "--since '2019-02-30' is not a date written YYYY-MM-DD (such as 2019-03-01)"),
    ("--basis", "", "--basis '' is empty or only spaces"),
    ("--basis", " \u3000", "--basis ' \\u3000' is empty or only spaces"),
])
def test_rename_unit_refuses_a_date_or_basis_the_schema_refuses(run_cli: RunCli, edition_copy: Path, option: str,
                                                                value: str, message: str) -> None:
    before = _files(edition_copy)
    result = run_cli("rename-unit", OLD, NEW, str(edition_copy), option, value)
    assert result.exit_code == 2
    assert result.stderr == f"qingdan: {edition_copy}/units.yaml: {message}\n"
    assert _files(edition_copy) == before
    assert option != "--since" or not is_date(value)


# -- the small ones -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("escape", ["\\u2028", "\\x85", "\\u2029\\n"])
def test_fmt_refuses_a_line_separator_at_its_line(run_cli: RunCli, edition_copy: Path, escape: str) -> None:
    """A line separator (U+0085, U+2028, U+2029) breaks lines in some programs and not in others: the loader refuses
    it at its line with a hint, so fmt writes nothing and says where."""
    path = edition_copy / "services" / "medical-assistance.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: 医疗救助\n", f'name: "医疗{escape}救助"\n', 1), encoding="utf-8")
    damaged = path.read_bytes()
    result = run_cli("fmt", str(edition_copy))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "medical-assistance.yaml:4:" in result.stderr
    assert path.read_bytes() == damaged


def _accept(edition: Path, entries: str) -> None:
    path = edition / "edition.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("accepted: []\n", "accepted:\n", 1) if "accepted: []\n" in text else text + "accepted:\n"
    path.write_text(text.replace("accepted:\n", "accepted:\n" + entries, 1), encoding="utf-8")


def test_an_acceptance_listed_twice_is_reported(run_cli: RunCli, revision: Path) -> None:
    path = revision / "services" / "medical-assistance.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 医疗救助\n", "name: 医疗救助服务\n", 1),
                    encoding="utf-8")
    entry = ("  - code: QC103\n    service: medical-assistance\n    old: 医疗救助\n    new: 医疗救助服务\n"
             "    reason: 更名\n")
    _accept(revision, entry)
    assert run_cli("validate", str(revision)).exit_code == 0
    _accept(revision, entry)
    result = run_cli("validate", str(revision))
    assert result.exit_code == 1
    assert "QD704  the acceptance of QC103 in medical-assistance is listed twice (first as item 1): remove one" \
        in result.stdout


def test_an_acceptance_whose_reason_is_only_spaces_is_refused(run_cli: RunCli, revision: Path) -> None:
    path = revision / "services" / "medical-assistance.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 医疗救助\n", "name: 医疗救助服务\n", 1),
                    encoding="utf-8")
    _accept(revision, '  - code: QC103\n    service: medical-assistance\n    reason: " \u3000"\n')
    result = run_cli("validate", str(revision))
    assert result.exit_code == 1
    assert "QD001" in result.stdout and "accepted[0].reason" in result.stdout


@pytest.mark.parametrize("start", ["＝", "＋", "－", "＠"])
def test_a_full_width_formula_start_is_neutralised_in_csv_and_xlsx(run_cli: RunCli, edition_copy: Path, tmp_path: Path,
                                                         start: str) -> None:
    path = edition_copy / "services" / "medical-assistance.yaml"
    name = f"{start}HYPERLINK(1)"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 医疗救助\n", f"name: {name}\n", 1),
                    encoding="utf-8")
    result = run_cli("export", str(edition_copy), "--format", "csv", "-o", str(tmp_path / "csv"))
    assert result.exit_code == 0, result.stderr
    cells = [cell for file in (tmp_path / "csv").glob("*.csv")
             for row in csv.reader(io.StringIO(file.read_text(encoding="utf-8-sig"), newline="")) for cell in row]
    assert "'" + name in cells and name not in cells
    from openpyxl import load_workbook

    result = run_cli("export", str(edition_copy), "--format", "xlsx", "-o", str(tmp_path / "list.xlsx"))
    assert result.exit_code == 0, result.stderr
    values = [cell.value for sheet in load_workbook(tmp_path / "list.xlsx").worksheets
              for row in sheet.iter_rows() for cell in row]
    assert name not in values and any(isinstance(v, str) and v.endswith(name) and v != name for v in values)
