"""``qingdan textconv``: the line-per-fact view of one edition YAML file, for git's diff.qingdan.textconv."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..core.i18n import _
from .options import emit, epilog, output_option


@click.command(
    "textconv",
    short_help=_("One labelled fact per line, for git diff."),
    help=_("Print FILE (an edition YAML file) as one labelled fact per line, long texts cut after each clause.\n"
           "\n"
           "\b\n"
           "Set up once per clone (see docs/diff.md):\n"
           "  git config diff.qingdan.textconv \"qingdan textconv\"\n"
           "with `policies/**/*.yaml diff=qingdan` in .gitattributes; then git diff and git log -p show this view."),
    epilog=epilog(["qingdan textconv policies/2017/services/medical-assistance.yaml"],
                  _("0  printed\n"
                    "2  FILE cannot be read or parsed (one line on stderr)")))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@output_option()
def command(file: Path, output: str | None) -> None:
    emit(api.textconv(file), output)
