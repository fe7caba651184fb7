"""Bad input outside qingdan's control is exit 2 with one line, never exit 3: paths outside the repository, a full
disk or a file-size limit under the sqlite export, and a hostile unit name never makes validate slow."""

from __future__ import annotations

import difflib
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from qingdan.check.rules import counterpart
from qingdan.core import vocabulary

REPO = Path(__file__).resolve().parents[2]


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "policies" / "2017", root / "policies" / "2017")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "the 2017 edition")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("args", [
    ["diff", "HEAD:../../etc", "HEAD:policies/2017"],
    ["diff", "HEAD:policies/2017", "HEAD:../../outside"],
    ["diff", "--base", "HEAD", "{outside}"],
])
def test_a_path_outside_the_repository_is_exit_2(repo: Path, args: list[str]) -> None:
    outside = repo.parent / "outside"
    shutil.copytree(REPO / "policies" / "2017", outside)
    argv = [arg.replace("{outside}", str(outside)) for arg in args]
    done = subprocess.run([sys.executable, "-m", "qingdan", *argv], cwd=repo / "policies", capture_output=True,
                          text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert "is outside the git repository" in done.stderr and done.stderr.count("\n") == 1


def _limit_file_size() -> None:  # runs in the child: a 50 kB file-size limit, reported as EFBIG, not a signal
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))


@pytest.mark.slow
@pytest.mark.parametrize(("format_", "name"), [("sqlite", "list.sqlite"), ("json", "list.json"), ("csv", "out")])
def test_a_file_size_limit_is_exit_2_naming_the_output(tmp_path: Path, format_: str, name: str) -> None:
    out = tmp_path / name
    done = subprocess.run([sys.executable, "-m", "qingdan", "export", "2017", "--format", format_, "-o", str(out)],
                          capture_output=True, text=True, check=False, preexec_fn=_limit_file_size)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"qingdan: {out}: cannot write") and done.stderr.count("\n") == 1
    assert ".tmp" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no output, no temporary file left


def test_the_closest_unit_search_compares_a_bounded_head_of_a_hostile_name(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = difflib.get_close_matches

    def spy(word: str, possibilities: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
        seen.append(len(word))
        return real(word, possibilities, n=n, cutoff=cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", spy)  # what vocabulary.nearest_names calls
    # its head is far from every registered name (a ratio of 0.12): nothing is offered, and quickly
    assert counterpart.closest("区民政局" + "很" * 1_000_000, ["区民政局", "区财政局"]) == ""
    assert seen == [vocabulary.CLOSEST_PREFIX]


@pytest.mark.slow
def test_a_link_in_an_edition_at_a_revision_is_refused(repo: Path) -> None:
    (repo / "policies" / "2017" / "services" / "zz-link.yaml").symlink_to("/etc/hostname")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "a link")
    done = subprocess.run([sys.executable, "-m", "qingdan", "diff", "HEAD~1:policies/2017", "HEAD:policies/2017"],
                          cwd=repo, capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr == "qingdan: HEAD:policies/2017/services/zz-link.yaml: is a symbolic link at this revision; " \
                          "refusing to read it\n"
