"""Changes of a row's responsible units: added, dropped, replaced, reordered, and a new lead as its own event."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Row
from .model import Change
from .where import Where

LISTS = {"city_units": "市级牵头责任单位", "district_units": "区级对接落实责任部门"}


def compare_units(where: Where, old: Row, new: Row) -> Iterator[Change]:
    for name, label in LISTS.items():
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        lost = [u for u in a if u not in b]
        gained = [u for u in b if u not in a]
        if a and b and a[0] != b[0]:
            yield where.change("QC304", f"{label}：牵头（首位）单位 {a[0]} → {b[0]}", (name, 0), old=a[0], new=b[0])
            # a lead that was replaced is told once, by the lead event
            if a[0] in lost and b[0] in gained:
                lost.remove(a[0])
                gained.remove(b[0])
        for gone, came in zip(lost, gained, strict=False):
            yield where.change("QC303", f"{label}：{gone} 改为 {came}", (name, b.index(came)), old=gone, new=came)
        for gone in lost[len(gained):]:
            yield where.change("QC302", f"{label}删去 {gone}（无替代）", (name, a.index(gone)), on_old=True,
                               field=name, old=gone)
        for came in gained[len(lost):]:
            yield where.change("QC301", f"{label}增加 {came}", (name, b.index(came)), field=name, new=came)
        kept_a = [u for u in a if u in b]
        kept_b = [u for u in b if u in a]
        if kept_a != kept_b and (a[:1] == b[:1]):
            yield where.change("QC305", f"{label}顺序调整", (name,), old="、".join(a), new="、".join(b))
