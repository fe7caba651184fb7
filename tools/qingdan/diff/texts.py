"""Changes of the text columns: 服务对象 widened or narrowed; standard and funding wording, and their numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..model import Quantity, Row
from ..vocabulary import in_base_unit
from .model import Change
from .textdiff import Corpus, added, diff_text, numbers, only_punctuation, removed, removed_clauses
from .values import Names
from .where import Where

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
