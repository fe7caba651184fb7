"""Validate editions: schemas first, then the consistency rules and waivers; the library behind ``qingdan validate``.

Data problems are findings in the returned Report; input that cannot be read or parsed (a YAML syntax error, a
file not UTF-8, a missing file) is a result in it too, the one its InputError carries, so every format shows it at
its file and line (and the run exits 2). The library functions that load an edition to use it raise the error.
The consistency rules need the typed Edition, so they run only on an edition whose documents all satisfy their
schemas; the document rules (duplicate keys, YAML 1.1 pitfalls) run regardless.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..core.errors import InputError, SourceFormatError
from ..core.findings import Report
from ..core.i18n import _
from ..core.model import Edition, Location
from ..core.records import frozen
from ..core.results import Result
from ..core.vocabulary import EDITIONS_FOLDER
from ..edition.load import (
    EDITION_FILE,
    DirectorySource,
    EditionFiles,
    build_edition,
    find_editions,
    predecessor_cycle,
    read_edition_files,
    refuse_invalid,
)
from ..edition.pipeline import open_source
from ..io.loading import paused_gc, source_text_limit
from . import rules
from .rules.context import Problem

if TYPE_CHECKING:
    from .validation_cache import EditionCache  # imported where the cache is used: --no-cache never loads it


def _display(path: Path) -> str:
    """The path as findings show it: relative to the working directory when inside it (clickable in CI)."""
    relative = os.path.relpath(path.resolve(), Path.cwd())
    return str(path) if relative.startswith("..") else relative


def _edition_of(path: Path) -> list[Path]:
    """The edition folders a PATH argument stands for: itself, the editions below it, or the one holding a file."""
    if not path.exists():
        raise InputError(_("no such file or folder"), path=str(path))
    if path.is_dir():
        found = find_editions(path)
        if not found:
            raise InputError(_("no edition here: neither it nor a folder inside it holds {file}").format(
                file=EDITION_FILE), path=str(path))
        return found
    for folder in path.resolve().parents:
        if (folder / EDITION_FILE).is_file():
            return [folder]
    raise InputError(_("not inside an edition folder (none of its parents holds {file})").format(file=EDITION_FILE),
                     path=str(path))


def _official_text(context: rules.Context, source: DirectorySource, data: object, services: int = 0,
                   cache: EditionCache | None = None) -> bool:
    """Read and parse the official text ``source:`` names into the context; True if it names one.

    A text that cannot be read or parsed is the data's problem, not the tool's: it is recorded on the context and
    reported as a finding (QD003), so the other findings of the edition are still reported.
    """
    from ..io.official_text import parse

    rel = data.get("source") if isinstance(data, dict) else None
    if not isinstance(rel, str):
        return False
    if PurePosixPath(rel).is_absolute() or ".." in PurePosixPath(rel).parts:
        context.source_problem = (files_location(context, "source"), ("outside", {"name": rel}))
        return True
    shown = source.display(rel)
    try:
        limit = source_text_limit(services)  # plain text with a row per service, not YAML: its limit grows with it
        if cache is None:
            text = source.read_text(rel, limit)  # the containment check of every file
            parsed = parse(text, source=shown)
        else:  # as an earlier run parsed it while the file is unchanged since (its stat key), else read and parsed
            key = source.key(rel)
            kept = cache.unread_source(key, limit)
            if kept is None:
                text = source.read_text(rel, limit)
                kept = cache.parse_source(text, lambda t: parse(t, source=shown), key)
            parsed = kept
    except SourceFormatError as error:
        context.source_problem = (Location(shown, error.line, error.column), ("parse", {"problem": error.message}))
    except InputError as error:  # at the line of the text where one is known (not UTF-8), else where it is named
        if error.line is not None:
            context.source_problem = (Location(shown, error.line, error.column),
                                      ("read-at", {"problem": error.message}))
        else:
            context.source_problem = (files_location(context, "source"),
                                      ("read", {"name": shown, "problem": error.message}))
    else:
        context.source_name, context.source = shown, parsed
    return True


def files_location(context: rules.Context, key: str) -> Location:
    """Where edition.yaml sets ``key``."""
    return context.files.edition.locate((key,))


def _predecessor(folder: Path, name: object, checked: dict[Path, Built] | None = None
                 ) -> tuple[Edition | None, Problem | None]:
    """The edition ``previous`` names, beside ``folder``; or None and why it cannot be had (a message key of QD701
    and its parameters). ``checked`` holds the
    editions this run already built (by resolved folder), so a predecessor validated first is not loaded again."""
    if not isinstance(name, str):
        return None, None
    sibling = folder.parent / name
    if name == folder.name:
        return None, ("self", {"name": name})
    if not (sibling / EDITION_FILE).is_file():
        return None, ("no-folder", {"name": name})
    cycle = predecessor_cycle(folder)
    if cycle is not None:
        return None, ("cycle", {"chain": " → ".join(cycle)})
    if checked is not None and sibling.resolve() in checked:
        built = checked[sibling.resolve()]()
        return (built, None) if built is not None else (None, ("invalid", {"name": name}))
    try:
        opened = open_source(DirectorySource(sibling, _display(sibling)), sibling, name, strict=False)
    except InputError as error:
        return None, ("unreadable", {"name": name, "error": str(error)})
    if opened.edition is None:
        return None, ("invalid", {"name": name})
    return opened.edition, None


Built = Callable[[], "Edition | None"]  # the typed edition of a folder checked, None when its schemas fail


@frozen
class Checked:
    """What checking one edition folder gives: its findings, how many files were read, its name as shown, notes on
    what was skipped, and the typed edition when its schemas pass (so a command that validates first, such as
    export, parses every file once; after a warm run it is built from the cache when first asked)."""

    findings: list[Result]
    files: int
    display: str
    notes: tuple[str, ...]
    whole: Built
    documents: EditionFiles
    schema_problems: tuple[Result, ...]

    @property
    def edition(self) -> Edition | None:
        return self.whole()


def _check(folder: Path, checked: dict[Path, Built] | None = None, cache: EditionCache | None = None
           ) -> Checked:
    """Check one edition folder; with ``cache``, the files an earlier run checked unchanged are taken from it."""
    with paused_gc():  # see loading.paused_gc: read, check, build and the rules make no garbage cycles
        return _check_edition(folder, checked, cache)


def _check_edition(folder: Path, checked: dict[Path, Built] | None, cache: EditionCache | None) -> Checked:
    display = _display(folder)
    source = DirectorySource(folder, display)
    if cache is None:  # the load pipeline, collecting
        opened = open_source(source, folder, display, strict=False)
        files, problems, edition = opened.files, opened.problems, opened.edition
        context = rules.Context(files, edition)
    else:  # the same steps, each file's parsed data, schema findings and service facts from the cache where it is
        # unchanged: the edition's services are built (from the cache) only if a rule asks for all of them
        files = read_edition_files(source, folder.name, cache.parse, unread=cache.unread)
        problems = tuple(cache.schema_findings(files))
        context = rules.Context(files, facts=cache, frame=None if problems else build_edition(files, folder, ()))
    findings = list(problems)
    count = 2 + len(files.services)
    notes: list[str] = []
    if context.valid:
        named = _official_text(context, source, files.edition.data, len(files.services), cache)
        count += context.source is not None
        if not named:
            skipped = ", ".join(sorted(r.code.code for r in rules.RULES if r.needs_source))
            notes.append(_("{edition}: no official text yet (source is not set in edition.yaml); the rules that "
                           "read it were skipped: {codes}").format(edition=display, codes=skipped))
        context.predecessor, context.predecessor_problem = _predecessor(folder, context.head.metadata.previous,
                                                                        checked)
    if cache is None:
        findings += rules.run(context)
    else:
        findings += _run_rules(context, cache)
        cache.save()
    whole: Built = (lambda: context.typed) if context.valid else (lambda: None)
    return Checked(findings, count, display, tuple(notes), whole, files, problems)


def _run_rules(context: rules.Context, cache: EditionCache) -> list[Result]:
    """``rules.run`` with the findings of the rules that read one file at a time taken from the cache for the
    service files it holds them for; the rules that span files run on the whole edition."""
    from .validation_cache import digest

    runs = rules.runnable(context)
    services = [document.name for document in context.files.services]
    fresh = cache.fresh(services, "document")
    local = context.only(fresh)
    found = [finding for registered in runs if not registered.needs_edition for finding in registered.check(local)]
    cache.keep({*fresh, context.files.edition.name, context.files.units.name}, found, "document")
    findings = found + cache.cached(services, fresh, "document")
    # what the per-service rules read besides the service file (the official text by the hash of what was parsed)
    text = cache.source_hash if context.source is not None and cache.source_hash is not None else "\0none"
    shared = digest("\0".join((context.files.edition.name, cache.hash_of(context.files.edition.name),
                                context.files.units.name, cache.hash_of(context.files.units.name), text)))
    if context.valid:
        fresh = cache.fresh(services, "rules", shared)
        local = context.only(fresh)
        found = [finding for registered in runs if registered.per_service for finding in registered.check(local)]
        cache.keep(fresh, found, "rules", shared)
        findings += found + cache.cached(services, fresh, "rules")
    findings += [finding for registered in runs if registered.needs_edition and not registered.per_service
                 for finding in registered.check(context)]
    return rules.finish(context, findings, runs)


def validate_edition(path: Path) -> Report:
    """Validate one edition folder."""
    return validate_and_load(path)[0]


def validate_and_load(path: Path) -> tuple[Report, Edition | None]:
    """Validate one edition folder and return the typed edition it built (None when its schemas fail), so that a
    command which validates before it reads (export) parses every file once."""
    checked = _check(path)
    return Report.of(checked.findings, files=checked.files, editions=(checked.display,), notes=checked.notes), \
        checked.edition


def validate_to_read(path: Path) -> tuple[Report, Edition]:
    """Validate one edition folder for a command that then reads it (export): the report and the typed edition,
    every file parsed once. An edition that does not load raises the InvalidEditionError every command raises for
    it (``edition.refuse_invalid``), so export answers it as summary or diff do."""
    checked = _check(path)
    refuse_invalid(checked.documents, checked.schema_problems)
    assert checked.edition is not None  # the schemas passed
    return Report.of(checked.findings, files=checked.files, editions=(checked.display,), notes=checked.notes), \
        checked.edition


def _open_cache(folder: Path, cache_dir: Path | None) -> EditionCache:
    from .validation_cache import EditionCache

    return EditionCache.open(folder, cache_dir)


def validate_paths(paths: Sequence[Path] | None = None, *, cache: bool = False, cache_dir: Path | None = None
                   ) -> Report:
    """Validate the editions PATHs stand for (default: every edition under policies/), in one Report. A PATH that
    is missing or no edition, and a file that cannot be loaded, is a result of the report (exit 2).

    With ``cache``, what an earlier run found in the files that have not changed since is read from the validation
    cache (in ``cache_dir``, by default the repository's .qingdan-cache; see validation_cache)."""
    findings: list[Result] = []
    if paths is None:
        # the editions of the repository being worked in, as qingdan diff --base does: not the package's own copy
        root = EDITIONS_FOLDER
        folders = find_editions(root)
        if not folders:
            error = InputError(_("no edition found (no */{file})").format(file=EDITION_FILE), path=_display(root))
            findings.append(_unloaded(error))
    else:
        found: list[Path] = []
        for path in paths:
            try:
                found += [folder.resolve() for folder in _edition_of(path)]
            except InputError as error:
                findings.append(_unloaded(error))
        # show each edition as the user named it where possible
        folders = [_as_given(folder, paths) for folder in dict.fromkeys(found)]
    files = 0
    editions: list[str] = []
    notes: list[str] = []
    built: dict[Path, Built] = {}  # a revision's predecessor is often validated in the same run
    for folder in folders:
        try:
            checked = _check(folder, built, _open_cache(folder, cache_dir) if cache else None)
        except InputError as error:  # a file of the edition that cannot be loaded: the edition's one result
            findings.append(_unloaded(error))
            editions.append(_display(folder))
            continue
        built[folder.resolve()] = checked.whole
        findings += checked.findings
        files += checked.files
        editions.append(checked.display)
        notes += checked.notes
    return Report.of(findings, files=files, editions=editions, notes=notes)


def _unloaded(error: InputError) -> Result:
    result = error.result
    assert result is not None  # every InputError carries one
    return result


def _as_given(folder: Path, paths: Sequence[Path]) -> Path:
    for path in paths:
        if path.is_dir() and path.resolve() == folder:
            return path
    return folder
