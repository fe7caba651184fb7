"""``qingdan fmt``: rewrite edition YAML into the canonical form, or with --check show what would change."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..api import EXIT_FAILURE
from ..core.i18n import _, ngettext
from .options import EditionType, at_option, echo_completed, epilog, quiet_option, refuse_installed


def _files(count: int) -> str:
    return ngettext("{count} file", "{count} files", count).format(count=count)


@click.command(
    "fmt",
    short_help=_("Rewrite edition YAML in the canonical form."),
    help=_("Put edition YAML in the one canonical form, keeping comments and the data.\n"
           "\n"
           "PATHS are edition folders (or the name of one under policies/, such as 2017) or YAML files in one; by "
           "default every edition under policies/. The canonical form: keys in schema order, two-space "
           "indentation, one line per value, Chinese as is, quotes exactly where a YAML 1.1 reader would misread a "
           "value (8:2, 2018-01-31, yes). Files are only written if every one of them parses."),
    epilog=epilog(["qingdan fmt", "qingdan fmt --check 2017", "qingdan fmt policies/2019/services/new-service.yaml"],
                  _("0  nothing to change (or all written)\n"
                    "1  with --check, some file would change\n"
                    "2  a file does not parse (one line naming file:line; no file is touched), or another command "
                    "is writing the edition")))
@click.argument("paths", nargs=-1, type=EditionType(path=True), metavar="[PATH]...")
@click.option("--check", is_flag=True,
              help=_("Write nothing; print a unified diff of what would change, exit 1 if any."))
@quiet_option(_("No list of reformatted files and no summary line (with --check: the diff alone)."))
@at_option("paths")
def command(paths: tuple[Path, ...], check: bool, quiet: bool) -> None:
    if not check:
        refuse_installed(paths)
        for path in paths:
            echo_completed(api.finish_interrupted([path]), path)
    results = api.format_paths(paths, write=not check)
    changed = [result for result in results if result.changed]
    unchanged = len(results) - len(changed)
    if check:
        for result in changed:
            click.echo(result.diff(), nl=False)
        if changed:
            if not quiet:
                click.echo(_("{changed} would be reformatted, {unchanged} already canonical").format(
                    changed=_files(len(changed)), unchanged=unchanged), err=True)
            raise SystemExit(EXIT_FAILURE)
        if not quiet:
            click.echo(_("{files} already canonical").format(files=_files(unchanged)), err=True)
        return
    if quiet:
        return
    for result in changed:
        click.echo(_("reformatted {file}").format(file=result.display))
    click.echo(_("{changed} reformatted, {unchanged} already canonical").format(changed=_files(len(changed)),
                                                                               unchanged=unchanged), err=True)
