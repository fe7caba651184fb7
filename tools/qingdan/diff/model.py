"""The diff model on one screen: change classes, declared change kinds with stable codes, Change and DiffReport."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..declarations import Declared
from ..i18n import Message
from ..model import Location


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


@dataclass(frozen=True)
class Change:
    """One reported change. ``service``/``part`` are stable ids; ``old``/``new`` are typed values (text, numbers, an
    Amount, Names: see values.py); ``said`` is the message as its kind's template and parameters."""

    code: str
    cls: ChangeClass
    said: Message
    location: Location
    service: str | None = None
    service_label: str | None = None  # "52 医疗救助", as numbered in the new edition (old one for removals)
    part: str | None = None
    part_number: int | None = None  # the part's place among the service's parts, from 1 (how Chinese names it)
    field: str | None = None
    old: Any = None
    new: Any = None
    relative: float | None = None  # for amounts: (new - old) / old
    segments: tuple[Segment, ...] = ()
    accepted: str | None = None  # the reason, when the new edition lists the change under ``accepted``

    @property
    def message(self) -> str:
        """The message in the language of this run."""
        return self.said.text()


BUMPS = ("none", "patch", "minor", "major")
TRANSFER_CODES = ("QC303", "QC304")


@dataclass(frozen=True)
class DiffReport:
    """Every change between two editions, in report order. Counts, the version bump and exit codes are derived."""

    old_name: str
    new_name: str
    changes: tuple[Change, ...]
    old_version: str = ""
    new_version: str = ""
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
        """0 if nothing is at or above ``fail_on`` (regression, any, none), else 1. Accepted regressions pass."""
        if fail_on == "none":
            return 0
        if fail_on == "any":
            return 1 if self.changes else 0
        return 1 if self.open_regressions else 0
