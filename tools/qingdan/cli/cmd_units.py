"""``qingdan units``: the responsible units, their levels and counterparts, and how many services each has."""

from __future__ import annotations

import click

from .. import api
from ..render_tasks import UNIT_RENDERERS


@click.command("units")
@click.argument("edition", default="2017")
@click.option("--format", "format_", type=click.Choice(list(UNIT_RENDERERS)), default="text", show_default=True)
def command(edition: str, format_: str) -> None:
    """List the units of EDITION: level, district counterpart, services led and services carried.

    \b
    led: services in which the unit is the first unit of the city or district column (of the service or a part);
    carried: services that name the unit at all. Units that services name but the registry lacks come last,
    with no level. Exit codes: 0 success; 2 EDITION cannot be read.
    """
    click.echo(UNIT_RENDERERS[format_](api.unit_summaries(api.load(edition))), nl=False)
