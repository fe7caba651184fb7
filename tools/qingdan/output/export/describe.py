"""The export tables described in Markdown, for docs/export.md (a test keeps the page equal to this)."""

from __future__ import annotations

from .tables import TABLES, Table

BEGIN = "<!-- tables: generated from tools/qingdan/output/export/tables.py; pytest --update-golden rewrites it -->"
END = "<!-- end of tables -->"


def _table(table: Table) -> list[str]:
    keys = f"primary key ({', '.join(table.primary_key)})"
    for fk in table.foreign_keys:
        keys += f"; ({', '.join(fk.fields)}) → {fk.table} ({', '.join(fk.reference)})"
    lines = [f"### {table.name}", "", f"{table.description} Keys: {keys}.", "",
             "| field | type | required | 列 | description |", "|---|---|---|---|---|"]
    for f in table.fields:
        allowed = f" One of: {', '.join(f.enum)}." if f.enum else ""
        lines.append(f"| `{f.name}` | {f.type} | {'yes' if f.required else ''} | {f.title or ''} | "
                     f"{f.description}{allowed} |")
    return lines


def tables_markdown() -> str:
    lines = [BEGIN, ""]
    for table in TABLES:
        lines += [*_table(table), ""]
    return "\n".join([*lines, END])
