"""Exports of an edition for downstream use, one module per format, and the readers that load them back.

Adding a format is adding a module that defines ``write(edition, out, info, options)``, ``read(path)`` when the
export loads back (LOADABLE), and ``dumps(edition, info, options)`` when the format can go to stdout, plus a line in
FORMATS.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ..errors import InputError
from ..i18n import _
from ..model import Edition
from .rows import ExportInfo

FORMATS: dict[str, str] = {
    "json": "qingdan.export.json_format",
    "csv": "qingdan.export.csv_format",
    "sqlite": "qingdan.export.sqlite_format",
    "datapackage": "qingdan.export.datapackage_format",
    "xlsx": "qingdan.export.xlsx_format",
    "docx": "qingdan.export.docx_format",
    "text": "qingdan.export.text_format",
}
# The formats that ``read`` loads back into an Edition; the others (xlsx, docx, text) are for people to read and print.
LOADABLE = ("json", "csv", "sqlite", "datapackage")
# Formats that speak to people: Chinese column headers and words for codes unless --headers en (csv: --headers zh).
HEADER_FORMATS = {"csv": "en", "xlsx": "zh"}


@dataclass(frozen=True)
class ExportOptions:
    excel: bool = False  # csv only: UTF-8 with a byte-order mark, which Excel needs to read Chinese text
    headers: str | None = None  # csv and xlsx: "zh" (Chinese headers and words) or "en" (field names and codes)


def format_module(name: str) -> ModuleType:
    if name not in FORMATS:
        raise InputError(_("unknown export format {name!r} (known: {known})").format(
            name=name, known=", ".join(FORMATS)))
    return importlib.import_module(FORMATS[name])


def can_stream(name: str) -> bool:
    """Whether the format can be written to stdout (``-o -``)."""
    return hasattr(format_module(name), "dumps")


def export(edition: Edition, name: str, out: Path, info: ExportInfo, options: ExportOptions = ExportOptions()) -> None:
    """Write ``edition`` in format ``name`` to ``out`` (a file or a folder, by format), atomically."""
    format_module(name).write(edition, out, info, options)


def dumps(edition: Edition, name: str, info: ExportInfo, options: ExportOptions = ExportOptions()) -> str:
    """The export as text, for formats that can stream (json; csv gives its one-row-per-service sheet)."""
    module = format_module(name)
    if not hasattr(module, "dumps"):
        raise InputError(_("the {name} format cannot be written to stdout; give -o with a path").format(name=name))
    text: str = module.dumps(edition, info, options)
    return text


def read(name: str, path: Path) -> tuple[Edition, ExportInfo]:
    """Load an export back into an Edition, with how it was made."""
    result: tuple[Edition, ExportInfo] = format_module(name).read(path)
    return result


__all__ = ["FORMATS", "HEADER_FORMATS", "LOADABLE", "ExportInfo", "ExportOptions", "can_stream", "dumps", "export",
           "read"]
