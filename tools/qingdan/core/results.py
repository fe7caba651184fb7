"""One result type for everything qingdan reports: a finding of validate, a change of diff, a file it cannot load.

A :class:`Result` is immutable data with a stable code, a severity, its message kept as a template and parameters
(i18n.Message) until a renderer shows it, where it is (file, line, column), what it is about (the service's stable
id, the label people read, the part, the field) and, where it is waived or accepted, why. Every renderer of
validate and of diff reads these fields, so a YAML syntax error reaches SARIF, GitHub annotations and JSON like any
finding. A diff change is a Result plus its payload (diff.model.Change); a load exception carries one
(errors.QingdanError.result).

This module is the bottom of the package: it imports nothing from qingdan but i18n (and records, which declares its
immutable classes).
"""

from __future__ import annotations

from dataclasses import field, replace
from enum import StrEnum

from .i18n import Message
from .records import frozen


@frozen(order=True, slots=True)
class Location:
    """A place in a file: 1-based line and column, and the key path inside the YAML document."""

    path: str
    line: int | None = None
    column: int | None = None
    key_path: tuple[str | int, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


class Severity(StrEnum):
    """How much a result weighs: errors fail a run, warnings only with --strict, notes never."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@frozen(slots=True)
class Subject:
    """What a result is about: ``service`` is the stable id (``medical-assistance``), ``label`` the display text
    (``52 医疗救助``), ``part`` a part's stable id and ``field`` the key that changed or is wrong."""

    service: str | None = None
    label: str | None = None
    part: str | None = None
    field: str | None = None


class SuppressionKind(StrEnum):
    WAIVED = "waived"      # a waiver in the service's file (validate)
    ACCEPTED = "accepted"  # listed under ``accepted`` in the new edition (diff)


@frozen(slots=True)
class Suppression:
    """Why a result does not count against the run: waived or accepted, with the reason the edition gives."""

    kind: SuppressionKind
    reason: str


NOTHING = Subject()


@frozen(slots=True)
class Result:
    """One thing qingdan reports, at one place. Messages may change between releases; codes may not."""

    code: str
    severity: Severity
    message: Message
    location: Location
    subject: Subject = NOTHING
    suppression: Suppression | None = None

    @property
    def text(self) -> str:
        """The message in the language of the run."""
        return self.message.text()

    @property
    def waived(self) -> bool:
        return self.suppression is not None and self.suppression.kind is SuppressionKind.WAIVED

    @property
    def waiver_reason(self) -> str | None:
        return self.suppression.reason if self.waived and self.suppression is not None else None

    def waive(self, reason: str) -> Result:
        return replace(self, suppression=Suppression(SuppressionKind.WAIVED, reason))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """File, line, column, code, message: a total order even where a line is unknown."""
        where = self.location
        return where.path, where.line or 0, where.column or 0, self.code, self.text

    @property
    def shown_subject(self) -> str | None:
        """The subject as people read it: ``52 医疗救助 › part`` (the label, and the part where there is one)."""
        if self.subject.part:
            return f"{self.subject.label or self.subject.service or ''} › {self.subject.part}"
        return self.subject.label
