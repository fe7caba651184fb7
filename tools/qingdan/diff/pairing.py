"""Which editions a diff compares, and the two sides as the user names them: an edition folder, or ``REV:PATH``
read through git; each edition with its predecessor, or the working tree with a git revision.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath

from ..core.errors import InputError
from ..core.i18n import _
from ..core.model import Edition
from ..core.records import frozen
from ..core.vocabulary import EDITIONS_FOLDER
from ..edition.load import EDITION_FILE, EditionFiles, FileSource, find_editions, previous_of, refuse_cycle
from ..edition.naming import locate
from ..edition.pipeline import open_edition, open_source
from ..io.loading import ids_only


@frozen
class Side:
    """A loaded, schema-valid edition with its parsed files (for field-level locations) and its display name."""

    name: str
    edition: Edition
    files: EditionFiles


def load_side(spec: str, cwd: Path | None = None, *, old: bool = False) -> Side:
    """Read, check and build one side through the load pipeline; ``old``: the old side, which, when read from a git
    revision, is read as that revision recorded it."""
    opened = open_edition(spec, recorded=old, cwd=cwd, lean=True)
    return Side(opened.shown, opened.loaded, _ids_only(opened.files))


def load_source(source: FileSource, path: Path, name: str, *, old: bool = False) -> Side:
    """One side from its files; ``old``: the old side, read as its revision recorded it."""
    opened = open_source(source, path, name, recorded=old, lean=True)
    return Side(name, opened.loaded, _ids_only(opened.files))


def _ids_only(files: EditionFiles) -> EditionFiles:
    """``files`` with each service document's data cut to its id, once the typed edition is built from them.

    The diff reads a side's documents only to place a change (``locate.Locator``: the document of a service id,
    and its positions); the data itself is the typed edition's from now on. Released as each side is built, the
    data of both sides is never held at once: most of a large diff's memory.
    """
    services = tuple(ids_only(document)
                     if isinstance(document.data, dict) and isinstance(document.data.get("id"), str)
                     and len(document.data) > 1 else document  # (a lean read has cut them already)
                     for document in files.services)
    return replace(files, services=services)


# The special base revision for hooks (see auto_base); a branch named "auto" is still reachable as heads/auto.
AUTO = "auto"


@frozen
class Pairing:
    """The (old, new) sides to compare, and one-line notes about editions that had nothing to compare with."""

    pairs: tuple[tuple[Side, Side], ...]
    notes: tuple[str, ...] = ()


def _chosen(paths: tuple[str, ...], here: Path) -> list[Path]:
    """The edition folders the user means: each PATH (an edition or a folder of editions), else ./policies/*."""
    folders = [here / (locate(p, cwd=here) or p) for p in paths]
    chosen = [e for folder in folders for e in (find_editions(folder) or [folder])]
    chosen = chosen or find_editions(here / EDITIONS_FOLDER)
    if not chosen:
        raise InputError(_("no edition folders found (give a PATH)"),
                         path=paths[0] if paths else str(EDITIONS_FOLDER))
    for path in chosen:
        if not (path / EDITION_FILE).is_file():
            raise InputError(_("no such edition folder"), path=_shown(path, here))
    return chosen


def _shown(path: Path, here: Path) -> str:
    return str(path.relative_to(here)) if path.is_relative_to(here) else str(path)


def choose_pairs(sides: tuple[str, ...], base: str | None, cwd: Path | None = None) -> Pairing:
    """What ``qingdan diff`` compares: OLD NEW; --base REV [PATH ...] (REV may be auto); or, with neither, each
    edition under policies/ with its predecessor."""
    if base == AUTO:
        base = auto_base(sides, cwd)
        if base is None:
            return predecessor_pairs(sides, cwd)
    if base is not None:
        return base_pairs(base, sides, cwd)
    if len(sides) == 2:
        return Pairing(((load_side(sides[0], cwd, old=True), load_side(sides[1], cwd)),))
    return predecessor_pairs(sides, cwd)


def predecessor_pairs(paths: tuple[str, ...] = (), cwd: Path | None = None) -> Pairing:
    """Every chosen edition that names a ``previous`` paired with that edition (the folder of that name beside it)."""
    here = cwd or Path.cwd()
    pairs: list[tuple[Side, Side]] = []
    firsts: list[str] = []
    for path in _chosen(paths, here):
        previous = previous_of(path, _shown(path, here))
        if previous is None:
            firsts.append(_shown(path, here))
            continue
        refuse_cycle(path, _shown(path, here))
        folder = path.parent / previous
        if not (folder / EDITION_FILE).is_file():
            raise InputError(_("previous: {previous!r} names no edition folder beside this one ({folder})").format(
                previous=previous, folder=_shown(folder, here)), path=f"{_shown(path, here)}/{EDITION_FILE}")
        pairs.append((load_side(_shown(folder, here), here), load_side(_shown(path, here), here)))
    # a first edition (previous: null) is never skipped without a word
    notes = tuple(_("{edition}: a first edition (previous: null); nothing to compare it with").format(edition=first)
                  for first in firsts)
    if not pairs:
        return Pairing((), (*notes, _("no edition names the edition it revises (previous: in edition.yaml); "
                                      "nothing to compare")))
    return Pairing(tuple(pairs), notes)


def base_pairs(revision: str, paths: tuple[str, ...] = (), cwd: Path | None = None) -> Pairing:
    """Each chosen working-tree edition paired with the same edition at ``revision``, or with its predecessor there.

    The revision is resolved first, so an unknown or unfetched one is an error, never an edition "new since REV".
    An edition new since REV must name a ``previous`` that exists at REV, unless REV holds no edition in that
    folder at all (the first edition of a repository): that is a note, and nothing is compared.
    """
    from ..edition.gitsource import GitSource, edition_folders_at, repository_path, repository_root, resolve_commit

    here = cwd or Path.cwd()
    commit = resolve_commit(revision, here)
    chosen = _chosen(paths, here)
    root = repository_root(here).resolve()
    at_base: dict[str, list[str]] = {}
    pairs: list[tuple[Side, Side]] = []
    notes: list[str] = []
    compared: set[str] = set()
    for path in chosen:
        shown = _shown(path, here)
        rel = repository_path(path, here, shown=shown)
        parent = PurePosixPath(rel).parent.as_posix()
        if parent not in at_base:
            at_base[parent] = edition_folders_at(commit, parent, here)
        old = _old_side(rel, path, shown, revision, at_base[parent], here)
        if old is None:
            notes.append(_("{edition}: no edition at {revision} to compare with (a first edition); nothing to "
                           "compare").format(edition=shown, revision=revision))
            continue
        compared.add(old)
        source = GitSource(revision, old, here)
        pairs.append((load_source(source, Path(old), f"{revision}:{old}", old=True), load_side(shown, here)))
    for gone in sorted(e for found in at_base.values() for e in found
                       if e not in compared and not (root / e / EDITION_FILE).is_file()):
        notes.append(_("{edition}: exists at {revision} but not in the working tree (removed); not compared").format(
            edition=gone, revision=revision))
    return Pairing(tuple(pairs), tuple(notes))


def _old_side(rel: str, path: Path, shown: str, revision: str, editions: list[str], here: Path) -> str | None:
    """The path at ``revision`` to compare the edition at ``rel`` with; None when there is no edition at all."""
    if rel in editions:
        return rel
    previous = previous_of(path, _shown(path, here))
    where = f"{shown}/{EDITION_FILE}"
    if previous is not None:
        old = (PurePosixPath(rel).parent / previous).as_posix()
        if old not in editions:
            raise InputError(_("new since {revision}, and its previous edition {previous!r} does not exist at "
                               "{revision} ({old}): fix previous:, or compare with a later revision").format(
                revision=revision, previous=previous, old=old), path=where)
        return old
    if editions:
        names = ", ".join(PurePosixPath(e).name for e in editions)
        raise InputError(_("new since {revision}, with no predecessor to compare with: set previous: in edition.yaml "
                           "to the edition it revises ({names} at {revision})").format(
            revision=revision, names=names), path=where)
    return None


def auto_base(paths: tuple[str, ...] = (), cwd: Path | None = None,
              environ: Mapping[str, str] | None = None) -> str | None:
    """The base revision ``--base auto`` means, or None for "each edition with its predecessor".

    pre-commit's --from-ref (and a pre-push hook) sets PRE_COMMIT_FROM_REF: that revision. Otherwise HEAD when the
    index or the working tree differs from HEAD under the chosen paths (a commit being made), and None on a clean
    tree (``pre-commit run --all-files``, or CI after a commit) or in a repository without commits.
    """
    from ..edition.gitsource import differs_from_head, has_commits

    here = cwd or Path.cwd()
    env = os.environ if environ is None else environ
    from_ref = env.get("PRE_COMMIT_FROM_REF")
    if from_ref:
        return from_ref
    if has_commits(here) and differs_from_head(list(paths) or [str(EDITIONS_FOLDER)], here):
        return "HEAD"
    return None
