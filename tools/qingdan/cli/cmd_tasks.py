"""``qingdan tasks``: the task sheet of one department, or of every department, on screen or for print."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..core.i18n import _, ngettext
from ..output.render_tasks import TASK_RENDERERS
from .options import (
    Choice,
    EditionType,
    at_option,
    default_edition,
    emit,
    epilog,
    format_choice,
    output_option,
    resolve_edition,
)

PRINT_FORMATS = ("xlsx", "docx")


@click.command(
    "tasks",
    short_help=_("A department's task sheet, on screen or for print."),
    help=_("List every service and part UNIT leads or carries out in EDITION (a folder, or a shipped edition's "
           "name; default: the newest edition).\n"
           "\n"
           "A row counts when UNIT is in its city column (市级牵头责任单位) or its district column "
           "(区级对接落实责任部门); each comes with the other units of its column, the units of the other "
           "column, and its target, standard and funding. The first line counts tasks (a service with parts "
           "has a task per part) and the services they belong to, and how many of each the unit leads. A part's "
           "merged cell shows the value of the cell above it, as the published table does. xlsx and docx give "
           "the sheet for print (number, name, role 牵头 or 配合, target, standard, funding; 文号, date and page "
           "numbers on every page); with --all, for every district department at once (--level for others)."),
    epilog=epilog(["qingdan tasks 区民政局", "qingdan tasks 区民政局 2017 --format markdown -o 区民政局.md",
                   "qingdan tasks --all 2017 --format xlsx -o 任务分工.xlsx",
                   "qingdan tasks --all 2017 --level all --format docx -o 任务分工.docx"],
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
@click.option("--level", type=Choice(api.TASK_LEVELS), default="district", show_default=True,
              help=_("With --all, the departments of this level: district (a district notice assigns tasks to "
                     "district departments), city, or all."))
@output_option(_("Write to FILE (atomically) instead of standard output; '-' is standard output (text, json, "
                 "markdown). Required for xlsx and docx."))
@at_option()
def command(unit: str | None, edition: str | None, format_: str, all_: bool, level: str,
            output: str | None) -> None:
    if all_:
        if edition is not None and unit is not None:
            raise click.UsageError(_("with --all, give only EDITION"))
        edition, unit = (edition if unit is None else resolve_edition(unit)), None
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
    everyone = {"district": "各区级部门", "city": "各市级单位", "all": "各单位"}[level]
    title = f"{loaded.metadata.table_title}（{unit or everyone}）"
    left_out = api.write_task_sheets(Path(output), loaded, unit, format_, title, level)
    if left_out:
        click.echo(ngettext("note: {count} control character that a Word document cannot hold was left out",
                            "note: {count} control characters that a Word document cannot hold were left out",
                            left_out).format(count=left_out), err=True)
