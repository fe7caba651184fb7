"""The architecture contracts of pyproject.toml ([tool.importlinter]), checked by import-linter on the real code:
the library never imports the CLI or click, and no package has an import cycle between its modules."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import qingdan

REPO = Path(__file__).resolve().parent.parent


def test_the_import_contracts_are_kept() -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_every_library_module_is_under_the_no_cli_contract() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    forbidden = next(c for c in config["contracts"] if c["type"] == "forbidden")
    library = {f"qingdan.{m.name}" for m in pkgutil.iter_modules(qingdan.__path__)} - {"qingdan.cli",
                                                                                       "qingdan.__main__"}
    assert set(forbidden["source_modules"]) == library
