"""``qingdan diff``: the semantic diff of two editions, or of the working tree against a git revision."""

from __future__ import annotations

import os
import sys

import click

from .. import api
from ..core.i18n import _
from ..output.diff_render import FORMATS, render
from .options import (
    Choice,
    EditionType,
    at_option,
    emit,
    epilog,
    format_choice,
    output_option,
    quiet_option,
    say_unloaded,
)


@click.command(
    "diff",
    short_help=_("Compare two editions and flag 只增不减 regressions."),
    help=_("Compare two editions service by service, matched by stable id, and classify every change for 只增不减.\n"
           "\n"
           "OLD and NEW are edition folders, shipped edition names (such as 2017) or REV:PATH (a git revision and an "
           "edition path from the repository root, read without touching the working tree). Without arguments, "
           "every edition under policies/ that names the edition it revises (previous: in edition.yaml) is "
           "compared with it. With --base REV, each PATH (default: every edition under policies/) is compared with "
           "itself at REV or, if it is new since REV, with its predecessor at REV. --base auto: "
           "PRE_COMMIT_FROM_REF if pre-commit sets it, else HEAD when policies/ differs from HEAD, else each "
           "edition with its predecessor."),
    epilog=epilog(["qingdan diff policies/2017 policies/2019", "qingdan diff HEAD~1:policies/2019 policies/2019",
                   "qingdan diff --base main --format markdown -o diff.md"],
                  _("0  nothing at or above --fail-on\n"
                    "1  something at or above --fail-on, or an edition whose data fails its schema\n"
                    "2  bad or unfetched revision, an edition that cannot be paired, missing path or unreadable "
                    "file (one line on stderr; the report shows it too, as QD004-QD006)")))
@click.argument("sides", nargs=-1, type=EditionType(), metavar="[OLD NEW | --base REV [PATH ...]]")
@click.option("--base", "base", metavar="REV",
              help=_("Compare the working tree's editions with the same editions at REV (an edition new since REV "
                     "with its predecessor there); 'auto' picks the base for a pre-commit hook."))
@click.option("--format", "format_", type=format_choice(FORMATS), default="text", show_default=True,
              help=_("text for a terminal, json for programs, markdown for a pull-request comment, github for "
                     "workflow annotations at the changed lines, sarif for code scanning."))
@click.option("--fail-on", type=Choice(["regression", "any", "none"]), default="regression", show_default=True,
              help=_("Exit 1 when a change of this class (regression), any change, or nothing is found."))
@click.option("--color/--no-color", default=None, help=_("Colour the text format (default: only on a terminal)."))
@output_option()
@quiet_option(_("Leave out the notes on stderr about editions with nothing to compare."))
@at_option("sides", pair=True)
def command(sides: tuple[str, ...], base: str | None, format_: str, fail_on: str, color: bool | None,
            output: str | None, quiet: bool) -> None:
    if base is None and len(sides) not in (0, 2):
        raise click.UsageError(_("give OLD and NEW, --base REV [PATH ...], or nothing (each edition with its "
                                 "previous)"))
    comparison = api.compare(sides, base, collect=True)
    for note in () if quiet else comparison.notes:
        click.echo(f"qingdan: {note}", err=True)
    reports = comparison.reports
    say_unloaded(problem for report in reports for problem in report.problems)
    if not reports:
        sys.exit(0)
    # like validate: colour only for text on a terminal, never when NO_COLOR is set (https://no-color.org)
    use_color = color if color is not None else (format_ == "text" and output in (None, "-") and sys.stdout.isatty()
                                                 and not os.environ.get("NO_COLOR"))
    emit(render(format_, reports, color=use_color), output)
    sys.exit(max(r.exit_code(fail_on) for r in reports))
