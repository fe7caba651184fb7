"""Counterpart rules: city units and their district counterparts, and the unit registry (QD101–QD104)."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator

from ..findings import Code, Finding, Severity
from .context import Context
from .registry import rule

MISSING_COUNTERPART = Code(
    "QD101", "district counterpart missing",
    "Every city unit of a service or part must have its district counterpart (the `counterpart` of the city unit "
    "in units.yaml) among that row's district units; a city unit recorded with no counterpart is reported too, "
    "since nobody in the district carries its task. Real gaps are waived in the service file with a reason.",
    messages={
        "no-counterpart": "{unit} has no district counterpart in units.yaml, so no district unit carries its task",
        "missing": "{counterpart}, the district counterpart of {unit}, is missing from district_units",
    })
UNKNOWN_UNIT = Code(
    "QD102", "unit not in the registry",
    "Every unit named in a row (and every counterpart named in units.yaml) must be a unit of the registry, "
    "spelled exactly; the message names the closest known unit, which is usually the intended one.",
    messages={
        "row": "{unit} is not in units.yaml; closest known unit: {closest}",
        "counterpart": "the counterpart {counterpart} of {unit} is not in units.yaml; closest known unit: {closest}",
    })
UNUSED_UNIT = Code(
    "QD103", "registry unit never used",
    "A unit of units.yaml that no service or part names: a leftover of a rename, or a typo in the registry.",
    Severity.WARNING, messages={"": "{unit} is in units.yaml but no service or part names it"})
LEAD_MISMATCH = Code(
    "QD104", "district lead is not the counterpart of the city lead",
    "The first district unit (the district lead) should be the counterpart of the first city unit (the city "
    "lead), so that the task is led by the unit that answers to the city lead.", Severity.WARNING,
    messages={"": "the district lead is {district_lead}, but the city lead {city_lead}'s counterpart is "
                  "{counterpart}"})


# Unit names are a few dozen characters; difflib's cost grows with the product of the lengths, so a hostile
# multi-megabyte "unit name" compared in full took most of a minute. Its head is enough to suggest a neighbour.
CLOSEST_PREFIX = 64


def closest(name: str, known: list[str]) -> str:
    """The closest known unit name, for a message; difflib's ratio works on Chinese characters as well."""
    match = difflib.get_close_matches(name[:CLOSEST_PREFIX], known, n=1, cutoff=0.0)
    return match[0] if match else ""


def _district(ctx: Context, units: tuple[str, ...]) -> tuple[str, ...]:
    """District units with replaced names read as their successor: a half-done rename is QD702's, not QD101's."""
    lineage = ctx.lineage
    return tuple(lineage.successor(name) for name in units) if lineage.successors else units


@rule(MISSING_COUNTERPART)
def counterparts_present(ctx: Context) -> Iterator[Finding]:
    units = {unit.name: unit for unit in ctx.typed.units}
    for service in ctx.typed.services:
        for part, row in service.rows():
            district = _district(ctx, row.district_units)
            for index, name in enumerate(row.city_units):
                unit = units.get(name)
                if unit is None or unit.level == "district":
                    continue
                if unit.counterpart is None:
                    yield ctx.finding(MISSING_COUNTERPART, ctx.at(service, part, "city_units", index),
                                      "no-counterpart", service, part, unit=name)
                elif unit.counterpart not in district:
                    yield ctx.finding(MISSING_COUNTERPART, ctx.at(service, part, "city_units", index),
                                      "missing", service, part, counterpart=unit.counterpart, unit=name)


@rule(UNKNOWN_UNIT)
def units_registered(ctx: Context) -> Iterator[Finding]:
    known = [unit.name for unit in ctx.typed.units]
    # a unit another one replaces is reported by QD702, with its successor: one finding, root cause first
    registered = set(known) | {old for unit in ctx.typed.units for old in unit.replaces}
    for service in ctx.typed.services:
        for part, row in service.rows():
            for column in ("city_units", "district_units"):
                for index, name in enumerate(getattr(row, column)):
                    if name not in registered:
                        yield ctx.finding(UNKNOWN_UNIT, ctx.at(service, part, column, index), "row",
                                          service, part, unit=name, closest=closest(name, known))
    for index, unit in enumerate(ctx.typed.units):
        if unit.counterpart is not None and unit.counterpart not in registered:
            yield ctx.finding(UNKNOWN_UNIT, ctx.files.units.locate(("units", index, "counterpart")), "counterpart",
                              counterpart=unit.counterpart, unit=unit.name, closest=closest(unit.counterpart, known))


@rule(UNUSED_UNIT)
def units_used(ctx: Context) -> Iterator[Finding]:
    used = Counter(name for service in ctx.typed.services for _, row in service.rows()
                   for name in (*row.city_units, *row.district_units))
    for index, unit in enumerate(ctx.typed.units):
        if not used[unit.name]:
            yield ctx.finding(UNUSED_UNIT, ctx.unit_location(index), "", unit=unit.name)


@rule(LEAD_MISMATCH)
def leads_match(ctx: Context) -> Iterator[Finding]:
    units = {unit.name: unit for unit in ctx.typed.units}
    for service in ctx.typed.services:
        for part, row in service.rows():
            lead = units.get(row.lead_city_unit or "")
            if lead is None or lead.counterpart is None or not row.district_units:
                continue
            if _district(ctx, row.district_units)[0] != lead.counterpart:
                yield ctx.finding(LEAD_MISMATCH, ctx.at(service, part, "district_units", 0), "", service, part,
                                  district_lead=row.lead_district_unit, city_lead=lead.name,
                                  counterpart=lead.counterpart)
