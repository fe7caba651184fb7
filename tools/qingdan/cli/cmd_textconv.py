"""``qingdan textconv``: the line-per-fact view of one edition YAML file, for git's diff.qingdan.textconv."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api


@click.command("textconv")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def command(file: Path) -> None:
    """Print FILE (an edition YAML file) as one labelled fact per line, long texts cut after each clause.

    \b
    Set up once per clone (see docs/diff.md):
      git config diff.qingdan.textconv "qingdan textconv"
    with `policies/**/*.yaml diff=qingdan` in .gitattributes; then git diff and git log -p show this view.
    """
    click.echo(api.textconv(file), nl=False)
