"""One way to name an edition: the command line and ``import qingdan`` resolve a path, a name under ./policies, a
shipped name and ``REV:PATH`` to the same edition, through the same load pipeline.

The repository of these tests holds policies/2019 (the shipped edition as a revision of 2017, with its own notice
number) and, at HEAD only, policies/2017: so ``2017`` names the edition shipped with qingdan and
``HEAD:policies/2017`` the copy git recorded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import qingdan

if TYPE_CHECKING:
    from tests.conftest import RunCli

NUMBER_2017 = "万州府办发〔2018〕10号"
NUMBER_2019 = "万州府办发〔2019〕3号"


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, shipped_edition: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(shipped_edition, root / "policies" / "2017")
    shutil.copytree(shipped_edition, root / "policies" / "2019")
    metadata = root / "policies" / "2019" / "edition.yaml"
    text = metadata.read_text(encoding="utf-8")
    for old, new in (('edition: "2017"', 'edition: "2019"'), ("previous: null", 'previous: "2017"'),
                     (NUMBER_2017, NUMBER_2019)):
        assert old in text
        text = text.replace(old, new, 1)
    metadata.write_text(text, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "2017 and its revision 2019")
    shutil.rmtree(root / "policies" / "2017")  # from now on, 2017 is the shipped edition; HEAD still has its copy
    monkeypatch.chdir(root)
    return root


def _expected(name: str, repo: Path) -> tuple[Path, str]:
    """The path the edition NAME names records, and its notice's number."""
    return {
        "2019": (Path("policies/2019"), NUMBER_2019),
        "policies/2019": (Path("policies/2019"), NUMBER_2019),
        "ABSOLUTE": (repo / "policies" / "2019", NUMBER_2019),
        "2017": (qingdan.shipped_editions() / "2017", NUMBER_2017),
        "HEAD:policies/2017": (Path("HEAD:policies/2017"), NUMBER_2017),
    }[name]


NAMES = ["2019", "policies/2019", "ABSOLUTE", "2017", "HEAD:policies/2017"]


@pytest.mark.parametrize("name", NAMES)
def test_the_command_line_and_the_library_name_the_same_edition(name: str, repo: Path, run_cli: RunCli) -> None:
    given = str(repo / "policies" / "2019") if name == "ABSOLUTE" else name
    path, number = _expected(name, repo)
    edition = qingdan.load(given)
    assert (edition.path, edition.metadata.document_number) == (path, number)
    result = run_cli("summary", given)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{path}: {number} {edition.metadata.title}"
    assert f"{len(edition.services)} services" in result.stdout


def test_every_name_of_an_edition_loads_the_same_data(repo: Path) -> None:
    by_name = qingdan.load("2019")
    assert by_name == qingdan.load("policies/2019")  # the same folder, shown the same way: equal to the locations
    assert by_name.services == qingdan.load(repo / "policies" / "2019").services
    shipped = qingdan.render_official_text(qingdan.load("2017"))
    assert qingdan.render_official_text(qingdan.load("HEAD:policies/2017")) == shipped
    assert qingdan.render_official_text(qingdan.load(qingdan.shipped_editions() / "2017")) == shipped


@pytest.mark.parametrize("old", ["2017", "HEAD:policies/2017"])
def test_diff_names_its_sides_as_every_command_does(old: str, repo: Path, run_cli: RunCli) -> None:
    from qingdan.output.diff_render import render

    comparison = qingdan.compare([old, "2019"])
    result = run_cli("diff", old, "2019", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == render("json", comparison.reports)
    changes = json.loads(result.stdout)["reports"][0]["changes"]
    assert any(NUMBER_2019 in json.dumps(change, ensure_ascii=False) for change in changes)  # the notice's number


def test_a_name_that_names_nothing_is_the_same_line_everywhere(repo: Path, run_cli: RunCli) -> None:
    with pytest.raises(qingdan.InputError) as raised:
        qingdan.load("2020")
    assert str(raised.value) == "2020: no such edition folder"
    for command in (["summary", "2020"], ["diff", "2020", "2019"], ["export", "--format", "json", "2020"]):
        result = run_cli(*command)
        assert (result.exit_code, result.stderr) == (2, f"qingdan: {raised.value}\n"), command


FOLDER_COMMANDS = [["validate"], ["fmt", "--check"], ["export", "--format", "json"], ["render"], ["history", "52"],
                   ["renumber", "--check"], ["rename-unit", "区民政局", "区民政厅", "--dry-run"]]


@pytest.mark.parametrize("command", FOLDER_COMMANDS, ids=lambda command: command[0])
def test_a_revision_is_refused_where_an_edition_folder_is_needed(command: list[str], repo: Path,
                                                                  run_cli: RunCli) -> None:
    result = run_cli(*command, "HEAD:policies/2017")
    assert (result.exit_code, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("qingdan: HEAD:policies/2017: a git revision cannot be used here")


def test_the_library_refuses_a_revision_where_an_edition_folder_is_needed(repo: Path) -> None:
    with pytest.raises(qingdan.InputError, match="a git revision cannot be used here"):
        qingdan.load_for_export("HEAD:policies/2017")
    with pytest.raises(qingdan.InputError, match="a git revision cannot be used here"):
        qingdan.service_history("52", "HEAD:policies/2017")


@pytest.mark.parametrize("name", ["2019", "2017"])
def test_validate_names_an_edition_as_every_command_does(name: str, repo: Path, run_cli: RunCli) -> None:
    from qingdan.output.render import render

    report = qingdan.validate([name])
    (shown,) = report.editions
    assert Path(shown).resolve() == (qingdan.locate_edition(name) or Path("nowhere")).resolve()
    result = run_cli("validate", name, "--format", "json")
    assert result.stdout == render(report, "json", qingdan.rule_codes())
    assert result.exit_code == report.exit_code()


def test_the_library_edits_the_edition_a_name_names_and_never_a_shipped_one(repo: Path, run_cli: RunCli) -> None:
    moved, written, _ = qingdan.renumber("2019", dry_run=True)
    assert (moved, written) == ([], [])
    assert run_cli("renumber", "--check", "2019").exit_code == 0
    by_name = qingdan.format_paths(["2019"], write=False)
    assert [f.after for f in by_name] == [f.after for f in qingdan.format_paths([repo / "policies/2019"], write=False)]
    assert len(by_name) == 2 + len(qingdan.load("2019").services)
    with pytest.raises(qingdan.InputError, match="no such edition folder"):
        qingdan.renumber("2017", dry_run=True)  # the shipped 2017 is not this repository's to edit
    copy = qingdan.start_revision("2019", repo / "policies" / "2021")
    assert qingdan.load(copy).services == qingdan.load("2019").services
    assert qingdan.load("2021").metadata.previous == "2019"
