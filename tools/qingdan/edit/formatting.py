"""``qingdan fmt`` as a library: rewrite edition YAML into the canonical form, keeping comments and the data.

Every file is first parsed and formatted in memory; only when all of them succeed is anything written, each file
atomically. A result is refused (never written) unless the canonical text loads back to exactly the data it was
made from and keeps every comment, so a bug in the formatter cannot change the list.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..core import resources
from ..core.errors import InputError, QingdanError
from ..core.i18n import _
from ..core.records import frozen
from ..core.vocabulary import EDITIONS_FOLDER
from ..edition.load import (
    EDITION_FILE,
    SERVICES_DIR,
    UNITS_FILE,
    find_editions,
    missing_file,
    no_such_edition,
    service_file_names,
)
from ..edition.shapes import schema_file
from ..io.canonical_fast import canonical_text
from ..io.loading import MAX_FILE_BYTES, ContainedFolder, parse_document, paused_gc
from ..io.staging import prepare, write_all
from ..io.writing import dumps_keeping_comments, find_comments

DEFAULT_ROOT = EDITIONS_FOLDER


@frozen
class Formatted:
    """One file: its text as found and in canonical form."""

    path: Path
    display: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff from the file as it is to the canonical form (empty when unchanged)."""
        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                            f"a/{self.display}", f"b/{self.display}"))


def kind_of(path: Path, editions: dict[Path, bool] | None = None) -> str:
    """The schema kind of an edition file, from its place in the edition folder. ``editions`` remembers which
    folders hold an edition.yaml, for a caller that asks of every file of an edition."""
    known = {} if editions is None else editions

    def holds_edition(folder: Path) -> bool:
        found = known.get(folder)
        if found is None:
            found = known[folder] = (folder / EDITION_FILE).is_file()
        return found

    if path.name == EDITION_FILE and holds_edition(path.parent):
        return "edition"
    if path.name == UNITS_FILE and holds_edition(path.parent):
        return "units"
    if path.suffix in (".yaml", ".yml") and path.parent.name == SERVICES_DIR and holds_edition(path.parent.parent):
        return "service"
    raise InputError(_("not an edition file (edition.yaml, units.yaml or services/*.yaml in an edition folder)"),
                     path=path)


def edition_files(folder: Path) -> list[Path]:
    """The YAML files of one edition folder, in a stable order."""
    services_dir = folder / SERVICES_DIR
    names = service_file_names((p.name for p in services_dir.iterdir()), str(services_dir)) \
        if services_dir.is_dir() else []
    services = [services_dir / name for name in names]  # the files every other command reads
    if not services:  # as for every command: an edition without services is an error, not "nothing to format"
        raise InputError(_("not an edition folder: {folder}/ is missing or holds no service files")
                         .format(folder=SERVICES_DIR), path=folder / SERVICES_DIR)
    if not (folder / UNITS_FILE).exists():
        raise missing_file(UNITS_FILE, folder / UNITS_FILE)
    return [folder / EDITION_FILE, folder / UNITS_FILE, *services]


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files named by ``paths`` (edition folders or files in one); with none, every edition under policies/."""
    given = list(paths)
    if not given:
        if not DEFAULT_ROOT.is_dir():
            raise InputError(_("no policies/ folder here: name an edition folder or file"), path=DEFAULT_ROOT)
        given = find_editions(DEFAULT_ROOT)
    files: list[Path] = []
    for path in given:
        if path.is_dir():
            if not (path / EDITION_FILE).is_file():
                editions = find_editions(path)
                if not editions:
                    raise InputError(_("not an edition folder: {file} is missing").format(file=EDITION_FILE), path=path)
                files.extend(f for edition in editions for f in edition_files(edition))
            else:
                files.extend(edition_files(path))
        elif path.exists():
            kind_of(path)
            files.append(path)
        else:
            raise InputError(_("no such file"), path=path) if path.suffix in (".yaml", ".yml") \
                else no_such_edition(path)
    return list(dict.fromkeys(files))


def _same(left: Any, right: Any) -> bool:
    # strict: 1, 1.0 and true are different data to a reader even though Python calls them equal
    return json.dumps(left, sort_keys=True, ensure_ascii=False) == json.dumps(right, sort_keys=True,
                                                                             ensure_ascii=False)


def format_text(text: str, kind: str, name: str, data: Any = None, *, replace_data: bool = False,
                schema: str | None = None) -> str:
    """The canonical form of ``text``, a document of ``kind``; with ``replace_data``, of ``data`` instead.
    ``schema`` is the schema file of the edition's shape (shapes.schema_file), whose key order is canonical.

    Raises YamlSyntaxError when the text does not parse, InputError when it has a duplicate key (formatting would
    silently drop one of the two values).
    """
    document = parse_document(text, name)
    if document.duplicates:
        duplicate = document.duplicates[0]
        raise InputError(_("duplicate key {key} (first at line {first}): remove one before formatting")
                         .format(key=repr(duplicate.path[-1]), first=duplicate.first_line),
                         path=name, line=duplicate.line, column=duplicate.column)
    target = data if replace_data else document.data
    if target is None:
        return text  # an empty file: nothing to put in order
    if not isinstance(target, dict):
        # every edition document is a mapping; rewriting a list or a scalar in "canonical form" would bless it
        message = (_("a {kind} file holds a mapping of keys, this one holds a list; file left as it is")
                   if isinstance(target, list) else
                   _("a {kind} file holds a mapping of keys, this one holds a single value; file left as it is"))
        raise InputError(message.format(kind=kind), path=name, line=document.locate(()).line)
    known = resources.schema(schema or kind).get("properties", {})
    if not replace_data and known and not set(target) & set(known):
        # a mapping sharing no key with its kind ({a: 1} as a service): not an edition document to put in order
        raise InputError(_("holds none of the keys of a {kind} file (such as {key}); file left as it is")
                         .format(kind=kind, key=repr(next(iter(known)))), path=name, line=document.locate(()).line)
    if not replace_data and "#" not in text and canonical_text(target, schema or kind) == text:
        return text  # already canonical: canonical_fast writes what dumps would, without ruamel's emitter
    result = dumps_keeping_comments(target, schema or kind, text)
    changed = _first_difference(parse_document(result, name).data, target)
    if changed is not None:
        raise QingdanError(_("formatting would change the data here; file left as it is"),
                           path=name, line=document.locate(changed).line)
    comments = find_comments(text)
    if len(find_comments(result)) != len(comments):
        raise QingdanError(_("formatting would lose a comment; file left as it is"), path=name,
                           line=comments[0].line + 1 if comments else None)
    return result


def _first_difference(left: Any, right: Any, path: tuple[str | int, ...] = ()) -> tuple[str | int, ...] | None:
    """The key path of the first value that differs (strictly, see ``_same``), or None when they are the same."""
    if isinstance(left, dict) and isinstance(right, dict) and list(left) == list(right):
        for key in left:
            found = _first_difference(left[key], right[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            found = _first_difference(a, b, (*path, index))
            if found is not None:
                return found
        return None
    return None if _same(left, right) else path


class _Reader:
    """Reads the files of one run: each through its edition folder's containment check (a link out of the edition
    is refused, never formatted), found once per edition (see loading.ContainedFolder)."""

    def __init__(self) -> None:
        self.editions: dict[Path, bool] = {}  # folder -> holds an edition.yaml (see kind_of)
        self.folders: dict[Path, ContainedFolder] = {}
        self.schemas: dict[tuple[str, Path], str] = {}  # (kind, edition) -> its shape's schema, edition.yaml read once

    def format(self, path: Path, display: str | None = None) -> Formatted:
        name = display or str(path)
        kind = kind_of(path, self.editions)
        edition = path.parent.parent if kind == "service" else path.parent
        folder = self.folders.get(edition)
        if folder is None:
            folder = self.folders[edition] = ContainedFolder(edition)
        rel = f"{SERVICES_DIR}/{path.name}" if kind == "service" else path.name
        before = folder.read(rel, MAX_FILE_BYTES, name, keep_bom=True)  # the file as it is, byte-order mark too
        schema = self.schemas.get((kind, edition))
        if schema is None:
            schema = self.schemas[kind, edition] = schema_file(kind, edition)
        return Formatted(path, name, before, format_text(before.removeprefix("\ufeff"), kind, name, schema=schema))


def format_file(path: Path, display: str | None = None) -> Formatted:
    """Read one edition file and compute its canonical form (nothing is written)."""
    return _Reader().format(path, display)


def format_paths(paths: Iterable[Path], *, write: bool) -> list[Formatted]:
    """Format every file named by ``paths``; with ``write``, replace the changed files: all of them, or none.

    Writing holds the writer lock of every edition it touches from the first read to the last write, and first
    completes what an earlier, killed run left journalled and removes its temporary files (see staging.py).
    """
    files = collect(paths)
    reader = _Reader()
    if not write:
        with paused_gc():
            return [reader.format(path) for path in files]
    editions = list(dict.fromkeys(edition_of(path) for path in files))
    with prepare(editions):
        with paused_gc():
            results = [reader.format(path) for path in files]
        write_all({result.path: result.after for result in results if result.changed}, folders=editions)
    return results


def edition_of(path: Path) -> Path:
    """The edition folder an edition file belongs to."""
    return path.parent.parent if kind_of(path) == "service" else path.parent
