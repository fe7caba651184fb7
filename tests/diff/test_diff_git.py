"""Diffs read through git: a temporary repository holding two commits of the real edition."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "policies" / "2017"


QINGDAN = REPO / ".venv" / "bin" / "qingdan"
SERVICE = "policies/2017/services/boarding-student-allowance.yaml"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def qingdan(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(QINGDAN), *args], cwd=repo, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Commit 1: the real edition. Commit 2: item 3's primary-school allowance lowered from 1000 to 900 元."""
    root = tmp_path / "repo"
    shutil.copytree(SHIPPED, root / "policies" / "2017")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "the 2017 edition")
    path = root / SERVICE
    text = path.read_text(encoding="utf-8")
    assert text.count("1000") == 3  # the standard text, the quantity's quote and its value
    lowered = text.replace("每生每年1000元", "每生每年900元").replace("value: 1000", "value: 900")
    path.write_text(lowered, encoding="utf-8")
    git(root, "commit", "-qam", "lower the allowance")
    return root


def _changes(stdout: str) -> list[tuple[str, str | None]]:
    return [(c["code"], c["service"]) for c in json.loads(stdout)["reports"][0]["changes"]]


def test_two_revisions(repo: Path) -> None:
    result = qingdan(repo, "diff", "HEAD~1:policies/2017", "HEAD:policies/2017", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert _changes(result.stdout) == [("QC205", "boarding-student-allowance"), ("QC402", "boarding-student-allowance")]
    location = json.loads(result.stdout)["reports"][0]["changes"][1]["location"]
    assert location == {"path": f"HEAD:{SERVICE}", "line": 25, "column": 5}  # in the revision it came from


def test_base_compares_the_working_tree(repo: Path) -> None:
    assert qingdan(repo, "diff", "--base", "HEAD").returncode == 0  # clean tree: nothing changed
    result = qingdan(repo, "diff", "--base", "HEAD~1")
    assert result.returncode == 1, result.stderr
    assert "1000 元 每生每年 → 900 元 每生每年（-10 %）" in result.stdout
    assert f"{SERVICE}:" in result.stdout
    assert qingdan(repo, "diff", "--base", "HEAD~1", "--fail-on", "none").returncode == 0


def test_the_working_tree_is_never_touched(repo: Path) -> None:
    (repo / SERVICE).write_text("id: [unfinished\n", encoding="utf-8")  # an editor's half-written file
    result = qingdan(repo, "diff", "HEAD~1:policies/2017", "HEAD:policies/2017", "--format", "json")
    assert result.returncode == 1
    assert (repo / SERVICE).read_text(encoding="utf-8") == "id: [unfinished\n"
    assert git(repo, "status", "--porcelain") == f" M {SERVICE}\n"


@pytest.mark.parametrize(("side", "names"), [
    ("--upload-pack=touch pwned:policies/2017", "not a valid git revision"),
    ("-x:policies/2017", "not a valid git revision"),
    ("nosuchrev:policies/2017", "unknown git revision"),
    ("HEAD:policies/1999", "no such path at revision HEAD"),
])
def test_bad_revisions_are_one_line_and_exit_2(repo: Path, side: str, names: str) -> None:
    result = qingdan(repo, "diff", "--", side, "HEAD:policies/2017")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and names in result.stderr and "Traceback" not in result.stderr
    assert not (repo / "pwned").exists()


def test_an_unparseable_file_at_a_revision_names_it(repo: Path) -> None:
    (repo / SERVICE).write_text("id: [unfinished\n", encoding="utf-8")
    git(repo, "commit", "-qam", "break it")
    result = qingdan(repo, "diff", "HEAD~1:policies/2017", "HEAD:policies/2017")
    assert result.returncode == 2
    assert result.stderr.startswith(f"qingdan: HEAD:{SERVICE}:")


def test_textconv_makes_git_diff_and_log_semantic(repo: Path) -> None:
    """The documented setup: the attribute in .gitattributes, the command in the clone's git config."""
    (repo / ".gitattributes").write_text("policies/**/*.yaml diff=qingdan\n", encoding="utf-8")
    git(repo, "config", "diff.qingdan.textconv", f"{QINGDAN} textconv")
    for output in (git(repo, "diff", "HEAD~1", "HEAD"), git(repo, "log", "-p", "-1")):
        assert "-    补助标准为小学生每生每年1000元，\n+    补助标准为小学生每生每年900元，\n" in output
        assert "\n-数量[小学生补助标准].value: 1000\n" in output and "\n+数量[小学生补助标准].value: 900\n" in output


def test_a_folder_of_editions_and_the_default_paths_are_the_repository_s_own(repo: Path, tmp_path: Path) -> None:
    """diff and validate read ./policies of the repository they run in, never the package's own copy."""
    by_folder = qingdan(repo, "diff", "--base", "HEAD~1", "policies", "--format", "json")
    assert by_folder.returncode == 1, by_folder.stderr
    assert _changes(by_folder.stdout) == [("QC205", "boarding-student-allowance"),
                                          ("QC402", "boarding-student-allowance")]
    path = repo / "policies" / "2017" / "services" / "vaccination.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- 区卫生计生委", "- 区卫生计生委员会"), encoding="utf-8")
    validated = qingdan(repo, "validate")
    assert validated.returncode == 1
    assert "policies/2017/services/vaccination.yaml" in validated.stdout
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    nothing = qingdan(elsewhere, "validate")
    assert nothing.returncode == 2
    assert nothing.stderr.startswith("qingdan: policies") and len(nothing.stderr.splitlines()) == 1


def test_an_edition_new_since_the_base_is_named_and_skipped(repo: Path) -> None:
    shutil.copytree(repo / "policies" / "2017", repo / "policies" / "2018")
    result = qingdan(repo, "diff", "--base", "HEAD~1", "--format", "json")
    assert result.returncode == 1  # the 2017 regression still counts
    assert result.stderr == "qingdan: policies/2018 is new since HEAD~1; nothing to compare\n"
    assert [r["new"] for r in json.loads(result.stdout)["reports"]] == ["policies/2017"]
    named = qingdan(repo, "diff", "--base", "HEAD~1", "policies/2018")
    assert named.returncode == 2 and named.stderr.startswith("qingdan: ")
