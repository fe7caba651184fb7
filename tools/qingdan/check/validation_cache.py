"""The warm cache of ``qingdan validate``: what checking each file gave, kept by the file's content, so that a second
run parses and checks only the files that changed.

For each file of an edition the cache keeps, under the hash of its text: the parsed data (marshalled on its own: a
warm run unmarshals it only if something reads it), where its root starts (and every position a finding pointed at,
so a warm run composes no document again), its schema findings with the shape of the edition they were found in,
and the findings of the document rules (QD002, QD504). For a service file also: the findings of the per-service
rules (``@rule(..., per_service=True)``), under the hash of what they read besides the file (edition.yaml,
units.yaml and the official text), the facts of the service that the rules spanning files gather
(``Context.facts_of`` and ``Context.briefs``: its id, number and name, the units it names, the dashes its texts
hold, its waivers), and the typed service built from it (as plain data: a warm run makes the objects again from
their fields' values instead of building them from the data). A file whose text changed is parsed and checked
again, never served from the cache. The rules that span files (numbering, ids, names, the units used, waivers, the
predecessor) run on every run, over the facts of every service: a warm run builds only the services of the files
that changed, and makes the others again only for a rule that asks for the whole edition (``Context.typed``). Other
positions are composed from the file's text when a finding needs one, as on a cold run.

A file is known unchanged without reading it as git knows it for its index: each entry also keeps its file's stat
key (``lstat``: device, inode, size, modification and change times), and a warm run serves a file whose key is the
one kept without opening it (its text is read only if something asks for it later: a position a finding needs, data
the cache does not keep; and used only if it still has the entry's hash). Any write to a file sets its change time
to "now", which no user tool sets back, so the same key is the same text, except for a file written in the same
tick of a coarse file-system clock as it was read: a key is therefore kept only for a file whose modification and
change times are older than the start of the run that reads it by ``SETTLED_NS`` (else the next run hashes it, and
keeps its key then). Only a regular file in a folder inside the edition folder has a key: a link is read, through
the edition's one containment check, on every run (see ContainedFolder.key).

The cache of one edition folder is ``SHARDS`` files under ``<cache folder>/<version>/<edition>/`` (a file's entry
in the shard its name's checksum picks), as many of the services built (``NN.built.marshal``, each service under
its text's hash, read only when a service of it is asked for: a warm run mostly reads facts), and the parsed
official text, as plain data too, with its hash and stat key, in one of its own. The version is qingdan's (and its
code's), the schemas' and shapes', the Python's and the language of the run (a change to any of them starts
afresh). All entry shards are read at the start of a run; a shard is rewritten whole, atomically, only when
something in it changed, so two runs at once each read whole shards and the last one's write of each wins.
The cache folder is ``.qingdan-cache/`` at the root of the git repository holding the edition (else the user's cache
folder, ``~/.cache/qingdan``), or ``--cache-dir`` / ``QINGDAN_CACHE_DIR``; it holds its own ``.gitignore`` so that
it is never committed. Nothing about the cache is ever an error: a folder that cannot be written (a read-only
checkout) or a shard that cannot be read (damaged, half-written) is a cache miss for its files, which are checked as
on a cold run.

The shards are written with ``marshal``: plain data only (no pickle, so a cache file planted in a repository cannot
run code when read).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
from binascii import crc32
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..core import __version__, resources
from ..core.errors import InputError
from ..core.i18n import Keyword, Message, _, language, os_error
from ..core.results import Location, Result, Severity, Subject, Suppression, SuppressionKind
from ..io.loading import (
    Document,
    NodeInfo,
    StatKey,
    cached_document,
    parse_document,
    paused_gc,
    positions,
    shallow_positions,
)

if TYPE_CHECKING:
    from ..core.model import Service
    from ..edition.load import EditionFiles
    from ..io.official_text import SourceDocument

Fact = TypeVar("Fact")
_ABSENT: Any = object()  # a fact not kept
CACHE_FOLDER = ".qingdan-cache"
ENVIRONMENT = "QINGDAN_CACHE_DIR"
_FORMAT = 5  # the layout of a cache file; bump it when the layout changes
SHARDS = 64  # the files one edition's cache is kept in
_SOURCE = "source.marshal"  # the shard of the parsed official text
_BUILT = ".built.marshal"  # the end of the name of a shard of built services
_GITIGNORE = "# written by qingdan validate: its warm cache, never committed (qingdan cache clean removes it)\n*\n"
_KEYWORD = "\x00keyword"  # marks a Keyword parameter of a message in the stored findings
# How much older than the run's start a file's modification and change times must be for its stat key to be kept:
# more than the tick of the coarsest file-system clock (FAT: 2 s), so that no write after the read shares them
SETTLED_NS = 2_000_000_000


def now() -> int:
    """The clock of a run's start, in nanoseconds (what tests replace to put a file inside or outside the window)."""
    return time.time_ns()


try:  # hashlib loads OpenSSL first, a few milliseconds of every run's start-up; blake2 is built in
    from _blake2 import blake2b
except ImportError:  # another Python than CPython
    from hashlib import blake2b


def digest(text: str) -> str:
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def version_key() -> str:
    """What a cached result depends on besides the file: qingdan's version and code, the schemas, the Python, and
    the language of the run (some parameters of messages are worded when the finding is made)."""
    package = Path(__file__).resolve().parent
    parts = [__version__, sys.version, str(_FORMAT), language() or "en"]
    # the code itself, for a checkout whose version number stays while its rules change: each module's size and time
    for folder, _dirs, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                parts.append(f"{name}:{status.st_size}:{status.st_mtime_ns}")
    # every schema and every shape (a shape names the schemas its editions are checked against)
    schemas = resources.schema_dir()
    for kinds in (schemas, schemas / "shapes"):
        with contextlib.suppress(OSError):
            for name in sorted(os.listdir(kinds)):
                if name.endswith(".json"):
                    with contextlib.suppress(OSError, UnicodeDecodeError):
                        parts.append(name + "\n" + (kinds / name).read_text(encoding="utf-8"))
    return digest("\n".join(parts))[:16]


def default_folder(edition: Path) -> Path:
    """``QINGDAN_CACHE_DIR``, else ``.qingdan-cache`` at the root of the git repository holding ``edition``, else
    the user's cache folder (never beside an edition folder outside a repository: not in a data folder)."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen:
        return Path(chosen)
    resolved = edition.resolve()
    for folder in (resolved, *resolved.parents):
        if os.path.lexists(folder / ".git"):
            return folder / CACHE_FOLDER
    user = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(user) if user else Path.home() / ".cache") / "qingdan"


def clean(folder: Path) -> bool:
    """Remove the cache folder ``folder``; False when there is none. A folder that is not a qingdan cache (no
    .gitignore of its own) is refused with an InputError, never removed."""
    if not os.path.lexists(folder):
        return False
    try:
        marker = (folder / ".gitignore").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        marker = ""
    if marker != _GITIGNORE:
        raise InputError(_("not a qingdan cache folder (it holds no .gitignore written by qingdan); not removed"),
                         path=str(folder))
    import shutil

    try:
        shutil.rmtree(folder)
    except OSError as error:
        raise InputError(_("cannot remove: {problem}").format(problem=os_error(error)), path=str(folder)) from None
    return True


# -- findings as plain data: the one place that knows a Result's fields ------------------------------------------

def _freeze_value(value: Any) -> Any:
    if isinstance(value, Keyword):
        return (_KEYWORD, str(value), value.heading)
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, (tuple, list)):
        return tuple(_freeze_value(item) for item in value)
    raise _Uncacheable


def _thaw_value(value: Any) -> Any:
    if isinstance(value, tuple):
        if len(value) == 3 and value[0] == _KEYWORD:
            return Keyword(value[1], value[2])
        return tuple(_thaw_value(item) for item in value)
    return value


def freeze(findings: Iterable[Result]) -> tuple[Any, ...]:
    """Results as marshal-able tuples (raises _Uncacheable for a parameter of a type not kept)."""
    return tuple((f.location.path, f.location.line, f.location.column, tuple(f.location.key_path), f.code,
                  f.severity.value, f.message.template, tuple((k, _freeze_value(v)) for k, v in f.message.params),
                  f.subject.service, f.subject.label, f.subject.part, f.subject.field,
                  (f.suppression.kind.value, f.suppression.reason) if f.suppression is not None else None)
                 for f in findings)


def thaw(frozen: Iterable[Any], path: str) -> list[Result]:
    """The results ``freeze`` gave, each at ``path`` (the file as this run names it)."""
    return [Result(code, Severity(severity), Message(template, tuple((k, _thaw_value(v)) for k, v in params)),
                   Location(path, line, column, key_path), Subject(service, label, part, field),
                   Suppression(SuppressionKind(suppressed[0]), suppressed[1]) if suppressed is not None else None)
            for (_path, line, column, key_path, code, severity, template, params, service, label, part, field,
                 suppressed) in frozen]


# -- typed objects as plain data: a service as edition.build_service built it, the parsed official text --------

_Classes = dict[str, tuple[type, tuple[str, ...]]]  # by name: the class and its fields


def _classes(*kinds: type) -> _Classes:
    return {kind.__name__: (kind, tuple(each.name for each in fields(kind))) for kind in kinds}


def _model_classes() -> _Classes:
    from ..core import model

    return _classes(model.Service, model.Part, model.Waiver, model.Quantity, model.Split, model.Share,
                    model.Derivation, model.Location)


def _source_classes() -> _Classes:
    from ..io import official_text

    return _classes(official_text.SourceDocument, official_text.TableRow, official_text.CategoryRow,
                    official_text.Cell, official_text.Normalisation)


_PLAIN = frozenset((str, int, float, bool, type(None)))


def _snapshot(value: Any, classes: _Classes) -> Any:
    """``value`` (a service, or one of its fields) as marshal-able data: plain values as they are; an object of one
    of ``classes`` as ``[class name, (its fields' values, in order), (the places among them to rebuild)]``; a tuple
    holding one as ``["", *snapshots]`` (a list marks what must be rebuilt: the model holds no lists). Raises
    _Uncacheable for a value of any other kind."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        if set(map(type, value)) <= _PLAIN:
            return value
        items = [_snapshot(item, classes) for item in value]
        return ["", *items] if list in set(map(type, items)) else tuple(items)
    known = classes.get(kind.__name__)
    if known is None or known[0] is not kind:
        raise _Uncacheable
    values: list[Any] = []
    nested: list[int] = []
    for name in known[1]:
        item = getattr(value, name)
        if type(item) in _PLAIN or (type(item) is tuple and set(map(type, item)) <= _PLAIN):
            values.append(item)  # most fields: taken as they are, without a call
            continue
        item = _snapshot(item, classes)
        if type(item) is list:
            nested.append(len(values))
        values.append(item)
    return [kind.__name__, tuple(values), tuple(nested)]


def _rebuild(value: list[Any], classes: _Classes) -> Any:
    """What ``_snapshot`` was given, from what it gave: each object made by its class from its fields' values, as
    the builder made it (an object whose fields are set otherwise, through its ``__dict__``, is larger and slower to
    read). Raises KeyError, TypeError, ValueError or IndexError for data ``_snapshot`` did not give."""
    name = value[0]
    if name == "":
        return tuple([_rebuild(item, classes) if type(item) is list else item for item in value[1:]])
    kind, names = classes[name]
    values, nested = value[1], value[2]
    if type(values) is not tuple or len(values) != len(names):
        raise ValueError("not a snapshot")
    if nested:
        values = list(values)
        for index in nested:
            item = values[index]
            if item[0] and not item[2]:  # an object holding none (a location): made here, without a call
                made, names = classes[item[0]]
                if type(item[1]) is not tuple or len(item[1]) != len(names):
                    raise ValueError("not a snapshot")
                values[index] = made(*item[1])
            else:
                values[index] = _rebuild(item, classes)
    return kind(*values)


class _Uncacheable(Exception):
    """A result the cache does not keep (it is computed again next time)."""


# -- one edition's cache ----------------------------------------------------------------------------------------

def _shard(rel: str) -> int:
    """The shard of the cache that keeps the file ``rel`` (stable across runs, unlike ``hash``)."""
    return crc32(rel.encode("utf-8", "surrogatepass")) % SHARDS


class _Entry:
    """What the cache holds of one file (plain classes, not dataclasses: building a dataclass costs start-up)."""

    __slots__ = ("blob", "built", "complete", "data", "document", "facts", "known", "root", "rules", "rules_key",
                 "schema", "shape", "stale", "stat", "text_hash")

    def __init__(self, text_hash: str, stat: StatKey | None, blob: bytes | None, root: tuple[Any, ...],
                 known: dict[Any, tuple[Any, ...]] | None = None, complete: bool = False, shape: str | None = None,
                 schema: tuple[Any, ...] | None = None, document: tuple[Any, ...] | None = None,
                 rules_key: str | None = None, rules: tuple[Any, ...] | None = None,
                 facts: dict[str, Any] | None = None) -> None:
        if type(text_hash) is not str or type(complete) is not bool or (blob is not None and type(blob) is not bytes) \
                or type(root) is not tuple or (stat is not None and type(stat) is not tuple) \
                or any(value is not None and type(value) is not dict for value in (known, facts)):
            raise TypeError("not an entry")
        self.text_hash = text_hash
        self.stat = stat  # the file's stat key when its text had this hash (None: the file is read and hashed)
        self.stale = False  # whether the file, read late, no longer had this text: nothing of this run is kept
        self.blob = blob  # the parsed data of a document findings point into, marshalled (else None)
        self.data: Any = None  # the parsed data, as this run has it (kept in ``blob`` if the entry is complete)
        self.root = root
        self.known = known if known is not None else {}  # positions kept besides the root's
        self.complete = complete  # whether ``known`` holds every node's position (else the others are composed)
        self.shape = shape  # the shape of the edition the schema findings were found in
        self.schema = schema  # frozen findings; None until computed
        self.document = document  # the document rules' findings
        self.rules_key = rules_key  # what the per-service rules read besides the file
        self.rules = rules
        self.facts = facts if facts is not None else {}  # the service's facts the rules asked for (Context.fact)
        self.built: Service | None = None  # the typed service as this run built or rebuilt it (EditionCache.service)

    def dump(self) -> tuple[Any, ...]:
        """The entry as plain data (ValueError for data marshal cannot keep: the entry is left out)."""
        blob = self.blob
        if blob is None and self.complete and self.data is not None:
            blob = self.blob = marshal.dumps(self.data)  # the data of a document a finding points into: read again
        return (self.text_hash, self.stat, blob, self.root, self.known, self.complete, self.shape, self.schema,
                self.document, self.rules_key, self.rules, self.facts)


_UNREAD: Any = object()  # the data of a _KeptDocument not read yet


class _KeptDocument(Document):
    """A document an earlier run parsed, whose data and positions are had only when something reads them: a warm
    run mostly does not (the typed services, the findings and the facts of unchanged files come from the cache).
    The cache keeps the data and every position of the documents findings pointed into (the data marshalled on its
    own); any other's data is parsed from its text again, and its positions composed from it, as on a cold run.

    A file served by its stat key was not read: its text is read when first needed, and used only if it still has
    the hash the entry was made from. A file changed since (or no longer readable) marks the entry stale: its
    positions are its root's only (a finding points at the document, never at a line of another text), its data is
    what the file holds now (a file that cannot be read raises the InputError a cold run would), and nothing of it
    is kept for the next run, which reads the file again."""

    def _read(self) -> str:
        """The file's text: as this run read it, else read now (through the edition's one containment check)."""
        kept = self.__dict__
        text = kept["_text"]
        if text is _UNREAD:
            entry = kept["_entry"]
            try:
                text = kept["_reread"]()
            except InputError:
                entry.stale = True
                raise
            kept["_text"] = text
            if digest(text) != entry.text_hash:
                entry.stale = True
        return cast(str, text)

    @property
    def data(self) -> Any:
        kept = self.__dict__
        if kept["_data"] is _UNREAD:
            blob = kept["_entry"].blob
            kept["_data"] = marshal.loads(blob) if blob is not None else \
                parse_document(self._read(), self.name, self.path).data
        return kept["_data"]

    @data.setter
    def data(self, value: Any) -> None:  # the dataclass's __init__
        self.__dict__["_data"] = value

    @property
    def nodes(self) -> Any:
        kept = self.__dict__
        if kept["_nodes"] is _UNREAD:
            entry = kept["_entry"]
            nodes: Mapping[Any, NodeInfo] | None = None
            if entry.complete:  # every position kept (a document findings point into): the file is not read
                try:
                    nodes = {key: NodeInfo._make(info) for key, info in entry.known.items()}
                except (TypeError, ValueError):  # damaged: composed from the text, and kept anew (see save)
                    entry.complete, entry.known = False, {}
            if nodes is None:
                with contextlib.suppress(InputError):
                    self._read()
                nodes = {(): NodeInfo._make(entry.root)} if entry.stale else \
                    cached_document(kept["_text"], self.name, self.path, None, entry.root, entry.known).nodes
            kept["_nodes"] = nodes
        return kept["_nodes"]

    @nodes.setter
    def nodes(self, value: Any) -> None:  # the dataclass's __init__
        self.__dict__["_nodes"] = value

    @property
    def asked(self) -> bool:
        """Whether something has read the positions (else none was composed)."""
        return self.__dict__["_nodes"] is not _UNREAD


class EditionCache:
    """The cached results of one edition folder, read at the start of a run and written at its end.

    The files' entries are kept in ``SHARDS`` shards (by a checksum of the file's name), each one file of the cache,
    read in one go at the start; a run writes again only the shards holding a file it checked afresh (or whose
    positions it composed), so touching one file of a large edition rewrites one small shard, not the whole cache.
    Each shard is written atomically and read whole or not at all: a shard that is damaged or half-written (a crash)
    does not load, and its files are checked afresh. Every entry is keyed by its file's content hash, so shards
    written by two runs at once still each answer only for the text they were computed from."""

    def __init__(self, folder: Path, start: int | None = None) -> None:
        self.folder = folder  # this edition's shards: <cache folder>/<version>/<edition>/
        # a file whose modification and change times are both older than this has its stat key kept (see SETTLED_NS)
        self.settled = (start if start is not None else now()) - SETTLED_NS
        self.old: dict[str, tuple[Any, ...]] = {}  # by file in the edition, the last runs'
        self.entries: dict[str, _Entry] = {}  # by document name, this run's
        self.reused: set[str] = set()  # documents parsed and checked by an earlier run
        self.rels: dict[str, str] = {}  # document name -> its file in the edition folder
        self.hashes: dict[str, str] = {}  # document name -> the hash of its text, this run's
        self.documents: dict[str, Document] = {}  # every document of this run that has an entry
        # the official text's hash, its stat key (see parse) and its parsed form, as plain data
        self.source: tuple[str, StatKey | None, Any] | None = None
        self.dirty: set[int] = set()  # the shards this run changed
        self.source_changed = False
        self.source_hash: str | None = None  # the hash of the official text this run read
        self._classes: _Classes | None = None
        self._unkept: dict[str, Service] = {}  # the services of documents without an entry, built this run
        # by the files asked for (see facts): the files, each one's facts kept, and the facts found this run by name
        self._facts: dict[int, tuple[tuple[Document, ...], list[dict[str, Any] | None], dict[str, list[Any]]]] = {}
        # the services kept built, by shard and file: (its text's hash, the name it was built under, its snapshot);
        # a shard of them is read only when a service of it is asked for (a warm run mostly reads facts instead)
        self._snapshots: dict[int, dict[str, Any]] = {}
        self._built_now: set[str] = set()  # documents whose services this run built from their data
        self.built_dirty: set[int] = set()  # the shards of services this run built

    @property
    def changed(self) -> bool:
        return bool(self.dirty) or bool(self.built_dirty) or self.source_changed

    @classmethod
    def open(cls, edition: Path, folder: Path | None = None, clock: Callable[[], int] | None = None) -> EditionCache:
        """The cache of the edition folder ``edition`` in ``folder`` (default: ``default_folder``), for a run that
        starts now by ``clock`` (nanoseconds; default: ``now``)."""
        root = folder if folder is not None else default_folder(edition)
        cache = cls(root / version_key() / digest(str(edition.resolve()))[:20], (clock or now)())
        try:
            names = os.listdir(cache.folder)
        except OSError:
            return cache  # none yet, or unreadable: a cold run
        with paused_gc():  # the shards hold a container per value of every file: no garbage cycles among them
            for name in names:
                if not name.endswith(".marshal") or name.endswith(_BUILT):
                    continue
                with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
                    with open(os.path.join(cache.folder, name), "rb") as handle:
                        loaded = marshal.loads(handle.read())
                    if name == _SOURCE:
                        if isinstance(loaded, tuple) and len(loaded) == 3 and isinstance(loaded[0], str) \
                                and (loaded[1] is None or type(loaded[1]) is tuple):
                            cache.source = loaded
                    elif isinstance(loaded, dict):
                        cache.old.update(loaded)
        return cache

    def parse(self, rel: str, text: str, display: str, key: StatKey | None = None) -> Document:
        """The document of file ``rel`` with ``text``: its data from the cache when the text is the one cached.
        ``key`` is the file's stat key as it was read (see ContainedFolder.key): kept with the entry when the file
        was last written long enough before this run (see SETTLED_NS), so that the next run need not read it."""
        self.rels[display] = rel
        text_hash = self.hashes[display] = digest(text)
        stat = self._settled(key)
        stored = self.old.pop(rel, None)  # what is left in ``old`` at the end: the files removed since
        if stored is not None and type(stored) is tuple and stored[0] == text_hash:
            document = self._reuse(rel, display, stored, text, None)
            if document is not None:
                entry = self.entries[display]
                if entry.stat != stat:  # a file written again with the same text, or settled since
                    entry.stat = stat
                    self.dirty.add(_shard(rel))
                return document
        document = parse_document(text, display, Path(display))
        root = document.nodes.get(()) if not document.duplicates and document.data is not None else None
        if root is not None:
            entry = self.entries[display] = _Entry(text_hash, stat, None, tuple(root))
            entry.data = document.data
            self.documents[display] = document
            self.dirty.add(_shard(rel))
        elif stored is not None:  # a file the cache held that now gets no entry: its shard is written without it
            self.dirty.add(_shard(rel))
        return document

    def _settled(self, key: StatKey | None) -> StatKey | None:
        """``key`` when its file was last written (modified and changed) before ``settled``, else None: the stat
        key to keep for the next run (see SETTLED_NS)."""
        return key if key is not None and key[3] < self.settled and key[4] < self.settled else None

    def unread(self, rel: str, display: str, key: StatKey, reread: Callable[[], str]) -> Document | None:
        """The document of file ``rel`` without reading it, when its stat key ``key`` is the one its entry kept
        (the file has not been written since it had the entry's text); else None, and the file is read and given
        to ``parse``. ``reread`` reads the file when something asks for its text (see _KeptDocument)."""
        stored = self.old.get(rel)
        if type(stored) is not tuple or len(stored) < 2 or stored[1] != key:
            return None
        document = self._reuse(rel, display, stored, _UNREAD, reread)
        if document is not None:
            del self.old[rel]
            self.rels[display] = rel
            self.hashes[display] = stored[0]
        return document

    def _reuse(self, rel: str, display: str, stored: tuple[Any, ...], text: Any,
               reread: Callable[[], str] | None) -> Document | None:
        """The document of the entry ``stored`` of file ``rel``, its text ``text`` (or _UNREAD: read by ``reread``
        when asked for); None for an entry that is damaged."""
        try:
            entry = _Entry(*stored)
            # no path made: a warm run asks none (``Document.path`` makes Path(display) when asked); no position
            # made either until one is asked for (a warm run's findings in unchanged files are kept with theirs)
            kept = _KeptDocument(None, _UNREAD, _UNREAD, (), display)
        except (TypeError, ValueError):
            return None
        kept.__dict__.update(_entry=entry, _text=text, _reread=reread)
        self.entries[display] = entry
        self.documents[display] = kept
        self.reused.add(display)
        return kept

    def service(self, document: Document) -> Service:
        """The typed service of ``document`` (edition.build_service): as an earlier run built it from the same text
        of its file, named the same way, else built now and kept. Asked again, the same object."""
        name = document.name
        entry = self.entries.get(name)
        from ..edition.load import build_service

        if entry is None:  # a document the cache keeps nothing of (its keys repeat): built once this run, not kept
            made = self._unkept.get(name)
            if made is None:
                made = self._unkept[name] = build_service(document)
            return made
        if entry.built is not None:
            return entry.built
        if name in self.reused:
            rel = self.rels[name]
            kept = self._snapshots_of(_shard(rel)).get(rel)
            if type(kept) is tuple and len(kept) == 3 and kept[0] == entry.text_hash and kept[1] == name \
                    and type(kept[2]) is list:
                with contextlib.suppress(KeyError, TypeError, ValueError, IndexError):
                    rebuilt = _rebuild(kept[2], self._model())
                    if type(rebuilt) is self._model()["Service"][0]:
                        entry.built = cast("Service", rebuilt)
                        return entry.built
        entry.built = build_service(document)
        self._built_now.add(name)
        self.built_dirty.add(_shard(self.rels[name]))
        return entry.built

    def _snapshots_of(self, shard: int) -> dict[str, Any]:
        """The services kept built in ``shard``, read the first time it is asked for (empty if it cannot be)."""
        kept = self._snapshots.get(shard)
        if kept is None:
            kept = {}
            with contextlib.suppress(OSError, ValueError, EOFError, TypeError), paused_gc():
                with open(self.folder / f"{shard:02x}{_BUILT}", "rb") as handle:
                    loaded = marshal.loads(handle.read())
                if type(loaded) is dict:
                    kept = loaded
            self._snapshots[shard] = kept
        return kept

    def _model(self) -> _Classes:
        if self._classes is None:
            self._classes = _model_classes()
        return self._classes

    def schema_findings(self, files: EditionFiles) -> list[Result]:
        """The schema findings of the edition's documents, each from the cache where its file is unchanged and was
        checked in the same shape (a shape's schemas are part of the cache's version); see
        schema_check.check_files."""
        from ..edition.schema_check import check_files, check_in_shape

        def check(document: Document, kind: str, shape: str) -> list[Result]:
            entry = self.entries.get(document.name)
            if entry is not None and entry.schema is not None and entry.shape == shape and \
                    document.name in self.reused:
                return thaw(entry.schema, document.name)
            found = check_in_shape(document, kind, shape)
            if entry is not None:
                if entry.shape != shape:
                    entry.shape = shape
                    self.dirty.add(_shard(self.rels[document.name]))
                self._store(document.name, "schema", found)
            return found

        return check_files(files, check)

    def _store(self, name: str, what: str, findings: list[Result]) -> None:
        entry = self.entries[name]
        try:
            frozen: tuple[Any, ...] | None = freeze(findings)
        except _Uncacheable:
            frozen = None
        if frozen != getattr(entry, what) or name not in self.reused:
            setattr(entry, what, frozen)
            self.dirty.add(_shard(self.rels[name]))

    def unread_source(self, key: StatKey | None, limit: int) -> SourceDocument | None:
        """The official text as an earlier run parsed it, without reading it, when its file's stat key ``key`` (taken
        before any read) is the one kept with it and within ``limit`` bytes; else None (it is then read and given to
        ``parse_source``)."""
        kept = self.source
        if key is None or kept is None or kept[1] != key or key[2] > limit:
            return None
        parsed = self._kept_source(kept)
        if parsed is not None:
            self.source_hash = kept[0]
        return parsed

    def parse_source(self, text: str, parse: Callable[[str], SourceDocument], key: StatKey | None = None
                     ) -> SourceDocument:
        """The official text ``text`` parsed by ``parse``, or as an earlier run parsed the same text (a text that
        does not parse raises as ``parse`` does, every time). ``key`` is the file's stat key taken before it was
        read: kept, as a file's is (see parse), so that the next run need not read it."""
        text_hash = self.source_hash = digest(text)
        stat = self._settled(key)
        kept = self.source
        if kept is not None and kept[0] == text_hash:
            parsed = self._kept_source(kept)
            if parsed is not None:
                if kept[1] != stat:
                    self.source, self.source_changed = (text_hash, stat, kept[2]), True
                return parsed
        parsed = parse(text)
        try:
            self.source = (text_hash, stat, _snapshot(parsed, _source_classes()))
        except _Uncacheable:
            self.source = None
        self.source_changed = True
        return parsed

    @staticmethod
    def _kept_source(kept: tuple[str, StatKey | None, Any]) -> SourceDocument | None:
        from ..io import official_text

        if type(kept[2]) is list:
            with contextlib.suppress(TypeError, ValueError, KeyError, IndexError):
                rebuilt = _rebuild(kept[2], _source_classes())
                if type(rebuilt) is official_text.SourceDocument:
                    return rebuilt
        return None

    # -- the rules -----------------------------------------------------------------------------------------------
    def hash_of(self, name: str) -> str:
        """The hash of the text of document ``name`` as this run read it."""
        return self.hashes[name]

    def fresh(self, names: Iterable[str], what: str, key: str | None = None) -> set[str]:
        """Those of the documents ``names`` whose ``what`` findings ("document": the document rules'; "rules": the
        per-service rules', given ``key``, the hash of what they read besides the file) the cache does not hold."""
        entries, reused = self.entries, self.reused
        if what == "rules":
            return {name for name in names if (entry := entries.get(name)) is None or name not in reused
                    or entry.rules is None or entry.rules_key != key}
        return {name for name in names if (entry := entries.get(name)) is None or name not in reused
                or getattr(entry, what) is None}

    def facts(self, name: str, documents: Iterable[Document], compute: Callable[[Service], Fact]) -> list[Fact]:
        """The fact ``name`` of the service of each of ``documents`` (see rules.Context.facts_of): as an earlier run
        computed it from the same text of the file, else computed now (from the service, built or rebuilt) and
        kept."""
        documents = tuple(documents)
        memo = self._facts.get(id(documents))
        if memo is None or memo[0] is not documents:  # each file's facts, looked up once for every fact asked
            entries = self.entries
            memo = self._facts[id(documents)] = (documents, [
                entry.facts if (entry := entries.get(document.name)) is not None else None for document in documents
            ], {})
        _, kept, asked = memo
        found = asked.get(name)
        if found is None:  # else asked again for the same files (several rules read the same fact)
            found = asked[name] = [facts.get(name, _ABSENT) if facts is not None else _ABSENT for facts in kept]
            for index, fact in enumerate(found):  # the facts no earlier run computed from the same text
                if fact is _ABSENT:
                    document = documents[index]
                    fact = found[index] = compute(self.service(document))
                    if (facts := kept[index]) is not None:
                        facts[name] = fact
                        self.dirty.add(_shard(self.rels[document.name]))
        return list(found)

    def cached(self, names: Iterable[str], fresh: set[str], what: str) -> list[Result]:
        """The ``what`` findings of the documents ``names`` not in ``fresh``, from the cache."""
        entries = self.entries
        return [finding for name in names if name not in fresh and (frozen := getattr(entries[name], what))
                for finding in thaw(frozen, name)]  # most files have none: nothing to thaw

    def keep(self, checked: Iterable[str], findings: list[Result], what: str, key: str | None = None) -> None:
        """Keep the ``what`` findings of the documents ``checked`` for the next run, each file's own; when one lies
        outside them, none (they are computed again)."""
        by_file: dict[str, list[Result]] = {name: [] for name in checked}
        for finding in findings:
            if finding.location.path not in by_file:
                return
            by_file[finding.location.path].append(finding)
        for name, found in by_file.items():
            entry = self.entries.get(name)
            if entry is None:
                continue
            if key is not None and entry.rules_key != key:
                entry.rules_key = key
                self.dirty.add(_shard(self.rels[name]))
            self._store(name, what, found)

    def save(self) -> None:
        """Write the shards this run changed. Best effort: a folder that cannot be written leaves the next run
        cold."""
        for name, document in self.documents.items():  # the positions this run composed, for the next one
            entry = self.entries[name]
            if entry.stale:  # a file changed since its stat key was taken: left out, read again next time
                self.dirty.add(_shard(self.rels[name]))
                continue
            if entry.complete or (isinstance(document, _KeptDocument) and not document.asked):
                continue
            known = positions(document)
            if known:
                entry.known, entry.complete, entry.data = known, True, document.data
                self.dirty.add(_shard(self.rels[name]))
            elif name not in self.reused:
                entry.known = shallow_positions(document)
        by_rel = {self.rels[name]: entry for name, entry in self.entries.items() if not entry.stale}
        self.dirty.update(_shard(rel) for rel in self.old if rel not in by_rel)  # a file removed since
        if not self.changed:
            return
        by_shard = _in_shards(by_rel, self.dirty)
        with contextlib.suppress(OSError):
            _prepare(self.folder)
            if self.source_changed:
                with contextlib.suppress(ValueError):
                    _write(self.folder / _SOURCE, marshal.dumps(self.source))
            for shard, rels in sorted(by_shard.items()):  # one at a time: a shard's plain data is let go once written
                stored: dict[str, tuple[Any, ...]] = {}
                for rel in rels:
                    with contextlib.suppress(ValueError):  # data marshal does not keep: that file is checked again
                        stored[rel] = by_rel[rel].dump()
                try:
                    payload = marshal.dumps(stored)
                except ValueError:  # data of a kind marshal does not keep: that shard is left as it was
                    continue
                _write(self.folder / f"{shard:02x}.marshal", payload)
            self._save_built(by_rel)

    def _save_built(self, by_rel: dict[str, _Entry]) -> None:
        """Write the shards of built services that gained a service this run: the services built from their files'
        data, and those kept of files whose text is the same."""
        built_now = {self.rels[name] for name in self._built_now}
        for shard, rels in sorted(_in_shards(by_rel, self.built_dirty).items()):
            stored: dict[str, Any] = {}
            kept = self._snapshots_of(shard)
            for rel in rels:
                entry = by_rel[rel]
                if rel in built_now and entry.built is not None and entry.built.location is not None:
                    with contextlib.suppress(_Uncacheable):
                        stored[rel] = (entry.text_hash, entry.built.location.path,
                                       _snapshot(entry.built, self._model()))
                elif type(old := kept.get(rel)) is tuple and len(old) == 3 and old[0] == entry.text_hash:
                    stored[rel] = old
            with contextlib.suppress(ValueError):
                _write(self.folder / f"{shard:02x}{_BUILT}", marshal.dumps(stored))


def _in_shards(rels: Iterable[str], shards: Iterable[int]) -> dict[int, list[str]]:
    """The files ``rels`` that ``shards`` keep, by shard (each of ``shards`` listed, empty if it keeps none)."""
    found: dict[int, list[str]] = {shard: [] for shard in shards}
    for rel in rels:
        if (shard := _shard(rel)) in found:
            found[shard].append(rel)
    return found


def _prepare(folder: Path) -> None:
    """Create this edition's folder in the cache, and the cache folder with its .gitignore."""
    root = folder.parent.parent
    if not root.is_dir():
        root.mkdir(parents=True, exist_ok=True)
    ignore = root / ".gitignore"
    if not ignore.exists():
        temporary = root / f".gitignore.{os.getpid()}.tmp"
        temporary.write_text(_GITIGNORE, encoding="utf-8")
        os.replace(temporary, ignore)
    folder.mkdir(parents=True, exist_ok=True)


def _write(file: Path, payload: bytes) -> None:
    """Write ``payload`` to ``file`` atomically (a temporary beside it, renamed over it)."""
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(payload)
        os.replace(temporary, file)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
