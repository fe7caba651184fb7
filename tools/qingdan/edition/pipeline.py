"""The one load pipeline: read an edition's files, check them against their schemas, build the typed Edition.

Every command and library call that reads an edition goes through it, so one edition gets one answer. Strict (every
command that reads an edition): files that cannot be read or parsed are an InputError (exit 2), documents that fail
their schemas or repeat a key an InvalidEditionError (exit 1), each one line naming the first problem. Collecting
(validate): the schema problems come back with the parsed files, and the Edition is built only when there are none.
"""

from __future__ import annotations

from pathlib import Path

from ..core.model import Edition
from ..core.records import frozen
from ..core.results import Result
from ..io.loading import paused_gc
from .load import (
    DirectorySource,
    EditionFiles,
    FileSource,
    build_edition,
    no_such_edition,
    read_edition_files,
    refuse_invalid,
)
from .naming import EditionName, name_edition
from .schema_check import check_files


@frozen
class Opened:
    """One edition through the pipeline: its parsed files (for locations), its schema problems, and the typed
    edition (None when there are problems, which only a collecting read returns)."""

    shown: str
    files: EditionFiles
    problems: tuple[Result, ...]
    edition: Edition | None

    @property
    def loaded(self) -> Edition:
        """The edition of a strict read (always built)."""
        assert self.edition is not None, "a collecting read of an edition with schema problems"
        return self.edition


def open_source(source: FileSource, path: Path, shown: str, *, strict: bool = True, recorded: bool = False
                ) -> Opened:
    """Read, check and build the edition whose files ``source`` holds (``path``: the edition's path as recorded).

    ``recorded``: the edition as a git revision recorded it, perhaps before ``previous`` was required; a missing
    ``previous`` is then read as unknown (null). Only the old side of a comparison is read so: its predecessor plays
    no part in the comparison, while the new side's ``previous`` and ``accepted`` are the gate's.
    """
    with paused_gc():  # building allocates many objects and frees few: a collection would find little to free
        files = read_edition_files(source, path.name)
        if recorded and isinstance(files.edition.data, dict):
            files.edition.data.setdefault("previous", None)
        problems = tuple(check_files(files))
        if strict:
            refuse_invalid(files, problems)
        return Opened(shown, files, problems, None if problems else build_edition(files, path))


def open_edition(name: str | Path | EditionName, *, strict: bool = True, recorded: bool = False,
                 shipped: bool = True, cwd: Path | None = None) -> Opened:
    """The edition ``name`` names (a path, a name under ./policies, a shipped name or ``REV:PATH``; see
    naming.py) through the pipeline; ``recorded`` applies to a git revision only."""
    named = name if isinstance(name, EditionName) else name_edition(name, shipped=shipped, cwd=cwd)
    return open_source(named.source(cwd), named.path, named.shown, strict=strict,
                       recorded=recorded and named.revision is not None)


def load_edition(name: str | Path | EditionName) -> Edition:
    """The typed, immutable edition ``name`` names, through the strict pipeline."""
    return open_edition(name).loaded


def check_loads(folder: Path) -> None:
    """Raise what the strict pipeline raises for the edition folder ``folder`` (a command about to edit it)."""
    if not folder.is_dir():
        raise no_such_edition(folder)
    open_source(DirectorySource(folder), folder, str(folder))


__all__ = ["Opened", "check_loads", "load_edition", "open_edition", "open_source"]
