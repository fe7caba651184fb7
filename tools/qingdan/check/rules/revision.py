"""Revision rules: the predecessor, the unit lineage, the accepted changes and the name of an edition (QD701–QD706).

A revision names the edition it revises (``previous``); its registry may record that units replace units of the
predecessor (a reform's renames, merges and splits), and its ``accepted`` list the reviewed changes that the
只增不减 gate lets through. These rules keep all three honest: the predecessor exists, a replaced unit is gone
from every row, a replaced name was a unit of the predecessor, and every acceptance matches a change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...core.findings import Code
from ...core.results import Result, Severity
from .context import Context
from .registry import rule

PREDECESSOR = Code(
    "QD701", "predecessor missing",
    "`previous` in edition.yaml must name an edition folder beside this one (policies/2017 for previous: "
    "\"2017\") whose documents satisfy their schemas, or be null for the first edition of a list. Not the edition "
    "itself, and no chain of predecessors may come back to it: the lineage and the accepted changes are read "
    "against it.", waivable=False,
    messages={
        "no-folder": "previous: there is no edition folder {name!r} beside this edition",
        "self": "previous: {name!r} names this edition itself; name the edition it revises, or null for a first "
                "edition",
        "cycle": "previous: the chain of predecessors comes back to this edition ({chain}); one of them must name "
                 "the edition it really revises, or null",
        "invalid": "previous: the predecessor {name!r} does not satisfy its schemas: validate it first",
        "unreadable": "previous: the predecessor {name!r} cannot be read ({error})",
    })
REPLACED_UNIT_USED = Code(
    "QD702", "replaced unit still named",
    "A unit that another unit of units.yaml replaces (replaces: [...]) no longer exists in this edition: no row "
    "may name it, no counterpart may point at it, and the registry must not list it any more. A half-done rename "
    "is reported at every place, with the successor to write instead (qingdan rename-unit does all places at "
    "once).",
    messages={
        "row": "{unit} is replaced by {successors} (units.yaml); write {successor}, or run qingdan rename-unit {unit} "
               "{successor}",
        "row-split": "{unit} is replaced by {successors} (units.yaml); name the successor that carries this row",
        "registry": "{unit} is replaced by {successors} (units.yaml); remove its own entry from units.yaml",
        "counterpart": "the counterpart of {owner}: {unit} is replaced by {successors} (units.yaml)",
    })
UNKNOWN_PREDECESSOR_UNIT = Code(
    "QD703", "replaced unit unknown to the predecessor",
    "In an edition that names a predecessor (previous), every name under replaces must be a unit of the "
    "predecessor's registry, spelled as it was there. (In a first edition, replaces records a rename since its "
    "last commit or release, which qingdan diff --base shows as one line.)",
    messages={"": "{unit} replaces {name}, which is not a unit of the predecessor {previous}"})
STALE_ACCEPTANCE = Code(
    "QD704", "acceptance matches no change",
    "An entry of accepted: in edition.yaml (code, service, part, old and new) must match a change that qingdan "
    "diff reports between the predecessor and this edition, and no other entry may match the same change; one "
    "that matches nothing is stale and must be removed, so acceptances cannot pile up.", waivable=False,
    messages={
        "no-previous": "accepted changes are changes against a predecessor, but this edition names none: set "
                       "previous in edition.yaml",
        "stale": "the acceptance of {code} in {service} matches no change against {previous}: remove it",
        "stale-part": "the acceptance of {code} in {service} part {part} matches no change against {previous}: "
                      "remove it",
        "duplicate": "the acceptance of {code} in {service} is listed twice (first as item {first}): remove one",
        "duplicate-part": "the acceptance of {code} in {service} part {part} is listed twice (first as item "
                          "{first}): remove one",
    })

_LEFT = "{unit} is replaced by {successor} (units.yaml): write {successor} (qingdan rename-unit {unit} {successor} " \
        "--in-text does it everywhere)"
REPLACED_NAME_IN_TEXT = Code(
    "QD705", "replaced unit name left in a text",
    "A unit name the reform replaced (replaces in units.yaml, with one successor) still written in a text of "
    "a revision (an edition with a predecessor): a row's target, standard or funding, a waiver's reason, a unit's "
    "note or an acceptance's reason. It would survive into the rendered notice and the exports; write the "
    "successor (qingdan rename-unit OLD NEW --in-text rewrites every text). The diff reads such a rewrite as "
    "editorial (QC210).",
    severity=Severity.WARNING,
    messages={
        "target": "target (服务对象): " + _LEFT,
        "standard": "standard: " + _LEFT,
        "funding": "funding: " + _LEFT,
        "waiver": "waiver reason: " + _LEFT,
        "note": "note of {owner}: " + _LEFT,
        "acceptance": "acceptance reason: " + _LEFT,
    })


FOLDER_NAME = Code(
    "QD706", "revision named unlike its folder",
    "In a revision (an edition with a predecessor), edition: in edition.yaml must be the name of its folder. "
    "previous: names editions by their folders, and the diff, the changelog and the history show an edition by "
    "that name: an edition called 2019 in the folder 2021 would be compared and shown under two names.",
    severity=Severity.WARNING,
    messages={"": "edition: {edition!r}, but the folder is named {folder!r}: name them alike (previous: names the "
                  "folder)"})


def _edition_finding(ctx: Context, code: Code, path: tuple[str | int, ...], key: str, /, **params: Any) -> Result:
    return ctx.finding(code, ctx.files.edition.locate(path), key, **params)


@rule(PREDECESSOR)
def predecessor_exists(ctx: Context) -> Iterator[Result]:
    if ctx.predecessor_problem is not None:
        key, params = ctx.predecessor_problem
        yield _edition_finding(ctx, PREDECESSOR, ("previous",), key, **params)


@rule(REPLACED_UNIT_USED)
def replaced_units_gone(ctx: Context) -> Iterator[Result]:
    lineage = ctx.lineage
    if not lineage.successors:
        return

    def successors(name: str) -> str:
        return "、".join(lineage.successors[name])

    for service in ctx.typed.services:
        for part, row in service.rows():
            for column in ("city_units", "district_units"):
                for index, name in enumerate(getattr(row, column)):
                    if name not in lineage.successors:
                        continue
                    at = ctx.at(service, part, column, index)
                    if len(lineage.successors[name]) == 1:
                        yield ctx.finding(REPLACED_UNIT_USED, at, "row", service, part, unit=name,
                                          successors=successors(name), successor=lineage.successors[name][0])
                    else:
                        yield ctx.finding(REPLACED_UNIT_USED, at, "row-split", service, part, unit=name,
                                          successors=successors(name))
    for index, unit in enumerate(ctx.head.units):
        if unit.name in lineage.successors:
            yield ctx.finding(REPLACED_UNIT_USED, ctx.unit_location(index), "registry", unit=unit.name,
                              successors=successors(unit.name))
        if unit.counterpart in lineage.successors:
            yield ctx.finding(REPLACED_UNIT_USED, ctx.files.units.locate(("units", index, "counterpart")),
                              "counterpart", owner=unit.name, unit=unit.counterpart,
                              successors=successors(unit.counterpart))


@rule(UNKNOWN_PREDECESSOR_UNIT)
def replaced_units_known(ctx: Context) -> Iterator[Result]:
    if ctx.predecessor is None:
        return  # a first edition records renames made since its last release: nothing to check them against
    previous_units = {u.name for u in ctx.predecessor.units}
    for index, unit in enumerate(ctx.head.units):
        for position, name in enumerate(unit.replaces):
            where = ctx.files.units.locate(("units", index, "replaces", position))
            if name not in previous_units:
                yield ctx.finding(UNKNOWN_PREDECESSOR_UNIT, where, "", unit=unit.name, name=name,
                                  previous=ctx.head.metadata.previous)


@rule(STALE_ACCEPTANCE)
def acceptances_match(ctx: Context) -> Iterator[Result]:
    accepted = ctx.head.metadata.accepted
    if not accepted:
        return
    first: dict[tuple[str, str, str | None, str, str], int] = {}
    repeated: set[int] = set()
    for index, acceptance in enumerate(accepted):
        key = (acceptance.code, acceptance.service, acceptance.part, acceptance.old, acceptance.new)
        if key in first:  # the same change twice: said as such, not also as matching nothing
            repeated.add(index)
            yield _edition_finding(ctx, STALE_ACCEPTANCE, ("accepted", index),
                                   "duplicate-part" if acceptance.part else "duplicate", code=acceptance.code,
                                   service=acceptance.service, first=first[key] + 1,
                                   **({"part": acceptance.part} if acceptance.part else {}))
        first.setdefault(key, index)
    if ctx.head.metadata.previous is None:
        yield _edition_finding(ctx, STALE_ACCEPTANCE, ("accepted",), "no-previous")
        return
    if ctx.predecessor is None:
        return  # QD701 says why; nothing to match against
    from ...diff import compare
    from ...diff.accepting import unmatched

    changes = compare(ctx.predecessor, ctx.typed).changes
    for index in unmatched(changes, accepted):
        if index in repeated:
            continue
        acceptance = accepted[index]
        yield _edition_finding(ctx, STALE_ACCEPTANCE, ("accepted", index), "stale-part" if acceptance.part else "stale",
                               code=acceptance.code, service=acceptance.service, previous=ctx.head.metadata.previous,
                               **({"part": acceptance.part} if acceptance.part else {}))


@rule(REPLACED_NAME_IN_TEXT)
def replaced_names_in_texts(ctx: Context) -> Iterator[Result]:
    lineage = ctx.lineage
    if not lineage.successors or ctx.head.metadata.previous is None:
        return  # a first edition records renames since its release; its notes may tell the history
    for service in ctx.typed.services:
        for part, row in service.rows():
            for field in ("target", "standard", "funding"):
                text = getattr(row, field)
                for name, successor in lineage.named_in(text or ""):
                    at = ctx.in_text(service, part, field, (text or "").find(name))
                    yield ctx.finding(REPLACED_NAME_IN_TEXT, at, field, service, part, unit=name,
                                      successor=successor)
        for index, waiver in enumerate(service.waivers):
            for name, successor in lineage.named_in(waiver.reason):
                yield ctx.finding(REPLACED_NAME_IN_TEXT, ctx.at(service, None, "waivers", index, "reason"), "waiver",
                                  service, None, unit=name, successor=successor)
    for index, unit in enumerate(ctx.head.units):
        for name, successor in lineage.named_in(unit.note or ""):
            yield ctx.finding(REPLACED_NAME_IN_TEXT, ctx.files.units.locate(("units", index, "note")), "note",
                              owner=unit.name, unit=name, successor=successor)
    for index, acceptance in enumerate(ctx.head.metadata.accepted):
        for name, successor in lineage.named_in(acceptance.reason):
            yield _edition_finding(ctx, REPLACED_NAME_IN_TEXT, ("accepted", index, "reason"), "acceptance", unit=name,
                                   successor=successor)


@rule(FOLDER_NAME)
def named_as_its_folder(ctx: Context) -> Iterator[Result]:
    folder, name = ctx.files.name, ctx.head.metadata.edition
    if ctx.head.metadata.previous is None or not folder or folder in (".", ".."):
        return  # a first edition stands alone (test and case folders are named for what they hold)
    if name != folder:
        yield _edition_finding(ctx, FOLDER_NAME, ("edition",), "", edition=name, folder=folder)
