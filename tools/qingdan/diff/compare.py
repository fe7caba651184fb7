"""``compare(old, new)``: every change between two editions, as one immutable DiffReport. Pure; prints nothing."""

from __future__ import annotations

from ..edition import EditionFiles
from ..lineage import Lineage
from ..model import Edition
from .accepting import accept
from .crosswalk import accounting, columns_of, fold, shape_change
from .editionmeta import compare_categories, compare_lineage, compare_metadata, compare_registry
from .locate import Locator
from .model import DiffReport
from .services import compare_services


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
                      old.metadata.data_version, new.metadata.data_version, accounting(crosswalk))
