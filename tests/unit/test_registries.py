"""The format registries are one kind of registry (qingdan.core.registry): every module of each exports its object under
REGISTERED, annotated with (or built as) the registry's type so that mypy checks it; asking which formats there are
imports none of them; and no registry casts."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import qingdan
from qingdan.core.registry import ATTRIBUTE, Registry
from qingdan.output import diff_render
from qingdan.output.changelog import render as changelog_render
from qingdan.output.export import FORMATS as EXPORT_FORMATS
from qingdan.output.export import LOADABLE, ExportFormat, can_stream
from qingdan.output.render import FORMATS as VALIDATE_FORMATS

# each registry, and the type its modules' objects are declared as
REGISTRIES: dict[str, tuple[Registry[Any], str]] = {
    "validate": (VALIDATE_FORMATS, "Renderer"),
    "diff": (diff_render.FORMATS, "Renderer"),
    "changelog": (changelog_render.FORMATS, "ChangelogFormat"),
    "export": (EXPORT_FORMATS, "ExportFormat"),
}
CASES = [(kind, name) for kind, (registry, _type) in REGISTRIES.items() for name in registry]


def _declared_type(module: str) -> str:
    """The type REGISTERED is declared as in ``module``'s source: its annotation, or the class it is built from."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == ATTRIBUTE:
            return ast.unparse(node.annotation)
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == [ATTRIBUTE]:
            assert isinstance(node.value, ast.Call)
            return ast.unparse(node.value.func)
    raise AssertionError(f"{module} exports no {ATTRIBUTE}")


@pytest.mark.parametrize(("kind", "name"), CASES)
def test_every_format_module_exports_an_object_of_its_registrys_type(kind: str, name: str) -> None:
    registry, declared = REGISTRIES[kind]
    assert _declared_type(registry.module_name(name)) == declared
    entry = registry[name]
    assert entry is getattr(importlib.import_module(registry.module_name(name)), ATTRIBUTE)
    assert callable(entry) if declared == "Renderer" else type(entry).__name__ == declared


def test_the_names_that_say_what_a_format_can_do_agree_with_the_formats() -> None:
    assert tuple(name for name, entry in changelog_render.FORMATS.items()
                                                  if entry.write is not None) == changelog_render.FILE_FORMATS
    assert all((entry.render is None) == (name in changelog_render.FILE_FORMATS)
               for name, entry in changelog_render.FORMATS.items())
    formats: dict[str, ExportFormat] = dict(EXPORT_FORMATS.items())
    assert tuple(name for name, entry in formats.items() if entry.read is not None) == LOADABLE
    assert [name for name in formats if can_stream(name)] == ["json", "csv", "text"]


def test_listing_the_formats_imports_none_of_them() -> None:
    probe = ("import sys; from qingdan.output.export import FORMATS; from qingdan.output.render import FORMATS as V; "
             "print(list(FORMATS), 'csv' in FORMATS, list(V), "
             "sorted(m for m in sys.modules if m.endswith(('_format', '.text', '.github', '.sarif'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ("['json', 'csv', 'sqlite', 'datapackage', 'xlsx', 'docx', 'text'] True "
                                   "['text', 'json', 'github', 'sarif'] []")


def test_no_registry_casts() -> None:
    root = Path(qingdan.__file__).parent
    output = root / "output"
    modules = [root / "core" / "registry.py", output / "render" / "__init__.py", output / "diff_render" / "__init__.py",
               output / "changelog" / "render" / "__init__.py", output / "export" / "__init__.py",
               root / "check" / "rules" / "registry.py"]
    casts = [str(path) for path in modules for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and ast.unparse(node.func) in ("cast", "typing.cast")]
    assert casts == []
