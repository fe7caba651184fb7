"""``qingdan tasks``: the task sheet of one department."""

from __future__ import annotations

import click

from ..edition import load_edition
from ..render_tasks import TASK_RENDERERS
from ..tasks import task_sheet


@click.command("tasks")
@click.argument("unit")
@click.argument("edition", default="2017")
@click.option("--format", "format_", type=click.Choice(list(TASK_RENDERERS)), default="text", show_default=True,
              help="Output format; json field names are stable.")
def command(unit: str, edition: str, format_: str) -> None:
    """List every service and part UNIT leads or carries out in EDITION (a folder, or a shipped edition's name).

    A row counts when UNIT is in its city column (市级牵头责任单位) or its district column (区级对接落实责任部门);
    each comes with the other units of its column, the units of the other column, and its target, standard and
    funding.

    \b
    Exit codes: 0 the sheet was printed (even if empty); 2 UNIT is not a known unit (the message names the
    closest known ones), or EDITION cannot be read.
    """
    click.echo(TASK_RENDERERS[format_](task_sheet(load_edition(edition), unit)), nl=False)
