"""Changes of the text columns: 服务对象 widened or narrowed; standard and funding wording, and their numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..model import Quantity, Row
from .model import Change
from .textdiff import Corpus, added, diff_text, numbers, only_punctuation, removed, removed_clauses
from .where import Where

LABELS = {"target": "服务对象", "standard": "服务指导标准", "funding": "支出责任"}


def compare_texts(where: Where, old: Row, new: Row, changed_quantities: tuple[set[str], set[str]]) -> Iterator[Change]:
    """``changed_quantities``: names of quantities changed or removed (old row) and changed or added (new row)."""
    for name, label in LABELS.items():
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        segments = diff_text(a, b)
        lost, gained = removed(segments), added(segments)
        on_old = b is None
        if name == "target":
            code, verb = _target(lost, gained)
        else:
            code, verb = _numbers(name, old, new, changed_quantities, where.elsewhere)
        yield where.change(code, f"{label}{verb}", (name,), on_old=on_old, old=a, new=b, segments=segments)


def _target(lost: str, gained: str) -> tuple[str, str]:
    if only_punctuation(lost) and only_punctuation(gained):
        return "QC208", "：仅标点或空格变化"
    if not gained:
        return "QC202", "缩小：删去文字"
    if not lost:
        return "QC201", "扩大：增加文字"
    return "QC203", "改写：有文字删去，请确认对象未缩小"


def _numbers(name: str, old: Row, new: Row, changed: tuple[set[str], set[str]],
             elsewhere: Corpus | None = None) -> tuple[str, str]:
    a, b = numbers(getattr(old, name)), numbers(getattr(new, name))
    if a == b:
        cut = removed_clauses(getattr(old, name), getattr(new, name), elsewhere)
        if cut:
            return "QC209", f"删去文字（数字不变），请确认标准未降低：{'、'.join(cut)}"
        return "QC204", "文字修改（数字不变）"
    lost = list((Counter(a) - Counter(b)).elements())
    gained = list((Counter(b) - Counter(a)).elements())
    lost = [t for t in lost if not _explained(t, old.quantities, name, changed[0])]
    gained = [t for t in gained if not _explained(t, new.quantities, name, changed[1])]
    if not lost and not gained:
        return "QC205", "文字修改（数字变化见数量）"
    if len(lost) > len(gained):
        return "QC207", "中的数字减少或降低"
    pairs = zip(sorted(lost, key=a.index), sorted(gained, key=b.index), strict=False)
    if any(_scaled(y) < _scaled(x) for x, y in pairs):
        return "QC207", "中的数字减少或降低"
    return "QC206", "中的数字增加或提高"


def _scaled(token: tuple[float, str]) -> float:
    value, unit = token
    return value * 10000 if unit == "万元" else value


def _explained(token: tuple[float, str], quantities: tuple[Quantity, ...], field: str, names: set[str]) -> bool:
    """A number the text gained or lost that a changed quantity of the same field states."""
    value, unit = token
    return any(q.name in names and q.field == field and (not unit or q.unit == unit)
               and value in (q.value, q.minimum, q.maximum) for q in quantities)
