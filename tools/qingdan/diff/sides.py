"""The two sides of a diff as the user names them (a path, a name, or ``REV:PATH``; see naming.py), loaded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..edition import EditionFiles, FileSource
from ..model import Edition
from ..pipeline import open_edition, open_source


@dataclass(frozen=True)
class Side:
    """A loaded, schema-valid edition with its parsed files (for field-level locations) and its display name."""

    name: str
    edition: Edition
    files: EditionFiles


def load_side(spec: str, cwd: Path | None = None, *, old: bool = False) -> Side:
    """Read, check and build one side through the load pipeline; ``old``: the old side, which, when read from a git
    revision, is read as that revision recorded it."""
    opened = open_edition(spec, recorded=old, cwd=cwd)
    return Side(opened.shown, opened.loaded, opened.files)


def load_source(source: FileSource, path: Path, name: str, *, old: bool = False) -> Side:
    """One side from its files; ``old``: the old side, read as its revision recorded it."""
    opened = open_source(source, path, name, recorded=old)
    return Side(name, opened.loaded, opened.files)
