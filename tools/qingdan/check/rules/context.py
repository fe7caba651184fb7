"""What a rule sees: the parsed documents, the typed Edition (when the schemas pass), and ways back to file:line.

Rules work on the typed model; the Context maps a service, part and key path back to the YAML node, so a finding
points at the quantity, the unit or even the character of a text field that is wrong, not only at the service.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

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


class Facts(Protocol):
    """Where the facts of services are kept between runs (the validation cache): see Context.fact."""

    def facts(self, name: str, services: Iterable[Service], compute: Callable[[Service], Fact]) -> list[Fact]: ...


@dataclass
class Context:
    files: EditionFiles
    edition: Edition | None = None
    source_text: str | None = None  # the official text the edition names, if it could be read and parsed
    source_name: str | None = None
    source: SourceDocument | None = None  # that text parsed (the loading stage parses it, not a rule)
    source_problem: tuple[Location, Problem] | None = None  # why the text named could not be read or parsed
    predecessor: Edition | None = None  # the edition ``previous`` names, when it loads
    predecessor_problem: Problem | None = None  # why it does not, when ``previous`` is set
    facts: Facts | None = None  # the facts of the services an earlier run found (the validation cache)
    _by_file: dict[str, Document] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_file = {document.name: document for document in self.files.services}

    def only(self, documents: Collection[str]) -> Context:
        """This context with only the service files named ``documents`` (and their services): the rules that read
        one file at a time run on it for the files an earlier run has not checked (the validation cache)."""
        files = replace(self.files, services=tuple(d for d in self.files.services if d.name in documents))
        edition = None if self.edition is None else replace(self.edition, services=tuple(
            s for s in self.edition.services if s.location is not None and s.location.path in documents))
        return replace(self, files=files, edition=edition)

    def facts_of(self, name: str, compute: Callable[[Service], Fact]) -> list[Fact]:
        """``compute(service)`` for every service, in order: a fact of each service that a rule spanning files
        gathers over all of them (such as the dashes its texts hold). ``compute`` must read the service alone (never
        the edition, the registry or another file) and give plain data (tuples, strings, numbers): the validation
        cache keeps it, named ``name``, with the service file's entry, so that a warm run computes it only for the
        files that changed."""
        if self.facts is None:
            return [compute(service) for service in self.typed.services]
        return self.facts.facts(name, self.typed.services, compute)

    @cached_property
    def lineage(self) -> Lineage:
        """The unit lineage of the edition's registry (replaces), read once for every rule that needs it."""
        return Lineage.of(self.typed.units)

    @property
    def typed(self) -> Edition:
        assert self.edition is not None, "an edition rule ran without a schema-valid edition"
        return self.edition

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

    def in_text(self, service: Service, part: Part | None, name: str, offset: int) -> Location:
        """The position of character ``offset`` of text field ``name``, as exactly as the scalar's style allows."""
        document = self.document(service)
        path = self.path(service, part, name)
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
    def finding(self, code: Code, location: Location, key: str, service: Service | None = None,
                part: Part | None = None, /, **params: Any) -> Result:
        """A finding of ``code`` at ``location`` with message ``key`` of the code, filled in with ``params``."""
        subject = Subject(service.id if service is not None else None,
                          label(service) if service is not None else None, part.id if part is not None else None)
        return Result(code.code, code.severity, code.say(key, **params), location, subject)

    def unit_location(self, index: int) -> Location:
        return self.files.units.locate(("units", index))


def label(service: Service) -> str:
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
