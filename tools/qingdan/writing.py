"""Write edition YAML in the one canonical form: schema key order, safe quoting, one value per line.

The canonical form: keys in the order the schema lists them; two-space indentation, sequences indented under their
key; text on one line however long (Chinese has no spaces to wrap at, and one line per value keeps diffs small),
multi-line text as a literal block; Chinese never escaped; a string double-quoted exactly when a YAML 1.1 or 1.2
reader would otherwise take it for something else (8:2 is the number 482 to PyYAML; 2018-01-31 a date).
Writes are atomic: a temporary file in the same folder, then a rename.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from . import resources

WIDTH = 100_000


def _resolvers() -> tuple[Any, Any]:
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver(version=(1, 1)), VersionedResolver(version=(1, 2))


_RESOLVERS: tuple[Any, Any] | None = None


def needs_quotes(text: str) -> bool:
    """True when a plain scalar ``text`` would not load as that string in YAML 1.1 or YAML 1.2."""
    global _RESOLVERS
    from ruamel.yaml.nodes import ScalarNode

    if _RESOLVERS is None:
        _RESOLVERS = _resolvers()
    if text == "" or text != text.strip():
        return True
    for resolver in _RESOLVERS:
        tag = resolver.resolve(ScalarNode, text, (True, False))
        if str(getattr(tag, "value", tag)) != "tag:yaml.org,2002:str":
            return True
    return False


def _key_order(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        ref = schema["$ref"]
        schema = root["$defs"][ref.rsplit("/", 1)[-1]] | {k: v for k, v in schema.items() if k != "$ref"}
    return schema


def to_canonical(data: Any, schema: dict[str, Any] | None, root: dict[str, Any] | None = None) -> Any:
    """Plain data -> ruamel round-trip objects in canonical order and style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    root = root if root is not None else (schema or {})
    schema = _key_order(schema, root) if schema else None
    if isinstance(data, dict):
        props: dict[str, Any] = (schema or {}).get("properties", {})
        order = [k for k in props if k in data] + sorted(k for k in data if k not in props)
        mapping = CommentedMap()
        for key in order:
            mapping[key] = to_canonical(data[key], props.get(key), root)
        return mapping
    if isinstance(data, list):
        items = (schema or {}).get("items")
        return CommentedSeq(to_canonical(item, items, root) for item in data)
    if isinstance(data, str):
        if "\n" in data:
            return LiteralScalarString(data)
        if needs_quotes(data):
            return DoubleQuotedScalarString(data)
        return data
    return data


def make_yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = False
    # An empty cell is written as an explicit null, which reads better than a key with nothing after it.
    yaml.representer.add_representer(
        type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def dumps(data: Any, kind: str | None) -> str:
    """Canonical YAML text of plain ``data`` for a document of ``kind`` (service, edition, units)."""
    schema = resources.schema(kind) if kind else None
    stream = io.StringIO()
    make_yaml().dump(to_canonical(data, schema), stream)
    return stream.getvalue()


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
