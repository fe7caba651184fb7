"""``qingdan tasks``: the task sheet of one department, or of every department, on screen or for print."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..render_tasks import TASK_RENDERERS

PRINT_FORMATS = ("xlsx", "docx")
DEFAULT_EDITION = api.DEFAULT_EDITION


@click.command("tasks")
@click.argument("unit", required=False)
@click.argument("edition", required=False)
@click.option("--format", "format_", type=click.Choice([*TASK_RENDERERS, *PRINT_FORMATS]), default="text",
              show_default=True, help="Output format; json field names are stable; xlsx and docx are for print.")
@click.option("--all", "all_", is_flag=True,
              help="Every department that has a task: one sheet (xlsx) or section (docx) each, after an index. "
                   "Then the only argument is EDITION.")
@click.option("-o", "--output", default=None, metavar="FILE", help="Where to write xlsx or docx (required for them).")
def command(unit: str | None, edition: str | None, format_: str, all_: bool, output: str | None) -> None:
    """List every service and part UNIT leads or carries out in EDITION (a folder, or a shipped edition's name;
    default 2017).

    A row counts when UNIT is in its city column (市级牵头责任单位) or its district column (区级对接落实责任部门);
    each comes with the other units of its column, the units of the other column, and its target, standard and
    funding. xlsx and docx give the sheet for print (number, name, role 牵头 or 配合, target, standard, funding);
    with --all, for every department at once.

    \b
    Exit codes: 0 the sheet was written (even if empty); 2 UNIT is not a known unit (the message names the
    closest known ones), EDITION cannot be read, or bad usage.
    """
    if all_:
        if edition is not None:
            raise click.UsageError("with --all, give only EDITION")
        edition, unit = unit, None
        if format_ not in PRINT_FORMATS:
            raise click.UsageError("--all writes xlsx or docx: add --format xlsx or --format docx")
    elif unit is None:
        raise click.UsageError("give UNIT, or --all")
    if format_ in PRINT_FORMATS and output in (None, "-"):
        raise click.UsageError(f"the {format_} format needs -o FILE (it cannot go to stdout)")
    if format_ not in PRINT_FORMATS and output is not None:
        raise click.UsageError("-o applies to the xlsx and docx formats; text, markdown and json go to stdout")
    loaded = api.load(edition or DEFAULT_EDITION)
    if format_ not in PRINT_FORMATS:
        assert unit is not None
        click.echo(TASK_RENDERERS[format_](api.task_sheet(loaded, unit)), nl=False)
        return
    assert output is not None
    title = f"{loaded.metadata.table_title}（{unit or '各单位'}）"
    api.write_task_sheets(Path(output), loaded, unit, format_, title)
