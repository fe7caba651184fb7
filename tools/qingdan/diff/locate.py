"""Where a change is: file:line of the field in the new edition (the old one for removals), when the parsed files
are at hand, else the service's or part's own location from the model."""

from __future__ import annotations

from ..edition import EditionFiles
from ..loading import Document
from ..model import Edition, Location, Service
from ..vocabulary import KeyPath


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
