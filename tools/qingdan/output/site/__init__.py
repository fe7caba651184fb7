"""A static site of the list: every edition, service, department and revision as plain HTML files that work from
file://, a GitHub Pages branch or any web server, with no request outside the site (docs/site.md).

``build`` gathers the data (gather.py), renders every file (render.py, Jinja2 templates in templates/, the style
and script in static/) and writes only the files whose bytes changed, so a rebuild of the same data touches
nothing. The files a build wrote are listed in ``.qingdan-site``; a later build removes those it no longer makes
(and nothing else in the folder).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ...core.records import frozen
from ...io.atomic import Leftovers, build_file, output_errors, require_folder
from .gather import SiteData, gather
from .render import files as site_files

MANIFEST = ".qingdan-site"


@frozen
class Built:
    """What a build did: the site's files, and which of them it wrote and removed (paths inside the site)."""

    out: Path
    files: tuple[str, ...]
    written: tuple[str, ...]
    removed: tuple[str, ...]


def _write(path: Path, content: bytes, leftovers: Leftovers | None = None) -> None:
    def fill(temporary: Path) -> None:
        temporary.write_bytes(content)

    build_file(path, fill, leftovers=leftovers)


def write_site(out: Path, files: Mapping[str, bytes] | Iterable[tuple[str, bytes]]) -> Built:
    """Write ``files`` (by path inside the site, or as pairs of path and bytes, written as they come) under ``out``:
    a file whose bytes are already there is left alone; files an earlier build wrote (its manifest) and this one
    does not make are removed."""
    require_folder(out, out)  # DIR is made, its folder is not: a mistyped -o is said, as for every output
    written = []
    made = set()
    leftovers = Leftovers()  # each folder listed once for what killed writes left, not once per file
    folders: set[Path] = set()
    for relative, content in (files.items() if isinstance(files, Mapping) else files):
        made.add(relative)
        path = out / relative
        if path.is_file() and path.read_bytes() == content:
            continue
        if path.parent not in folders:
            with output_errors(path):
                path.parent.mkdir(parents=True, exist_ok=True)  # the site's own folders (EDITION/services, …)
            folders.add(path.parent)
        _write(path, content, leftovers)
        written.append(relative)
    manifest = out / MANIFEST
    removed = []
    with output_errors(manifest):
        earlier = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
    for relative in earlier:
        path = out / relative
        if relative not in made and ".." not in Path(relative).parts and path.is_file():
            path.unlink()
            removed.append(relative)
    names = sorted(made)
    listing = ("\n".join(names) + "\n").encode("utf-8")
    if not (manifest.is_file() and manifest.read_bytes() == listing):
        _write(manifest, listing)
    return Built(out, tuple(names), tuple(sorted(written)), tuple(removed))


def build(root: Path, out: Path, names: Sequence[str] = (), base_url: str | None = None) -> Built:
    """Build the site of the editions ``names`` under ``root`` (all of them by default) into ``out``."""
    return write_site(out, site_files(gather(root, names), base_url))


__all__ = ["MANIFEST", "Built", "SiteData", "build", "gather", "write_site"]
