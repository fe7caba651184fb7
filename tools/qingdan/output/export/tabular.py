"""CSV files of the export tables: typed values out, and the same typed values back in.

An empty cell is null (the Frictionless default), which is safe because no exported text is ever empty: the schemas
require every text to have at least one character. Numbers are written as Python writes them (800, 4.7), booleans as
true/false, so that Frictionless reads them with its default settings.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...core.errors import InputError
from ...core.i18n import _, os_error
from .rows import Record
from .safe_cells import neutralise, unneutralise
from .tables import Table

BOM = "\ufeff"


def _cell(value: Any, safe: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise(value) if safe else value  # numbers are never neutralised: -2 stays a number
    return str(value)


def table_text(fields: Iterable[str], records: Iterable[Record], *, excel: bool = False, safe: bool = False,
               header: Iterable[str] | None = None) -> str:
    """CSV text of ``records``; ``safe`` neutralises text cells a spreadsheet would run as formulas (safe_cells.py);
    ``header`` replaces the field names in the first row."""
    names = list(fields)
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")  # RFC 4180 line ends, which Excel and Frictionless expect
    writer.writerow(list(header) if header is not None else names)
    for record in records:
        writer.writerow([_cell(record[name], safe) for name in names])
    return (BOM if excel else "") + stream.getvalue()


def write_table(folder: Path, table: Table, records: list[Record], *, excel: bool = False,
                safe: bool = False) -> None:
    (folder / f"{table.name}.csv").write_text(table_text(table.field_names, records, excel=excel, safe=safe),
                                             encoding="utf-8", newline="")


def _value(text: str, type_: str, safe: bool) -> Any:
    if text == "":
        return None
    if type_ == "string":
        return unneutralise(text) if safe else text
    if type_ == "integer":
        return int(text)
    if type_ == "number":
        try:
            return int(text)
        except ValueError:
            return float(text)
    if type_ == "boolean":
        return text == "true"
    return text


def read_table(folder: Path, table: Table, *, safe: bool = False) -> list[Record]:
    path = folder / f"{table.name}.csv"
    try:
        text = path.read_text(encoding="utf-8-sig")  # accepts the --excel byte-order mark
    except OSError as error:
        raise InputError(_("cannot read the export table: {reason}").format(reason=os_error(error)),
                         path=path) from error
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or tuple(rows[0]) != table.field_names:
        raise InputError(_("not a qingdan export table: expected the columns {columns}")
                         .format(columns=", ".join(table.field_names)), path=path, line=1)
    types = [f.type for f in table.fields]
    return [{name: _value(cell, type_, safe) for name, cell, type_ in zip(table.field_names, row, types, strict=True)}
            for row in rows[1:]]
