"""The hostile catalogue: every case folder damages a small edition and every command that reads it must answer
with the one line and exit code in the case's expected.txt, change no file, and leave no temporary file.

A case folder ``cases/<name>/`` holds:

- ``make.jsonl``: how to damage a copy of the base edition (tests/validate/cases/valid/baseline, at ``2017/``),
  one JSON list per line (REL is relative to ``2017/``; ``../2017`` is the edition folder itself and ``../policies``
  a folder beside it): ``["replace", REL, OLD, NEW]`` (first occurrence), ``["replace-after", REL, MARK, OLD,
  NEW]`` (every OLD from the first MARK on), ``["write", REL, TEXT]``, ``["repeat", REL, HEAD, UNIT, COUNT]``
  (HEAD, then UNIT COUNT times, then a newline), ``["tree", REL]`` (a copy of the base edition),
  ``["bytes", REL, HEX]``, ``["encode", REL, CODEC]``, ``["symlink", REL, TARGET]`` (TARGET ``{outside}`` is a
  file outside the edition), ``["fifo", REL]``, ``["remove", REL]``, ``["mkdir", REL]``, ``["huge", REL, BYTES]``
  (padded with comment lines), ``["chmod", REL, OCTAL]``, ``["lengthen", REL, OLD, TEXT, COUNT]`` (TEXT
  repeated COUNT times added at the end of OLD, before its final line break: a long value);
- ``commands.json`` (optional): more commands to run on this case, ``{"NAME": [ARGS...]}``, for the formats and
  options the common commands do not reach (``export --format xlsx``);
- ``expected.txt``: ``EXIT MESSAGE`` for every command, then ``COMMAND: EXIT MESSAGE`` lines where a command
  answers otherwise; ``{root}`` stands for the folder the command runs in. For exit 2 the message is the whole
  of stderr; for exit 0 and 1 it is a line of the output (``-`` for none).

The commands (run in the folder holding ``2017/``): import, validate, diff, fmt, new-edition, export, tasks (text, and
the xlsx and docx of every department, which meet Excel's sheet-name rules and Word's character rules), summary.
An edition new-edition says it created must have every file of one (its copy leaves nothing out).
``pytest tests/hostile --update-golden`` rewrites expected.txt from what the commands do (read it before committing).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.edition.load import DirectorySource, read_edition_files

if TYPE_CHECKING:
    from tests.conftest import CliResult, RunCli

HERE = Path(__file__).resolve().parent
CASES = sorted(p for p in (HERE / "cases").iterdir() if p.is_dir())
BASE = HERE.parent / "validate" / "cases" / "valid" / "baseline"
E = "2017"

COMMANDS: dict[str, list[str]] = {
    "import": ["import", f"{E}/source.txt", "--edition", E, "--out", E],
    "validate": ["validate", E],
    "diff": ["diff", "base", E],
    "fmt": ["fmt", E],
    "new-edition": ["new-edition", E, "2021"],
    "export": ["export", E, "--format", "json", "-o", "out.json"],
    "tasks": ["tasks", "区财政局", E],
    "tasks-xlsx": ["tasks", "--all", E, "--level", "all", "--format", "xlsx", "-o", "tasks.xlsx"],
    "tasks-docx": ["tasks", "--all", E, "--level", "all", "--format", "docx", "-o", "tasks.docx"],
    "summary": ["summary", E],
}
WRITERS = {"import", "fmt", "new-edition", "export", "tasks-xlsx", "tasks-docx"}  # may write when the input is
# fine (exit 0), as may a case's own export-* and tasks-* commands


def _make(root: Path, case: Path) -> None:
    edition = root / E
    shutil.copytree(BASE, edition, ignore=shutil.ignore_patterns("expected", "covers.txt"))
    shutil.copytree(BASE, root / "base", ignore=shutil.ignore_patterns("expected", "covers.txt"))
    outside = root / "outside.yaml"
    outside.write_text("secret: do-not-print\n", encoding="utf-8")
    for line in (case / "make.jsonl").read_text(encoding="utf-8").splitlines():
        action, rel, *args = json.loads(line)
        path = Path(os.path.normpath(edition / rel))
        if action == "replace-after":
            text = path.read_text(encoding="utf-8")
            at = text.index(args[0])
            path.write_text(text[:at] + text[at:].replace(args[1], args[2]), encoding="utf-8")
        elif action == "repeat":
            path.write_text(args[0] + args[1] * args[2] + "\n", encoding="utf-8")
        elif action == "tree":
            shutil.copytree(BASE, path, ignore=shutil.ignore_patterns("expected", "covers.txt"))
        elif action == "replace":
            text = path.read_text(encoding="utf-8")
            assert args[0] in text, (case.name, args[0])
            path.write_text(text.replace(args[0], args[1], 1), encoding="utf-8")
        elif action == "write":
            path.write_text(args[0], encoding="utf-8")
        elif action == "bytes":
            path.write_bytes(bytes.fromhex(args[0]))
        elif action == "encode":
            path.write_bytes(path.read_text(encoding="utf-8").encode(args[0]))
        elif action == "symlink":
            if path.exists() or path.is_symlink():
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
            path.symlink_to(args[0].replace("{outside}", str(outside)))
        elif action == "fifo":
            os.mkfifo(path)
        elif action == "remove":
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        elif action == "mkdir":
            path.mkdir()
        elif action == "huge":
            with path.open("a", encoding="utf-8") as out:
                line_text = "# " + "填充" * 40 + "\n"
                out.write(line_text * (args[0] // len(line_text.encode()) + 1))
        elif action == "chmod":
            path.chmod(int(args[0], 8))
        elif action == "lengthen":
            text = path.read_text(encoding="utf-8")
            assert args[0] in text, (case.name, args[0])
            old = args[0].removesuffix("\n")
            path.write_text(text.replace(old, old + args[1] * args[2], 1), encoding="utf-8")
        else:
            raise AssertionError(f"{case.name}: unknown action {action}")


def _commands(case: Path) -> dict[str, list[str]]:
    """The common commands and the case's own (commands.json)."""
    extra = case / "commands.json"
    own: dict[str, list[str]] = json.loads(extra.read_text(encoding="utf-8")) if extra.exists() else {}
    return {**COMMANDS, **own}


def _expected(case: Path) -> dict[str, tuple[int, str]]:
    commands = _commands(case)
    default: tuple[int, str] | None = None
    overrides: dict[str, tuple[int, str]] = {}
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        command, sep, rest = line.partition(": ")
        if sep and command in commands:
            code, _, message = rest.partition(" ")
            overrides[command] = (int(code), message)
        else:
            code, _, message = line.partition(" ")
            default = (int(code), message)
    assert default is not None, f"{case / 'expected.txt'} has no line for the other commands"
    return {command: overrides.get(command) or default for command in commands}


def _state(root: Path) -> dict[str, str]:
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                state[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                state[rel] = hashlib.sha1(path.read_bytes()).hexdigest()
            elif not path.is_dir():
                state[rel] = "special"
    return state


def _answer(result: CliResult, root: Path) -> tuple[int, str, list[str]]:
    """Exit code, stderr (for exit 2 and 3) or the first line of the output, and all output lines."""
    stderr, stdout = (text.replace(str(root), "{root}") for text in (result.stderr, result.stdout))
    lines = (stderr + stdout).splitlines()
    if result.exit_code in (2, 3):
        return result.exit_code, stderr.removesuffix("\n"), lines
    return result.exit_code, (lines[0] if lines else "-"), lines


def _accepts(expected: tuple[int, str], answer: tuple[int, str, list[str]]) -> bool:
    code, message = expected
    if answer[0] != code:
        return False
    if code == 2:
        return answer[1] == message
    return message == "-" or message in answer[2]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_hostile_case(case: Path, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      update_golden: bool) -> None:
    if (case / "root-skips").exists() and os.geteuid() == 0:
        pytest.skip("permissions do not stop root")
    expected = {} if update_golden else _expected(case)
    answers: dict[str, tuple[int, str, list[str]]] = {}
    failures = []
    for command, args in _commands(case).items():
        root = tmp_path / command
        root.mkdir()
        _make(root, case)
        before = _state(root)
        monkeypatch.chdir(root)
        result = run_cli(*args)
        answers[command] = _answer(result, root)
        assert result.exit_code != 3, f"{case.name} {command}: {result.stderr}"
        assert "do-not-print" not in result.stdout + result.stderr, f"{case.name} {command}"
        after = _state(root)
        assert not [rel for rel in after if rel.endswith((".tmp", ".old"))], f"{case.name} {command}: temp left"
        if result.exit_code != 0 or not (command in WRITERS or command.startswith(("export", "tasks-"))):
            assert after == before, f"{case.name} {command}: files changed"
        if command == "new-edition" and result.exit_code == 0:  # what it made must be an edition: all its files
            read_edition_files(DirectorySource(root / "2021"), "2021")
        if not update_golden and not _accepts(expected[command], answers[command]):
            failures.append(f"{command}: expected {expected[command]}, got {answers[command][:2]}")
    if update_golden:
        short = {command: answer[:2] for command, answer in answers.items()}
        common = max(sorted(set(short.values())), key=list(short.values()).count)  # ties: the first in order
        lines = [f"{common[0]} {common[1]}"] + [f"{command}: {code} {message}" for command, (code, message)
                                                in short.items() if (code, message) != common]
        (case / "expected.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert failures == []
