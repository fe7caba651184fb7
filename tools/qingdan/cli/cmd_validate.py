"""``qingdan validate``: check editions against their schemas and the consistency rules; report in four formats."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import api
from ..core.i18n import _
from ..output.render import FORMATS, render
from .options import EditionType, at_option, emit, epilog, format_choice, output_option, quiet_option, say_unloaded


def _colour(output_format: str, output: str | None) -> bool:
    """Colour only for text on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return (output_format == "text" and output in (None, "-") and sys.stdout.isatty()
            and not os.environ.get("NO_COLOR"))


@click.command(
    "validate",
    short_help=_("Check editions against the schemas and the rules."),
    help=_("Check editions: every YAML document against its JSON Schema, then the consistency rules and waivers.\n"
           "\n"
           "PATH is an edition folder, a shipped edition's name (such as 2017), a folder holding editions, or a "
           "file in an edition (which checks its whole edition, since rules span files). Without PATH, every "
           "edition under policies/ is checked.\n"
           "\n"
           "The text format lists every finding, waived ones with their reasons, then a summary line; "
           "--hide-waived leaves the waived ones out (the summary still counts them) and -q prints errors only. "
           "The other formats always carry every finding."),
    epilog=epilog(["qingdan validate", "qingdan validate 2017 -q", "qingdan validate --hide-waived",
                   "qingdan validate --format sarif -o qingdan.sarif"],
                  _("0  no errors (warnings and waived findings allowed)\n"
                    "1  errors (or warnings, with --strict)\n"
                    "2  bad usage, or a file that cannot be read or parsed (one line on stderr; the report shows "
                    "it too, as QD004-QD006)")))
@click.argument("paths", nargs=-1, type=EditionType(path=True), metavar="[PATH]...")
@click.option("--format", "output_format", type=format_choice(FORMATS), default="text", show_default=True,
              help=_("text for people; json (documented in docs/validate.md); github workflow commands; "
                     "SARIF 2.1.0."))
@click.option("--strict", is_flag=True, help=_("Fail (exit 1) on warnings too, not only on errors."))
@click.option("--hide-waived", is_flag=True,
              help=_("text only: leave waived findings out of the listing (the summary still counts them)."))
@quiet_option(_("text only: print errors only, without warnings, waived findings, notes or the summary line."))
@output_option(_("Write the report to FILE (atomically) instead of standard output; '-' is standard output."))
@click.option("--no-cache", is_flag=True,
              help=_("Check every file afresh: neither read nor write the cache of what earlier runs found in the "
                     "files that have not changed (.qingdan-cache at the repository's root)."))
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar="QINGDAN_CACHE_DIR",
              metavar="DIR", help=_("Keep the cache in DIR instead (also QINGDAN_CACHE_DIR)."))
@at_option("paths")
def command(paths: tuple[Path, ...], output_format: str, strict: bool, hide_waived: bool, quiet: bool,
            output: str | None, no_cache: bool, cache_dir: Path | None) -> None:
    if (hide_waived or quiet) and output_format != "text":
        raise click.UsageError(_("--hide-waived and -q apply to the text format; the others carry every finding"))
    report = api.validate(list(paths) or None, cache=not no_cache, cache_dir=cache_dir)
    say_unloaded(report.unloaded)
    text = render(report, output_format, api.rule_codes(), color=_colour(output_format, output),
                  **({"hide_waived": hide_waived, "quiet": quiet} if output_format == "text" else {}))
    emit(text, output)
    sys.exit(report.exit_code(strict=strict))
