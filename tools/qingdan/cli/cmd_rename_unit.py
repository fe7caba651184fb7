"""``qingdan rename-unit``: rename (or merge) a unit across an edition's registry and rows, recording the lineage."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api


@click.command("rename-unit")
@click.argument("old")
@click.argument("new")
@click.argument("edition", required=False, type=click.Path(path_type=Path))
@click.option("--since", metavar="DATE", help="When the rename took effect (YYYY-MM-DD), recorded in units.yaml.")
@click.option("--basis", metavar="TEXT", help="The instrument of the rename (such as the reform notice).")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
def command(old: str, new: str, edition: Path | None, since: str | None, basis: str | None, dry_run: bool) -> None:
    """Rename unit OLD to NEW in units.yaml and in every row of every service of EDITION, in one step.

    The registry entry of OLD takes the name NEW and records `replaces: [OLD]`, so qingdan diff shows the rename
    as one line and validate catches any place still naming OLD. If NEW is already a unit, OLD is merged into
    it: OLD's entry goes, NEW's `replaces` gains OLD, and a row naming both keeps NEW once. Every file is
    written, or none.

    EDITION is an edition folder (or the name of one under policies/); by default the newest edition under
    policies/ (the one no other edition names as previous). Run it on a revision made with new-edition.

    \b
    Example:
      qingdan rename-unit 区卫生计生委 区卫生健康委 2019 --since 2019-03-01 --basis 万州区机构改革方案

    \b
    Exit codes: 0 renamed; 2 OLD is not in units.yaml, or a file cannot be read or written (nothing written).
    """
    folder = api.edition_folder(edition)
    if since is not None:
        _check_date(since)
    done = api.rename_unit(folder, old, new, since=since, basis=basis, dry_run=dry_run)
    verb = "merged" if done.merged else "renamed"
    prefix = "would have " if dry_run else ""
    for path in done.files:
        click.echo(f"  {'would write' if dry_run else 'wrote'} {path}")
    services, files = len(done.services), len(done.files)
    click.echo(f"{prefix}{verb} {old} → {new} in {folder}: {services} service{'s' if services != 1 else ''}, "
               f"{files} file{'s' if files != 1 else ''}")


def _check_date(text: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date (YYYY-MM-DD)", param_hint="--since") from None
