"""The terminal format: one block per service in document order; colour only when asked (on a TTY)."""

from __future__ import annotations

from collections.abc import Sequence

from ...core.i18n import pad
from ...diff.model import Change, ChangeClass, DiffReport, Segment
from . import Renderer
from .grouping import (
    acceptance_lines,
    accepted_line,
    brief,
    class_name,
    excerpt,
    heading,
    problem_line,
    sections,
    subject,
    where,
)

_COLOURS = {ChangeClass.REGRESSION: "31", ChangeClass.IMPROVEMENT: "32", ChangeClass.STRUCTURAL: "36",
            ChangeClass.EDITORIAL: "2"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def segments(runs: tuple[Segment, ...], color: bool) -> str:
    """Kept text plain; removed as [-…-] and added as {+…+} (git's word-diff marks), or red and green."""
    out = []
    for run in runs:
        if run.op == "=":
            out.append(run.text)
        elif color:
            out.append(_paint(run.text, "9;31" if run.op == "-" else "4;32", True))
        else:
            out.append(f"[-{run.text}-]" if run.op == "-" else f"{{+{run.text}+}}")
    return "".join(out).replace("\n", "⏎\n        ")


def _change(change: Change, color: bool, with_service: bool = False) -> list[str]:
    label = _paint(pad(class_name(change.cls), 11), _COLOURS[change.cls], color)
    head = subject(change) if with_service else ""
    lines = [f"  {change.code} {label} {head}{where(change)}{brief(change)}  ({change.location})"]
    if change.accepted is not None:
        lines.append(f"        {accepted_line(change)}")
    if change.segments:
        lines.append(f"        {segments(excerpt(change.segments), color)}")
    return lines


def render_one(report: DiffReport, color: bool = False) -> str:
    """The heading with the counts, then the sections in a reviewer's order (see grouping.sections)."""
    lines = [heading(report)]
    lines += [f"  {_paint(problem_line(problem), _COLOURS[ChangeClass.REGRESSION], color)}"
              for problem in report.problems]
    for section in sections(report):
        lines += ["", _paint(section.title, "1", color)]
        for change in section.changes:
            lines.extend(_change(change, color, with_service=section.with_service))
            entry = acceptance_lines(report, change)
            if entry:
                lines.append(f"        {entry[0]}")
                lines.extend(entry[1:])
    return "\n".join(lines) + "\n"


def render(reports: Sequence[DiffReport], *, color: bool = False) -> str:
    return "\n".join(render_one(report, color) for report in reports)


REGISTERED: Renderer = render
