"""One default edition: every command given no edition means the newest under ./policies (the one no other edition
names as ``previous``), says which on stderr when there were several, and names the edition a unit belongs to when
the chosen one lacks it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan import api

if TYPE_CHECKING:
    from tests.conftest import RunCli

EXAMPLE = Path(__file__).resolve().parent.parent / "revision" / "example" / "2019"
NOTE = "qingdan: no edition named: using policies/2019, the newest of 2 editions\n"

# every command whose edition is optional, with a run that reads the default one
DEFAULTING = {
    "tasks": ["tasks", "区卫生健康委"],
    "units": ["units"],
    "summary": ["summary"],
    "renumber": ["renumber", "--check"],
    "rename-unit": ["rename-unit", "区卫生健康委", "区卫健委", "--dry-run"],
    "export": ["export", "--format", "json"],
    "render": ["render"],
}


@pytest.fixture
def two_editions(tmp_path: Path, shipped_edition: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """./policies with the shipped 2017 and the example revision 2019 (previous: "2017"), as the working folder."""
    shutil.copytree(shipped_edition, tmp_path / "policies" / "2017")
    shutil.copytree(EXAMPLE, tmp_path / "policies" / "2019")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "policies"


def _set_previous(edition: Path, previous: str | None) -> None:
    path = edition / "edition.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("previous:")]
    if previous is not None:
        lines.insert(1, f'previous: "{previous}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_tasks_works_on_the_newer_edition(two_editions: Path, run_cli: RunCli) -> None:
    result = run_cli("tasks", "区卫生健康委")
    assert result.exit_code == 0, result.stderr
    # a unit of 2019 only (the reform renamed 区卫生计生委)
    assert result.stdout.startswith("区卫生健康委 (district): ")
    assert result.stderr == NOTE
    assert result.stdout == run_cli("tasks", "区卫生健康委", "2019").stdout


@pytest.mark.parametrize("name", sorted(DEFAULTING))
def test_every_command_means_the_newest_and_says_so_once(name: str, two_editions: Path, run_cli: RunCli) -> None:
    result = run_cli(*DEFAULTING[name])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(NOTE) and result.stderr.count("qingdan: no edition named") == 1
    assert result.exception is None


def test_the_library_and_the_cli_mean_the_same_edition(two_editions: Path, run_cli: RunCli) -> None:
    chosen = api.default_edition()
    assert (chosen.path, chosen.among) == (Path("policies/2019"), 2)
    assert api.default_edition(writes=True) == chosen
    assert api.load().metadata.edition == "2019"
    assert run_cli("summary").stdout.startswith("policies/2019: ")
    assert run_cli("render").stdout == run_cli("render", "2019").stdout


def test_a_single_edition_is_used_without_a_note(two_editions: Path, run_cli: RunCli) -> None:
    shutil.rmtree(two_editions / "2019")
    result = run_cli("units")
    assert (result.exit_code, result.stderr) == (0, "")


def test_without_policies_the_shipped_edition_is_meant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      run_cli: RunCli) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("summary")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith(f"{api.shipped_editions() / '2017'}: 万州府办发〔2018〕10号 ")


def test_a_unit_of_another_edition_is_named_there(two_editions: Path, run_cli: RunCli) -> None:
    result = run_cli("tasks", "区卫生健康委", "2017")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("qingdan: unknown unit 区卫生健康委 in edition 2017; it is a unit of 2019: name that "
                             "edition (qingdan tasks 区卫生健康委 2019)\n")
    # a unit no edition has still gets the closest names
    assert run_cli("tasks", "区卫生计生委委", "2017").stderr.startswith("qingdan: unknown unit 区卫生计生委委; closest")


def test_two_newest_editions_are_one_line_asking_to_choose(two_editions: Path, run_cli: RunCli) -> None:
    shutil.copytree(two_editions / "2019", two_editions / "2020")  # a second revision of 2017
    for args in DEFAULTING.values():
        result = run_cli(*args)
        assert result.exit_code == 2 and result.stdout == "", args
        assert result.stderr == ("qingdan: policies: more than one edition could be meant (policies/2019, "
                                 "policies/2020): name the edition folder\n"), args


def test_a_cycle_of_previous_ends_in_one_line(two_editions: Path, run_cli: RunCli) -> None:
    _set_previous(two_editions / "2017", "2019")  # 2017 revises 2019, which revises 2017: no newest edition
    result = run_cli("tasks", "区卫生健康委")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "(2017 → 2019 → 2017)" in result.stderr  # the cycle, named


def test_a_list_above_is_never_the_default(two_editions: Path, shipped_edition: Path, run_cli: RunCli) -> None:
    # the national list beside Wanzhou's 2017 and 2019, and a revision of it: parents, never the newest edition
    national = shipped_edition.parent / "national-2017"
    shutil.copytree(national, two_editions / "national-2017")
    shutil.copytree(national, two_editions / "national-2021")
    revised = two_editions / "national-2021" / "edition.yaml"
    revised.write_text(revised.read_text(encoding="utf-8").replace("edition: national-2017", "edition: national-2021")
                       .replace("previous: null", "previous: national-2017"), encoding="utf-8")
    result = run_cli("summary")
    assert result.exit_code == 0 and result.stderr == NOTE  # chosen among Wanzhou's two editions
    assert result.stdout.startswith("policies/2019: ")
    assert [line.split(":")[0] for line in run_cli("validate").stdout.splitlines() if line.startswith("ok")] == ["ok"]
    assert "4 editions" in run_cli("validate").stdout
    # without the parent's name in 2017's and 2019's edition.yaml, the lists are two heads: the choice is refused
    for name in ("2017", "2019"):
        file = two_editions / name / "edition.yaml"
        file.write_text(file.read_text(encoding="utf-8").replace("  edition: national-2017\n", ""), encoding="utf-8")
    refused = run_cli("summary")
    assert refused.exit_code == 2 and "more than one edition could be meant" in refused.stderr
