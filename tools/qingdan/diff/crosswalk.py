"""Comparing across a change of shape or structure: the crosswalk (crosswalk.yaml) pairs the services, and each
side is read in the columns the comparison uses.

A 2021-shape row keeps in 服务内容 + 服务标准 what a 2017-shape row kept in 服务指导标准: both sides are *folded*
into the comparison's columns (the crosswalk's ``columns``, else the shape's own ``compare_as``), their texts joined
in order and their quantities moved with them, so text that moved to another column is no change and the amounts
are compared across the move. A service split into several (or several merged into one) is one change; a row of the
old side whose texts are not found unchanged among the new side's rows is a regression (QC113), so 只增不减 holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..core.i18n import N_, _
from ..core.model import Crosswalk, CrosswalkEntry, Edition, Service
from ..core.vocabulary import service_label
from ..edition.shapes import shape
from .codes import kind
from .locate import Locator
from .model import Change, Names

Columns = tuple[tuple[str, tuple[str, ...]], ...]
KEPT = ("target", "standard", "funding")  # the texts a row must keep through a split or merge
RELATION_WORDS = {"same": N_("same"), "renamed": N_("renamed"), "moved": N_("moved"), "split": N_("split"),
                  "merged": N_("merged"), "new": N_("new"), "dropped": N_("dropped")}


def columns_of(edition: Edition, crosswalk: Crosswalk | None = None) -> Columns:
    """How ``edition``'s columns are read for the comparison: the crosswalk's mapping, else its shape's."""
    if crosswalk is not None:
        return crosswalk.columns
    return shape(edition.shape).compare_as


def _fold_row(row: Any, columns: Columns) -> Any:
    changes: dict[str, Any] = {}
    moved: dict[str, str] = {}
    for old, to in columns:
        if to == (old,):
            continue
        texts = [getattr(row, name) for name in to if getattr(row, name)]
        changes[old] = "".join(texts) if texts else None
        for name in to:
            if name != old:
                moved[name] = old
                changes.setdefault(name, None)
    if not changes:
        return row
    if moved:
        changes["quantities"] = tuple(replace(q, field=moved.get(q.field, q.field)) for q in row.quantities)
        changes["splits"] = tuple(replace(s, field=moved.get(s.field, s.field)) for s in row.splits)
    return replace(row, **changes)


def fold(edition: Edition, columns: Columns) -> Edition:
    """``edition`` with every row read in the comparison's columns (see the module's docstring)."""
    if not columns or all(to == (old,) for old, to in columns):
        return edition
    services = tuple(replace(_fold_row(s, columns), parts=tuple(_fold_row(p, columns) for p in s.parts))
                     for s in edition.services)
    return replace(edition, services=services)


def _texts(service: Service) -> list[tuple[str | None, ...]]:
    return [tuple(getattr(row, name) for name in KEPT) for _part, row in service.shown_rows()]


def _label(services: list[Service]) -> Names:
    return Names(service_label(s.number, s.name) for s in services)


def compare_regrouped(entry: CrosswalkEntry, old: dict[str, Service], new: dict[str, Service],
                      old_loc: Locator, new_loc: Locator) -> Iterator[Change]:
    """One change for a split or a merge, and a regression for each old row not kept unchanged in the new rows."""
    before = [old[i] for i in entry.old if i in old]
    after = [new[i] for i in entry.new if i in new]
    if not before or not after:
        return
    code = "QC111" if entry.relation == "split" else "QC112"
    first = after[0]
    said = kind(code).say(entry.relation, old=_label(before), new=_label(after))
    yield Change.of(code, kind(code).cls, said, new_loc.service(first), service=first.id,
                    service_label=service_label(first.number, first.name), field="service",
                    old=tuple(s.id for s in before), new=tuple(s.id for s in after))
    kept = {texts for service in after for texts in _texts(service)}
    for service in before:
        for (part, _row), texts in zip(service.shown_rows(), _texts(service), strict=True):
            if texts not in kept:
                row = service_label(service.number, service.name) + (f" › {part.id}" if part else "")
                said = kind("QC113").say("lost", row=row, new=_label(after))
                yield Change.of("QC113", kind("QC113").cls, said, old_loc.service(service),
                                service=service.id, service_label=service_label(service.number, service.name),
                                part=part.id if part else None, field="service", old=row)


def shape_change(old: Edition, new: Edition, crosswalk: Crosswalk | None, new_loc: Locator) -> Iterator[Change]:
    """One change for a change of shape: the grouping and the columns, with the crosswalk's counts."""
    if old.shape == new.shape:
        return
    relations: dict[str, int] = {}
    for entry in crosswalk.entries if crosswalk is not None else ():
        relations[entry.relation] = relations.get(entry.relation, 0) + 1
    counts = Names(f"{_(RELATION_WORDS.get(relation, relation))} {count}" for relation, count in relations.items())
    moved = Names(f"{shape(old.shape).word(a)} → {' + '.join(shape(new.shape).word(b) for b in to)}"
                  for a, to in (crosswalk.columns if crosswalk is not None else ()) if to != (a,))
    said = kind("QC611").say("changed", old=old.shape, new=new.shape, old_groups=len(old.categories),
                             areas=len(new.areas), groups=len(new.categories), columns=moved or Names(["—"]),
                             relations=counts or Names(["—"]))
    yield Change.of("QC611", kind("QC611").cls, said, new_loc.edition_file(("shape",)),
                    field="shape", old=old.shape, new=new.shape)


def accounting(crosswalk: Crosswalk | None) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """The crosswalk as the report carries it: (relation, old ids, new ids) per entry."""
    return tuple((e.relation, e.old, e.new) for e in crosswalk.entries) if crosswalk is not None else ()

