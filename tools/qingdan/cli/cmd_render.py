"""``qingdan render``: the official text regenerated from an edition's data (the same as ``export --format text``)."""

from __future__ import annotations

import click

from .cmd_export import command as export_command


@click.command("render")
@click.argument("edition")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE",
              help="Where to write the text; '-' for stdout.")
@click.option("--allow-invalid", is_flag=True, help="Render even if validation finds errors (reported on stderr).")
@click.pass_context
def command(ctx: click.Context, edition: str, output: str, allow_invalid: bool) -> None:
    """Write EDITION (a folder, or a shipped edition's name) as the official text: notice, table and footer.

    The text is in the format `qingdan import` reads (docs/source-format.md), so a revision's published text is
    produced from its data. Rendering the 2017 edition gives back the table of its source.txt exactly, after only
    the importer's documented normalisations.

    \b
    Exit codes: 0 rendered; 1 the edition has validation errors (nothing written); 2 bad usage or unreadable input.
    """
    ctx.invoke(export_command, edition=edition, format_="text", output=output, excel=False, headers=None,
               allow_invalid=allow_invalid)
