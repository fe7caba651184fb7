"""What every format shares: changes grouped by service (edition-level ones first), and short summaries, in the
language of the run (class names and headings through the catalog; the JSON keeps the class slugs)."""

from __future__ import annotations

from ...core.findings import LOAD_CODES
from ...core.i18n import N_, _, ngettext
from ...core.records import frozen
from ...core.results import Result
from ...diff.codes import UNIT_LINEAGE_CODES
from ...diff.model import Change, ChangeClass, DiffReport, Edit, Edits, Segment

CLASS_NAMES = {ChangeClass.REGRESSION: N_("regression"), ChangeClass.IMPROVEMENT: N_("improvement"),
               ChangeClass.STRUCTURAL: N_("structural"), ChangeClass.EDITORIAL: N_("editorial")}
BUMP_NAMES = {"none": N_("none"), "patch": N_("patch"), "minor": N_("minor"), "major": N_("major")}
STRUCTURE_TITLE = N_("numbering and order")
EDITION_TITLE = N_("edition information")


def class_name(cls: ChangeClass | str) -> str:
    """A change class as people read it in this run's language."""
    return _(CLASS_NAMES[ChangeClass(cls)])


@frozen
class Group:
    """The changes of one service, or of the edition (``key`` "edition") or the numbering (``key`` "structure")."""

    key: str
    title: str
    changes: tuple[Change, ...]

    @property
    def worst(self) -> ChangeClass:
        return min((c.cls for c in self.changes), key=lambda cls: cls.rank)


def groups(report: DiffReport, changes: tuple[Change, ...] | None = None) -> list[Group]:
    order: list[str] = []
    members: dict[str, list[Change]] = {}
    titles: dict[str, str] = {}
    for change in report.changes if changes is None else changes:
        if change.service is not None:
            key = change.service
            # the label alone (52 医疗救助): the id is no word of the list, and JSON carries it
            titles.setdefault(key, change.service_label or change.service)
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


NOT_COMPARED = N_("not compared: a side cannot be loaded")


def counts_line(report: DiffReport) -> str:
    if report.problems:
        return _(NOT_COMPARED)
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
        return _("implied data-version bump: {bump} (to {suggested}; the new edition says {new})").format(
            bump=bump, suggested=suggested, new=report.new_version)
    return _("implied data-version bump: {bump} (to {suggested})").format(bump=bump, suggested=suggested)


def where(change: Change) -> str:
    """The part a change is in, before its message, by its place: ``part 2: `` (第2个子项), since a part's id is no
    word of the list (JSON carries it)."""
    if not change.part:
        return ""
    return _("part {number}: ").format(number=change.part_number or "?")


def subject(change: Change) -> str:
    """The service a change is in, before its message where the service is not a heading: ``53 医疗救助: ``."""
    return _("{service}: ").format(service=change.service_label) if change.service_label else ""


def heading(report: DiffReport) -> str:
    """The first line of a report: ``OLD → NEW: counts; bump``; for a side that could not be loaded, says so."""
    if report.problems:
        return _("{old} → {new}: {counts}").format(old=report.old_name, new=report.new_name,
                                                  counts=counts_line(report))
    return _("{old} → {new}: {counts}; {bump}").format(old=report.old_name, new=report.new_name,
                                                       counts=counts_line(report), bump=bump_line(report))


def problem_line(problem: Result) -> str:
    """What kept a side from loading, as one line: ``QD004 FILE:LINE:COL: message``."""
    where = f"{problem.location}: " if problem.location.path else ""
    return f"{problem.code} {where}{problem.text}"


def problem_title(problem: Result) -> str:
    """The code and its title (``QD004 YAML does not parse``), in the language of the run."""
    declared = next((code for code in LOAD_CODES if code.code == problem.code), None)
    return f"{problem.code} {_(declared.title)}" if declared else problem.code


def accepted_line(change: Change) -> str:
    return _("accepted: {reason}").format(reason=change.accepted)


REASON_PLACEHOLDER = N_("the decision or document that makes it so")


def acceptance_lines(report: DiffReport, change: Change) -> list[str]:
    """For an open regression: a line saying where, then the exact entry to paste under ``accepted:`` (at the
    indentation edition.yaml needs); nothing for any other change."""
    if change.cls is not ChangeClass.REGRESSION or change.accepted is not None:
        return []
    from ...diff.accepting import entry_data
    from ...io.writing import dumps

    text = dumps({"accepted": [entry_data(change, _(REASON_PLACEHOLDER))]}, "edition")  # canonical, as fmt writes
    return [_("to accept it, paste under accepted: in {file} (and write the reason):").format(
        file=f"{report.new_name}/edition.yaml"), *text.splitlines()[1:]]


# -- the order a reviewer reads a report in (text and markdown) ------------------------------------------------------

OPEN_TITLE = N_("open regressions (只增不减)")
ACCEPTED_TITLE = N_("accepted regressions")
REFORM_TITLE = N_("institutional reform (机构改革)")
TRANSFERS_TITLE = N_("transfers of responsibility (职责转移)")
REFORM_CODES = ("QC605", "QC606", "QC607", *UNIT_LINEAGE_CODES)
STRUCTURE_CODES = ("QC105", "QC106")


@frozen
class Section:
    """A run of changes under one title: ``key`` is open, accepted, reform, transfers, structure, a service id or
    edition; ``with_service`` when its lines name the service (the changes come from several)."""

    key: str
    title: str
    changes: tuple[Change, ...]
    with_service: bool = False


def sections(report: DiffReport) -> list[Section]:
    """The report in a reviewer's order: open regressions, accepted ones, the institutional reform, transfers,
    numbering, the other changes by service in document order, and the edition's metadata last. Every change is
    in exactly one section."""
    regressions = report.of_class(ChangeClass.REGRESSION)
    opened = tuple(c for c in regressions if c.accepted is None)
    accepted = tuple(c for c in regressions if c.accepted is not None)
    transfers = tuple(c for c in report.transfers if c.cls is not ChangeClass.REGRESSION)
    placed = {id(c) for c in (*regressions, *transfers)}
    rest = tuple(c for c in report.changes if id(c) not in placed)
    reform = tuple(c for c in rest if c.service is None and c.code in REFORM_CODES)
    structure = tuple(c for c in rest if c.code in STRUCTURE_CODES)
    by_service = tuple(c for c in rest if c.service is not None and c.code not in STRUCTURE_CODES)
    edition = tuple(c for c in rest if c.service is None and c.code not in (*REFORM_CODES, *STRUCTURE_CODES))
    found = [Section("open", _(OPEN_TITLE), opened, True), Section("accepted", _(ACCEPTED_TITLE), accepted, True),
             Section("reform", _(REFORM_TITLE), reform), Section("transfers", _(TRANSFERS_TITLE), transfers, True),
             Section("structure", _(STRUCTURE_TITLE), structure)]
    found += [Section(g.key, g.title, g.changes) for g in groups(report, by_service)]
    found.append(Section("edition", _(EDITION_TITLE), edition))
    return [section for section in found if section.changes]


# -- long texts as excerpts ----------------------------------------------------------------------------------------

CONTEXT = 30   # characters kept around a change
LONGEST = 200  # a removed or added run longer than this keeps its start and its end
ELLIPSIS = "…"


def _cut(text: str, head: int, tail: int) -> str:
    if len(text) <= head + tail + 1:
        return text
    return (text[:head] if head else "") + ELLIPSIS + (text[len(text) - tail:] if tail else "")


SHOWN = 170  # the most characters of text an excerpt shows, whatever the number of runs
_STEPS = ((LONGEST, CONTEXT), (120, 20), (60, 12), (30, 6), (12, 3))


def excerpt(runs: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """A text diff as an excerpt: unchanged text more than CONTEXT characters from a change is left out (…), and a
    long removed or added run keeps its start and its end; narrower, until at most SHOWN characters are shown.
    Short texts come back as they are."""
    last = len(runs) - 1
    out: tuple[Segment, ...] = runs
    for longest, context in _STEPS:
        out = tuple(Segment("=", _cut(run.text, context if i > 0 else 0, context if i < last else 0))
                    if run.op == "=" else Segment(run.op, _cut(run.text, longest // 2, longest // 2))
                    for i, run in enumerate(runs))
        if sum(len(run.text) for run in out) <= SHOWN:
            break
    return out


def _trimmed(a: str, b: str) -> tuple[str, str]:
    """Two long texts with what they share at the start and the end cut to CONTEXT characters."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    keep = max(0, start - CONTEXT)

    def cut(text: str) -> str:
        middle = text[keep:len(text) - max(0, end - CONTEXT)]
        return (ELLIPSIS if keep else "") + _cut(middle, LONGEST // 2, LONGEST // 2) + (ELLIPSIS if end > CONTEXT
                                                                                           else "")
    return cut(a), cut(b)


def brief(change: Change) -> str:
    """The change's message in the language of the run, with long old and new texts shown by where they differ
    and any other long text cut, so that no line of a report runs on (the JSON keeps every word)."""
    values = change.message.values
    a, b = values.get("old"), values.get("new")
    if type(a) is str and type(b) is str and len(a) + len(b) > LONGEST:
        values["old"], values["new"] = _trimmed(a, b)
    for name, value in values.items():
        if isinstance(value, Edits):
            values[name] = Edits(Edit(e.path, *_trimmed(e.old, e.new)) if isinstance(e.old, str)
                                 and isinstance(e.new, str) and len(e.old) + len(e.new) > LONGEST else e
                                 for e in value)
        elif type(value) is str and len(value) > LONGEST:
            values[name] = _cut(value, LONGEST // 2, LONGEST // 2)
    return _(change.message.template).format(**values)
