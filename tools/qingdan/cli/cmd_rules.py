"""``qingdan rules``: list every finding code with its severity and title (the source of docs/rules.md)."""

from __future__ import annotations

import click

from .. import api


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(api.CATALOG_FORMATS), default="text", show_default=True,
              help="markdown is docs/rules.md; json lists code, severity, title, description and waivable.")
def command(output_format: str) -> None:
    """List the finding codes that qingdan validate reports: code, severity and title."""
    click.echo(api.rules_catalog(output_format), nl=False)
