"""Exceptions that stop the tool, each carrying the exit code the CLI reports.

"The data is wrong" is a finding (see findings.py); "the tool cannot go on" is one of these.
Exit codes: 0 success, 1 failure found in the data, 2 bad usage or unreadable input, 3 a bug in qingdan.

The exit code follows the meaning, so the classes follow it too:

- ``DataError`` (exit 1): the input was read, and the data in it is wrong; a command other than validate cannot go
  on with it. ``InvalidEditionError``: an edition's documents fail their schemas or repeat a key, so it does not
  load (every command that reads an edition says so in the same line; validate lists every finding).
- ``InputError`` (exit 2): the input cannot be read or is not what was asked for: a missing file or folder, YAML
  that does not parse (``YamlSyntaxError``), an official text the importer cannot read (``SourceFormatError``), a
  git revision that cannot be read (``GitError``).
- ``OutputError`` (exit 2): a file could not be written; nothing was half-written.

A load error carries its ``result`` (results.Result, code QD004 YAML syntax, QD005 not UTF-8, QD006 missing or
unreadable): validate and diff render it in every format like any other result, and still exit 2.
"""

from __future__ import annotations

from pathlib import Path

from .findings import NOT_UTF8, UNREADABLE, YAML_SYNTAX, Code
from .results import Location, Result

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3  # a bug in qingdan, reported as one line (QINGDAN_DEBUG=1 shows the traceback)


class QingdanError(Exception):
    """Base class: one clear line for the user, and the exit code to leave with."""

    exit_code = EXIT_USAGE
    code: Code | None = None  # the code of the result a load error carries; None where it is no load error

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + self.message

    @property
    def result(self) -> Result | None:
        """The error as a result at its file and line, for a renderer to show like a finding; None for an error
        that is not about input (a file that cannot be written, a bug)."""
        if self.code is None:
            return None
        where = Location(str(self.path) if self.path is not None else "", self.line, self.column)
        return Result(self.code.code, self.code.severity, self.code.say("problem", problem=self.message), where)


class InputError(QingdanError):
    """A file is missing, unreadable, or not the kind of file we expected."""

    code = UNREADABLE


class YamlSyntaxError(InputError):
    """A YAML file does not parse, or uses a construct editions refuse (aliases, tags)."""

    code = YAML_SYNTAX


class EncodingError(InputError):
    """A file is not UTF-8 text (saved as GBK, or bytes that are no text)."""

    code = NOT_UTF8


class UnreadableError(InputError):
    """A file an edition needs is missing or cannot be read: no such file, no permission, not a regular file, a link
    outside the edition, too large."""


# What keeps a side of a diff from loading, which diff reports as a result (DiffReport.problems) in every format;
# a revision that cannot be read, or an edition that cannot be paired, stays an error of the command.
LOAD_ERRORS = (YamlSyntaxError, EncodingError, UnreadableError)


class SourceFormatError(InputError):
    """The official text does not have the shape the importer knows."""


class OutputError(QingdanError):
    """A file could not be written (no such folder, no permission, disk full); nothing was half-written."""


class GitError(InputError):
    """A git revision or path could not be read."""


class DataError(QingdanError):
    """The data is wrong, and the command cannot go on with it (exit 1); ``qingdan validate`` lists the findings."""

    exit_code = EXIT_FAILURE


class InvalidEditionError(DataError):
    """An edition does not load: its documents fail their schemas or repeat a key. ``problems`` holds the findings,
    in file and line order; the message names the first, where it is, and how many there are."""

    def __init__(self, problems: list[Result]) -> None:
        from .i18n import ngettext

        first = problems[0]
        message = ngettext("{message}; the edition does not load (qingdan validate reports it)",
                           "{message}; the edition does not load: run qingdan validate for all {count} errors",
                           len(problems)).format(message=first.text, count=len(problems))
        super().__init__(message, path=first.location.path, line=first.location.line, column=first.location.column)
        self.problems = problems
