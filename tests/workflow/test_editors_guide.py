"""docs/editors-guide.md is executed: its edits applied and its commands run in order, their output compared.

How a page is executed is in guides.py: a ```diff block is an edit (applied with ``git apply``); in a ```console
block, a line ``$ command`` is run with bash in a git repository holding a copy of the real edition, and the lines
after it are its expected output (stdout and stderr together); a line ``...`` stands for any number of lines, and a
last line ``[exit N]`` for a non-zero exit code. The commands run in English (QINGDAN_LANG=en), whatever the
locale of the test run. ``pytest --update-golden`` rewrites the expected outputs from what the commands print.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from guides import execute, language_env, rewrite
from workflow_repos import REPO, git, new_repo

pytestmark = pytest.mark.slow  # every command of the guide as a subprocess in a git repository

GUIDE = REPO / "docs" / "editors-guide.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The guide's repository holds the 2017 edition alone (its outputs count its files), whatever else policies/
    holds."""
    return new_repo(tmp_path / "repo", editions=("2017",))


def test_the_editors_guide_runs_as_written(repo: Path, update_golden: bool) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    outcome = execute(text, repo, language_env(repo, qingdan_lang="en"))
    if update_golden:
        GUIDE.write_text(rewrite(text, outcome), encoding="utf-8")
    assert outcome.ran >= 10, "the guide shows the commands of every task"
    assert update_golden or not outcome.failures, "\n\n".join(outcome.failures)
    assert git(repo, "status", "--porcelain") != "", "the guide's edits were applied"
