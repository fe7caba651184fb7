"""``qingdan conform``: a list against the list above it: every parent item implemented, additions justified, no
amount below the parent's."""

from __future__ import annotations

import sys

import click

from .. import api
from ..core.i18n import _
from ..output.render_conform import FORMATS, render
from .options import EditionType, at_option, default_edition, emit, epilog, format_choice, output_option


@click.command(
    "conform",
    short_help=_("Check a list against the list above it."),
    help=_("Check CHILD against the list above it, PARENT (default: the edition CHILD's edition.yaml names under "
           "parent: edition:, beside it): every parent item must be implemented by a service that names it under "
           "implements: (a missing one is an error, 缺项, at the parent item); a service that implements none is "
           "a local addition (a warning unless it records its basis:); names that differ from the parent item's "
           "are listed; and where both sides state an amount with the same unit and period, the child's below the "
           "parent's is an error (低于上级标准) at the child's amount.\n"
           "\n"
           "CHILD is a folder or a name as for every command (default: the newest edition under policies/)."),
    epilog=epilog(["qingdan conform policies/2017", "qingdan conform policies/2017 --format json",
                   "qingdan conform policies/2021 --parent policies/national-2021 --strict"],
                  _("0  every parent item implemented, no amount below the parent's (warnings allowed)\n"
                    "1  errors (or warnings, with --strict), or an edition whose data fails its schemas\n"
                    "2  bad usage, no parent edition named, or a file that cannot be read or parsed (one line on "
                    "stderr)")))
@click.argument("child", required=False, type=EditionType())
@click.option("--parent", type=EditionType(), help=_("The parent edition (a folder or a name) to check against."))
@click.option("--format", "format_", type=format_choice(FORMATS), default="text", show_default=True,
              help=_("text for people; json (counts as integers, lists of ids) for programs; markdown for a pull "
                     "request; github workflow commands; SARIF 2.1.0."))
@click.option("--strict", is_flag=True, help=_("Fail (exit 1) on warnings too, not only on errors."))
@output_option(_("Write the result to FILE (atomically) instead of standard output; '-' is standard output."))
@at_option("child")
def command(child: str | None, parent: str | None, format_: str, strict: bool, output: str | None) -> None:
    result = api.conform(child or str(default_edition()), parent)
    emit(render(result, format_), output)
    sys.exit(result.report.exit_code(strict=strict))
