"""Waivers: findings accepted in the data, per service and rule code (and optionally part), with a reason.

A waived finding is kept and shown as waived, with the waiver's reason, and does not fail the run; a waiver that
matches no finding is itself an error (QD601), so waivers cannot outlive the problem they excused.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...core.findings import Code
from ...core.model import Service
from ...core.results import Result
from .context import Context

UNUSED_WAIVER = Code(
    "QD601", "waiver matches no finding",
    "A waiver in a service file (waivers: [{rule, reason, part?}]) must match at least one finding of that rule "
    "in that service (and part, when it names one). A waiver that matches nothing is stale: remove it.",
    waivable=False,
    messages={
        "": "the waiver of {rule} matches no finding of this service",
        "part": "the waiver of {rule} (part {part}) matches no finding of this service",
    })


def _waivers(service: Service) -> tuple[tuple[str, str | None, str], ...]:
    """The rule, part and reason of each of the service's waivers (a fact of the service, see Context.facts_of)."""
    return tuple((waiver.rule, waiver.part, waiver.reason) for waiver in service.waivers)


def apply_waivers(ctx: Context, findings: Iterable[Result], waivable: set[str],
                  skipped: frozenset[str] = frozenset()) -> list[Result]:
    """``findings`` with the waived ones marked, plus a QD601 finding for every waiver that matched nothing.

    A waiver of a rule that did not run (``skipped``: it reads an official text the edition does not have yet)
    is neither used nor stale.
    """
    result = list(findings)
    # the waivable findings by service and code: each waiver looks only at its own (linear, not waivers × findings)
    candidates: dict[tuple[str | None, str], list[int]] = {}
    for position, finding in enumerate(result):
        if finding.code in waivable:
            candidates.setdefault((finding.subject.service, finding.code), []).append(position)
    for brief, waivers in zip(ctx.briefs, ctx.facts_of("waivers", _waivers), strict=True):
        if not waivers:
            continue
        for index, (rule, part, reason) in enumerate(waivers):
            used = False
            for position in candidates.get((brief.id, rule), ()):
                finding = result[position]
                if part is None or finding.subject.part == part:
                    result[position] = finding if finding.waived else finding.waive(reason)
                    used = True
            if not used and rule not in skipped:
                at = ctx.at_brief(brief, None, "waivers", index)
                result.append(ctx.finding(UNUSED_WAIVER, at, "part", brief, rule=rule, part=part)
                              if part else ctx.finding(UNUSED_WAIVER, at, "", brief, rule=rule))
    return result
