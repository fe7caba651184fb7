"""Ctrl-C at any moment of a real process: one line on stderr, exit 130, no traceback, no half-written file.

Each case runs the installed ``qingdan`` command and sends it SIGINT at a moment it announces itself: Python's
import-time report (PYTHONPROFILEIMPORTTIME, one stderr line per module as it finishes loading) says when click,
the command's module or a library module has loaded, so the signal lands while the start-up imports are still
going on, while the command loads, or while it works; a temporary file appearing beside the output says that the
write has begun. Those report lines are left out when stderr is read. A run the signal reaches after its work is
done may exit as it would have (0), with its output whole; every early moment must give 130.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to another process is POSIX's")]

QINGDAN = Path(sys.executable).parent / "qingdan"
LINE = "qingdan: interrupted (Ctrl-C); no file was left half-written"


@dataclass(frozen=True)
class Run:
    code: int
    stderr: list[str]


def _interrupt(args: list[str], cwd: Path, when: Callable[[str], bool]) -> Run:
    """Run qingdan ``args``; send SIGINT when ``when`` holds for an import report line (or, for a line "", at any
    moment polled in between), then wait for the process to end."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1", "QINGDAN_LANG": "en", "NO_COLOR": "1"}
    with subprocess.Popen([str(QINGDAN), *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          # a test runner started in the background may ignore SIGINT; the child must not
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) as process:
        stream = process.stderr
        assert stream is not None
        lines: queue.Queue[str | None] = queue.Queue()

        def read() -> None:
            for line in stream:
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        said: list[str] = []
        sent = False
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.002)
            except queue.Empty:
                line = ""
            if line is None:
                break
            if line:
                said.append(line)
            if not sent and when(line):
                process.send_signal(signal.SIGINT)
                sent = True
        code = process.wait(timeout=60)
        reader.join(timeout=10)
    assert sent, "the moment never came: " + "".join(said[-3:])
    while not lines.empty() and (rest := lines.get_nowait()) is not None:
        said.append(rest)
    return Run(code, [line for line in said if not line.startswith("import time:")])


def _loaded(module: str) -> Callable[[str], bool]:
    return lambda line: line.startswith("import time:") and line.rsplit("|", 1)[-1].strip() == module


def _appears(folder: Path, pattern: str) -> Callable[[str], bool]:
    return lambda line: any(folder.glob(pattern))


def _assert_interrupted(run: Run) -> None:
    assert run.code == 130, run.stderr
    assert run.stderr == [LINE + "\n"]


def _assert_clean(run: Run, folder: Path, output: Path, whole: Callable[[bytes], bool]) -> None:
    """Exit 130 and one line, or (reached after the work) exit 0; either way no temporary and no partial output."""
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    if run.code == 0:
        assert run.stderr == [] and whole(output.read_bytes())
    else:
        _assert_interrupted(run)
        assert not output.exists()


# Modules the start-up loads (an import by importlib.import_module, such as a command's module, is not reported)
START_UP = ["click", "click.core", "qingdan.api", "qingdan.cli.main"]


@pytest.mark.parametrize("module", [*START_UP, "qingdan.cli.options", "qingdan.io.loading", "qingdan.check.rules",
                                    "qingdan.edition.schema_fast"])
def test_validate_interrupted(module: str, tmp_path: Path, repo_root: Path) -> None:
    output = tmp_path / "report.json"
    # --no-cache: the schema check of a cold run (a warm one never loads schema_fast)
    run = _interrupt(["validate", "2017", "--no-cache", "--format", "json", "-o", str(output)], repo_root,
                     _loaded(module))
    _assert_interrupted(run)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("moment", ["qingdan.output.export", "qingdan.check.validation",
                                    "qingdan.output.official_layout", "xlsxwriter", "writing"])
def test_export_interrupted(moment: str, tmp_path: Path, repo_root: Path) -> None:
    output = tmp_path / "清单.xlsx"
    when = _appears(tmp_path, ".清单.xlsx.*.tmp") if moment == "writing" else _loaded(moment)
    run = _interrupt(["export", "2017", "--format", "xlsx", "-o", str(output)], repo_root, when)
    _assert_clean(run, tmp_path, output, lambda data: data.startswith(b"PK") and b"xl/workbook.xml" in data)
    if moment != "writing":
        _assert_interrupted(run)


def _unformatted(tmp_path: Path, shipped_edition: Path, name: str) -> Path:
    """A copy of the shipped edition whose service files end in two blank lines, which fmt removes."""
    edition = tmp_path / name / "2017"
    shutil.copytree(shipped_edition, edition)
    for path in (edition / "services").glob("*.yaml"):
        path.write_bytes(path.read_bytes() + b"\n\n")
    return edition


@pytest.mark.parametrize("moment", ["qingdan.cli.options", "qingdan.edition.load", "qingdan.edit.formatting",
                                    "writing"])
def test_fmt_interrupted(moment: str, tmp_path: Path, shipped_edition: Path) -> None:
    before = _unformatted(tmp_path, shipped_edition, "before")
    expected = _unformatted(tmp_path, shipped_edition, "expected")
    assert subprocess.run([str(QINGDAN), "fmt", "-q", str(expected)], check=False).returncode == 0
    edition = _unformatted(tmp_path, shipped_edition, "run")
    services = edition / "services"
    when = _appears(services, ".*.tmp") if moment == "writing" else _loaded(moment)
    run = _interrupt(["fmt", "-q", str(edition)], tmp_path, when)
    assert run.code in (0, 130) and not [line for line in run.stderr if line != LINE + "\n"]
    if moment != "writing":
        _assert_interrupted(run)
    # every file is whole: as it was, or as fmt writes it (a run stopped between two renames is completed by the
    # next run, see staging.write_all); no temporary is left
    for path in edition.rglob("*"):
        assert not path.name.endswith(".tmp"), path
        if path.is_file() and path.suffix == ".yaml":
            relative = path.relative_to(edition)
            assert path.read_bytes() in ((before / relative).read_bytes(), (expected / relative).read_bytes())
