"""Start a new edition: copy an edition folder, keep its stable ids, and clear the notice that published it.

The services, units, categories, parent policy and period are carried over unchanged, so that the diff of the old
and the new edition shows only the cleared notice until an editor changes something; ``previous`` names the old
edition. The old official text is not copied: it is the old notice's, and a revision has none until its own is
published (``source: null``; validate then skips the rules that read it and says so). The copy is made in a
temporary folder beside the target and renamed into place, so a failure leaves no half-made edition behind.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.i18n import _
from ..edition.load import CROSSWALK_FILE, EDITION_FILE, SERVICES_DIR, UNITS_FILE, service_file_names
from ..edition.pipeline import check_loads
from ..edition.shapes import schema_file
from ..edition.value_rules import is_edition_name
from ..io.atomic import output_errors, remove_stale_beside
from ..io.loading import parse_document, read_text
from ..io.locking import edition_lock
from .formatting import format_text

# What belongs to the old notice and not to the list: text becomes null, lists become empty (as the schema allows).
CLEARED_TEXT = ("number", "issuer", "title", "recipients", "preamble", "signed", "printed", "printer", "table_title")
CLEARED_LISTS = ("requirements", "copy_to")


def cleared_metadata(data: dict[str, Any], name: str, previous: str) -> dict[str, Any]:
    """The edition.yaml data of a new edition named ``name`` revising ``previous``: the notice, the official text
    and the accepted changes cleared (they were the old edition's), everything else kept."""
    document = dict(data.get("document") or {})
    document.update({key: None for key in CLEARED_TEXT})
    document.update({key: [] for key in CLEARED_LISTS})
    kept = {key: value for key, value in data.items() if key != "accepted"}
    return {**kept, "edition": name, "previous": previous, "source": None, "document": document}


LINEAGE_KEYS = ("replaces", "since", "basis")


def cleared_units(data: Any) -> Any:
    """The units.yaml data of a new edition: the lineage is relative to an edition's predecessor, so the old
    edition's successions (replaces, since, basis) are not carried into the next one."""
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        return data
    units = [{k: v for k, v in unit.items() if k not in LINEAGE_KEYS} if isinstance(unit, dict) else unit
             for unit in data["units"]]
    return {**data, "units": units}


def source_file(data: dict[str, Any]) -> str | None:
    """The official text's file name the old edition.yaml names (not copied into the new edition)."""
    source = data.get("source")
    return source if isinstance(source, str) and "/" not in source and source not in (".", "..") else None


def _check_copyable(source: Path) -> None:
    """Refuse an edition whose copy would take in files from elsewhere, block, or have no services.

    The copy follows symbolic links (it holds files, not links), so a link to a file outside the edition would
    copy, say, a system file's content into the new edition; a FIFO would block the copy forever.
    """
    root = source.resolve()
    services = source / SERVICES_DIR
    if not services.is_dir() or not service_file_names((p.name for p in services.iterdir()), str(services)):
        raise InputError(_("not an edition folder: services/ is missing or holds no service files"), path=services)
    for folder, dirs, files in os.walk(source):
        for name in dirs + files:
            path = Path(folder) / name
            try:
                resolved = path.resolve(strict=True)
                is_regular = resolved.is_dir() or stat.S_ISREG(resolved.stat().st_mode)
            except (OSError, RuntimeError):
                raise InputError(_("is a broken symbolic link or a loop of links"), path=path) from None
            if not resolved.is_relative_to(root):
                raise InputError(_("is a symbolic link to outside the edition folder; refusing to copy it"), path=path)
            if not is_regular:
                raise InputError(_("is not a regular file (a FIFO, device or socket); refusing to copy it"), path=path)


def is_copy(source: Path, target: Path) -> bool:
    """True when ``target`` has the name of ``source`` in another folder: the same edition copied (to edit it in a
    repository, say the shipped one), not a revision of it; it is copied unchanged."""
    real = source.resolve()
    return target.name == real.name and target.parent.resolve() != real.parent


def previous_name(source: Path, target: Path) -> str:
    """The ``previous:`` a new edition at ``target`` writes to name ``source``: the name of the folder beside
    ``target`` that is ``source`` (through a link too). A ``target`` not beside ``source`` could name nothing, and
    is refused."""
    real = source.resolve()
    parent = target.parent.resolve()
    if real.parent == parent:
        return real.name
    for name in (source.name, real.name):
        beside = parent / name
        if (beside / EDITION_FILE).is_file() and beside.resolve() == real:
            return name
    raise InputError(_("is not beside {source}, so its previous: could not name it: make the new edition in the "
                       "folder that holds {source}, or copy {name} there first (qingdan new-edition {source} {copy})")
                     .format(source=source, name=real.name, copy=target.parent / real.name), path=target)


def new_edition(source: Path, target: Path) -> Path:
    """Copy the edition at ``source`` to the new folder ``target`` with its notice cleared; return ``target``.

    The edition must load (``edition.check_loads``): a revision of an edition that does not could not be compared
    with it.
    """
    with edition_lock([target.parent]):  # two runs making the same edition: the second finds it made
        return _new_edition(source, target)


def _new_edition(source: Path, target: Path) -> Path:
    check_loads(source)
    if not (source / EDITION_FILE).is_file() or not (source / UNITS_FILE).is_file():
        raise InputError(_("not an edition folder: edition.yaml or units.yaml is missing"), path=source)
    if target.exists() or target.is_symlink():
        raise InputError(_("already exists; a new edition must not overwrite anything"), path=target)
    if target.parent.resolve().is_relative_to(source.resolve()):
        # copying a folder into itself would copy the copy as it grows
        raise InputError(_("is inside {source}; a new edition goes beside the old one, not into it")
                         .format(source=source), path=target)
    if not is_edition_name(target.name):  # the schema's own rule for edition:, which takes the folder's name
        raise InputError(_("an edition folder's name must be letters, digits, '.', '_' or '-' (such as 2021)"),
                         path=target)
    if not target.parent.is_dir():
        raise InputError(_("no such folder"), path=target.parent)
    copy_only = is_copy(source, target)
    previous = None if copy_only else previous_name(source, target)
    _check_copyable(source)
    edition_yaml = source / EDITION_FILE
    original = read_text(edition_yaml)
    data = parse_document(original, str(edition_yaml)).data
    if not isinstance(data, dict) or not isinstance(data.get("document", {}), dict):
        raise InputError(_("not a valid edition.yaml: run qingdan validate on the edition first"), path=edition_yaml)
    text = original if previous is None else format_text(
        original, "edition", str(edition_yaml), cleared_metadata(data, target.name, previous), replace_data=True,
        schema=schema_file("edition", source))
    official = None if copy_only else source_file(data)
    units_yaml = source / UNITS_FILE
    units_original = read_text(units_yaml)
    units_data = parse_document(units_original, str(units_yaml)).data
    units_text = units_original
    if not copy_only and cleared_units(units_data) != units_data:
        units_text = format_text(units_original, "units", str(units_yaml), cleared_units(units_data),
                                 replace_data=True)
    with output_errors(target):
        remove_stale_beside(target)  # a staging folder a killed run left
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        try:
            copy = staging / target.name
            # the official text by its exact name, at the top of the edition only: a name from data is never a glob
            # pattern ("*" or "[s]ervices" would leave out services/ or units.yaml)
            top = os.path.realpath(source)

            # and the crosswalk: it maps the source's predecessor onto the source, not the source onto the revision
            dropped = [name for name in (official, None if previous is None else CROSSWALK_FILE) if name is not None]

            def leave_out(folder: str | os.PathLike[str], names: list[str]) -> list[str]:
                return [name for name in dropped if name in names] if os.path.realpath(folder) == top else []

            shutil.copytree(source, copy, ignore=leave_out)
            (copy / EDITION_FILE).write_text(text, encoding="utf-8", newline="\n")
            if units_text != units_original:
                (copy / UNITS_FILE).write_text(units_text, encoding="utf-8", newline="\n")
            os.rename(copy, target)  # fails rather than merging if someone created target meanwhile
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target
