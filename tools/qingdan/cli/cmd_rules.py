"""``qingdan rules``: list every finding code with its severity and title (the source of docs/rules.md)."""

from __future__ import annotations

import click

from .. import api
from ..core.i18n import _
from .options import emit, epilog, format_choice, output_option


@click.command(
    "rules",
    short_help=_("List the finding codes validate reports."),
    help=_("List the finding codes that qingdan validate reports: code, severity and title."),
    epilog=epilog(["qingdan rules", "qingdan rules --format markdown -o docs/rules.md"],
                  _("0  listed\n"
                    "2  bad usage, or the output file cannot be written")))
@click.option("--format", "output_format", type=format_choice(api.CATALOG_FORMATS), default="text", show_default=True,
              help=_("markdown is docs/rules.md; json lists code, severity, title, description and waivable."))
@output_option()
def command(output_format: str, output: str | None) -> None:
    emit(api.rules_catalog(output_format), output)
