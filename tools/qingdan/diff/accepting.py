"""Accepted changes: what reviewers accepted in the new edition's ``accepted:`` list, matched to the changes.

An acceptance names one change: its code, the service (stable id; the old id for a removed service), the part
when the change is in one, and the changed value or text, ``old`` → ``new``, as the diff shows it (``shown``). It
matches that change and no other: a further cut of the same kind in the same service is an open regression, and
two acceptances never cover one change (the second is stale). A matched change carries the acceptance's reason
and fails no gate. An acceptance that matches nothing is stale, and validate reports it (QD704) with
``unmatched``. For an open regression, ``entry_data`` is the entry to paste under ``accepted:``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..core.model import Acceptance
from .model import Amount, Change, Data, Edits, Heading, Names, Shares, compact, json_value, number


def shown(value: Any) -> str:
    """A change's old or new value as the diff shows it, and as an acceptance writes it: an amount as
    ``1000 元 每生每年``, names joined by 、, nothing as —."""
    if value is None or isinstance(value, bool):
        return compact(value)
    if isinstance(value, str):
        return str(value)  # a level or attribute by its code, the same in every language
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, (Amount, Names, Shares, Heading, Edits, Data)):
        return format(value, "")
    return compact(json_value(value))


def matches(acceptance: Acceptance, change: Change) -> bool:
    return (change.code == acceptance.code and change.service == acceptance.service
            and change.part == acceptance.part
            and shown(change.old) == acceptance.old and shown(change.new) == acceptance.new)


def _assign(changes: Sequence[Change], acceptances: tuple[Acceptance, ...]) -> dict[int, int]:
    """Which acceptance covers which change (change index → acceptance index), one to one, in order."""
    used: set[int] = set()
    covered: dict[int, int] = {}
    for position, change in enumerate(changes):
        for index, acceptance in enumerate(acceptances):
            if index not in used and matches(acceptance, change):
                used.add(index)
                covered[position] = index
                break
    return covered


def accept(changes: Iterable[Change], acceptances: tuple[Acceptance, ...]) -> list[Change]:
    """``changes`` with those an acceptance matches marked accepted (with that acceptance's reason)."""
    listed = list(changes)
    covered = _assign(listed, acceptances)
    return [c.accept(acceptances[covered[i]].reason) if i in covered else c
            for i, c in enumerate(listed)]


def unmatched(changes: Iterable[Change], acceptances: tuple[Acceptance, ...]) -> list[int]:
    """Indexes of the acceptances that match no change (or only a change another acceptance already covers)."""
    used = set(_assign(list(changes), acceptances).values())
    return [i for i in range(len(acceptances)) if i not in used]


def entry_data(change: Change, reason: str) -> dict[str, Any]:
    """The ``accepted:`` entry that accepts exactly ``change``, as plain data in the schema's key order."""
    data: dict[str, Any] = {"code": change.code, "service": change.service}
    if change.part is not None:
        data["part"] = change.part
    return {**data, "old": shown(change.old), "new": shown(change.new), "reason": reason}
