"""Findings: what checking an edition says about it, as immutable data with stable codes.

A finding is a results.Result (the one result type validate, diff and the loader share). Every kind of finding
is declared once as a Code (code, title, description, default severity, and the templates of
its messages); renderers, docs, ``qingdan rules`` and the catalogs of translations are generated from those
declarations. A result keeps its message as a template with typed parameters (i18n.Message), so that its text is
built, in the language of the run, where it is shown. Messages may change between releases; codes may not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field

from .declarations import Declared
from .records import frozen
from .results import Result, Severity


@frozen
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


# What stops a file from loading is a result too (errors.QingdanError.result carries one): validate and diff render
# it in every format, and exit 2. Its message is the loader's sentence, said in the language of the run.
YAML_SYNTAX = Code(
    "QD004", "YAML does not parse",
    "A file of the edition is not YAML qingdan can read: a syntax error (a full-width colon, a tab indent, a "
    "missing space after a colon or a dash, an unclosed quote or bracket) or a construct edition files refuse "
    "(aliases, tags, merge keys). Reported at the line and column where the mistake was made; nothing else of the "
    "edition is checked until it is fixed (exit 2).", waivable=False, messages={"problem": "{problem}"})
NOT_UTF8 = Code(
    "QD005", "file is not UTF-8 text",
    "A file of the edition is not UTF-8 text: saved as GBK/GB18030 (\"ANSI\") or another encoding, or with bytes "
    "that are no text. Save it as UTF-8; nothing else of the edition is checked until then (exit 2).",
    waivable=False, messages={"problem": "{problem}"})
UNREADABLE = Code(
    "QD006", "file or folder cannot be read",
    "A file or folder that was named or that the edition needs is missing, cannot be read (permissions, a link "
    "outside the edition, not a regular file, too large), or is not an edition. Nothing else of the edition is "
    "checked until it is fixed (exit 2).",
    waivable=False, messages={"problem": "{problem}"})
LOAD_CODES = (YAML_SYNTAX, NOT_UTF8, UNREADABLE)
_LOAD = frozenset(code.code for code in LOAD_CODES)


def is_load_error(result: Result) -> bool:
    """Whether ``result`` says a file could not be loaded (exit 2), rather than what is wrong in its data."""
    return result.code in _LOAD


@frozen
class Report:
    """All findings of one run, sorted by file, line and code. Success is derived, never stored."""

    findings: tuple[Result, ...]
    files: int = 0
    editions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what was not checked and why, such as rules skipped for want of an official text

    @classmethod
    def of(cls, findings: Iterable[Result], *, files: int = 0, editions: Iterable[str] = (),
           notes: Iterable[str] = ()) -> Report:
        """A report with ``findings`` in their deterministic order."""
        return cls(tuple(sorted(findings, key=Result.sort_key)), files, tuple(editions), tuple(notes))

    @property
    def active(self) -> tuple[Result, ...]:
        return tuple(f for f in self.findings if not f.waived)

    @property
    def errors(self) -> tuple[Result, ...]:
        return tuple(f for f in self.active if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Result, ...]:
        return tuple(f for f in self.active if f.severity is Severity.WARNING)

    @property
    def waived(self) -> tuple[Result, ...]:
        return tuple(f for f in self.findings if f.waived)

    @property
    def unloaded(self) -> tuple[Result, ...]:
        """The files that could not be loaded (QD004-QD006): the run exits 2."""
        return tuple(f for f in self.findings if is_load_error(f))

    @property
    def ok(self) -> bool:
        return not self.errors

    def exit_code(self, *, strict: bool = False) -> int:
        if self.unloaded:
            return 2
        return 1 if self.errors or (strict and self.warnings) else 0
