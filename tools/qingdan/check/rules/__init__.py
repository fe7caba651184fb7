"""Consistency rules over an edition, one theme per module, each registered with the Code it reports.

``run`` applies every registered rule and then the waivers; ``all_codes`` lists every code qingdan reports, from
which ``qingdan rules`` and docs/rules.md are generated.
"""

from __future__ import annotations

from ...core.findings import LOAD_CODES, Code
from ...core.results import Result
from ...edition.schema_check import SCHEMA_VIOLATION, SHAPE_MISMATCH
from . import (  # noqa: F401  (modules register their rules)
    counterpart,
    crosswalk,
    funding,
    hygiene,
    identity,
    revision,
    source_text,
    text_agreement,
)
from .context import Context
from .registry import RULES, Rule
from .waivers import UNUSED_WAIVER, apply_waivers


def validate_codes() -> tuple[Code, ...]:
    """Every finding code qingdan validate reports, once, in code order: the load errors', the schemas' and shapes',
    the rules' and the waivers'."""
    declared = (*LOAD_CODES, SCHEMA_VIOLATION, SHAPE_MISMATCH, *(r.code for r in RULES), UNUSED_WAIVER)
    codes = {code.code: code for code in declared}
    return tuple(codes[key] for key in sorted(codes))


def all_codes() -> tuple[Code, ...]:
    """Every finding code qingdan reports, once, in code order: validate's, then qingdan conform's (QD8xx)."""
    from ..conformance import CONFORM_CODES  # conform's own module: validate never imports it

    return (*validate_codes(), *CONFORM_CODES)


def runnable(ctx: Context) -> list[Rule]:
    """The rules that can run on ``ctx``: the edition rules with a typed edition, the rules reading the official
    text with one."""
    return [registered for registered in RULES
            if (ctx.valid or not registered.needs_edition)
            and (ctx.source is not None or not registered.needs_source)]


def finish(ctx: Context, findings: list[Result], runs: list[Rule]) -> list[Result]:
    """The findings of ``runs`` on ``ctx``, with a typed edition the waivers applied."""
    if not ctx.valid:
        return findings
    waivable = {code.code for code in validate_codes() if code.waivable}
    skipped = frozenset(r.code.code for r in RULES if r not in runs)
    return apply_waivers(ctx, findings, waivable, skipped)


def run(ctx: Context) -> list[Result]:
    """The findings of every rule that can run on ``ctx``; with a typed edition, waivers applied."""
    runs = runnable(ctx)
    return finish(ctx, [finding for registered in runs for finding in registered.check(ctx)], runs)


__all__ = ["RULES", "Context", "Rule", "all_codes", "finish", "run", "runnable", "validate_codes"]
