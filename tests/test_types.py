"""The strict type check passes: a plain `mypy` in the repository, configured by [tool.mypy] in pyproject.toml,
covers the library, the tests, the benchmarks and the scripts. CI runs the suite, so it checks the types too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_mypy_strict_passes_on_everything_it_is_configured_to_check() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found in "), done.stdout + done.stderr
