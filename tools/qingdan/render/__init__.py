"""Finding renderers, one module per output format, in a registry whose keys are the ``--format`` choices.

Each module defines ``render(report, codes, *, color=False) -> str``; ``codes`` are the Code declarations (title,
description, severity) the formats that describe rules need. Adding a format is a module plus a line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from ..findings import Code, Report

FORMATS = {
    "text": "qingdan.render.text",
    "json": "qingdan.render.json_format",
    "github": "qingdan.render.github",
    "sarif": "qingdan.render.sarif",
}


def render(report: Report, output_format: str, codes: Iterable[Code], *, color: bool = False, **options: bool) -> str:
    """The report in ``output_format`` (a key of FORMATS), as text ending in a newline; ``options`` are the
    format's own (text: hide_waived, quiet)."""
    module = importlib.import_module(FORMATS[output_format])
    text: str = module.render(report, {code.code: code for code in codes}, color=color, **options)
    return text


def summary(report: Report) -> str:
    """The one-line count every format that speaks to people ends with."""
    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    editions = ", ".join(report.editions)
    return (f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}, "
            f"{len(report.waived)} waived in {plural(report.files, 'file')}"
            f" ({plural(len(report.editions), 'edition')}{': ' + editions if editions else ''})")
