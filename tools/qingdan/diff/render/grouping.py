"""What every format shares: changes grouped by service (edition-level ones first), and short summaries, in the
language of the run (class names and headings through the catalog; the JSON keeps the class slugs)."""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import N_, _, ngettext
from ..model import Change, ChangeClass, DiffReport

CLASS_NAMES = {ChangeClass.REGRESSION: N_("regression"), ChangeClass.IMPROVEMENT: N_("improvement"),
               ChangeClass.STRUCTURAL: N_("structural"), ChangeClass.EDITORIAL: N_("editorial")}
BUMP_NAMES = {"none": N_("none"), "patch": N_("patch"), "minor": N_("minor"), "major": N_("major")}
STRUCTURE_TITLE = N_("numbering and order")
EDITION_TITLE = N_("edition information")


def class_name(cls: ChangeClass | str) -> str:
    """A change class as people read it in this run's language."""
    return _(CLASS_NAMES[ChangeClass(cls)])


@dataclass(frozen=True)
class Group:
    """The changes of one service, or of the edition (``key`` "edition") or the numbering (``key`` "structure")."""

    key: str
    title: str
    changes: tuple[Change, ...]

    @property
    def worst(self) -> ChangeClass:
        return min((c.cls for c in self.changes), key=lambda cls: cls.rank)


def groups(report: DiffReport) -> list[Group]:
    order: list[str] = []
    members: dict[str, list[Change]] = {}
    titles: dict[str, str] = {}
    for change in report.changes:
        if change.service is not None:
            key = change.service
            titles.setdefault(key, f"{change.service_label} ({change.service})")
        elif change.code == "QC105" or change.code == "QC106":
            key, titles["structure"] = "structure", _(STRUCTURE_TITLE)
        else:
            key, titles["edition"] = "edition", _(EDITION_TITLE)
        if key not in members:
            order.append(key)
            members[key] = []
        members[key].append(change)
    return [Group(key, titles[key], tuple(members[key])) for key in order]


def class_counts(counts: dict[str, int]) -> str:
    """``1 regression, 2 editorial``: the classes that occur, with their number."""
    return _(", ").join(_("{count} {change_class}").format(count=n, change_class=class_name(cls))
                        for cls, n in counts.items() if n)


def counts_line(report: DiffReport) -> str:
    if report.empty:
        return _("no changes")
    parts = class_counts(report.counts)
    if report.accepted:
        parts += _(", ") + _("{count} accepted").format(count=len(report.accepted))
    total = len(report.changes)
    return ngettext("{count} change ({parts})", "{count} changes ({parts})", total).format(count=total, parts=parts)


def class_label(change: Change) -> str:
    """The change's class, with "accepted" where the new edition accepts it."""
    if change.accepted is not None:
        return _("{change_class} (accepted)").format(change_class=class_name(change.cls))
    return class_name(change.cls)


def bump_line(report: DiffReport) -> str:
    bump = _(BUMP_NAMES[report.bump])
    suggested = report.suggested_version
    if report.bump == "none" or not suggested:
        return _("implied data-version bump: {bump}").format(bump=bump)
    if report.new_version not in (report.old_version, suggested):
        return _("implied data-version bump: {bump} ({old} → {suggested}; the new edition says {new})").format(
            bump=bump, old=report.old_version, suggested=suggested, new=report.new_version)
    return _("implied data-version bump: {bump} ({old} → {suggested})").format(
        bump=bump, old=report.old_version, suggested=suggested)


def where(change: Change) -> str:
    """The part a change is in, before its message: ``part 2: ``."""
    return _("part {part}: ").format(part=change.part) if change.part else ""


def subject(change: Change) -> str:
    """The service a change is in, before its message where the service is not a heading: ``53 医疗救助: ``."""
    return _("{service}: ").format(service=change.service_label) if change.service_label else ""


def heading(report: DiffReport) -> str:
    """The first line of a report: ``OLD → NEW: counts; bump``."""
    return _("{old} → {new}: {counts}; {bump}").format(old=report.old_name, new=report.new_name,
                                                       counts=counts_line(report), bump=bump_line(report))


def accepted_line(change: Change) -> str:
    return _("accepted: {reason}").format(reason=change.accepted)


REASON_PLACEHOLDER = N_("the decision or document that makes it so")


def acceptance_lines(report: DiffReport, change: Change) -> list[str]:
    """For an open regression: a line saying where, then the exact entry to paste under ``accepted:`` (at the
    indentation edition.yaml needs); nothing for any other change."""
    if change.cls is not ChangeClass.REGRESSION or change.accepted is not None:
        return []
    from ...writing import dumps
    from ..accepting import entry_data

    text = dumps({"accepted": [entry_data(change, _(REASON_PLACEHOLDER))]}, "edition")  # canonical, as fmt writes
    return [_("to accept it, paste under accepted: in {file} (and write the reason):").format(
        file=f"{report.new_name}/edition.yaml"), *text.splitlines()[1:]]
