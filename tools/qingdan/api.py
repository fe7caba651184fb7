"""The front door: every operation the command line performs, as library calls that return data and never print.

``import qingdan`` gives this module's names (the package re-exports it); ``qingdan.cli`` imports it, the renderers
and nothing else of the library (tests/test_architecture.py and the import-linter contracts in pyproject.toml keep
it so). The operations:

- name and read: ``locate_edition``, ``default_edition``, ``load`` (any edition name: a path, a name under
  ./policies, a shipped name or ``REV:PATH``, through the one load pipeline), ``open_edition`` (the pipeline,
  strict or collecting), ``validate``, ``load_for_export``;
- compare: ``compare`` (OLD NEW, ``--base REV``, or each edition with its predecessor), ``changelogs`` (the
  修订说明 and 修订对照表 of the same pairs), ``service_history`` (a service through the chain of predecessors),
  ``conform`` (a list against the list above it);
- publish: ``build_site`` (the static site of every edition, docs/site.md);
- write: ``finish_interrupted``, ``format_paths``, ``rename_unit``, ``renumber``, ``start_revision``, ``import_source``,
  ``export_edition``, ``dumps``, ``write_task_sheets``, ``write_atomic``;
- time: ``edition_in_force`` (the edition in force on a date), ``previous_edition``, ``has_editions``;
- look up: ``task_sheet``, ``unit_summaries``, ``render_official_text``, ``rule_codes``, ``rules_catalog``,
  ``textconv``, ``shipped_editions``, ``edition_folder``.

Failures are exceptions carrying their exit code (``qingdan.core.errors``): an edition that does not load is an
InvalidEditionError (exit 1) with the same one line from every operation that reads one; unreadable input an
InputError (exit 2), which carries it as a ``results.Result`` too (``error.result``): validate and ``compare(...,
collect=True)`` put it in their report instead of raising. The result types the CLI handles are re-exported here.

The functions written here add something to the library's own (a default, a name resolved, a check first); the
others are the library's functions themselves, re-exported. Naming and loading are imported now (every command
reads an edition); the rest (validation and its rules, the diff, exports, the importer, the site) is imported when
first used, so that ``qingdan validate`` never loads the diff, export or import code and ``qingdan textconv`` (run
by git once per file) not even the rules: ``_LAZY`` says where each such name lives, and the TYPE_CHECKING block
mirrors it for the type checker (tests/unit/test_front_door.py checks they agree).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core.errors import (
    EXIT_FAILURE,
    EXIT_INTERNAL,
    LOAD_ERRORS,
    DataError,
    InputError,
    InvalidEditionError,
    OutputError,
    QingdanError,
)
from .core.findings import Code, Report
from .core.i18n import _
from .core.model import Category, Edition, Metadata, Part, Service, Unit
from .core.records import frozen
from .core.vocabulary import EDITIONS_FOLDER
from .edition.naming import DefaultEdition, EditionName, default_edition, edition_folder, local_path, name_edition
from .edition.naming import locate as locate_edition
from .edition.pipeline import Opened, open_edition

if TYPE_CHECKING:
    from .check.conformance import Conformance as Conformance
    from .check.rules import validate_codes as rule_codes
    from .core.resources import policies_dir as shipped_editions
    from .core.results import Result as Result
    from .diff.history import History as History
    from .diff.model import DiffReport as DiffReport
    from .edit.formatting import Formatted as Formatted
    from .edit.importing import ImportReport as ImportReport
    from .edit.importing import import_source as import_source
    from .edit.new_edition import is_copy as is_copy
    from .edit.renaming import InText as InText
    from .edit.renaming import Renamed as Renamed
    from .edit.renumbering import Moved as Moved
    from .edition.periods import in_force as edition_in_force
    from .io.atomic import write_atomic as write_atomic
    from .output.changelog import Changelog as Changelog
    from .output.export import ExportInfo as ExportInfo
    from .output.export import ExportOptions as ExportOptions
    from .output.export import dumps as dumps
    from .output.export import export as export_edition
    from .output.official_layout import render as render_official_text
    from .output.site import Built as Built
    from .output.site import build as build_site
    from .output.tasks import TaskSheet as TaskSheet
    from .output.tasks import UnitSummary as UnitSummary
    from .output.tasks import UnknownUnitError as UnknownUnitError
    from .output.tasks import unit_summaries as unit_summaries

# name -> (module, attribute): the library's own functions and types, imported when first asked for
_LAZY = {
    "write_atomic": ("qingdan.io.atomic", "write_atomic"),
    "Changelog": ("qingdan.output.changelog", "Changelog"),
    "DiffReport": ("qingdan.diff.model", "DiffReport"),
    "ExportInfo": ("qingdan.output.export", "ExportInfo"),
    "ExportOptions": ("qingdan.output.export", "ExportOptions"),
    "dumps": ("qingdan.output.export", "dumps"),
    "export_edition": ("qingdan.output.export", "export"),
    "Formatted": ("qingdan.edit.formatting", "Formatted"),
    "History": ("qingdan.diff.history", "History"),
    "ImportReport": ("qingdan.edit.importing", "ImportReport"),
    "import_source": ("qingdan.edit.importing", "import_source"),
    "is_copy": ("qingdan.edit.new_edition", "is_copy"),
    "render_official_text": ("qingdan.output.official_layout", "render"),
    "edition_in_force": ("qingdan.edition.periods", "in_force"),
    "InText": ("qingdan.edit.renaming", "InText"),
    "Renamed": ("qingdan.edit.renaming", "Renamed"),
    "Moved": ("qingdan.edit.renumbering", "Moved"),
    "shipped_editions": ("qingdan.core.resources", "policies_dir"),
    "rule_codes": ("qingdan.check.rules", "validate_codes"),
    "Conformance": ("qingdan.check.conformance", "Conformance"),
    "Result": ("qingdan.core.results", "Result"),
    "Built": ("qingdan.output.site", "Built"),
    "build_site": ("qingdan.output.site", "build"),
    "TaskSheet": ("qingdan.output.tasks", "TaskSheet"),
    "UnitSummary": ("qingdan.output.tasks", "UnitSummary"),
    "UnknownUnitError": ("qingdan.output.tasks", "UnknownUnitError"),
    "unit_summaries": ("qingdan.output.tasks", "unit_summaries"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'qingdan.api' has no attribute {name!r}")


CATALOG_FORMATS = ("text", "markdown", "json", "sarif")  # qingdan rules: markdown is docs/rules.md
TASK_LEVELS = ("district", "city", "all")  # tasks --all --level: which departments get a sheet


# -- reading -------------------------------------------------------------------------------------------------------

def load(name: str | Path | None = None) -> Edition:
    """The edition ``name`` names (a path, a name under ./policies, a shipped name or ``REV:PATH``) through the
    strict load pipeline; without one, the default edition (``default_edition``)."""
    return open_edition(default_edition().path if name is None else name).loaded


def validate(names: Sequence[str | Path] | None = None, *, cache: bool = False, cache_dir: Path | None = None
             ) -> Report:
    """Validate the editions NAMEs stand for, into one Report: each a path (an edition folder, a folder of editions,
    or a file in one, which checks its whole edition) or an edition's name; default, every edition under
    ./policies. A name or a file that cannot be loaded is a result of the report (QD004-QD006, ``Report.unloaded``,
    exit code 2), as in every format of ``qingdan validate``. With ``cache``, through the warm cache (in
    ``cache_dir``, by default the repository's .qingdan-cache)."""
    from .check.validation import validate_paths

    return validate_paths(None if names is None else [local_path(name) for name in names], cache=cache,
                          cache_dir=cache_dir)


def clean_cache(folder: Path | None = None) -> Path | None:
    """Remove the validation cache folder (default: the one of the working directory's repository); the folder
    removed, or None when there was none."""
    from .check.validation_cache import clean, default_folder

    target = folder if folder is not None else default_folder(Path.cwd() / "policies")
    return target if clean(target) else None


@frozen
class ForExport:
    """A validated edition ready to export: the edition, its validation report and what the export records."""

    edition: Edition
    report: Report
    info: ExportInfo


def load_for_export(name: str | Path, *, allow_invalid: bool = False) -> ForExport:
    """Validate and load the edition folder ``name`` names for export, parsing every file once.

    An edition that does not load raises the InvalidEditionError every command raises for it; one that loads but
    has validation errors raises a DataError naming the first (exit 1), unless ``allow_invalid``, when the export
    records how many there were.
    """
    from .check.validation import validate_to_read
    from .core.i18n import ngettext
    from .output.export import ExportInfo

    report, edition = validate_to_read(edition_folder(name))
    errors = report.errors
    if errors and not allow_invalid:
        first = errors[0]
        raise DataError(ngettext(
            "{code} {message}; not exported: the edition has this validation error (qingdan validate reports it; "
            "--allow-invalid exports anyway and records it)",
            "{code} {message}; not exported: run qingdan validate for all {count} validation errors "
            "(--allow-invalid exports anyway and records it)", len(errors)).format(
                code=first.code, message=first.text, count=len(errors)),
            path=first.location.path, line=first.location.line, column=first.location.column)
    return ForExport(edition, report, ExportInfo(exported_from_invalid=bool(errors), validation_errors=len(errors)))


# -- comparing -----------------------------------------------------------------------------------------------------

@frozen
class Comparison:
    """What ``qingdan diff`` compared: one DiffReport per pair, and notes on editions with nothing to compare."""

    reports: tuple[DiffReport, ...]
    notes: tuple[str, ...] = ()
    editions: tuple[tuple[Edition, Edition], ...] = ()  # the (old, new) editions of each report


def compare(sides: Sequence[str] = (), base: str | None = None, cwd: Path | None = None, *,
            collect: bool = False) -> Comparison:
    """Compare OLD and NEW (each any edition name, ``REV:PATH`` included), or with ``base`` each PATH with itself
    (or its predecessor) at that git revision ('auto' for hooks), or with neither each edition under policies/ with
    its predecessor.

    A side that cannot be loaded (YAML that does not parse, a file not UTF-8, a file of the edition missing or
    unreadable) raises its InputError; with ``collect``, it is instead the one result of a report
    (``DiffReport.problems``, exit code 2), which every diff format renders. A revision that cannot be read or an
    edition that cannot be paired raises in either case."""
    from .diff import compare as compare_editions
    from .diff.model import DiffReport
    from .diff.pairing import choose_pairs

    try:
        pairing = choose_pairs(tuple(sides), base, cwd)
    except LOAD_ERRORS as error:
        if not collect or error.result is None:
            raise
        old_name, new_name = (sides[0], sides[1]) if base is None and len(sides) == 2 else (
            base or _("(each edition's previous)"), " ".join(sides) or str(EDITIONS_FOLDER))
        return Comparison((DiffReport(old_name, new_name, (), problems=(error.result,)),))
    return Comparison(tuple(compare_editions(old.edition, new.edition, old_files=old.files, new_files=new.files,
                                             old_name=old.name, new_name=new.name) for old, new in pairing.pairs),
                      pairing.notes, tuple((old.edition, new.edition) for old, new in pairing.pairs))


def conform(child: str | Path, parent: str | Path | None = None) -> Conformance:
    """The edition ``child`` against the list above it: ``parent`` (any edition name), else the edition its
    ``parent: edition:`` names, beside it. Both go through the load pipeline; a child that names no parent edition,
    or a parent edition that is not there, is an InputError (exit 2) naming the child's edition.yaml."""
    from .check.conformance import conform as check
    from .edition.load import EDITION_FILE

    opened = open_edition(child)
    child_edition, child_path = opened.loaded, opened.loaded.path
    where = opened.files.edition.locate(("parent",))
    if parent is None:
        named = child_edition.metadata.parent_edition
        if named is None:
            raise InputError(_("names no parent edition (parent: edition: in {file}): give one with --parent")
                             .format(file=EDITION_FILE), path=where.path, line=where.line, column=where.column)
        parent_path = child_path.parent / named
        if not (parent_path / EDITION_FILE).is_file():
            where = opened.files.edition.locate(("parent", "edition"))
            raise InputError(_("parent: edition: there is no edition folder {name!r} beside this edition")
                             .format(name=named), path=where.path, line=where.line, column=where.column)
        parent_edition = open_edition(parent_path).loaded
    else:
        parent_edition = open_edition(parent).loaded
    return check(child_edition, opened.files, parent_edition, child_name=opened.shown,
                 parent_name=str(parent_edition.path))


@frozen
class Changelogs:
    """What ``qingdan changelog`` found: one Changelog per pair compared, and the diff's notes."""

    changelogs: tuple[Changelog, ...]
    notes: tuple[str, ...] = ()


def changelogs(sides: Sequence[str] = (), cwd: Path | None = None) -> Changelogs:
    """The 修订说明 and 修订对照表 of OLD into NEW, or of each edition under policies/ against its predecessor: the
    diff's pairs and changes (``compare``), read into the official classes, one row per changed cell."""
    from .output.changelog import changelog as build

    comparison = compare(sides, None, cwd)
    return Changelogs(tuple(build(report, old, new) for report, (old, new)
                            in zip(comparison.reports, comparison.editions, strict=True)), comparison.notes)


def service_history(service: str, edition: str | Path | None = None, cwd: Path | None = None) -> History:
    """The service ``service`` (id, number or name) in the edition folder ``edition`` names (default: the default
    edition) and back through its predecessors (``previous``), found by stable id, with what the diff says changed
    between each two."""
    from .diff.history import history as follow

    return follow(default_edition().path if edition is None else edition_folder(edition), service, cwd)


# -- time ----------------------------------------------------------------------------------------------------------

def previous_edition(folder: Path) -> Path | None:
    """The folder of the edition ``folder`` revises (its ``previous``, beside it), or None for a first edition."""
    from .edition.load import previous_of

    previous = previous_of(folder)
    return None if previous is None else folder.parent / previous


def has_editions(folder: Path) -> bool:
    """Whether ``folder`` is a folder of editions (each a folder with an edition.yaml)."""
    from .edition.load import find_editions

    return folder.is_dir() and bool(find_editions(folder))


# -- writing -------------------------------------------------------------------------------------------------------

def finish_interrupted(paths: Iterable[Path]) -> list[Path]:
    """Complete the writes that killed runs left journalled in the editions ``paths`` name (edition folders or files
    in one; see staging.py), under each edition's writer lock; the files completed (none, normally)."""
    from .io.staging import JOURNAL, prepare

    folders = []
    for path in paths:
        folder = path if path.is_dir() else path.parent.parent if path.parent.name == "services" else path.parent
        if (folder / JOURNAL).is_file():
            folders.append(folder)
    if not folders:
        return []
    with prepare(folders) as completed:
        return completed


def format_paths(names: Iterable[str | Path], *, write: bool) -> list[Formatted]:
    """Put the edition YAML files NAMEs stand for (files, edition folders, folders of editions, or editions' names)
    in canonical form, all files written or none; without ``write``, only say what would change."""
    from .edit.formatting import format_paths as format_all

    return format_all([local_path(name) for name in names], write=write)


def rename_unit(edition: str | Path, old: str, new: str, *, since: str | None = None, basis: str | None = None,
                dry_run: bool = False, in_text: bool = False) -> Renamed:
    """Rename (or merge) unit OLD into NEW across the registry and rows of the edition folder ``edition`` names (a
    path or a name under ./policies; never a shipped edition), recording the lineage; with ``in_text`` in its texts
    too."""
    from .edit.renaming import rename_unit as rename

    return rename(edition_folder(edition, shipped=False), old, new, since=since, basis=basis, dry_run=dry_run,
                  in_text=in_text)


def renumber(edition: str | Path, *, dry_run: bool = False, in_text: bool = False
             ) -> tuple[list[Moved], list[Path], list[InText]]:
    """Number the services of the edition folder ``edition`` names (as for rename_unit) 1..N in document order;
    what moved, the files written and the texts naming a moved item's number (rewritten with ``in_text``)."""
    from .edit.renumbering import renumber as number

    return number(edition_folder(edition, shipped=False), dry_run=dry_run, in_text=in_text)


def start_revision(source: str | Path, target: Path) -> Path:
    """Start a revision of the edition ``source`` names (any edition folder or name, a shipped one included): copy
    it to the new folder ``target`` with its notice cleared."""
    from .edit.new_edition import new_edition

    return new_edition(edition_folder(source), target)


def cleared_fields() -> tuple[tuple[str, str], ...]:
    """The notice's fields a new edition clears, each as its key and its title in the schema (number, 文号)."""
    from .core import resources
    from .edit.new_edition import CLEARED_LISTS, CLEARED_TEXT

    keys = resources.schema("edition")["properties"]["document"]["properties"]
    return tuple((key, str(keys[key].get("title", key))) for key in CLEARED_TEXT + CLEARED_LISTS)


def write_task_sheets(path: Path, edition: Edition, unit: str | None, format_: str, title: str,
                      level: str = "district") -> int:
    """The task sheet of ``unit`` (or, with None, of every unit of ``level`` that has a task: district, city or all)
    as xlsx or docx, for print. Returns how many control characters a docx could not hold and left out."""
    from .output.export import task_sheets
    from .output.export.printable import unprintable
    from .output.tasks import task_sheet as sheet_of

    sheets = task_sheets.all_task_sheets(edition, level) if unit is None else (sheet_of(edition, unit),)
    task_sheets.write(path, sheets, format_, task_sheets.Heading.of(edition.metadata, title))
    if format_ != "docx":
        return 0
    texts = [title, *(str(value) for sheet in sheets for value in (sheet.unit, *task_sheets.index_cells(sheet))),
             *(str(value) for sheet in sheets for task in sheet.tasks for value in task_sheets.task_cells(task))]
    return sum(unprintable(text) for text in texts)


# -- looking up ----------------------------------------------------------------------------------------------------

def task_sheet(edition: Edition, unit: str) -> TaskSheet:
    """Every service and part ``unit`` leads or carries out (UnknownUnitError names the closest known units, and
    the other editions beside this one that have the unit)."""
    from .edition.load import editions_with_unit
    from .output.tasks import task_sheet as sheet_of

    return sheet_of(edition, unit, elsewhere=lambda: editions_with_unit(edition.path, unit))


def rules_catalog(format_: str) -> str:
    """Every finding code (validate's and conform's) as text, markdown (docs/rules.md), json, or sarif (a SARIF log
    of every rule, no results)."""
    from .check.rules import all_codes
    from .check.rules.catalog import as_json, as_markdown, as_text
    from .output.render.sarif import catalog

    formats = {"text": as_text, "markdown": as_markdown, "json": as_json, "sarif": catalog}
    if format_ not in formats:
        raise InputError(_("unknown catalogue format {format!r} (known: {known})").format(
            format=format_, known=", ".join(CATALOG_FORMATS)))
    return formats[format_](all_codes())


def textconv(file: Path) -> str:
    """One edition YAML file as one labelled fact per line, for git's textconv."""
    from .io.loading import read_text
    from .output.textconv import readable

    return readable(read_text(file), str(file))


__all__ = [  # every public name, those of _LAZY included
    "CATALOG_FORMATS",
    "EDITIONS_FOLDER",
    "EXIT_FAILURE",
    "EXIT_INTERNAL",
    "TASK_LEVELS",
    "Built",
    "Category",
    "Changelog",
    "Changelogs",
    "Code",
    "Comparison",
    "Conformance",
    "DataError",
    "DefaultEdition",
    "DiffReport",
    "Edition",
    "EditionName",
    "ExportInfo",
    "ExportOptions",
    "ForExport",
    "Formatted",
    "History",
    "ImportReport",
    "InText",
    "InputError",
    "InvalidEditionError",
    "Metadata",
    "Moved",
    "Opened",
    "OutputError",
    "Part",
    "QingdanError",
    "Renamed",
    "Report",
    "Result",
    "Service",
    "TaskSheet",
    "Unit",
    "UnitSummary",
    "UnknownUnitError",
    "build_site",
    "changelogs",
    "cleared_fields",
    "compare",
    "conform",
    "default_edition",
    "dumps",
    "edition_folder",
    "edition_in_force",
    "export_edition",
    "finish_interrupted",
    "format_paths",
    "has_editions",
    "import_source",
    "is_copy",
    "load",
    "load_for_export",
    "local_path",
    "locate_edition",
    "name_edition",
    "open_edition",
    "previous_edition",
    "rename_unit",
    "render_official_text",
    "renumber",
    "rule_codes",
    "rules_catalog",
    "service_history",
    "shipped_editions",
    "start_revision",
    "task_sheet",
    "textconv",
    "unit_summaries",
    "validate",
    "write_atomic",
    "write_task_sheets",
]
