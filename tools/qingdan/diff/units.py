"""Changes of a row's responsible units, matched by name through the unit lineage, never by position.

The old row's units are first mapped through the new registry's lineage (a renamed or merged unit becomes its
successor; a split unit becomes whichever successor the new row names), so a reform that renamed or merged
departments leaves the row unchanged. What remains: units added, units dropped with no one taking over (a
regression), a transfer (units leave and others that do not succeed them come in), a new lead, a new order.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..lineage import Lineage
from ..model import Row
from .model import Change
from .values import Names
from .where import Where

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
