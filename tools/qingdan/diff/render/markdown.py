"""The pull-request comment: a summary table, regressions first, one <details> per service, and never more than
GitHub's 65,536 characters (what does not fit is counted in a closing "N more not shown")."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ...i18n import _
from ..model import Change, ChangeClass, DiffReport, Segment
from .grouping import (
    Group,
    acceptance_lines,
    accepted_line,
    bump_line,
    class_counts,
    class_label,
    class_name,
    groups,
    where,
)

LIMIT = 65_536
_RESERVE = 400  # room for the closing line and the other reports' headers


def escape(text: str) -> str:
    """Text safe inside Markdown and HTML: no tags, links, emphasis or table breaks can come from the data."""
    text = html.escape(text, quote=False)
    for char in "\\`*_[]|#~":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "<br>")


def segments(runs: tuple[Segment, ...]) -> str:
    tags = {"-": "del", "+": "ins"}
    return "".join(escape(r.text) if r.op == "=" else f"<{tags[r.op]}>{escape(r.text)}</{tags[r.op]}>"
                   for r in runs)


def _item(change: Change, with_service: bool = False) -> str:
    head = f"**{escape(change.service_label)}** — " if with_service and change.service_label else ""
    line = (f"- {head}{escape(where(change) + change.message)} "
            f"<sub>{change.code} {class_label(change)} · `{change.location}`</sub>")
    if change.accepted is not None:
        line += f"\n  > {escape(accepted_line(change))}"
    if change.segments:
        line += f"\n  > {segments(change.segments)}"
    return line


def _entry(report: DiffReport, change: Change) -> str:
    """The acceptance to paste for an open regression, as a YAML block under the change."""
    lines = acceptance_lines(report, change)
    if not lines:
        return ""
    body = "\n".join(f"  {line}" for line in lines[1:])
    return f"\n\n  {escape(lines[0])}\n\n  ```yaml\n{body}\n  ```"


def _details(group: Group) -> str:
    counts: dict[str, int] = {}
    for change in group.changes:
        counts[change.cls.value] = counts.get(change.cls.value, 0) + 1
    summary = class_counts(counts)
    body = "\n".join(_item(c) for c in group.changes)
    return f"<details><summary><b>{escape(group.title)}</b> — {summary}</summary>\n\n{body}\n\n</details>"


def render_one(report: DiffReport, budget: int = LIMIT) -> str:
    head = ["### " + _("qingdan diff: `{old}` → `{new}`").format(old=report.old_name, new=report.new_name), ""]
    if report.empty:
        return "\n".join([*head, _("No changes."), ""])
    columns = _("class"), _("changes")  # not inside the f-string, where the catalog's extractor cannot see them
    head += [f"| {columns[0]} | {columns[1]} |", "|---|---:|"]
    head += [f"| {class_name(cls)} | {n} |" for cls, n in report.counts.items()]
    head += ["", f"**{bump_line(report).capitalize()}**", ""]
    pieces = ["\n".join(head)]
    regressions = report.of_class(ChangeClass.REGRESSION)
    if regressions:
        pieces.append("#### " + _("Regressions (只增不减)") + "\n")
    blocks = [_item(c, with_service=True) + _entry(report, c) for c in regressions]
    if report.transfers:
        blocks += ["", "#### " + _("Transfers of responsibility (职责转移)") + "\n"]
        blocks += [_item(c, with_service=True) for c in report.transfers]
    blocks += ["", "#### " + _("Changes") + "\n"] + [_details(g) for g in groups(report)]
    used = len(pieces[0]) + sum(len(p) + 1 for p in pieces[1:])
    shown = 0
    for block in blocks:
        if used + len(block) + 1 > budget - _RESERVE:
            break
        pieces.append(block)
        used += len(block) + 1
        shown += 1
    hidden = blocks[shown:]
    hidden_regressions = max(0, len(regressions) - shown)
    hidden_services = len([b for b in hidden if b.startswith("<details>")])
    if hidden_regressions or hidden_services:
        pieces.append("\n" + _("**{regressions} more regressions and {services} more services not shown** (GitHub's "
                               "comment limit); run `qingdan diff` locally for the full report.").format(
                                   regressions=hidden_regressions, services=hidden_services))
    return "\n".join(pieces) + "\n"


def render(reports: Sequence[DiffReport], *, color: bool = False) -> str:
    budget = LIMIT // max(1, len(reports))
    return "\n".join(render_one(report, budget) for report in reports)
