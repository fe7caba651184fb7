"""The wheel ships the schemas and the shipped editions: built, installed into a fresh venv, and loaded by name there.

This test needs PyPI (the build backend and the runtime dependencies are installed from it); without network it
fails with a message saying so rather than being skipped, because CI has PyPI and a silent skip would hide a broken
wheel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds the wheel and installs it into a fresh virtual environment

CHECK = """
import json, qingdan
from qingdan.core import resources
edition = qingdan.load("2017")
assert len(edition.services) == 87, len(edition.services)
assert len(edition.service(52).parts) == 2
for kind in ("service", "edition", "units"):
    assert resources.schema(kind)["$id"].startswith("urn:qingdan:schema:")
exported = json.loads((resources.schema_dir() / "export.schema.json").read_text(encoding="utf-8"))
assert exported["$id"] == "urn:qingdan:schema:export:1.0"
print(resources.policies_dir(), len(edition.services))
"""


def _run(command: list[str], cwd: Path, what: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-4000:]
        network = any(word in output for word in ("Could not find a version", "NewConnectionError",
                                                  "Temporary failure in name resolution", "No matching distribution"))
        hint = " (PyPI looks unreachable: this test needs network access to PyPI)" if network else ""
        pytest.fail(f"{what} failed{hint}:\n{output}")
    return result


def test_every_package_folder_is_in_the_wheel_list(repo_root: Path) -> None:
    config = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(repo_root / "tools").parts)
             for p in (repo_root / "tools" / "qingdan").rglob("__init__.py")}
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"


def test_wheel_installs_and_loads_the_shipped_edition_by_name(repo_root: Path, tmp_path: Path) -> None:
    source = _mkdir(tmp_path / "src")  # build from a copy, so the checkout gets no build/ or egg-info folders
    for name in ("pyproject.toml", "README.md"):
        if (repo_root / name).exists():
            shutil.copy2(repo_root / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for folder in ("tools", "schema", "policies"):
        shutil.copytree(repo_root / folder, source / folder, ignore=ignore)
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)], source, "building the wheel")
    wheel = next(dist.glob("qingdan-*.whl"))

    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    python = env / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)], tmp_path,
         "installing the wheel and its dependencies from PyPI")
    # Run from an empty folder, so nothing from the checkout can be imported or found by accident.
    workdir = _mkdir(tmp_path / "elsewhere")
    result = _run([str(python), "-I", "-c", CHECK], workdir, "loading edition 2017 from the installed wheel")
    where, count = result.stdout.split()
    assert count == "87"
    assert Path(where).parts[-3:] == ("qingdan", "_data", "policies") and str(env) in where
    cli = _run([str(env / "bin" / "qingdan"), "summary", "2017"], workdir, "running the installed qingdan")
    assert "87 services" in cli.stdout
    # the compiled Chinese catalog is in the wheel and found after installation
    import zipfile

    assert "qingdan/locale/zh/LC_MESSAGES/qingdan.mo" in zipfile.ZipFile(wheel).namelist()
    chinese = _run([str(env / "bin" / "qingdan"), "--lang", "zh", "--help"], workdir,
                   "the installed qingdan in Chinese")
    assert "退出码" in chinese.stdout and "用法" in chinese.stdout


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
