"""``qingdan new-edition``: start a revision of the list from an existing edition."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api


@click.command("new-edition")
@click.argument("source", metavar="FROM", type=click.Path(path_type=Path))
@click.argument("target", metavar="TO", type=click.Path(path_type=Path))
def command(source: Path, target: Path) -> None:
    """Copy the edition FROM to the new folder TO, keeping every stable id, with the notice cleared.

    The document metadata of the old notice (number, issuer, title, dates, recipients, preamble, requirements,
    copy_to, printer, table_title) is emptied for the new notice; services, units, categories, parent policy
    and period are kept, `edition` becomes TO's folder name and `previous` names FROM. The old official text
    (source.txt) is not copied: `source` is null until the new notice is published and imported. TO must not
    exist.

    \b
    Example:
      qingdan new-edition policies/2017 policies/2019

    \b
    Exit codes: 0 created; 2 FROM is not an edition, or TO exists or cannot be made.
    """
    created = api.new_edition(source, target)
    click.echo(f"created edition {created.name} in {created} from {source} (previous: {source.name})")
    click.echo(f"  cleared document: {', '.join(api.cleared_fields())}")
    click.echo(f"  not copied: the official text of {source.name} (source: null until the new notice is imported;"
               " validate skips the rules that read it)")
    click.echo(f"  next: fill in {created / 'edition.yaml'} for the new notice, then edit the services")
