"""Whole-edition writes: every file of a run replaced, or, on an error, none.

fmt over an edition, import, rename-unit and renumber write many files. Each file is replaced atomically, but a run
that fails half way (a read-only services/ folder, a full disk) must not leave edition.yaml rewritten and the
services not: every new text is first staged as a temporary file beside its target (``atomic.stage_text``), and
only when all are staged are they renamed in; a rename that still fails rolls the earlier ones back. A run killed
in between leaves each file old or new, plus temporary files that the next run removes (``remove_stale``).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from .atomic import output_target, stage_text, write_atomic
from .errors import OutputError
from .i18n import _, os_error

_STALE = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")  # what tempfile.mkstemp(prefix=".NAME.", suffix=".tmp") makes


def write_all(files: dict[Path, str], remove: Iterable[Path] = ()) -> None:
    """Write every file of ``files`` and remove every file of ``remove``, or, on an error, change nothing."""
    staged: list[tuple[Path, Path, Path]] = []  # target, temporary, name to show
    try:
        for shown, text in files.items():
            target = output_target(shown)
            staged.append((target, stage_text(target, text, shown), shown))
    except BaseException:
        for _target, temporary, _shown in staged:
            temporary.unlink(missing_ok=True)
        raise
    done: list[tuple[Path, bytes | None]] = []
    removed: list[tuple[Path, bytes]] = []
    shown = Path()
    try:
        for target, temporary, name in staged:
            shown = name  # named in the error if this rename fails
            old = target.read_bytes() if target.exists() else None
            os.replace(temporary, target)
            done.append((target, old))
        for path in remove:
            shown = path
            removed.append((path, path.read_bytes()))
            path.unlink()
    except BaseException as error:
        for target, old in reversed(done):  # put back what was already replaced
            with contextlib.suppress(OSError):
                if old is None:
                    target.unlink()
                else:
                    write_atomic(target, old.decode("utf-8"))
        for path, content in removed:
            with contextlib.suppress(OSError):
                write_atomic(path, content.decode("utf-8"))
        for _target, temporary, _shown in staged:
            temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(_("cannot write: {problem}; nothing was changed").format(problem=os_error(error)),
                              path=shown) from None
        raise


def remove_stale(folders: Iterable[Path]) -> list[Path]:
    """Remove the temporary files an interrupted write left in ``folders`` (killed runs); return what was removed."""
    removed = []
    for folder in dict.fromkeys(folders):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            if _STALE.fullmatch(entry.name) and entry.is_file() and not entry.is_symlink():
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed
