"""``qingdan validate``: check editions against their schemas and the consistency rules; report in four formats."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import api
from ..render import FORMATS, render


def _colour(output_format: str, output: Path | None) -> bool:
    """Colour only for text on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return output_format == "text" and output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="text for people; json (documented in docs/validate.md); github workflow commands; SARIF 2.1.0.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to FILE (atomically) instead of standard output.")
def command(paths: tuple[Path, ...], output_format: str, strict: bool, output: Path | None) -> None:
    """Check editions: every YAML document against its JSON Schema, then the consistency rules and waivers.

    PATH is an edition folder, a folder holding editions, or a file in an edition (which checks its whole edition,
    since rules span files). Without PATH, every edition under policies/ is checked.

    \b
    Exit codes:
      0  no errors (warnings and waived findings allowed)
      1  errors (or warnings, with --strict)
      2  bad usage, or a file that cannot be read or parsed (one line on stderr)
    """
    report = api.validate(list(paths) or None)
    text = render(report, output_format, api.rule_codes(), color=_colour(output_format, output))
    if output is not None:
        api.write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    sys.exit(report.exit_code(strict=strict))
