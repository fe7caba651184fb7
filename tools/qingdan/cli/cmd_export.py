"""``qingdan export``: write a validated edition as JSON, CSV, SQLite, a data package, xlsx, docx or official text."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..core.i18n import _
from ..output.export import FORMATS, HEADER_FORMATS, can_stream
from .options import (
    Choice,
    EditionType,
    at_option,
    default_edition,
    epilog,
    format_choice,
    output_option,
    quiet_option,
)

UNRECORDED = ("docx", "text")  # the notice as published: no place to say that it was exported from invalid data


@click.command(
    "export",
    short_help=_("Export an edition as JSON, CSV, SQLite, xlsx, docx or text."),
    help=_("Export EDITION (a folder, or a shipped edition's name such as 2017; default: the newest edition) for "
           "spreadsheets, databases and other programs.\n"
           "\n"
           "xlsx and docx give the table in the published layout (xlsx adds sheets of structured data); text is the "
           "official text regenerated from the data (as `qingdan render`).\n"
           "\n"
           "Only data that validates is exported: with validation errors, the findings are printed on stderr, one "
           "per line, and nothing is written. Outputs are written atomically (a temporary name, then a rename)."),
    epilog=epilog(["qingdan export 2017 --format json > list.json",
                   "qingdan export 2017 --format sqlite -o list.sqlite",
                   "qingdan export 2017 --format xlsx -o 清单.xlsx"],
                  _("0  exported\n"
                    "1  the edition has validation errors (nothing written) or, with --allow-invalid, data that "
                    "cannot be represented at all\n"
                    "2  bad usage or unreadable input")))
@click.argument("edition", required=False, type=EditionType())
@click.option("--format", "format_", type=format_choice(FORMATS), required=True, help=_("The export format."))
@output_option(_("A file (json, sqlite, xlsx, docx, text; csv with a .csv name: the one-row-per-service sheet "
                 "alone) or a folder (csv, datapackage); '-' for stdout (json, csv, text). Default: stdout for "
                 "json, csv and text."), metavar="OUT")
@click.option("--excel", is_flag=True,
              help=_("csv only: UTF-8 with a byte-order mark, so Excel reads Chinese text; list.csv gets Chinese "
                     "headers unless --headers en."))
@click.option("--headers", type=Choice(["zh", "en"]), default=None,
              help=_("csv and xlsx: zh for Chinese column headers and payer words, en for field names and codes. "
                     "Default: zh for xlsx and for csv with --excel, en for csv."))
@click.option("--allow-invalid", is_flag=True,
              help=_("Export even if validation finds errors; the output records that it did "
                     "(exported_from_invalid)."))
@quiet_option(_("No note when exporting despite errors (--allow-invalid); the errors are still listed."))
@at_option()
def command(edition: str | None, format_: str, output: str | None, excel: bool, headers: str | None,
            allow_invalid: bool, quiet: bool = False) -> None:
    if excel and format_ != "csv":
        raise click.UsageError(_("--excel applies to the csv format only"))
    if headers and format_ not in HEADER_FORMATS:
        raise click.UsageError(_("--headers applies to the {formats} formats only").format(
            formats=" and ".join(HEADER_FORMATS)))
    if output is None:
        if not can_stream(format_):
            raise click.UsageError((_("the {format} format needs -o OUT (a folder)") if format_ == "datapackage"
                                    else _("the {format} format needs -o OUT (a file)")).format(format=format_))
        output = "-"
    elif output == "-" and not can_stream(format_):
        raise click.UsageError(_("the {format} format cannot be written to stdout; give -o with a path").format(
            format=format_))
    checked = api.load_for_export(edition or default_edition(quiet=quiet), allow_invalid=allow_invalid)
    report = checked.report
    if report.errors and not quiet:
        note = (_("exporting despite {count} validation error(s) (--allow-invalid); it is not recorded in the "
                  "output: the notice has no place for it") if format_ in UNRECORDED
                else _("exporting despite {count} validation error(s) (--allow-invalid); the output says "
                       "exported_from_invalid"))
        click.echo("qingdan: " + note.format(count=len(report.errors)), err=True)
    # --excel is for people opening the file in a spreadsheet: Chinese headers unless --headers en
    options = api.ExportOptions(excel=excel, headers=headers or ("zh" if excel else HEADER_FORMATS.get(format_)))
    if output == "-":
        click.echo(api.dumps(checked.edition, format_, checked.info, options), nl=False)
    else:
        api.export_edition(checked.edition, format_, Path(output), checked.info, options)
