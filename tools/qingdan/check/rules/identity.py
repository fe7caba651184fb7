"""Identity rules: ids, numbers, category order and names that diffs and readers rely on (QD401–QD404)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath

from ...core.findings import Code
from ...core.model import Service
from ...core.results import Result
from .context import Context
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
    edition = ctx.typed
    seen: dict[str, Service] = {}
    for service in sorted(edition.services, key=lambda s: (s.number, s.location.path if s.location else "")):
        if not ID_RE.fullmatch(service.id):
            yield ctx.finding(BAD_ID, ctx.at(service, None, "id"), "malformed", service, id=service.id)
        if service.id in seen:
            other = seen[service.id]
            yield ctx.finding(BAD_ID, ctx.at(service, None, "id"), "clash", service, id=service.id,
                              number=other.number, name=other.name)
        seen.setdefault(service.id, service)
        part_ids: set[str] = set()
        for part in service.parts:
            if part.id in part_ids:
                yield ctx.finding(BAD_ID, ctx.at(service, part, "id"), "part-twice", service, part, id=part.id)
            part_ids.add(part.id)
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
    services = ctx.typed.services  # sorted by number
    counts = Counter(service.number for service in services)
    expected = 1
    for service in services:
        if counts[service.number] > 1:
            yield ctx.finding(BAD_NUMBER, ctx.at(service, None, "number"), "shared", service,
                              number=service.number, count=counts[service.number], command=renumber_command(ctx))
        elif service.number > expected:
            missing = f"{expected}" if service.number == expected + 1 else f"{expected}–{service.number - 1}"
            yield ctx.finding(BAD_NUMBER, ctx.at(service, None, "number"), "gap", service, number=service.number,
                              missing=missing, command=renumber_command(ctx))
        expected = service.number + 1


def renumber_command(ctx: Context) -> str:
    """The command that renumbers this edition, naming its folder as the findings name its files (as typed)."""
    import shlex  # only for this message

    folder = str(PurePath(ctx.files.edition.name).parent)
    return f"qingdan renumber {shlex.quote(folder)}"


@rule(BAD_CATEGORY)
def categories_in_order(ctx: Context) -> Iterator[Result]:
    order = {category.id: index for index, category in enumerate(ctx.typed.categories)}
    highest = -1
    previous = None
    for service in ctx.typed.services:
        position = order.get(service.category)
        if position is None:
            yield ctx.finding(BAD_CATEGORY, ctx.at(service, None, "category"), "unknown", service,
                              category=service.category, declared=", ".join(order))
            continue
        if position < highest and previous is not None:
            yield ctx.finding(BAD_CATEGORY, ctx.at(service, None, "category"), "order", service,
                              category=service.category, number=previous.number, name=previous.name,
                              previous=previous.category)
        if position >= highest:
            highest, previous = position, service


@rule(DUPLICATE_NAME)
def names_unique(ctx: Context) -> Iterator[Result]:
    first: dict[str, int] = {}
    for service in ctx.typed.services:
        if service.name in first:
            yield ctx.finding(DUPLICATE_NAME, ctx.at(service, None, "name"), "", service, name=service.name,
                              number=first[service.name])
        first.setdefault(service.name, service.number)
