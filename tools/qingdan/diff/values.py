"""The typed old and new values of a change: amounts with their unit, lists of names, funding splits, edits.

A change keeps what changed as data (numbers stay numbers, names stay names); the words are built where it is
shown. Each type formats itself for a message template (``"{old} → {new}"``) in one ``__format__``; the JSON
renderer writes it with ``json_value``. Plain values (text, numbers, tuples of ids) need no type of their own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..i18n import _
from ..model import Share


def number(value: float) -> str:
    """A number as people write it: 1500, 0.5, 1e+15 and beyond in full."""
    return f"{value:g}" if abs(value) < 1e15 else str(value)


@dataclass(frozen=True)
class Amount:
    """A structured quantity's value or range, with its unit and what it is counted per, as the data states them."""

    unit: str
    value: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    per: str | None = None

    def __format__(self, spec: str) -> str:
        if self.value is not None:
            text = f"{number(self.value)} {self.unit}"
        else:
            text = f"{number(self.minimum or 0)}–{number(self.maximum or 0)} {self.unit}"
        return f"{text} {self.per}" if self.per else text


class Names(tuple[str, ...]):
    """Names in their order (units, clauses), shown joined by 、."""

    separator = "、"

    def __format__(self, spec: str) -> str:
        return self.separator.join(self)


class Payers(Names):
    """A row's payers, shown joined by commas; no payer at all is shown as —."""

    separator = ", "

    def __format__(self, spec: str) -> str:
        return super().__format__(spec) or "—"


@dataclass(frozen=True)
class Shares:
    """A funding split: a ratio (``payer value``∶…) or amounts that add up to a total."""

    kind: str
    shares: tuple[Share, ...]
    total: str | None = None

    def __format__(self, spec: str) -> str:
        if self.kind == "ratio":
            return "∶".join(f"{s.payer} {number(s.value or 0)}" for s in self.shares)
        text = " + ".join(f"{s.payer} {s.quantity}" for s in self.shares)
        return f"{text} = {self.total}" if self.total else text


@dataclass(frozen=True)
class Heading:
    """A category's numeral and name."""

    numeral: str
    name: str

    def __format__(self, spec: str) -> str:
        return f"{self.numeral}、{self.name}"


@dataclass(frozen=True)
class Edit:
    """One changed path of a curated field: ``old`` is None where something was added, ``new`` where removed."""

    path: str
    old: Any
    new: Any


class Edits(tuple[Edit, ...]):
    """The changed paths of a curated field, shown ``path: old → new`` joined by ``; `` (in Chinese ``path：old →
    new`` joined by ；)."""

    def __format__(self, spec: str) -> str:
        return _("; ").join(_("{path}: {old} → {new}").format(path=e.path, old=compact(e.old), new=compact(e.new))
                            for e in self)


@dataclass(frozen=True)
class Data:
    """A curated field's whole value as plain data (lists, mappings, text), shown as compact JSON."""

    value: Any

    def __format__(self, spec: str) -> str:
        return compact(self.value)


def compact(value: Any) -> str:
    """A plain value for a message: text as it is, lists and mappings as compact JSON, nothing as —."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_value(value: Any) -> Any:
    """A typed value as JSON data: an amount or a split as an object, names as a list, numbers as numbers."""
    if isinstance(value, Data):
        return value.value
    if hasattr(value, "__dataclass_fields__"):
        return {name: json_value(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value
