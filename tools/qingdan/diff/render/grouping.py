"""What every format shares: changes grouped by service (edition-level ones first), and short summaries."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Change, ChangeClass, DiffReport


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
            key, titles["structure"] = "structure", "序号与顺序"
        else:
            key, titles["edition"] = "edition", "版本信息"
        if key not in members:
            order.append(key)
            members[key] = []
        members[key].append(change)
    return [Group(key, titles[key], tuple(members[key])) for key in order]


def counts_line(report: DiffReport) -> str:
    counts = report.counts
    if report.empty:
        return "no changes"
    parts = [f"{n} {cls}" for cls, n in counts.items() if n]
    if report.accepted:
        parts.append(f"{len(report.accepted)} accepted")
    total = len(report.changes)
    return f"{total} change{'s' if total != 1 else ''} ({', '.join(parts)})"


def class_label(change: Change) -> str:
    """The change's class, with "accepted" where the new edition accepts it."""
    return f"{change.cls.value} (accepted)" if change.accepted is not None else change.cls.value


def bump_line(report: DiffReport) -> str:
    if report.bump == "none":
        return "implied data-version bump: none"
    suggested = report.suggested_version
    text = f"implied data-version bump: {report.bump}"
    if suggested:
        text += f" ({report.old_version} → {suggested}"
        if report.new_version not in (report.old_version, suggested):
            text += f"; the new edition says {report.new_version}"
        text += ")"
    return text


def where(change: Change) -> str:
    return f"子项 {change.part}：" if change.part else ""
