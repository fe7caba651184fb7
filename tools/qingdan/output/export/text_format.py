"""The official text regenerated from the data (``export --format text``, ``qingdan render``): see official_layout.py.

The text is what ``qingdan import`` reads, so a revision's published text is produced from its data, never typed
twice. How it was exported is not part of the published text; the CLI reports a forced export on stderr.
"""

from __future__ import annotations

from pathlib import Path

from ...core.model import Edition
from ...io.atomic import write_atomic
from ..official_layout import render
from . import ExportFormat, ExportOptions
from .rows import ExportInfo


def dumps(edition: Edition, info: ExportInfo, options: ExportOptions) -> str:
    return render(edition)


def write(edition: Edition, out: Path, info: ExportInfo, options: ExportOptions) -> None:
    write_atomic(out, render(edition))


REGISTERED = ExportFormat(write=write, dumps=dumps)
