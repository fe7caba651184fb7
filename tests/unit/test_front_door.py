"""The front door is the package: ``import qingdan`` gives every name of ``qingdan.api`` (the very same objects, even
after every module of the library is imported), cheaply, and the type checker sees what the lazy table serves."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import qingdan
from qingdan import api

API = Path(api.__file__)


def test_every_public_name_is_the_packages_and_stays_so_when_every_module_is_imported() -> None:
    for module in pkgutil.walk_packages(qingdan.__path__, "qingdan."):
        if not module.name.startswith(("qingdan.cli", "qingdan.__main__")):
            importlib.import_module(module.name)
    # a submodule named like a public name would shadow it on the package once imported (qingdan.output.export did)
    shadowed = [name for name in api.__all__ if getattr(qingdan, name) is not getattr(api, name)]
    assert shadowed == []
    assert "load_edition" not in api.__all__ and not hasattr(qingdan, "load_edition")  # one name for loading


def test_the_lazy_table_and_what_the_type_checker_sees_agree() -> None:
    tree = ast.parse(API.read_text(encoding="utf-8"))
    checked = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) ==
                   "TYPE_CHECKING")
    imported = {alias.asname or alias.name: (f"qingdan{'.' if node.module else ''}{node.module or ''}", alias.name)
                for node in checked.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert imported == api._LAZY
    assert set(api._LAZY) <= set(api.__all__)
    for name, (module, attribute) in api._LAZY.items():
        assert getattr(api, name) is getattr(importlib.import_module(module), attribute), name


def test_importing_the_package_imports_nothing_else_of_it() -> None:
    # qingdan.core's package module only: it holds the version every layer reads
    probe = "import sys, qingdan; print(sorted(m for m in sys.modules if m.startswith('qingdan')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['qingdan', 'qingdan.core']"
