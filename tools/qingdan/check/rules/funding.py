"""Funding rules: who pays, and whether the stated splits between payers are complete (QD201–QD204)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from ...core.findings import Code
from ...core.i18n import Keyword, listing
from ...core.model import Part, Row, Service, Split
from ...core.results import Result
from ...core.vocabulary import FIELD_WORDS, PAYERS
from .context import Context, Problem
from .registry import rule
from .text_agreement import canonical, field_text

NO_PAYER = Code(
    "QD201", "nobody pays",
    "Every service and part must say who pays: a funding text (支出责任) or, where the published cell is empty, a "
    "curated list of payers.",
    messages={"": "the funding text is empty and no payers are listed"})
BAD_RATIO = Code(
    "QD202", "ratio split does not match its quote",
    "A ratio split (中央和地方财政按8∶2比例分担) gives each share a positive term, and its quote, which must occur "
    "in the split's field, contains the terms joined by ∶ (U+2236) or ':' in the order of the shares.",
    messages={
        "terms": "split {split!r}: every share of a ratio needs a term (value) and no quantity",
        "no-quote": "split {split!r}: a ratio split needs the quote that states it",
        "quote-not-in-text": "split {split!r}: the quote {quote!r} is not in the {field} text",
        "ratio-not-in-quote": "split {split!r}: the quote {quote!r} does not contain the ratio {ratio}",
    })
SUM_MISMATCH = Code(
    "QD203", "shares do not add up to the total",
    "An amount or rate split names a total quantity and one quantity per share, all in the same unit; the shares "
    "must add up to the total (item 24: 70 + 25 = 95 元; item 28: 0.5 % + 0.5 % = 1 %).",
    messages={
        "no-total": "split {split!r}: an amount or rate split needs a total",
        "no-value": "split {split!r}: the total and every share need a single value",
        "units": "split {split!r}: the total and the shares are in different units ({units})",
        "sum": "split {split!r}: {terms} = {sum}, but the total {total!r} is {value}{unit}",
    })
UNKNOWN_REFERENCE = Code(
    "QD204", "split names an unknown quantity or payer",
    "Every quantity a split or share names must be a quantity of the same row (quantity names are unique within a "
    "row), and every payer of a split must be among the row's payers.",
    messages={
        "quantity-twice": "quantity name {quantity!r} is used twice in this row",
        "unknown-quantity": "split {split!r}: {quantity!r} is not a quantity of this row",
        "unknown-payer": "split {split!r}: payer {payer} is not among the row's payers ({payers})",
        "unknown-payer-none": "split {split!r}: payer {payer} is not among the row's payers (none listed)",
    })


@rule(NO_PAYER, per_service=True)
def someone_pays(ctx: Context) -> Iterator[Result]:
    for service in ctx.typed.services:
        if "funding" in service.unknown:  # a row transcribed from its name only: no funding to check
            continue
        for part, row in service.rows():
            if row.funding is None and not row.payers:
                yield ctx.finding(NO_PAYER, ctx.at(service, part, "funding", key=True), "", service, part)


def _ratio_problem(split: Split, row: Row) -> Problem | None:
    terms = [share.value for share in split.shares]
    if any(term is None for term in terms) or any(share.quantity for share in split.shares):
        return "terms", {}
    if not split.quote:
        return "no-quote", {}
    text = field_text(row, split.field)
    if text is None or split.quote not in text:
        return "quote-not-in-text", {"quote": split.quote, "field": Keyword(split.field, FIELD_WORDS.get(split.field))}
    written = [canonical(term or 0.0) for term in terms]
    if not any(sep.join(written) in split.quote for sep in ("∶", ":")):
        return "ratio-not-in-quote", {"quote": split.quote, "ratio": "∶".join(written)}
    return None


def _sum_problem(split: Split, row: Row) -> Problem | None:
    quantities = {q.name: q for q in row.quantities}
    total = quantities.get(split.total or "")
    shares = [quantities.get(share.quantity or "") for share in split.shares]
    if total is None or any(share is None for share in shares):
        return None  # QD204 names what is missing
    if total.value is None or any(share.value is None for share in shares if share):
        return "no-value", {}
    units = {total.unit, *(share.unit for share in shares if share)}
    if len(units) > 1:
        return "units", {"units": ", ".join(sorted(units))}
    added = math.fsum(share.value or 0.0 for share in shares if share)
    if abs(added - total.value) > 1e-9:
        terms = " + ".join(canonical(share.value or 0.0) for share in shares if share)
        return "sum", {"terms": terms, "sum": canonical(added), "total": total.name,
                       "value": canonical(total.value), "unit": total.unit}
    return None


@rule(BAD_RATIO, per_service=True)
def ratios_match(ctx: Context) -> Iterator[Result]:
    for service, part, index, split, row in _splits(ctx):
        if split.kind == "ratio" and (problem := _ratio_problem(split, row)):
            key, params = problem
            yield ctx.finding(BAD_RATIO, ctx.at(service, part, "splits", index), key, service, part,
                              split=split.name, **params)


@rule(SUM_MISMATCH, per_service=True)
def sums_match(ctx: Context) -> Iterator[Result]:
    for service, part, index, split, row in _splits(ctx):
        if split.kind == "ratio":
            continue
        problem: Problem | None = ("no-total", {}) if not split.total else _sum_problem(split, row)
        if problem:
            key, params = problem
            yield ctx.finding(SUM_MISMATCH, ctx.at(service, part, "splits", index), key, service, part,
                              split=split.name, **params)


@rule(UNKNOWN_REFERENCE, per_service=True)
def references_known(ctx: Context) -> Iterator[Result]:
    for service in ctx.typed.services:
        for part, row in service.rows():
            seen: set[str] = set()
            for index, quantity in enumerate(row.quantities):
                if quantity.name in seen:
                    yield ctx.finding(UNKNOWN_REFERENCE, ctx.at(service, part, "quantities", index, "name"),
                                      "quantity-twice", service, part, quantity=quantity.name)
                seen.add(quantity.name)
    for service, part, index, split, row in _splits(ctx):
        names = {q.name for q in row.quantities}
        referenced: list[tuple[tuple[str | int, ...], str]] = [(("total",), split.total)] if split.total else []
        referenced += [(("shares", i, "quantity"), share.quantity)
                       for i, share in enumerate(split.shares) if share.quantity]
        for steps, name in referenced:
            if name not in names:
                yield ctx.finding(UNKNOWN_REFERENCE, ctx.at(service, part, "splits", index, *steps),
                                  "unknown-quantity", service, part, split=split.name, quantity=name)
        for i, share in enumerate(split.shares):
            if share.payer not in row.payers:
                yield ctx.finding(UNKNOWN_REFERENCE, ctx.at(service, part, "splits", index, "shares", i, "payer"),
                                  "unknown-payer" if row.payers else "unknown-payer-none", service, part,
                                  split=split.name, payer=Keyword(share.payer, PAYERS.get(share.payer)),
                                  **({"payers": listing(f"{Keyword(p, PAYERS.get(p))}" for p in row.payers)}
                                     if row.payers else {}))


def _splits(ctx: Context) -> Iterator[tuple[Service, Part | None, int, Split, Row]]:
    for service in ctx.typed.services:
        for part, row in service.rows():
            for index, split in enumerate(row.splits):
                yield service, part, index, split, row
