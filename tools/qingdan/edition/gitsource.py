"""Read an edition at a git revision (``REV:PATH``) without touching the working tree: a FileSource over git.

A revision is never passed where git could take it as an option: names starting with '-' are refused, and the
revision is resolved once with ``git rev-parse --verify --quiet --end-of-options REV^{commit}``; everything after
uses the commit id. Blobs are read in one ``git cat-file --batch`` process, so reading 89 files costs two
processes, not ninety.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from ..core.errors import GitError
from ..core.i18n import _
from ..io.loading import MAX_FILE_BYTES, decode


def _git(args: list[str], cwd: Path, *, what: str, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError(_("git is not installed (needed to read a revision)"), path=what) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else _("git {command} failed").format(command=args[0]), path=what)
    return done.stdout


def repository_root(cwd: Path) -> Path:
    """The top of the git working tree containing ``cwd``."""
    out = _git(["rev-parse", "--show-toplevel"], cwd, what=str(cwd))
    return Path(out.decode().strip())


def repository_path(path: Path, cwd: Path, *, shown: str) -> str:
    """``path`` (absolute or relative to ``cwd``) as a path from the top of the repository containing ``cwd``.

    A path outside the repository (``HEAD:../../etc``, or ``--base HEAD /tmp/x``) has no version in it: that is
    bad input (exit 2), not a ValueError from Path.relative_to.
    """
    root = repository_root(cwd).resolve()
    full = (cwd / path).resolve()
    if not full.is_relative_to(root):
        raise GitError(_("is outside the git repository ({root}), so it has no revisions").format(root=root),
                       path=shown)
    return full.relative_to(root).as_posix()


def resolve_commit(revision: str, cwd: Path) -> str:
    """The commit id a revision names. Raises GitError for a bad or option-like revision."""
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n"):
        raise GitError(_("not a valid git revision"), path=revision or "''")
    try:
        done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
                              cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError(_("git is not installed (needed to read a revision)"), path=revision) from None
    if done.returncode != 0:
        raise GitError(_unknown_revision_hint(cwd), path=revision)
    return done.stdout.decode().strip()


def _unknown_revision_hint(cwd: Path) -> str:
    """What to do about a revision git cannot resolve: in a shallow clone the base is usually just not fetched."""
    done = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=cwd, capture_output=True, check=False)
    if done.returncode != 0:
        return _("unknown git revision: not inside a git repository (run qingdan in the repository's checkout)")
    if done.stdout.strip() == b"true":
        return _("unknown git revision in a shallow clone: fetch the full history (git fetch --unshallow, "
                 "or fetch-depth: 0 in actions/checkout)")
    return _("unknown git revision: check its name, or fetch it first (git fetch origin REV)")


def edition_folders_at(commit: str, folder: str, cwd: Path) -> list[str]:
    """The edition folders (holding an edition.yaml) directly inside ``folder`` (from the repository root) at
    ``commit``, as paths from the repository root; ``folder`` itself when it is one."""
    base = str(PurePosixPath(folder.strip("/") or "."))
    prefix = "" if base == "." else base + "/"
    listing = _git(["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, "--", prefix or "."], cwd,
                   what=f"{commit}:{base}")
    names = {name.decode("utf-8", "surrogateescape") for name in listing.split(b"\0") if name}
    if f"{prefix}edition.yaml" in names:
        return [base]
    return sorted(name[:-len("/edition.yaml")] for name in names
                  if name.startswith(prefix) and name.count("/") == prefix.count("/") + 1
                  and name.endswith("/edition.yaml"))


def has_commits(cwd: Path) -> bool:
    """Whether HEAD names a commit (false in a repository before its first commit)."""
    done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cwd=cwd, capture_output=True,
                          check=False)
    return done.returncode == 0


def differs_from_head(paths: list[str], cwd: Path) -> bool:
    """Whether the index or the working tree differs from HEAD under ``paths`` (untracked files count)."""
    changed = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", *paths], cwd=cwd, capture_output=True,
                             check=False)
    if changed.returncode not in (0, 1):
        raise GitError(changed.stderr.decode("utf-8", "replace").strip() or _("git diff failed"), path=str(cwd))
    if changed.returncode == 1:
        return True
    return bool(_git(["ls-files", "-z", "--others", "--exclude-standard", "--", *paths], cwd, what=str(cwd)))


class GitSource:
    """The files of ``path`` (relative to the repository root) at ``revision``, read through git."""

    def __init__(self, revision: str, path: str, cwd: Path | None = None) -> None:
        self.cwd = cwd or Path.cwd()
        self.revision = revision
        self.commit = resolve_commit(revision, self.cwd)
        self.path = str(PurePosixPath(path.strip("/") or "."))
        prefix = "" if self.path == "." else self.path + "/"
        listing = _git(["ls-tree", "-r", "-z", "--full-tree", self.commit, "--", prefix or "."], self.cwd,
                       what=f"{revision}:{self.path}")
        self.blobs: dict[str, str] = {}
        self.links: set[str] = set()
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, name = entry.split(b"\t", 1)
            mode, kind, oid = meta.split()
            full = name.decode("utf-8", "surrogateescape")  # a name that is not UTF-8: see service_file_names
            if kind == b"blob" and full.startswith(prefix):
                self.blobs[full[len(prefix):]] = oid.decode()
                if mode == b"120000":  # a symbolic link: its blob is the link's target path, not a file's text
                    self.links.add(full[len(prefix):])
        if not self.blobs:
            raise GitError(_("no such path at revision {revision}").format(revision=revision),
                           path=f"{revision}:{self.path}")
        self._texts: dict[str, str] | None = None

    def display(self, rel: str) -> str:
        return f"{self.revision}:{self.path}/{rel}" if self.path != "." else f"{self.revision}:{rel}"

    def exists(self, rel: str) -> bool:
        return rel in self.blobs

    def list_yaml(self, rel_dir: str) -> list[str]:
        from .load import service_file_names

        prefix = rel_dir.rstrip("/") + "/"
        names = [rel[len(prefix):] for rel in self.blobs if rel.startswith(prefix) and "/" not in rel[len(prefix):]]
        return [prefix + name for name in service_file_names(names, self.display(rel_dir))]

    def key(self, rel: str) -> None:
        """None: a revision's files are read from git, never kept by stat (see DirectorySource.key)."""
        return None

    def read_text(self, rel: str, limit: int | None = None) -> str:
        if rel not in self.blobs:
            raise GitError(_("no such file at this revision"), path=self.display(rel))
        if rel in self.links:  # as in a working tree, an edition file is a file (git never follows the link)
            raise GitError(_("is a symbolic link at this revision; refusing to read it"), path=self.display(rel))
        if self._texts is None:
            self._texts = self._read_yaml_blobs()
        if rel not in self._texts:
            self._texts.update(self._batch([rel], limit))
        return self._texts[rel]

    def _read_yaml_blobs(self) -> dict[str, str]:
        return self._batch([rel for rel in self.blobs if rel.endswith((".yaml", ".yml")) and rel not in self.links])

    def _batch(self, rels: list[str], limit: int | None = None) -> dict[str, str]:
        """Read several blobs with one ``git cat-file --batch``: each answer is a header line, the bytes, a newline."""
        data = "".join(self.blobs[rel] + "\n" for rel in rels).encode()
        out = _git(["cat-file", "--batch"], self.cwd, what=f"{self.revision}:{self.path}", data=data)
        texts: dict[str, str] = {}
        at = 0
        for rel in rels:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            size = int(header[2])
            cap = limit if limit is not None else MAX_FILE_BYTES
            if size > cap:
                raise GitError(_("file is larger than {size} MiB").format(size=f"{cap / (1024 * 1024):g}"),
                               path=self.display(rel))
            body = out[end + 1:end + 1 + size]
            texts[rel] = decode(body, self.display(rel))
            at = end + 1 + size + 1
        return texts
