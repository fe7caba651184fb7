"""All changes of one matched row (a service's own row, or one part): the text columns (服务对象 widened or
narrowed; standard and funding wording and their numbers), the responsible units (matched by name through the unit
lineage, never by position), the curated quantities and funding splits, and the remaining curated fields.

deepdiff is used for those remaining fields only, and imported only when two matched rows differ there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, replace
from typing import Any

from ..core.model import Quantity, Row, Split
from ..core.vocabulary import SCALES, in_base_unit
from ..edition.lineage import Lineage
from .locate import Where
from .model import Amount, Change, Data, Edit, Edits, Names, Payers, Shares, SignedFloat
from .textdiff import Corpus, added, diff_text, numbers, only_punctuation, removed, removed_clauses


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


FIELDS = ("target", "standard", "funding")  # each kind's message keys name the field


def compare_texts(where: Where, old: Row, new: Row, changed_quantities: tuple[set[str], set[str]]) -> Iterator[Change]:
    """``changed_quantities``: names of quantities changed or removed (old row) and changed or added (new row)."""
    for name in FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        segments = diff_text(a, b)
        on_old = b is None
        params: dict[str, Any] = {}
        # the old text as it reads after the reform: a replaced unit name written as its successor is no change
        succeeded = where.lineage.named_in(a) if a else []
        read = where.lineage.in_text(a) if succeeded else a
        if succeeded and read == b:
            names = Names(f"{old_name} → {successor}" for old_name, successor in succeeded)
            yield where.change("QC210", name, (name,), old=a, new=b, segments=segments, params={"names": names})
            continue
        read_segments = diff_text(read, b) if succeeded else segments
        lost, gained = removed(read_segments), added(read_segments)
        if name == "target":
            code = _target(lost, gained)
        else:
            reread = replace(old, standard=read) if name == "standard" else replace(old, funding=read)
            code, cut = _numbers(name, reread, new, changed_quantities, where.elsewhere)
            if cut:
                params["clauses"] = cut
        yield where.change(code, name, (name,), on_old=on_old, old=a, new=b, segments=segments, params=params)


def _target(lost: str, gained: str) -> str:
    if only_punctuation(lost) and only_punctuation(gained):
        return "QC208"
    if not gained:
        return "QC202"
    if not lost:
        return "QC201"
    return "QC203"


def _numbers(name: str, old: Row, new: Row, changed: tuple[set[str], set[str]],
             elsewhere: Corpus | None = None) -> tuple[str, Names | None]:
    """The code of a standard or funding change, with the clauses it cut (QC209)."""
    a, b = numbers(getattr(old, name)), numbers(getattr(new, name))
    if a == b:
        cut = removed_clauses(getattr(old, name), getattr(new, name), elsewhere)
        if cut:
            return "QC209", Names(cut)
        return "QC204", None
    lost = list((Counter(a) - Counter(b)).elements())
    gained = list((Counter(b) - Counter(a)).elements())
    lost = [t for t in lost if not _explained(t, old.quantities, name, changed[0])]
    gained = [t for t in gained if not _explained(t, new.quantities, name, changed[1])]
    if not lost and not gained:
        return "QC205", None
    if len(lost) > len(gained):
        return "QC207", None
    pairs = zip(sorted(lost, key=a.index), sorted(gained, key=b.index), strict=False)
    if any(_scaled(y) < _scaled(x) for x, y in pairs):
        return "QC207", None
    return "QC206", None


def _scaled(token: tuple[float, str]) -> float:
    return in_base_unit(*token)[0]


def _explained(token: tuple[float, str], quantities: tuple[Quantity, ...], field: str, names: set[str]) -> bool:
    """A number the text gained or lost that a changed quantity of the same field states."""
    value, unit = token
    return any(q.name in names and q.field == field and (not unit or q.unit == unit)
               and value in (q.value, q.minimum, q.maximum) for q in quantities)


LISTS = ("city_units", "district_units")  # each kind's message keys name the column


def mapped(units: tuple[str, ...], lineage: Lineage, new: tuple[str, ...]) -> list[str]:
    """The old row's units under their names in the new edition, each once, in the old order."""
    out: list[str] = []
    for name in units:
        successors = lineage.of_name(name)
        present = [s for s in successors if s in new]
        for successor in present or successors[:1]:
            if successor not in out:
                out.append(successor)
    return out


def compare_units(where: Where, old: Row, new: Row, lineage: Lineage) -> Iterator[Change]:
    for name in LISTS:
        b = list(getattr(new, name))
        a = mapped(getattr(old, name), lineage, tuple(b))
        if a == b:
            continue
        lost = [u for u in a if u not in b]
        gained = [u for u in b if u not in a]
        if a and b and a[0] != b[0]:
            came = "new-" if b[0] in gained else ""
            stays = "stays" if a[0] in b else "gone"
            yield where.change("QC304", f"{name}.{came}{stays}", (name, 0), old=a[0], new=b[0])
            # the lead's hand-over is told once, by the lead event: the units it names are not repeated below
            if a[0] in lost:
                lost.remove(a[0])
            if b[0] in gained:
                gained.remove(b[0])
        if lost and gained:
            left, joined = Names(lost), Names(gained)
            yield where.change("QC303", name, (name, b.index(gained[0])), old=left, new=joined,
                               params={"gone": left, "came": joined})
        elif lost:
            raw = getattr(old, name)
            for gone in lost:
                at = next(i for i, unit in enumerate(raw) if gone in lineage.of_name(unit))
                yield where.change("QC302", name, (name, at), on_old=True, field=name, old=gone,
                                   params={"unit": gone})
        else:
            for came in gained:
                yield where.change("QC301", name, (name, b.index(came)), field=name, new=came, params={"unit": came})
        kept_a = [u for u in a if u in b]
        kept_b = [u for u in b if u in a]
        if kept_a != kept_b and a[:1] == b[:1]:
            yield where.change("QC305", name, (name,), old=Names(a), new=Names(b))


_KEY = re.compile(r"\['([^']*)'\]|\[(\d+)\]")


def changed(old: Any, new: Any) -> list[Edit]:
    """Every changed path between two dataclass values or plain data, with its old and new value."""
    from deepdiff import DeepDiff

    diff = DeepDiff(plain(old), plain(new), ignore_order=False, view="tree")
    edits = []
    for levels in diff.values():
        for level in levels:
            a = None if _absent(level.t1) else level.t1
            b = None if _absent(level.t2) else level.t2
            edits.append(Edit(_readable(level.path()), a, b))
    return sorted(edits, key=lambda e: e.path)


def _absent(value: Any) -> bool:
    return type(value).__name__ == "NotPresent"


def plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain(v) for k, v in asdict(value).items() if k != "location"}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _readable(path: str) -> str:
    text = ""
    for key, index in _KEY.findall(path.removeprefix("root")):
        text += f"[{index}]" if index else (f".{key}" if text else key)
    return text or "(whole)"


RESIDUAL = ("derivations",)


def compare_rows(where: Where, old: Row, new: Row, *, extra: tuple[tuple[str, Any, Any], ...] = ()) -> Iterator[Change]:
    """``extra``: further (field, old, new) values compared by deepdiff, such as a service's waivers."""
    yield from compare_texts(where, old, new, changed_names(old, new))
    yield from compare_quantities(where, old, new)
    yield from compare_splits(where, old, new)
    yield from compare_units(where, old, new, where.lineage)
    for name, a, b in tuple((n, getattr(old, n), getattr(new, n)) for n in RESIDUAL) + extra:
        if a != b:
            from .rows import changed, plain

            yield where.change("QC505", name, (name,), field=name, old=Data(plain(a)), new=Data(plain(b)),
                               params={"edits": Edits(changed({name: a}, {name: b}))})
