"""Department task sheets (任务分工) and the unit listing, as plain immutable data.

A unit's task is one row of the list (a service, or one of its parts) that names the unit in its city column
(市级牵头责任单位) or its district column (区级对接落实责任部门); the first unit of a column leads it. Rendering lives
in render_tasks.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..core.errors import InputError
from ..core.i18n import _
from ..core.model import Edition, Part, Row, Service, Unit
from ..core.records import frozen
from ..core.vocabulary import nearest_names

COLUMNS = ("city", "district")


class UnknownUnitError(InputError):
    """The unit asked for is neither in the registry nor named by any service (exit 2: the argument is wrong)."""


@frozen
class Task:
    """One row a unit appears in: which column, in what place, and the row itself."""

    service: Service
    part: Part | None
    column: str
    position: int  # 1-based within the column; 1 leads

    @property
    def row(self) -> Row:
        """The row as the published table shows it: a part's empty merged cells read from the row above."""
        return self.service.shown(self.part) if self.part is not None else self.service

    @property
    def inherited(self) -> tuple[str, ...]:
        """The columns of a part's row that are merged cells shown from the row above (MERGEABLE order)."""
        return tuple(self.service.inherited(self.part)) if self.part is not None else ()

    @property
    def part_number(self) -> int | None:
        """1 for a service's first part (子项1), and so on; None for the service's own row."""
        if self.part is None:
            return None
        return next(i for i, part in enumerate(self.service.parts, 1) if part is self.part)

    @property
    def role(self) -> str:
        return "lead" if self.position == 1 else "co"

    @property
    def partners(self) -> tuple[str, ...]:
        """The other units of the same column, in order."""
        units = self.row.city_units if self.column == "city" else self.row.district_units
        return tuple(u for i, u in enumerate(units, 1) if i != self.position)

    @property
    def counterparts(self) -> tuple[str, ...]:
        """The units of the other column: for a district unit, the city units it reports to, and vice versa."""
        return self.row.district_units if self.column == "city" else self.row.city_units


@frozen
class TaskSheet:
    unit: str
    level: str | None  # None for a unit used by services but missing from the registry
    counterpart: str | None
    tasks: tuple[Task, ...]
    shape: str = "list-2017"  # the edition's shape (shapes.py): which text columns a task shows

    @property
    def text_fields(self) -> tuple[tuple[str, str], ...]:
        """The text columns of a task in the edition's shape, each with its word in the published table."""
        from ..edition.shapes import shape

        of = shape(self.shape)
        return tuple((name, of.word(name)) for name in of.text_fields)

    @property
    def led(self) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.role == "lead")


@frozen
class UnitSummary:
    name: str
    level: str | None
    counterpart: str | None
    led: int  # services in which the unit leads a column of the service's row or of a part
    carried: int  # services in which the unit appears at all, leading or not


def tasks_of(edition: Edition, unit: str) -> tuple[Task, ...]:
    """Every row naming ``unit``, in document order (a service's own row before its parts; city column first)."""
    return tuple(
        Task(service, part, column, units.index(unit) + 1)
        for service in edition.services for part, row in service.shown_rows()
        for column, units in (("city", row.city_units), ("district", row.district_units)) if unit in units)


def known_units(edition: Edition) -> tuple[str, ...]:
    """Registry units in registry order, then any unit services name that the registry lacks."""
    names = [u.name for u in edition.units]
    for service in edition.services:
        for _part, row in service.shown_rows():
            names += [u for u in (*row.city_units, *row.district_units) if u not in names]
    return tuple(names)


def _registered(edition: Edition, name: str) -> Unit | None:
    return next((u for u in edition.units if u.name == name), None)


def task_sheet(edition: Edition, unit: str, *,
               elsewhere: Callable[[], Sequence[str]] = tuple) -> TaskSheet:
    """The task sheet of ``unit``. Raises UnknownUnitError for a name not known: naming the other editions that
    know it (``elsewhere``, asked only then), else the closest known units."""
    known = known_units(edition)
    if unit not in known:
        others = elsewhere()
        if others:
            raise UnknownUnitError(_("unknown unit {unit} in edition {edition}; it is a unit of {others}: name that "
                                     "edition (qingdan tasks {unit} {other})").format(
                unit=unit, edition=edition.path.name, others="、".join(others), other=others[-1]))
        close = nearest_names(unit, known)
        if close:
            raise UnknownUnitError(_("unknown unit {unit}; closest known: {close}").format(unit=unit,
                                                                                         close="、".join(close)))
        raise UnknownUnitError(_("unknown unit {unit}; `qingdan units` lists them").format(unit=unit))
    registered = _registered(edition, unit)
    return TaskSheet(unit, registered.level if registered else None,
                     registered.counterpart if registered else None, tasks_of(edition, unit), edition.shape)


def unit_summaries(edition: Edition) -> tuple[UnitSummary, ...]:
    """Every known unit with its level, counterpart and the number of services it leads and carries."""
    out = []
    for name in known_units(edition):
        tasks = tasks_of(edition, name)
        registered = _registered(edition, name)
        out.append(UnitSummary(
            name, registered.level if registered else None, registered.counterpart if registered else None,
            led=len({t.service.id for t in tasks if t.role == "lead"}), carried=len({t.service.id for t in tasks})))
    return tuple(out)
