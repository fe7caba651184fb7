"""``qingdan changelog``: the 修订说明 and 修订对照表 of a revision, from the diff's changes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import api
from ..core.i18n import _
from ..output.changelog.render import FILE_FORMATS, FORMATS, render, write
from .options import EditionType, at_option, emit, epilog, format_choice, output_option, quiet_option


@click.command(
    "changelog",
    short_help=_("The 修订说明 and 修订对照表 of a revision."),
    help=_("Write the 修订说明 of a revision (how many services were 新增, 删减, 提标, 降标, 扩面, 缩面, had their "
           "responsible units adjusted (调整责任单位), were touched by the institutional reform (机构改革) or only "
           "reworded (规范表述), and which) and its 修订对照表 (序号, 服务项目, 栏目, 原文, 修订后, 修订说明: one row "
           "per changed cell).\n"
           "\n"
           "OLD and NEW are named as for qingdan diff, whose changes this reads; without them, every edition under "
           "policies/ that names the edition it revises is taken against it. docx and xlsx are written with "
           "-o FILE."),
    epilog=epilog(["qingdan changelog policies/2017 policies/2019",
                   "qingdan changelog --format docx -o 修订说明.docx", "qingdan changelog --format json"],
                  _("0  the changelog was written (also when nothing changed)\n"
                    "1  an edition whose data fails its schema\n"
                    "2  an edition that cannot be paired, missing path, unreadable file, or docx or xlsx without "
                    "-o (one line on stderr)")))
@click.argument("sides", nargs=-1, type=EditionType(), metavar="[OLD NEW]")
@click.option("--format", "format_", type=format_choice(FORMATS), default="text", show_default=True,
              help=_("text for a terminal, json for programs, markdown for a pull request or a wiki, docx and xlsx "
                     "for print."))
@output_option()
@quiet_option(_("Leave out the notes on stderr about editions with nothing to compare."))
@at_option("sides", pair=True)
def command(sides: tuple[str, ...], format_: str, output: str | None, quiet: bool) -> None:
    if len(sides) not in (0, 2):
        raise click.UsageError(_("give OLD and NEW, or nothing (each edition with its previous)"))
    if format_ in FILE_FORMATS and output in (None, "-"):
        raise click.UsageError(_("--format {format} writes a file: give -o FILE").format(format=format_))
    found = api.changelogs(sides)
    for note in () if quiet else found.notes:
        click.echo(f"qingdan: {note}", err=True)
    if not found.changelogs:
        sys.exit(0)
    if format_ in FILE_FORMATS:
        write(format_, Path(str(output)), found.changelogs)
    else:
        emit(render(format_, found.changelogs), output)
