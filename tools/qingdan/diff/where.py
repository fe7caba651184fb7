"""The place a row's changes are reported at: which service and part, and how to locate a field there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..declarations import field_order
from ..lineage import Lineage
from ..model import Service
from ..vocabulary import service_label
from .codes import kind
from .locate import Locator
from .model import Change, Segment
from .textdiff import Corpus


@dataclass(frozen=True)
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
