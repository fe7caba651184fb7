"""One writer per edition at a time: an advisory lock on the edition folder, held from the first read to the last
rename of a command that rewrites the edition.

fmt reads every file, formats it and writes it back; rename-unit reads every file, renames and writes. Two such runs
interleaved would each write back what it read before the other wrote, and one's changes would be lost. So every
command that writes an edition takes this lock first: one that finds it taken waits up to ``WAIT`` seconds for it,
then refuses with one line (exit 2), having read and written nothing.

On POSIX the lock is ``flock`` on the folder itself (nothing is created in it, and the kernel drops the lock when its
holder dies, so a killed run never leaves a stale lock). Where folders cannot be locked (Windows) it is ``msvcrt``'s
lock on a file ``.qingdan.lock`` in the folder, which stays there and is ignored by every command. The lock is
re-entrant within one process, so a library call that locks may call another that locks the same folder.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from ..core.errors import InputError
from ..core.i18n import _

WAIT = 10.0  # seconds a writer waits for another to finish before it refuses
LOCK_FILE = ".qingdan.lock"  # where folders cannot be locked (Windows): the file locked instead
_POLL = 0.05
_HELD: dict[Path, int] = {}  # folders this process holds, with how many nested holders


def _existing(folder: Path) -> Path:
    """The folder to lock for ``folder``: itself, or, for an edition not made yet, its nearest existing parent."""
    folder = folder.resolve()
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def _try_lock(handle: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _open(folder: Path) -> int:
    if sys.platform == "win32":
        return os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


@contextmanager
def _lock_one(folder: Path, wait: float) -> Iterator[None]:
    if _HELD.get(folder):
        _HELD[folder] += 1
        try:
            yield
        finally:
            _HELD[folder] -= 1
        return
    try:
        handle = _open(folder)
    except OSError as error:
        raise InputError(_("cannot lock the edition for writing: {problem}").format(problem=error.strerror or error),
                         path=folder) from None
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise InputError(_("another qingdan command is writing this edition; nothing was changed (run this "
                                   "again when it has finished)"), path=folder)
            time.sleep(_POLL)
        _HELD[folder] = 1
        try:
            yield
        finally:
            del _HELD[folder]
    finally:
        os.close(handle)  # closing the handle releases the lock


@contextmanager
def edition_lock(folders: Iterable[Path], wait: float | None = None) -> Iterator[None]:
    """Hold the writer's lock of every folder of ``folders`` (edition folders) for the duration of the block,
    waiting up to ``wait`` seconds (default ``WAIT``) for another writer to finish.

    The folders are locked in one order (sorted), so two runs locking the same editions cannot deadlock.
    """
    with ExitStack() as stack:
        for folder in sorted({_existing(folder) for folder in folders}):
            stack.enter_context(_lock_one(folder, WAIT if wait is None else wait))
        yield
