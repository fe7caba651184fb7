"""Write edition YAML in the one canonical form: schema key order, safe quoting, one value per line.

The canonical form: keys in the order the schema lists them; two-space indentation, sequences indented under their
key; text on one line however long (Chinese has no spaces to wrap at, and one line per value keeps diffs small),
multi-line text as a literal block; Chinese never escaped; a string double-quoted exactly when a YAML 1.1 or 1.2
reader would otherwise take it for something else (8:2 is the number 482 to PyYAML; 2018-01-31 a date).
The texts are written by ``atomic.write_atomic`` (one file) or ``staging.write_all`` (an edition, all or none).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from ..core import resources
from ..core.records import frozen
from ..core.vocabulary import KeyPath
from .loading import compose
from .quoting import needs_escapes, needs_quotes

WIDTH = 100_000


def key_order(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """The schema of a node with its $ref resolved, whose ``properties`` give the canonical key order."""
    while "$ref" in schema:
        ref = schema["$ref"]
        schema = root["$defs"][ref.rsplit("/", 1)[-1]] | {k: v for k, v in schema.items() if k != "$ref"}
    return schema


def to_canonical(data: Any, schema: dict[str, Any] | None, root: dict[str, Any] | None = None) -> Any:
    """Plain data -> ruamel round-trip objects in canonical order and style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    root = root if root is not None else (schema or {})
    schema = key_order(schema, root) if schema else None
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
        if needs_escapes(data):  # U+2028 written raw would read back as a line break: escaped, double-quoted
            return DoubleQuotedScalarString(data)
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


# -- comments ---------------------------------------------------------------------------------------------------
# Canonical text is always written from plain data (``dumps``), so the data cannot drift; comments are carried over
# by position instead of through ruamel's CommentedMap. ruamel stores a comment line that stands above a key as the
# tail of the *previous* key's end-of-line comment, so reordering keys would move it to the wrong neighbour. Here a
# comment on a line of its own belongs to the node that follows it, an end-of-line comment to the last node that
# starts on its line, and each is written back beside that node wherever the canonical order puts it.



@frozen
class Comment:
    """One ``# …`` comment: 0-based line and column in its text, and whether it has its line to itself."""

    line: int
    column: int
    text: str
    own_line: bool


@frozen
class _Entry:
    line: int
    column: int
    path: KeyPath
    is_key: bool


@dataclass
class _Layout:
    """Where nodes start (keys and values, by path) and which character ranges belong to scalars."""

    entries: list[_Entry] = field(default_factory=list)
    scalars: list[tuple[int, int, int, int]] = field(default_factory=list)
    key_line: dict[KeyPath, int] = field(default_factory=dict)
    value_line: dict[KeyPath, int] = field(default_factory=dict)


def _layout(text: str) -> _Layout:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    layout = _Layout()

    def scalar_span(node: Any) -> None:
        start, end = node.start_mark, node.end_mark
        # A block scalar's header line may carry a comment; its content starts on the next line.
        line, column = (start.line + 1, 0) if node.style in ("|", ">") else (start.line, start.column)
        layout.scalars.append((line, column, end.line, end.column))

    def walk(node: Any, path: KeyPath) -> None:
        layout.entries.append(_Entry(node.start_mark.line, node.start_mark.column, path, False))
        layout.value_line[path] = node.start_mark.line
        if isinstance(node, MappingNode):
            for key, value in node.value:
                child = (*path, str(key.value))
                layout.entries.append(_Entry(key.start_mark.line, key.start_mark.column, child, True))
                layout.key_line[child] = key.start_mark.line
                scalar_span(key)
                walk(value, child)
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))
        elif isinstance(node, ScalarNode):
            scalar_span(node)

    root = compose(text, "<text>")  # the loader's own parser, so that what loads can be formatted
    if root is not None:
        walk(root, ())
    return layout


def _lines(text: str) -> list[str]:
    # the line breaks YAML counts (str.splitlines would also split at \x1c, \x0c and the like)
    return text.replace("\r\n", "\n").removesuffix("\n").split("\n")


def find_comments(text: str) -> list[Comment]:
    """Every comment in YAML ``text`` (which must parse), in order."""
    if "#" not in text:
        return []  # no comment can start anywhere: skip composing the text with the round-trip parser
    layout = _layout(text)
    lines = _lines(text)
    inside: dict[int, list[tuple[int, int]]] = {}
    for start_line, start_column, end_line, end_column in layout.scalars:
        for line in range(start_line, end_line + 1):
            low = start_column if line == start_line else 0
            high = end_column if line == end_line else len(lines[line]) + 1 if line < len(lines) else 0
            inside.setdefault(line, []).append((low, high))
    comments = []
    for number, line_text in enumerate(lines):
        for column, char in enumerate(line_text):
            if char != "#" or (column and line_text[column - 1] not in " \t"):
                continue
            if any(low <= column < high for low, high in inside.get(number, ())):
                continue
            own_line = not line_text[:column].strip()
            comments.append(Comment(number, column, line_text[column:].rstrip(), own_line))
            break
    return comments


def _owner(comment: Comment, entries: list[_Entry]) -> _Entry | None:
    """The node a comment belongs to: the next node for a comment line, the last on its line for an end comment."""
    def rank(entry: _Entry) -> tuple[int, int, int, bool]:
        return entry.line, entry.column, len(entry.path), entry.is_key

    if comment.own_line:
        after = [e for e in entries if e.line > comment.line]
        if not after:
            return None
        first = min((e.line, e.column) for e in after)
        # the deepest node starting there: a comment above "- id: x" is about that item's first key line
        return max((e for e in after if (e.line, e.column) == first), key=rank)
    before = [e for e in entries if (e.line, e.column) < (comment.line, comment.column)]
    return max(before, key=rank) if before else None


def _target_line(entry: _Entry, layout: _Layout) -> int:
    path, is_key = entry.path, entry.is_key
    while path and path not in layout.value_line:  # the node is gone (new-edition cleared it): use its parent
        path, is_key = path[:-1], True
    if is_key and path in layout.key_line:
        return layout.key_line[path]
    return layout.value_line.get(path, 0)


def keep_comments(original: str, canonical: str) -> str:
    """``canonical`` with the comments of ``original`` written beside the nodes they belong to."""
    comments = find_comments(original)
    if not comments:
        return canonical
    before = _layout(original)
    after = _layout(canonical)
    lines = _lines(canonical)
    leading: dict[int, list[str]] = {}
    trailing: dict[int, list[str]] = {}
    at_start: list[str] = []
    at_end: list[str] = []
    first_line = min((e.line for e in before.entries), default=0)
    for comment in comments:
        owner = _owner(comment, before.entries)
        if owner is None or (comment.own_line and comment.line < first_line):
            # a comment above everything is the file's header, and one below everything its footer: they stay so
            (at_start if owner is not None else at_end).append(comment.text)
            continue
        line = min(_target_line(owner, after), len(lines) - 1)
        (leading if comment.own_line else trailing).setdefault(line, []).append(comment.text)
    out: list[str] = list(at_start)
    for number, line_text in enumerate(lines):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" "))]  # a comment lines up with its node
        out.extend(indent + text for text in leading.get(number, ()))
        out.append("  ".join([line_text, *trailing.get(number, ())]))
    out.extend(at_end)
    return "\n".join(out) + "\n"


def dumps_keeping_comments(data: Any, kind: str | None, original: str) -> str:
    """Canonical YAML of ``data`` carrying the comments of ``original`` (the text ``data`` was loaded from)."""
    return keep_comments(original, dumps(data, kind))
