"""``qingdan rename-unit``: rename (or merge) a unit across an edition's registry and rows, recording the lineage."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..i18n import _, ngettext
from .options import EditionType, default_edition, epilog, quiet_option


@click.command(
    "rename-unit",
    short_help=_("Rename or merge a unit in the registry and every row."),
    help=_("Rename unit OLD to NEW in units.yaml and in every row of every service of EDITION, in one step.\n"
           "\n"
           "The registry entry of OLD takes the name NEW and records `replaces: [OLD]`, so qingdan diff shows the "
           "rename as one line and validate catches any place still naming OLD. If NEW is already a unit, OLD is "
           "merged into it: OLD's entry goes, NEW's `replaces` gains OLD, and a row naming both keeps NEW once. "
           "Every file is written, or none.\n"
           "\n"
           "EDITION is an edition folder (or the name of one under policies/); by default the newest edition under "
           "policies/ (the one no other edition names as previous). Run it on a revision made with new-edition."),
    epilog=epilog(["qingdan rename-unit 区卫生计生委 区卫生健康委 2019 --since 2019-03-01 --basis 万州区机构改革方案",
                   "qingdan rename-unit 区卫生计生委 区卫生健康委 --dry-run"],
                  _("0  renamed\n"
                    "2  OLD is not in units.yaml, or a file cannot be read or written (nothing written)")))
@click.argument("old")
@click.argument("new")
@click.argument("edition", required=False, type=EditionType(path=True, writes=True))
@click.option("--since", metavar="DATE",
              help=_("When the rename took effect (YYYY-MM-DD), recorded in units.yaml."))
@click.option("--basis", metavar="TEXT", help=_("The instrument of the rename (such as the reform notice)."))
@click.option("--dry-run", is_flag=True, help=_("Say what would change; write nothing."))
@quiet_option(_("Print nothing but errors: no list of files and no summary line."))
def command(old: str, new: str, edition: Path | None, since: str | None, basis: str | None, dry_run: bool,
            quiet: bool) -> None:
    folder = api.edition_folder(edition) if edition else default_edition(writes=True, quiet=quiet)
    if since is not None:
        _check_date(since)
    done = api.rename_unit(folder, old, new, since=since, basis=basis, dry_run=dry_run)
    if quiet:
        return
    for path in done.files:
        click.echo("  " + (_("would write {path}") if dry_run else _("wrote {path}")).format(path=path))
    if dry_run:
        summary = (_("would have merged {old} → {new} in {folder}: {services}, {files}")
                   if done.merged else
                   _("would have renamed {old} → {new} in {folder}: {services}, {files}"))
    else:
        summary = (_("merged {old} → {new} in {folder}: {services}, {files}") if done.merged
                   else _("renamed {old} → {new} in {folder}: {services}, {files}"))
    services = ngettext("{count} service", "{count} services", len(done.services)).format(count=len(done.services))
    files = ngettext("{count} file", "{count} files", len(done.files)).format(count=len(done.files))
    click.echo(summary.format(old=old, new=new, folder=folder, services=services, files=files))


def _check_date(text: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(_("{text} is not a date (YYYY-MM-DD)").format(text=repr(text)),
                                 param_hint="--since") from None
