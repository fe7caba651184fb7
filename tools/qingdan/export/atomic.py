"""Writing export outputs so that readers see the old output or the new one, never half of one.

Text files go through ``writing.write_atomic``; a database file or a folder of files is built under a temporary name
beside the target and then renamed over it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..writing import output_errors, output_target, remove_stale_beside

# A folder may be replaced only when it is empty or holds nothing but files an export writes: -o must never wipe
# unrelated files (a folder holding edition.csv and the user's thesis.docx is not an earlier export).
_EXPORT_MARKERS = ("edition.csv", "datapackage.json")


def _export_files() -> set[str]:
    """The names of every file the folder exports (csv, datapackage) write."""
    from .tables import TABLES

    return {"list.csv", "datapackage.json", *(f"{table.name}.csv" for table in TABLES)}


def build_file(path: Path, build: Callable[[Path], None]) -> None:
    """Call ``build`` with a temporary path beside ``path``, then rename the result over ``path``.

    Like ``write_atomic``: a link to a regular file is written through, a FIFO or device is refused.
    """
    path = output_target(path)
    with output_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_beside(path)  # what a killed export left
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        os.unlink(temporary)  # sqlite wants to create the file itself
    try:
        with output_errors(path):  # a full disk or a file-size limit names the output, not the temporary file
            build(Path(temporary))
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_directory(path: Path, build: Callable[[Path], None]) -> None:
    """Fill a temporary folder beside ``path`` with ``build``, then put it in place of ``path``.

    An existing ``path`` is replaced only when it is empty or an earlier export (it holds edition.csv or
    datapackage.json); the old folder is renamed aside first and removed last, so a failure leaves it untouched.
    """
    if (path.exists() or path.is_symlink()) and not _replaceable(path):
        raise InputError("refusing to replace: not a folder holding only an earlier export's files", path=path)
    with output_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_beside(path)  # what a killed export left
        temporary = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        with output_errors(path):  # a full disk or a file-size limit names the output, not the temporary folder
            build(temporary)
            os.chmod(temporary, 0o755)
            if path.exists():
                aside = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
                os.replace(path, aside / path.name)
                os.replace(temporary, path)
                shutil.rmtree(aside)
            else:
                os.replace(temporary, path)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _replaceable(path: Path) -> bool:
    if path.is_symlink() or not path.is_dir():
        return False
    entries = list(path.iterdir())
    if not entries:
        return True
    known = _export_files()
    return (any((path / marker).is_file() for marker in _EXPORT_MARKERS)
            and all(entry.name in known and entry.is_file() and not entry.is_symlink() for entry in entries))
