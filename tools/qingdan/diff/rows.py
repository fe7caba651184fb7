"""All changes of one matched row (a service's own row, or one part): texts, units, quantities, splits, the rest."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Row
from .model import Change
from .quantities import changed_names, compare_quantities, compare_splits
from .texts import compare_texts
from .units import compare_units
from .where import Where

RESIDUAL = ("derivations",)
LABELS = {"derivations": "计算", "waivers": "豁免"}


def compare_rows(where: Where, old: Row, new: Row, *, extra: tuple[tuple[str, Any, Any], ...] = ()) -> Iterator[Change]:
    """``extra``: further (field, old, new) values compared by deepdiff, such as a service's waivers."""
    yield from compare_texts(where, old, new, changed_names(old, new))
    yield from compare_quantities(where, old, new)
    yield from compare_splits(where, old, new)
    yield from compare_units(where, old, new, where.lineage)
    for name, a, b in tuple((n, getattr(old, n), getattr(new, n)) for n in RESIDUAL) + extra:
        if a != b:
            from .residual import changed, plain, shown

            edits = changed({name: a}, {name: b})
            detail = "；".join(f"{e.path}：{shown(e.old)} → {shown(e.new)}" for e in edits)
            yield where.change("QC505", f"{LABELS.get(name, name)}变化：{detail}", (name,), field=name,
                               old=shown(plain(a)), new=shown(plain(b)))
