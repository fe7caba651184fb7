"""Identity rules: ids, numbers, category order and names that diffs and readers rely on (QD401–QD404)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath

from ...core.findings import Code
from ...core.results import Result
from .context import Brief, Context
from .registry import rule

# Always used with fullmatch: "$" alone would also match before a trailing newline ("medical-assistance\n").
ID_RE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")

BAD_ID = Code(
    "QD401", "id malformed or not unique",
    "Service ids are unique in the edition, part ids within their service, category ids and unit names in their "
    "lists; ids are lower-case ASCII words joined by hyphens. Diffs match services by id, so a clash would pair "
    "the wrong services.",
    messages={
        "malformed": "id {id!r} is not lower-case words joined by hyphens",
        "clash": "id {id!r} is also the id of service {number} {name}",
        "part-twice": "part id {id!r} is used twice in this service",
        "category-twice": "category id {id!r} is declared {count} times",
        "unit-twice": "unit {unit} is listed {count} times in units.yaml",
    })
BAD_NUMBER = Code(
    "QD402", "numbers not 1..N",
    "Service numbers (序号) are unique and run 1, 2, … N with no gap, as in the published table. The message gives "
    "the `qingdan renumber` command that numbers the edition's services 1..N again.",
    messages={
        "shared": "number {number} is used by {count} services; run `{command}` to number the services 1..N",
        "gap": "number {number} follows a gap: {missing} missing; run `{command}` to number the services 1..N",
    })
BAD_CATEGORY = Code(
    "QD403", "unknown category or out of order",
    "Every service names a category declared in edition.yaml, and the services of a category come before those of "
    "the next one, as in the published table.",
    messages={
        "unknown": "category {category!r} is not declared in edition.yaml (declared: {declared})",
        "order": "category {category!r} comes after {number} {name} of category {previous!r}, which is listed later "
                 "in edition.yaml",
    })
DUPLICATE_NAME = Code(
    "QD404", "duplicate service name",
    "No two services of an edition have the same name (服务项目).",
    messages={"": "the name {name} is also the name of service {number}"})


@rule(BAD_ID)
def ids_unique(ctx: Context) -> Iterator[Result]:
    edition = ctx.head
    seen: dict[str, Brief] = {}
    for brief in sorted(ctx.briefs, key=lambda b: (b.number, b.file)):
        if not ID_RE.fullmatch(brief.id):
            yield ctx.finding(BAD_ID, ctx.at_brief(brief, None, "id"), "malformed", brief, id=brief.id)
        if brief.id in seen:
            other = seen[brief.id]
            yield ctx.finding(BAD_ID, ctx.at_brief(brief, None, "id"), "clash", brief, id=brief.id,
                              number=other.number, name=other.name)
        seen.setdefault(brief.id, brief)
        part_ids: set[str] = set()
        for index, part in enumerate(brief.parts):
            if part in part_ids:
                yield ctx.finding(BAD_ID, ctx.at_brief(brief, index, "id"), "part-twice", brief, part, id=part)
            part_ids.add(part)
    categories = Counter(category.id for category in edition.categories)
    for index, category in enumerate(edition.categories):
        if categories[category.id] > 1:
            yield ctx.finding(BAD_ID, ctx.files.edition.locate(("categories", index, "id")), "category-twice",
                              id=category.id, count=categories[category.id])
    units = Counter(unit.name for unit in edition.units)
    for index, unit in enumerate(edition.units):
        if units[unit.name] > 1:
            yield ctx.finding(BAD_ID, ctx.files.units.locate(("units", index, "name")), "unit-twice",
                              unit=unit.name, count=units[unit.name])


@rule(BAD_NUMBER)
def numbers_consecutive(ctx: Context) -> Iterator[Result]:
    briefs = ctx.briefs  # sorted by number
    counts = Counter(brief.number for brief in briefs)
    expected = 1
    for brief in briefs:
        if counts[brief.number] > 1:
            yield ctx.finding(BAD_NUMBER, ctx.at_brief(brief, None, "number"), "shared", brief,
                              number=brief.number, count=counts[brief.number], command=renumber_command(ctx))
        elif brief.number > expected:
            missing = f"{expected}" if brief.number == expected + 1 else f"{expected}–{brief.number - 1}"
            yield ctx.finding(BAD_NUMBER, ctx.at_brief(brief, None, "number"), "gap", brief, number=brief.number,
                              missing=missing, command=renumber_command(ctx))
        expected = brief.number + 1


def renumber_command(ctx: Context) -> str:
    """The command that renumbers this edition, naming its folder as the findings name its files (as typed)."""
    import shlex  # only for this message

    folder = str(PurePath(ctx.files.edition.name).parent)
    return f"qingdan renumber {shlex.quote(folder)}"


@rule(BAD_CATEGORY)
def categories_in_order(ctx: Context) -> Iterator[Result]:
    order = {category.id: index for index, category in enumerate(ctx.head.categories)}
    highest = -1
    previous = None
    for brief in ctx.briefs:
        position = order.get(brief.category)
        if position is None:
            yield ctx.finding(BAD_CATEGORY, ctx.at_brief(brief, None, "category"), "unknown", brief,
                              category=brief.category, declared=", ".join(order))
            continue
        if position < highest and previous is not None:
            yield ctx.finding(BAD_CATEGORY, ctx.at_brief(brief, None, "category"), "order", brief,
                              category=brief.category, number=previous.number, name=previous.name,
                              previous=previous.category)
        if position >= highest:
            highest, previous = position, brief


@rule(DUPLICATE_NAME)
def names_unique(ctx: Context) -> Iterator[Result]:
    first: dict[str, int] = {}
    for brief in ctx.briefs:
        if brief.name in first:
            yield ctx.finding(DUPLICATE_NAME, ctx.at_brief(brief, None, "name"), "", brief, name=brief.name,
                              number=first[brief.name])
        first.setdefault(brief.name, brief.number)
