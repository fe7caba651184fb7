"""``qingdan summary``: load an edition, check it against the schemas, and count what it holds."""

from __future__ import annotations

import click

from .. import api


@click.command("summary")
@click.argument("edition", default="policies/2017")
def command(edition: str) -> None:
    """Load EDITION (a folder, or a shipped edition's name), check its schemas, and print a summary."""
    loaded = api.load(edition)
    meta = loaded.metadata
    click.echo(f"{loaded.path}: {meta.document_number} {meta.title}")
    click.echo(f"  carries out {meta.parent.number}; period {meta.period_name} {meta.period_start}–{meta.period_end}; "
               f"signed {meta.signed}, printed {meta.printed}")
    parts = sum(len(s.parts) for s in loaded.services)
    click.echo(f"  {len(loaded.services)} services ({parts} sub-rows) in {len(loaded.categories)} categories; "
               f"{len(loaded.units)} units")
    for category in loaded.categories:
        click.echo(f"  {category.numeral}、{category.name}: {len(loaded.services_in(category.id))} services")
    click.echo("  all documents satisfy their schemas")
