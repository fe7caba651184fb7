"""``qingdan new-edition``: start a revision of the list from an existing edition."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..core.i18n import _, listing
from .options import EditionType, epilog, quiet_option


@click.command(
    "new-edition",
    short_help=_("Start a revision: copy an edition, ids kept, notice cleared."),
    help=_("Copy the edition FROM (a folder, or a shipped edition's name such as 2017) to the new folder TO, keeping "
           "every stable id, with the notice cleared.\n"
           "\n"
           "The document metadata of the old notice (number, issuer, title, dates, recipients, preamble, "
           "requirements, copy_to, printer, table_title) is emptied for the new notice; services, units, categories, "
           "parent policy and period are kept, `edition` becomes TO's folder name and `previous` names FROM, so TO "
           "must be beside FROM. The old official text (source.txt) is not copied: `source` is null until the new "
           "notice is published and imported. TO must not exist. A TO with FROM's own name in another folder is a "
           "copy of the same edition, made unchanged (to edit a shipped edition in a repository)."),
    epilog=epilog(["qingdan new-edition policies/2017 policies/2019", "qingdan new-edition 2017 policies/2019"],
                  _("0  created\n"
                    "2  FROM is not an edition, or TO exists or cannot be made")))
@click.argument("source", metavar="FROM", type=EditionType(path=True))
@click.argument("target", metavar="TO", type=click.Path(path_type=Path))
@quiet_option(_("Print nothing but errors."))
def command(source: Path, target: Path, quiet: bool) -> None:
    copied = api.is_copy(source, target)
    created = api.start_revision(source, target)
    if quiet:
        return
    if copied:
        click.echo(_("copied edition {name} to {folder} unchanged: the same edition, to edit here (a revision of it "
                     "goes beside it: qingdan new-edition {folder} {example})").format(
            name=created.name, folder=created, example=created.parent / "NEW"))
        return
    predecessor = api.previous_edition(created)  # new-edition always names one
    previous = predecessor.name if predecessor is not None else None
    click.echo(_("created edition {name} in {folder} from {source} (previous: {previous})").format(
        name=created.name, folder=created, source=source, previous=previous))
    click.echo("  " + _("cleared document: {fields}").format(fields=listing(
        _("{key} ({title})").format(title=title, key=key) for key, title in api.cleared_fields())))
    click.echo("  " + _("not copied: the official text of {previous} (source: null until the new notice is imported; "
                        "validate skips the rules that read it)").format(previous=source.name))
    click.echo("  " + _("next: fill in {file} for the new notice, then edit the services").format(
        file=created / "edition.yaml"))
