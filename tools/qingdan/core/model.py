"""The nouns of an edition: immutable, typed objects that downstream code can rely on.

Built by ``edition.build_edition`` (through the load pipeline, pipeline.py) from the YAML files; each service keeps
the file and line it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .records import frozen
from .results import Location as Location  # where a service came from; model users import it from here


@frozen
class Quantity:
    """A number the text states: a money amount, a percentage, a count, with its quote in the text."""

    name: str
    field: str
    quote: str
    unit: str
    value: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    per: str | None = None


@frozen
class Share:
    payer: str
    value: float | None = None
    quantity: str | None = None


@frozen
class Split:
    """How a cost is divided between payers: a ratio (8∶2), or amounts or rates that add up to a total."""

    name: str
    kind: str
    shares: tuple[Share, ...]
    field: str = "funding"
    quote: str | None = None
    total: str | None = None


@frozen
class Derivation:
    """Arithmetic the text states: ``result`` equals the product of ``product`` (all quantity names)."""

    result: str
    product: tuple[str, ...]


@frozen
class Row:
    """What a service and each of its parts carry: who it is for, the standard, who pays, who does it."""

    target: str | None
    standard: str | None
    funding: str | None
    city_units: tuple[str, ...]
    district_units: tuple[str, ...]
    payers: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    splits: tuple[Split, ...] = ()
    derivations: tuple[Derivation, ...] = ()
    content: str | None = None  # 服务内容, in the standard-2021 shape (shapes.py); None in list-2017

    @property
    def lead_city_unit(self) -> str | None:
        return self.city_units[0] if self.city_units else None

    @property
    def lead_district_unit(self) -> str | None:
        return self.district_units[0] if self.district_units else None


# The columns of the published table a part can share with the row above it: a part's empty cell there is merged
# with the cell above (item 52's 重特大疾病 row has no standard or funding of its own), so it shows that cell's value.
MERGEABLE = ("target", "content", "standard", "funding", "city_units", "district_units")


@frozen
class Part(Row):
    """A sub-row of a service (item 52 has two)."""

    id: str = ""
    location: Location | None = field(default=None, compare=False)


@frozen
class Waiver:
    rule: str
    reason: str
    part: str | None = None
    location: Location | None = field(default=None, compare=False)


@frozen
class Service(Row):
    """One numbered service of the list (服务项目)."""

    id: str = ""
    number: int = 0
    category: str = ""
    name: str = ""
    parts: tuple[Part, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    location: Location | None = field(default=None, compare=False)
    # The levels (docs/levels-and-shapes.md): the parent items it implements, why a local addition exists, and the
    # columns a row transcribed from its name only does not know.
    implements: tuple[str, ...] = ()
    basis: str | None = None
    unknown: tuple[str, ...] = ()

    @property
    def names_only(self) -> bool:
        """A row transcribed from its name only: its columns are unknown, not empty."""
        return bool(self.unknown)

    def rows(self) -> Iterator[tuple[Part | None, Row]]:
        """The service's own row, then each part, as the data holds them: what rules and exports walk over."""
        yield None, self
        for part in self.parts:
            yield part, part

    def inherited(self, part: Part) -> dict[str, str | tuple[str, ...]]:
        """The columns ``part`` leaves empty, with the value the published table shows there: the nearest non-empty
        cell above it (an earlier part's, else the service's own), since the empty cell is merged with it.

        ``payers`` follows ``funding``: a part that shows the funding above and lists no payers of its own shows
        that row's payers too. The data keeps the empty cell (it is what the text publishes); this is its reading.
        """
        at = next((i for i, candidate in enumerate(self.parts) if candidate is part), None)
        above: list[Row] = [self, *self.parts[:self.parts.index(part) if at is None else at]]
        out: dict[str, str | tuple[str, ...]] = {}
        for name in MERGEABLE:
            if not getattr(part, name):
                value = next((getattr(row, name) for row in reversed(above) if getattr(row, name)), None)
                if value:
                    out[name] = value
        if "funding" in out and not part.payers:
            payers = next((row.payers for row in reversed(above) if row.funding), ())
            if payers:
                out["payers"] = payers
        return out

    def shown(self, part: Part) -> Part:
        """``part`` as the published table shows it: its empty merged cells filled from the cells above
        (see ``inherited``). Task sheets, the spreadsheet views and the diff read parts through this."""
        changes: dict[str, Any] = dict(self.inherited(part))
        return replace(part, **changes)

    def shown_rows(self) -> Iterator[tuple[Part | None, Row]]:
        """Like ``rows``, with each part as the published table shows it (``shown``)."""
        yield None, self
        for part in self.parts:
            yield part, self.shown(part)


@frozen
class Category:
    id: str
    numeral: str
    name: str
    area: str | None = None  # the area (方面) it is under, in a shape grouped by areas (standard-2021)


@frozen
class Area:
    """An area (方面) of a list grouped by areas and categories (the standard-2021 shape): 幼有所育 …"""

    id: str
    numeral: str
    name: str


@frozen
class Unit:
    """A responsible unit; for a city unit, the district unit that carries its tasks."""

    name: str
    level: str
    counterpart: str | None = None
    note: str | None = None
    replaces: tuple[str, ...] = ()  # the units it succeeds: one is a rename, several a merge (see lineage.py)
    since: date | None = None
    basis: str | None = None
    location: Location | None = field(default=None, compare=False)


@frozen
class Policy:
    """The policy a list carries out; ``edition`` names the edition of the list above that qingdan holds."""

    number: str
    title: str
    edition: str | None = None


@frozen
class Acceptance:
    """A change against the predecessor that reviewers accepted: the change code, where it is, and why."""

    code: str
    service: str
    reason: str
    part: str | None = None
    old: str = ""  # the changed value or text before and after, as the diff shows it: one change, no other
    new: str = ""
    location: Location | None = field(default=None, compare=False)


@frozen
class Metadata:
    """The notice that publishes the list (its 文号, title, dates, addressees)."""

    edition: str
    document_number: str
    issuer: str
    title: str
    table_title: str
    recipients: str
    preamble: str
    requirements: tuple[tuple[str, str], ...]
    signed: date | None
    printed: date | None
    copy_to: tuple[str, ...]
    printer: str
    parent: Policy | None  # None for a list at the top (the national list)
    period_name: str
    period_start: int
    period_end: int
    data_version: str = "1.0.0"
    previous: str | None = None  # the edition this one revises
    source: str | None = None  # the official text's file, relative to the edition folder
    accepted: tuple[Acceptance, ...] = ()
    location: Location | None = field(default=None, compare=False)
    level: str | None = None  # national, provincial, municipal, ..., district, township
    note: str | None = None  # what the edition is where it is not the official text

    @property
    def parent_edition(self) -> str | None:
        """The edition of the list above this one (``parent: edition:``), which qingdan conform compares with."""
        return self.parent.edition if self.parent is not None else None


RELATIONS = ("same", "renamed", "moved", "split", "merged", "new", "dropped")


@frozen
class CrosswalkEntry:
    """Old service ids → new service ids, with their relation (one of RELATIONS)."""

    relation: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    location: Location | None = field(default=None, compare=False)


@frozen
class Crosswalk:
    """crosswalk.yaml: how a revision maps its predecessor (``previous``) onto itself: each old column to the
    columns that hold its text now, each old service to its new ones."""

    previous: str
    columns: tuple[tuple[str, tuple[str, ...]], ...]
    entries: tuple[CrosswalkEntry, ...]
    location: Location | None = field(default=None, compare=False)

    def columns_of(self, name: str) -> tuple[str, ...]:
        """The new columns that hold the old column ``name`` (itself when the crosswalk does not map it)."""
        return next((to for old, to in self.columns if old == name), (name,))


@frozen
class Edition:
    """A whole edition: metadata, categories in order, units, and services in document order."""

    path: Path
    metadata: Metadata
    categories: tuple[Category, ...]
    units: tuple[Unit, ...]
    services: tuple[Service, ...]
    shape: str = "list-2017"  # the shape's id (shapes.py); see shapes.DEFAULT_SHAPE
    areas: tuple[Area, ...] = ()
    crosswalk: Crosswalk | None = None  # crosswalk.yaml, in a revision that maps its predecessor onto itself

    def categories_in(self, area_id: str) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if c.area == area_id)

    def service(self, key: str | int) -> Service:
        """Look a service up by stable id or by number (序号)."""
        for service in self.services:
            if service.id == key or (isinstance(key, int) and service.number == key):
                return service
        raise KeyError(key)

    def unit(self, name: str) -> Unit:
        for unit in self.units:
            if unit.name == name:
                return unit
        raise KeyError(name)

    def services_in(self, category_id: str) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.category == category_id)

    def services_of_unit(self, name: str) -> tuple[Service, ...]:
        """Services with ``name`` among the city or district units of the service or one of its parts."""
        return tuple(
            s for s in self.services
            if any(name in row.city_units or name in row.district_units for _, row in s.rows())
        )
