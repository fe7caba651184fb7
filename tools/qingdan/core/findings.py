"""Findings: what checking an edition says about it, as immutable data with stable codes.

Every kind of finding is declared once as a Code (code, title, description, default severity, and the templates of
its messages); renderers, docs, ``qingdan rules`` and the catalogs of translations are generated from those
declarations. A finding keeps its message as a template with typed parameters (i18n.Message), so that its text is
built, in the language of the run, where it is shown. Messages may change between releases; codes may not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from .declarations import Declared
from .i18n import Message
from .model import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code(Declared):
    """A kind of finding: its stable code, a short title, a description for the docs, a default severity, and the
    English templates of its messages by key (``{name}`` fields are the parameters). Title, description and
    templates are the catalog's message ids: they are translated where they are shown."""

    code: str
    title: str
    description: str
    severity: Severity = Severity.ERROR
    waivable: bool = True  # schema violations, duplicate keys and unused waivers can never be waived
    messages: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, order=True)
class Finding:
    """One thing wrong with the data, at one place. ``waived_by`` holds the waiver's reason when waived."""

    location: Location
    code: str
    severity: Severity = field(compare=False)
    said: Message = field(compare=False)
    service: str | None = field(default=None, compare=False)  # "52 医疗救助", where the finding is inside one
    waived_by: str | None = field(default=None, compare=False)
    service_id: str | None = field(default=None, compare=False)  # what waivers match on, with ``part``
    part: str | None = field(default=None, compare=False)

    @property
    def message(self) -> str:
        """The message in the language of the run."""
        return self.said.text()

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
