"""``qingdan cache``: the warm cache of ``qingdan validate`` (``qingdan cache clean`` removes it)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..core.i18n import _
from .options import epilog


@click.group(
    "cache",
    short_help=_("Manage the cache of qingdan validate."),
    help=_("qingdan validate keeps what it found in each file in .qingdan-cache at the repository's root (or in "
           "--cache-dir / QINGDAN_CACHE_DIR), so that a second run checks only the files that changed. The folder "
           "holds its own .gitignore and is never committed."),
    epilog=epilog(["qingdan cache clean"], _("0  removed, or there was none\n"
                                              "2  the folder is not a qingdan cache, or cannot be removed")),
)
def command() -> None:
    pass


@command.command(
    "clean",
    help=_("Remove the cache folder (the next validate is a cold run)."),
    epilog=epilog(["qingdan cache clean"], _("0  removed, or there was none\n"
                                              "2  the folder is not a qingdan cache, or cannot be removed")))
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar="QINGDAN_CACHE_DIR",
              metavar="DIR", help=_("The cache folder to remove (also QINGDAN_CACHE_DIR)."))
def clean(cache_dir: Path | None) -> None:
    removed = api.clean_cache(cache_dir)
    if removed is None:
        click.echo(_("no cache to remove"))
    else:
        click.echo(_("removed {folder}").format(folder=removed))
