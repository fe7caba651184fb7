"""Executes a page of the docs: its ```diff blocks are edits, its ```console blocks commands with their output.

A ```diff block is applied with ``git apply``. In a ```console block, a line ``$ command`` is run with bash (with
``pipefail``) in a git repository, and the lines after it are its expected output (stdout and stderr together): a
line ``...`` stands for any number of lines, and a last line ``[exit N]`` for a non-zero exit code. Other blocks
(```sh, ```yaml) are shown, not run.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from workflow_repos import clean_env, git

FENCE = re.compile(r"^```(console|diff)\n(.*?)^```$", re.DOTALL | re.MULTILINE)
EXIT = re.compile(r"^\[exit (\d+)\]$")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "QINGDAN_LANG")


@dataclass
class Edit:
    body: str
    offset: int


@dataclass
class Command:
    line: str
    expected: list[str]
    span: tuple[int, int]  # where its expected output sits in the page's text

    @property
    def exit_code(self) -> int:
        """The exit code the page documents: its last line ``[exit N]``, else 0."""
        last = EXIT.match(self.expected[-1]) if self.expected else None
        return int(last.group(1)) if last else 0


def steps(text: str) -> list[Edit | Command]:
    """The page's edits and commands, in the order they are run."""
    found: list[Edit | Command] = []
    for match in FENCE.finditer(text):
        if match.group(1) == "diff":
            found.append(Edit(match.group(2), match.start(2)))
            continue
        position = match.start(2)
        for line in match.group(2).splitlines(keepends=True):
            if line.startswith("$ "):
                found.append(Command(line[2:].rstrip("\n"), [], (position + len(line), position + len(line))))
            elif found and isinstance(found[-1], Command):
                found[-1].expected.append(line.rstrip("\n"))
                found[-1].span = (found[-1].span[0], position + len(line))
            position += len(line)
    return found


def section_span(text: str, heading: str) -> tuple[int, int]:
    """Where the section under ``heading`` (a ``## `` line) starts and ends in ``text``: up to the next ``## ``."""
    start = text.index(f"\n{heading}\n") + 1
    end = text.find("\n## ", start)
    return start, len(text) if end == -1 else end + 1


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line-by-line equality where an expected line ``...`` matches any run of lines (even none)."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[start:]) for start in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def language_env(repo: Path, *, qingdan_lang: str | None = None, locale: str | None = None) -> dict[str, str]:
    """The environment of a page's commands: the language chosen by QINGDAN_LANG, or by the locale as an editor's
    machine sets it (``LANG=zh_CN.UTF-8``), with every other language variable of the test run removed."""
    env = {key: value for key, value in clean_env(repo.parent, COLUMNS="200").items()
           if key not in LOCALE_VARIABLES}
    env["LANG"] = locale or "C.UTF-8"
    if qingdan_lang:
        env["QINGDAN_LANG"] = qingdan_lang
    return env


def run(command: str, repo: Path, env: dict[str, str]) -> list[str]:
    result = subprocess.run(["bash", "--noprofile", "--norc", "-o", "pipefail", "-c", command], cwd=repo, env=env,
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines = result.stdout.splitlines()
    return [*lines, f"[exit {result.returncode}]"] if result.returncode else lines


@dataclass
class Outcome:
    ran: int = 0
    failures: list[str] = field(default_factory=list)
    replacements: list[tuple[tuple[int, int], list[str]]] = field(default_factory=list)


def execute(text: str, repo: Path, env: dict[str, str], *, compare_output: bool = True) -> Outcome:
    """Applies every edit and runs every command of ``text`` in ``repo``, in order.

    A command fails when its output differs from the page (``compare_output``), or else when its exit code differs
    from the one the page documents. The actual outputs are kept for ``rewrite``.
    """
    outcome = Outcome()
    for step in steps(text):
        if isinstance(step, Edit):
            applied = subprocess.run(["git", "apply", "--recount", "-"], input=step.body, cwd=repo, text=True,
                                     capture_output=True, env=env)
            assert applied.returncode == 0, f"the edit at offset {step.offset} no longer applies: {applied.stderr}"
            continue
        actual = run(step.line, repo, env)
        outcome.ran += 1
        outcome.replacements.append((step.span, actual))
        if compare_output:
            failed = not matches(step.expected, actual)
        else:
            failed = Command(step.line, actual, step.span).exit_code != step.exit_code
        if failed:
            outcome.failures.append(f"$ {step.line}\nexpected:\n" + "\n".join(step.expected)
                                    + "\nactual:\n" + "\n".join(actual))
    return outcome


def rewrite(text: str, outcome: Outcome) -> str:
    """``text`` with every command's expected output replaced by what it printed (``pytest --update-golden``)."""
    for (start, end), lines in reversed(outcome.replacements):
        text = text[:start] + "".join(f"{line}\n" for line in lines) + text[end:]
    return text


def file_effects(repo: Path) -> list[str]:
    """What the commands did to the files: the tree of every commit, oldest first; the tree of policies/ in the
    working tree; and the path of every file in it (exports such as docx carry the time they were made, so only
    their names are compared)."""
    commits = git(repo, "log", "--reverse", "--format=%T").splitlines()
    git(repo, "add", "-A")
    tree = git(repo, "write-tree")
    return [*commits, git(repo, "rev-parse", f"{tree}:policies"),
            *git(repo, "ls-tree", "-r", "--name-only", tree).splitlines()]
