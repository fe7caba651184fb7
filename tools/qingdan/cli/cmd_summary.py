"""``qingdan summary``: load an edition, check it against the schemas, and count what it holds."""

from __future__ import annotations

import click

from .. import api
from ..core.i18n import _
from .options import EditionType, at_option, default_edition, emit, epilog, output_option


@click.command(
    "summary",
    short_help=_("Count what an edition holds, after its schema check."),
    help=_("Load EDITION (a folder, or a shipped edition's name; default: the newest edition), check its schemas, "
           "and print a summary: the notice, the period, and how many services, sub-rows, categories and units it "
           "holds."),
    epilog=epilog(["qingdan summary", "qingdan summary policies/2019"],
                  _("0  the edition satisfies its schemas\n"
                    "1  the edition's data fails its schemas\n"
                    "2  EDITION cannot be read or parsed")))
@click.argument("edition", required=False, type=EditionType())
@output_option()
@at_option()
def command(edition: str | None, output: str | None) -> None:
    loaded = api.load(edition or default_edition())
    meta = loaded.metadata
    parts = sum(len(s.parts) for s in loaded.services)
    # a revision made by new-edition has its notice cleared until the new one is published: say so, never "None"
    notice = " ".join(text for text in (meta.document_number, meta.title) if text) or \
        _("no notice yet (edition.yaml's document is cleared until the new notice is published)")
    not_yet = _("not yet")
    dates = dict(period=meta.period_name, start=meta.period_start, end=meta.period_end,
                 signed=meta.signed or not_yet, printed=meta.printed or not_yet)
    lines = [
        f"{loaded.path}: {notice}",
        *(["  " + meta.note] if meta.note else []),
        "  " + (_("carries out {parent}; period {period} {start}–{end}; signed {signed}, printed {printed}").format(
            parent=meta.parent.number, **dates) if meta.parent else
            _("a list at the top of its levels; period {period} {start}–{end}; signed {signed}, printed {printed}")
            .format(**dates)),
        "  " + _("{services} services ({parts} sub-rows) in {categories} categories; {units} units").format(
            services=len(loaded.services), parts=parts, categories=len(loaded.categories), units=len(loaded.units)),
        *("  " + _("{numeral}、{name}: {count} services").format(numeral=category.numeral, name=category.name,
                                                               count=len(loaded.services_in(category.id)))
          for category in loaded.categories),
        "  " + _("all documents satisfy their schemas"),
    ]
    emit("\n".join(lines) + "\n", output)
