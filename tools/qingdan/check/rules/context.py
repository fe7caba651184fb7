"""What a rule sees: the parsed documents, the typed Edition (when the schemas pass), and ways back to file:line.

Rules work on the typed model; the Context maps a service, part and key path back to the YAML node, so a finding
points at the quantity, the unit or even the character of a text field that is wrong, not only at the service.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar, cast

from ...core.findings import Code
from ...core.model import Edition, Location, Part, Service
from ...core.results import Result, Subject
from ...core.vocabulary import KeyPath, service_label
from ...edition.lineage import Lineage
from ...edition.load import EditionFiles
from ...io.loading import Document

if TYPE_CHECKING:
    from ...io.official_text import SourceDocument

TEXT_FIELDS = ("name", "target", "standard", "funding")

Problem = tuple[str, dict[str, str]]  # what a check found: a message key of its code, and the message's parameters
Fact = TypeVar("Fact")
Value = TypeVar("Value")


class Facts(Protocol):
    """Where the facts of services are kept between runs (the validation cache): see Context.facts_of."""

    def facts(self, name: str, documents: Iterable[Document], compute: Callable[[Service], Fact]) -> list[Fact]: ...

    def service(self, document: Document) -> Service: ...


class Brief(NamedTuple):
    """What the rules spanning files read of every service to name it and point into it: the file it is in, its id,
    number, category and name, and the ids of its parts, in order (Context.briefs)."""

    file: str
    id: str
    number: int
    category: str
    name: str
    parts: tuple[str, ...]


def _brief(service: Service) -> tuple[str, int, str, str, tuple[str, ...]]:
    """A service's brief but its file (a fact of the service: the file is named as this run names it)."""
    return service.id, service.number, service.category, service.name, tuple(part.id for part in service.parts)


def _number(service: Service) -> int:
    return service.number


@dataclass
class Context:
    """What the rules see. ``edition`` is the typed edition whole; a warm run of the validation cache leaves it None
    and gives ``frame`` (the edition without its services) and ``facts`` (the cache) instead, so that the rules
    spanning files read every service's facts (``briefs``, ``facts_of``) and no service is built again from the
    cache unless a rule asks for the whole edition (``typed``, which then builds it)."""

    files: EditionFiles
    edition: Edition | None = None
    source_name: str | None = None  # the official text the edition names, as findings name it
    # that text parsed, if it could be read and parsed (the loading stage parses it, not a rule; the rules read the
    # text's lines through it, and a warm run of the validation cache that finds the file unchanged reads no more)
    source: SourceDocument | None = None
    source_problem: tuple[Location, Problem] | None = None  # why the text named could not be read or parsed
    predecessor: Edition | None = None  # the edition ``previous`` names, when it loads
    predecessor_problem: Problem | None = None  # why it does not, when ``previous`` is set
    facts: Facts | None = None  # the facts of the services an earlier run found (the validation cache)
    frame: Edition | None = None  # the edition without its services, read through ``head``; made from ``edition``
    _by_file: dict[str, Document] = field(default_factory=dict)
    _once: dict[str, Any] = field(default_factory=dict, init=False)  # see once; never shared by only()

    def __post_init__(self) -> None:
        self._by_file = {document.name: document for document in self.files.services}
        if self.frame is None and self.edition is not None:
            self.frame = replace(self.edition, services=())

    @property
    def valid(self) -> bool:
        """Whether every document satisfies its schema, so that there is a typed edition (the edition rules run)."""
        return self.frame is not None

    @property
    def typed(self) -> Edition:
        """The typed edition whole. On a warm run of the validation cache it is built here, from every service the
        cache keeps, the first time a rule asks: a rule spanning files reads ``briefs`` and ``facts_of`` instead
        where it can, and ``head`` for the rest."""
        if self.edition is None and self.frame is not None and self.facts is not None:
            built = (self.facts.service(document) for document in self.files.services)
            self.edition = replace(self.frame, services=tuple(sorted(built, key=_number)))
        assert self.edition is not None, "an edition rule ran without a schema-valid edition"
        return self.edition

    @property
    def head(self) -> Edition:
        """The typed edition without its services (``services`` is empty): its metadata, categories, units and
        crosswalk, for the rules that read the services through ``briefs`` and ``facts_of``."""
        assert self.frame is not None, "an edition rule ran without a schema-valid edition"
        return self.frame

    def only(self, documents: Collection[str]) -> Context:
        """This context with only the service files named ``documents`` (and their services): the rules that read
        one file at a time run on it for the files an earlier run has not checked (the validation cache)."""
        files = replace(self.files, services=tuple(d for d in self.files.services if d.name in documents))
        if self.frame is None:
            return replace(self, files=files, edition=None)
        if self.edition is not None:
            services = tuple(s for s in self.edition.services
                             if s.location is not None and s.location.path in documents)
        else:
            assert self.facts is not None
            services = tuple(sorted(map(self.facts.service, files.services), key=_number))
        return replace(self, files=files, edition=replace(self.frame, services=services))

    @cached_property
    def _briefs(self) -> tuple[tuple[Brief, ...], list[int]]:
        if self.facts is None:
            services = self.typed.services
            return tuple(Brief(s.location.path if s.location is not None else "", *_brief(s)) for s in services), []
        documents = self.files.services
        briefs = [Brief(document.name, *kept) for document, kept in
                  zip(documents, self.facts.facts("brief", documents, _brief), strict=True)]
        # the order of the edition's services: by number, files in their order where numbers are equal (as
        # edition.build_edition sorts them)
        order = sorted(range(len(briefs)), key=lambda index: briefs[index].number)
        return tuple(briefs[index] for index in order), order

    @property
    def briefs(self) -> tuple[Brief, ...]:
        """The brief of every service, in the edition's order (that of ``typed.services``)."""
        return self._briefs[0]

    def facts_of(self, name: str, compute: Callable[[Service], Fact]) -> list[Fact]:
        """``compute(service)`` for every service, in the edition's order: a fact of each service that a rule
        spanning files gathers over all of them (such as the dashes its texts hold). ``compute`` must read the
        service alone (never the edition, the registry or another file) and give plain data (tuples, strings,
        numbers): the validation cache keeps it, named ``name``, with the service file's entry, so that a warm run
        computes it only for the files that changed."""
        if self.facts is None:
            return [compute(service) for service in self.typed.services]
        kept = self.facts.facts(name, self.files.services, compute)
        return [kept[index] for index in self._briefs[1]]

    def once(self, name: str, compute: Callable[[Context], Value]) -> Value:
        """``compute(self)``, computed the first time ``name`` is asked for: what several rules derive alike from the
        context (the units no registry entry knows), derived once per context."""
        if name not in self._once:
            self._once[name] = compute(self)
        return cast(Value, self._once[name])

    @cached_property
    def lineage(self) -> Lineage:
        """The unit lineage of the edition's registry (replaces), read once for every rule that needs it."""
        return Lineage.of(self.head.units)

    # -- locations -------------------------------------------------------------------------------------------
    def document(self, service: Service) -> Document:
        assert service.location is not None
        return self._by_file[service.location.path]

    def path(self, service: Service, part: Part | None, *steps: str | int) -> KeyPath:
        """The key path of ``steps`` inside the service's row or inside one of its parts."""
        if part is None:
            return tuple(steps)
        index = next(i for i, candidate in enumerate(service.parts) if candidate is part)
        return ("parts", index, *steps)

    def at(self, service: Service, part: Part | None, *steps: str | int, key: bool = False) -> Location:
        return self.document(service).locate(self.path(service, part, *steps), key=key)

    def at_brief(self, brief: Brief, part: int | None, *steps: str | int) -> Location:
        """Where ``steps`` are in the service ``brief`` is of, or in its part at index ``part``."""
        path = tuple(steps) if part is None else ("parts", part, *steps)
        return self._by_file[brief.file].locate(path)

    def in_text(self, service: Service, part: Part | None, name: str, offset: int) -> Location:
        """The position of character ``offset`` of text field ``name``, as exactly as the scalar's style allows."""
        return self._in_text(self.document(service), self.path(service, part, name), offset)

    def in_text_of(self, brief: Brief, part: int | None, name: str, offset: int) -> Location:
        """``in_text`` in the service ``brief`` is of, or in its part at index ``part``."""
        path = (name,) if part is None else ("parts", part, name)
        return self._in_text(self._by_file[brief.file], path, offset)

    @staticmethod
    def _in_text(document: Document, path: KeyPath, offset: int) -> Location:
        info = document.nodes.get(path)
        base = document.locate(path)
        text = value_at(document.data, path)
        if info is None or not isinstance(text, str):
            return base
        if info.style in (None, '"', "'") and "\n" not in text[:offset]:
            return Location(base.path, info.line, info.column + offset + (0 if info.style is None else 1), path)
        if info.style in ("|", ">"):
            # a block scalar's text starts on the line after its indicator; its indentation is not recorded
            return Location(base.path, info.line + 1 + text[:offset].count("\n"), None, path)
        return base

    # -- findings --------------------------------------------------------------------------------------------
    def finding(self, code: Code, location: Location, key: str, service: Service | Brief | None = None,
                part: Part | str | None = None, /, **params: Any) -> Result:
        """A finding of ``code`` at ``location`` with message ``key`` of the code, filled in with ``params``; about
        ``service`` (or the service a brief is of) and its ``part`` (or the part of that id)."""
        subject = Subject(service.id if service is not None else None,
                          label(service) if service is not None else None,
                          part if isinstance(part, str) or part is None else part.id)
        return Result(code.code, code.severity, code.say(key, **params), location, subject)

    def unit_location(self, index: int) -> Location:
        return self.files.units.locate(("units", index))


def label(service: Service | Brief) -> str:
    """How a finding names a service: number and name, as in the table ("52 医疗救助")."""
    return service_label(service.number, service.name)


def value_at(data: Any, path: Iterable[str | int]) -> Any:
    """The plain value at a key path of a document's data, or None where there is none."""
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data
