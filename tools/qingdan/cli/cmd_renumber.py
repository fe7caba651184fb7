"""``qingdan renumber``: number an edition's services 1..N in document order after an insertion or removal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import api
from ..api import EXIT_FAILURE
from ..core.i18n import _
from .options import EditionType, at_option, default_edition, echo_completed, epilog, quiet_option


@click.command(
    "renumber",
    short_help=_("Number the services 1..N after an insertion or removal."),
    help=_("Number the services of EDITION 1..N: by category (as edition.yaml orders them), then by current number.\n"
           "\n"
           "Give an inserted service the number of the service it goes before; renumber then moves that service and "
           "every later one down by one (where two share a number, the one new since the predecessor comes first). "
           "After a removal it closes the gap. Waivers, acceptances and source-text findings refer to services by "
           "id, so nothing else needs to change. Every file is written, or none.\n"
           "\n"
           "EDITION is an edition folder (or the name of one under policies/); by default the newest edition under "
           "policies/."),
    epilog=epilog(["qingdan renumber 2019", "qingdan renumber --check"],
                  _("0  renumbered (or nothing to do)\n"
                    "1  with --check, something would be renumbered\n"
                    "2  a file cannot be read or written, or another command is writing the edition (nothing "
                    "written)")))
@click.argument("edition", required=False, type=EditionType(path=True, writes=True))
@click.option("--check", is_flag=True,
              help=_("Write nothing; list what would be renumbered and exit 1 if anything."))
@click.option("--in-text", "in_text", is_flag=True,
              help=_("Also rewrite item numbers (第N项, item N) in texts, notes and reasons for the moved services "
                     "(each replacement is listed; without it, what was left is listed)."))
@quiet_option(_("No summary line (with --check, the list alone; otherwise nothing but errors)."))
@at_option()
def command(edition: Path | None, check: bool, in_text: bool, quiet: bool) -> None:
    folder = api.edition_folder(edition, shipped=False) if edition else default_edition(writes=True, quiet=quiet)
    if not check:
        echo_completed(api.finish_interrupted([folder]), folder)
    moved, files, texts = api.renumber(folder, dry_run=check, in_text=in_text)
    for move in moved if check or not quiet else ():
        click.echo(f"  {move.id}: {move.old} → {move.new}")
    for place in texts if not quiet else ():
        line = (_("item numbers rewritten in {path}: {place} ({count}×)") if in_text
                else _("item numbers left in {path}: {place} ({count}×; --in-text rewrites them)"))
        click.echo("  " + line.format(path=place.path, place=place.place, count=place.count))
    if check:
        if not quiet:
            click.echo(_("{count} services would be renumbered in {folder}").format(count=len(moved), folder=folder),
                       err=True)
        sys.exit(EXIT_FAILURE if moved else 0)
    if not quiet:
        click.echo(_("{count} services renumbered in {folder} ({files} files written)").format(
            count=len(moved), folder=folder, files=len(files)))
