"""``qingdan render``: the official text regenerated from an edition's data (the same as ``export --format text``)."""

from __future__ import annotations

import click

from ..core.i18n import _
from .cmd_export import command as export_command
from .options import EditionType, at_option, epilog, output_option, quiet_option


@click.command(
    "render",
    short_help=_("Write an edition as the official text."),
    help=_("Write EDITION (a folder, or a shipped edition's name such as 2017; default: the newest edition) as the "
           "official text: notice, table and footer.\n"
           "\n"
           "The text is in the format `qingdan import` reads (docs/source-format.md), so a revision's published text "
           "is produced from its data. Rendering the 2017 edition gives back the table of its source.txt exactly, "
           "after only the importer's documented normalisations."),
    epilog=epilog(["qingdan render 2017", "qingdan render policies/2019 -o policies/2019/source.txt"],
                  _("0  rendered\n"
                    "1  the edition has validation errors (nothing written)\n"
                    "2  bad usage or unreadable input")))
@click.argument("edition", required=False, type=EditionType())
@output_option(default="-")
@click.option("--allow-invalid", is_flag=True,
              help=_("Render even if validation finds errors (reported on stderr)."))
@quiet_option(_("No note when rendering despite errors (--allow-invalid); the errors are still listed."))
@click.pass_context
@at_option()
def command(ctx: click.Context, edition: str | None, output: str, allow_invalid: bool, quiet: bool) -> None:
    ctx.invoke(export_command, edition=edition, format_="text", output=output, excel=False, headers=None,
               allow_invalid=allow_invalid, quiet=quiet)
