"""The Frictionless data package export: datapackage.json beside one CSV resource per table of tables.py.

Each resource has a table schema with field types, required fields, closed value sets, its primary key and its
foreign keys, so that ``frictionless validate datapackage.json`` checks the references between tables. How the export
was made (``exported_from_invalid`` and the format version) is in the package's ``qingdan`` property and in the
edition resource.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...core.errors import InputError
from ...core.i18n import _
from ...core.model import Edition
from ...io.atomic import build_directory
from . import ExportFormat, ExportOptions
from .outputs import earlier_export
from .rows import ExportInfo, edition_from_tables, info_from, table_rows
from .tables import TABLES, Field, Table
from .tabular import read_table, write_table

DESCRIPTOR = "datapackage.json"


def _field(field: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": field.name, "type": field.type}
    if field.title:
        out["title"] = field.title
    out["description"] = field.description
    constraints: dict[str, Any] = {}
    if field.required:
        constraints["required"] = True
    if field.enum:
        constraints["enum"] = list(field.enum)
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(f) for f in table.fields], "primaryKey": list(table.primary_key)}
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": list(fk.fields), "reference": {"resource": fk.table,
                                                                            "fields": list(fk.reference)}}
                                 for fk in table.foreign_keys]
    return {"name": table.name, "path": f"{table.name}.csv", "profile": "tabular-data-resource",
            "description": table.description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": schema}


def descriptor(edition: Edition, info: ExportInfo) -> dict[str, Any]:
    meta = edition.metadata
    return {
        "profile": "tabular-data-package",
        "name": f"qingdan-{meta.edition}".lower(),
        "title": meta.table_title or f"清单 {meta.edition}",  # a new edition's notice is empty until filled in
        "description": f"{meta.title}（{meta.document_number}）" if meta.title else f"清单 {meta.edition}（未发文）",
        "version": meta.data_version,
        "qingdan": {"format_version": info.format_version, "qingdan_version": info.qingdan_version,
                    "exported_from_invalid": info.exported_from_invalid,
                    "validation_errors": info.validation_errors},
        "resources": [_resource(table) for table in TABLES],
    }


def write(edition: Edition, out: Path, info: ExportInfo, options: ExportOptions) -> None:
    tables = table_rows(edition, info)

    def build(folder: Path) -> None:
        for table in TABLES:
            write_table(folder, table, tables.get(table.name, []))
        (folder / DESCRIPTOR).write_text(json.dumps(descriptor(edition, info), ensure_ascii=False, indent=2) + "\n",
                                         encoding="utf-8")

    build_directory(out, build, replaceable=earlier_export)


def read(path: Path) -> tuple[Edition, ExportInfo]:
    folder = path.parent if path.name == DESCRIPTOR else path
    if not (folder / DESCRIPTOR).is_file():
        raise InputError(_("not a data package: {file} is missing").format(file=DESCRIPTOR), path=folder)
    tables = {table.name: read_table(folder, table) for table in TABLES}
    return edition_from_tables(tables, folder), info_from(tables["edition"][0])


REGISTERED = ExportFormat(write=write, read=read)
