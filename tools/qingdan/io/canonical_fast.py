"""The canonical YAML text of plain data, written directly for the shapes edition files have; ``None`` otherwise.

``writing.dumps`` goes through ruamel's round-trip representer and pure-Python emitter: exact, but on a large
edition most of ``qingdan fmt --check``'s time, spent mostly on files that are already canonical. This writer
produces the same text for the values it knows how to write — block mappings and sequences, plain text it can tell
is safe plain, double-quoted ASCII text, literal blocks, whole numbers, simple decimals, booleans and null — and
gives up (``None``) on anything else, where the caller uses ``writing.dumps``. It is only used to recognise a file
that is already canonical: tests compare it with ``writing.dumps`` on every document of the repository.
"""

from __future__ import annotations

import re
from typing import Any

from ..core import resources
from .quoting import needs_quotes
from .writing import key_order

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+\Z")
_DOUBLE_QUOTABLE = re.compile(r"[ -~]*\Z")  # printable ASCII; '"' and '\' are excluded below
# ASCII characters allowed anywhere in a plain scalar this writer emits; every other ASCII character (indicators such
# as : # , [ ] { } & * ! | > ' " % @ `) makes it give up. Non-ASCII text is checked separately.
_PLAIN_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .()/+=_;~^$%-,'")
_SINGLE_QUOTED_FIRST = frozenset("%@`")
_PLAIN_FIRST_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789(")


class _GiveUp(Exception):
    pass


def _safe_unicode(char: str) -> bool:
    code = ord(char)
    # printable, not a line break YAML knows (U+0085, U+2028, U+2029), not a byte-order mark, not a surrogate
    return (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029)) or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)


# the printable non-ASCII characters _safe_unicode accepts, as a character class (one regex scan per text instead of
# a Python call per character: most of fmt --check's time on a large edition)
_SAFE_UNICODE_CLASS = "\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
_UNSAFE = re.compile("[^" + re.escape("".join(sorted(_PLAIN_ASCII))) + ":" + _SAFE_UNICODE_CLASS + "]")
_UNSAFE_IN_BLOCK = re.compile("[^ -~" + _SAFE_UNICODE_CLASS + "]")


def _safe(text: str) -> bool:
    """Only characters this writer lets through unquoted: the ASCII ones above, printable non-ASCII ones, and a
    colon that is neither last nor followed by a space (8:2 inside Chinese text stays plain)."""
    return _UNSAFE.search(text) is None and ": " not in text and not text.endswith(":") and \
        " " not in (text[0], text[-1])


def _plain(text: str) -> bool:
    if text[0] not in _PLAIN_FIRST_ASCII and (text[0] < "\x80" or not _safe_unicode(text[0])):
        return False
    return _safe(text)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if _FLOAT.match(text):
            return text
        raise _GiveUp
    if isinstance(value, str):
        if "\n" in value:
            raise _GiveUp  # literal blocks are written by the caller
        if needs_quotes(value):
            if _DOUBLE_QUOTABLE.match(value) and '"' not in value and "\\" not in value:
                return f'"{value}"'
            raise _GiveUp
        if not value:
            raise _GiveUp
        if _plain(value):
            return value
        if value[0] in _SINGLE_QUOTED_FIRST and (len(value) == 1 or _safe(value[1:])):
            return f"'{value}'"  # a leading indicator (% @ `) is why ruamel quotes it, in single quotes
    raise _GiveUp


def _literal(value: str, indent: int) -> list[str]:
    lines = value.split("\n")
    if value.endswith("\n") or not lines[0] or any(
            not line or line[0] == " " or line[-1] in " \t" or not _plain_block_line(line) for line in lines):
        raise _GiveUp
    return ["|-", *(" " * indent + line for line in lines)]


def _plain_block_line(line: str) -> bool:
    return _UNSAFE_IN_BLOCK.search(line) is None


class _Writer:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.out: list[str] = []

    def props(self, schema: dict[str, Any] | None) -> tuple[dict[str, Any], Any]:
        if not schema:
            return {}, None
        schema = key_order(schema, self.root)
        return schema.get("properties", {}), schema.get("items")

    def ordered(self, data: dict[str, Any], schema: dict[str, Any] | None) -> list[tuple[str, Any, Any]]:
        props, _ = self.props(schema)
        order = [k for k in props if k in data] + sorted(k for k in data if k not in props)
        for key in order:
            if not isinstance(key, str) or not _KEY.match(key):
                raise _GiveUp
        return [(key, data[key], props.get(key)) for key in order]

    def mapping(self, data: dict[str, Any], schema: dict[str, Any] | None, indent: int, first_prefix: str | None
                ) -> None:
        """A block mapping at ``indent``; its first line starts with ``first_prefix`` (a sequence dash) if given."""
        if not data:
            raise _GiveUp
        for index, (key, value, sub) in enumerate(self.ordered(data, schema)):
            head = (first_prefix if index == 0 and first_prefix is not None else " " * indent) + key + ":"
            self.value(head, value, sub, indent)

    def value(self, head: str, value: Any, schema: Any, indent: int) -> None:
        if isinstance(value, dict):
            self.out.append(head)
            self.mapping(value, schema, indent + 2, None)
        elif isinstance(value, list) and not value:
            self.out.append(f"{head} []")  # as ruamel writes an empty sequence: in flow style
        elif isinstance(value, list):
            self.out.append(head)
            self.sequence(value, schema, indent + 2)
        elif isinstance(value, str) and "\n" in value:
            literal = _literal(value, indent + 2)
            self.out.append(f"{head} {literal[0]}")
            self.out.extend(literal[1:])
        else:
            self.out.append(f"{head} {_scalar(value)}")

    def sequence(self, data: list[Any], schema: Any, indent: int) -> None:
        if not data:
            raise _GiveUp
        _, items = self.props(schema) if isinstance(schema, dict) else ({}, None)
        for item in data:
            dash = " " * indent + "- "
            if isinstance(item, dict):
                self.mapping(item, items, indent + 2, dash)
            elif isinstance(item, (list, str)) and (isinstance(item, list) or "\n" in item):
                raise _GiveUp
            else:
                self.out.append(dash + _scalar(item))


def canonical_text(data: Any, kind: str | None) -> str | None:
    """``writing.dumps(data, kind)`` for the shapes this writer knows, or None (then use ``writing.dumps``)."""
    if not isinstance(data, dict):
        return None
    schema = resources.schema(kind) if kind else None
    writer = _Writer(schema or {})
    try:
        writer.mapping(data, schema, 0, None)
    except _GiveUp:
        return None
    return "\n".join(writer.out) + "\n"
