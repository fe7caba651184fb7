"""Unit lineage: which units of an edition succeed which units of its predecessor, read from ``replaces``.

An institutional reform renames, merges and splits departments. The registry of the new edition records it: a
unit that ``replaces: [A]`` is A renamed, one that ``replaces: [A, B]`` is A and B merged, and A under the
``replaces`` of two units is A split. The diff maps the old edition's unit names through this lineage before it
compares a row, so a rename is one editorial line instead of a change in every service, and a merge drops no one.

A unit that was already in the predecessor's registry and ``replaces: [A]`` is A merged into it, not A renamed: it
stands for itself as well. The registry alone cannot tell (a first edition has no predecessor), so the diff, which
has both editions, passes the old edition's unit names as ``existing``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from enum import StrEnum

from ..core.model import Unit
from ..core.records import frozen


class Succession(StrEnum):
    RENAME = "rename"  # one old unit, one successor that replaces only it
    MERGE = "merge"    # several old units, one successor
    SPLIT = "split"    # one old unit, several successors


@frozen
class Event:
    """One succession: the old units and the units of the new registry that succeed them."""

    kind: Succession
    old: tuple[str, ...]
    new: tuple[str, ...]


@frozen
class Lineage:
    """The successors of every replaced unit name, and the succession events in registry order."""

    successors: dict[str, tuple[str, ...]]
    events: tuple[Event, ...]

    @classmethod
    def of(cls, units: Iterable[Unit], existing: Collection[str] = ()) -> Lineage:
        """The lineage of a registry; ``existing``: the unit names of the edition it is compared with."""
        successors: dict[str, list[str]] = defaultdict(list)
        order: list[Unit] = []
        for unit in units:
            if unit.replaces:
                order.append(unit)
                for old in unit.replaces:
                    if unit.name not in successors[old]:
                        successors[old].append(unit.name)
        events: list[Event] = []
        split_seen: set[str] = set()
        for unit in order:
            split = [old for old in unit.replaces if len(successors[old]) > 1]
            whole = tuple(old for old in unit.replaces if len(successors[old]) == 1)
            if whole and unit.name in existing and unit.name not in whole:
                whole = (*whole, unit.name)  # merged into a unit that stays: a merge, never a rename
            if whole:
                kind = Succession.RENAME if len(whole) == 1 else Succession.MERGE
                events.append(Event(kind, whole, (unit.name,)))
            for old in split:
                if old not in split_seen:
                    split_seen.add(old)
                    events.append(Event(Succession.SPLIT, (old,), tuple(successors[old])))
        return cls({old: tuple(new) for old, new in successors.items()}, tuple(events))

    def of_name(self, name: str) -> tuple[str, ...]:
        """The names ``name`` stands for in the new edition: its successors, or itself when it was not replaced."""
        return self.successors.get(name, (name,))

    def successor(self, name: str) -> str:
        """The single name ``name`` maps to (a split keeps the old name: which successor took a row is data)."""
        found = self.successors.get(name)
        return found[0] if found is not None and len(found) == 1 else name

    def named_in(self, text: str) -> list[tuple[str, str]]:
        """The replaced names written in ``text`` that have one successor, each with it, longest first (so that a
        name inside a longer replaced name is not counted twice)."""
        found: list[tuple[str, str]] = []
        rest = text
        for successor in sorted({self.successor(n) for n in self.successors}, key=len, reverse=True):
            rest = rest.replace(successor, "\0")  # a successor that contains its old name is no old name
        for name in sorted(self.successors, key=len, reverse=True):
            successor = self.successor(name)
            if successor != name and name in rest:
                found.append((name, successor))
                rest = rest.replace(name, "\0")
        return found

    def in_text(self, text: str) -> str:
        """``text`` with every replaced name that has one successor written as that successor: how a text of the
        old edition reads after the reform."""
        import re

        found = dict(self.named_in(text))
        if not found:
            return text
        keep = sorted({self.successor(n) for n in self.successors}, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(n) for n in [*keep, *sorted(found, key=len, reverse=True)]))
        return pattern.sub(lambda m: found.get(m.group(0), m.group(0)), text)
