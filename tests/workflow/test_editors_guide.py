"""docs/editors-guide.md is executed: its edits applied and its commands run in order, their output compared.

In the guide, a ```diff block is an edit (applied with ``git apply``); in a ```console block, a line ``$ command``
is run with bash in a git repository holding a copy of the real edition, and the lines after it are its expected
output (stdout and stderr together); a line ``...`` stands for any number of lines, and a last line ``[exit N]``
for a non-zero exit code. ``pytest --update-golden`` rewrites the expected outputs from what the commands print.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from workflow_repos import REPO, clean_env, git, new_repo

pytestmark = pytest.mark.slow  # every command of the guide as a subprocess in a git repository

GUIDE = REPO / "docs" / "editors-guide.md"
FENCE = re.compile(r"^```(console|diff)\n(.*?)^```$", re.DOTALL | re.MULTILINE)


@dataclass
class Command:
    line: str
    expected: list[str]
    span: tuple[int, int]  # where its expected output sits in the guide's text


def commands(block: str, offset: int) -> list[Command]:
    found: list[Command] = []
    position = offset
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            found.append(Command(line[2:].rstrip("\n"), [], (position + len(line), position + len(line))))
        elif found:
            found[-1].expected.append(line.rstrip("\n"))
            found[-1].span = (found[-1].span[0], position + len(line))
        position += len(line)
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line-by-line equality where an expected line ``...`` matches any run of lines (even none)."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[start:]) for start in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def run(command: str, repo: Path) -> list[str]:
    result = subprocess.run(["bash", "--noprofile", "--norc", "-o", "pipefail", "-c", command], cwd=repo,
                            env=clean_env(repo.parent, COLUMNS="200"), text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    lines = result.stdout.splitlines()
    return [*lines, f"[exit {result.returncode}]"] if result.returncode else lines


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The guide's repository holds the 2017 edition alone (its outputs count its files), whatever else policies/
    holds."""
    return new_repo(tmp_path / "repo", editions=("2017",))


def test_the_editors_guide_runs_as_written(repo, update_golden):
    text = GUIDE.read_text(encoding="utf-8")
    replacements: list[tuple[tuple[int, int], list[str]]] = []
    failures: list[str] = []
    ran = 0
    for match in FENCE.finditer(text):
        kind, body = match.group(1), match.group(2)
        if kind == "diff":
            applied = subprocess.run(["git", "apply", "--recount", "-"], input=body, cwd=repo, text=True,
                                     capture_output=True, env=clean_env(repo.parent))
            assert applied.returncode == 0, f"the edit at offset {match.start()} no longer applies: {applied.stderr}"
            continue
        for command in commands(body, match.start(2)):
            actual = run(command.line, repo)
            ran += 1
            if update_golden:
                replacements.append((command.span, actual))
            elif not matches(command.expected, actual):
                failures.append(f"$ {command.line}\nexpected:\n" + "\n".join(command.expected)
                                + "\nactual:\n" + "\n".join(actual))
    if update_golden:
        for (start, end), lines in reversed(replacements):
            text = text[:start] + "".join(f"{line}\n" for line in lines) + text[end:]
        GUIDE.write_text(text, encoding="utf-8")
    assert ran >= 10, "the guide shows the commands of every task"
    assert not failures, "\n\n".join(failures)
    assert git(repo, "status", "--porcelain") != "", "the guide's edits were applied"
