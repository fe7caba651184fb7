"""The two sides of a diff as the user names them: an edition folder, or ``REV:PATH`` read through git."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..edition import (
    DirectorySource,
    EditionFiles,
    FileSource,
    InvalidEditionError,
    build_edition,
    read_edition_files,
    refuse_duplicates,
)
from ..errors import InputError
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
    raise InputError("no such edition folder (and not REV:PATH)", path=spec)


def load_side(spec: str, cwd: Path | None = None) -> Side:
    """Read, schema-check and build one side. Any problem is an InputError (exit 2) naming its file and line."""
    source, path = source_for(spec, cwd)
    return load_source(source, path, spec)


def load_source(source: FileSource, path: Path, name: str) -> Side:
    from ..schema_check import check_files

    files = read_edition_files(source, path.name)
    problems = check_files(files)
    if problems:  # the data is wrong, not unreadable: exit 1 and the same line as every command that loads it
        raise InvalidEditionError(problems)
    refuse_duplicates(files)  # which of two values is meant is unknown: never diff either silently
    return Side(name, build_edition(files, path), files)

