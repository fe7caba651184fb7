"""Changes of curated numbers: quantities matched by name within the row (old → new, relative change), funding
splits, payers. Lower is assumed worse for every quantity (docs/diff.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Quantity, Row, Split
from ..vocabulary import SCALES
from .model import Change
from .values import Amount, Payers, Shares, SignedFloat
from .where import Where


def amount(quantity: Quantity) -> Amount:
    return Amount(quantity.unit, quantity.value, quantity.minimum, quantity.maximum, quantity.per)


def _bounds(quantity: Quantity) -> tuple[str, float, float]:
    """The quantity's unit and its lower and upper end, 万元 counted in 元 so that 1.5万元 → 15000元 is no change."""
    unit, scale = SCALES.get(quantity.unit, (quantity.unit, 1.0))
    low = quantity.value if quantity.value is not None else quantity.minimum
    high = quantity.value if quantity.value is not None else quantity.maximum
    return unit, (low or 0.0) * scale, (high or 0.0) * scale


def changed_names(old: Row, new: Row) -> tuple[set[str], set[str]]:
    """Quantity names changed or removed (old side) and changed or added (new side)."""
    a = {q.name: q for q in old.quantities}
    b = {q.name: q for q in new.quantities}
    differing = {n for n in a.keys() & b.keys() if _bounds(a[n]) != _bounds(b[n])}
    return differing | (a.keys() - b.keys()), differing | (b.keys() - a.keys())


def compare_quantities(where: Where, old: Row, new: Row) -> Iterator[Change]:
    a = {q.name: (i, q) for i, q in enumerate(old.quantities)}
    b = {q.name: (i, q) for i, q in enumerate(new.quantities)}
    # a quantity that comes or goes while its text stays is curation; only a text change makes it policy
    def come_or_go(q: Quantity, policy: str) -> str:
        return policy if getattr(old, q.field) != getattr(new, q.field) else "QC406"

    for name, (i, q) in a.items():
        if name not in b:
            yield where.change(come_or_go(q, "QC404"), "removed", ("quantities", i), on_old=True,
                               field="quantities", old=amount(q), params={"name": name})
    for name, (j, q) in b.items():
        path = ("quantities", j)
        if name not in a:
            yield where.change(come_or_go(q, "QC403"), "added", path, field="quantities", new=amount(q),
                               params={"name": name})
            continue
        p = a[name][1]
        if p == q:
            continue
        (unit_p, low_p, high_p), (unit_q, low_q, high_q) = _bounds(p), _bounds(q)
        if unit_p != unit_q:
            yield where.change("QC404", "unit-changed", path, field="quantities", old=amount(p),
                               params={"name": name})
            yield where.change("QC403", "unit-changed", path, field="quantities", new=amount(q),
                               params={"name": name})
            continue
        relative = (high_q - high_p) / high_p if p.value is not None and q.value is not None and high_p else None
        if low_q < low_p or high_q < high_p:
            code = "QC402"
        elif low_q > low_p or high_q > high_p:
            code = "QC401"
        else:
            code = "QC405"
        params: dict[str, Any] = {"name": name}
        if relative is not None:
            params["percent"] = SignedFloat(relative * 100)  # "{percent:+.0f} %" shows what "{relative:+.0%}" would
        key = "changed" if relative is None else "relative"
        if code != "QC405" and p.per and p.per == q.per:  # 每生每年 said once: 每生每年 1000 元 → 1200 元
            key, params["per"] = f"{key}-per", p.per
        yield where.change(code, key, path, field="quantities", old=amount(p), new=amount(q), relative=relative,
                           params=params)


def shares(split: Split) -> Shares:
    return Shares(split.kind, split.shares, split.total)


def compare_splits(where: Where, old: Row, new: Row) -> Iterator[Change]:
    a = {s.name: (i, s) for i, s in enumerate(old.splits)}
    b = {s.name: (i, s) for i, s in enumerate(new.splits)}
    for name, (i, s) in a.items():
        if name not in b:
            yield where.change("QC503", "removed", ("splits", i), on_old=True, field="splits", old=shares(s),
                               params={"name": name})
    for name, (j, s) in b.items():
        if name not in a:
            yield where.change("QC502", "added", ("splits", j), field="splits", new=shares(s),
                               params={"name": name})
        elif a[name][1] != s:
            before, after = shares(a[name][1]), shares(s)
            yield where.change("QC501", "changed", ("splits", j), field="splits", old=before, new=after,
                               params={"name": name})
    if set(old.payers) != set(new.payers):
        yield where.change("QC504", "changed", ("payers",), field="payers", old=Payers(old.payers),
                           new=Payers(new.payers))
