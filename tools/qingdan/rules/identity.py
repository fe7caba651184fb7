"""Identity rules: ids, numbers, category order and names that diffs and readers rely on (QD401–QD404)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..findings import Code, Finding
from .context import Context
from .registry import rule

# Always used with fullmatch: "$" alone would also match before a trailing newline ("medical-assistance\n").
ID_RE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")

BAD_ID = Code(
    "QD401", "id malformed or not unique",
    "Service ids are unique in the edition, part ids within their service, category ids and unit names in their "
    "lists; ids are lower-case ASCII words joined by hyphens. Diffs match services by id, so a clash would pair "
    "the wrong services.")
BAD_NUMBER = Code(
    "QD402", "numbers not 1..N",
    "Service numbers (序号) are unique and run 1, 2, … N with no gap, as in the published table.")
BAD_CATEGORY = Code(
    "QD403", "unknown category or out of order",
    "Every service names a category declared in edition.yaml, and the services of a category come before those of "
    "the next one, as in the published table.")
DUPLICATE_NAME = Code(
    "QD404", "duplicate service name",
    "No two services of an edition have the same name (服务项目).")


@rule(BAD_ID)
def ids_unique(ctx: Context) -> Iterator[Finding]:
    edition = ctx.typed
    seen: dict[str, str] = {}
    for service in sorted(edition.services, key=lambda s: (s.number, s.location.path if s.location else "")):
        if not ID_RE.fullmatch(service.id):
            yield ctx.finding(BAD_ID, ctx.at(service, None, "id"),
                              f"id {service.id!r} is not lower-case words joined by hyphens", service)
        if service.id in seen:
            yield ctx.finding(BAD_ID, ctx.at(service, None, "id"),
                              f"id {service.id!r} is also the id of {seen[service.id]}", service)
        seen.setdefault(service.id, f"service {service.number} {service.name}")
        part_ids: set[str] = set()
        for part in service.parts:
            if part.id in part_ids:
                yield ctx.finding(BAD_ID, ctx.at(service, part, "id"), f"part id {part.id!r} is used twice in "
                                  "this service", service, part)
            part_ids.add(part.id)
    categories = Counter(category.id for category in edition.categories)
    for index, category in enumerate(edition.categories):
        if categories[category.id] > 1:
            yield ctx.finding(BAD_ID, ctx.files.edition.locate(("categories", index, "id")),
                              f"category id {category.id!r} is declared {categories[category.id]} times")
    units = Counter(unit.name for unit in edition.units)
    for index, unit in enumerate(edition.units):
        if units[unit.name] > 1:
            yield ctx.finding(BAD_ID, ctx.files.units.locate(("units", index, "name")),
                              f"unit {unit.name} is listed {units[unit.name]} times in units.yaml")


RENUMBER_HINT = "qingdan renumber numbers the services 1..N"


@rule(BAD_NUMBER)
def numbers_consecutive(ctx: Context) -> Iterator[Finding]:
    services = ctx.typed.services  # sorted by number
    counts = Counter(service.number for service in services)
    expected = 1
    for service in services:
        if counts[service.number] > 1:
            yield ctx.finding(BAD_NUMBER, ctx.at(service, None, "number"),
                              f"number {service.number} is used by {counts[service.number]} services; "
                              f"{RENUMBER_HINT}", service)
        elif service.number > expected:
            missing = f"{expected}" if service.number == expected + 1 else f"{expected}–{service.number - 1}"
            yield ctx.finding(BAD_NUMBER, ctx.at(service, None, "number"),
                              f"number {service.number} follows a gap: {missing} missing; {RENUMBER_HINT}", service)
        expected = service.number + 1


@rule(BAD_CATEGORY)
def categories_in_order(ctx: Context) -> Iterator[Finding]:
    order = {category.id: index for index, category in enumerate(ctx.typed.categories)}
    highest = -1
    previous = None
    for service in ctx.typed.services:
        position = order.get(service.category)
        if position is None:
            yield ctx.finding(BAD_CATEGORY, ctx.at(service, None, "category"),
                              f"category {service.category!r} is not declared in edition.yaml "
                              f"(declared: {', '.join(order)})", service)
            continue
        if position < highest and previous is not None:
            yield ctx.finding(BAD_CATEGORY, ctx.at(service, None, "category"),
                              f"category {service.category!r} comes after "
                              f"{previous.number} {previous.name} of category {previous.category!r}, "
                              "which is listed later in edition.yaml", service)
        if position >= highest:
            highest, previous = position, service


@rule(DUPLICATE_NAME)
def names_unique(ctx: Context) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for service in ctx.typed.services:
        if service.name in first:
            yield ctx.finding(DUPLICATE_NAME, ctx.at(service, None, "name"),
                              f"the name {service.name} is also the name of service {first[service.name]}", service)
        first.setdefault(service.name, service.number)
