"""The SQLite export: the tables of tables.py with primary and foreign keys, indexes and a schema version.

``PRAGMA user_version`` holds the major export format version (and the edition table the full one), so a consumer
can refuse a database it does not understand. The database is built under a temporary name and renamed into place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ...core.errors import InputError, OutputError
from ...core.i18n import _
from ...core.model import Edition
from ...io.atomic import build_file
from . import ExportFormat, ExportOptions
from .rows import ExportInfo, Tables, UnrepresentableDataError, edition_from_tables, info_from, table_rows
from .tables import FORMAT_VERSION, TABLES, Field, Table

USER_VERSION = int(FORMAT_VERSION.split(".")[0])
_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _check(field: Field) -> str:
    if not field.enum:
        return ""
    allowed = ", ".join("'" + value.replace("'", "''") + "'" for value in field.enum)
    return f" CHECK ({_quote(field.name)} IN ({allowed}))"


def ddl(table: Table) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements for one table."""
    columns = [f"{_quote(f.name)} {_SQL_TYPES[f.type]}{' NOT NULL' if f.required else ''}{_check(f)}"
               for f in table.fields]
    columns.append(f"PRIMARY KEY ({', '.join(map(_quote, table.primary_key))})")
    columns += [f"UNIQUE ({', '.join(map(_quote, unique))})" for unique in table.unique]
    columns += [f"FOREIGN KEY ({', '.join(map(_quote, fk.fields))}) REFERENCES {_quote(fk.table)} "
                f"({', '.join(map(_quote, fk.reference))})" for fk in table.foreign_keys]
    statements = [f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(columns) + "\n)"]
    statements += [f"CREATE INDEX {_quote('ix_' + table.name + '_' + '_'.join(index))} ON {_quote(table.name)} "
                   f"({', '.join(map(_quote, index))})" for index in table.indexes]
    return statements


def _fill(connection: sqlite3.Connection, tables: Tables) -> None:
    for table in TABLES:
        for statement in ddl(table):
            connection.execute(statement)
        names = table.field_names
        connection.executemany(
            f"INSERT INTO {_quote(table.name)} ({', '.join(map(_quote, names))}) "
            f"VALUES ({', '.join('?' * len(names))})",
            [tuple(record[name] for name in names) for record in tables.get(table.name, [])])
    connection.execute(f"PRAGMA user_version = {USER_VERSION}")


def write(edition: Edition, out: Path, info: ExportInfo, options: ExportOptions) -> None:
    tables = table_rows(edition, info)

    def build(path: Path) -> None:
        connection = sqlite3.connect(path)
        try:
            with connection:
                _fill(connection, tables)
        except sqlite3.IntegrityError as error:
            # Only data that fails the schema's own identity rules gets here, and only with --allow-invalid.
            raise UnrepresentableDataError(
                _("cannot export to SQLite: the data breaks a table constraint ({error})").format(error=error)
            ) from error
        except sqlite3.DatabaseError as error:
            # a full disk, a file-size limit, an unwritable folder: the output's fault, not a bug; named by the
            # output path (never the temporary file's)
            raise OutputError(_("cannot write the database: {error}").format(error=error), path=out) from None
        finally:
            connection.close()

    build_file(out, build, create=True)  # sqlite creates its file itself


def _typed(table: Table, record: sqlite3.Row) -> dict[str, Any]:
    booleans = {f.name for f in table.fields if f.type == "boolean"}
    return {name: bool(record[name]) if name in booleans else record[name] for name in table.field_names}


def read(path: Path) -> tuple[Edition, ExportInfo]:
    if not path.is_file():
        raise InputError(_("no such SQLite export"), path=path)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != USER_VERSION:
            raise InputError(_("not a qingdan SQLite export of format {expected} (user_version is {version})")
                             .format(expected=USER_VERSION, version=version), path=path)
        tables = {table.name: [_typed(table, r) for r in connection.execute(f"SELECT * FROM {_quote(table.name)}")]
                  for table in TABLES}
    except sqlite3.DatabaseError as error:
        raise InputError(_("cannot read the SQLite export: {error}").format(error=error), path=path) from error
    finally:
        connection.close()
    return edition_from_tables(tables, path), info_from(tables["edition"][0])


REGISTERED = ExportFormat(write=write, read=read)
