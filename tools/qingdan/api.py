"""The front door: every operation the command line performs, as library calls that return data and never print.

``qingdan.cli`` imports this module, the renderers and nothing else of the library (tests/test_architecture.py and
the import-linter contracts in pyproject.toml keep it so); a program can do the same. The operations:

- read: ``load`` (an edition, through the one load pipeline), ``validate``, ``load_for_export``;
- compare: ``compare`` (OLD NEW, ``--base REV``, or each edition with its predecessor), ``changelog`` (the
  修订说明 and 修订对照表 of the same pairs), ``history`` (a service through the chain of predecessors);
- publish: ``build_site`` (the static site of every edition, docs/site.md);
- write: ``finish_interrupted``, ``format_paths``, ``rename_unit``, ``renumber``, ``new_edition``, ``import_source``,
  ``export``, ``dumps``, ``write_task_sheets``, ``write_atomic``;
- time: ``edition_in_force`` (the edition in force on a date), ``previous_edition``,
  ``has_editions``;
- look up: ``task_sheet``, ``unit_summaries``, ``official_text``, ``rule_codes``, ``rules_catalog``, ``textconv``,
  ``shipped_editions``, ``locate_edition``, ``default_edition``, ``edition_folder``.

Failures are exceptions carrying their exit code (``qingdan.core.errors``): an edition that does not load is an
InvalidEditionError (exit 1) with the same one line from every operation that reads one; unreadable input an
InputError (exit 2). The result types the CLI handles are re-exported here.

This module is imported by ``qingdan validate`` at start-up, so it imports the library only inside its functions
(and its re-exported names only when first asked for): validating never loads the diff, export or import code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core.errors import (
    EXIT_FAILURE,
    EXIT_INTERNAL,
    DataError,
    InputError,
    InvalidEditionError,
    OutputError,
    QingdanError,
)
from .core.i18n import _
from .core.vocabulary import EDITIONS_FOLDER

if TYPE_CHECKING:
    from .core.findings import Code, Report
    from .core.model import Edition
    from .diff.history import History
    from .diff.model import DiffReport
    from .edit.formatting import Formatted
    from .edit.importing import ImportReport
    from .edit.renaming import InText, Renamed
    from .edit.renumbering import Moved
    from .edition.load import DefaultEdition
    from .output.changelog import Changelog
    from .output.export import ExportInfo, Options
    from .output.site import Built
    from .output.tasks import TaskSheet, UnitSummary

CATALOG_FORMATS = ("text", "markdown", "json")  # qingdan rules: markdown is docs/rules.md
TASK_LEVELS = ("district", "city", "all")  # tasks --all --level: which departments get a sheet


# -- reading -------------------------------------------------------------------------------------------------------

def load(path_or_name: str | Path | None = None) -> Edition:
    """An edition folder, or a shipped edition by name, through the load pipeline (``edition.open_edition``);
    without one, the default edition (see ``default_edition``)."""
    from .edition.load import load_edition

    return load_edition(default_edition().path if path_or_name is None else path_or_name)


def default_edition(*, writes: bool = False) -> DefaultEdition:
    """The edition a command means when none is named: the newest under ./policies (the one no other edition
    names as ``previous``), else the newest shipped with qingdan; a command that ``writes`` only ever means one
    under ./policies. ``among`` says how many editions it was chosen from."""
    from .edition.load import default_edition as choose

    return choose(EDITIONS_FOLDER if writes else None)


def validate(paths: Sequence[Path] | None = None, *, cache: bool = False, cache_dir: Path | None = None) -> Report:
    """Validate the editions PATHs stand for (default: every edition under ./policies) into one Report; with
    ``cache``, through the warm cache (in ``cache_dir``, by default the repository's .qingdan-cache)."""
    from .check.validation import validate_paths

    return validate_paths(paths, cache=cache, cache_dir=cache_dir)


def clean_cache(folder: Path | None = None) -> Path | None:
    """Remove the validation cache folder (default: the one of the working directory's repository); the folder
    removed, or None when there was none."""
    from .check.validation_cache import clean, default_folder

    target = folder if folder is not None else default_folder(Path.cwd() / "policies")
    return target if clean(target) else None


@dataclass(frozen=True)
class ForExport:
    """A validated edition ready to export: the edition, its validation report and what the export records."""

    edition: Edition
    report: Report
    info: ExportInfo


def load_for_export(path_or_name: str | Path, *, allow_invalid: bool = False) -> ForExport:
    """Validate and load an edition for export, parsing every file once.

    An edition that does not load raises the InvalidEditionError every command raises for it; one that loads but
    has validation errors raises a DataError naming the first (exit 1), unless ``allow_invalid``, when the export
    records how many there were.
    """
    from .check.validation import validate_to_read
    from .core.i18n import ngettext
    from .edition.load import resolve_edition_path
    from .output.export import ExportInfo

    report, edition = validate_to_read(resolve_edition_path(path_or_name))
    errors = report.errors
    if errors and not allow_invalid:
        first = errors[0]
        raise DataError(ngettext(
            "{code} {message}; not exported: the edition has this validation error (qingdan validate reports it; "
            "--allow-invalid exports anyway and records it)",
            "{code} {message}; not exported: run qingdan validate for all {count} validation errors "
            "(--allow-invalid exports anyway and records it)", len(errors)).format(
                code=first.code, message=first.message, count=len(errors)),
            path=first.location.path, line=first.location.line, column=first.location.column)
    return ForExport(edition, report, ExportInfo(exported_from_invalid=bool(errors), validation_errors=len(errors)))


# -- comparing -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    """What ``qingdan diff`` compared: one DiffReport per pair, and notes on editions with nothing to compare."""

    reports: tuple[DiffReport, ...]
    notes: tuple[str, ...] = ()
    editions: tuple[tuple[Edition, Edition], ...] = ()  # the (old, new) editions of each report


def compare(sides: Sequence[str] = (), base: str | None = None, cwd: Path | None = None) -> Comparison:
    """Compare OLD and NEW (two folders or REV:PATH), or with ``base`` each PATH with itself (or its predecessor)
    at that git revision ('auto' for hooks), or with neither each edition under policies/ with its predecessor."""
    from .diff import compare as compare_editions
    from .diff.pairing import choose_pairs

    pairing = choose_pairs(tuple(sides), base, cwd)
    return Comparison(tuple(compare_editions(old.edition, new.edition, old_files=old.files, new_files=new.files,
                                             old_name=old.name, new_name=new.name) for old, new in pairing.pairs),
                      pairing.notes, tuple((old.edition, new.edition) for old, new in pairing.pairs))


@dataclass(frozen=True)
class Changelogs:
    """What ``qingdan changelog`` found: one Changelog per pair compared, and the diff's notes."""

    changelogs: tuple[Changelog, ...]
    notes: tuple[str, ...] = ()


def changelog(sides: Sequence[str] = (), cwd: Path | None = None) -> Changelogs:
    """The 修订说明 and 修订对照表 of OLD into NEW, or of each edition under policies/ against its predecessor: the
    diff's pairs and changes (``compare``), read into the official classes, one row per changed cell."""
    from .output.changelog import changelog as build

    comparison = compare(sides, None, cwd)
    return Changelogs(tuple(build(report, old, new) for report, (old, new)
                            in zip(comparison.reports, comparison.editions, strict=True)), comparison.notes)


def history(service: str, folder: Path, cwd: Path | None = None) -> History:
    """The service ``service`` (id, number or name) in the edition at ``folder`` and back through its predecessors
    (``previous``), found by stable id, with what the diff says changed between each two."""
    from .diff.history import history as follow

    return follow(folder, service, cwd)


# -- time ----------------------------------------------------------------------------------------------------------

def edition_in_force(root: Path, day: date) -> Path:
    """The edition under ``root`` in force on ``day``: signed (document.signed) on or before it, and neither revised
    by an edition signed since nor past its period. InputError (exit 2) when there is none."""
    from .edition.periods import in_force

    return in_force(root, day)


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

def edition_folder(given: Path | None) -> Path:
    """The edition folder a command that edits files means: a folder, NAME under ./policies, or the newest there."""
    from .edit.editing import edition_folder as folder

    return folder(given)


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


def format_paths(paths: Iterable[Path], *, write: bool) -> list[Formatted]:
    """Put the edition YAML PATHs name in canonical form (all files written, or none); without ``write``, only say
    what would change."""
    from .edit.formatting import format_paths as format_all

    return format_all(paths, write=write)


def rename_unit(folder: Path, old: str, new: str, *, since: str | None = None, basis: str | None = None,
                dry_run: bool = False, in_text: bool = False) -> Renamed:
    """Rename (or merge) unit OLD into NEW across an edition's registry and rows, recording the lineage; with
    ``in_text`` in its texts too."""
    from .edit.renaming import rename_unit as rename

    return rename(folder, old, new, since=since, basis=basis, dry_run=dry_run, in_text=in_text)


def renumber(folder: Path, *, dry_run: bool = False, in_text: bool = False
             ) -> tuple[list[Moved], list[Path], list[InText]]:
    """Number an edition's services 1..N in document order; what moved, the files written and the texts naming a
    moved item's number (rewritten with ``in_text``)."""
    from .edit.renumbering import renumber as number

    return number(folder, dry_run=dry_run, in_text=in_text)


def new_edition(source: Path, target: Path) -> Path:
    """Start a revision: copy the edition ``source`` to the new folder ``target`` with its notice cleared."""
    from .edit.new_edition import new_edition as start

    return start(source, target)


def is_copy(source: Path, target: Path) -> bool:
    """Whether ``new_edition(source, target)`` copies the same edition unchanged rather than starting a revision."""
    from .edit.new_edition import is_copy as copy

    return copy(source, target)


def cleared_fields() -> tuple[tuple[str, str], ...]:
    """The notice's fields a new edition clears, each as its key and its title in the schema (number, 文号)."""
    from .core import resources
    from .edit.new_edition import CLEARED_LISTS, CLEARED_TEXT

    keys = resources.schema("edition")["properties"]["document"]["properties"]
    return tuple((key, str(keys[key].get("title", key))) for key in CLEARED_TEXT + CLEARED_LISTS)


def import_source(source: Path, edition: str, out: Path | None = None, *, dry_run: bool = False) -> ImportReport:
    """Import the official text ``source`` into an edition folder, keeping curated fields."""
    from .edit.importing import import_source as import_text

    return import_text(source, edition, out, dry_run=dry_run)


def export_options(*, excel: bool = False, headers: str | None = None) -> Options:
    from .output.export import Options

    return Options(excel=excel, headers=headers)


def export(edition: Edition, format_: str, out: Path, info: ExportInfo, options: Options | None = None) -> None:
    """Write ``edition`` in an export format to ``out`` (a file or a folder), atomically."""
    from .output.export import Options
    from .output.export import export as write

    write(edition, format_, out, info, options or Options())


def dumps(edition: Edition, format_: str, info: ExportInfo, options: Options | None = None) -> str:
    """An export as text, for the formats that can go to stdout."""
    from .output.export import Options
    from .output.export import dumps as text

    return text(edition, format_, info, options or Options())


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


def build_site(root: Path, out: Path, editions: Sequence[str] = (), base_url: str | None = None) -> Built:
    """Build the static site of the editions under ``root`` (those named, or all) into ``out``: write the files
    whose bytes changed, remove those an earlier build made and this one does not (docs/site.md)."""
    from .output.site import build

    return build(root, out, editions, base_url)


def write_atomic(path: Path, text: str) -> None:
    """Replace the file ``path`` with ``text`` atomically (a report written with -o)."""
    from .io.atomic import write_atomic as write

    write(path, text)


# -- looking up ----------------------------------------------------------------------------------------------------

def task_sheet(edition: Edition, unit: str) -> TaskSheet:
    """Every service and part ``unit`` leads or carries out (UnknownUnitError names the closest known units, and
    the other editions beside this one that have the unit)."""
    from .edition.load import editions_with_unit
    from .output.tasks import task_sheet as sheet_of

    return sheet_of(edition, unit, elsewhere=lambda: editions_with_unit(edition.path, unit))


def unit_summaries(edition: Edition) -> tuple[UnitSummary, ...]:
    """Every unit with its level, counterpart and the number of services it leads and carries."""
    from .output.tasks import unit_summaries as summaries

    return summaries(edition)


def official_text(edition: Edition) -> str:
    """The official text (notice, table, footer) regenerated from the edition, in the format import reads."""
    from .output.official_layout import render

    return render(edition)


def locate_edition(value: str | Path) -> Path | None:
    """The path an edition argument names (the path itself, ./policies/NAME or the shipped edition), or None: the
    one resolver (``edition.locate_edition``), which never falls back to the shipped data when a local path exists
    in any form, and never follows a link out of the repository."""
    from .edition.load import locate_edition

    return locate_edition(value)


def shipped_editions() -> Path:
    """The folder of the editions shipped with qingdan (the checkout's policies/, or the installed copy)."""
    from .core import resources

    return resources.policies_dir()


def rule_codes() -> tuple[Code, ...]:
    """Every finding code validate reports, in code order."""
    from .check.rules import all_codes

    return all_codes()


def rules_catalog(format_: str) -> str:
    """The finding codes as text, markdown (docs/rules.md) or json."""
    from .check.rules.catalog import as_json, as_markdown, as_text

    formats = {"text": as_text, "markdown": as_markdown, "json": as_json}
    if format_ not in formats:
        raise InputError(_("unknown catalogue format {format!r} (known: {known})").format(
            format=format_, known=", ".join(CATALOG_FORMATS)))
    return formats[format_](rule_codes())


def textconv(file: Path) -> str:
    """One edition YAML file as one labelled fact per line, for git's textconv."""
    from .io.loading import read_text
    from .output.textconv import readable

    return readable(read_text(file), str(file))


# -- re-exported result types and errors -------------------------------------------------------------------------

_LAZY = {
    "Changelog": ("qingdan.output.changelog", "Changelog"),
    "DefaultEdition": ("qingdan.edition.load", "DefaultEdition"),
    "DiffReport": ("qingdan.diff.model", "DiffReport"),
    "Edition": ("qingdan.core.model", "Edition"),
    "ExportInfo": ("qingdan.output.export", "ExportInfo"),
    "Formatted": ("qingdan.edit.formatting", "Formatted"),
    "History": ("qingdan.diff.history", "History"),
    "ImportReport": ("qingdan.edit.importing", "ImportReport"),
    "Moved": ("qingdan.edit.renumbering", "Moved"),
    "Options": ("qingdan.output.export", "Options"),
    "Renamed": ("qingdan.edit.renaming", "Renamed"),
    "Built": ("qingdan.output.site", "Built"),
    "Report": ("qingdan.core.findings", "Report"),
    "TaskSheet": ("qingdan.output.tasks", "TaskSheet"),
    "UnitSummary": ("qingdan.output.tasks", "UnitSummary"),
    "UnknownUnitError": ("qingdan.output.tasks", "UnknownUnitError"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'qingdan.api' has no attribute {name!r}")


__all__ = [
    "CATALOG_FORMATS",
    "Changelogs",
    "TASK_LEVELS",
    "Comparison",
    "changelog",
    "EDITIONS_FOLDER",
    "DataError",
    "EXIT_FAILURE",
    "EXIT_INTERNAL",
    "ForExport",
    "InputError",
    "InvalidEditionError",
    "OutputError",
    "QingdanError",
    "build_site",
    "cleared_fields",
    "compare",
    "default_edition",
    "dumps",
    "edition_folder",
    "edition_in_force",
    "has_editions",
    "history",
    "export",
    "export_options",
    "finish_interrupted",
    "format_paths",
    "import_source",
    "load",
    "load_for_export",
    "new_edition",
    "official_text",
    "previous_edition",
    "rename_unit",
    "renumber",
    "rule_codes",
    "locate_edition",
    "shipped_editions",
    "rules_catalog",
    "task_sheet",
    "textconv",
    "unit_summaries",
    "validate",
    "write_atomic",
    "write_task_sheets",
    *_LAZY,
]
