"""Build the 修订说明 and 修订对照表 from a diff's report and the two editions it compared (nothing is re-diffed).

Each change of a service is put in the cell it changed (service, part, column): a quantity in the column its text
quotes it from, a funding split or payers in 支出责任, a service added or removed in 服务项目; a curated field that
is no cell (waivers) is left to the diff. A cell's class is
the first of RANK among its changes' classes; a service counts under each class one of its cells has. The old and
new texts of a row are the whole cells as the editions hold them. A unit renamed or merged in an institutional
reform is one row for the whole table, and counts the services that named the old unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ...core.model import Edition, Row, Service
from ...core.vocabulary import part_label
from ...diff.codes import UNIT_LINEAGE_CODES
from ...diff.model import Change, DiffReport, names
from .classes import CLASSES, RANK, class_of
from .model import Changelog, Named
from .model import Row as ChangedRow

CELL_FIELDS = ("target", "standard", "funding", "city_units", "district_units")
COLUMN_ORDER = ("name", "category", "part", *CELL_FIELDS)


Find = Callable[[Edition, str], "Service | None"]


def _scan(edition: Edition, service_id: str) -> Service | None:
    """The service of id ``service_id`` in ``edition`` (the first), by a pass over its services: the reference
    for ``_Index``."""
    return next((s for s in edition.services if s.id == service_id), None)


class _Index:
    """``_scan`` of the editions of one changelog by a dict of their services by id, made once: a changelog finds
    each changed cell's service several times, and a pass over a large edition each time is quadratic."""

    def __init__(self, *editions: Edition) -> None:
        self._services: dict[int, dict[str, Service]] = {}
        for edition in editions:
            found: dict[str, Service] = {}
            for service in edition.services:
                found.setdefault(service.id, service)
            self._services[id(edition)] = found

    def __call__(self, edition: Edition, service_id: str) -> Service | None:
        return self._services[id(edition)].get(service_id)


def _row(service: Service | None, part: str | None) -> Row | None:
    if service is None or part is None:
        return service
    return next((p for p in service.parts if p.id == part), None)


def column_of(change: Change, old: Edition, new: Edition, find: Find) -> str:
    """The column of the table a service's change is in."""
    name = change.field or ""
    if name in CELL_FIELDS or name == "category":
        return name
    if name in ("service", "name"):
        return "name"
    if name == "parts":
        return "part"
    if name in ("splits", "payers"):
        return "funding"
    if name == "quantities":
        quantity = change.message.values.get("name")
        for edition in (new, old):
            row = _row(find(edition, change.service or ""), change.part)
            found = next((q for q in row.quantities if q.name == quantity), None) if row is not None else None
            if found is not None:
                return found.field
    return "standard" if name == "derivations" else name


def cell_text(edition: Edition, service_id: str, part: str | None, column: str, find: Find) -> str:
    """The text of a cell of ``edition``'s table ("" where the service, part or cell is not there)."""
    service = find(edition, service_id)
    row = _row(service, part)
    if service is None or row is None:
        return ""
    if column == "name":
        return service.name
    if column == "category":
        return next((c.name for c in edition.categories if c.id == service.category), service.category)
    if column == "part":
        return row.target or ""
    value = getattr(row, column, None)
    if isinstance(value, tuple):
        return "、".join(value)
    return value or ""


def _part_label(service: Service, part: str | None) -> str:
    if part is None:
        return service.name
    ids = [p.id for p in service.parts]
    return f"{service.name}（{part_label(ids.index(part) + 1)}）" if part in ids else service.name


def _reform_rows(report: DiffReport, old: Edition, new: Edition, find: Find) -> tuple[list[ChangedRow], list[Named]]:
    rows: list[ChangedRow] = []
    touched: dict[str, Named] = {}
    for change in (c for c in report.changes if c.code in UNIT_LINEAGE_CODES):
        before, after = names(change.old), names(change.new)
        levels = {u.level for u in new.units if u.name in after}
        column = "district_units" if levels == {"district"} else "city_units"
        rows.append(ChangedRow("reform", None, None, "", column, "、".join(before), "、".join(after), (change,)))
        for service in old.services:
            if any(name in before for _, row in service.rows() for name in (*row.city_units, *row.district_units)):
                now = find(new, service.id) or service
                touched[service.id] = Named(service.id, now.number, now.name)
    return rows, sorted(touched.values(), key=lambda named: named.number)


def changelog(report: DiffReport, old: Edition, new: Edition) -> Changelog:
    """The 修订说明 and 修订对照表 of ``report``, the diff of ``old`` into ``new``."""
    return _changelog(report, old, new, _Index(old, new))


def _changelog(report: DiffReport, old: Edition, new: Edition, find: Find) -> Changelog:
    cells: dict[tuple[str, str | None, str], list[Change]] = defaultdict(list)
    for change in report.changes:
        if change.service is None or class_of(change.code) is None:
            continue
        column = column_of(change, old, new, find)
        if column not in COLUMN_ORDER:
            continue  # a curated field that is no cell of the table (waivers): the diff shows it
        cells[(change.service, change.part, column)].append(change)
    rows, reformed = _reform_rows(report, old, new, find)
    named: dict[str, dict[str, Named]] = {cls.slug: {} for cls in CLASSES}
    table: list[tuple[tuple[int, int, int], ChangedRow]] = []
    for (service_id, part, column), changes in cells.items():
        classes = {cls.slug for cls in (class_of(c.code) for c in changes) if cls is not None}
        slug = next(s for s in RANK if s in classes)
        service = find(new, service_id) or find(old, service_id)
        assert service is not None  # a change names a service of one of the editions it compares
        part_index = [p.id for p in service.parts].index(part) + 1 if part in [p.id for p in service.parts] else 0
        row = ChangedRow(slug, service_id, service.number, _part_label(service, part), column,
                         cell_text(old, service_id, part, column, find), cell_text(new, service_id, part, column, find),
                         tuple(changes))
        table.append(((service.number, part_index, COLUMN_ORDER.index(column) if column in COLUMN_ORDER else 99),
                      row))
        named[slug][service_id] = Named(service_id, service.number, service.name)
    for touched in reformed:
        named["reform"][touched.id] = touched
    services = tuple((slug, tuple(sorted(found.values(), key=lambda n: n.number))) for slug, found in named.items())
    rows.extend(row for _, row in sorted(table, key=lambda item: item[0]))
    return Changelog(report.old_name, report.new_name, services, tuple(rows))
