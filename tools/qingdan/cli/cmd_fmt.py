"""``qingdan fmt``: rewrite edition YAML into the canonical form, or with --check show what would change."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..errors import EXIT_FAILURE


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


@click.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Write nothing; print a unified diff of what would change, exit 1 if any.")
def command(paths: tuple[Path, ...], check: bool) -> None:
    """Put edition YAML in the one canonical form, keeping comments and the data.

    PATHS are edition folders or YAML files in one; by default every edition under policies/. The canonical form:
    keys in schema order, two-space indentation, one line per value, Chinese as is, quotes exactly where a YAML 1.1
    reader would misread a value (8:2, 2018-01-31, yes). Files are only written if every one of them parses.

    \b
    Exit codes: 0 nothing to change (or all written); 1 with --check, some file would change;
    2 a file does not parse (one line naming file:line; no file is touched).
    """
    results = api.format_paths(paths, write=not check)
    changed = [result for result in results if result.changed]
    unchanged = len(results) - len(changed)
    if check:
        for result in changed:
            click.echo(result.diff(), nl=False)
        if changed:
            click.echo(f"{_files(len(changed))} would be reformatted, {unchanged} already canonical", err=True)
            raise SystemExit(EXIT_FAILURE)
        click.echo(f"{_files(unchanged)} already canonical", err=True)
        return
    for result in changed:
        click.echo(f"reformatted {result.display}")
    click.echo(f"{_files(len(changed))} reformatted, {unchanged} already canonical", err=True)
