"""``qingdan site``: the static site of every edition (docs/site.md); the library builds it (``api.build_site``)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..core.i18n import _, ngettext
from .options import epilog, quiet_option


def _root_and_names(editions: tuple[str, ...]) -> tuple[Path, tuple[str, ...]]:
    """The folder of editions and the editions' names: ./policies (else the shipped editions) and the names given;
    an EDITION that is a folder names its own parent as the folder of editions."""
    default = api.EDITIONS_FOLDER if api.has_editions(api.EDITIONS_FOLDER) else api.shipped_editions()
    folders = {Path(e).parent for e in editions if Path(e, "edition.yaml").is_file()}
    if len(folders) > 1:
        raise click.UsageError(_("the editions of one site must be in one folder of editions"))
    root = folders.pop() if folders else default
    return root, tuple(Path(e).name if Path(e, "edition.yaml").is_file() else e for e in editions)


@click.command(
    "site",
    short_help=_("Build a static web site of the editions."),
    help=_("Build a static web site of every edition under policies/ (or the EDITIONs named) into DIR: an index of "
           "the editions, each edition's table with search and filters, a page per service with its history, a "
           "page per department with its task sheet, a page per revision with the 修订说明 and 修订对照表, the "
           "unit registry, and the exports to download with their sizes and SHA-256.\n"
           "\n"
           "The pages are plain files that work from file://, GitHub Pages or any web server, with no request "
           "outside DIR. The same data gives the same bytes; a rebuild writes only the files that changed."),
    epilog=epilog(["qingdan site -o site", "qingdan site 2017 -o public --base-url https://example.org/qingdan/"],
                  _("0  the site was built\n"
                    "1  an edition whose data fails its schema\n"
                    "2  bad usage, no such edition, or an unreadable or unwritable file (one line on stderr)")))
@click.argument("editions", nargs=-1)
# a folder, never standard output: the parameter is not named "output" (the commands that can write to '-')
@click.option("-o", "--output", "directory", required=True, metavar="DIR",
              help=_("The folder to build the site in."))
@click.option("--base-url", metavar="URL",
              help=_("The address the site is published at: the pages name it as their canonical address, and a "
                     "sitemap.xml lists them. Links between pages stay relative."))
@quiet_option(_("No line on stderr saying how many files were written."))
def command(editions: tuple[str, ...], directory: str, base_url: str | None, quiet: bool = False) -> None:
    if directory == "-":
        raise click.UsageError(_("a site is a folder of files; give -o DIR"))
    root, names = _root_and_names(editions)
    built = api.build_site(root, Path(directory), names, base_url)
    if not quiet:
        click.echo("qingdan: " + ngettext("{written} of {count} file written to {out}",
                                          "{written} of {count} files written to {out}", len(built.files)).format(
            written=len(built.written), count=len(built.files), out=directory), err=True)
