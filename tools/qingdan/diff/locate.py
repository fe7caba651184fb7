"""Where a change is reported: the service and part a row's changes belong to, and the file:line of the field in
the new edition (the old one for removals) when the parsed files are at hand, else the service's or part's own
location from the model.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from ..core.declarations import field_order
from ..core.model import Edition, Location, Service
from ..core.records import frozen
from ..core.vocabulary import KeyPath, service_label
from ..edition.lineage import Lineage
from ..edition.load import EditionFiles
from ..io.loading import Document
from .codes import kind
from .model import Change, Segment
from .textdiff import Corpus


class Locator:
    """Locations in one edition, by service id and key path inside the service's document."""

    def __init__(self, edition: Edition, files: EditionFiles | None = None) -> None:
        self.edition = edition
        self.files = files
        self.by_id: dict[str, Document] = {}
        if files is not None:
            for document in files.services:
                if isinstance(document.data, dict) and isinstance(document.data.get("id"), str):
                    self.by_id[document.data["id"]] = document

    def service(self, service: Service, path: KeyPath = (), part: str | None = None) -> Location:
        """The node at ``path`` of ``service`` (inside the part with id ``part`` when given)."""
        document = self.by_id.get(service.id)
        index = next((i for i, p in enumerate(service.parts) if p.id == part), None)
        if document is not None:
            prefix: KeyPath = ("parts", index) if index is not None else ()
            return document.locate(prefix + path)
        if index is not None and service.parts[index].location is not None:
            return service.parts[index].location  # type: ignore[return-value]
        return service.location or Location(str(self.edition.path))

    def edition_file(self, path: KeyPath = ()) -> Location:
        if self.files is not None:
            return self.files.edition.locate(path)
        return self.edition.metadata.location or Location(str(self.edition.path / "edition.yaml"))

    def units_file(self, index: int | None = None) -> Location:
        if self.files is not None:
            return self.files.units.locate(("units", index) if index is not None else ())
        if index is not None and self.edition.units[index].location is not None:
            return self.edition.units[index].location  # type: ignore[return-value]
        return Location(str(self.edition.path / "units.yaml"))


@frozen
class Where:
    """A matched row: the service (new side) and optionally a part id, with locators of both editions."""

    service: Service
    old_service: Service
    part: str | None
    new: Locator
    old: Locator
    lineage: Lineage = field(default_factory=lambda: Lineage({}, ()))  # the new registry's, for unit names
    elsewhere: Corpus | None = None  # the new edition's standards and funding, for clauses moved, not cut

    @property
    def part_number(self) -> int | None:
        """The part's place (from 1) in the new service, or in the old one for a removed part."""
        for service in (self.service, self.old_service):
            ids = [p.id for p in service.parts]
            if self.part in ids:
                return ids.index(self.part) + 1
        return None

    @property
    def label(self) -> str:
        return service_label(self.service.number, self.service.name)

    def change(self, code: str, key: str, path: tuple[str | int, ...] = (), *, on_old: bool = False,
               field: str | None = None, old: Any = None, new: Any = None, relative: float | None = None,
               segments: tuple[Segment, ...] = (), params: dict[str, Any] | None = None) -> Change:
        """A change of this row with its kind's message ``key``; located in the old edition when ``on_old``
        (something removed). The message takes ``old`` and ``new`` where its template names them, and ``params``."""
        if on_old:
            location = self.old.service(self.old_service, path, self.part)
        else:
            location = self.new.service(self.service, path, self.part)
        declared = kind(code)
        wanted = field_order(declared.messages[key])
        said = declared.say(key, **{name: value for name, value in (("old", old), ("new", new)) if name in wanted},
                            **(params or {}))
        return Change.of(code, declared.cls, said, location, service=self.service.id,
                      service_label=self.label, part=self.part, part_number=self.part_number,
                      field=field or (str(path[0]) if path else None),
                      old=old, new=new, relative=relative, segments=segments)
