"""The two sides of a diff as the user names them: an edition folder, or ``REV:PATH`` read through git."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..edition import DirectorySource, EditionFiles, FileSource, no_such_edition, open_edition
from ..model import Edition


@dataclass(frozen=True)
class Side:
    """A loaded, schema-valid edition with its parsed files (for field-level locations) and its display name."""

    name: str
    edition: Edition
    files: EditionFiles


def source_for(spec: str, cwd: Path | None = None) -> tuple[FileSource, Path]:
    """A FileSource for an edition folder or ``REV:PATH`` (PATH from the repository root, or ./PATH from cwd)."""
    here = cwd or Path.cwd()
    folder = here / spec
    if folder.is_dir():
        return DirectorySource(folder, spec), Path(spec)
    if ":" in spec:
        from ..gitsource import GitSource, repository_path

        revision, path = spec.split(":", 1)
        if path.startswith(("./", "../")) or path in (".", ".."):
            path = repository_path(Path(path), here, shown=spec)
        return GitSource(revision, path, here), Path(path)
    raise no_such_edition(spec)


def load_side(spec: str, cwd: Path | None = None, *, old: bool = False) -> Side:
    """Read, check and build one side through the load pipeline (``edition.open_edition``); ``old``: the old side,
    which, when read from a git revision, is read as that revision recorded it."""
    source, path = source_for(spec, cwd)
    return load_source(source, path, spec, old=old and not isinstance(source, DirectorySource))


def load_source(source: FileSource, path: Path, name: str, *, old: bool = False) -> Side:
    """One side; ``old``: the old side, read as its revision recorded it (see ``edition.open_edition``)."""
    files, edition = open_edition(source, path, path.name, recorded=old)
    return Side(name, edition, _ids_only(files))


def _ids_only(files: EditionFiles) -> EditionFiles:
    """``files`` with each service document's data cut to its id, once the typed edition is built from them.

    The diff reads a side's documents only to place a change (``locate.Locator``: the document of a service id,
    and its positions); the data itself is the typed edition's from now on. Released as each side is built, the
    data of both sides is never held at once: most of a large diff's memory.
    """
    services = tuple(replace(document, data={"id": document.data["id"]})
                     if isinstance(document.data, dict) and isinstance(document.data.get("id"), str) else document
                     for document in files.services)
    return replace(files, services=services)

