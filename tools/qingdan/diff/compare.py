"""``compare(old, new)``: every change between two editions, as one immutable DiffReport. Pure; prints nothing.

Services are matched by stable id: added, removed, renamed, moved, renumbered (runs collapsed) and reordered; each
matched pair's rows are compared in rows.py.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..core.i18n import Message
from ..core.model import Crosswalk, Edition, Part, Service
from ..core.vocabulary import service_label
from ..edition.lineage import Lineage
from ..edition.load import EditionFiles
from .accepting import accept
from .codes import kind
from .crosswalk import accounting, columns_of, compare_regrouped, fold, shape_change
from .editionmeta import compare_categories, compare_lineage, compare_metadata, compare_registry
from .locate import Locator, Where
from .model import Change, DiffReport, SignedInt
from .rows import compare_rows
from .textdiff import Corpus, diff_text


def shown_pair(old: Service, old_part: Part, new: Service, new_part: Part) -> tuple[Part, Part]:
    """A matched part on both sides as the published table shows it (Service.shown), so that writing out a merged
    cell's value, or emptying a cell into the merge above, is no change when the table shows the same. A column
    merged on both sides keeps its empty own value: a change there is told once, on the row above."""
    both = set(old.inherited(old_part)) & set(new.inherited(new_part))
    own_old = {name: getattr(old_part, name) for name in both}
    own_new = {name: getattr(new_part, name) for name in both}
    return replace(old.shown(old_part), **own_old), replace(new.shown(new_part), **own_new)


def _label(service: Service) -> str:
    return service_label(service.number, service.name)


def _event(code: str, said: Message, service: Service, locator: Locator, **values: Any) -> Change:
    return Change.of(code, kind(code).cls, said, locator.service(service), service=service.id,
                     service_label=_label(service), **values)


def compare_services(old: Edition, new: Edition, old_loc: Locator, new_loc: Locator,
                     lineage: Lineage | None = None, crosswalk: Crosswalk | None = None) -> list[Change]:
    """Changes of services, grouped per service in document order (a removed one at its old place).

    With a ``crosswalk`` (crosswalk.yaml), services are paired by it: a one-to-one entry pairs its two ids (the
    same, or an id renamed), a split or merge is one change (see crosswalk.compare_regrouped), a new one is added
    and a dropped one removed, a regression."""
    lineage = lineage or Lineage.of(new.units)
    elsewhere = Corpus(new)
    before = {s.id: s for s in old.services}
    after = {s.id: s for s in new.services}
    paired = {e.new[0]: e.old[0] for e in crosswalk.entries
              if len(e.old) == 1 and len(e.new) == 1} if crosswalk is not None else {}
    regrouped = [e for e in crosswalk.entries if e.relation in ("split", "merged")] if crosswalk is not None else []
    old_done = {i for e in regrouped for i in e.old} | {o for n, o in paired.items() if n != o}
    new_done = {i for e in regrouped for i in e.new}
    category_names = {c.id: c.name for c in old.categories} | {c.id: c.name for c in new.categories}
    groups: list[tuple[float, list[Change]]] = []
    for entry in regrouped:
        changes = list(compare_regrouped(entry, before, after, old_loc, new_loc))
        if changes:
            groups.append((min(after[i].number for i in entry.new if i in after), changes))
    for service in old.services:
        if service.id in old_done:
            continue
        if service.id not in after:
            said = kind("QC102").say("removed", number=service.number, name=service.name)
            change = _event("QC102", said, service, old_loc, field="service", old=service.name)
            groups.append((service.number - 0.5, [change]))
    for service in new.services:
        if service.id in new_done:
            continue
        previous = before.get(paired.get(service.id, service.id))
        if previous is None:
            said = kind("QC101").say("added", number=service.number, name=service.name)
            change = _event("QC101", said, service, new_loc, field="service", new=service.name)
            groups.append((service.number, [change]))
        elif not unchanged(previous, service):
            changes = list(_matched(previous, service, old_loc, new_loc, category_names, lineage,
                                    elsewhere))
            if changes:
                groups.append((service.number, changes))
    groups.sort(key=lambda group: group[0])
    moved = reordered(old, new)
    structure = list(renumbered(old, new, new_loc, moved))
    for service in new.services:
        if service.id in moved:
            a, b = before[service.id].number, service.number
            structure.append(_event("QC106", kind("QC106").say("moved", old=a, new=b), service, new_loc,
                                    field="number", old=a, new=b))
    return structure + [change for _, changes in groups for change in changes]


def unchanged(old: Service, new: Service) -> bool:
    """Whether a matched service is the same apart from its number (and file): most are, and then there is
    nothing to compare. Dataclass equality ignores locations; a renumbering is reported by ``renumbered``."""
    return old == (new if new.number == old.number else replace(new, number=old.number))


def _matched(old: Service, new: Service, old_loc: Locator, new_loc: Locator,
             category_names: dict[str, str], lineage: Lineage,
             elsewhere: Corpus | None = None) -> Iterator[Change]:
    where = Where(new, old, None, new_loc, old_loc, lineage, elsewhere)
    if old.name != new.name:
        yield where.change("QC103", "renamed", ("name",), old=old.name, new=new.name,
                           segments=diff_text(old.name, new.name))
    if old.category != new.category:
        a, b = category_names.get(old.category, old.category), category_names.get(new.category, new.category)
        yield where.change("QC104", "moved", ("category",), old=old.category, new=new.category,
                           params={"old_name": a, "new_name": b})
    yield from compare_rows(where, old, new, extra=(("waivers", old.waivers, new.waivers),))
    old_parts = {p.id: p for p in old.parts}
    new_parts = {p.id: p for p in new.parts}

    def at(part: str) -> Where:
        return Where(new, old, part, new_loc, old_loc, lineage, elsewhere)

    for part in old.parts:
        if part.id not in new_parts:
            yield at(part.id).change("QC108", "removed", (), on_old=True, field="parts", old=part.target,
                                     params={"part": part.id})
    for part in new.parts:
        if part.id not in old_parts:
            yield at(part.id).change("QC107", "added", (), field="parts", new=part.target, params={"part": part.id})
        else:
            yield from compare_rows(at(part.id), *shown_pair(old, old_parts[part.id], new, part))


def reordered(old: Edition, new: Edition) -> set[str]:
    """Ids of kept services outside a longest run that kept its relative order (O(n log n), so never quadratic)."""
    old_rank = {s.id: i for i, s in enumerate(old.services)}
    kept = [s.id for s in new.services if s.id in old_rank]
    ranks = [old_rank[i] for i in kept]
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(ranks)
    for index, rank in enumerate(ranks):
        spot = bisect_left(tails, rank)
        if spot == len(tails):
            tails.append(rank)
            tail_at.append(index)
        else:
            tails[spot] = rank
            tail_at[spot] = index
        parent[index] = tail_at[spot - 1] if spot else -1
    in_order: set[str] = set()
    at = tail_at[-1] if tail_at else -1
    while at != -1:
        in_order.add(kept[at])
        at = parent[at]
    return set(kept) - in_order


def renumbered(old: Edition, new: Edition, new_loc: Locator, skip: set[str]) -> Iterator[Change]:
    """One change per run of consecutive services whose number shifted by the same amount: "序号 53–87 +1"."""
    before = {s.id: s.number for s in old.services}
    run: list[tuple[Service, int]] = []

    def flush() -> Iterator[Change]:
        if not run:
            return
        first, delta = run[0]
        last = run[-1][0]
        a, b = first.number - delta, last.number - delta
        down = "-down" if delta < 0 else ""
        if a != b:
            said = kind("QC105").say(f"run{down}", first=a, last=b, delta=SignedInt(delta), count=len(run))
        else:
            said = kind("QC105").say(f"one{down}", first=a, delta=SignedInt(delta), count=len(run))
        yield Change.of("QC105", kind("QC105").cls, said, new_loc.service(first, ("number",)), field="number",
                        old=(a, b), new=(first.number, last.number))
        run.clear()

    for service in new.services:
        if service.id not in before or service.id in skip:
            yield from flush()
            continue
        delta = service.number - before[service.id]
        if run and (delta != run[-1][1] or service.number != run[-1][0].number + 1):
            yield from flush()
        if delta:
            run.append((service, delta))
        else:
            yield from flush()
    yield from flush()


def compare(old: Edition, new: Edition, *, old_files: EditionFiles | None = None,
            new_files: EditionFiles | None = None, old_name: str | None = None,
            new_name: str | None = None) -> DiffReport:
    """Match services by stable id and report what changed, in document order.

    Unit names of the old edition are read through the new registry's lineage (``replaces``), and changes that
    the new edition lists under ``accepted`` are marked accepted (an accepted regression fails no gate).

    With the parsed files of either side, changes point at the changed field's line; without them, at the
    service's file. ``old_name``/``new_name`` name the sides in the report (default: the edition paths).
    """
    crosswalk = new.crosswalk if new.crosswalk is not None and new.crosswalk.previous == old.path.name else None
    if crosswalk is None and new.crosswalk is not None and old.shape != new.shape:
        crosswalk = new.crosswalk  # compared with a copy of the predecessor under another name
    old, new = fold(old, columns_of(old)), fold(new, columns_of(new, crosswalk))
    old_loc, new_loc = Locator(old, old_files), Locator(new, new_files)
    lineage = Lineage.of(new.units, existing={unit.name for unit in old.units})
    changes = [
        *compare_metadata(old.metadata, new.metadata, new_loc),
        *(shape_change(old, new, crosswalk, new_loc) if old.shape != new.shape
          else compare_categories(old, new, new_loc)),
        *compare_lineage(old, new, lineage, new_loc),
        *compare_registry(old, new, old_loc, new_loc, lineage),
        *compare_services(old, new, old_loc, new_loc, lineage, crosswalk),
    ]
    changes = accept(changes, new.metadata.accepted)
    return DiffReport(old_name or str(old.path), new_name or str(new.path), tuple(changes),
                      old.metadata.data_version, new.metadata.data_version,
                      accounting=accounting(crosswalk))
