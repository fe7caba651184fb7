"""``rename-unit``: rename a unit in the registry and in every row of every service, recording the lineage.

A renamed unit's registry entry takes the new name and records ``replaces: [old]`` (with ``since`` and ``basis``
when given), so the diff shows one editorial line and validate can tell a half-done rename. Renaming a unit to
a name the registry already has is a merge: the old entry goes, the existing one adds the old name to its
``replaces``, and a row that named both names the successor once. Every file is written, or none.

The lineage stays relative to the predecessor edition (``previous``): a unit renamed twice in one edition
replaces the predecessor's unit, not the intermediate name; a unit of the predecessor that had others merged into
it and is then renamed replaces them and itself; a rename undone (A → B → A) leaves no ``replaces`` at all. The
new name, ``since`` and ``basis`` must pass the schema's own rules (``value_rules``), so the command never writes a
units.yaml that validate refuses. Run again on an edition where OLD is already replaced by NEW, it renames the rows
that still name OLD (what validate's QD702 asks for) instead of refusing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.errors import InputError, QingdanError
from ..core.i18n import _, level_word
from ..core.records import frozen
from ..core.vocabulary import nearest_names
from ..edition.load import UNITS_FILE, previous_of
from ..edition.value_rules import is_date, is_unit_name, is_unit_text
from ..io.loading import parse_document, read_text
from .editing import EditionEdit

UNIT_LISTS = ("city_units", "district_units")
LINEAGE_KEYS = ("replaces", "since", "basis")


@frozen
class InText:
    """A text that names a unit or an item: the file, the key path in it (``standard``, ``parts[1].standard``,
    ``waivers[0].reason``, ``units[12].note``) and how many times; rewritten with ``--in-text``, else left."""

    path: Path
    place: str
    count: int


@frozen
class Renamed:
    """What a rename did: the files written, the services whose rows changed, whether it merged two units, the
    texts that name the old unit (rewritten when ``in_text``, else left as they are), whether it completed an
    earlier rename (OLD was already replaced by NEW), and the files a killed run left journalled that were completed
    first."""

    old: str
    new: str
    merged: bool
    files: tuple[Path, ...]
    services: tuple[str, ...]
    texts: tuple[InText, ...] = ()
    in_text: bool = False
    resumed: bool = False
    completed: tuple[Path, ...] = ()


def check_values(new: str, since: str | None, basis: str | None, units_file: Path) -> None:
    """Refuse a new name, date or basis that units.yaml's schema would refuse (one line, exit 2)."""
    if not is_unit_name(new):
        raise InputError(_("the new name {name} is not a unit name: no 、, no control, invisible or line-separating "
                           "character, and no space at either end").format(name=repr(new)), path=units_file)
    if since is not None and not is_date(since):
        raise InputError(_("--since {text} is not a date written YYYY-MM-DD (such as 2019-03-01)")
                         .format(text=repr(since)), path=units_file)
    if basis is not None and not is_unit_text(basis):
        raise InputError(_("--basis {text} is empty or only spaces").format(text=repr(basis)), path=units_file)


# The free texts of each kind of document that may name a unit or an item, as key paths ("*" for every list item).
TEXT_PATHS = {
    "service": (("target",), ("standard",), ("funding",), ("parts", "*", "target"), ("parts", "*", "standard"),
                ("parts", "*", "funding"), ("quantities", "*", "quote"), ("parts", "*", "quantities", "*", "quote"),
                ("splits", "*", "quote"), ("parts", "*", "splits", "*", "quote"), ("waivers", "*", "reason")),
    "units": (("units", "*", "note"),),
    "edition": (("accepted", "*", "reason"),),
}


def text_places(data: Any, kind: str) -> list[tuple[str, Any, str | int]]:
    """Every free text of a document: its place as shown, the container holding it and its key there."""
    found: list[tuple[str, Any, str | int]] = []

    def walk(node: Any, steps: tuple[str, ...], shown: str) -> None:
        if not steps:
            return
        step, rest = steps[0], steps[1:]
        if step == "*":
            if isinstance(node, list):
                for index, item in enumerate(node):
                    if rest:
                        walk(item, rest, f"{shown}[{index}]")
            return
        if not isinstance(node, dict) or step not in node:
            return
        label = f"{shown}.{step}" if shown else step
        if not rest:
            if isinstance(node[step], str):
                found.append((label, node, step))
            return
        walk(node[step], rest, label)

    for path in TEXT_PATHS[kind]:
        walk(data, path, "")
    return found


def rewrite_texts(docs: list[Any], rewrite: Any, *, write: bool) -> list[InText]:
    """Apply ``rewrite`` (text -> (new text, count)) to every free text of ``docs``; record each place it counts,
    and change the data only when ``write``."""
    places: list[InText] = []
    for doc in docs:
        for label, container, key in text_places(doc.data, doc.kind):
            text, count = rewrite(container[key])
            if count:
                places.append(InText(doc.path, label, count))
                if write:
                    container[key] = text
    return places


def name_rewriter(old: str, new: str) -> Any:
    """text -> (text with ``old`` written as ``new``, how many); ``new`` already written (if it contains ``old``)
    is left alone."""
    def rewrite(text: str) -> tuple[str, int]:
        parts = text.split(new) if old in new else [text]
        count = sum(part.count(old) for part in parts)
        return new.join(part.replace(old, new) for part in parts), count
    return rewrite


def rename_unit(folder: Path, old: str, new: str, *, since: str | None = None, basis: str | None = None,
                dry_run: bool = False, in_text: bool = False) -> Renamed:
    """Rename (or merge) unit ``old`` into ``new`` throughout the edition at ``folder``; with ``in_text`` also in
    its texts (targets, standards, funding, quotes, waiver reasons, unit notes, acceptance reasons), else those
    are listed as left. A rename already recorded (OLD replaced by NEW) is completed: the rows still naming OLD,
    and with ``in_text`` its texts (what QD705 advises)."""
    check_values(new, since, basis, folder / UNITS_FILE)
    if old == new:
        raise InputError(_("{old} and {new} are the same name").format(old=old, new=new), path=folder / UNITS_FILE)
    with EditionEdit.editing(folder, dry_run=dry_run) as edit:
        entries: list[dict[str, Any]] = edit.units.data["units"]
        names = [entry.get("name") if isinstance(entry, dict) else None for entry in entries]
        resumed = old not in names and new in names and old in (entries[names.index(new)].get("replaces") or ())
        if resumed:  # an earlier rename left rows naming OLD (killed, or edited by hand): finish it
            merged = False
        elif old not in names:
            close = nearest_names(old, [name for name in names if isinstance(name, str)])
            if close:
                raise InputError(_("{old} is not a unit of units.yaml; closest known: {close}").format(
                    old=old, close="、".join(close)), path=edit.units.path)
            raise InputError(_("{old} is not a unit of units.yaml (is it spelled as there?)").format(old=old),
                             path=edit.units.path)
        else:
            merged = _rename_entry(edit, entries, names, old, new, _predecessor_units(folder))
            target = entries[[e.get("name") if isinstance(e, dict) else None for e in entries].index(new)]
            if since is not None:
                target["since"] = since
            if basis is not None:
                target["basis"] = basis
        for other in entries:
            if isinstance(other, dict) and other.get("counterpart") == old:
                other["counterpart"] = new
        touched = []
        for doc in edit.services:
            if isinstance(doc.data, dict) and _rename_in_rows(doc.data, old, new):
                touched.append(str(doc.data.get("id", doc.path.stem)))
        texts = rewrite_texts(edit.documents(), name_rewriter(old, new), write=in_text)
        files = edit.save(dry_run=dry_run)
        return Renamed(old, new, merged, tuple(files), tuple(touched), tuple(texts), in_text, resumed,
                       edit.completed)


def _rename_entry(edit: EditionEdit, entries: list[dict[str, Any]], names: list[Any], old: str, new: str,
                  predecessor: set[str] | None) -> bool:
    """Rename or merge the registry entry of ``old`` into ``new``; whether it was a merge."""
    entry = entries[names.index(old)]
    successor = entries[names.index(new)] if new in names else None
    if successor is not None and successor.get("level") != entry.get("level"):
        raise InputError(_("{new} is a {new_level} unit and {old} a {old_level} one: units of different levels are "
                           "not merged (rename to a new name instead)")
                         .format(new=new, new_level=level_word(str(successor.get("level"))), old=old,
                                 old_level=level_word(str(entry.get("level")))),
                         path=edit.units.path)
    recorded = [name for name in entry.get("replaces") or () if isinstance(name, str)]
    # The units of the predecessor this entry stands for: what it replaces, and itself when the predecessor had it
    # (a unit others were merged into). Without a readable predecessor, a unit that replaces nothing stands for
    # itself and one that replaces others for them (a rename in this edition) — the best the registry can tell.
    itself = not recorded or (predecessor is not None and old in predecessor)
    predecessors = [*recorded, *([old] if itself and old not in recorded else [])]
    if successor is None:
        entry["name"] = new
        kept = [name for name in predecessors if name != new]  # A → B → A: A succeeds nothing
        if kept:
            entry["replaces"] = kept
        else:
            for key in LINEAGE_KEYS:
                entry.pop(key, None)
        return False
    already = [name for name in successor.get("replaces") or () if isinstance(name, str)]
    successor["replaces"] = [*already, *(n for n in predecessors if n not in already and n != new)]
    if not successor["replaces"]:
        del successor["replaces"]
    entries.remove(entry)
    return True


def _predecessor_units(folder: Path) -> set[str] | None:
    """The unit names of the predecessor edition's registry, or None when there is none or it cannot be read."""
    try:
        name = previous_of(folder)
        if name is None:
            return None
        sibling = folder.parent / name
        data = parse_document(read_text(sibling / UNITS_FILE, within=sibling), str(sibling / UNITS_FILE)).data
    except (QingdanError, OSError):
        return None
    units = data.get("units") if isinstance(data, dict) else None
    return {unit["name"] for unit in units or () if isinstance(unit, dict) and isinstance(unit.get("name"), str)}


def _rename_in_rows(service: dict[str, Any], old: str, new: str) -> bool:
    changed = False
    rows = [service, *(p for p in service.get("parts") or () if isinstance(p, dict))]
    for row in rows:
        for key in UNIT_LISTS:
            units = row.get(key)
            if not isinstance(units, list) or old not in units:
                continue
            renamed: list[Any] = []
            for name in units:
                name = new if name == old else name
                if name not in renamed:  # a merge: the successor once, where the first of the two stood
                    renamed.append(name)
            row[key] = renamed
            changed = True
    return changed
