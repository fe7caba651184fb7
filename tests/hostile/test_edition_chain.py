"""The chain of predecessors cannot lie: a cycle or a self-reference is an error for every command that follows it
(never a wrong pair, never the oldest edition taken for the newest), and new-edition writes a ``previous:`` that
names FROM by its folder beside TO, or refuses with one line."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli


def _previous(edition: Path, name: str | None) -> None:
    path = edition / "edition.yaml"
    value = "null" if name is None else f'"{name}"'
    text = path.read_text(encoding="utf-8")
    start = text.index("previous: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"previous: {value}" + text[end:], encoding="utf-8")


def _state(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def cycle(tmp_path: Path, shipped_edition: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """policies/2017 → 2019 → 2021 → 2017: three editions whose predecessors go round."""
    policies = tmp_path / "policies"
    for name, previous in (("2017", "2021"), ("2019", "2017"), ("2021", "2019")):
        shutil.copytree(shipped_edition, policies / name)
        _previous(policies / name, previous)
    monkeypatch.chdir(tmp_path)
    return policies


@pytest.mark.parametrize("args", [["rename-unit", "区农委", "区农业农村委"], ["renumber"]], ids=lambda a: a[0])
def test_no_edition_of_a_cycle_is_taken_for_the_newest(cycle: Path, run_cli: RunCli, args: list[str]) -> None:
    before = _state(cycle)
    result = run_cli(*args)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "the chain of predecessors comes back to this edition (2017 → 2021 → 2019 → 2017)" in result.stderr
    assert _state(cycle) == before


def test_diff_refuses_a_cycle_instead_of_comparing_the_wrong_pair(cycle: Path, run_cli: RunCli) -> None:
    result = run_cli("diff")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("qingdan: policies/2017/edition.yaml: previous: the chain of predecessors comes back to "
                             "this edition (2017 → 2021 → 2019 → 2017); one of them must name the edition it really "
                             "revises, or null\n")


def test_validate_reports_the_cycle_on_every_edition_of_it(cycle: Path, run_cli: RunCli) -> None:
    for name in ("2017", "2019", "2021"):
        result = run_cli("validate", f"policies/{name}")
        assert result.exit_code == 1
        assert "QD701  previous: the chain of predecessors comes back to this edition" in result.stdout


def test_a_self_reference_is_named_as_such(tmp_path: Path, shipped_edition: Path, run_cli: RunCli,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(shipped_edition, tmp_path / "policies" / "2017")
    _previous(tmp_path / "policies" / "2017", "2017")
    monkeypatch.chdir(tmp_path)
    validated = run_cli("validate", "2017")
    assert "QD701  previous: '2017' names this edition itself" in validated.stdout and validated.exit_code == 1
    renamed = run_cli("rename-unit", "区农委", "区农业农村委")
    assert renamed.exit_code == 2
    assert renamed.stderr == ("qingdan: policies/2017/edition.yaml: previous: names this edition itself; name the "
                              "edition it revises, or null for a first edition\n")


def test_the_newest_is_the_edition_no_other_names(tmp_path: Path, shipped_edition: Path, run_cli: RunCli,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    policies = tmp_path / "policies"
    shutil.copytree(shipped_edition, policies / "2017")
    monkeypatch.chdir(tmp_path)
    assert run_cli("new-edition", "policies/2017", "policies/2015").exit_code == 0  # named earlier, revised later
    result = run_cli("rename-unit", "区农委", "区农业农村委")
    assert result.exit_code == 0, result.stderr
    assert "区农业农村委" in (policies / "2015" / "units.yaml").read_text(encoding="utf-8")
    assert "区农业农村委" not in (policies / "2017" / "units.yaml").read_text(encoding="utf-8")


def _made_previous(edition: Path) -> str:
    line = next(line for line in (edition / "edition.yaml").read_text(encoding="utf-8").splitlines()
                if line.startswith("previous:"))
    return line.removeprefix("previous: ").strip('"')


def test_new_edition_with_an_absolute_target_names_from(tmp_path: Path, shipped_edition: Path, run_cli: RunCli,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(shipped_edition, tmp_path / "policies" / "2017")
    monkeypatch.chdir(tmp_path)
    result = run_cli("new-edition", "policies/2017", str(tmp_path / "policies" / "2019"))
    assert result.exit_code == 0, result.stderr
    assert _made_previous(tmp_path / "policies" / "2019") == "2017"
    assert run_cli("validate", "policies/2019", "-q").exit_code == 0


def test_new_edition_from_a_link_names_the_folder_it_points_to(tmp_path: Path, shipped_edition: Path,
                                                              run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    policies = tmp_path / "policies"
    shutil.copytree(shipped_edition, policies / "2017")
    (policies / "current").symlink_to("2017")
    monkeypatch.chdir(tmp_path)
    result = run_cli("new-edition", "policies/current", "policies/2019")
    assert result.exit_code == 0, result.stderr
    assert _made_previous(policies / "2019") == "2017"
    assert "(previous: 2017)" in result.stdout
    assert run_cli("validate", "policies/2019", "-q").exit_code == 0


def test_new_edition_not_beside_from_is_refused_in_one_line(tmp_path: Path, shipped_edition: Path, run_cli: RunCli,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's qingdan new-edition 2017 policies/2019 in a repository without policies/2017: the shipped
    edition is not beside policies/2019, so previous: could name nothing there."""
    (tmp_path / "policies").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run_cli("new-edition", "2017", "policies/2019")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("qingdan: policies/2019: is not beside ")
    assert "qingdan new-edition " in result.stderr and "policies/2017)" in result.stderr
    assert not (tmp_path / "policies" / "2019").exists()
    # the hint works: copy the edition under its own name, then revise it beside itself
    copied = run_cli("new-edition", "2017", "policies/2017")
    assert copied.exit_code == 0, copied.stderr
    assert _state(tmp_path / "policies" / "2017") == _state(shipped_edition)
    assert run_cli("new-edition", "2017", "policies/2019").exit_code == 0
    assert _made_previous(tmp_path / "policies" / "2019") == "2017"
    assert run_cli("validate", "policies/2019", "-q").exit_code == 0


def test_a_revision_named_unlike_its_folder_is_a_warning_and_the_folder_names_it(
        tmp_path: Path, shipped_edition: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    """policies/2021 says edition: "2019": validate warns (QD706) at the edition line, and the diff still takes the
    pair by folder, as previous: names it, so the gate compares the right editions."""
    policies = tmp_path / "policies"
    shutil.copytree(shipped_edition, policies / "2017")
    shutil.copytree(shipped_edition, policies / "2021")
    _previous(policies / "2021", "2017")
    path = policies / "2021" / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('edition: "2017"', 'edition: "2019"', 1),
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    validated = run_cli("validate", "policies/2021")
    assert validated.exit_code == 0  # a warning
    assert "1:10     warning QD706  edition: '2019', but the folder is named '2021'" in validated.stdout
    assert "QD706" not in run_cli("validate", "policies/2017").stdout  # a first edition stands alone
    compared = run_cli("diff", "--format", "json")
    assert compared.exit_code == 0, compared.stderr
    assert '"new": "policies/2021"' in compared.stdout and '"old": "policies/2017"' in compared.stdout
