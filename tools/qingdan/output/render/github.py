"""GitHub Actions workflow commands: one annotation per finding, errors first (GitHub shows only ten of each type
per step), waived findings as notices, then the summary line.

Escaping follows the runner's rules: in the message, % CR LF become %25 %0D %0A; in properties also : and , become
%3A and %2C, since they separate the properties.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...core.findings import Code, Report
from ...core.i18n import _
from ...core.results import Location, Result
from . import Renderer, summary


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, where: Location, title: str, message: str, *, path: str | None = None) -> str:
    """One workflow command (``::error file=…,line=…,col=…,title=…::message``) at a finding's or a change's place;
    ``path`` stands for the location's file where the repository names it otherwise."""
    file = where.path if path is None else path
    properties = [f"file={escape_property(file)}"] if file else []  # a load error may have no file to name
    if where.line is not None:
        properties.append(f"line={where.line}")
        if where.column is not None:
            properties.append(f"col={where.column}")
    properties.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(properties)}::{escape_data(message)}"


def command(finding: Result, codes: Mapping[str, Code]) -> str:
    kind = "notice" if finding.waived else finding.severity.value
    code = codes.get(finding.code)
    title = f"{finding.code} {_(code.title)}" if code else finding.code
    if finding.waived:
        title = _("{title} (waived)").format(title=title)
    subject = finding.shown_subject
    message = _("{subject}: {message}").format(subject=subject, message=finding.text) if subject else finding.text
    if finding.waived:
        message += "\n" + _("waived: {reason}").format(reason=finding.waiver_reason)
    return annotation(kind, finding.location, title, message)


def render(report: Report, codes: Mapping[str, Code], *, color: bool = False) -> str:
    ordered = [*report.errors, *report.warnings, *report.waived]
    lines = [command(finding, codes) for finding in ordered]
    lines.append(f"qingdan validate: {summary(report)}")
    return "\n".join(lines) + "\n"


REGISTERED: Renderer = render
