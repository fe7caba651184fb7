"""Consistency rules over an edition, one theme per module, each registered with the Code it reports.

``run`` applies every registered rule and then the waivers; ``all_codes`` lists every code qingdan reports, from
which ``qingdan rules`` and docs/rules.md are generated.
"""

from __future__ import annotations

from ...core.findings import Code, Finding
from ...edition.schema_check import SCHEMA_VIOLATION
from . import (  # noqa: F401  (modules register their rules)
    counterpart,
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


def all_codes() -> tuple[Code, ...]:
    """Every finding code, once, in code order."""
    codes = {code.code: code for code in (SCHEMA_VIOLATION, *(r.code for r in RULES), UNUSED_WAIVER)}
    return tuple(codes[key] for key in sorted(codes))


def runnable(ctx: Context) -> list[Rule]:
    """The rules that can run on ``ctx``: the edition rules with a typed edition, the rules reading the official
    text with one."""
    return [registered for registered in RULES
            if (ctx.edition is not None or not registered.needs_edition)
            and (ctx.source is not None or not registered.needs_source)]


def finish(ctx: Context, findings: list[Finding], runs: list[Rule]) -> list[Finding]:
    """The findings of ``runs`` on ``ctx``, with a typed edition the waivers applied."""
    if ctx.edition is None:
        return findings
    waivable = {code.code for code in all_codes() if code.waivable}
    skipped = frozenset(r.code.code for r in RULES if r not in runs)
    return apply_waivers(ctx, findings, waivable, skipped)


def run(ctx: Context) -> list[Finding]:
    """The findings of every rule that can run on ``ctx``; with a typed edition, waivers applied."""
    runs = runnable(ctx)
    return finish(ctx, [finding for registered in runs for finding in registered.check(ctx)], runs)


__all__ = ["RULES", "Context", "Rule", "all_codes", "finish", "run", "runnable"]
