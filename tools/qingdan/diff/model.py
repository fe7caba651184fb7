"""The diff model on one screen: change classes, declared change kinds with stable codes, Change (a Result plus its
payload) and DiffReport."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from ..declarations import Declared
from ..i18n import Message
from ..results import Location, Result, Severity, Subject, Suppression, SuppressionKind
from .values import Amount, Data, Edits, Heading, Names, Shares

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


@dataclass(frozen=True)
class Kind(Declared):
    """A kind of change: stable code, slug, class, a description for the docs, its mirror (old and new swapped),
    and the templates of its messages by key (``{name}`` placeholders filled from the change's typed values)."""

    code: str
    slug: str
    cls: ChangeClass
    description: str
    mirror: str = ""  # the code this kind becomes when old and new are swapped; "" means itself
    messages: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Segment:
    """One run of a character-level text diff: ``op`` is '=' (kept), '-' (removed) or '+' (added)."""

    op: str
    text: str


# What a change's old and new values may be (values.py): text, numbers, an Amount, a funding split, a category's
# heading, names or edits in their order, a curated field's data, a run of 序号; None where the value is not kept.
Value = str | float | Amount | Shares | Heading | Data | Names | Edits | tuple[str, ...] | tuple[int, ...] | None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True)
class DiffReport:
    """Every change between two editions, in report order. Counts, the version bump and exit codes are derived."""

    old_name: str
    new_name: str
    changes: tuple[Change, ...]
    old_version: str = ""
    new_version: str = ""
    problems: tuple[Result, ...] = ()  # what kept a side from loading (QD004-QD006): rendered, and exit 2

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
