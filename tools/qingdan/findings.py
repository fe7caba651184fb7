"""Findings: what checking an edition says about it, as immutable data with stable codes.

Every kind of finding is declared once as a Code (code, title, description, default severity); renderers, docs and
``qingdan rules`` are generated from those declarations. Messages may change between releases; codes may not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from .model import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """A kind of finding: its stable code, a short title, a description for the docs, a default severity."""

    code: str
    title: str
    description: str
    severity: Severity = Severity.ERROR
    waivable: bool = True  # schema violations, duplicate keys and unused waivers can never be waived


@dataclass(frozen=True, order=True)
class Finding:
    """One thing wrong with the data, at one place. ``waived_by`` holds the waiver's reason when waived."""

    location: Location
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    service: str | None = field(default=None, compare=False)  # "52 医疗救助", where the finding is inside one
    waived_by: str | None = field(default=None, compare=False)
    service_id: str | None = field(default=None, compare=False)  # what waivers match on, with ``part``
    part: str | None = field(default=None, compare=False)

    @property
    def waived(self) -> bool:
        return self.waived_by is not None

    def waive(self, reason: str) -> Finding:
        return replace(self, waived_by=reason)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """File, line, column, code, message: a total order even where a line is unknown."""
        where = self.location
        return where.path, where.line or 0, where.column or 0, self.code, self.message


@dataclass(frozen=True)
class Report:
    """All findings of one run, sorted by file, line and code. Success is derived, never stored."""

    findings: tuple[Finding, ...]
    files: int = 0
    editions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what was not checked and why, such as rules skipped for want of an official text

    @classmethod
    def of(cls, findings: Iterable[Finding], *, files: int = 0, editions: Iterable[str] = (),
           notes: Iterable[str] = ()) -> Report:
        """A report with ``findings`` in their deterministic order."""
        return cls(tuple(sorted(findings, key=Finding.sort_key)), files, tuple(editions), tuple(notes))

    @property
    def active(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.waived)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.active if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.active if f.severity is Severity.WARNING)

    @property
    def waived(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.waived)

    @property
    def ok(self) -> bool:
        return not self.errors

    def exit_code(self, *, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0
