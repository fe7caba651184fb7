"""Load an edition folder: its YAML documents (with positions) and the typed, immutable Edition built from them.

An edition folder holds ``edition.yaml`` (the notice and categories), ``units.yaml`` (the unit registry),
``services/*.yaml`` (one file per service) and the official source text. Files are read through a FileSource, so
the same code reads a working tree or a git revision.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from ..core.errors import InputError, InvalidEditionError, UnreadableError
from ..core.i18n import Message, _
from ..core.model import (
    Acceptance,
    Area,
    Category,
    Crosswalk,
    CrosswalkEntry,
    Derivation,
    Edition,
    Location,
    Metadata,
    Part,
    Policy,
    Quantity,
    Service,
    Share,
    Split,
    Unit,
    Waiver,
)
from ..core.records import frozen
from ..core.results import Result, Severity
from ..io.loading import Document, StatKey, parse_document
from .shapes import DEFAULT_SHAPE


class Parser(Protocol):
    """Parses a file of the edition: its path in the edition, its text, its name as shown, and the stat key it had
    when it was read (None where it has none: see ContainedFolder.key)."""

    def __call__(self, rel: str, text: str, display: str, key: StatKey | None = None) -> Document: ...


class Unread(Protocol):
    """The document of a file an earlier run read, had without reading the file: its path in the edition, its name
    as shown, its stat key now, and what reads it (if something asks for its text later); None when the key is not
    the one recorded (the file is then read and given to the Parser)."""

    def __call__(self, rel: str, display: str, key: StatKey, reread: Callable[[], str]) -> Document | None: ...

EDITION_FILE = "edition.yaml"
UNITS_FILE = "units.yaml"
CROSSWALK_FILE = "crosswalk.yaml"
SERVICES_DIR = "services"


def service_file_names(names: Iterable[str], folder: str) -> list[str]:
    """The service files among the entry ``names`` of a services/ folder (``folder`` as shown), sorted.

    The one rule for a working tree and a git revision alike: every name ending in .yaml or .yml, hidden or not
    (``.yaml`` itself included), so that what one reads the other reads too. A name that is not UTF-8 (read from
    the file system or git with surrogate escapes) cannot be shown, linked in SARIF or compared: refused in one line.
    """
    found = []
    for name in names:
        if not name.endswith((".yaml", ".yml")):
            continue
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            shown = name.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            raise InputError(_("holds a file whose name is not UTF-8 text ({name}): rename it").format(name=shown),
                             path=folder) from None
        found.append(name)
    return sorted(found)


class FileSource(Protocol):
    """Where an edition's files come from: a folder, or a git revision (see gitsource.py)."""

    def display(self, rel: str) -> str: ...
    def exists(self, rel: str) -> bool: ...
    def list_yaml(self, rel_dir: str) -> list[str]: ...
    def read_text(self, rel: str, limit: int | None = None) -> str: ...
    def key(self, rel: str) -> StatKey | None: ...  # what tells the file unchanged without reading it, if anything


class DirectorySource:
    """An edition folder on disk. ``display`` names files as the user wrote the path, for clickable findings."""

    def __init__(self, root: Path, display_root: str | None = None) -> None:
        from ..io.loading import ContainedFolder

        self.root = root
        self.display_root = display_root if display_root is not None else str(root)
        self._names: dict[str, str] = {}
        self._folder = ContainedFolder(root)

    def display(self, rel: str) -> str:
        # memoised: a large edition asks for every file's name several times, and pathlib is slow to build
        name = self._names.get(rel)
        if name is None:
            if self.display_root in ("", "."):
                name = rel
            elif os.sep == "/" and "//" not in (steps := f"/{rel}/") and "/./" not in steps and "/../" not in steps:
                # no step of rel is "", "." or "..": what pathlib would join, without building two paths per file
                base = self._names.get("") or self._names.setdefault("", str(Path(self.display_root)))
                name = f"{base.rstrip('/')}/{rel}"
            else:
                name = str(Path(self.display_root) / rel)
            self._names[rel] = name
        return name

    def exists(self, rel: str) -> bool:
        return (self.root / rel).exists()

    def key(self, rel: str) -> StatKey | None:
        """The stat key of ``rel`` when ``read_text`` would read it as a plain file inside the edition folder (no
        link), else None: see ContainedFolder.key."""
        return self._folder.key(rel)

    def list_yaml(self, rel_dir: str) -> list[str]:
        folder = self.root / rel_dir
        if not folder.is_dir():
            return []
        # Every *.yaml entry: a folder, a FIFO, a dangling link or a loop is listed so that reading it reports it
        # (one line, exit 2) instead of it being skipped silently.
        names = service_file_names(os.listdir(folder), self.display(rel_dir))
        return [f"{rel_dir}/{name}" for name in names]

    def read_text(self, rel: str, limit: int | None = None) -> str:
        """Every file of the edition (the YAML files and the official text alike) is read here, through the one
        containment check: a link to a file outside the edition folder is refused, never read or quoted."""
        from ..io.loading import MAX_FILE_BYTES

        return self._folder.read(rel, limit if limit is not None else MAX_FILE_BYTES, self.display(rel))


@frozen
class EditionFiles:
    """The parsed documents of one edition, before any checking."""

    name: str
    edition: Document
    units: Document
    services: tuple[Document, ...]
    crosswalk: Document | None = None

    def documents(self) -> Iterable[tuple[str, Document]]:
        """Every document with its kind (the schema it must satisfy)."""
        yield "edition", self.edition
        yield "units", self.units
        for document in self.services:
            yield "service", document
        if self.crosswalk is not None:
            yield "crosswalk", self.crosswalk


def read_edition_files(source: FileSource, name: str = "", parser: Parser | None = None,
                       each: Callable[[Document], Document] | None = None,
                       parsed: Mapping[str, Document] | None = None, unread: Unread | None = None) -> EditionFiles:
    """Parse every YAML file of the edition. Raises InputError for a missing or unparseable file.

    ``parser`` (file, text, name as shown) parses each file instead of ``parse_document``: the validation cache.
    ``each`` is given each service document as soon as it is parsed, and what it returns is kept instead (the lean
    read of pipeline.open_source: the document cut to what is still needed of it once its service is built);
    ``parsed`` holds files it has parsed already (by their path in the edition). ``unread`` (with ``parser``, on a
    source whose files have stat keys: a folder) is given each plain file's stat key first, and may answer for the
    file without its being read (the validation cache, for a file unchanged since it recorded the key); a file it
    does not answer for is read and given to ``parser`` with its key. A link, or any file the key is not had for,
    is read through the careful path as before, so a link out of the edition folder is refused whether or not it
    was cached."""
    for required in (EDITION_FILE, UNITS_FILE):
        if not source.exists(required):
            raise missing_file(required, source.display(required))

    keys = source.key if unread is not None else None

    def parse(rel: str) -> Document:
        if parsed is not None and rel in parsed:
            return parsed[rel]
        display = source.display(rel)
        if parser is not None:
            key = keys(rel) if keys is not None else None
            if key is not None and unread is not None:
                document = unread(rel, display, key, Reread(source, rel))
                if document is not None:
                    return document
            return parser(rel, source.read_text(rel), display, key)
        # the document's path is its name as shown; its text is read again where a position is asked for
        return parse_document(source.read_text(rel), display, reread=Reread(source, rel))

    # An edition without services is not an edition: never let it validate or export as an empty list.
    rels = source.list_yaml(SERVICES_DIR)
    if not rels:
        message = (_("not an edition folder: {folder}/ holds no service files (*.yaml)") if source.exists(SERVICES_DIR)
                   else _("not an edition folder: {folder}/ is missing (or not a folder)"))
        raise InputError(message.format(folder=SERVICES_DIR), path=source.display(SERVICES_DIR))
    services = tuple(parse(rel) for rel in rels) if each is None else tuple(each(parse(rel)) for rel in rels)
    crosswalk = parse(CROSSWALK_FILE) if source.exists(CROSSWALK_FILE) else None
    return EditionFiles(name, parse(EDITION_FILE), parse(UNITS_FILE), services, crosswalk)


class Reread:
    """Reads one file of a source again (what a parsed document keeps instead of its text: see parse_document)."""

    __slots__ = ("rel", "source")

    def __init__(self, source: FileSource, rel: str) -> None:
        self.source, self.rel = source, rel

    def __call__(self) -> str:
        return self.source.read_text(self.rel)


def previous_of(folder: Path, shown: str | None = None) -> str | None:
    """The ``previous:`` of an edition folder's edition.yaml (the edition it revises), or None for a first edition.

    Read without the schema check, by the commands that must know the lineage before anything else (which editions
    diff pairs, which edition rename-unit edits); a value that cannot name a folder beside it is refused here.
    ``shown`` is the folder as the user sees it, for the message.
    """
    source = DirectorySource(folder, shown if shown is not None else str(folder))
    document = parse_document(source.read_text(EDITION_FILE), source.display(EDITION_FILE))  # contained
    if isinstance(document.data, dict) and "previous" not in document.data:
        raise InputError(_("previous: is missing: name the edition this one revises (such as previous: \"2017\"), "
                           "or previous: null for the first edition of a list"), path=document.name)
    previous = document.data.get("previous") if isinstance(document.data, dict) else None
    if previous is not None and (not isinstance(previous, str) or "/" in previous or previous in ("", ".", "..")):
        location = document.locate(("previous",))
        raise InputError(_("previous: must be the name of an edition folder beside this one (such as 2017)"),
                         path=location.path, line=location.line, column=location.column)
    return previous


def parent_edition_of(folder: Path) -> str | None:
    """The ``parent: edition:`` of an edition folder's edition.yaml (the edition of the list above it), or None.

    Read without the schema check, like ``previous_of``, by the choice of the newest edition: a value that is not
    a plain name is read as none here (validate reports it on its own edition)."""
    try:
        data = parse_document(DirectorySource(folder).read_text(EDITION_FILE), str(folder / EDITION_FILE)).data
    except InputError:
        return None
    parent = data.get("parent") if isinstance(data, dict) else None
    name = parent.get("edition") if isinstance(parent, dict) else None
    return name if isinstance(name, str) and name and "/" not in name and name not in (".", "..") else None


def predecessor_cycle(folder: Path) -> tuple[str, ...] | None:
    """The chain of folder names from ``folder`` back through ``previous:`` when it comes back to ``folder``
    (``("2019", "2017", "2019")``; ``("2017", "2017")`` for an edition that names itself), else None.

    The chain is followed by folder name beside ``folder``, never by the ``edition:`` inside; it stops at a first
    edition, at a name that is no folder, and at an edition.yaml that cannot be read (validate reports those on
    their own edition). A cycle further back that does not pass through ``folder`` is that edition's to report.
    """
    names = [folder.name]
    current = folder
    while True:
        try:
            previous = previous_of(current)
        except InputError:
            return None
        if previous is None:
            return None
        if previous == folder.name:
            return (*names, previous)
        current = folder.parent / previous
        if previous in names or not (current / EDITION_FILE).is_file():
            return None
        names.append(previous)


def refuse_cycle(folder: Path, shown: str | None = None) -> None:
    """Refuse (InputError, exit 2) an edition whose chain of predecessors comes back to it: no edition of a cycle
    can be compared with "its predecessor", nor be the newest."""
    cycle = predecessor_cycle(folder)
    if cycle is not None:
        where = f"{shown if shown is not None else folder}/{EDITION_FILE}"
        if len(cycle) == 2:
            raise InputError(_("previous: names this edition itself; name the edition it revises, or null for a "
                               "first edition"), path=where)
        raise InputError(_("previous: the chain of predecessors comes back to this edition ({chain}); one of them "
                           "must name the edition it really revises, or null").format(chain=" → ".join(cycle)),
                         path=where)


def find_editions(root: Path) -> list[Path]:
    """Edition folders below ``root`` (folders holding an edition.yaml), sorted by name."""
    if (root / EDITION_FILE).is_file():
        return [root]
    return sorted(p.parent for p in root.glob(f"*/{EDITION_FILE}"))


def editions_with_unit(folder: Path, unit: str) -> tuple[str, ...]:
    """The editions beside ``folder`` whose units.yaml names ``unit`` (for the message about a unit not in it)."""
    from ..io.loading import load_document

    found = []
    for other in find_editions(folder.parent):
        if other.resolve() == folder.resolve():
            continue
        try:
            data = load_document(other / UNITS_FILE).data
        except InputError:
            continue  # an edition that does not load names no unit here; validate reports it
        units = data.get("units") if isinstance(data, dict) else None
        if isinstance(units, list) and any(isinstance(u, dict) and u.get("name") == unit for u in units):
            found.append(other.name)
    return tuple(found)


# -- building the typed model (from schema-valid data) ------------------------------------------------------------

def _tuple(values: Any) -> tuple[Any, ...]:
    return tuple(values or ())


def row_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The Row fields of a mapping shaped like a service (or part) in YAML; the JSON export reads back with it too."""
    return {
        "target": data.get("target"),
        "standard": data.get("standard"),
        "funding": data.get("funding"),
        "city_units": _tuple(data.get("city_units")),
        "district_units": _tuple(data.get("district_units")),
        "payers": _tuple(data.get("payers")),
        "quantities": tuple(
            Quantity(name=q["name"], field=q["field"], quote=q["quote"], unit=q["unit"], value=q.get("value"),
                     minimum=q.get("minimum"), maximum=q.get("maximum"), per=q.get("per"))
            for q in data.get("quantities") or ()),
        "splits": tuple(
            Split(name=s["name"], kind=s["kind"], field=s.get("field", "funding"), quote=s.get("quote"),
                  total=s.get("total"),
                  shares=tuple(Share(payer=x["payer"], value=x.get("value"), quantity=x.get("quantity"))
                               for x in s["shares"]))
            for s in data.get("splits") or ()),
        "derivations": tuple(Derivation(result=d["result"], product=tuple(d["product"]))
                             for d in data.get("derivations") or ()),
        "content": data.get("content"),
    }


def build_service(document: Document) -> Service:
    data = document.data
    parts = tuple(
        Part(id=p["id"], location=document.locate(("parts", i)), **row_fields(p))
        for i, p in enumerate(data.get("parts") or ()))
    waivers = tuple(
        Waiver(rule=w["rule"], reason=w["reason"], part=w.get("part"), location=document.locate(("waivers", i)))
        for i, w in enumerate(data.get("waivers") or ()))
    return Service(id=data["id"], number=data["number"], category=data["category"], name=data["name"], parts=parts,
                   waivers=waivers, location=document.locate(()), implements=_tuple(data.get("implements")),
                   basis=data.get("basis"), unknown=_tuple(data.get("unknown")), **row_fields(data))


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def build_metadata(document: Document) -> Metadata:
    data = document.data
    doc = data["document"]
    return Metadata(
        edition=str(data["edition"]), document_number=doc["number"], issuer=doc["issuer"], title=doc["title"],
        table_title=doc["table_title"], recipients=doc["recipients"], preamble=doc["preamble"],
        requirements=tuple((r["heading"], r["text"]) for r in doc["requirements"]),
        signed=_date(doc["signed"]), printed=_date(doc["printed"]), copy_to=_tuple(doc["copy_to"]),
        printer=doc["printer"], parent=_policy(data["parent"]),
        period_name=data["period"]["name"], period_start=data["period"]["start"], period_end=data["period"]["end"],
        data_version=data["data_version"], previous=data.get("previous"), source=data.get("source"),
        accepted=tuple(
            Acceptance(code=a["code"], service=a["service"], reason=a["reason"], part=a.get("part"), old=a["old"],
                       new=a["new"], location=document.locate(("accepted", i)))
            for i, a in enumerate(data.get("accepted") or ())),
        location=document.locate(()), level=data.get("level"), note=data.get("note"),
    )


def _policy(data: dict[str, Any] | None) -> Policy | None:
    return None if data is None else Policy(data["number"], data["title"], data.get("edition"))


def build_edition(files: EditionFiles, path: Path, services: Iterable[Service] | None = None) -> Edition:
    """The typed edition. Expects schema-valid documents (see schema_check). ``services``: the services already
    built from ``files.services``, in the same order (the lean read builds each as its file is read)."""
    data = files.edition.data
    categories = tuple(Category(c["id"], c["numeral"], c["name"], c.get("area")) for c in data["categories"])
    areas = tuple(Area(a["id"], a["numeral"], a["name"]) for a in data.get("areas") or ())
    units = tuple(
        Unit(name=u["name"], level=u["level"], counterpart=u.get("counterpart"), note=u.get("note"),
             replaces=_tuple(u.get("replaces")), since=_date(u.get("since")), basis=u.get("basis"),
             location=files.units.locate(("units", i)))
        for i, u in enumerate(files.units.data["units"]))
    built = tuple(sorted(services if services is not None else (build_service(d) for d in files.services),
                         key=lambda s: s.number))
    return Edition(path=path, metadata=build_metadata(files.edition), categories=categories, units=units,
                   services=built, shape=data.get("shape") or DEFAULT_SHAPE, areas=areas,
                   crosswalk=build_crosswalk(files.crosswalk) if files.crosswalk is not None else None)


def build_crosswalk(document: Document) -> Crosswalk:
    data = document.data
    return Crosswalk(
        previous=data["from"], columns=tuple((c["from"], tuple(c["to"])) for c in data["columns"]),
        entries=tuple(CrosswalkEntry(e["relation"], tuple(e["old"]), tuple(e["new"]),
                                     document.locate(("services", i))) for i, e in enumerate(data["services"])),
        location=document.locate(()))


def refuse_invalid(files: EditionFiles, problems: Iterable[Result]) -> None:
    """Raise InvalidEditionError for the schema ``problems`` and every duplicate key of ``files``, if any.

    A duplicate key is refused as well: the loader keeps the first value, but which one the editor meant is unknown,
    so no command goes on with either. The problems are sorted as validate sorts its findings, so the line names
    the error validate lists first.
    """
    found = list(problems)
    for _kind, document in files.documents():
        for duplicate in document.duplicates:
            found.append(Result("QD002", Severity.ERROR,
                                # QD002's template (rules/hygiene.py), which this module cannot import
                                Message.of("duplicate key {key!r} (first at line {first_line}); this later value "
                                           "is ignored", key=duplicate.path[-1], first_line=duplicate.first_line),
                                Location(document.name, duplicate.line, duplicate.column, duplicate.path)))
    if found:
        raise InvalidEditionError(sorted(found, key=Result.sort_key))


def missing_file(rel: str, shown: Path | str) -> InputError:
    """The one answer to an edition folder without its edition.yaml (then it is no edition folder) or units.yaml
    (an edition whose unit registry was deleted)."""
    if rel == UNITS_FILE:
        return UnreadableError(_("units.yaml is missing: every edition keeps its unit registry there; restore it "
                                 "(git checkout -- {file}) or copy it from the previous edition").format(file=shown),
                               path=str(shown))
    return InputError(_("not an edition folder: {file} is missing").format(file=rel), path=str(shown))


def no_such_edition(path: Path | str) -> InputError:
    """The one answer to an edition folder that is not there, from every command: what is there instead (a file, a
    dangling link) is named for what it is."""
    if os.path.lexists(path):
        if not os.path.exists(path):
            return InputError(_("is a symbolic link to nothing (or a loop of links)"), path=str(path))
        if not os.path.isdir(path):
            return InputError(_("is not a folder, expected an edition folder"), path=str(path))
    return InputError(_("no such edition folder"), path=str(path))


__all__ = [
    "DirectorySource",
    "EditionFiles",
    "FileSource",
    "InvalidEditionError",
    "build_edition",
    "editions_with_unit",
    "find_editions",
    "missing_file",
    "no_such_edition",
    "read_edition_files",
    "refuse_invalid",
]
