"""``qingdan units``: the responsible units, their levels and counterparts, and how many services each has."""

from __future__ import annotations

import click

from .. import api
from ..core.i18n import _
from ..output.render_tasks import UNIT_RENDERERS
from .options import EditionType, at_option, default_edition, emit, epilog, format_choice, output_option


@click.command(
    "units",
    short_help=_("The units with their level and services led and carried."),
    help=_("List the units of EDITION (a folder, or a shipped edition's name; default: the newest edition): level, "
           "district counterpart, and how many services each leads and carries.\n"
           "\n"
           "Both counts are services, not tasks (qingdan tasks counts tasks too: a service with parts has a task "
           "per part). Services led: the unit is the first unit of the city or district column of the service or of a "
           "part. Services carried: the service names the unit at all. Units that services name but the registry "
           "lacks come last, with no level."),
    epilog=epilog(["qingdan units", "qingdan units 2017 --format markdown -o units.md"],
                  _("0  listed\n"
                    "1  the edition's data fails its schemas\n"
                    "2  EDITION cannot be read")))
@click.argument("edition", required=False, type=EditionType())
@click.option("--format", "format_", type=format_choice(UNIT_RENDERERS), default="text", show_default=True,
              help=_("text for a terminal, json for programs, markdown for a document."))
@output_option()
@at_option()
def command(edition: str | None, format_: str, output: str | None) -> None:
    emit(UNIT_RENDERERS[format_](api.unit_summaries(api.load(edition or default_edition()))), output)
