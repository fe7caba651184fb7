"""``qingdan diff``: the semantic diff of two editions, or of the working tree against a git revision."""

from __future__ import annotations

import sys

import click

from ..diff import DiffReport, compare
from ..diff.render import FORMATS, render
from ..diff.sides import Side, base_pairs, load_side


def _report(old: Side, new: Side) -> DiffReport:
    return compare(old.edition, new.edition, old_files=old.files, new_files=new.files, old_name=old.name,
                   new_name=new.name)


@click.command("diff")
@click.argument("sides", nargs=-1, metavar="OLD NEW | --base REV [PATH ...]")
@click.option("--base", "base", metavar="REV", help="Compare the working tree's editions with the same paths at REV.")
@click.option("--format", "format_", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="text for a terminal, markdown for a pull-request comment, json for programs.")
@click.option("--fail-on", type=click.Choice(["regression", "any", "none"]), default="regression", show_default=True,
              help="Exit 1 when a change of this class (regression), any change, or nothing is found.")
@click.option("--color/--no-color", default=None, help="Colour the text format (default: only on a terminal).")
def command(sides: tuple[str, ...], base: str | None, format_: str, fail_on: str, color: bool | None) -> None:
    """Compare two editions service by service, matched by stable id, and classify every change for 只增不减.

    OLD and NEW are edition folders or REV:PATH (a git revision and an edition path from the repository root,
    read without touching the working tree). With --base REV, each PATH (default: every edition under
    policies/) is compared with itself at REV.

    \b
    Exit codes: 0 nothing at or above --fail-on; 1 something; 2 bad revision, missing path or unreadable
    edition (one line on stderr).
    """
    if base is not None:
        pairs, skipped = base_pairs(base, sides)
        for name in skipped:
            click.echo(f"qingdan: {name} is new since {base}; nothing to compare", err=True)
    elif len(sides) == 2:
        pairs = [(load_side(sides[0]), load_side(sides[1]))]
    else:
        raise click.UsageError("give OLD and NEW, or --base REV [PATH ...]")
    reports = [_report(old, new) for old, new in pairs]
    use_color = color if color is not None else (format_ == "text" and sys.stdout.isatty())
    click.echo(render(format_, reports, color=use_color), nl=False)
    sys.exit(max((r.exit_code(fail_on) for r in reports), default=0))
