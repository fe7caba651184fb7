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

import functools
import math
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..core.errors import InputError, YamlSyntaxError
from ..core.i18n import N_, _, os_error
from ..core.model import Location
from ..core.vocabulary import KeyPath

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


@dataclass(frozen=True)
class Duplicate:
    path: KeyPath
    first_line: int
    line: int
    column: int


@dataclass(frozen=True)
class Document:
    """A loaded YAML file: its data, the position of each node by key path, and duplicate keys it had."""

    path: Path
    data: Any
    # every node's position by key path; parse_document fills it lazily (see _LazyNodes): a plain dict otherwise
    nodes: Mapping[KeyPath, NodeInfo] = field(default_factory=dict)
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


# -- the fast composer -------------------------------------------------------------------------------------------
# ``YAML(typ="safe").compose`` builds a YAML object per call (with a glob for plug-ins) and resolves every plain
# scalar through ruamel's VersionedResolver, which looks up the YAML version of the stream three attributes deep on
# every call: on a large edition that costs more than composing. The C parser (a Cython class) composes the whole
# node tree itself and asks ``self.resolve`` for each node's tag, so a subclass with a resolver that answers the
# common case directly gives the same nodes at a fraction of the cost. The answer is exact: YAML 1.2's implicit
# resolvers are keyed by a scalar's first character, so a plain scalar whose first character has none (Chinese text,
# most names) is a string, and so is one with any non-ASCII character (every implicit resolver's pattern is ASCII,
# so 1000元 cannot be a number); every other one is resolved by ruamel's own resolver for YAML 1.2 (memoised: the
# tag depends only on the text). A stream with a %YAML directive, or one the C parser refuses, takes the reference
# path (``_compose``) so that behaviour never depends on this shortcut.

_FAST: Any = None  # (loader class, YAMLError) once built; False where the C parser is not installed


def _fast_loader() -> Any:
    global _FAST
    if _FAST is None:
        try:
            from _ruamel_yaml import CParser  # type: ignore[import-not-found]
        except ImportError:  # pragma: no cover - depends on the installation
            _FAST = False
            return _FAST
        from ruamel.yaml.error import YAMLError
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
        from ruamel.yaml.resolver import VersionedResolver

        reference = VersionedResolver(version=(1, 2))
        table = reference.versioned_resolver
        exact_keys = frozenset(key for key in table if key is not None)
        everything = None in table  # a resolver for any first character: always ask the reference resolver
        defaults = {ScalarNode: _shared_tag(_CORE + "str"), SequenceNode: _shared_tag(_CORE + "seq"),
                    MappingNode: _shared_tag(_CORE + "map")}
        memo: dict[str, Any] = {}

        class Loader(CParser):  # type: ignore[misc]
            def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
                if kind is ScalarNode and implicit[0] and value.isascii() and \
                        (everything or (value[:1] if value else "") in exact_keys):
                    tag = memo.get(value)
                    if tag is None:
                        tag = _shared_tag(_tag_text(reference.resolve(kind, value, implicit)))
                        if len(memo) < 50_000:
                            memo[value] = tag
                    return tag
                return defaults[kind]

            def descend_resolver(self, *_: Any) -> None:
                return None

            def ascend_resolver(self, *_: Any) -> None:
                return None

        _FAST = (Loader, YAMLError)
    return _FAST


def _tag_text(tag: Any) -> str:
    return str(getattr(tag, "value", tag))


# A ruamel Node wraps a tag string in a new Tag object and turns it back into text on every read of ``node.tag``
# (URI-decoding it each time); the fast resolver hands out one shared Tag per tag instead, and the builder reads
# its text from this table by identity.
_SHARED_TAGS: dict[str, Any] = {}
_TAG_BY_ID: dict[int, str] = {}


def _shared_tag(text: str) -> Any:
    tag = _SHARED_TAGS.get(text)
    if tag is None:
        from ruamel.yaml.tag import Tag

        tag = _SHARED_TAGS[text] = Tag(suffix=text)
        _TAG_BY_ID[id(tag)] = text
    return tag


def _compose_fast(text: str, name: str) -> Any:
    fast = _fast_loader()
    if fast and "%YAML" not in text:
        loader_class, yaml_error = fast
        loader = loader_class(text)
        try:
            return loader.get_single_node()
        except yaml_error:
            pass  # the reference path decides, and words the error
        finally:
            loader.dispose()
    return _compose(text, name)


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
        tag = _TAG_BY_ID.get(id(node.ctag)) or _tag(node)
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
        tag = _TAG_BY_ID.get(id(key.ctag)) or _tag(key)
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

    def data(self, node: Any, depth: int, key_node: Any = None) -> Any:
        mapping_node, sequence_node, _ = self.kinds
        tag = self.node_tag(node, depth, key_node)
        kind = type(node)
        if kind is mapping_node or isinstance(node, mapping_node):
            result: dict[str, Any] = {}
            for key, value in node.value:
                name = _shared_text(self.key(key))
                if name in result:
                    raise _HasDuplicates
                result[name] = self.data(value, depth + 1, key)
            return result
        if kind is sequence_node or isinstance(node, sequence_node):
            return [self.data(item, depth + 1) for item in node.value]
        if tag == _CORE + "str":
            text = node.value
            if node.style == '"':
                self.check_escapes(node)
            return _shared_text(text) if len(text) <= _SHARED_TEXT_LENGTH else text
        return self.scalar(node, tag)


# Keys and short texts (unit names, payers, field names, units of measure) repeat in every service file; one copy
# of each, instead of one per occurrence, is most of the data's memory on a list of 100,000 services.
_SHARED_TEXT_LENGTH = 16
_SHARED_TEXTS: dict[str, str] = {}


def _shared_text(text: str) -> str:
    shared = _SHARED_TEXTS.setdefault(text, text)
    if len(_SHARED_TEXTS) > 200_000:  # a bound, for a process that loads very many different lists
        _SHARED_TEXTS.clear()
    return shared


class _LazyNodes(Mapping[KeyPath, NodeInfo]):
    """The positions of a document's nodes, found when first asked for by composing its text again.

    The root's position is known at once (every service's location is its root). Composing again gives the very
    nodes the data was built from: the same text through the same composer.
    """

    def __init__(self, text: str, name: str, root: NodeInfo, known: Mapping[KeyPath, tuple[Any, ...]] | None = None
                 ) -> None:
        self._text: str | None = text
        self._name = name
        self._root = root
        self._known = known or {}  # positions already known (the validation cache keeps a few), besides the root
        self._nodes: dict[KeyPath, NodeInfo] | None = None

    @property
    def composed(self) -> bool:
        return self._nodes is not None

    def _all(self) -> dict[KeyPath, NodeInfo]:
        if self._nodes is None:
            assert self._text is not None
            builder = _Builder(self._name)
            builder.build(_compose_fast(self._text, self._name), ())
            self._nodes, self._text = builder.nodes, None
        return self._nodes

    def __getitem__(self, path: KeyPath) -> NodeInfo:
        if path == () and self._nodes is None:
            return self._root
        if path in self._known:  # kept as a plain tuple: most are never asked for
            return NodeInfo._make(self._known[path])
        return self._all()[path]

    def __contains__(self, path: object) -> bool:
        return (path == () and self._nodes is None) or path in self._known or path in self._all()

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


def read_limited_text(path: Path, limit: int, *, display: str | None = None, within: Path | None = None) -> str:
    """``read_text`` with a size limit of ``limit`` bytes (the official source text scales it with the list)."""
    import stat

    name = display or str(path)
    try:
        if within is not None and not path.resolve(strict=True).is_relative_to(within.resolve(strict=True)):
            raise InputError(_("is a symbolic link to a file outside the edition folder; refusing to read it"),
                             path=name)
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(_("is a directory, expected a file"), path=name)
        if not stat.S_ISREG(mode):  # reading a FIFO would block forever, a device could be endless
            raise InputError(_("is not a regular file (a FIFO, device or socket)"), path=name)
        with open(path, "rb") as handle:
            # read one byte more than the limit instead of trusting st_size, which a growing file can outrun
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            line = raw.count(b"\n") + 1
            raise InputError(_("file is larger than {size} MiB (the limit is reached on this line)").format(
                size=f"{limit / (1024 * 1024):g}"), path=name, line=line)
    except FileNotFoundError:
        raise InputError(_("no such file"), path=name) from None
    except PermissionError:
        raise InputError(_("permission denied"), path=name) from None
    except RuntimeError:  # Path.resolve on a loop of links, on older Pythons
        raise InputError(_("a loop of symbolic links"), path=name) from None
    except OSError as error:
        raise InputError(os_error(error), path=name) from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        # a file saved as GBK ("ANSI") or UTF-16 ("Unicode") by WPS or Notepad: say how to save it as UTF-8
        from .loading_hints import encoding_hint

        hint = encoding_hint(raw, error.start)
        raise InputError(hint or _("not valid UTF-8 text"), path=name, line=None if hint else line) from None
    return text.removeprefix("\ufeff")


# What YAML may not contain (its c-printable set, inverted): NUL and other control characters. ruamel.yaml reports
# them without a position, so they are found here first, with their line and column. The Unicode line separators
# (U+0085 NEXT LINE, U+2028, U+2029) are printable to YAML but break lines in editors, diffs and exports, and a text
# cell cannot hold them: they are refused too.
@functools.cache
def _unprintable() -> re.Pattern[str]:  # compiled on the first parse (a warm cached run parses nothing): ~7 ms
    return re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# What a double-quoted scalar's escapes can produce that the text itself may not hold: the characters above, and
# lone surrogates ("\ud800"), which no UTF-8 file, JSON export or spreadsheet can hold.
@functools.cache
def _unholdable() -> re.Pattern[str]:  # compiled on the first double-quoted scalar: its large class costs ~4 ms
    return re.compile("[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")



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


def parse_document(text: str, name: str, path: Path | None = None) -> Document:
    """Parse YAML text into a Document. Raises YamlSyntaxError with the line of the problem."""
    return _parse(text, name, path, fast=True)


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


def _parse(text: str, name: str, path: Path | None, *, fast: bool) -> Document:
    _check_text(text, name)
    try:
        node = _compose_fast(text, name) if fast else _compose(text, name)
    except RecursionError:  # the composers recurse once per nesting level
        raise YamlSyntaxError(_("YAML nested too deeply to parse"), path=name) from None
    if node is None:
        return Document(path or Path(name), None, {}, (), name)
    if fast:
        try:
            data = _DataBuilder(name).data(node, 0)
        except _HasDuplicates:
            pass
        else:
            from ruamel.yaml.nodes import ScalarNode

            mark = node.start_mark
            style = (node.style or None) if isinstance(node, ScalarNode) else None
            root = NodeInfo(mark.line + 1, mark.column + 1, style, _TAG_BY_ID.get(id(node.ctag)) or _tag(node))
            return Document(path or Path(name), data, _LazyNodes(text, name, root), (), name)
    builder = _Builder(name)
    data = builder.build(node, ())
    return Document(path or Path(name), data, builder.nodes, tuple(builder.duplicates), name)


def load_document(path: Path, *, display: str | None = None) -> Document:
    """Read and parse one YAML file."""
    name = display or str(path)
    return parse_document(read_text(path, display=name), name, path)


def cached_document(text: str, name: str, path: Path | None, data: Any, root: tuple[Any, ...],
                    known: Mapping[KeyPath, tuple[Any, ...]]) -> Document:
    """The document of ``text`` whose data an earlier run built (the validation cache), with the positions that run
    kept (``known``); any other position is composed from ``text`` when first asked for, as for a document
    ``parse_document`` built."""
    return Document(path or Path(name), data, _LazyNodes(text, name, NodeInfo(*root), known), (), name)


def shallow_positions(document: Document) -> dict[KeyPath, tuple[Any, ...]]:
    """The positions of ``document``'s nodes at most two keys deep (a service's fields, its parts and waivers),
    when its nodes have been composed already (else none): what the validation cache keeps of them."""
    nodes = document.nodes
    if isinstance(nodes, _LazyNodes) and not nodes.composed:
        return {}
    return {key: tuple(info) for key, info in nodes.items() if 0 < len(key) <= 2}
