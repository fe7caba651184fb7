"""The architecture contracts of pyproject.toml ([tool.importlinter]), checked by import-linter on the real code:
the library never imports the CLI or click, the CLI reaches the library only through the front door (qingdan.api),
the renderers, i18n and errors, rules never import the writers or the importer, and no package has an import cycle
between its modules. A second check reads cli/*.py itself, so the front-door rule does not rest on one tool."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import qingdan

REPO = Path(__file__).resolve().parent.parent
CLI = REPO / "tools" / "qingdan" / "cli"

# What qingdan.cli may import from the library (docs/api.md says why): the front door, the renderers (the registry
# of export formats among them) and the language of its texts; and, from the package itself, its version. The
# exceptions and exit codes come through the front door too.
ALLOWED = {"qingdan.api", "qingdan.output.render", "qingdan.output.diff_render", "qingdan.output.changelog.render", "qingdan.output.render_tasks",
           "qingdan.output.render_history", "qingdan.output.render_conform", "qingdan.output.export", "qingdan.core.i18n"}
FROM_ROOT = {"api", "i18n", "__version__"}


def _config() -> dict[str, Any]:
    config: dict[str, Any] = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    importlinter: dict[str, Any] = config["tool"]["importlinter"]
    return importlinter


def _contract(name_starts: str) -> dict[str, Any]:
    return next(c for c in _config()["contracts"] if c["name"].startswith(name_starts))


def _library() -> set[str]:
    return {m.name for m in pkgutil.walk_packages(qingdan.__path__, "qingdan.")}


def test_the_import_contracts_are_kept() -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(_config()['contracts'])} kept, 0 broken." in done.stdout


def test_every_library_module_is_under_the_no_cli_contract() -> None:
    forbidden = _contract("The library imports neither")
    library = {f"qingdan.{m.name}" for m in pkgutil.iter_modules(qingdan.__path__)} - {"qingdan.cli",
                                                                                       "qingdan.__main__"}
    assert set(forbidden["source_modules"]) == library


def _matches(expression: str, module: str) -> bool:
    if expression.endswith(".*"):
        return module.rsplit(".", 1)[0] == expression[:-2]
    return module == expression


def test_the_front_door_contract_forbids_every_module_the_cli_may_not_import() -> None:
    contract = _contract("The CLI reaches the library")
    forbidden = contract["forbidden_modules"]
    allowed = ALLOWED | {"qingdan", "qingdan.__main__"}
    may_import = {m for m in _library() if m in allowed or m.startswith(("qingdan.cli", "qingdan.output.render.",
                                                                         "qingdan.output.diff_render.",
                                                                         "qingdan.output.changelog.render."))}
    unlisted = {m for m in _library() - may_import if not any(_matches(e, m) for e in forbidden)}
    assert unlisted == set(), "add these to the front-door contract's forbidden_modules in pyproject.toml"
    assert not {m for m in may_import if any(_matches(e, m) for e in forbidden)}


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
    if module.startswith("qingdan.cli"):
        return None
    if module == "qingdan":
        return None if set(names) <= FROM_ROOT else f"from qingdan import {', '.join(sorted(set(names) - FROM_ROOT))}"
    if module not in ALLOWED:
        return module
    submodules = {m.name for m in pkgutil.iter_modules([str(REPO / "tools" / Path(*module.split(".")))])} \
        if (REPO / "tools" / Path(*module.split(".")) / "__init__.py").is_file() else set()
    inner = set(names) & submodules  # from qingdan.output.export import task_sheets would be a way round the door
    return f"{module}.{sorted(inner)[0]}" if inner else None


def test_the_cli_imports_only_the_front_door_the_renderers_and_i18n() -> None:
    files = sorted(CLI.glob("*.py"))
    assert len(files) > 10
    refused = [f"{path.name}:{line}: {what}" for path in files for line, module, names in _imports(path)
               if (what := _refused(module, names)) is not None]
    assert refused == []


def test_the_import_check_sees_a_way_round_the_door(tmp_path: Path) -> None:
    # the checker itself: each of these would reach an internal module
    sneaky = tmp_path / "cmd_sneaky.py"
    sneaky.write_text("from ..loading import read_text\nimport qingdan.check.validation\nfrom ..export import task_sheets\n"
                      "from .. import edition\nfrom ..api import load\n", encoding="utf-8")
    assert [_refused(module, names) for _, module, names in _imports(sneaky)] == \
        ["qingdan.io.loading", "qingdan.check.validation", "qingdan.output.export.task_sheets", "from qingdan import edition", None]
