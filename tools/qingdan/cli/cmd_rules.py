"""``qingdan rules``: list every finding code with its severity and title (the source of docs/rules.md)."""

from __future__ import annotations

import click

from ..rules import all_codes
from ..rules.catalog import as_json, as_markdown, as_text

_FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(list(_FORMATS)), default="text", show_default=True,
              help="markdown is docs/rules.md; json lists code, severity, title, description and waivable.")
def command(output_format: str) -> None:
    """List the finding codes that qingdan validate reports: code, severity and title."""
    click.echo(_FORMATS[output_format](all_codes()), nl=False)
