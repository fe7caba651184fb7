"""Whole-edition writes: every file of a run replaced, or none; and a run killed half way completed by the next.

fmt over an edition, import, rename-unit and renumber write many files. A run that fails half way (a read-only
services/ folder, a full disk) must not leave edition.yaml rewritten and the services not, and neither may a run
killed with SIGKILL. So a write goes in three steps, under the edition's writer lock (``locking``):

1. every new text is staged as a temporary file beside its target (``atomic.stage_text``: ``.NAME.XXXXXXXX.tmp``);
   a failure here removes the temporary files and changes nothing;
2. a journal, ``.qingdan-journal`` in the edition folder, records which temporary file replaces which file and which
   files go; it is written to a temporary name, synced and renamed in, so it exists whole or not at all;
3. the temporary files are renamed over their targets, the files to go removed, and the journal removed last.

A run killed before step 2 leaves the edition as it was, plus temporary files; one killed during step 3 leaves the
journal. The next command that writes the edition (``prepare``) first completes the journal's renames (roll
forward: a temporary file that is gone was already renamed in), then removes the temporary files no journal names.
An error (not a kill) during step 3 puts back what was already replaced. Readers in between see each file old or
new, never half a file; a half-renamed edition loads, and validate's QD702 names the rows still to rename.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core.errors import InputError, OutputError
from ..core.i18n import _, os_error
from .atomic import output_errors, output_target, remove_stale_beside, stage_text, write_atomic
from .locking import edition_lock

JOURNAL = ".qingdan-journal"
_STALE = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")  # what tempfile.mkstemp(prefix=".NAME.", suffix=".tmp") makes


def _home(path: Path, folders: list[Path]) -> Path:
    """The folder of ``folders`` (resolved) that holds ``path``: its journal records the write of ``path``."""
    resolved = path.resolve()
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        if resolved.is_relative_to(folder):
            return folder
    return resolved.parent


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (a no-op where folders cannot be opened, such as Windows)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _relative(path: Path, folder: Path) -> str:
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)


def _write_journal(folder: Path, moves: list[tuple[Path, Path]], remove: list[Path]) -> Path:
    journal = folder / JOURNAL
    record = {"version": 1,
              "moves": [[_relative(temporary, folder), _relative(target, folder)] for temporary, target in moves],
              "remove": [_relative(path, folder) for path in remove]}
    temporary = stage_text(journal, json.dumps(record, ensure_ascii=False, indent=1) + "\n", journal)
    os.replace(temporary, journal)
    _sync_folder(folder)
    return journal


def write_all(files: dict[Path, str], remove: Iterable[Path] = (), *, folders: Iterable[Path] = ()) -> None:
    """Write every file of ``files`` and remove every file of ``remove``, or, on an error, change nothing.

    ``folders`` are the edition folders written to, each locked by the caller (``prepare``); each gets the journal of
    the files inside it, so that a killed run is completed by the next. Files outside them are journalled in their
    own folder.
    """
    homes = [folder.resolve() for folder in folders]
    staged: list[tuple[Path, Path, Path]] = []  # target, temporary, name to show
    targets: list[Path] = []
    try:
        for shown, text in files.items():
            target = output_target(shown)
            targets.append(target)
            staged.append((target, stage_text(target, text, shown), shown))
    except BaseException:
        # by pattern, not by name: an interrupt (Ctrl-C) may come between a temporary's making and its listing
        for target in targets:
            remove_stale_beside(target)
        raise
    removals = list(remove)
    journals: list[Path] = []
    done: list[tuple[Path, bytes | None]] = []
    removed: list[tuple[Path, bytes]] = []
    shown = Path()
    try:
        plan: dict[Path, tuple[list[tuple[Path, Path]], list[Path]]] = {}
        for target, temporary, _name in staged:
            plan.setdefault(_home(target, homes), ([], []))[0].append((temporary.resolve(), target.resolve()))
        for path in removals:
            plan.setdefault(_home(path, homes), ([], []))[1].append(path.resolve())
        for folder, (moves, gone) in plan.items():
            shown = folder
            journals.append(_write_journal(folder, moves, gone))
        for target, temporary, name in staged:
            shown = name  # named in the error if this rename fails
            old = target.read_bytes() if target.exists() else None
            os.replace(temporary, target)
            done.append((target, old))
        for path in removals:
            shown = path
            removed.append((path, path.read_bytes()))
            path.unlink()
        for journal in journals:
            _sync_folder(journal.parent)
            journal.unlink()
    except BaseException as error:
        for journal in journals:  # first: a kill while putting things back must not roll the write forward
            journal.unlink(missing_ok=True)
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


def complete_interrupted(folder: Path) -> list[Path]:
    """Finish the write a killed run left journalled in ``folder`` (roll forward); the files it completed.

    The caller holds the folder's writer lock. A temporary file the journal names that is gone was already renamed
    in; a file to remove that is gone was already removed. The journal goes last, so a kill here is completed by
    the next run in turn.
    """
    journal = folder / JOURNAL
    if journal.is_symlink():
        raise InputError(_("is not a journal of an interrupted qingdan write (it names other files); remove it "
                           "if no qingdan command was interrupted here"), path=journal)
    if not journal.is_file():
        return []
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OutputError(_("cannot read the journal of an interrupted write: {problem}")
                          .format(problem=getattr(error, "strerror", None) or error), path=journal) from None
    moves, remove = _checked(record, folder, journal)
    completed = []
    with output_errors(journal):  # the journal stays, for the next run to try again
        for source, target in moves:
            if source.exists():
                os.replace(source, target)
                completed.append(target)
        for path in remove:
            if path.exists():
                path.unlink()
                completed.append(path)
        _sync_folder(folder)
        journal.unlink()
    return completed


def _checked(record: object, folder: Path, journal: Path) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """The renames and removals of a journal, each checked to be one qingdan makes: a staged ``.NAME.XXXXXXXX.tmp``
    renamed over NAME beside it, a YAML file removed, all inside the edition. A journal that asks for anything else
    (one committed by someone else, to move files around) is refused, and nothing is done."""
    root = folder.resolve()

    def inside(name: object) -> Path:
        if not isinstance(name, str) or not name:
            raise ValueError
        path = (folder / name).parent.resolve() / Path(name).name
        if not path.is_relative_to(root) or path.is_symlink():
            raise ValueError
        return path

    try:
        if not isinstance(record, dict) or record.get("version") != 1:
            raise ValueError
        moves = []
        for temporary, target in record.get("moves", []):
            source, destination = inside(temporary), inside(target)
            if source.parent != destination.parent or not _STALE.fullmatch(source.name) \
                    or not source.name.startswith(f".{destination.name}."):
                raise ValueError
            moves.append((source, destination))
        remove = [inside(name) for name in record.get("remove", [])]
        if any(path.suffix not in (".yaml", ".yml") for path in remove):
            raise ValueError
    except (ValueError, TypeError):
        raise InputError(_("is not a journal of an interrupted qingdan write (it names other files); remove it "
                           "if no qingdan command was interrupted here"), path=journal) from None
    return moves, remove


def remove_stale(folders: Iterable[Path]) -> list[Path]:
    """Remove the temporary files an interrupted write left in ``folders`` (killed runs); return what was removed.

    Call ``complete_interrupted`` first: the temporary files a journal names are the new content, not debris.
    """
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


@contextmanager
def prepare(folders: Iterable[Path]) -> Iterator[list[Path]]:
    """Lock the edition ``folders`` for writing, complete what a killed run journalled and remove its temporary
    files; yield the files completed. Read, change and ``write_all`` inside the block."""
    editions = list(dict.fromkeys(folders))
    with edition_lock(editions):
        completed = [path for folder in editions for path in complete_interrupted(folder)]
        remove_stale([folder / sub for folder in editions for sub in ("", "services")])
        yield completed
