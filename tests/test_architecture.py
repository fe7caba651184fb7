"""The architecture contracts of pyproject.toml ([tool.importlinter]), checked by import-linter on the real code:
the package is a stack of layer packages (cli, api, output, check | edit, diff, edition, io, core), each importing
only the layers below it; the library never imports the CLI or click; the CLI reaches the library only through the
front door, the output layer and the core; no package has an import cycle between its modules. The contracts
name packages, so a new module needs no edit to pyproject.toml, but it must live in a layer package: a test here
says so. A second check reads cli/*.py itself, so the front-door rule does not rest on one tool."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import qingdan

REPO = Path(__file__).resolve().parent.parent
CLI = REPO / "tools" / "qingdan" / "cli"

# What qingdan.cli may import from the library (docs/architecture.md says why): the front door, the output layer
# (the renderers and the export registry) and the core's shared types and messages; from the package itself, its
# version.
ALLOWED_PREFIXES = ("qingdan.api", "qingdan.output", "qingdan.core", "qingdan.cli")
FROM_ROOT = {"api", "output", "core", "__version__"}


def _config() -> dict[str, Any]:
    config: dict[str, Any] = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    importlinter: dict[str, Any] = config["tool"]["importlinter"]
    return importlinter


def _contract(name_starts: str) -> dict[str, Any]:
    return next(c for c in _config()["contracts"] if c["name"].startswith(name_starts))


def _layers() -> list[str]:
    return [name.strip() for layer in _contract("Layers")["layers"] for name in layer.split("|")]


def test_the_import_contracts_are_kept() -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(_config()['contracts'])} kept, 0 broken." in done.stdout


def test_every_module_lives_in_a_layer() -> None:
    top = {f"qingdan.{m.name}" for m in pkgutil.iter_modules(qingdan.__path__)} - {"qingdan.__main__"}
    assert top == set(_layers()), "a new top-level module belongs in one of the layer packages"


def test_the_contracts_name_packages_not_modules() -> None:
    named = [module for contract in _config()["contracts"]
             for key in ("source_modules", "forbidden_modules") for module in contract.get(key, [])] + _layers()
    ours = [module for module in named if module.startswith("qingdan")]
    assert len(ours) > 10
    modules = [module for module in ours
               if not (REPO / "tools" / Path(*module.split("."))).is_dir() and module != "qingdan.api"]
    assert modules == []


def _imports(path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, absolute module, names imported from it) for every import of a qingdan module in ``path``."""
    package = "qingdan.cli"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.append((node.lineno, module, tuple(alias.name for alias in node.names)))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, ()) for alias in node.names]
    return [(line, module, names) for line, module, names in found if module.split(".")[0] == "qingdan"]


def _refused(module: str, names: tuple[str, ...]) -> str | None:
    if module == "qingdan":
        refused = set(names) - FROM_ROOT
        return f"from qingdan import {', '.join(sorted(refused))}" if refused else None
    return None if module.startswith(ALLOWED_PREFIXES) else module


def test_the_cli_imports_only_the_front_door_the_output_layer_and_the_core() -> None:
    files = sorted(CLI.glob("*.py"))
    assert len(files) > 10
    refused = [f"{path.name}:{line}: {what}" for path in files for line, module, names in _imports(path)
               if (what := _refused(module, names)) is not None]
    assert refused == []


def test_the_import_check_sees_a_way_round_the_door(tmp_path: Path) -> None:
    # the checker itself: each of these but the last would reach an internal layer
    sneaky = tmp_path / "cmd_sneaky.py"
    sneaky.write_text("from ..io.loading import read_text\nimport qingdan.check.validation\n"
                      "from ..edition import load\nfrom .. import edit\nfrom ..api import load\n", encoding="utf-8")
    assert [_refused(module, names) for _, module, names in _imports(sneaky)] == \
        ["qingdan.io.loading", "qingdan.check.validation", "qingdan.edition", "from qingdan import edit", None]


def test_the_architecture_page_names_files_that_exist_within_the_counts() -> None:
    # docs/architecture.md: every module it names exists, and adding a rule, an output format or an export format
    # touches at most 3, 3 and 4 files of the library
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = REPO / "tools" / "qingdan"
    named = re.findall(r"`((?:tools/qingdan/)?(?:core|io|edition|check|diff|edit|output|cli)/[\w/]+\.py)", text)
    assert len(named) > 20
    assert [path for path in named if not (REPO / path if path.startswith("tools/") else package / path).is_file()] \
        == []
    for heading, most in (("**A rule**", 3), ("**An output format of validate**", 3), ("**An export format**", 4)):
        section = text.split(heading, 1)[1].split("\n\n", 1)[0]
        files = re.findall(r"^- `(tools/qingdan/[^`]+)`", section, re.M)
        assert 0 < len(files) <= most, heading
