"""``qingdan rename-unit``: rename (or merge) a unit across an edition's registry and rows, recording the lineage."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..core.i18n import _, ngettext
from .options import EditionType, at_option, default_edition, echo_completed, epilog, quiet_option


@click.command(
    "rename-unit",
    short_help=_("Rename or merge a unit in the registry and every row."),
    help=_("Rename unit OLD to NEW in units.yaml and in every row of every service of EDITION, in one step.\n"
           "\n"
           "The registry entry of OLD takes the name NEW and records `replaces: [OLD]`, so qingdan diff shows the "
           "rename as one line and validate catches any place still naming OLD. If NEW is already a unit, OLD is "
           "merged into it: OLD's entry goes, NEW's `replaces` gains OLD, and a row naming both keeps NEW once. "
           "Every file is written, or none, even if the run is killed: the next run completes a killed one (and says "
           "so). Run again where OLD is already replaced by NEW, it renames the rows that still name OLD.\n"
           "\n"
           "EDITION is an edition folder (or the name of one under policies/); by default the newest edition under "
           "policies/ (the one no other edition names as previous). Run it on a revision made with new-edition."),
    epilog=epilog(["qingdan rename-unit 区卫生计生委 区卫生健康委 2019 --since 2019-03-01 --basis 万州区机构改革方案",
                   "qingdan rename-unit 区卫生计生委 区卫生健康委 --dry-run"],
                  _("0  renamed\n"
                    "2  OLD is not in units.yaml, NEW or a value is one units.yaml does not allow, a file cannot be "
                    "read or written, or another command is writing the edition (nothing written)")))
@click.argument("old")
@click.argument("new")
@click.argument("edition", required=False, type=EditionType(path=True, writes=True))
@click.option("--since", metavar="DATE",
              help=_("When the rename took effect (YYYY-MM-DD), recorded in units.yaml."))
@click.option("--basis", metavar="TEXT", help=_("The instrument of the rename (such as the reform notice)."))
@click.option("--in-text", "in_text", is_flag=True,
              help=_("Also write NEW for OLD inside texts: targets, standards, funding, quotes, waiver and acceptance "
                     "reasons, unit notes (each replacement is listed; without it, what was left is listed)."))
@click.option("--dry-run", is_flag=True, help=_("Say what would change; write nothing."))
@quiet_option(_("Print nothing but errors: no list of files and no summary line."))
@at_option()
def command(old: str, new: str, edition: Path | None, since: str | None, basis: str | None, in_text: bool,
            dry_run: bool, quiet: bool) -> None:
    folder = api.edition_folder(edition, shipped=False) if edition else default_edition(writes=True, quiet=quiet)
    done = api.rename_unit(folder, old, new, since=since, basis=basis, dry_run=dry_run, in_text=in_text)
    if done.completed:
        echo_completed(done.completed, folder)
    if quiet:
        return
    for path in done.files:
        click.echo("  " + (_("would write {path}") if dry_run else _("wrote {path}")).format(path=path))
    for place in done.texts:
        line = (_("{old} → {new} in {path}: {place} ({count}×)") if in_text
                else _("left {old} in {path}: {place} ({count}×; --in-text rewrites it)"))
        click.echo("  " + line.format(old=old, new=new, path=place.path, place=place.place, count=place.count))
    if dry_run:
        summary = (_("would have merged {old} → {new} in {folder}: {services}, {files}")
                   if done.merged else
                   _("would have renamed {old} → {new} in {folder}: {services}, {files}"))
    elif done.resumed:
        summary = _("{old} was already renamed {new} in units.yaml; completed the rename in {folder}: {services}, "
                    "{files}")
    else:
        summary = (_("merged {old} → {new} in {folder}: {services}, {files}") if done.merged
                   else _("renamed {old} → {new} in {folder}: {services}, {files}"))
    services = ngettext("{count} service", "{count} services", len(done.services)).format(count=len(done.services))
    files = ngettext("{count} file", "{count} files", len(done.files)).format(count=len(done.files))
    click.echo(summary.format(old=old, new=new, folder=folder, services=services, files=files))

