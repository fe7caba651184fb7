"""Changes of curated numbers: quantities matched by name within the row (old → new, relative change), funding
splits, payers. Lower is assumed worse for every quantity (docs/diff.md)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Quantity, Row, Split
from .model import Change
from .where import Where

_SCALE = {"万元": ("元", 10000.0)}


def number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def show(quantity: Quantity) -> str:
    if quantity.value is not None:
        text = f"{number(quantity.value)} {quantity.unit}"
    else:
        text = f"{number(quantity.minimum or 0)}–{number(quantity.maximum or 0)} {quantity.unit}"
    return f"{text} {quantity.per}" if quantity.per else text


def _bounds(quantity: Quantity) -> tuple[str, float, float]:
    """The quantity's unit and its lower and upper end, 万元 counted in 元 so that 1.5万元 → 15000元 is no change."""
    unit, scale = _SCALE.get(quantity.unit, (quantity.unit, 1.0))
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
            yield where.change(come_or_go(q, "QC404"), f"数量“{name}”删去：{show(q)}", ("quantities", i), on_old=True,
                               field="quantities", old=show(q))
    for name, (j, q) in b.items():
        path = ("quantities", j)
        if name not in a:
            yield where.change(come_or_go(q, "QC403"), f"数量“{name}”新增：{show(q)}", path, field="quantities",
                               new=show(q))
            continue
        p = a[name][1]
        if p == q:
            continue
        (unit_p, low_p, high_p), (unit_q, low_q, high_q) = _bounds(p), _bounds(q)
        if unit_p != unit_q:
            yield where.change("QC404", f"数量“{name}”单位改变：{show(p)}", path, field="quantities", old=show(p))
            yield where.change("QC403", f"数量“{name}”单位改变：{show(q)}", path, field="quantities", new=show(q))
            continue
        relative = (high_q - high_p) / high_p if p.value is not None and q.value is not None and high_p else None
        shown = f"{show(p)} → {show(q)}" + (f"（{relative:+.0%}）".replace("%", " %") if relative is not None else "")
        if low_q < low_p or high_q < high_p:
            code = "QC402"
        elif low_q > low_p or high_q > high_p:
            code = "QC401"
        else:
            code = "QC405"
        verb = {"QC401": "提高", "QC402": "降低", "QC405": "表述变化"}[code]
        yield where.change(code, f"数量“{name}”{verb}：{shown}", path, field="quantities", old=show(p), new=show(q),
                           relative=relative)


def show_split(split: Split) -> str:
    if split.kind == "ratio":
        return "∶".join(f"{s.payer} {number(s.value or 0)}" for s in split.shares)
    shares = " + ".join(f"{s.payer} {s.quantity}" for s in split.shares)
    return f"{shares} = {split.total}" if split.total else shares


def compare_splits(where: Where, old: Row, new: Row) -> Iterator[Change]:
    a = {s.name: (i, s) for i, s in enumerate(old.splits)}
    b = {s.name: (i, s) for i, s in enumerate(new.splits)}
    for name, (i, s) in a.items():
        if name not in b:
            yield where.change("QC503", f"分担“{name}”删去：{show_split(s)}", ("splits", i), on_old=True,
                               field="splits", old=show_split(s))
    for name, (j, s) in b.items():
        if name not in a:
            yield where.change("QC502", f"分担“{name}”新增：{show_split(s)}", ("splits", j), field="splits",
                               new=show_split(s))
        elif a[name][1] != s:
            before, after = show_split(a[name][1]), show_split(s)
            yield where.change("QC501", f"分担“{name}”：{before} → {after}", ("splits", j), field="splits",
                               old=before, new=after)
    if set(old.payers) != set(new.payers):
        before, after = ", ".join(old.payers) or "—", ", ".join(new.payers) or "—"
        yield where.change("QC504", f"出资方：{before} → {after}", ("payers",), field="payers", old=before, new=after)
