"""The one module that reads YAML: plain data plus the source position of every node.

Edition files are loaded by composing ruamel.yaml's node tree and building plain JSON-like data ourselves, so that
every value keeps its line and column (for file:line:col findings), and so that what YAML would do silently becomes
visible: a duplicate key is recorded (never a silent overwrite), a bare date stays the text it was written as, and
constructs an edition never needs are refused before they can do harm (aliases, which allow "billion laughs"
expansion; merge keys; explicit tags, which some loaders turn into objects).

Composing uses ruamel.yaml's C parser (ruamel.yaml.clib, about 8 times faster than the pure-Python one on the
shipped edition: validate runs on every commit) and falls back to the pure-Python parser where the C extension
is not installed; both give the same nodes, marks and tags. The fast composer over the C parser's private hooks is
qingdan.io.yaml_fast, the only module that touches ruamel's internals. Another composer can replace ``_compose``
without changing callers.
"""

from __future__ import annotations

import functools
import gc
import math
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any, NamedTuple

from ..core.errors import EncodingError, InputError, UnreadableError, YamlSyntaxError
from ..core.i18n import N_, _, os_error
from ..core.model import Location
from ..core.records import frozen
from ..core.vocabulary import KeyPath
from . import yaml_fast

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
MAX_FILE_BYTES = 5 * 1024 * 1024
# The official source text is plain text, read whole, and holds one table row per service: its limit grows with the
# list (the shipped text is 48 KB for 87 services, about 0.6 KB a row) instead of the fixed cap of a YAML file.
SOURCE_BYTES_PER_SERVICE = 64 * 1024
# An edition document nests four levels deep; hostile input nests thousands deep to exhaust the stack.
MAX_DEPTH = 32
# The C parser composes recursively in C, where no RecursionError stops it: tens of thousands of levels (flow
# brackets, or block indicators such as "- - - -" on one line) crash the process. A pre-scan bounds the nesting
# from above (bracket depth plus the width of a line's leading indentation and indicators) before the parser runs;
# the bound is generous, since the builder refuses anything deeper than MAX_DEPTH anyway.
MAX_NESTING_BOUND = 1000


class paused_gc:  # a context manager, named as the function it stands for
    """Garbage collection paused while an edition is read, checked and built (``with paused_gc():``), and restored
    as it was on every way out.

    Loading makes hundreds of thousands of containers and no reference cycles, so the collector finds nothing to
    free, yet its passes over the growing heap cost a tenth of validating a large edition.
    """

    def __enter__(self) -> None:
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        if self.enabled:
            if not gc.get_freeze_count():
                # what was made while paused is taken as old, as it would have become: without this the first
                # collection after the pause walks every one of its containers (a tenth of a warm validate)
                gc.freeze()
                gc.unfreeze()
            gc.enable()


class NodeInfo(NamedTuple):
    """Where a value starts (1-based line and column), how a scalar was written, and where its key is.

    A named tuple rather than a frozen dataclass: the loader makes one per node, and a tuple is several times
    cheaper to build; fields, equality and immutability are the same.
    """

    line: int
    column: int
    style: str | None = None  # None for plain scalars, '"' or "'" for quoted, '|' or '>' for blocks
    tag: str | None = None
    key_line: int | None = None
    key_column: int | None = None


_new_info = tuple.__new__


@frozen
class Duplicate:
    path: KeyPath
    first_line: int
    line: int
    column: int


@frozen(slots=True)
class Document:
    """A loaded YAML file: its data, the position of each node by key path, and duplicate keys it had.

    Slotted, and its ``path`` made from its name only when asked for: a list of 100,000 services holds one per file.
    """

    file: Path | None  # the file's path where it differs from Path(display_path); see ``path``
    data: Any
    # every node's position by key path; parse_document fills it lazily (see _LazyNodes): a plain dict otherwise
    nodes: Mapping[KeyPath, NodeInfo] = field(default_factory=dict)
    duplicates: tuple[Duplicate, ...] = ()
    display_path: str | None = None

    @property
    def path(self) -> Path:
        return self.file if self.file is not None else Path(self.display_path or "")

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


def _compose_fast(text: str, name: str) -> Any:
    """Compose with the fast composer (qingdan.io.yaml_fast), or where it declines, the reference path."""
    node = yaml_fast.compose(text)
    return _compose(text, name) if node is yaml_fast.DECLINED else node


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
        problem = error.problem or error.context or _("YAML syntax error")
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        # the parser names the symptom, often lines late; the mistakes editors make are named at their own place
        context_mark = error.context_mark
        from .loading_hints import parser_problem, syntax_hint  # the error path only: its patterns cost start-up

        hint = syntax_hint(text, line, context_mark.line + 1 if context_mark is not None else None,
                           problem=error.problem or "", context=error.context or "", problem_column=column,
                           context_column=context_mark.column + 1 if context_mark is not None else None) \
            if line is not None else None
        if hint is not None:
            raise YamlSyntaxError(hint.message, path=name, line=hint.line, column=hint.column) from None
        raise YamlSyntaxError(_("YAML syntax error: {problem}").format(problem=parser_problem(problem)), path=name,
                              line=line, column=column) from None
    except YAMLError as error:
        raise YamlSyntaxError(_("YAML error: {problem}").format(problem=error).splitlines()[0], path=name) from None


def compose(text: str, name: str) -> Any:
    """The node tree of YAML ``text`` (None for an empty document), composed exactly as the loader composes it.

    writing.py locates comments with it: a second parser there could disagree with this one (ruamel's pure scanner
    refuses a tab inside a plain scalar that the C one, and the YAML spec, accept).
    """
    _check_text(text, name)
    return _compose(text, name)


class _Builder:
    def __init__(self, name: str) -> None:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        self.name = name
        self.nodes: dict[KeyPath, NodeInfo] = {}
        self.duplicates: list[Duplicate] = []
        self.seen: set[int] = set()
        self.kinds = MappingNode, SequenceNode, ScalarNode

    def refuse(self, node: Any, message: str) -> YamlSyntaxError:
        mark = node.start_mark
        return YamlSyntaxError(message, path=self.name, line=mark.line + 1, column=mark.column + 1)

    def build(self, node: Any, path: KeyPath, key_node: Any = None) -> Any:
        mapping_node, sequence_node, scalar_node = self.kinds
        tag = self.node_tag(node, len(path), key_node)
        mark = node.start_mark
        kind = type(node)
        key_mark = key_node.start_mark if key_node is not None else None
        # NodeInfo.__new__ is tuple.__new__: building one per node is the loader's largest cost after composing
        self.nodes[path] = _new_info(NodeInfo, (
            mark.line + 1, mark.column + 1,
            # the C composer writes a plain scalar's style as "", the pure one as None
            (node.style or None) if kind is scalar_node or isinstance(node, scalar_node) else None,
            tag,
            key_mark.line + 1 if key_mark is not None else None,
            key_mark.column + 1 if key_mark is not None else None,
        ))
        if kind is mapping_node or isinstance(node, mapping_node):
            result: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key, value in node.value:
                name = self.key(key)
                if name in result:
                    self.duplicates.append(Duplicate((*path, name), first_line[name],
                                                     key.start_mark.line + 1, key.start_mark.column + 1))
                    continue
                first_line[name] = key.start_mark.line + 1
                result[name] = self.build(value, (*path, name), key)
            return result
        if kind is sequence_node or isinstance(node, sequence_node):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if tag == _CORE + "str":
            if node.style == '"':
                self.check_escapes(node)
            return node.value
        return self.scalar(node, tag)

    def check_escapes(self, node: Any) -> None:
        """Refuse what a double-quoted scalar's escapes make that the text itself may not hold (see _unholdable)."""
        bad = _unholdable().search(node.value)
        if bad is not None:
            raise self.refuse(node, _character_refusal(bad.group()))

    def node_tag(self, node: Any, depth: int, key_node: Any = None) -> str:
        """A node's tag, after the refusals every node meets (the same in both builders): too deep, an alias, a tag
        other than the core schema's."""
        if depth > MAX_DEPTH:
            raise self.refuse(node, _("YAML nested more than {depth} levels deep").format(depth=MAX_DEPTH))
        if id(node) in self.seen:
            # an alias is the anchored node itself, so its mark is the anchor's; the key names the alias's line
            anchored = node.start_mark.line + 1
            raise self.refuse(key_node if key_node is not None else node,
                              _("YAML aliases (*name) are not allowed in edition files (anchor on line {line})")
                              .format(line=anchored))
        self.seen.add(id(node))
        # An anchor alone (&name) is harmless; the alias that repeats it is refused above. The C composer does
        # not keep anchors on nodes, so refusing anchors too would make behaviour depend on the installation.
        tag = yaml_fast.known_tag(node) or _tag(node)
        if tag not in _ALLOWED_TAGS:
            raise self.refuse(node, _("YAML tag {tag!r} is not allowed in edition files").format(tag=tag))
        return tag

    def key(self, key: Any) -> str:
        """A mapping key's text, refusing what an edition's keys may not be (the same in both builders)."""
        if not isinstance(key, self.kinds[2]):
            raise self.refuse(key, _("mapping keys must be plain text"))
        if key.style == '"':
            self.check_escapes(key)
        if key.value[:1] == "\u3000" or key.value[-1:] == "\u3000":
            # an ideographic space typed before a key at the start of a line makes it part of the key's name
            mark = key.start_mark
            from .loading_hints import key_hint

            hint = key_hint(key.value, mark.line + 1, mark.column + 1)
            if hint is not None:
                raise YamlSyntaxError(hint.message, path=self.name, line=hint.line, column=hint.column)
        tag = yaml_fast.known_tag(key) or _tag(key)
        if key.value == "<<" or tag == _CORE + "merge":
            raise self.refuse(key, _("YAML merge keys (<<) are not allowed in edition files"))
        if tag != _CORE + "str":
            # 123: or true: read as a number or a boolean; keeping them as text would let fmt quote them
            # ('123':) and so change the document. Edition keys are names: refuse anything else.
            raise self.refuse(key, _("mapping key {key!r} reads as a {kind}; keys must be text (quote it)").format(
                key=key.value, kind=tag.removeprefix(_CORE)))
        return str(key.value)

    def scalar(self, node: Any, tag: str) -> Any:
        """A non-text scalar's value, refusing what JSON and the schemas cannot hold (the same in both builders)."""
        value = _scalar(node, tag)
        # .nan and .inf are floats to YAML but not numbers to JSON (nor to check-jsonschema): an amount that is
        # "not a number" must never validate, export as NaN, or be quoted into text by fmt.
        if tag == _CORE + "float" and (not isinstance(value, float) or not math.isfinite(value)):
            raise self.refuse(node, _("{value!r} is not a finite number; quote it if it is meant as text").format(
                value=node.value))
        if tag == _CORE + "float" and value == 0 and re.search("[1-9]", re.split("[eE]", node.value)[0]):
            # 1e-400 is not zero, but a float cannot hold it: it would validate and export as 0.0
            raise self.refuse(node, _("{value!r} is too small to be held as a number (it would become 0); write 0 if "
                                      "zero is meant, or quote it if it is meant as text").format(value=node.value))
        if tag == _CORE + "int" and isinstance(value, str):
            raise self.refuse(node, _("integer too large ({length} characters; the limit is {limit} digits)").format(
                length=len(value), limit=sys.get_int_max_str_digits()))
        return value


class _HasDuplicates(Exception):
    """A mapping repeats a key: the document is built with every position, which records where."""


class _DataBuilder(_Builder):
    """The data alone, with the same checks in the same order as ``_Builder.build`` (so the same first error), but
    no key paths and no NodeInfo per node: most documents are clean, and their positions are only needed where a
    finding or a change points into them."""

    # A text scalar meets the same checks inline as through ``data`` (not too deep, no alias, its tag the core
    # schema's str: the fast resolver's one shared Tag), since most nodes are texts and a call per node is most of
    # the builder's cost; anything else (and a key that is not plain text) takes ``data`` and ``key``, which word
    # the refusals.

    def data(self, node: Any, depth: int, key_node: Any = None) -> Any:
        mapping_node, sequence_node, _ = self.kinds
        tag = self.node_tag(node, depth, key_node)
        kind = type(node)
        if kind is mapping_node or isinstance(node, mapping_node):
            return self.mapping(node, depth)
        if kind is sequence_node or isinstance(node, sequence_node):
            return self.sequence(node, depth)
        if tag == _CORE + "str":
            text = node.value
            if node.style == '"':
                self.check_escapes(node)
            return _SHARED_TEXTS.setdefault(text, text) if len(text) <= _SHARED_TEXT_LENGTH else text
        return self.scalar(node, tag)

    def mapping(self, node: Any, depth: int) -> dict[str, Any]:
        _, sequence_node, scalar_node = self.kinds
        seen, share, text_tag, inline = self.seen, _SHARED_TEXTS.setdefault, yaml_fast.made_tag(_CORE + "str"), \
            depth < MAX_DEPTH
        result: dict[str, Any] = {}
        for key, value in node.value:
            name = key.value
            if type(key) is not scalar_node or key.ctag is not text_tag or key.style == '"' or name == "<<" or \
                    name[:1] == "\u3000" or name[-1:] == "\u3000":
                name = self.key(key)
            name = share(name, name)
            if name in result:
                raise _HasDuplicates
            if inline and type(value) is scalar_node and value.ctag is text_tag and id(value) not in seen:
                seen.add(id(value))
                text = value.value
                if value.style == '"':
                    self.check_escapes(value)
                result[name] = share(text, text) if len(text) <= _SHARED_TEXT_LENGTH else text
                continue
            result[name] = self.data(value, depth + 1, key)
            if depth == 0 and (type(value) is sequence_node or isinstance(value, sequence_node)):
                self.known_items(name, value)
        return result

    def sequence(self, node: Any, depth: int) -> list[Any]:
        scalar_node = self.kinds[2]
        seen, share, text_tag, inline = self.seen, _SHARED_TEXTS.setdefault, yaml_fast.made_tag(_CORE + "str"), \
            depth < MAX_DEPTH
        result: list[Any] = []
        for item in node.value:
            if inline and type(item) is scalar_node and item.ctag is text_tag and id(item) not in seen:
                seen.add(id(item))
                text = item.value
                if item.style == '"':
                    self.check_escapes(item)
                result.append(share(text, text) if len(text) <= _SHARED_TEXT_LENGTH else text)
            else:
                result.append(self.data(item, depth + 1))
        return result

    def known_items(self, name: str, sequence: Any) -> None:
        """Record the position of each mapping in the top-level list ``name``, as ``_Builder.build`` would (a part,
        a waiver, a unit, an accepted change: the typed edition keeps their locations)."""
        mapping_node = self.kinds[0]
        share = _SHARED_POSITIONS.setdefault
        for index, item in enumerate(sequence.value):
            if type(item) is mapping_node or isinstance(item, mapping_node):
                mark = item.start_mark
                info = _new_info(NodeInfo, (
                    mark.line + 1, mark.column + 1, None, yaml_fast.known_tag(item) or _tag(item), None, None))
                path = (name, index)
                self.nodes[share(path, path)] = share(info, info)


# Keys and short texts (unit names, payers, field names, units of measure) repeat in every service file, and whole
# texts (a funding rule, a target group) in many; the two editions a diff compares share most of theirs, and the
# official text repeats every service's. One copy of each, instead of one per occurrence, is most of the data's
# memory on a list of 100,000 services. The table is bounded (emptied after a document that brings it over 200,000
# texts; no text longer than a paragraph), for a process that loads very many lists.
_SHARED_TEXT_LENGTH = 512
_SHARED_TEXTS: dict[str, str] = {}
# The same for the positions a document keeps without composing (its root's, its parts' and waivers'): service files
# of one list are laid out alike, so most key paths and positions are those of another file.
_SHARED_POSITIONS: dict[Any, Any] = {}


def shared_text(text: str) -> str:
    """The one copy of ``text`` the loader keeps (``text`` itself when it is the first, or too long to keep)."""
    return _SHARED_TEXTS.setdefault(text, text) if len(text) <= _SHARED_TEXT_LENGTH else text


class _LazyNodes(Mapping[KeyPath, NodeInfo]):
    """The positions of a document's nodes, found when first asked for by composing its text again.

    The root's position is known at once (every service's location is its root). Composing again gives the very
    nodes the data was built from: the same text through the same composer. Given ``reread``, the text is not held
    (on a large list the texts are a fifth of the memory) but read again when first needed, and composed only when
    it is the text the data was built from (the same hash); a file changed since is not composed, and
    its positions are those known (a finding then points at the service, not at its field).
    """

    __slots__ = ("_digest", "_known", "_name", "_nodes", "_reread", "_text")

    def __init__(self, text: str, name: str, known: Mapping[KeyPath, tuple[Any, ...]],
                 reread: Callable[[], str] | None = None) -> None:
        # the text, or how to read it again and the hash it had
        self._text = text if reread is None else None
        self._reread = reread
        self._digest = 0 if reread is None else hash(text)
        self._name = name
        # the positions known without composing again: the root and the top-level lists' items the data builder
        # recorded, or those the validation cache kept (as plain tuples: most are never asked for)
        self._known = known
        self._nodes: dict[KeyPath, NodeInfo] | None = None

    @property
    def composed(self) -> bool:
        return self._nodes is not None

    def _all(self) -> dict[KeyPath, NodeInfo]:
        if self._nodes is None:
            text = self._text if self._reread is None else self._read_again(self._reread, self._digest)
            if text is None:
                self._nodes = {path: found if isinstance(found, NodeInfo) else NodeInfo._make(found)
                               for path, found in self._known.items()}
            else:
                builder = _Builder(self._name)
                builder.build(_compose_fast(text, self._name), ())
                # kept for the document's lifetime: its key paths and positions are most often another file's
                if len(_SHARED_POSITIONS) > 200_000:
                    _SHARED_POSITIONS.clear()
                share = _SHARED_POSITIONS.setdefault
                self._nodes = {share(path, path): share(info, info) for path, info in builder.nodes.items()}
            self._text = self._reread = None
            self._known = {}
        return self._nodes

    @staticmethod
    def _read_again(reread: Callable[[], str], digest: int) -> str | None:
        """The text read again, or None where it cannot be read or is no longer the text the data was built from."""
        try:
            text = reread()
        except InputError:
            return None
        return text if hash(text) == digest else None

    def __getitem__(self, path: KeyPath) -> NodeInfo:
        if self._nodes is None and path in self._known:
            found = self._known[path]
            return found if isinstance(found, NodeInfo) else NodeInfo._make(found)
        return self._all()[path]

    def __contains__(self, path: object) -> bool:
        return (self._nodes is None and path in self._known) or path in self._all()

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


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
    return read_limited_text(path, MAX_FILE_BYTES, display=display, within=within)


def source_text_limit(services: int) -> int:
    """The size limit of an edition's source text: the YAML file cap, plus room for each service's table row."""
    return MAX_FILE_BYTES + SOURCE_BYTES_PER_SERVICE * services


def read_limited_text(path: Path, limit: int, *, display: str | None = None, within: Path | None = None,
                      keep_bom: bool = False) -> str:
    """``read_text`` with a size limit of ``limit`` bytes (the official source text scales it with the list)."""
    name = display or str(path)
    try:
        if within is not None and not path.resolve(strict=True).is_relative_to(within.resolve(strict=True)):
            raise UnreadableError(_("is a symbolic link to a file outside the edition folder; refusing to read it"),
                             path=name)
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableError(_("is a directory, expected a file"), path=name)
        if not stat.S_ISREG(mode):  # reading a FIFO would block forever, a device could be endless
            raise UnreadableError(_("is not a regular file (a FIFO, device or socket)"), path=name)
        with open(path, "rb") as handle:
            # read one byte more than the limit instead of trusting st_size, which a growing file can outrun
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            line = raw.count(b"\n") + 1
            raise UnreadableError(_("file is larger than {size} MiB (the limit is reached on this line)").format(
                size=f"{limit / (1024 * 1024):g}"), path=name, line=line)
    except FileNotFoundError:
        raise UnreadableError(_("no such file"), path=name) from None
    except PermissionError:
        raise UnreadableError(_("permission denied"), path=name) from None
    except RuntimeError:  # Path.resolve on a loop of links, on older Pythons
        raise UnreadableError(_("a loop of symbolic links"), path=name) from None
    except OSError as error:
        raise UnreadableError(os_error(error), path=name) from None
    return decode(raw, name, keep_bom=keep_bom)


# What the contained reader opens a file with: never through a link at its last step (the reader then takes the
# careful path), never blocking on a FIFO; where the system has no O_NOFOLLOW, every file takes the careful path.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_FAST_OPEN = hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_NONBLOCK") and os.sep == "/"

# What identifies one state of a file without reading it: its device, inode, size, and modification and change
# times in nanoseconds (see ContainedFolder.key). Any write changes the change time to "now", which no user tool can
# set back.
StatKey = tuple[int, int, int, int, int]


class ContainedFolder:
    """The files of one folder (an edition), each read only when it lies inside it: ``read_limited_text`` with
    ``within=root`` for every file, at the cost of one containment check per folder instead of two per file.

    The folder's real path is found once, and each subfolder's (``services/``) once; a file is then opened without
    following a link at its last step, so a plain file in a contained subfolder is contained. Everything else (a
    link, a missing or unreadable file, a folder, a FIFO, a file over the limit, a system without O_NOFOLLOW) is read
    by ``read_limited_text`` itself, which words the refusal: the answer never depends on which path read it.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._text = os.fspath(root)
        self._real: str | None = None
        self._inside: dict[str, bool] = {}
        self._heads: dict[str, bool] = {}  # by folder of a file, as the edition names it: whether it is inside

    def key(self, rel: str) -> StatKey | None:
        """The stat key of ``rel`` (``lstat``: device, inode, size, modification and change times in nanoseconds)
        when it is a regular file, no link, in a folder that lies inside this one: the file ``read`` would read
        without its careful path. None for anything else (a link, a folder, a missing file, a folder outside, a
        system without O_NOFOLLOW): such a file is to be read, and ``read`` words any refusal."""
        if not _FAST_OPEN:
            return None
        head = rel.rpartition("/")[0]
        inside = self._heads.get(head)
        if inside is None:  # once a folder (services/): where ``read`` checks dirname(join(root, rel))
            inside = self._heads[head] = self._contains(os.path.dirname(os.path.join(self._text, rel)))
        if not inside:
            return None
        try:
            info = os.lstat(f"{self._text}/{rel}")  # _FAST_OPEN: the separator is /
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)

    def _contains(self, folder: str) -> bool:
        inside = self._inside.get(folder)
        if inside is None:
            if self._real is None:
                self._real = os.path.realpath(self._text)
            real = os.path.realpath(folder)
            inside = self._inside[folder] = real == self._real or real.startswith(self._real.rstrip("/") + "/")
        return inside

    def read(self, rel: str, limit: int, display: str, *, keep_bom: bool = False) -> str:
        """The text of ``rel`` (a path relative to the folder, with /), shown as ``display`` in any refusal; with
        ``keep_bom``, a leading byte-order mark is kept (fmt shows the file as it is)."""
        path = os.path.join(self._text, rel)
        chunks = self._read_plain(path, limit) if _FAST_OPEN and self._contains(os.path.dirname(path)) else None
        if chunks is not None and len(chunks) <= 1:
            return decode(chunks[0] if chunks else b"", display, keep_bom=keep_bom)
        text = _decode_chunks(chunks) if chunks is not None else None
        if text is None:  # and where a large text is not UTF-8, the careful path words the refusal
            return read_limited_text(self.root / rel, limit, display=display, within=self.root, keep_bom=keep_bom)
        return text if keep_bom else text.removeprefix("\ufeff")

    @staticmethod
    def _read_plain(path: str, limit: int) -> list[bytes] | None:
        """The bytes of a regular file that is no link and within ``limit``, in pieces of at most a mebibyte (see
        _decode_chunks); None for anything else."""
        try:
            descriptor = os.open(path, _OPEN_FLAGS)
        except OSError:
            return None
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                return None
            chunks = []
            size = 0
            # the file's size and one byte to see its end: neither the whole limit nor a fixed floor, which would
            # be allocated for every file (a 64 KiB buffer per small file made a list's reads cost a third of its
            # parse once freed memory went back to the system); a file that says it is empty is read in 64 KiB
            want = min(info.st_size + 1, _DECODE_PIECE) if info.st_size else 1 << 16
            while size <= limit:  # read to the end, as read_limited_text does: never trust st_size
                chunk = os.read(descriptor, min(limit + 1 - size, want))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except OSError:
            return None
        finally:
            os.close(descriptor)
        return None if size > limit else chunks


# Decoding a text of Chinese characters whole holds three times its size in passing (the decoder widens its buffer
# to two bytes a character over the whole length): the official text of a list of 100,000 services is 53 MB. A text
# larger than this is decoded a piece at a time, then joined.
_DECODE_PIECE = 1 << 20


def decode(raw: bytes, name: str, *, keep_bom: bool = False) -> str:
    try:
        text = raw.decode("utf-8") if len(raw) <= _DECODE_PIECE else _decode_in_pieces(raw)
    except UnicodeDecodeError:
        text = None
    if text is not None:
        return text if keep_bom else text.removeprefix("\ufeff")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        # a file saved as GBK ("ANSI") or UTF-16 ("Unicode") by WPS or Notepad: say how to save it as UTF-8
        from .loading_hints import encoding_hint

        hint = encoding_hint(raw, error.start)
        raise EncodingError(hint or _("not valid UTF-8 text"), path=name, line=None if hint else line) from None
    raise AssertionError("a text that decodes in pieces decodes whole")  # pragma: no cover


def _decode_chunks(chunks: list[bytes]) -> str | None:
    """The UTF-8 text of ``chunks`` (emptied as it is decoded, so that the bytes and the text are not both held
    whole); None where it is not UTF-8."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    chunks.reverse()
    pieces = []
    try:
        while chunks:
            pieces.append(decoder.decode(chunks.pop()))
        pieces.append(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        return None
    return "".join(pieces)


def _decode_in_pieces(raw: bytes) -> str:
    """``raw.decode("utf-8")``, a piece at a time (a character cut between two pieces is joined by the decoder)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(raw)
    pieces = [decoder.decode(view[start:start + _DECODE_PIECE]) for start in range(0, len(raw), _DECODE_PIECE)]
    pieces.append(decoder.decode(b"", final=True))
    return "".join(pieces)


# What YAML may not contain (its c-printable set, inverted): NUL and other control characters. ruamel.yaml reports
# them without a position, so they are found here first, with their line and column. The Unicode line separators
# (U+0085 NEXT LINE, U+2028, U+2029) are printable to YAML but break lines in editors, diffs and exports, and a text
# cell cannot hold them: they are refused too. Written as the few ranges outside the printable set
# ([^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff], the same characters:
# tests/unit/test_loading.py compares them over every code point), which compile in 0.4 ms where the negated class
# takes 8 ms.
UNPRINTABLE = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
# What a double-quoted scalar's escapes can produce that the text itself may not hold: the characters above, a
# carriage return, and lone surrogates ("\ud800"), which no UTF-8 file, JSON export or spreadsheet can hold.
UNHOLDABLE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"


@functools.cache
def _unprintable() -> re.Pattern[str]:  # compiled on the first parse (a warm cached run parses nothing)
    return re.compile(UNPRINTABLE)


@functools.cache
def _unholdable() -> re.Pattern[str]:  # compiled on the first double-quoted scalar
    return re.compile(UNHOLDABLE)



_LINE_SEPARATORS = {"\x85": N_("next line"), "\u2028": N_("line separator"), "\u2029": N_("paragraph separator")}


def _character_refusal(character: str) -> str:
    """The message refusing ``character`` in edition text, with what to do about it."""
    code = f"U+{ord(character):04X}"
    if character in _LINE_SEPARATORS:
        return _("character {character} ({name}) is not allowed in edition text: it breaks lines in some programs "
                 "and not in others; use an ordinary line break (a block scalar, |) or remove it").format(
                     character=code, name=_(_LINE_SEPARATORS[character]))
    if "\ud800" <= character <= "\udfff":
        return _("{character} is half of a surrogate pair, not a character: no UTF-8 file can hold it; write the "
                 "character itself instead of its escape").format(character=code)
    return _("control character {character} is not allowed in YAML text").format(character=code)


_BRACKETS = r"[][{}\n]"  # patterns of the deep path only, compiled (and cached by re) when a file gets there
_LEADING = r"[ \t?:-]*"
_HALF_BOUND = MAX_NESTING_BOUND // 2
_DEEP_LEADING = re.compile(rf"^[ \t?:-]{{{_HALF_BOUND + 1}}}", re.MULTILINE)


def _check_nesting(text: str, name: str) -> None:
    """Refuse text nested too deeply for the C parser, before it sees it (see MAX_NESTING_BOUND).

    The bound over-counts (a bracket inside a quoted or plain scalar counts too), so it is far above MAX_DEPTH.
    """
    if len(text) <= MAX_NESTING_BOUND:
        return
    if text.count("[") + text.count("{") <= _HALF_BOUND and _DEEP_LEADING.search(text) is None:
        return  # the common case, for two counts and one search: brackets and indentation together within the bound
    depth = 0
    line, line_start = 1, 0
    leading = len(re.match(_LEADING, text).group())  # type: ignore[union-attr]
    column = None
    for match in re.finditer(_BRACKETS, text):
        character = match.group()
        if character == "\n":
            if leading > MAX_NESTING_BOUND:
                column = 1
                break
            line, line_start = line + 1, match.end()
            leading = len(re.compile(_LEADING).match(text, line_start).group())  # type: ignore[union-attr]
            continue
        depth = depth + 1 if character in "[{" else max(depth - 1, 0)
        if depth + leading > MAX_NESTING_BOUND:
            column = match.start() - line_start + 1
            break
    else:
        if leading > MAX_NESTING_BOUND:  # the last line
            column = 1
    if column is not None:
        raise YamlSyntaxError(_("YAML nested more than {depth} levels deep").format(depth=MAX_NESTING_BOUND),
                              path=name, line=line, column=column)


def parse_document(text: str, name: str, path: Path | None = None, *, reread: Callable[[], str] | None = None
                   ) -> Document:
    """Parse YAML text into a Document. Raises YamlSyntaxError with the line of the problem.

    ``reread`` reads the same file again: the document then does not hold its text for the positions it may be
    asked for later (see _LazyNodes), but reads it again when first asked, and uses it only if it is unchanged."""
    return _parse(text, name, path, fast=True, reread=reread)


def parse_document_reference(text: str, name: str, path: Path | None = None) -> Document:
    """``parse_document`` through ruamel's own composer only: the reference the fast path is tested against."""
    return _parse(text, name, path, fast=False)


def _check_text(text: str, name: str) -> None:
    """Refuse what no edition file may hold before any parser sees it: control characters, line separators, and
    nesting deep enough to crash the C parser."""
    bad = _unprintable().search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise YamlSyntaxError(_character_refusal(bad.group()), path=name, line=line, column=column)
    _check_nesting(text, name)


def _parse(text: str, name: str, path: Path | None, *, fast: bool, reread: Callable[[], str] | None = None
           ) -> Document:
    _check_text(text, name)
    try:
        node = _compose_fast(text, name) if fast else _compose(text, name)
    except RecursionError:  # the composers recurse once per nesting level
        raise YamlSyntaxError(_("YAML nested too deeply to parse"), path=name) from None
    if node is None:
        return Document(path, None, {}, (), name)
    if fast:
        data_builder = _DataBuilder(name)
        try:
            data = data_builder.data(node, 0)
        except _HasDuplicates:
            pass
        else:
            if len(_SHARED_TEXTS) > 200_000:
                _SHARED_TEXTS.clear()
            if len(_SHARED_POSITIONS) > 200_000:
                _SHARED_POSITIONS.clear()
            from ruamel.yaml.nodes import ScalarNode

            mark = node.start_mark
            style = (node.style or None) if isinstance(node, ScalarNode) else None
            root = NodeInfo(mark.line + 1, mark.column + 1, style, yaml_fast.known_tag(node) or _tag(node))
            data_builder.nodes[()] = _SHARED_POSITIONS.setdefault(root, root)
            return Document(path, data, _LazyNodes(text, name, data_builder.nodes, reread), (), name)
    builder = _Builder(name)
    data = builder.build(node, ())
    return Document(path, data, builder.nodes, tuple(builder.duplicates), name)


def load_document(path: Path, *, display: str | None = None) -> Document:
    """Read and parse one YAML file."""
    name = display or str(path)
    return parse_document(read_text(path, display=name), name, path)


def cached_document(text: str, name: str, path: Path | None, data: Any, root: tuple[Any, ...],
                    known: Mapping[KeyPath, tuple[Any, ...]]) -> Document:
    """The document of ``text`` whose data an earlier run built (the validation cache), with the positions that run
    kept (``known``); any other position is composed from ``text`` when first asked for, as for a document
    ``parse_document`` built."""
    return Document(path, data, _LazyNodes(text, name, {(): root, **known}), (), name)


def positions(document: Document, depth: int | None = None) -> dict[KeyPath, tuple[Any, ...]]:
    """The position of every node of ``document`` (at most ``depth`` keys deep, the root left out, when given) when
    they have been composed already (else none): what the validation cache keeps of a document a finding pointed
    into, so that a warm run composes it no more."""
    nodes = document.nodes
    if isinstance(nodes, _LazyNodes) and not nodes.composed:
        return {}
    return {key: tuple(info) for key, info in nodes.items() if depth is None or 0 < len(key) <= depth}


def ids_only(document: Document) -> Document:
    """``document`` with its data cut to its id: what is kept of a service file once its service is built (its
    positions, and how to read it again, to place a finding or a change)."""
    # made by its fields (dataclasses.replace costs several times more, once per file of a large list)
    return Document(file=document.file, data={"id": document.data["id"]}, nodes=document.nodes,
                    duplicates=document.duplicates, display_path=document.display_path)


def shallow_positions(document: Document) -> dict[KeyPath, tuple[Any, ...]]:
    """The positions of ``document``'s nodes at most two keys deep (a service's fields, its parts and waivers),
    when its nodes have been composed already (else none): what the validation cache keeps of them."""
    return positions(document, 2)
