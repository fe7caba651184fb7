"""What the site's pages show, gathered from the library as plain immutable data: the editions under a folder with
the days each is in force, each edition's revision of its predecessor (the diff, the 修订说明 and 修订对照表), every
service's history through the chain of editions, the task sheet of every unit, and the unit registry's lineage.

Each pair of editions is compared once (``diff.compare``) and its report serves the revision page, the classes of
change the table filters by, and every service's history, which holds the same steps ``history.history`` finds (a
test compares them).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from ...core.errors import DataError
from ...core.i18n import ngettext
from ...core.model import Edition, Service
from ...core.records import frozen
from ...diff import compare
from ...diff.history import History, Step, reformed
from ...diff.model import Change, DiffReport
from ...diff.pairing import Side, load_side
from ...edition.lineage import Event, Lineage
from ...edition.load import find_editions, no_such_edition, previous_of
from ...edition.periods import Period, periods
from ..changelog import Changelog
from ..changelog import changelog as build_changelog
from ..changelog.classes import RANK, class_of
from ..tasks import TaskSheet, known_units, task_sheet


@frozen
class Revision:
    """An edition's revision of its predecessor: the diff's report and the 修订说明 and 修订对照表 read from it."""

    previous: str
    report: DiffReport
    changelog: Changelog

    def classes_of(self, service: str) -> tuple[str, ...]:
        """The 修订说明 classes of the service's changed cells, in the 修订说明's order of severity (RANK)."""
        found = {row.cls for row in self.changelog.rows if row.service == service}
        return tuple(slug for slug in RANK if slug in found)


@frozen
class EditionData:
    """One edition of the site: its folder name, the loaded edition and its files' folder, its period in force
    (None while undated), whether it is the edition in force now, its revision, histories and task sheets."""

    name: str
    folder: Path
    edition: Edition
    period: Period | None
    current: bool
    revision: Revision | None
    histories: dict[str, History]
    sheets: tuple[TaskSheet, ...]
    lineage: tuple[Event, ...]


@frozen
class SiteData:
    """Every edition the site shows, in the order they were signed (undated ones last, by name)."""

    root: Path
    editions: tuple[EditionData, ...]


class _Gatherer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.sides: dict[str, Side] = {}
        self.reports: dict[tuple[str, str], DiffReport] = {}

    def side(self, name: str) -> Side:
        if name not in self.sides:
            self.sides[name] = load_side(name, self.root)
        return self.sides[name]

    @functools.cache  # noqa: B019 (one gatherer per build): edition.yaml read once per edition, not per service
    def previous(self, name: str) -> str | None:
        previous = previous_of(self.root / name)
        return previous if previous is not None and (self.root / previous).is_dir() else None

    def report(self, old: str, new: str) -> DiffReport:
        if (old, new) not in self.reports:
            a, b = self.side(old), self.side(new)
            self.reports[old, new] = compare(a.edition, b.edition, old_files=a.files, new_files=b.files,
                                             old_name=old, new_name=new)
        return self.reports[old, new]

    def history(self, name: str, service: Service) -> History:
        steps: list[Step] = []
        seen = {name}
        while True:
            side = self.side(name)
            older = self.previous(name)
            if older is None or older in seen:
                steps.append(Step(name, side.edition.metadata.signed, service))
                break
            seen.add(older)
            before = next((s for s in self.side(older).edition.services if s.id == service.id), None)
            changes = tuple(c for c in self.report(older, name).changes
                            if c.service == service.id or reformed(c, before))
            steps.append(Step(name, side.edition.metadata.signed, service, changes, added=before is None))
            if before is None:
                break
            name, service = older, before
        return History(service.id if not steps else steps[0].service.id, tuple(steps))

    def edition(self, name: str, period: Period | None, current: bool) -> EditionData:
        refuse_invalid(self.root / name)
        edition = self.side(name).edition
        older = self.previous(name)
        revision = None
        if older is not None:
            report = self.report(older, name)
            revision = Revision(older, report, build_changelog(report, self.side(older).edition, edition))
        return EditionData(
            name, self.root / name, edition, period, current, revision,
            {service.id: self.history(name, service) for service in edition.services},
            tuple(task_sheet(edition, unit) for unit in known_units(edition)),
            Lineage.of(edition.units).events)


def refuse_invalid(folder: Path) -> None:
    """A site publishes only data that validates, as ``export`` does: a DataError (exit 1) naming the first error."""
    from ...check.validation import validate_to_read

    errors = validate_to_read(folder)[0].errors
    if errors:
        first = errors[0]
        raise DataError(ngettext(
            "{code} {message}; not published: the edition has this validation error (qingdan validate reports it)",
            "{code} {message}; not published: run qingdan validate for all {count} validation errors",
            len(errors)).format(code=first.code, message=first.text, count=len(errors)),
            path=first.location.path, line=first.location.line, column=first.location.column)


def gather(root: Path, names: Sequence[str] = ()) -> SiteData:
    """The site's data for the editions ``names`` under ``root`` (every edition there when none is named).

    The current edition is the one signed last (``periods``): in force now or most recently. It is not read from
    today's date, so that the same data gives the same pages on any day.
    """
    folders = [folder.name for folder in find_editions(root)]
    for name in names:
        if name not in folders:
            raise no_such_edition(root / name)
    chosen = list(names) or folders
    found = {p.folder.name: p for p in periods(root)}
    dated = sorted((n for n in chosen if n in found), key=lambda n: (found[n].start, n))
    order = dated + sorted(n for n in chosen if n not in found)
    current = {dated[-1]} if dated else set()
    gatherer = _Gatherer(root)
    return SiteData(root, tuple(gatherer.edition(name, found.get(name), name in current) for name in order))


def class_slug(change: Change) -> str | None:
    """The 修订说明 class of a change, or None for one the 修订说明 leaves out (renumbering, the notice)."""
    found = class_of(change.code)
    return found.slug if found is not None else None
