"""The one module that reads YAML: plain data plus the source position of every node.

Edition files are loaded by composing ruamel.yaml's node tree and building plain JSON-like data ourselves, so that
every value keeps its line and column (for file:line:col findings), and so that what YAML would do silently becomes
visible: a duplicate key is recorded (never a silent overwrite), a bare date stays the text it was written as, and
constructs an edition never needs are refused before they can do harm (aliases, which allow "billion laughs"
expansion; merge keys; explicit tags, which some loaders turn into objects).

Composing uses ruamel.yaml's C parser (ruamel.yaml.clib, about 8 times faster than the pure-Python one on the
shipped edition: validate runs on every commit) and falls back to the pure-Python parser where the C extension
is not installed; both give the same nodes, marks and tags. Another composer can replace ``_compose`` without
changing callers.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, YamlSyntaxError
from .model import Location

JsonPath = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
MAX_FILE_BYTES = 5 * 1024 * 1024
# An edition document nests four levels deep; hostile input nests thousands deep to exhaust the stack.
MAX_DEPTH = 32


@dataclass(frozen=True)
class NodeInfo:
    """Where a value starts (1-based line and column), how a scalar was written, and where its key is."""

    line: int
    column: int
    style: str | None = None  # None for plain scalars, '"' or "'" for quoted, '|' or '>' for blocks
    tag: str | None = None
    key_line: int | None = None
    key_column: int | None = None


@dataclass(frozen=True)
class Duplicate:
    path: JsonPath
    first_line: int
    line: int
    column: int


@dataclass(frozen=True)
class Document:
    """A loaded YAML file: its data, the position of each node by key path, and duplicate keys it had."""

    path: Path
    data: Any
    nodes: dict[JsonPath, NodeInfo] = field(default_factory=dict)
    duplicates: tuple[Duplicate, ...] = ()
    display_path: str | None = None

    @property
    def name(self) -> str:
        return self.display_path or str(self.path)

    def locate(self, path: Iterable[str | int] = (), *, key: bool = False) -> Location:
        """The location of the node at ``path``, or of its nearest ancestor that exists."""
        steps = tuple(path)
        probe = steps
        while probe not in self.nodes and probe:
            probe = probe[:-1]
        info = self.nodes.get(probe)
        if info is None:
            return Location(self.name, None, None, steps)
        if key and probe == steps and info.key_line is not None:
            return Location(self.name, info.key_line, info.key_column, steps)
        return Location(self.name, info.line, info.column, steps)


def _tag(node: Any) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag))


def _compose(text: str, name: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    # typ="safe" with pure=False picks the C parser when ruamel.yaml.clib is importable (the pure one otherwise).
    # Only composing is used: no Python object is ever constructed from the document.
    try:
        return YAML(typ="safe", pure=False).compose(text)
    except YAMLError:
        # libyaml scans YAML 1.1 and refuses some valid YAML 1.2 (a plain 8:2 inside a flow mapping); the
        # pure-Python parser decides, so that what loads never depends on the C extension being installed.
        pass
    try:
        return YAML(typ="safe", pure=True).compose(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "YAML syntax error"
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise YamlSyntaxError(f"YAML syntax error: {problem}", path=name, line=line, column=column) from None
    except YAMLError as error:
        raise YamlSyntaxError(f"YAML error: {error}".splitlines()[0], path=name) from None


def compose(text: str, name: str) -> Any:
    """The node tree of YAML ``text`` (None for an empty document), composed exactly as the loader composes it.

    writing.py locates comments with it: a second parser there could disagree with this one (ruamel's pure scanner
    refuses a tab inside a plain scalar that the C one, and the YAML spec, accept).
    """
    return _compose(text, name)


class _Builder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.nodes: dict[JsonPath, NodeInfo] = {}
        self.duplicates: list[Duplicate] = []
        self.seen: set[int] = set()

    def refuse(self, node: Any, message: str) -> YamlSyntaxError:
        mark = node.start_mark
        return YamlSyntaxError(message, path=self.name, line=mark.line + 1, column=mark.column + 1)

    def build(self, node: Any, path: JsonPath, key_node: Any = None) -> Any:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        if len(path) > MAX_DEPTH:
            raise self.refuse(node, f"YAML nested more than {MAX_DEPTH} levels deep")
        if id(node) in self.seen:
            # an alias is the anchored node itself, so its mark is the anchor's; the key names the alias's line
            anchored = node.start_mark.line + 1
            raise self.refuse(key_node if key_node is not None else node,
                              f"YAML aliases (*name) are not allowed in edition files (anchor on line {anchored})")
        self.seen.add(id(node))
        # An anchor alone (&name) is harmless; the alias that repeats it is refused above. The C composer does
        # not keep anchors on nodes, so refusing anchors too would make behaviour depend on the installation.
        tag = _tag(node)
        if tag not in _ALLOWED_TAGS:
            raise self.refuse(node, f"YAML tag {tag!r} is not allowed in edition files")
        mark = node.start_mark
        info = NodeInfo(
            mark.line + 1, mark.column + 1,
            # the C composer writes a plain scalar's style as "", the pure one as None
            style=(getattr(node, "style", None) or None) if isinstance(node, ScalarNode) else None,
            tag=tag,
            key_line=key_node.start_mark.line + 1 if key_node is not None else None,
            key_column=key_node.start_mark.column + 1 if key_node is not None else None,
        )
        self.nodes[path] = info
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key, value in node.value:
                if not isinstance(key, ScalarNode):
                    raise self.refuse(key, "mapping keys must be plain text")
                if _tag(key) == _CORE + "merge" or key.value == "<<":
                    raise self.refuse(key, "YAML merge keys (<<) are not allowed in edition files")
                if _tag(key) != _CORE + "str":
                    # 123: or true: read as a number or a boolean; keeping them as text would let fmt quote them
                    # ('123':) and so change the document. Edition keys are names: refuse anything else.
                    kind = _tag(key).removeprefix(_CORE)
                    raise self.refuse(key, f"mapping key {key.value!r} reads as a {kind}; keys must be text "
                                           "(quote it)")
                name = str(key.value)
                if name in result:
                    self.duplicates.append(Duplicate((*path, name), first_line[name],
                                                     key.start_mark.line + 1, key.start_mark.column + 1))
                    continue
                first_line[name] = key.start_mark.line + 1
                result[name] = self.build(value, (*path, name), key)
            return result
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        value = _scalar(node, tag)
        # .nan and .inf are floats to YAML but not numbers to JSON (nor to check-jsonschema): an amount that is
        # "not a number" must never validate, export as NaN, or be quoted into text by fmt.
        if tag == _CORE + "float" and (not isinstance(value, float) or not math.isfinite(value)):
            raise self.refuse(node, f"{node.value!r} is not a finite number; quote it if it is meant as text")
        if tag == _CORE + "int" and isinstance(value, str):
            raise self.refuse(node, f"integer too large ({len(value)} characters; the limit is "
                                    f"{sys.get_int_max_str_digits()} digits)")
        return value


def _scalar(node: Any, tag: str) -> Any:
    text = node.value
    if tag == _CORE + "null":
        return None
    if tag == _CORE + "bool":
        return text.lower() == "true"
    if tag == _CORE + "int":
        cleaned = text.replace("_", "")
        try:
            return int(cleaned, 0) if cleaned.lower().startswith(("0x", "0o", "0b")) else int(cleaned)
        except ValueError:
            return text
    if tag == _CORE + "float":
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    # timestamps (a bare 2018-01-31) stay the text as written; the schema checks their format.
    return text


def read_text(path: Path, *, display: str | None = None, within: Path | None = None) -> str:
    """Read a UTF-8 text file, turning every way it can fail into one InputError line.

    With ``within``, the file (after following symbolic links) must lie inside that folder: a link in an edition
    to a file elsewhere (a credentials file, say) is refused rather than read, printed in findings or copied.
    """
    import stat

    name = display or str(path)
    try:
        if within is not None and not path.resolve(strict=True).is_relative_to(within.resolve(strict=True)):
            raise InputError("is a symbolic link to a file outside the edition folder; refusing to read it",
                             path=name)
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory, expected a file", path=name)
        if not stat.S_ISREG(mode):  # reading a FIFO would block forever, a device could be endless
            raise InputError("is not a regular file (a FIFO, device or socket)", path=name)
        with open(path, "rb") as handle:
            # read one byte more than the limit instead of trusting st_size, which a growing file can outrun
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            line = raw.count(b"\n") + 1
            raise InputError(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB (the limit is reached on "
                             f"this line)", path=name, line=line)
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except RuntimeError:  # Path.resolve on a loop of links, on older Pythons
        raise InputError("a loop of symbolic links", path=name) from None
    except OSError as error:
        raise InputError(error.strerror or str(error), path=name) from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError("not valid UTF-8 text", path=name, line=line) from None
    return text.removeprefix("\ufeff")


# What YAML may not contain (its c-printable set, inverted): NUL and other control characters. ruamel.yaml reports
# them without a position, so they are found here first, with their line and column.
_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def parse_document(text: str, name: str, path: Path | None = None) -> Document:
    """Parse YAML text into a Document. Raises YamlSyntaxError with the line of the problem."""
    bad = _UNPRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise YamlSyntaxError(f"control character U+{ord(bad.group()):04X} is not allowed in YAML text",
                              path=name, line=line, column=column)
    try:
        node = _compose(text, name)
    except RecursionError:  # the composers recurse once per nesting level
        raise YamlSyntaxError("YAML nested too deeply to parse", path=name) from None
    if node is None:
        return Document(path or Path(name), None, {}, (), name)
    builder = _Builder(name)
    data = builder.build(node, ())
    return Document(path or Path(name), data, builder.nodes, tuple(builder.duplicates), name)


def load_document(path: Path, *, display: str | None = None) -> Document:
    """Read and parse one YAML file."""
    name = display or str(path)
    return parse_document(read_text(path, display=name), name, path)
