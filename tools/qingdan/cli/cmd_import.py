"""``qingdan import``: the official text into an edition's YAML, keeping curated fields."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--edition", required=True, help="The edition's name, such as 2017.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help="The edition folder to write (default: policies/EDITION in the current folder).")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def command(source: Path, edition: str, out: Path | None, dry_run: bool) -> None:
    """Import the official document text SOURCE into an edition folder.

    The published text fields (number, name, target, standard, funding, units, the notice) are taken from SOURCE;
    ids, structured fields, waivers, registry details and comments already in the folder are kept. Every
    normalisation of the text is reported with its line.
    """
    report = api.import_source(source, edition, out, dry_run=dry_run)
    verb = "would write" if dry_run else "wrote"
    click.echo(f"{report.edition_dir}: {report.services} services ({report.parts} sub-rows) in "
               f"{report.categories} categories; {verb} {len(report.written)} files, "
               f"{len(report.unchanged)} unchanged, {len(report.removed)} removed")
    for rel in report.written:
        click.echo(f"  {verb}: {rel}")
    for rel in report.removed:
        click.echo(f"  {'would remove' if dry_run else 'removed'} (no longer in the source): {rel}")
    for normalisation in report.normalisations:
        click.echo(f"  normalised {source}:{normalisation.line}: {normalisation.code}: {normalisation.detail}")
    for new_id in report.new_ids:
        click.echo(f"  new id (rename it to a readable one now; it never changes after): {new_id}")
    for unit in report.new_units:
        click.echo(f"  new unit in units.yaml (check its level and counterpart): {unit}")
