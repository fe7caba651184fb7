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
from .vocabulary import nearest_names

UNIT_LISTS = ("city_units", "district_units")


@dataclass(frozen=True)
class Renamed:
    """What a rename did: the files written, the services whose rows changed, and whether it merged two units."""

    old: str
    new: str
    merged: bool
    files: tuple[Path, ...]
    services: tuple[str, ...]


def rename_unit(folder: Path, old: str, new: str, *, since: str | None = None, basis: str | None = None,
                dry_run: bool = False) -> Renamed:
    """Rename (or merge) unit ``old`` into ``new`` throughout the edition at ``folder``."""
    if not new.strip() or new != new.strip():
        raise InputError(_("the new name {name} is empty or has spaces around it").format(name=repr(new)),
                         path=folder / "units.yaml")
    if old == new:
        raise InputError(_("{old} and {new} are the same name").format(old=old, new=new), path=folder / "units.yaml")
    edit = EditionEdit.open(folder)
    entries: list[dict[str, Any]] = edit.units.data["units"]
    names = [entry.get("name") if isinstance(entry, dict) else None for entry in entries]
    if old not in names:
        close = nearest_names(old, [name for name in names if isinstance(name, str)])
        if close:
            raise InputError(_("{old} is not a unit of units.yaml; closest known: {close}").format(
                old=old, close="、".join(close)), path=edit.units.path)
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
    files = edit.save(dry_run=dry_run)
    return Renamed(old, new, successor is not None, tuple(files), tuple(touched))


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
