"""A list against the list above it (``qingdan conform``): every parent item implemented, local additions justified,
no amount below the parent's (QD801–QD804).

A child edition names the edition of the list above it (``parent: edition:`` in edition.yaml), and each of its
services the parent items it implements (``implements: [id, …]``). Conformance reads the two typed editions and the
child's parsed files (for the file and line of each finding); it neither loads nor prints. Names that differ are
listed, not faulted: a district may word an item its own way. An amount is compared only where both sides state one
with the same unit and period (万元 counted in 元), matched by the quantity's name, else as the only such amount of
each side; the parent's standard is a floor (不低于上级标准), so the child's lower end below the parent's is an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.findings import Code, Report
from ..core.model import Edition, Location, Quantity, Service
from ..core.records import frozen
from ..core.results import Result, Severity, Subject
from ..core.vocabulary import SCALES, service_label
from ..edition.load import EditionFiles

MISSING_ITEM = Code(
    "QD801", "parent item not implemented",
    "Every item of the parent edition (parent: edition: in edition.yaml) must be implemented by a service of the "
    "list below it, which names the item under implements: (缺项 otherwise). Reported by qingdan conform at the "
    "parent item.", waivable=False,
    messages={"": "{item} of {parent} is implemented by no service of {child} (缺项): name {id} under implements: "
                  "in the service that carries it out"})
BELOW_PARENT = Code(
    "QD802", "amount below the parent's standard",
    "Where a service and the parent item it implements both state an amount with the same unit and period, the "
    "service's amount must not be below the parent's (不低于上级标准): a lower figure is an error at the service's "
    "amount. Reported by qingdan conform.", waivable=False,
    messages={"": "{name} {amount} is below the {parent_amount} of {item} in {parent} (低于上级标准)"})
UNKNOWN_ITEM = Code(
    "QD803", "implemented item not in the parent",
    "Every id under implements: must be the id of an item of the parent edition. Reported by qingdan conform at "
    "the id.", waivable=False,
    messages={"": "implements: {id} is no item of {parent}"})
UNFOUNDED_ADDITION = Code(
    "QD804", "local addition without basis",
    "A service that implements no parent item is a local addition; the 2021 national notice asks every item beyond "
    "the standard above to be justified, so each records its basis: (the instrument or decision that adds it). "
    "Reported by qingdan conform.", severity=Severity.WARNING, waivable=False,
    messages={"": "a local addition (it implements no item of {parent}) without a basis: record the instrument "
                  "that adds it under basis:"})

CONFORM_CODES = (MISSING_ITEM, BELOW_PARENT, UNKNOWN_ITEM, UNFOUNDED_ADDITION)


@frozen
class Renamed:
    """A service that implements a parent item under another name."""

    service: Service
    item: Service


@frozen
class Conformance:
    """What ``qingdan conform`` found: the counts and ids of its JSON, and the findings with their places."""

    parent: str
    child: str
    items: int  # the parent's items
    implemented: int  # of them, those some service implements
    renamed: tuple[Renamed, ...]
    additions: tuple[Service, ...]
    missing: tuple[Service, ...]  # parent items
    below_floor: tuple[Service, ...]  # child services
    report: Report

    @property
    def ok(self) -> bool:
        return self.report.ok


def conform(child: Edition, child_files: EditionFiles, parent: Edition, *, child_name: str,
            parent_name: str) -> Conformance:
    """``child`` against ``parent``; ``child_files`` are the child's parsed documents (for lines)."""
    items = {item.id: item for item in parent.services}
    documents = {document.name: document for document in child_files.services}

    def at(service: Service, *path: str | int, key: bool = False) -> Location:
        assert service.location is not None
        return documents[service.location.path].locate(path, key=key)

    def finding(code: Code, where: Location, service: Service | None, **params: object) -> Result:
        subject = Subject(service.id, service_label(service.number, service.name)) if service else Subject()
        return Result(code.code, code.severity, code.say("", **params), where, subject)

    findings: list[Result] = []
    implemented: set[str] = set()
    renamed: list[Renamed] = []
    additions: list[Service] = []
    below: list[Service] = []
    for service in child.services:
        known = [item_id for item_id in dict.fromkeys(service.implements) if item_id in items]
        for index, item_id in enumerate(service.implements):
            if item_id not in items:
                findings.append(finding(UNKNOWN_ITEM, at(service, "implements", index), service, id=item_id,
                                        parent=parent_name))
        if not service.implements:
            additions.append(service)
            if service.basis is None:  # at its empty implements: where it says so, else at the service
                where = at(service, "implements", key=True)
                findings.append(finding(UNFOUNDED_ADDITION, where, service, parent=parent_name))
        implemented.update(known)
        renamed += [Renamed(service, items[i]) for i in known if items[i].name != service.name]
        floors = [finding(BELOW_PARENT, at(service, *path), service, name=quantity.name, amount=_shown(quantity),
                          parent_amount=_shown(floor), item=service_label(items[i].number, items[i].name),
                          parent=parent_name)
                  for i in known for path, quantity, floor in _below(service, items[i])]
        if floors:
            below.append(service)
            findings += floors
    missing = tuple(item for item in parent.services if item.id not in implemented)
    findings += [Result(MISSING_ITEM.code, MISSING_ITEM.severity,
                        MISSING_ITEM.say("", item=service_label(item.number, item.name), id=item.id,
                                         parent=parent_name, child=child_name),
                        item.location or Location(parent_name))
                 for item in missing]
    report = Report.of(findings, files=1 + len(child.services), editions=(child_name, parent_name))
    return Conformance(parent_name, child_name, len(items), len(implemented), tuple(renamed), tuple(additions),
                       missing, tuple(below), report)


def _below(service: Service, item: Service) -> Iterator[tuple[tuple[str | int, ...], Quantity, Quantity]]:
    """Each amount of ``service`` (its own row's and its parts') below the matching amount of ``item``."""
    floors = [q for _part, row in item.rows() for q in row.quantities]
    rows = [((), service), *((("parts", i), part) for i, part in enumerate(service.parts))]
    for prefix, row in rows:
        for index, quantity in enumerate(row.quantities):
            floor = _match(quantity, floors, row.quantities)
            if floor is not None and _low(quantity)[1] < _low(floor)[1]:
                yield (*prefix, "quantities", index), quantity, floor


def _match(quantity: Quantity, floors: list[Quantity], mine: tuple[Quantity, ...]) -> Quantity | None:
    """The parent's amount ``quantity`` answers to: of the same unit and period, by name, else the only one on
    each side."""
    kind = _kind(quantity)
    same = [floor for floor in floors if _kind(floor) == kind]
    named = [floor for floor in same if floor.name == quantity.name]
    if named:
        return named[0]
    if len(same) == 1 and sum(1 for q in mine if _kind(q) == kind) == 1:
        return same[0]
    return None


def _kind(quantity: Quantity) -> tuple[str, str | None]:
    return SCALES.get(quantity.unit, (quantity.unit, 1.0))[0], quantity.per


def _low(quantity: Quantity) -> tuple[str, float]:
    """The quantity's unit and lower end, 万元 counted in 元."""
    unit, scale = SCALES.get(quantity.unit, (quantity.unit, 1.0))
    low = quantity.value if quantity.value is not None else quantity.minimum
    return unit, (low or 0.0) * scale


def _shown(quantity: Quantity) -> str:
    """An amount as the text words it, such as 每生每年 1500 元."""
    def number(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    figure = number(quantity.value) if quantity.value is not None else \
        "–".join(filter(None, (number(quantity.minimum), number(quantity.maximum))))
    return " ".join(filter(None, (quantity.per, f"{figure} {quantity.unit}")))
