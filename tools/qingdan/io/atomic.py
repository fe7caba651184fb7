"""The one atomic writer: every file or folder qingdan writes is built under a temporary name beside its target and
renamed over it, so readers see the old content or the new, never half of one.

A text file (``write_atomic``, ``write_atomic_chunks``), a file another library builds (``build_file``: SQLite,
xlsx, docx) and a folder of files (``build_directory``: csv, datapackage) go through the same steps: the target is
resolved (a link to a regular file is written through; a FIFO, device or folder is refused), what a killed earlier
write left beside it is removed, the temporary is filled and given the target's mode, then renamed in. A file system
error is an OutputError naming the target, never the temporary name. Writing several files all or none is
``staging.write_all``, built on ``stage_text`` here.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core.errors import InputError, OutputError
from ..core.i18n import _, os_error


@contextmanager
def output_errors(path: Path) -> Iterator[None]:
    """Turn a file system error while writing ``path`` into an OutputError naming ``path`` (not a temporary file)."""
    try:
        yield
    except OSError as error:
        raise OutputError(_("cannot write: {problem}").format(problem=os_error(error)), path=path) from None


def output_target(path: Path) -> Path:
    """The file to replace when writing ``path``: ``path`` itself, or the regular file a symbolic link names.

    Writing is a rename over the target, which would turn a link into a regular file (its target untouched) and
    replace a FIFO or a device node by a file. So a link to a regular file is written through (the link stays, its
    target gets the new content); anything else that is not a regular file is refused with an OutputError.
    """
    target = path
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # dangling, or a loop of links
            raise OutputError(_("is a symbolic link to nothing (or a loop); refusing to write through it"),
                              path=path) from None
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as error:
        raise OutputError(_("cannot write: {problem}").format(problem=os_error(error)), path=path) from None
    if stat.S_ISDIR(mode):
        raise OutputError(_("is a folder, expected a file"), path=path)
    if not stat.S_ISREG(mode):
        raise OutputError(_("is not a regular file (a FIFO, device or socket); refusing to replace it"), path=path)
    return target


def require_folder(path: Path, shown: Path) -> None:
    """Refuse to write ``path`` into a folder that does not exist: an output named with -o goes where it was asked
    to, and a mistyped folder is said, not made (an edition folder being imported is made by ``stage_text``)."""
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(_("cannot write: the folder {folder} does not exist (create it first, or check the path)")
                          .format(folder=shown.parent), path=shown)


def _mode_for(path: Path) -> int:
    """The mode a new file at ``path`` gets: the mode of the file it replaces, else rw-r--r--."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o644


def _temporary_beside(path: Path, shown: Path) -> str:
    """A new empty temporary file beside ``path`` (``.NAME.XXXXXXXX.tmp``), its folder made if missing."""
    with output_errors(shown):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
    return temporary


def _fill(temporary: str, path: Path, shown: Path, build: Callable[[Path], None]) -> None:
    """Run ``build`` on the temporary file and give it the mode of ``path``; on any failure remove it."""
    try:
        with output_errors(shown):  # a full disk or a file-size limit names the output, not the temporary file
            build(Path(temporary))
            os.chmod(temporary, _mode_for(path))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _writer(chunks: Iterable[str]) -> Callable[[Path], None]:
    def write(temporary: Path) -> None:
        with open(temporary, "w", encoding="utf-8", newline="\n") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    return write


def stage_text(path: Path, text: str, shown: Path) -> Path:
    """Write ``text`` to a temporary file beside ``path`` (the resolved target) and return it, not yet renamed in:
    the first half of an atomic write, for ``staging.write_all``."""
    temporary = _temporary_beside(path, shown)
    _fill(temporary, path, shown, _writer((text,)))
    return Path(temporary)


def build_file(path: Path, build: Callable[[Path], None], *, create: bool = False,
               leftovers: Leftovers | None = None) -> None:
    """Call ``build`` with a temporary path beside ``path``, then rename the result over ``path``.

    ``create``: the temporary path does not exist yet when ``build`` runs (SQLite wants to create its file itself).
    ``leftovers``: what removes the leftovers of killed writes for a caller writing many files into the same folders
    (each folder listed once: listing a large folder once per file written into it is quadratic).
    A link to a regular file is written through, a FIFO or device is refused (see ``output_target``).
    """
    shown, path = path, output_target(path)
    require_folder(path, shown)
    with output_errors(shown):  # what a killed write of this file left, beside the file written (a link's target)
        (remove_stale_beside if leftovers is None else leftovers.remove)(path)
    try:
        temporary = _temporary_beside(path, shown)
        if create:
            os.unlink(temporary)
        _fill(temporary, path, shown, build)
        with output_errors(shown):
            os.replace(temporary, path)
    except BaseException:
        # by its pattern, not its name: an interrupt (Ctrl-C) may come before the name is known
        remove_stale_beside(path)
        raise


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that readers see the old file or the new one, never half of one.

    A file system error (no such folder, no permission, disk full) is an OutputError naming ``path``. A symbolic
    link to a regular file is written through; other special files are refused (see ``output_target``).
    """
    write_atomic_chunks(path, (text,))


def write_atomic_chunks(path: Path, chunks: Iterable[str]) -> None:
    """``write_atomic`` of the text ``chunks`` make up, written as they come: a large export need not be held in
    memory as one string (and again as its encoded bytes)."""
    build_file(path, _writer(chunks))


def build_directory(path: Path, build: Callable[[Path], None], replaceable: Callable[[Path], bool]) -> None:
    """Fill a temporary folder beside ``path`` with ``build``, then put it in place of ``path``.

    An existing ``path`` is replaced only when ``replaceable(path)`` says so (a folder an earlier run wrote); the old
    folder is renamed aside first and removed last, so a failure leaves it untouched.
    """
    if (path.exists() or path.is_symlink()) and not replaceable(path):
        raise InputError(_("refusing to replace: not a folder holding only an earlier export's files"), path=path)
    require_folder(path, path)
    with output_errors(path):
        remove_stale_beside(path)  # what a killed export left
    try:
        with output_errors(path):  # a full disk or a file-size limit names the output, not the temporary folder
            temporary = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
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
        remove_stale_beside(path, old=False)  # the temporary folder, by pattern (see build_file); an .old one stays
        raise


_STALE = re.compile(r"\.(.+)\.[A-Za-z0-9_]{8}\.(tmp|old)")


class Leftovers:
    """``remove_stale_beside`` for many files written into the same folders, each folder listed once (when the
    first file is written into it): listing a large folder once per file written into it is quadratic."""

    def __init__(self) -> None:
        self._folders: dict[Path, dict[str, list[Path]]] = {}

    def remove(self, path: Path) -> list[Path]:
        """Remove what killed writes of ``path`` left beside it (``.NAME.XXXXXXXX.tmp`` or ``.old``)."""
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = {}
            with contextlib.suppress(OSError):
                for entry in path.parent.iterdir():
                    match = _STALE.fullmatch(entry.name)
                    if match:
                        folder.setdefault(match.group(1), []).append(entry)
        return _remove(folder.pop(path.name, ()))


def remove_stale_beside(path: Path, *, old: bool = True) -> list[Path]:
    """Remove what a killed write of ``path`` left beside it: ``.NAME.XXXXXXXX.tmp`` files or folders (and, unless
    ``old`` is False, the ``.NAME.XXXXXXXX.old`` folder an export renames the previous output into)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[A-Za-z0-9_]{{8}}\.({'tmp|old' if old else 'tmp'})")
    entries: list[Path] = []
    with contextlib.suppress(OSError):
        entries = [entry for entry in path.parent.iterdir() if pattern.fullmatch(entry.name)]
    return _remove(entries)


def _remove(entries: Iterable[Path]) -> list[Path]:
    """Remove each of ``entries`` (a file or a folder; never a link), and list those removed."""
    removed = []
    for entry in entries:
        if not entry.is_symlink():
            with contextlib.suppress(OSError):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
                removed.append(entry)
    return removed
