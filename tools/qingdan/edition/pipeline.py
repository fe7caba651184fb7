"""The one load pipeline: read an edition's files, check them against their schemas, build the typed Edition.

Every command and library call that reads an edition goes through it, so one edition gets one answer. Strict (every
command that reads an edition): files that cannot be read or parsed are an InputError (exit 2), documents that fail
their schemas or repeat a key an InvalidEditionError (exit 1), each one line naming the first problem. Collecting
(validate): the schema problems come back with the parsed files, and the Edition is built only when there are none.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..core.errors import InputError
from ..core.model import Edition, Service
from ..core.records import frozen
from ..core.results import Result
from ..io.loading import Document, ids_only, paused_gc
from .load import (
    EDITION_FILE,
    SERVICES_DIR,
    UNITS_FILE,
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


def open_source(source: FileSource, path: Path, shown: str, *, strict: bool = True, recorded: bool = False,
                lean: bool = False) -> Opened:
    """Read, check and build the edition whose files ``source`` holds (``path``: the edition's path as recorded).

    ``recorded``: the edition as a git revision recorded it, perhaps before ``previous`` was required; a missing
    ``previous`` is then read as unknown (null). Only the old side of a comparison is read so: its predecessor plays
    no part in the comparison, while the new side's ``previous`` and ``accepted`` are the gate's.

    ``lean`` (a strict read for a command that needs of the service files only their places: diff): on a list of
    LEAN_FROM services or more, each service file is checked and its service built as soon as it is read, and its
    data then cut to its id, so that the data of the whole list is never held at once. The answer is the same,
    errors included.
    """
    with paused_gc():  # building allocates many objects and frees few: a collection would find little to free
        opened = _open_lean(source, path, shown, recorded) if lean and strict and _large(source) else None
        if opened is not None:
            return opened
        files = read_edition_files(source, path.name)
        if recorded and isinstance(files.edition.data, dict):
            files.edition.data.setdefault("previous", None)
        problems = tuple(check_files(files))
        if strict:
            refuse_invalid(files, problems)
        return Opened(shown, files, problems, None if problems else build_edition(files, path))


# From how many services a lean read pays: letting each file's data go as it is read costs time (about a tenth of
# reading a list) that a process ending without teardown (cli/entry.py) would not spend; below this a list's data
# is small (some 5 KB a service), above it it is most of the memory (1.0 GB for a diff of 100,000 services).
LEAN_FROM = 20_000


def _large(source: FileSource) -> bool:
    """Whether the edition has LEAN_FROM service files; False while edition.yaml or units.yaml is missing, which the
    plain read reports first, as it does whatever the size."""
    return source.exists(EDITION_FILE) and source.exists(UNITS_FILE) \
        and len(source.list_yaml(SERVICES_DIR)) >= LEAN_FROM


def _open_lean(source: FileSource, path: Path, shown: str, recorded: bool) -> Opened | None:
    """``open_source``'s lean read (see there); None where edition.yaml or units.yaml does not load, which the plain
    read then reports as it does (the files are read in its order, so the first error is the same)."""
    from ..io.loading import parse_document
    from .load import EDITION_FILE, UNITS_FILE, Reread, build_service, missing_file
    from .schema_check import check_in_shape
    from .shapes import DEFAULT_SHAPE, known

    for required in (EDITION_FILE, UNITS_FILE):
        if not source.exists(required):
            raise missing_file(required, source.display(required))
    try:
        parsed = {rel: parse_document(source.read_text(rel), source.display(rel), reread=Reread(source, rel))
                  for rel in (EDITION_FILE, UNITS_FILE)}
    except InputError:
        return None
    head = parsed[EDITION_FILE]
    # the shape the services are checked in, as check_files finds it
    named = head.data.get("shape", DEFAULT_SHAPE) if isinstance(head.data, dict) else DEFAULT_SHAPE
    shape = named if named in known() else DEFAULT_SHAPE
    problems: list[Result] = []
    services: list[Service] = []

    def built(document: Document) -> Document:
        found = check_in_shape(document, "service", shape)
        problems.extend(found)
        if found or problems or document.duplicates or not isinstance(document.data, dict):
            return document  # no edition is built: keep it whole, as the plain read does
        services.append(build_service(document))
        return ids_only(document)

    files = read_edition_files(source, path.name, each=built, parsed=parsed)
    if recorded and isinstance(files.edition.data, dict):
        files.edition.data.setdefault("previous", None)
    problems += check_files(_Others(files))
    problems.sort(key=Result.sort_key)
    refuse_invalid(files, problems)
    return Opened(shown, files, tuple(problems), build_edition(files, path, services))


@frozen
class _Others:
    """The documents of ``files`` other than its services (already checked by the lean read), for check_files."""

    files: EditionFiles

    def documents(self) -> Iterator[tuple[str, Document]]:
        return ((kind, document) for kind, document in self.files.documents() if kind != "service")


def open_edition(name: str | Path | EditionName, *, strict: bool = True, recorded: bool = False,
                 shipped: bool = True, cwd: Path | None = None, lean: bool = False) -> Opened:
    """The edition ``name`` names (a path, a name under ./policies, a shipped name or ``REV:PATH``; see
    naming.py) through the pipeline; ``recorded`` applies to a git revision only; ``lean``: see open_source."""
    named = name if isinstance(name, EditionName) else name_edition(name, shipped=shipped, cwd=cwd)
    return open_source(named.source(cwd), named.path, named.shown, strict=strict,
                       recorded=recorded and named.revision is not None, lean=lean)


def load_edition(name: str | Path | EditionName) -> Edition:
    """The typed, immutable edition ``name`` names, through the strict pipeline."""
    return open_edition(name).loaded


def check_loads(folder: Path) -> None:
    """Raise what the strict pipeline raises for the edition folder ``folder`` (a command about to edit it)."""
    if not folder.is_dir():
        raise no_such_edition(folder)
    open_source(DirectorySource(folder), folder, str(folder))


__all__ = ["Opened", "check_loads", "load_edition", "open_edition", "open_source"]
