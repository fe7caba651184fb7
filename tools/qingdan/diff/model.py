"""The diff model on one screen: change classes, Change and DiffReport, and the typed old and new values of a
change (amounts with their unit, lists of names, funding splits, edits).

A change keeps what changed as data (numbers stay numbers, names stay names); the words are made only when a
renderer shows it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import field, replace
from enum import StrEnum
from typing import Any

from ..core.declarations import Declared
from ..core.i18n import N_, Message, _, level_word
from ..core.model import Share
from ..core.records import frozen
from ..core.results import Location, Result, Severity, Subject, Suppression, SuppressionKind

TRANSFER_CODES = ("QC303", "QC304")


class ChangeClass(StrEnum):
    """What a change means for 只增不减, most severe first."""

    REGRESSION = "regression"    # breaks 只增不减: something removed, lowered or narrowed
    IMPROVEMENT = "improvement"  # something added, raised or widened
    STRUCTURAL = "structural"    # numbering, order, category, who is responsible or pays
    EDITORIAL = "editorial"      # wording that changes no number

    @property
    def rank(self) -> int:
        return list(ChangeClass).index(self)


@frozen
class Kind(Declared):
    """A kind of change: stable code, slug, class, a description for the docs, its mirror (old and new swapped),
    and the templates of its messages by key (``{name}`` placeholders filled from the change's typed values)."""

    code: str
    slug: str
    cls: ChangeClass
    description: str
    mirror: str = ""  # the code this kind becomes when old and new are swapped; "" means itself
    messages: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)


@frozen
class Segment:
    """One run of a character-level text diff: ``op`` is '=' (kept), '-' (removed) or '+' (added)."""

    op: str
    text: str



@frozen(slots=True)
class Payload:
    """What a change adds to a result: its class for 只增不减, the typed old and new values, for an amount the
    relative change ((new - old) / old), the text diff's runs, and the part's place among the service's parts (from
    1, how Chinese names it)."""

    cls: ChangeClass
    old: Value = None
    new: Value = None
    relative: float | None = None
    segments: tuple[Segment, ...] = ()
    part_number: int | None = None


def names(value: Value) -> tuple[str, ...]:
    """A value of names (units before and after a reform) as a tuple of them; () for any other value."""
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()


def severity_of(code: str, cls: ChangeClass) -> Severity:
    """A change's weight as a result: a regression is an error, a transfer of responsibility a warning, the rest
    notes. (An accepted change keeps its severity; its suppression says it is accepted.)"""
    if cls is ChangeClass.REGRESSION:
        return Severity.ERROR
    return Severity.WARNING if code in TRANSFER_CODES else Severity.NOTE


@frozen(slots=True, kw_only=True)
class Change(Result):
    """One reported change: a Result (code, severity, message as its kind's template and parameters, location,
    subject with the service's stable id and label, the acceptance as its suppression) plus its payload."""

    payload: Payload

    @classmethod
    def of(cls, code: str, change_class: ChangeClass, said: Message, location: Location, *,
           service: str | None = None, service_label: str | None = None, part: str | None = None,
           part_number: int | None = None, field: str | None = None, old: Value = None, new: Value = None,
           relative: float | None = None, segments: tuple[Segment, ...] = ()) -> Change:
        return cls(code=code, severity=severity_of(code, change_class), message=said, location=location,
                   subject=Subject(service, service_label, part, field),
                   payload=Payload(change_class, old, new, relative, segments, part_number))

    def accept(self, reason: str) -> Change:
        """The change as the new edition accepts it (listed under ``accepted``, with its reason)."""
        return replace(self, suppression=Suppression(SuppressionKind.ACCEPTED, reason))

    @property
    def cls(self) -> ChangeClass:
        return self.payload.cls

    @property
    def service(self) -> str | None:
        """The service's stable id."""
        return self.subject.service

    @property
    def service_label(self) -> str | None:
        """The service as people read it, ``52 医疗救助``, as numbered in the new edition (old one for removals)."""
        return self.subject.label

    @property
    def part(self) -> str | None:
        return self.subject.part

    @property
    def field(self) -> str | None:
        return self.subject.field

    @property
    def old(self) -> Value:
        return self.payload.old

    @property
    def new(self) -> Value:
        return self.payload.new

    @property
    def relative(self) -> float | None:
        return self.payload.relative

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self.payload.segments

    @property
    def part_number(self) -> int | None:
        return self.payload.part_number

    @property
    def accepted(self) -> str | None:
        """The reason, when the new edition lists the change under ``accepted``."""
        if self.suppression is not None and self.suppression.kind is SuppressionKind.ACCEPTED:
            return self.suppression.reason
        return None


BUMPS = ("none", "patch", "minor", "major")


@frozen
class DiffReport:
    """Every change between two editions, in report order. Counts, the version bump and exit codes are derived."""

    old_name: str
    new_name: str
    changes: tuple[Change, ...]
    old_version: str = ""
    new_version: str = ""
    problems: tuple[Result, ...] = ()  # what kept a side from loading (QD004-QD006): rendered, and exit 2
    # the crosswalk the comparison read (crosswalk.yaml of the new edition): (relation, old ids, new ids) per entry
    accounting: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.changes

    def of_class(self, cls: ChangeClass) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.cls is cls)

    @property
    def counts(self) -> dict[str, int]:
        return {cls.value: len(self.of_class(cls)) for cls in ChangeClass}

    @property
    def accepted(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.accepted is not None)

    @property
    def open_regressions(self) -> tuple[Change, ...]:
        """Regressions no acceptance covers: what fails ``--fail-on regression``."""
        return tuple(c for c in self.of_class(ChangeClass.REGRESSION) if c.accepted is None)

    @property
    def transfers(self) -> tuple[Change, ...]:
        """Responsibility handed to a unit that does not succeed the old one (a new lead, or units swapped)."""
        return tuple(c for c in self.changes if c.code in TRANSFER_CODES)

    @property
    def bump(self) -> str:
        """The data-version bump the changes imply (Frictionless data-package versioning: major, minor, patch)."""
        if not self.changes:
            return "none"
        if self.of_class(ChangeClass.REGRESSION):
            return "major"
        if self.of_class(ChangeClass.IMPROVEMENT):
            return "minor"
        return "patch"

    @property
    def suggested_version(self) -> str | None:
        """The old data_version with the implied bump applied, or None if it is not MAJOR.MINOR.PATCH."""
        try:
            major, minor, patch = (int(x) for x in self.old_version.split("."))
        except ValueError:
            return None
        if self.bump == "major":
            return f"{major + 1}.0.0"
        if self.bump == "minor":
            return f"{major}.{minor + 1}.0"
        if self.bump == "patch":
            return f"{major}.{minor}.{patch + 1}"
        return self.old_version

    def exit_code(self, fail_on: str) -> int:
        """0 if nothing is at or above ``fail_on`` (regression, any, none), else 1. Accepted regressions pass. A side
        that could not be loaded is 2, whatever ``fail_on`` says."""
        if self.problems:
            return 2
        if fail_on == "none":
            return 0
        if fail_on == "any":
            return 1 if self.changes else 0
        return 1 if self.open_regressions else 0


def number(value: float) -> str:
    """A number as people write it: 1500, 0.5, 1e+15 and beyond in full."""
    return f"{value:g}" if abs(value) < 1e15 else str(value)


@frozen
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


@frozen
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


@frozen
class Heading:
    """A category's numeral and name."""

    numeral: str
    name: str

    def __format__(self, spec: str) -> str:
        return f"{self.numeral}、{self.name}"


@frozen
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


@frozen
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


# What a change's old and new values may be (the value types above): text, numbers, an Amount, a funding split, a
# category's heading, names or edits in their order, a curated field's data, a run of 序号; None where the value is
# not kept.
Value = str | float | Amount | Shares | Heading | Data | Names | Edits | tuple[str, ...] | tuple[int, ...] | None
