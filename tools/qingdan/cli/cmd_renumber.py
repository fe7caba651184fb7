"""``qingdan renumber``: number an edition's services 1..N in document order after an insertion or removal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import api
from ..errors import EXIT_FAILURE


@click.command("renumber")
@click.argument("edition", required=False, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Write nothing; list what would be renumbered and exit 1 if anything.")
def command(edition: Path | None, check: bool) -> None:
    """Number the services of EDITION 1..N: by category (as edition.yaml orders them), then by current number.

    Give an inserted service the number of the service it goes before; renumber then moves that service and
    every later one down by one (where two share a number, the one new since the predecessor comes first).
    After a removal it closes the gap. Waivers, acceptances and source-text findings refer to services by id,
    so nothing else needs to change. Every file is written, or none.

    EDITION is an edition folder (or the name of one under policies/); by default the newest edition under
    policies/.

    \b
    Example:
      qingdan renumber 2019

    \b
    Exit codes: 0 renumbered (or nothing to do); 1 with --check, something would be renumbered; 2 a file
    cannot be read or written (nothing written).
    """
    folder = api.edition_folder(edition)
    moved, files = api.renumber(folder, dry_run=check)
    for move in moved:
        click.echo(f"  {move.id}: {move.old} → {move.new}")
    if check:
        click.echo(f"{len(moved)} services would be renumbered in {folder}", err=True)
        sys.exit(EXIT_FAILURE if moved else 0)
    click.echo(f"{len(moved)} services renumbered in {folder} ({len(files)} files written)")
