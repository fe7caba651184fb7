"""Text-agreement rules: structured quantities and the text they came from cannot drift apart (QD301–QD303).

The semantics, shared with the curators: money and percentage tokens are the matches of TOKEN_RE in a standard or
funding text; a quantity is anchored when its quote occurs in its field's text and contains its number(s) written
canonically (and, for a single value, the number followed by its unit); a token is captured when a quantity of the
same row and field with that unit and number has a quote occurrence that covers the token.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ...core.findings import Code
from ...core.i18n import Keyword
from ...core.model import Quantity, Row
from ...core.results import Result
from ...core.vocabulary import FIELD_WORDS, MONEY_TOKEN
from .context import Context, Problem
from .registry import rule

TOKEN_RE = MONEY_TOKEN
TOKEN_FIELDS = ("standard", "funding")

QUOTE_MISMATCH = Code(
    "QD301", "quantity not anchored in its text",
    "A structured quantity's quote must occur in the text of its field, and contain its number written "
    "canonically (800, 4.7, 0.5) followed by its unit (for a range: both numbers, the upper one followed by the "
    "unit). Otherwise the data says something the published text does not.",
    messages={
        "not-in-text": "quantity {quantity!r}: the quote {quote!r} is not in the {field} text",
        "no-number": "quantity {quantity!r}: the quote {quote!r} does not contain {number}",
        "no-value": "quantity {quantity!r}: the quantity has neither a value nor a minimum and maximum",
        "no-range": "quantity {quantity!r}: the quote {quote!r} does not contain the range {range}",
    })
UNCAPTURED_TOKEN = Code(
    "QD302", "amount or percentage not captured",
    "Every money amount and percentage in a standard or funding text (a number followed by 元, 万元 or %) must be "
    "captured by a quantity of the same row and field, with that number and unit and a quote covering it, so that "
    "a change of the text cannot go unnoticed by the structured data.",
    messages={"": "{token} in the {field} text is captured by no quantity: add one to quantities (name, value: "
                  "{value}, unit: {unit}, field: {key}, quote: the words around {token})"})
ARITHMETIC = Code(
    "QD303", "stated arithmetic does not hold",
    "A derivation says that one quantity is the product of others (4 元/天 × 200 天 = 800 元/年); the values must "
    "multiply out, and every name must be a quantity of the row with a single value.",
    messages={
        "unknown": "derivation of {result!r} names no quantity of this row: {names}",
        "ranged": "derivation of {result!r} uses quantities without a single value: {names}",
        "product": "{result!r} is {value}, but {factors} = {product}",
    })


def canonical(number: float) -> str:
    """A number as the text writes it: 800, not 800.0; 4.7 and 0.5 as they are."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def has_number(text: str, number: float, suffix: str = "") -> bool:
    r"""Whether ``text`` contains ``number`` (then ``suffix``) as a whole number, not inside a longer one.

    What ``re.search(r"(?<![\d.])" + re.escape(canonical(number)) + r"(?!\.?\d)" + re.escape(suffix), text)``
    finds (``\d`` is any Unicode decimal digit, as ``str.isdecimal``), without compiling a pattern per number:
    tests/unit/test_fast_paths.py compares them."""
    written = canonical(number)
    at = text.find(written)
    while at != -1:
        end = at + len(written)
        before = text[at - 1] if at else ""
        after = text[end:end + 2]
        if not (before == "." or before.isdecimal()) and not (after[:1].isdecimal() or (
                after[:1] == "." and after[1:].isdecimal())) and text.startswith(suffix, end):
            return True
        at = text.find(written, at + 1)
    return False


def field_text(row: Row, name: str) -> str | None:
    text: str | None = getattr(row, name, None)
    return text


def quote_problem(quantity: Quantity, text: str | None) -> Problem | None:
    """Why ``quantity`` is not anchored in ``text`` (a message key of QD301 and its parameters), or None."""
    if text is None or quantity.quote not in text:
        field = Keyword(quantity.field, FIELD_WORDS.get(quantity.field))
        return "not-in-text", {"quote": quantity.quote, "field": field}
    if quantity.value is not None:
        if not has_number(quantity.quote, quantity.value, quantity.unit):
            return "no-number", {"quote": quantity.quote, "number": f"{canonical(quantity.value)}{quantity.unit}"}
        return None
    low, high = quantity.minimum, quantity.maximum
    if low is None or high is None:
        return "no-value", {}
    if not (has_number(quantity.quote, low) and has_number(quantity.quote, high, quantity.unit)):
        return "no-range", {"quote": quantity.quote,
                            "range": f"{canonical(low)}–{canonical(high)}{quantity.unit}"}
    return None


@rule(QUOTE_MISMATCH, per_service=True)
def quotes_anchored(ctx: Context) -> Iterator[Result]:
    for service in ctx.typed.services:
        for part, row in service.rows():
            for index, quantity in enumerate(row.quantities):
                problem = quote_problem(quantity, field_text(row, quantity.field))
                if problem:
                    key, params = problem
                    yield ctx.finding(QUOTE_MISMATCH, ctx.at(service, part, "quantities", index), key, service,
                                      part, quantity=quantity.name, **params)


def _numbers(quantity: Quantity) -> tuple[float, ...]:
    return tuple(n for n in (quantity.value, quantity.minimum, quantity.maximum) if n is not None)


def captured(row: Row, name: str, text: str, start: int, end: int, number: float, unit: str) -> bool:
    for quantity in row.quantities:
        if quantity.field != name or quantity.unit != unit:
            continue
        if not any(math.isclose(number, n, rel_tol=1e-9) for n in _numbers(quantity)):
            continue
        at = text.find(quantity.quote)
        while at != -1:
            if at <= start and end <= at + len(quantity.quote):
                return True
            at = text.find(quantity.quote, at + 1)
    return False


@rule(UNCAPTURED_TOKEN, per_service=True)
def tokens_captured(ctx: Context) -> Iterator[Result]:
    for service in ctx.typed.services:
        for part, row in service.rows():
            for name in TOKEN_FIELDS:
                text = field_text(row, name)
                for match in TOKEN_RE.finditer(text or ""):
                    assert text is not None
                    if not captured(row, name, text, match.start(), match.end(), float(match.group(1)),
                                    match.group(2)):
                        yield ctx.finding(UNCAPTURED_TOKEN, ctx.in_text(service, part, name, match.start()), "",
                                          service, part, token=match.group(0), field=Keyword(name, FIELD_WORDS[name]),
                                          value=match.group(1), unit=match.group(2), key=name)


@rule(ARITHMETIC, per_service=True)
def derivations_hold(ctx: Context) -> Iterator[Result]:
    for service in ctx.typed.services:
        for part, row in service.rows():
            values = {q.name: q.value for q in row.quantities}
            for index, derivation in enumerate(row.derivations):
                names = (derivation.result, *derivation.product)
                unknown = [n for n in names if n not in values]
                ranged = [n for n in names if n in values and values[n] is None]
                if unknown or ranged:
                    yield ctx.finding(ARITHMETIC, ctx.at(service, part, "derivations", index),
                                      "unknown" if unknown else "ranged", service, part, result=derivation.result,
                                      names=", ".join(unknown or ranged))
                    continue
                product = math.prod(values[n] or 0.0 for n in derivation.product)
                result = values[derivation.result] or 0.0
                if not math.isclose(product, result, rel_tol=1e-9, abs_tol=1e-9):
                    factors = " × ".join(canonical(values[n] or 0.0) for n in derivation.product)
                    yield ctx.finding(ARITHMETIC, ctx.at(service, part, "derivations", index), "product", service,
                                      part, result=derivation.result, value=canonical(result), factors=factors,
                                      product=canonical(product))
