"""GitHub Actions workflow commands for a diff: one annotation per change at the changed line, so a pull request
shows each 只增不减 regression where it was made. Open regressions are errors, transfers of responsibility and
accepted regressions warnings, everything else a notice; then one summary line per report."""

from __future__ import annotations

from collections.abc import Sequence

from ...diff.codes import kind
from ...diff.model import TRANSFER_CODES, Change, ChangeClass, DiffReport
from ..render.github import annotation
from . import Renderer
from .grouping import accepted_line, counts_line, problem_title, subject, where


def without_revision(path: str) -> str:
    """A change's file as the repository names it: ``REV:policies/…`` (the old side, for a removal) loses REV."""
    head, _, rest = path.partition(":")
    return rest if rest and "/" not in head else path


def level(change: Change) -> str:
    if change.cls is ChangeClass.REGRESSION and change.accepted is None:
        return "error"
    if change.accepted is not None or change.code in TRANSFER_CODES:
        return "warning"
    return "notice"


def command(change: Change) -> str:
    title = f"{change.code} {kind(change.code).slug} ({change.cls.value}{', accepted' if change.accepted else ''})"
    message = f"{subject(change)}{where(change)}{change.text}"
    if change.accepted is not None:
        message += f"\n{accepted_line(change)}"
    return annotation(level(change), change.location, title, message, path=without_revision(change.location.path))


def render(reports: Sequence[DiffReport], *, color: bool = False) -> str:
    order = {"error": 0, "warning": 1, "notice": 2}  # GitHub shows only the first ten of each kind per step
    lines = []
    for report in reports:
        lines += [annotation("error", p.location, problem_title(p), p.text, path=without_revision(p.location.path))
                  for p in report.problems]
        lines += [command(c) for c in sorted(report.changes, key=lambda c: order[level(c)])]
        lines.append(f"qingdan diff {report.old_name} → {report.new_name}: {counts_line(report)}")
    return "\n".join(lines) + "\n"


REGISTERED: Renderer = render
