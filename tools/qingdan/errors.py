"""Exceptions that stop the tool, each carrying the exit code the CLI reports.

"The data is wrong" is a finding (see findings.py); "the tool cannot go on" is one of these.
Exit codes: 0 success, 1 failure found in the data, 2 bad usage or unreadable input, 3 a bug in qingdan.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3  # a bug in qingdan, reported as one line (QINGDAN_DEBUG=1 shows the traceback)


class QingdanError(Exception):
    """Base class: one clear line for the user, and the exit code to leave with."""

    exit_code = EXIT_USAGE

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


class InputError(QingdanError):
    """A file is missing, unreadable, or not the kind of file we expected."""


class YamlSyntaxError(InputError):
    """A YAML file does not parse, or uses a construct editions refuse (aliases, tags)."""


class SourceFormatError(InputError):
    """The official text does not have the shape the importer knows."""


class OutputError(QingdanError):
    """A file could not be written (no such folder, no permission, disk full); nothing was half-written."""


class GitError(InputError):
    """A git revision or path could not be read."""
