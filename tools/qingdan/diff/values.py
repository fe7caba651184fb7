"""The typed old and new values of a change: amounts with their unit, lists of names, funding splits, edits.

A change keeps what changed as data (numbers stay numbers, names stay names); the words are built where it is
shown. Each type formats itself for a message template (``"{old} → {new}"``) in one ``__format__``; the JSON
renderer writes it with ``json_value``. Plain values (text, numbers, tuples of ids) need no type of their own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..i18n import N_, _, level_word
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
        """``1000 元 每生每年``; with the spec ``bare``, ``1000 元`` (a template that names ``per`` once)."""
        if self.value is not None:
            text = f"{number(self.value)} {self.unit}"
        else:
            text = f"{number(self.minimum or 0)}–{number(self.maximum or 0)} {self.unit}"
        return f"{text} {self.per}" if self.per and spec != "bare" else text


class SignedInt(int):
    """A signed whole number (a shift of 序号) that a template may show without its sign: ``{delta:size}``, for
    languages that say the direction in words (各加 1, 各减 1)."""

    def __format__(self, spec: str) -> str:
        return str(abs(self)) if spec == "size" else int.__format__(self, spec)


class SignedFloat(float):
    """A signed percentage that a template may show rounded and without its sign: ``{percent:size}`` (提高 20%)."""

    def __format__(self, spec: str) -> str:
        return f"{abs(self):.0f}" if spec == "size" else float.__format__(self, spec)


class Empty(str):
    """A field with no value: the empty text in JSON, "(none)" in a message (上一版本：（无）→ 2017)."""

    def __format__(self, spec: str) -> str:
        return _("(none)")


UNIT_ATTRIBUTES = {"level": N_("level"), "counterpart": N_("counterpart"), "note": N_("note")}


class Attribute(str):
    """A key of a units.yaml entry, shown as its word in the language of the run (对口部门)."""

    def __format__(self, spec: str) -> str:
        return _(UNIT_ATTRIBUTES[self]) if self in UNIT_ATTRIBUTES else str(self)


class Level(str):
    """A unit's level code (city, district, other), shown as its word in the language of the run."""

    def __format__(self, spec: str) -> str:
        return level_word(self)


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


# The keys of curated fields a path may run through, shown by name (a Chinese reader sees no key name).
KEY_NAMES = {"waivers": N_("waivers"), "reason": N_("reason"), "rule": N_("rule"), "part": N_("part"),
             "derivations": N_("derivations"), "result": N_("result"), "product": N_("product"),
             "quantities": N_("quantities"), "splits": N_("splits"), "shares": N_("shares"), "payer": N_("payer"),
             "payers": N_("payers"), "quote": N_("quote"), "field": N_("field"), "basis": N_("basis"),
             "name": N_("name"), "value": N_("value"), "unit": N_("unit"), "per": N_("per"),
             "minimum": N_("minimum"), "maximum": N_("maximum"), "total": N_("total"), "kind": N_("kind")}
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def path_name(path: str) -> str:
    """A changed path (``waivers[0].reason``) as people read it: ``waivers 1, reason``; in Chinese 豁免1的理由."""
    shown = ""
    for key, index in _STEP.findall(path):
        if index:
            shown = _("{key} {number}").format(key=shown, number=int(index) + 1)
        else:
            name = _(KEY_NAMES[key]) if key in KEY_NAMES else key
            shown = _("{outer}, {inner}").format(outer=shown, inner=name) if shown else name
    return shown or path


class Edits(tuple[Edit, ...]):
    """The changed paths of a curated field, shown ``path: old → new`` joined by ``; `` (in Chinese ``path：old →
    new`` joined by ；), each path by name (``path_name``)."""

    def __format__(self, spec: str) -> str:
        return _("; ").join(_("{path}: {old} → {new}").format(path=path_name(e.path), old=compact(e.old),
                                                              new=compact(e.new)) for e in self)


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
