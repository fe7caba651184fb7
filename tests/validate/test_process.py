"""Whole-process properties: validate imports neither the diff machinery nor deepdiff, nor the writers, the importer
or the exports (the front door qingdan.api imports them only when asked); what it imports at all is listed in
startup-imports.txt beside this file; and `python -m qingdan` runs it with the documented exit codes."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


LISTED = Path(__file__).with_name("startup-imports.txt")
# qingdan validate as the program runs it (cli/entry.py, which ends the process with os._exit), writing the modules
# it imported beyond what the interpreter, click and ruamel.yaml import themselves to the file named first
IMPORTS_PROBE = """
import os, sys
import click, ruamel.yaml
try:
    import _ruamel_yaml
except ImportError:
    pass
floor = set(sys.modules)
listing, exit_ = sys.argv[1], os._exit

def report(code):
    with open(listing, "w", encoding="utf-8") as out:
        out.write("\\n".join(sorted(set(sys.modules) - floor)))
    exit_(code)

os._exit = report
sys.argv = ["qingdan", "validate", "--no-cache", "policies/2017"]
from qingdan.cli.entry import main
main()
"""


def _listed() -> set[str]:
    lines = LISTED.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_validate_imports_only_the_listed_modules(repo_root: Path, tmp_path: Path, language: str) -> None:
    listing = tmp_path / "imported.txt"
    done = subprocess.run([sys.executable, "-c", IMPORTS_PROBE, str(listing)], cwd=repo_root, capture_output=True,
                          text=True, check=False, env={**os.environ, "QINGDAN_LANG": language})
    assert done.returncode == 0 and "policies/2017" in done.stdout.splitlines()[-1], done.stderr
    imported = set(listing.read_text(encoding="utf-8").splitlines())
    listed = _listed()
    assert sorted(imported - listed) == [], f"qingdan validate imports more than {LISTED.name} lists"
    ours = {module for module in listed if module.split(".")[0] == "qingdan"}
    assert sorted(ours - imported) == [], f"{LISTED.name} lists modules of qingdan that validate no longer imports"
    assert "qingdan.check.validation" in imported and "qingdan.cli.cmd_validate" in imported  # the probe saw the run


def test_the_import_listing_holds_no_command_but_validates_machinery() -> None:
    listed = _listed()
    assert not [module for module in listed if module.startswith(("qingdan.diff", "qingdan.edit.", "qingdan.cli.cmd_"))
                and module != "qingdan.cli.cmd_validate"]
    assert not {"qingdan.check.conformance", "qingdan.check.validation_cache", "qingdan.cli.wide_text", "inspect",
                "difflib", "importlib.util", "fnmatch", "shlex", "hashlib", "deepdiff", "jsonschema"} & listed


def test_python_m_qingdan_validate(repo_root: Path, tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "qingdan", "validate"], cwd=repo_root, capture_output=True,
                        text=True, check=False)
    assert ok.returncode == 0 and ok.stdout.splitlines()[-1].startswith("ok: 0 errors")
    missing = subprocess.run([sys.executable, "-m", "qingdan", "validate", str(tmp_path / "nope")],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stdout.startswith(str(tmp_path / "nope")) and " QD006  no such file or folder" in missing.stdout
