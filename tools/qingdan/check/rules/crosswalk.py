"""A revision in another shape carries a crosswalk from its predecessor, and the crosswalk accounts for every
service on both sides (QD711).

crosswalk.yaml maps each old service id to the new ids that carry it, with a relation (same, renamed, moved,
split, merged, new, dropped). qingdan diff reads it, so a gap would make an old service vanish unexplained or a new
one appear from nowhere: every old and every new service must appear in it exactly once, and each relation must
have the number of old and new ids it means.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.findings import Code
from ...core.model import CrosswalkEntry
from ...core.results import Result
from .context import Context
from .registry import rule

CROSSWALK = Code(
    "QD711", "crosswalk incomplete",
    "A revision whose shape differs from its predecessor's (shape: in edition.yaml) must carry crosswalk.yaml, "
    "and a crosswalk must account for every service: each service id of the predecessor in exactly one entry's "
    "old, each service id of this edition in exactly one entry's new, no id that is not a service there, and each "
    "relation with the ids it means (same, renamed and moved: one old and one new; split: one old, several new; "
    "merged: several old, one new; new: no old; dropped: no new). Its from: names the predecessor.",
    waivable=False,
    messages={
        "missing": "the shape {shape} differs from the predecessor {previous}'s ({old_shape}): add crosswalk.yaml, "
                   "which maps each old service to its new ones",
        "from": "from: {name!r} is not the predecessor {previous} that previous names",
        "old-gap": "the predecessor's service {service} ({label}) is in no entry of the crosswalk",
        "new-gap": "the service {service} ({label}) is in no entry of the crosswalk",
        "old-unknown": "{service} is not a service of the predecessor {previous}",
        "new-unknown": "{service} is not a service of this edition",
        "twice": "{service} is in more than one entry of the crosswalk",
        "arity-one": "a {relation} entry takes one old and one new id; this one has {old} old and {new} new ids",
        "arity-split": "a split entry takes one old id and at least two new ids; this one has {old} old and {new} "
                       "new ids",
        "arity-merged": "a merged entry takes at least two old ids and one new id; this one has {old} old and {new} "
                        "new ids",
        "arity-new": "a new entry takes no old id and one new id; this one has {old} old and {new} new ids",
        "arity-dropped": "a dropped entry takes one old id and no new id; this one has {old} old and {new} new ids",
    })

_ARITY = {"same": (1, 1, 1, 1), "renamed": (1, 1, 1, 1), "moved": (1, 1, 1, 1), "split": (1, 1, 2, None),
          "merged": (2, None, 1, 1), "new": (0, 0, 1, 1), "dropped": (1, 1, 0, 0)}


def _fits(entry: CrosswalkEntry) -> bool:
    low_old, high_old, low_new, high_new = _ARITY[entry.relation]
    return (low_old <= len(entry.old) and (high_old is None or len(entry.old) <= high_old)
            and low_new <= len(entry.new) and (high_new is None or len(entry.new) <= high_new))


@rule(CROSSWALK)
def crosswalk_complete(ctx: Context) -> Iterator[Result]:
    edition, old = ctx.head, ctx.predecessor
    crosswalk = edition.crosswalk
    previous = edition.metadata.previous
    if crosswalk is None:
        if old is not None and old.shape != edition.shape:
            yield ctx.finding(CROSSWALK, ctx.files.edition.locate(("shape",)), "missing", shape=edition.shape,
                              previous=previous, old_shape=old.shape)
        return
    document = ctx.files.crosswalk
    assert document is not None
    if crosswalk.previous != previous:
        yield ctx.finding(CROSSWALK, document.locate(("from",)), "from", name=crosswalk.previous,
                          previous=previous)
    new_ids = {brief.id for brief in ctx.briefs}
    old_ids = {s.id for s in old.services} if old is not None else None
    seen: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(crosswalk.entries):
        if not _fits(entry):
            one = entry.relation in ("same", "renamed", "moved")
            counts = {"old": len(entry.old), "new": len(entry.new)}
            yield (ctx.finding(CROSSWALK, document.locate(("services", index)), "arity-one",
                               relation=entry.relation, **counts) if one else
                   ctx.finding(CROSSWALK, document.locate(("services", index)), f"arity-{entry.relation}", **counts))
        for side, ids in (("old", entry.old), ("new", entry.new)):
            for position, name in enumerate(ids):
                where = document.locate(("services", index, side, position))
                if (side, name) in seen:
                    yield ctx.finding(CROSSWALK, where, "twice", service=name)
                seen[side, name] = index
                known = new_ids if side == "new" else old_ids
                if known is not None and name not in known:
                    yield (ctx.finding(CROSSWALK, where, "old-unknown", service=name, previous=previous)
                           if side == "old" else ctx.finding(CROSSWALK, where, "new-unknown", service=name))
    at = document.locate(("services",))
    for service in old.services if old is not None else ():
        if ("old", service.id) not in seen:
            yield ctx.finding(CROSSWALK, at, "old-gap", service=service.id,
                              label=f"{service.number} {service.name}")
    for brief in ctx.briefs:
        if ("new", brief.id) not in seen:
            yield ctx.finding(CROSSWALK, at, "new-gap", service=brief.id, label=f"{brief.number} {brief.name}")
