"""``rename-unit``: rename a unit in the registry and in every row of every service, recording the lineage.

A renamed unit's registry entry takes the new name and records ``replaces: [old]`` (with ``since`` and ``basis``
when given), so the diff shows one editorial line and validate can tell a half-done rename. Renaming a unit to
a name the registry already has is a merge: the old entry goes, the existing one adds the old name to its
``replaces``, and a row that named both names the successor once. Every file is written, or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .editing import EditionEdit
from .errors import InputError
from .i18n import _

UNIT_LISTS = ("city_units", "district_units")


@dataclass(frozen=True)
class InText:
    """A text that names a unit or an item: the file, the key path in it (``standard``, ``parts[1].standard``,
    ``waivers[0].reason``, ``units[12].note``) and how many times; rewritten with ``--in-text``, else left."""

    path: Path
    place: str
    count: int


@dataclass(frozen=True)
class Renamed:
    """What a rename did: the files written, the services whose rows changed, whether it merged two units, and the
    texts that name the old unit (rewritten when ``in_text``, else left as they are)."""

    old: str
    new: str
    merged: bool
    files: tuple[Path, ...]
    services: tuple[str, ...]
    texts: tuple[InText, ...] = ()
    in_text: bool = False


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
    are listed as left."""
    if not new.strip() or new != new.strip():
        raise InputError(_("the new name {name} is empty or has spaces around it").format(name=repr(new)),
                         path=folder / "units.yaml")
    if old == new:
        raise InputError(_("{old} and {new} are the same name").format(old=old, new=new), path=folder / "units.yaml")
    edit = EditionEdit.open(folder)
    entries: list[dict[str, Any]] = edit.units.data["units"]
    names = [entry.get("name") if isinstance(entry, dict) else None for entry in entries]
    if old not in names and in_text and new in names \
            and old in (entries[names.index(new)].get("replaces") or []):
        # renamed before without --in-text: only the texts are left to rewrite (what QD705 advises)
        texts = rewrite_texts(edit.documents(), name_rewriter(old, new), write=True)
        files = edit.save(dry_run=dry_run)
        return Renamed(old, new, False, tuple(files), (), tuple(texts), True)
    if old not in names:
        raise InputError(_("{old} is not a unit of units.yaml (is it spelled as there?)").format(old=old),
                         path=edit.units.path)
    entry = entries[names.index(old)]
    successor = entries[names.index(new)] if new in names else None
    if successor is not None and successor.get("level") != entry.get("level"):
        raise InputError(_("{new} is a {new_level} unit and {old} a {old_level} one: units of different levels are "
                           "not merged (rename to a new name instead)")
                         .format(new=new, new_level=successor.get("level"), old=old, old_level=entry.get("level")),
                         path=edit.units.path)
    # a unit renamed twice in one edition still succeeds the predecessor's unit, not the intermediate name
    predecessors = list(entry.get("replaces") or [old])
    if successor is None:
        entry["name"] = new
        entry["replaces"] = predecessors
        target = entry
    else:
        successor["replaces"] = [*(successor.get("replaces") or []),
                                 *(n for n in predecessors if n not in (successor.get("replaces") or []))]
        entries.remove(entry)
        target = successor
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
    return Renamed(old, new, successor is not None, tuple(files), tuple(touched), tuple(texts), in_text)


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
