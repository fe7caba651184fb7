"""``qingdan export``: write a validated edition as JSON, CSV, SQLite, a data package, xlsx, docx or official text."""

from __future__ import annotations

from pathlib import Path

import click

from .. import api
from ..export import FORMATS, HEADER_FORMATS, can_stream

UNRECORDED = ("docx", "text")  # the notice as published: no place to say that it was exported from invalid data


@click.command("export")
@click.argument("edition")
@click.option("--format", "format_", type=click.Choice(list(FORMATS)), required=True, help="The export format.")
@click.option("-o", "--output", default=None, metavar="OUT",
              help="A file (json, sqlite, xlsx, docx, text; csv with a .csv name: the one-row-per-service sheet alone) "
                   "or a folder (csv, datapackage); '-' for stdout (json, csv, text). Default: stdout for json, csv "
                   "and text.")
@click.option("--excel", is_flag=True, help="csv only: UTF-8 with a byte-order mark, so Excel reads Chinese text.")
@click.option("--headers", type=click.Choice(["en", "zh"]), default=None,
              help="csv and xlsx: zh for Chinese column headers and payer words, en for field names and codes. "
                   "Default: zh for xlsx, en for csv.")
@click.option("--allow-invalid", is_flag=True,
              help="Export even if validation finds errors; the output records that it did (exported_from_invalid).")
def command(edition: str, format_: str, output: str | None, excel: bool, headers: str | None,
            allow_invalid: bool) -> None:
    """Export EDITION (a folder, or a shipped edition's name) for spreadsheets, databases and other programs.

    xlsx and docx give the table in the published layout (xlsx adds sheets of structured data); text is the
    official text regenerated from the data (as `qingdan render`).

    Only data that validates is exported: with validation errors, one line on stderr names the first (qingdan
    validate lists them all) and nothing is written. Outputs are written atomically (a temporary name, then a rename).

    \b
    Exit codes: 0 exported; 1 the edition has validation errors (nothing written) or, with --allow-invalid,
    data that cannot be represented at all; 2 bad usage or unreadable input.
    """
    if excel and format_ != "csv":
        raise click.UsageError("--excel applies to the csv format only")
    if headers and format_ not in HEADER_FORMATS:
        raise click.UsageError(f"--headers applies to the {' and '.join(HEADER_FORMATS)} formats only")
    if output is None:
        if not can_stream(format_):
            kind = "folder" if format_ == "datapackage" else "file"
            raise click.UsageError(f"the {format_} format needs -o OUT (a {kind})")
        output = "-"
    elif output == "-" and not can_stream(format_):
        raise click.UsageError(f"the {format_} format cannot be written to stdout; give -o with a path")
    checked = api.load_for_export(edition, allow_invalid=allow_invalid)
    report = checked.report
    if report.errors:
        recorded = ("it is not recorded in the output: the notice has no place for it" if format_ in UNRECORDED
                    else "the output says exported_from_invalid")
        click.echo(f"qingdan: exporting despite {len(report.errors)} validation error(s) (--allow-invalid); "
                   f"{recorded}", err=True)
    options = api.export_options(excel=excel, headers=headers or HEADER_FORMATS.get(format_))
    if output == "-":
        click.echo(api.dumps(checked.edition, format_, checked.info, options), nl=False)
    else:
        api.export(checked.edition, format_, Path(output), checked.info, options)
