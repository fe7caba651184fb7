"""The pull-request comment: a summary table, regressions first, one <details> per service, and never more than
GitHub's 65,536 characters (what does not fit is counted in a closing "N more not shown")."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ...core.i18n import _
from ...diff.model import Change, DiffReport, Segment
from . import Renderer
from .grouping import (
    acceptance_lines,
    accepted_line,
    brief,
    bump_line,
    class_counts,
    class_label,
    class_name,
    counts_line,
    excerpt,
    problem_title,
    sections,
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
    line = (f"- {head}{escape(where(change) + brief(change))} "
            f"<sub>{change.code} {class_label(change)} · `{change.location}`</sub>")
    if change.accepted is not None:
        line += f"\n  > {escape(accepted_line(change))}"
    if change.segments:
        line += f"\n  > {segments(excerpt(change.segments))}"
    return line


def _entry(report: DiffReport, change: Change) -> str:
    """The acceptance to paste for an open regression, as a YAML block under the change."""
    lines = acceptance_lines(report, change)
    if not lines:
        return ""
    body = "\n".join(f"  {line}" for line in lines[1:])
    return f"\n\n  {escape(lines[0])}\n\n  ```yaml\n{body}\n  ```"


def _details(title: str, changes: tuple[Change, ...]) -> str:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.cls.value] = counts.get(change.cls.value, 0) + 1
    body = "\n".join(_item(c) for c in changes)
    return f"<details><summary><b>{escape(title)}</b> — {class_counts(counts)}</summary>\n\n{body}\n\n</details>"


def render_one(report: DiffReport, budget: int = LIMIT) -> str:
    """The summary table (with the accepted changes), then the sections in a reviewer's order: open and accepted
    regressions, the institutional reform, transfers and numbering as lists; each service's changes, and the
    edition's metadata last, collapsed."""
    head = ["### " + _("qingdan diff: `{old}` → `{new}`").format(old=report.old_name, new=report.new_name), ""]
    if report.problems:
        lines = [f"- **{escape(problem_title(problem))}** `{problem.location}`: {escape(problem.text)}"
                 if problem.location.path else f"- **{escape(problem_title(problem))}**: {escape(problem.text)}"
                 for problem in report.problems]
        return "\n".join([*head, escape(counts_line(report).capitalize()), "", *lines, ""])
    if report.empty:
        return "\n".join([*head, _("No changes."), ""])
    columns = _("class"), _("changes")  # not inside the f-string, where the catalog's extractor cannot see them
    head += [f"| {columns[0]} | {columns[1]} |", "|---|---:|"]
    head += [f"| {class_name(cls)} | {n} |" for cls, n in report.counts.items()]
    accepted = _("accepted (of the regressions)")
    head += [f"| {accepted} | {len(report.accepted)} |"]
    head += ["", f"**{bump_line(report).capitalize()}**", ""]
    pieces = ["\n".join(head)]
    blocks: list[tuple[str, str]] = []  # (markdown, what it is: open, service or other)
    changes_heading = False
    for section in sections(report):
        if section.key in ("open", "accepted", "reform", "transfers", "structure"):
            blocks += [("", "other"), (f"#### {escape(section.title)}\n", "other")]
            kind = "open" if section.key == "open" else "other"
            blocks += [(_item(c, with_service=section.with_service) + _entry(report, c), kind)
                       for c in section.changes]
        elif section.key == "edition":
            blocks += [("", "other"), ("#### " + _("Edition information") + "\n", "other"),
                       (_details(section.title, section.changes), "other")]
        else:
            if not changes_heading:
                blocks += [("", "other"), ("#### " + _("Changes by service") + "\n", "other")]
                changes_heading = True
            blocks.append((_details(section.title, section.changes), "service"))
    used = len(pieces[0])
    shown = 0
    for block, _kind in blocks:
        if used + len(block) + 1 > budget - _RESERVE:
            break
        pieces.append(block)
        used += len(block) + 1
        shown += 1
    hidden = [kind for _block, kind in blocks[shown:]]
    if hidden.count("open") or hidden.count("service"):
        pieces.append("\n" + _("**{regressions} more regressions and {services} more services not shown** (GitHub's "
                               "comment limit); run `qingdan diff` locally for the full report.").format(
                                   regressions=hidden.count("open"), services=hidden.count("service")))
    return "\n".join(pieces) + "\n"


def render(reports: Sequence[DiffReport], *, color: bool = False) -> str:
    budget = LIMIT // max(1, len(reports))
    return "\n".join(render_one(report, budget) for report in reports)


REGISTERED: Renderer = render
