"""All changes of one matched row (a service's own row, or one part): texts, units, quantities, splits, the rest."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Row
from .model import Change
from .quantities import changed_names, compare_quantities, compare_splits
from .texts import compare_texts
from .units import compare_units
from .values import Data, Edits
from .where import Where

RESIDUAL = ("derivations",)


def compare_rows(where: Where, old: Row, new: Row, *, extra: tuple[tuple[str, Any, Any], ...] = ()) -> Iterator[Change]:
    """``extra``: further (field, old, new) values compared by deepdiff, such as a service's waivers."""
    yield from compare_texts(where, old, new, changed_names(old, new))
    yield from compare_quantities(where, old, new)
    yield from compare_splits(where, old, new)
    yield from compare_units(where, old, new, where.lineage)
    for name, a, b in tuple((n, getattr(old, n), getattr(new, n)) for n in RESIDUAL) + extra:
        if a != b:
            from .residual import changed, plain

            yield where.change("QC505", name, (name,), field=name, old=Data(plain(a)), new=Data(plain(b)),
                               params={"edits": Edits(changed({name: a}, {name: b}))})
