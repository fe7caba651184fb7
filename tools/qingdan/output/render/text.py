"""The terminal format: findings grouped by file, waivers shown with their reasons, a summary line with counts."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby

from ...core.findings import Code, Report
from ...core.i18n import N_, _, pad
from ...core.results import Result
from . import Renderer, summary

STATUS = {"error": N_("error"), "warning": N_("warning"), "waived": N_("waived")}

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "waived": "\033[2m", "path": "\033[1m"}
_RESET = "\033[0m"


def _paint(text: str, kind: str, color: bool) -> str:
    return f"{_COLOURS[kind]}{text}{_RESET}" if color else text


def _line(finding: Result, color: bool) -> list[str]:
    where = finding.location
    position = "-" if where.line is None else f"{where.line}" + (f":{where.column}" if where.column else "")
    status = "waived" if finding.waived else finding.severity.value
    subject = finding.shown_subject
    message = _("{subject}: {message}").format(subject=subject, message=finding.text) if subject else finding.text
    word = pad(_(STATUS[status]), 7)
    lines = [f"  {position:<8} {_paint(word, status, color)} {finding.code}  {message}"]
    if finding.waived:
        reason = _("waived: {reason}").format(reason=finding.waiver_reason)
        lines.append(_paint(f"  {'':<8} {'':<7} {'':5}  {reason}", "waived", color))
    return lines


def render(report: Report, codes: Mapping[str, Code], *, color: bool = False, hide_waived: bool = False,
           quiet: bool = False) -> str:
    """``hide_waived`` leaves waived findings out (the summary still counts them); ``quiet`` shows errors alone."""
    shown = report.errors if quiet else report.active if hide_waived else report.findings
    out: list[str] = []
    for path, findings in groupby(shown, key=lambda f: f.location.path):
        out.append(_paint(path, "path", color))
        for finding in findings:
            out += _line(finding, color)
        out.append("")
    if quiet:
        return "\n".join(out[:-1]) + "\n" if out else ""  # no blank line after the last file
    out += [_("note: {note}").format(note=note) for note in report.notes]
    verdict = _("FAILED: {summary}") if report.errors else _("ok: {summary}")
    out.append(_paint(verdict.format(summary=summary(report)), "error" if report.errors else "path", color))
    return "\n".join(out) + "\n"


REGISTERED: Renderer = render
