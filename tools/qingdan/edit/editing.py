"""Edit a whole edition in one step: read its YAML documents, change their data, write every changed file or none.

rename-unit and renumber change many files at once; a half-applied rename is worse than none, so every new text
is computed (in canonical form, comments kept, checked to load back to the intended data) before the first file
is written, and the files are then replaced together by ``staging.write_all``. ``EditionEdit.editing`` holds the
edition's writer lock from the first read to the last write (so a concurrent fmt cannot write back what it read
before the rename), and first completes what a killed earlier run left (see staging.py).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.i18n import _
from ..edition.load import EDITION_FILE, SERVICES_DIR, UNITS_FILE, missing_file
from ..edition.pipeline import check_loads
from ..edition.shapes import schema_file
from ..io.loading import parse_document, read_text
from ..io.staging import prepare, write_all
from .formatting import format_text


@dataclass
class Doc:
    """One YAML file of the edition: where it is, its text, its data as read and as edited."""

    path: Path
    kind: str
    text: str
    original: Any
    data: Any


@dataclass
class EditionEdit:
    """The documents of one edition folder, open for editing; ``save`` writes the changed ones, all or none."""

    folder: Path
    edition: Doc
    units: Doc
    services: list[Doc] = field(default_factory=list)
    completed: tuple[Path, ...] = ()  # the files a killed earlier run left journalled, completed before opening

    @classmethod
    @contextmanager
    def editing(cls, folder: Path, *, dry_run: bool = False) -> Iterator[EditionEdit]:
        """The edition at ``folder`` open for editing under its writer lock (no lock for a dry run, which writes
        nothing); ``save`` inside the block."""
        preparing: AbstractContextManager[list[Path]] = nullcontext([]) if dry_run else prepare([folder])
        with preparing as completed:
            edit = cls.open(folder)
            edit.completed = tuple(completed)
            yield edit

    @classmethod
    def open(cls, folder: Path) -> EditionEdit:
        check_loads(folder)  # an edition that does not load is refused as every command refuses it
        for required in (EDITION_FILE, UNITS_FILE):
            if not (folder / required).is_file():
                raise missing_file(required, folder / required)
        services = sorted(p for p in (folder / SERVICES_DIR).glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
        edit = cls(folder, _doc(folder / EDITION_FILE, "edition", folder), _doc(folder / UNITS_FILE, "units", folder),
                   [_doc(path, "service", folder) for path in services])
        if not isinstance(edit.units.data, dict) or not isinstance(edit.units.data.get("units"), list):
            raise InputError(_("not a unit registry (units: [...]): run qingdan validate first"), path=edit.units.path)
        return edit

    def documents(self) -> list[Doc]:
        return [self.edition, self.units, *self.services]

    def changed(self) -> list[Doc]:
        return [doc for doc in self.documents() if doc.data != doc.original]

    def save(self, *, dry_run: bool = False) -> list[Path]:
        """Write every changed document (or, with ``dry_run``, only check that each can be written); the paths."""
        schemas = {kind: schema_file(kind, self.folder) for kind in {doc.kind for doc in self.changed()}}
        texts = {doc.path: format_text(doc.text, doc.kind, str(doc.path), doc.data, replace_data=True,
                                       schema=schemas[doc.kind])
                 for doc in self.changed()}
        if not dry_run:
            write_all(texts, folders=[self.folder])
        return list(texts)


def _doc(path: Path, kind: str, folder: Path) -> Doc:
    text = read_text(path, within=folder)  # a link out of the edition is refused, never rewritten
    document = parse_document(text, str(path), path)
    if document.duplicates:
        duplicate = document.duplicates[0]
        raise InputError(_("duplicate key {key}: remove one first").format(key=repr(duplicate.path[-1])), path=path,
                         line=duplicate.line)
    return Doc(path, kind, text, document.data, copy.deepcopy(document.data))
