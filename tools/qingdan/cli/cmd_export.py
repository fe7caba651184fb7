"""``qingdan export``: write a validated edition as JSON, CSV, SQLite or a Frictionless data package."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..edition import load_edition, resolve_edition_path
from ..export import FORMATS, ExportInfo, Options, can_stream, dumps, export
from ..validation import validate_and_load


@click.command("export")
@click.argument("edition")
@click.option("--format", "format_", type=click.Choice(list(FORMATS)), required=True, help="The export format.")
@click.option("-o", "--output", default=None, metavar="OUT",
              help="A file (json, sqlite; csv with a .csv name: the one-row-per-service sheet alone) or a folder "
                   "(csv, datapackage); '-' for stdout (json, csv). Default: stdout for json and csv.")
@click.option("--excel", is_flag=True, help="csv only: UTF-8 with a byte-order mark, so Excel reads Chinese text.")
@click.option("--allow-invalid", is_flag=True,
              help="Export even if validation finds errors; the output records that it did (exported_from_invalid).")
def command(edition: str, format_: str, output: str | None, excel: bool, allow_invalid: bool) -> None:
    """Export EDITION (a folder, or a shipped edition's name) for spreadsheets, databases and other programs.

    Only data that validates is exported: with validation errors, the findings are printed on stderr, one per
    line, and nothing is written. Outputs are written atomically (a temporary name, then a rename).

    \b
    Exit codes: 0 exported; 1 the edition has validation errors (nothing written) or, with --allow-invalid,
    data that cannot be represented at all; 2 bad usage or unreadable input.
    """
    if excel and format_ != "csv":
        raise click.UsageError("--excel applies to the csv format only")
    if output is None:
        if not can_stream(format_):
            kind = "file" if format_ == "sqlite" else "folder"
            raise click.UsageError(f"the {format_} format needs -o OUT (a {kind})")
        output = "-"
    elif output == "-" and not can_stream(format_):
        raise click.UsageError(f"the {format_} format cannot be written to stdout; give -o with a path")
    path = resolve_edition_path(edition)
    report, loaded = validate_and_load(path)
    for finding in report.errors:
        click.echo(f"{finding.location}: {finding.code} {finding.message}", err=True)
    if report.errors and not allow_invalid:
        click.echo(f"qingdan: not exported: {len(report.errors)} validation error(s); "
                   "--allow-invalid exports anyway and records it", err=True)
        sys.exit(1)
    if report.errors:
        click.echo(f"qingdan: exporting despite {len(report.errors)} validation error(s) (--allow-invalid); "
                   "the output says exported_from_invalid", err=True)
    info = ExportInfo(exported_from_invalid=bool(report.errors), validation_errors=len(report.errors))
    if loaded is None:  # the schemas failed (--allow-invalid): load_edition names the first problem
        loaded = load_edition(path)
    options = Options(excel=excel)
    if output == "-":
        click.echo(dumps(loaded, format_, info, options), nl=False)
    else:
        export(loaded, format_, Path(output), info, options)
