"""Counterpart rules: city units and their district counterparts, and the unit registry (QD101–QD104)."""

from __future__ import annotations

from collections.abc import Iterator

from ...core.findings import Code
from ...core.model import Service
from ...core.results import Result, Severity
from ...core.vocabulary import nearest_names
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
    "spelled exactly. Where a registered unit of the same level (city for city_units, district for "
    "district_units and counterparts) is spelled nearly alike, the message asks whether it was meant (a typo); "
    "otherwise the unit is new and the message says to add it to units.yaml with its level. The counterpart "
    "rules say nothing about what follows from an unknown unit (a counterpart that seems missing, a district lead "
    "that seems wrong, a registry unit that seems unused): the unknown unit is the cause.",
    messages={
        "row": "{unit} is not in units.yaml; did you mean {closest}?",
        "city-in-district": "{unit} is a city unit, named in district_units (the district column): did you mean its "
                            "counterpart {closest}?",
        "city-in-district-alone": "{unit} is a city unit, named in district_units (the district column): name the "
                                  "district unit that carries the task",
        "district-in-city": "{unit} is a district unit, named in city_units (the city column): did you mean "
                            "{closest}, the city unit it is the counterpart of?",
        "district-in-city-alone": "{unit} is a district unit, named in city_units (the city column): name the city "
                                  "unit that leads the task",
        "row-new": "{unit} is not in units.yaml: if it is a new unit, add it to units.yaml (level: {level})",
        "joined": "{unit} is the units {entries} run together: an entry's line indented deeper than this one "
                  "continues it; line up each '- ' of the list",
        "counterpart": "the counterpart {counterpart} of {unit} is not in units.yaml; did you mean {closest}?",
        "counterpart-new": "the counterpart {counterpart} of {unit} is not in units.yaml: if it is a new unit, add "
                           "it to units.yaml (level: district)",
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


# How alike a name must be to a registered one to be offered as a typo (difflib's ratio, on Chinese characters as
# well). One character wrong, missing or extra in a registered name scores 0.67 (a three-character name such as
# 区教委) to 0.9; registered names of different units share their level's first and last character and score 0.5
# or less, apart from a few one character apart (区财政局 and 区民政局, 0.75), which a typo can indeed confuse.
# Measured on policies/2017/units.yaml by tests/unit/test_unit_hints.py.
CLOSE_ENOUGH = 0.65
# Where a unit of each column may come from: its own level, or a party of neither (the People's Bank branches).
COLUMN_LEVELS = {"city_units": ("city", "other"), "district_units": ("district", "other")}


def closest(name: str, known: list[str]) -> str:
    """The registered name ``name`` is most likely a typo of, or "" where none is close enough to be one."""
    match = nearest_names(name, known, n=1, cutoff=CLOSE_ENOUGH)
    return match[0] if match else ""


def registered_names(ctx: Context) -> set[str]:
    """The unit names QD102 accepts: the registry's, and the names they replace (QD702 reports those)."""
    return {name for unit in ctx.head.units for name in (unit.name, *unit.replaces)}


def unknown_units(ctx: Context) -> dict[tuple[str, str], str]:
    """Every unit a row names that the registry does not know, by column and name, with the registered unit of
    that column's level it is most likely a typo of ("" for a new unit).

    QD102 reports them; the other unit rules stay silent about what follows from them (a misspelt district unit
    also reads as a missing counterpart, a wrong district lead and an unused registry unit): one finding, the cause.
    """
    return ctx.once("unknown_units", _unknown_units)


def _unknown_units(ctx: Context) -> dict[tuple[str, str], str]:
    registered = registered_names(ctx)
    known = {column: [unit.name for unit in ctx.head.units if unit.level in levels]
             for column, levels in COLUMN_LEVELS.items()}
    misplaced = wrong_column(ctx)
    unknown: dict[tuple[str, str], str] = {}
    for column, name in named_units(ctx):
        if name not in registered:
            unknown[column, name] = closest(name, known[column])
        elif (column, name) in misplaced:
            unknown[column, name] = misplaced[column, name]
    return unknown


def named_units(ctx: Context) -> dict[tuple[str, str], None]:
    """Every unit the edition's rows name, by column, once each, in the order of the services (a dict as an ordered
    set)."""
    return ctx.once("named_units", lambda ctx: dict.fromkeys(
        pair for named in ctx.facts_of("units", units_named) for pair in named))


def units_named(service: Service) -> tuple[tuple[str, str], ...]:
    """Every unit the service's rows name, by column, in the order of its rows (a fact of the service, see
    Context.facts_of)."""
    return tuple((column, name) for _, row in service.rows() for column in COLUMN_LEVELS
                 for name in getattr(row, column))


def joined(name: str, registered: set[str]) -> list[str]:
    """The registered units a name is made of when two list entries ran together ("区财政局 - 区教委": an entry's
    line indented deeper than the one above reads as more of that entry), else []."""
    entries = name.split(" - ")
    return entries if len(entries) > 1 and all(entry in registered for entry in entries) else []


def wrong_column(ctx: Context) -> dict[tuple[str, str], str]:
    """Registered units of the other level, by the column that would name them wrongly, with the unit they pair
    with ("" for none): a city unit in district_units means its counterpart; a district unit in city_units the city
    unit whose counterpart it is."""
    found: dict[tuple[str, str], str] = {}
    for unit in ctx.head.units:
        if unit.level == "city":
            found["district_units", unit.name] = unit.counterpart or ""
        elif unit.level == "district":
            found["city_units", unit.name] = next(
                (city.name for city in ctx.head.units if city.level == "city" and city.counterpart == unit.name), "")
    return found


def _district(ctx: Context, units: tuple[str, ...]) -> tuple[str, ...]:
    """District units with replaced names read as their successor: a half-done rename is QD702's, not QD101's."""
    lineage = ctx.lineage
    return tuple(lineage.successor(name) for name in units) if lineage.successors else units


@rule(MISSING_COUNTERPART, per_service=True)
def counterparts_present(ctx: Context) -> Iterator[Result]:
    units = {unit.name: unit for unit in ctx.typed.units}
    registered = registered_names(ctx)
    unknown = unknown_units(ctx)
    for service in ctx.typed.services:
        for part, row in service.rows():
            district = _district(ctx, row.district_units)
            # the counterparts this row names misspelt are QD102's "did you mean", not missing
            misspelt = {unknown.get(("district_units", name)) for name in row.district_units} | {
                entry for name in row.district_units for entry in joined(name, registered)}
            for index, name in enumerate(row.city_units):
                unit = units.get(name)
                if unit is None or unit.level == "district":
                    continue
                if unit.counterpart is None:
                    yield ctx.finding(MISSING_COUNTERPART, ctx.at(service, part, "city_units", index),
                                      "no-counterpart", service, part, unit=name)
                elif unit.counterpart not in district and unit.counterpart not in misspelt \
                        and unit.counterpart in registered:  # a misspelt counterpart in units.yaml is QD102's
                    yield ctx.finding(MISSING_COUNTERPART, ctx.at(service, part, "city_units", index),
                                      "missing", service, part, counterpart=unit.counterpart, unit=name)


@rule(UNKNOWN_UNIT, per_service=True)
def units_registered(ctx: Context) -> Iterator[Result]:
    # a unit another one replaces is reported by QD702, with its successor: one finding, root cause first
    registered = registered_names(ctx)
    # a typo is offered only among the units of the column's level: a district row is never offered a city unit
    unknown = unknown_units(ctx)
    district_known = [unit.name for unit in ctx.typed.units if unit.level in COLUMN_LEVELS["district_units"]]
    for service in ctx.typed.services:
        for part, row in service.rows():
            for column in COLUMN_LEVELS:
                for index, name in enumerate(getattr(row, column)):
                    if name in registered and (column, name) in unknown:  # a unit of the other level
                        pair = unknown[column, name]
                        key = "city-in-district" if column == "district_units" else "district-in-city"
                        yield ctx.finding(UNKNOWN_UNIT, ctx.at(service, part, column, index),
                                          key if pair else f"{key}-alone", service, part, unit=name, closest=pair)
                    elif name not in registered:
                        where = ctx.at(service, part, column, index)
                        near = unknown[column, name]
                        entries = joined(name, registered)
                        if entries:
                            yield ctx.finding(UNKNOWN_UNIT, where, "joined", service, part, unit=name,
                                              entries="、".join(entries))
                        elif near:
                            yield ctx.finding(UNKNOWN_UNIT, where, "row", service, part, unit=name, closest=near)
                        else:
                            yield ctx.finding(UNKNOWN_UNIT, where, "row-new", service, part, unit=name,
                                              level=COLUMN_LEVELS[column][0])
    for index, unit in enumerate(ctx.typed.units):
        if unit.counterpart is not None and unit.counterpart not in registered:
            where = ctx.files.units.locate(("units", index, "counterpart"))
            near = closest(unit.counterpart, district_known)
            if near:
                yield ctx.finding(UNKNOWN_UNIT, where, "counterpart", counterpart=unit.counterpart, unit=unit.name,
                                  closest=near)
            else:
                yield ctx.finding(UNKNOWN_UNIT, where, "counterpart-new", counterpart=unit.counterpart,
                                  unit=unit.name)


@rule(UNUSED_UNIT)
def units_used(ctx: Context) -> Iterator[Result]:
    registered = registered_names(ctx)
    named = {name for _, name in named_units(ctx)}
    used = {entry for name in named for entry in joined(name, registered) or [name]}
    misspelt = set(unknown_units(ctx).values())  # unused because a row misspells it: QD102 says so
    for index, unit in enumerate(ctx.head.units):
        if unit.name not in used and unit.name not in misspelt:
            yield ctx.finding(UNUSED_UNIT, ctx.unit_location(index), "", unit=unit.name)


@rule(LEAD_MISMATCH, per_service=True)
def leads_match(ctx: Context) -> Iterator[Result]:
    units = {unit.name: unit for unit in ctx.typed.units}
    registered = registered_names(ctx)
    misplaced = unknown_units(ctx)
    for service in ctx.typed.services:
        for part, row in service.rows():
            lead = units.get(row.lead_city_unit or "")
            if lead is None or lead.counterpart is None or not row.district_units:
                continue
            if row.district_units[0] not in registered or lead.counterpart not in registered \
                    or ("district_units", row.district_units[0]) in misplaced:  # QD102's findings
                continue
            if _district(ctx, row.district_units)[0] != lead.counterpart:
                yield ctx.finding(LEAD_MISMATCH, ctx.at(service, part, "district_units", 0), "", service, part,
                                  district_lead=row.lead_district_unit, city_lead=lead.name,
                                  counterpart=lead.counterpart)
