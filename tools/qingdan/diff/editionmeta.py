"""Changes of the edition itself: the notice's metadata, the categories, the unit registry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.i18n import Message
from ..core.model import Acceptance, Edition, Location, Metadata, Unit
from ..edition.lineage import Lineage, Succession
from .codes import kind
from .locate import Locator
from .model import Attribute, Change, Empty, Heading, Level, Names
from .textdiff import diff_text

# model field -> key path in edition.yaml (QC601's messages are keyed by the field: codes.METADATA_LABELS)
METADATA_FIELDS: dict[str, tuple[str | int, ...]] = {
    "edition": ("edition",),
    "data_version": ("data_version",),
    "document_number": ("document", "number"),
    "issuer": ("document", "issuer"),
    "title": ("document", "title"),
    "table_title": ("document", "table_title"),
    "recipients": ("document", "recipients"),
    "preamble": ("document", "preamble"),
    "requirements": ("document", "requirements"),
    "signed": ("document", "signed"),
    "printed": ("document", "printed"),
    "copy_to": ("document", "copy_to"),
    "printer": ("document", "printer"),
    "parent": ("parent",),
    "period_name": ("period", "name"),
    "period_start": ("period", "start"),
    "period_end": ("period", "end"),
    "previous": ("previous",),
    "source": ("source",),
    "accepted": ("accepted",),
}


def _text(value: Any) -> str:
    if isinstance(value, tuple) and value and isinstance(value[0], Acceptance):
        return "\n".join(f"{a.code} {a.service}{'/' + a.part if a.part else ''}：{a.reason}" for a in value)
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return "\n".join(f"{heading}：{text}" for heading, text in value)
    if isinstance(value, tuple):
        return "、".join(map(str, value))
    if hasattr(value, "number") and hasattr(value, "title"):
        return f"{value.number} {value.title}"
    return "" if value is None else str(value)


def _typed(value: Any, text: str) -> Any:
    """A field's value as the change keeps it: a year stays a number, a list of names a list, the rest its text."""
    if isinstance(value, int):
        return value
    if not text:
        return Empty()
    if isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
        return Names(value)
    return text


def _change(code: str, said: Message, location: Any, **values: Any) -> Change:
    return Change.of(code, kind(code).cls, said, location, **values)


def compare_metadata(old: Metadata, new: Metadata, locator: Locator) -> Iterator[Change]:
    """A field's text, old and new; a long one (over 40 characters) shown as a text diff."""
    for name, path in METADATA_FIELDS.items():
        a, b = _text(getattr(old, name)), _text(getattr(new, name))
        if a != b:
            segments = diff_text(a, b) if max(len(a), len(b)) > 40 else ()
            va, vb = _typed(getattr(old, name), a), _typed(getattr(new, name), b)
            said = kind("QC601").say(f"{name}.edited") if segments else kind("QC601").say(name, old=va, new=vb)
            yield _change("QC601", said, locator.edition_file(path), field=name, old=va, new=vb, segments=segments)


def compare_categories(old: Edition, new: Edition, locator: Locator) -> Iterator[Change]:
    before = {c.id: c for c in old.categories}
    after = {c.id: (i, c) for i, c in enumerate(new.categories)}
    for category in old.categories:
        if category.id not in after:
            heading = Heading(category.numeral, category.name)
            yield _change("QC603", kind("QC603").say("removed", old=heading), locator.edition_file(("categories",)),
                          field="categories", old=heading)
    for index, category in after.values():
        where = locator.edition_file(("categories", index))
        previous = before.get(category.id)
        if previous is None:
            heading = Heading(category.numeral, category.name)
            yield _change("QC602", kind("QC602").say("added", new=heading), where, field="categories", new=heading)
        elif previous != category:
            a, b = Heading(previous.numeral, previous.name), Heading(category.numeral, category.name)
            yield _change("QC604", kind("QC604").say("changed", id=category.id, old=a, new=b), where,
                          field="categories", old=a, new=b)
    kept_old = [c.id for c in old.categories if c.id in after]
    kept_new = [c.id for c in new.categories if c.id in before]
    if kept_old != kept_new:
        yield _change("QC604", kind("QC604").say("order"), locator.edition_file(("categories",)), field="categories",
                      old=tuple(kept_old), new=tuple(kept_new))


def compare_lineage(old: Edition, new: Edition, lineage: Lineage, new_loc: Locator) -> Iterator[Change]:
    """One change per succession in the new registry: a rename, a merge or a split, with how many services it
    touches (services of the old edition that name an old unit in any row)."""
    index = {u.name: i for i, u in enumerate(new.units)}
    old_units = {u.name for u in old.units}
    for event in lineage.events:
        if not any(name in old_units for name in event.old):
            continue  # not a unit of the old edition: validate reports it (QD703)
        touched = sum(1 for s in old.services if any(name in event.old for _, row in s.rows()
                                                     for name in (*row.city_units, *row.district_units)))
        before, after = Names(event.old), Names(event.new)
        code, key = {Succession.RENAME: ("QC608", "renamed"), Succession.MERGE: ("QC609", "merged"),
                     Succession.SPLIT: ("QC610", "split")}[event.kind]
        where = new_loc.units_file(index[event.new[0]])
        successor = new.units[index[event.new[0]]]
        if successor.since is not None or successor.basis is not None:  # when and by what, as the registry says
            said = kind(code).say(f"{key}-dated", old=before, new=after, services=touched,
                                  since=successor.since.isoformat() if successor.since else "—",
                                  basis=successor.basis or "—")
        else:
            said = kind(code).say(key, old=before, new=after, services=touched)
        yield _change(code, said, where, field="units", old=before, new=after)


def compare_registry(old: Edition, new: Edition, old_loc: Locator, new_loc: Locator,
                     lineage: Lineage | None = None) -> Iterator[Change]:
    """Units added to or removed from the registry, and changed attributes; names a succession explains (a renamed
    unit's old and new name, a counterpart that follows a rename) are told once, by compare_lineage."""
    lineage = lineage or Lineage.of(new.units)
    explained_old = {name for event in lineage.events for name in event.old}
    explained_new = {name for event in lineage.events for name in event.new}
    before = {u.name: (i, u) for i, u in enumerate(old.units)}
    after = {u.name: (i, u) for i, u in enumerate(new.units)}
    for name, (i, _unit) in before.items():
        if name not in after and name not in explained_old:
            yield _change("QC606", kind("QC606").say("removed", unit=name), old_loc.units_file(i), field="units",
                          old=name)
    for name, (i, unit) in after.items():
        if name in before:
            yield from _attributes(name, before[name][1], unit, new_loc.units_file(i), lineage)
            continue
        if name not in explained_new:
            yield _change("QC605", kind("QC605").say("added", unit=name, level=Level(unit.level)),
                          new_loc.units_file(i), field="units", new=name)
            continue
        # a successor: its entry against each unit it replaces, so that a rename or merge hides no registry edit
        for event in lineage.events:
            if name in event.new:
                for replaced in event.old:
                    if replaced in before:
                        yield from _attributes(name, before[replaced][1], unit, new_loc.units_file(i), lineage)


def _attributes(name: str, previous: Unit, unit: Unit, where: Location, lineage: Lineage) -> Iterator[Change]:
    """QC607 for each attribute of a unit's registry entry that changed (a renamed counterpart is the rename's)."""
    for attribute in (Attribute("level"), Attribute("counterpart"), Attribute("note")):
        a, b = getattr(previous, attribute), getattr(unit, attribute)
        if attribute == "counterpart" and a is not None and lineage.successor(a) == b:
            continue  # the counterpart was renamed: told by the rename
        if attribute == "level":
            a, b = Level(a), Level(b)
        if a != b:
            said = (kind("QC607").say("set", unit=name, attribute=attribute, new=b) if not a
                    else kind("QC607").say("cleared", unit=name, attribute=attribute, old=a) if not b
                    else kind("QC607").say("changed", unit=name, attribute=attribute, old=a, new=b))
            yield _change("QC607", said, where, field="units." + str(attribute), old=a, new=b)
