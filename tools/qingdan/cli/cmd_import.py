"""``qingdan import``: the official text into an edition's YAML, keeping curated fields."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..core.i18n import _
from .options import epilog, output_option, quiet_option


@click.command(
    "import",
    short_help=_("Import the official text into an edition folder."),
    help=_("Import the official document text SOURCE into an edition folder.\n"
           "\n"
           "The published text fields (number, name, target, standard, funding, units, the notice) are taken from "
           "SOURCE; ids, structured fields, waivers, registry details and comments already in the folder are kept. "
           "Every normalisation of the text is reported with its line."),
    epilog=epilog(["qingdan import policies/2017/source.txt --edition 2017",
                   "qingdan import notice.txt --edition 2019 -o policies/2019 --dry-run"],
                  _("0  imported (or, with --dry-run, checked)\n"
                    "2  SOURCE cannot be read or parsed, or the folder cannot be written (one line on stderr; "
                    "nothing written)")))
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--edition", required=True, help=_("The edition's name, such as 2017."))
@output_option(_("The edition folder to write (default: policies/EDITION in the current folder)."), metavar="DIR")
@click.option("--out", "out", hidden=True, help="Deprecated spelling of -o/--output.")
@click.option("--dry-run", is_flag=True, help=_("Report what would change; write nothing."))
@quiet_option(_("Print nothing but errors: no summary, no list of files, normalisations, new ids or units."))
def command(source: Path, edition: str, output: str | None, out: str | None, dry_run: bool, quiet: bool) -> None:
    if output == "-" or out == "-":
        raise click.UsageError(_("import writes an edition folder; -o names the folder, not standard output"))
    out = output or out  # --out: the spelling before -o/--output, kept working
    report = api.import_source(source, edition, Path(out) if out else None, dry_run=dry_run)
    if quiet:
        return
    counts = dict(services=report.services, parts=report.parts, categories=report.categories,
                  written=len(report.written), unchanged=len(report.unchanged), removed=len(report.removed))
    summary = (_("{folder}: {services} services ({parts} sub-rows) in {categories} categories; would write {written} "
                 "files, {unchanged} unchanged, {removed} removed") if dry_run else
               _("{folder}: {services} services ({parts} sub-rows) in {categories} categories; wrote {written} files, "
                 "{unchanged} unchanged, {removed} removed"))
    click.echo(summary.format(folder=report.edition_dir, **counts))
    for rel in report.written:
        click.echo("  " + (_("would write: {file}") if dry_run else _("wrote: {file}")).format(file=rel))
    for rel in report.removed:
        click.echo("  " + (_("would remove (no longer in the source): {file}") if dry_run
                           else _("removed (no longer in the source): {file}")).format(file=rel))
    for normalisation in report.normalisations:
        click.echo("  " + _("normalised {where}: {code}: {detail}").format(
            where=f"{source}:{normalisation.line}", code=normalisation.code, detail=normalisation.detail))
    for new_id in report.new_ids:
        click.echo("  " + _("new id (rename it to a readable one now; it never changes after): {id}").format(id=new_id))
    for service in report.dropped_waivers:
        click.echo("  " + _("dropped the waiver of QD501 of {service}: the text has no stray 、 there any more")
                   .format(service=service))
    for unit in report.new_units:
        click.echo("  " + _("new unit in units.yaml (check its level and counterpart): {unit}").format(unit=unit))
