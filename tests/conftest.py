"""Fixtures shared by every layer of the suite: the real shipped edition, copies of it, and a CLI runner.

A test that uses run_cli annotates it with the RunCli protocol below, imported for the type checker only (the
conftest modules are not importable by name while the suite runs):

    if TYPE_CHECKING:
        from tests.conftest import RunCli
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest
from click.testing import CliRunner

from qingdan.core import i18n

REPO = Path(__file__).resolve().parent.parent
# The tests that need a large edition make it as the benchmark does, with bench/synth.py, imported as ``synth``.
sys.path.insert(0, str(REPO / "bench"))
SHIPPED = REPO / "policies" / "2017"
SOURCE_TEXT = SHIPPED / "source.txt"

# Golden output is English unless a test asks for another language: a developer's zh_CN locale must not change it.
# Subprocesses inherit this; a test of the language choice sets its own environment.
os.environ["QINGDAN_LANG"] = "en"
# validate's warm cache: one folder for the whole run (every test reads and writes it, as runs in a repository do),
# never the repository's .qingdan-cache or the user's; a test of the cache's location sets its own environment.
os.environ["QINGDAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="qingdan-test-cache-")
atexit.register(shutil.rmtree, os.environ["QINGDAN_CACHE_DIR"], ignore_errors=True)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """How many workers ``--numprocesses=auto`` (pyproject.toml) starts: one per core for the inner loop
    (``-m "not slow"``: small tests, independent of each other), none for any other selection, so the full suite's
    workflow tests (LibreOffice, a browser, timed interrupts, a kill harness, benchmarks) run one at a time."""
    inner_loop = " ".join(str(config.option.markexpr).split()) == "not slow"
    return (os.cpu_count() or 1) if inner_loop else 0


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that runs the CLI with --lang zh switches this process to Chinese: switch it back."""
    yield
    i18n.use("en")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite expected output files from the current behaviour instead of comparing.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shipped_edition() -> Path:
    """The real edition folder policies/2017 (read only: copy it before changing anything)."""
    return SHIPPED


@pytest.fixture
def edition_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped edition, at tmp_path/2017."""
    target = tmp_path / "2017"
    shutil.copytree(SHIPPED, target)
    return target


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


class RunCli(Protocol):
    """The run_cli fixture: qingdan's CLI with these arguments, optional standard input and extra environment."""

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> CliResult: ...


@pytest.fixture
def run_cli() -> RunCli:
    """Run the qingdan CLI in-process: no colour, stdout and stderr kept apart. Returns a CliResult."""
    from qingdan.cli.main import cli

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> CliResult:
        runner = CliRunner()
        result = runner.invoke(cli, list(args), input=input, env={"NO_COLOR": "1", **(env or {})},
                               color=False, catch_exceptions=True)
        exception = result.exception if not isinstance(result.exception, SystemExit) else None
        return CliResult(result.exit_code, result.stdout, result.stderr, exception)

    return run
