"""A service through the chain of editions: each edition back along ``previous``, the service found by its stable id
(so across renumbering and renames), with what it held there and what the diff says changed since the one before.

The chain starts at an edition folder and follows ``previous:`` to the folder of that name beside it (as the diff
pairs editions), until the first edition of the list, a predecessor without the service (it was added after), or an
edition already visited. Each pair is compared by the diff; its changes of the service are the step's changes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..core.errors import InputError
from ..core.i18n import _
from ..core.model import Edition, Service
from ..core.records import frozen
from ..edition.load import previous_of
from .codes import UNIT_LINEAGE_CODES
from .model import Change, names


@frozen
class Step:
    """The service in one edition: the edition's name and date signed, the service as it stands there, and the
    changes of it against the previous step (``added`` when the edition before has no such service)."""

    edition: str
    signed: date | None
    service: Service
    changes: tuple[Change, ...] = ()
    added: bool = False


@frozen
class History:
    """The steps of one service (stable id), the newest edition first."""

    service: str
    steps: tuple[Step, ...]


def find_service(edition: Edition, key: str) -> Service:
    """A service of ``edition`` by stable id, 序号 or name; an InputError (exit 2) when none is."""
    for service in edition.services:
        if key in (service.id, service.name) or (key.isdigit() and service.number == int(key)):
            return service
    raise InputError(_("no service {key!r} in this edition: give its id, its number or its name").format(key=key),
                     path=str(edition.path))




def reformed(change: Change, before: Service | None) -> bool:
    """Whether ``change`` is an institutional reform of a unit the service named in the edition before."""
    if change.code not in UNIT_LINEAGE_CODES or before is None:
        return False
    named = {name for _, row in before.rows() for name in (*row.city_units, *row.district_units)}
    return any(name in named for name in names(change.old))


def history(folder: Path, key: str, cwd: Path | None = None) -> History:
    """The history of the service ``key`` (id, number or name in the edition at ``folder``)."""
    from . import compare
    from .pairing import load_side

    here = cwd or Path.cwd()
    side = load_side(str(folder), here)
    service = find_service(side.edition, key)
    steps: list[Step] = []
    seen = {folder.resolve()}
    while True:
        previous = previous_of(folder)
        older = None if previous is None else folder.parent / previous
        if older is None or older.resolve() in seen or not older.is_dir():
            steps.append(Step(side.name, side.edition.metadata.signed, service))
            break
        seen.add(older.resolve())
        old_side = load_side(str(older), here)
        report = compare(old_side.edition, side.edition, old_files=old_side.files, new_files=side.files,
                         old_name=old_side.name, new_name=side.name)
        before = next((s for s in old_side.edition.services if s.id == service.id), None)
        changes = tuple(c for c in report.changes if c.service == service.id or reformed(c, before))
        steps.append(Step(side.name, side.edition.metadata.signed, service, changes, added=before is None))
        if before is None:
            break
        folder, side, service = older, old_side, before
    return History(service.id, tuple(steps))
