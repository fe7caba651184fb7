"""Which existing folder a folder export (csv, datapackage) may replace: -o must never wipe unrelated files.

A folder holding edition.csv and the user's thesis.docx is not an earlier export; an empty folder, or one holding
only files these exports write (with edition.csv or datapackage.json among them), is.
"""

from __future__ import annotations

from pathlib import Path

_EXPORT_MARKERS = ("edition.csv", "datapackage.json")


def _export_files() -> set[str]:
    """The names of every file the folder exports (csv, datapackage) write."""
    from .tables import TABLES

    return {"list.csv", "datapackage.json", *(f"{table.name}.csv" for table in TABLES)}


def earlier_export(path: Path) -> bool:
    """Whether ``path`` is an empty folder or one an earlier folder export wrote (so it may be replaced)."""
    if path.is_symlink() or not path.is_dir():
        return False
    entries = list(path.iterdir())
    if not entries:
        return True
    known = _export_files()
    return (any((path / marker).is_file() for marker in _EXPORT_MARKERS)
            and all(entry.name in known and entry.is_file() and not entry.is_symlink() for entry in entries))
