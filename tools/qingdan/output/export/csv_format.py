"""The CSV export: a folder with the spreadsheet view ``list.csv`` beside every export table as its own CSV file.

``list.csv`` has one row per service and per part (units joined with 、), for reading and filtering in a
spreadsheet; ``service_units.csv`` is the long table of who does what (column city or district, role lead or co, the
unit's level); the other files are the tables of tables.py, from which the export loads back exactly.
``edition.csv`` records how the export was made, including ``exported_from_invalid``: that is where a forced export
says so, since CSV has no place for comments. ``--excel`` writes every file as UTF-8 with a byte-order mark.
Every text cell is spreadsheet-safe (safe_cells.py) and loads back raw; ``--headers zh`` gives ``list.csv`` Chinese
column headers and payer words for people, while the machine tables keep their field names and codes.
"""

from __future__ import annotations

from pathlib import Path

from ...core.model import Edition, Part, Service
from ...core.vocabulary import FIELD_WORDS, LIST_HEADERS, PAYERS, words
from ...edition.shapes import shape
from ...io.atomic import build_directory, write_atomic
from . import ExportFormat, ExportOptions
from .outputs import earlier_export
from .rows import ExportInfo, Record, edition_from_tables, info_from, join, table_rows
from .tables import TABLES
from .tabular import read_table, table_text, write_table

LIST_FILE = "list.csv"
LIST_FIELDS = ("number", "service_id", "part_id", "category", "category_name", "name", "target", "standard",
               "funding", "payers", "city_units", "district_units", "merged")


def list_fields(edition: Edition) -> tuple[str, ...]:
    """The columns of the one-row-per-service table: LIST_FIELDS, with 服务内容 (content) before the standard in a
    shape that has that column (standard-2021)."""
    if "content" not in shape(edition.shape).text_fields:
        return LIST_FIELDS
    at = LIST_FIELDS.index("standard")
    return (*LIST_FIELDS[:at], "content", *LIST_FIELDS[at:])


def list_headers(edition: Edition) -> dict[str, str]:
    """The Chinese headers of those columns: the published table's words in the edition's shape."""
    of = shape(edition.shape)
    return {**LIST_HEADERS, **{name: of.word(name) for name in of.row_columns}}


def list_records(edition: Edition, payer_words: dict[str, str] | None = None) -> list[Record]:
    """One record per service and per part, in document order; a part repeats its service's number and name and
    shows its merged cells as the published table does (Service.shown), naming them in ``merged``.
    With ``payer_words``, payers are those words instead of codes, and ``merged`` names columns in Chinese."""
    categories = {c.id: c.name for c in edition.categories}
    column_words = {**FIELD_WORDS, **list_headers(edition), "payers": LIST_HEADERS["payers"]}
    content = "content" in shape(edition.shape).text_fields

    def merged(service: Service, part: Part | None) -> str | None:
        names = tuple(service.inherited(part)) if part is not None else ()
        return join(words(names, column_words) if payer_words else names)

    return [
        {"number": s.number, "service_id": s.id, "part_id": part.id if part else None, "category": s.category,
         "category_name": categories.get(s.category), "name": s.name, "target": row.target,
         **({"content": row.content} if content else {}), "standard": row.standard, "funding": row.funding,
         "payers": join(words(row.payers, payer_words) if payer_words else row.payers),
         "city_units": join(row.city_units), "district_units": join(row.district_units),
         "merged": merged(s, part)}
        for s in edition.services for part, row in s.shown_rows()]


def list_text(edition: Edition, *, excel: bool, headers: str) -> str:
    fields = list_fields(edition)
    if headers == "zh":
        words_of = list_headers(edition)
        return table_text(fields, list_records(edition, PAYERS), excel=excel, safe=True,
                          header=[words_of[name] for name in fields])
    return table_text(fields, list_records(edition), excel=excel, safe=True)


def dumps(edition: Edition, info: ExportInfo, options: ExportOptions) -> str:
    """The spreadsheet view alone (what ``-o -`` writes)."""
    return list_text(edition, excel=options.excel, headers=options.headers or "en")


def write(edition: Edition, out: Path, info: ExportInfo, options: ExportOptions) -> None:
    excel = options.excel
    if out.suffix == ".csv":  # a single file asked for: the spreadsheet view
        write_atomic(out, dumps(edition, info, options))
        return
    tables = table_rows(edition, info)

    def build(folder: Path) -> None:
        (folder / LIST_FILE).write_text(list_text(edition, excel=excel,
                                                  headers=options.headers or "en"),
                                        encoding="utf-8", newline="")
        for table in TABLES:
            write_table(folder, table, tables.get(table.name, []), excel=excel, safe=True)

    build_directory(out, build, replaceable=earlier_export)


def read(path: Path) -> tuple[Edition, ExportInfo]:
    tables = {table.name: read_table(path, table, safe=True) for table in TABLES}
    return edition_from_tables(tables, path), info_from(tables["edition"][0])


REGISTERED = ExportFormat(write=write, dumps=dumps, read=read)
