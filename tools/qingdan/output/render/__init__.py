"""Finding renderers, one module per output format, in a registry whose keys are the ``--format`` choices.

Each module exports ``REGISTERED: Renderer``, a function ``(report, codes, *, color=False) -> str``; ``codes`` are the
Code declarations (title, description, severity) the formats that describe rules need. A format's module is
imported only when it is used (qingdan.core.registry). Adding a format is a module plus a line here.

Text for people is in the language of the run (qingdan.core.i18n); JSON keys, codes and SARIF's structure are not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from ...core.findings import Code, Report
from ...core.i18n import _, ngettext
from ...core.registry import Registry


class Renderer(Protocol):
    """A validate output format: the report as text ending in a newline (a format may take options of its own, such
    as text's hide_waived and quiet, as keywords with defaults)."""

    def __call__(self, report: Report, codes: Mapping[str, Code], *, color: bool = False) -> str: ...


FORMATS: Registry[Renderer] = Registry(__name__, {"text": "text", "json": "json_format", "github": "github",
                                                  "sarif": "sarif"})


def render(report: Report, output_format: str, codes: Iterable[Code], *, color: bool = False, **options: bool) -> str:
    """The report in ``output_format`` (a key of FORMATS), as text ending in a newline; ``options`` are the
    format's own (text: hide_waived, quiet)."""
    return FORMATS[output_format](report, {code.code: code for code in codes}, color=color, **options)


def summary(report: Report) -> str:
    """The one-line count every format that speaks to people ends with."""
    errors, warnings, files = len(report.errors), len(report.warnings), report.files
    counts = _("{errors}, {warnings}, {waived} waived in {files}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
        waived=len(report.waived), files=ngettext("{count} file", "{count} files", files).format(count=files))
    editions = ngettext("{count} edition", "{count} editions", len(report.editions)).format(
        count=len(report.editions))
    if report.editions:
        return _("{counts} ({editions}: {names})").format(counts=counts, editions=editions,
                                                         names=", ".join(report.editions))
    return _("{counts} ({editions})").format(counts=counts, editions=editions)
