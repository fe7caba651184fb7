"""Exports of an edition for downstream use, one module per format, and the readers that load them back.

Adding a format is adding a module that exports ``REGISTERED = ExportFormat(write=..., dumps=..., read=...)``:
``write(edition, out, info, options)``, ``dumps(edition, info, options)`` when the format can go to stdout, and
``read(path)`` when the export loads back (then its name goes in LOADABLE too), plus a line in FORMATS. The module
is imported only when its format is used (qingdan.core.registry).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...core.errors import InputError
from ...core.i18n import _
from ...core.model import Edition
from ...core.records import frozen
from ...core.registry import Registry
from .rows import ExportInfo


@frozen
class ExportOptions:
    """What ``qingdan export`` lets a user choose beyond the format."""

    excel: bool = False  # csv only: UTF-8 with a byte-order mark, which Excel needs to read Chinese text
    headers: str | None = None  # csv and xlsx: "zh" (Chinese headers and words) or "en" (field names and codes)


@frozen
class ExportFormat:
    """An export format: how it writes a file or folder, and, where it can, how it streams and how it loads back."""

    write: Callable[[Edition, Path, ExportInfo, ExportOptions], None]
    dumps: Callable[[Edition, ExportInfo, ExportOptions], str] | None = None
    read: Callable[[Path], tuple[Edition, ExportInfo]] | None = None


FORMATS: Registry[ExportFormat] = Registry(__name__, {
    "json": "json_format",
    "csv": "csv_format",
    "sqlite": "sqlite_format",
    "datapackage": "datapackage_format",
    "xlsx": "xlsx_format",
    "docx": "docx_format",
    "text": "text_format",
})
# The formats that ``read`` loads back into an Edition; the others (xlsx, docx, text) are for people to read and print.
LOADABLE = ("json", "csv", "sqlite", "datapackage")
# Formats that speak to people: Chinese column headers and words for codes unless --headers en (csv: --headers zh).
HEADER_FORMATS = {"csv": "en", "xlsx": "zh"}


def format_of(name: str) -> ExportFormat:
    """The export format ``name``, its module imported now; an InputError for an unknown one."""
    if name not in FORMATS:
        raise InputError(_("unknown export format {name!r} (known: {known})").format(
            name=name, known=", ".join(FORMATS)))
    return FORMATS[name]


def can_stream(name: str) -> bool:
    """Whether the format can be written to stdout (``-o -``)."""
    return format_of(name).dumps is not None


def export(edition: Edition, name: str, out: Path, info: ExportInfo,
           options: ExportOptions = ExportOptions()) -> None:  # noqa: B008  (immutable: @frozen)
    """Write ``edition`` in format ``name`` to ``out`` (a file or a folder, by format), atomically."""
    format_of(name).write(edition, out, info, options)


def dumps(edition: Edition, name: str, info: ExportInfo,
          options: ExportOptions = ExportOptions()) -> str:  # noqa: B008  (immutable: @frozen)
    """The export as text, for formats that can stream (json; csv gives its one-row-per-service sheet)."""
    streaming = format_of(name).dumps
    if streaming is None:
        raise InputError(_("the {name} format cannot be written to stdout; give -o with a path").format(name=name))
    return streaming(edition, info, options)


def read(name: str, path: Path) -> tuple[Edition, ExportInfo]:
    """Load an export back into an Edition, with how it was made."""
    reading = format_of(name).read
    if reading is None:
        raise InputError(_("the {name} format is not read back (known: {known})").format(
            name=name, known=", ".join(LOADABLE)))
    return reading(path)


__all__ = ["FORMATS", "HEADER_FORMATS", "LOADABLE", "ExportFormat", "ExportInfo", "ExportOptions", "can_stream",
           "dumps", "export", "format_of", "read"]
