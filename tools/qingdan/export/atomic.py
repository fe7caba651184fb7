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
from ..writing import output_errors

# A folder may be replaced only when it is empty or holds an earlier export: -o must never wipe unrelated files.
_EXPORT_MARKERS = ("edition.csv", "datapackage.json")


def build_file(path: Path, build: Callable[[Path], None]) -> None:
    """Call ``build`` with a temporary path beside ``path``, then rename the result over ``path``."""
    with output_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        os.unlink(temporary)  # sqlite wants to create the file itself
    try:
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
    if path.exists() and not _replaceable(path):
        raise InputError("refusing to replace a folder that is not an earlier export (or a file)", path=path)
    with output_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
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
    if not path.is_dir():
        return False
    return not any(path.iterdir()) or any((path / marker).is_file() for marker in _EXPORT_MARKERS)
