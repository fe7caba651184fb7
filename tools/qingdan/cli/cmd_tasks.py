"""``qingdan tasks``: the task sheet of one department, or of every department, on screen or for print."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..i18n import _
from ..render_tasks import TASK_RENDERERS
from .options import EditionType, default_edition, emit, epilog, format_choice, output_option, resolve_edition

PRINT_FORMATS = ("xlsx", "docx")


@click.command(
    "tasks",
    short_help=_("A department's task sheet, on screen or for print."),
    help=_("List every service and part UNIT leads or carries out in EDITION (a folder, or a shipped edition's "
           "name; default: the newest edition).\n"
           "\n"
           "A row counts when UNIT is in its city column (市级牵头责任单位) or its district column "
           "(区级对接落实责任部门); each comes with the other units of its column, the units of the other "
           "column, and its target, standard and funding. The first line counts rows (a service with parts "
           "has a row per part) and the services they belong to, and how many of each the unit leads. xlsx "
           "and docx give the sheet for print (number, name, role 牵头 or 配合, target, standard, funding); "
           "with --all, for every department at once."),
    epilog=epilog(["qingdan tasks 区民政局", "qingdan tasks 区民政局 2017 --format markdown -o 区民政局.md",
                   "qingdan tasks --all 2017 --format xlsx -o 任务分工.xlsx"],
                  _("0  the sheet was written (even if empty)\n"
                    "2  UNIT is not a known unit (the message names the closest known ones), EDITION cannot be "
                    "read, or bad usage")))
@click.argument("unit", required=False)
@click.argument("edition", required=False, type=EditionType())
@click.option("--format", "format_", type=format_choice([*TASK_RENDERERS, *PRINT_FORMATS]), default="text",
              show_default=True, help=_("Output format; json field names are stable; xlsx and docx are for print."))
@click.option("--all", "all_", is_flag=True,
              help=_("Every department that has a task: one sheet (xlsx) or section (docx) each, after an index. "
                     "Then the only argument is EDITION."))
@output_option(_("Write to FILE (atomically) instead of standard output; '-' is standard output (text, json, "
                 "markdown). Required for xlsx and docx."))
def command(unit: str | None, edition: str | None, format_: str, all_: bool, output: str | None) -> None:
    if all_:
        if edition is not None:
            raise click.UsageError(_("with --all, give only EDITION"))
        edition, unit = (None if unit is None else resolve_edition(unit)), None
        if format_ not in PRINT_FORMATS:
            raise click.UsageError(_("--all writes xlsx or docx: add --format xlsx or --format docx"))
    elif unit is None:
        raise click.UsageError(_("give UNIT, or --all"))
    if format_ in PRINT_FORMATS and output in (None, "-"):
        raise click.UsageError(_("the {format} format needs -o FILE (it cannot go to stdout)").format(format=format_))
    loaded = api.load(edition or default_edition())
    if format_ not in PRINT_FORMATS:
        assert unit is not None
        emit(TASK_RENDERERS[format_](api.task_sheet(loaded, unit)), output)
        return
    assert output is not None
    title = f"{loaded.metadata.table_title}（{unit or '各单位'}）"
    api.write_task_sheets(Path(output), loaded, unit, format_, title)
