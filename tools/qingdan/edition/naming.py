"""How an edition is named, the one resolver every command and library call uses.

An edition is named by:

- a path: the folder itself (or, for validate and fmt, a file in one) whenever anything is there;
- a bare name such as ``2019``: the folder of that name under ./policies (the repository being worked in) when
  anything is there, else the edition of that name shipped with qingdan;
- ``REV:PATH``: the edition at PATH (from the repository root, or ./PATH from the working folder) as the git
  revision REV recorded it, read through git without touching the working tree;
- nothing: the newest edition under ./policies (the one no other edition names as ``previous``), else the newest
  shipped with qingdan (``default_edition``).

The local paths are tested with ``os.path.lexists``, which does not follow links: a dangling link or a file where an
edition folder was expected is the user's edition, wrong, and never a reason to fall back to the shipped data. A
link is followed only to somewhere inside the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core import resources
from ..core.errors import InputError
from ..core.i18n import _
from ..core.records import frozen
from ..core.vocabulary import EDITIONS_FOLDER
from .load import (
    EDITION_FILE,
    DirectorySource,
    FileSource,
    find_editions,
    no_such_edition,
    parent_edition_of,
    previous_of,
    refuse_cycle,
)


@frozen
class EditionName:
    """Where an edition a user named is: ``shown`` as output names it (the name as given, or the folder a bare name
    stands for), ``folder`` where its files are (on disk, or from the repository root at ``revision``)."""

    shown: str
    folder: Path
    revision: str | None = None

    @property
    def path(self) -> Path:
        """The edition's path as its Edition records it: as shown (``HEAD:policies/2017`` for a revision, as its
        files are named)."""
        return Path(self.shown)

    def source(self, cwd: Path | None = None) -> FileSource:
        """Its files: a folder, or a git revision (resolved now: an unknown revision is a GitError, exit 2)."""
        if self.revision is None:
            return DirectorySource(self.folder, self.shown)
        from .gitsource import GitSource  # only a revision pays for the git machinery

        return GitSource(self.revision, self.folder.as_posix(), cwd)


def _repository_root(cwd: Path | None = None) -> Path:
    """The repository qingdan runs in: the nearest folder up from the working directory holding .git, else the
    working directory itself."""
    here = (cwd or Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if os.path.lexists(folder / ".git")), here)


def _checked_local(path: Path, shown: str, cwd: Path | None) -> Path:
    """``path``, which exists in some form (a folder, a file, a link, even a dangling one), once every link on the
    way to it is known to lead to something inside the repository: each folder of a relative path (``policies`` as
    a link out of the repository counts too), the last part of an absolute one (the user typed the rest)."""
    base = cwd or Path()
    steps = [path] if path.is_absolute() else [Path(*path.parts[:count]) for count in range(1, len(path.parts) + 1)]
    for step in steps:
        if not (base / step).is_symlink():
            continue
        named = shown if step == path else str(step)
        try:
            target = (base / step).resolve(strict=True)
        except (OSError, RuntimeError):
            raise InputError(_("is a symbolic link to nothing (or a loop of links)"), path=named) from None
        root = _repository_root(cwd)
        if not target.is_relative_to(root):
            raise InputError(_("is a symbolic link out of the repository ({root}); refusing to follow it")
                             .format(root=root), path=named)
    return path


def is_bare_name(text: str) -> bool:
    """Whether ``text`` can only be a name (no separator, no revision, not . or ..)."""
    return bool(text) and not any(mark in text for mark in "/\\:") and text not in (".", "..")


def locate(value: str | Path, *, shipped: bool = True, cwd: Path | None = None) -> Path | None:
    """The path on disk an edition argument names (relative ones as given, to ``cwd``): the path itself when
    anything is there, else ./policies/NAME when anything is there, else (``shipped``) the shipped edition NAME;
    None when nothing is (a ``REV:PATH`` included)."""
    text = str(value)
    path = Path(value)
    base = cwd or Path()
    if os.path.lexists(base / path):
        return _checked_local(path, text, cwd)
    if not is_bare_name(text):
        return None
    local = EDITIONS_FOLDER / text
    if os.path.lexists(base / local):
        return _checked_local(local, str(local), cwd)
    installed = resources.policies_dir() / text
    if shipped and installed.is_dir():
        return installed
    return None


def name_edition(value: str | Path, *, shipped: bool = True, cwd: Path | None = None) -> EditionName:
    """The edition ``value`` names (see the module docstring); InputError (exit 2) when it names none, or names
    something that is not a folder."""
    text = str(value)
    found = locate(value, shipped=shipped, cwd=cwd)
    if found is None:
        revision, colon, path = text.partition(":")
        if not colon or isinstance(value, Path):
            raise no_such_edition(text)
        here = cwd or Path.cwd()
        if path.startswith(("./", "../")) or path in (".", ".."):
            from .gitsource import repository_path

            path = repository_path(Path(path), here, shown=text)
        return EditionName(text, Path(path), revision)
    shown = text if found == Path(value) else str(found)
    folder = (cwd or Path()) / found
    if not folder.is_dir():  # a file, or a link to one: never fall back to the shipped edition
        raise no_such_edition(shown if cwd is None else folder)
    return EditionName(shown, folder)


def edition_folder(value: str | Path, *, shipped: bool = True, cwd: Path | None = None) -> Path:
    """The edition folder on disk ``value`` names, for what reads or writes files in place (validate, export, the
    commands that edit): a ``REV:PATH`` is refused in one line."""
    named = name_edition(value, shipped=shipped, cwd=cwd)
    if named.revision is not None:
        raise InputError(_("a git revision cannot be used here: name an edition folder (check the revision out "
                           "first, or copy the edition with qingdan new-edition)"), path=named.shown)
    return named.path if cwd is None else named.folder


def local_path(value: str | Path) -> Path:
    """What an argument that may also be a file or a folder of editions (validate, fmt) names on disk: the edition
    it names, else the path as given (for the command to report as missing); a ``REV:PATH`` is refused in one line
    (see edition_folder)."""
    found = locate(value)
    if found is None and isinstance(value, str) and ":" in value:
        edition_folder(value)
    return Path(value) if found is None else found


@frozen
class DefaultEdition:
    """The edition a command means when it is given none, and how many editions it was chosen from."""

    path: Path
    among: int


def newest_edition(root: Path) -> Path:
    """The edition under ``root`` that no other edition names as ``previous``: the one being revised now.

    A list above another (an edition some edition names as its ``parent: edition:``, with every edition of its
    chain of predecessors and successors) is never the one meant: beside Wanzhou's list, the national list it is
    checked against (policies/national-2017) is a parent, and the newest edition is still Wanzhou's.
    A cycle of ``previous`` names (an edition naming itself included) is refused in one line that names it.
    """
    return _newest(root, find_editions(root))[0]


def _newest(root: Path, editions: list[Path]) -> tuple[Path, int]:
    """The newest of ``editions`` (the edition folders under ``root``) and how many it was chosen among: the lists
    above others left out. Each edition.yaml's ``previous`` is read once."""
    if not editions:
        raise InputError(_("no edition found (no */{file}): name the edition folder").format(file=EDITION_FILE),
                         path=root)
    for folder in editions:  # a cycle of predecessors is named as such (QD701's words), never passed for a head
        refuse_cycle(folder)
    previous = {folder.name: previous_of(folder) for folder in editions}
    candidates = _below_parents(editions, previous)
    named = {previous[folder.name] for folder in candidates}
    heads = [folder for folder in candidates if folder.name not in named]
    if len(heads) != 1:
        names = ", ".join(str(f) for f in heads or editions)
        raise InputError(_("more than one edition could be meant ({names}): name the edition folder")
                         .format(names=names), path=root)
    return heads[0], len(candidates) or len(editions)


def _below_parents(editions: list[Path], previous: dict[str, str | None]) -> list[Path]:
    """``editions`` without the lists above others: an edition some edition names as ``parent: edition:``, and
    every edition revising it (back through ``previous``, each folder's name to the name it revises; a cycle is
    refused before this is asked)."""
    parents = {name for name in map(parent_edition_of, editions) if name is not None}

    def above(name: str | None) -> bool:
        while name is not None:
            if name in parents:
                return True
            name = previous.get(name)
        return False

    return [folder for folder in editions if not above(folder.name)]


def default_edition(*, writes: bool = False) -> DefaultEdition:
    """The edition a command means when none is named: the newest under ./policies (see newest_edition), or, where
    the current folder has no editions and the command does not ``writes``, the newest shipped with qingdan."""
    for folder in (EDITIONS_FOLDER,) if writes else (EDITIONS_FOLDER, resources.policies_dir()):
        editions = find_editions(folder) if folder.is_dir() else []
        if editions:
            return DefaultEdition(*_newest(folder, editions))
    raise InputError(_("no edition found (no */{file}): name the edition folder").format(file=EDITION_FILE),
                     path=EDITIONS_FOLDER)


__all__ = ["DefaultEdition", "EditionName", "default_edition", "edition_folder", "is_bare_name", "local_path",
           "locate", "name_edition", "newest_edition"]
