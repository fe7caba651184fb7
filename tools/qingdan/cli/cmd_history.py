"""``qingdan history``: a service through the chain of editions, by stable id, with what changed in each."""

from __future__ import annotations

import click

from .. import api
from ..core.i18n import _
from ..output.render_history import FORMATS, render
from .options import (
    EditionType,
    at_option,
    default_edition,
    emit,
    epilog,
    format_choice,
    output_option,
)


@click.command(
    "history",
    short_help=_("Follow a service back through the editions."),
    help=_("Show SERVICE (its stable id, its number or its name in EDITION) in EDITION and in each edition before it, "
           "following previous: in edition.yaml and finding the service by its id, so across renumbering and "
           "renames: for each edition its number, name, target, standard, funding, amounts and units, and what "
           "changed since the edition before.\n"
           "\n"
           "EDITION is a folder or a name as for every command (default: the newest edition under policies/, the one "
           "no other edition names as previous); "
           "--at DATE takes the edition in force on DATE."),
    epilog=epilog(["qingdan history 农村义务教育学生营养改善 policies/2019", "qingdan history 2 --at 2019-07-01",
                   "qingdan history rural-student-nutrition --format json"],
                  _("0  the history was written\n"
                    "1  an edition whose data fails its schema\n"
                    "2  no such service or edition, no edition in force on --at DATE, or an unreadable file (one "
                    "line on stderr)")))
@click.argument("service")
@click.argument("edition", required=False, type=EditionType())
@click.option("--format", "format_", type=format_choice(FORMATS), default="text", show_default=True,
              help=_("text for a terminal, json for programs, markdown for a wiki or a pull request."))
@output_option()
@at_option()
def command(service: str, edition: str | None, format_: str, output: str | None) -> None:
    found = api.service_history(service, edition or default_edition())
    emit(render(format_, found), output)
