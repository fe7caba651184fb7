"""Whole-process properties: validate imports neither the diff machinery nor deepdiff, nor the writers, the importer
or the exports (the front door qingdan.api imports them only when asked), and `python -m qingdan` runs it with the
documented exit codes."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from qingdan.cli.main import cli
try:
    cli(["validate", "--format", "json"], prog_name="qingdan")
except SystemExit as exit:
    code = exit.code
heavy = sorted(m for m in sys.modules if m == "deepdiff" or m.startswith((
    "deepdiff.", "qingdan.diff", "qingdan.output.export", "qingdan.edit.importing", "qingdan.edit.formatting",
    "qingdan.io.writing", "qingdan.io.staging", "qingdan.io.atomic", "qingdan.edit.editing", "openpyxl", "docx")))
print(repr((code, heavy)), file=sys.stderr)
"""


def test_validate_does_not_import_the_diff_machinery(repo_root: Path) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=repo_root, capture_output=True, text=True, check=False)
    code, heavy = ast.literal_eval(done.stderr.strip().splitlines()[-1])
    assert (code, heavy) == (0, [])
    assert json.loads(done.stdout)["ok"] is True


def test_python_m_qingdan_validate(repo_root: Path, tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "qingdan", "validate"], cwd=repo_root, capture_output=True,
                        text=True, check=False)
    assert ok.returncode == 0 and ok.stdout.splitlines()[-1].startswith("ok: 0 errors")
    missing = subprocess.run([sys.executable, "-m", "qingdan", "validate", str(tmp_path / "nope")],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stdout.startswith(str(tmp_path / "nope")) and " QD006  no such file or folder" in missing.stdout
