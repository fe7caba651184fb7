"""Text-agreement rules: structured quantities and the text they came from cannot drift apart (QD301–QD303).

The semantics, shared with the curators: money and percentage tokens are the matches of TOKEN_RE in a standard or
funding text; a quantity is anchored when its quote occurs in its field's text and contains its number(s) written
canonically (and, for a single value, the number followed by its unit); a token is captured when a quantity of the
same row and field with that unit and number has a quote occurrence that covers the token.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ..findings import Code, Finding
from ..model import Quantity, Row
from .context import Context
from .registry import rule

TOKEN_RE = re.compile(r"(\d+(?:\.\d+)?)(万元|元|%)")
TOKEN_FIELDS = ("standard", "funding")

QUOTE_MISMATCH = Code(
    "QD301", "quantity not anchored in its text",
    "A structured quantity's quote must occur in the text of its field, and contain its number written "
    "canonically (800, 4.7, 0.5) followed by its unit (for a range: both numbers, the upper one followed by the "
    "unit). Otherwise the data says something the published text does not.")
UNCAPTURED_TOKEN = Code(
    "QD302", "amount or percentage not captured",
    "Every money amount and percentage in a standard or funding text (a number followed by 元, 万元 or %) must be "
    "captured by a quantity of the same row and field, with that number and unit and a quote covering it, so that "
    "a change of the text cannot go unnoticed by the structured data.")
ARITHMETIC = Code(
    "QD303", "stated arithmetic does not hold",
    "A derivation says that one quantity is the product of others (4 元/天 × 200 天 = 800 元/年); the values must "
    "multiply out, and every name must be a quantity of the row with a single value.")


def canonical(number: float) -> str:
    """A number as the text writes it: 800, not 800.0; 4.7 and 0.5 as they are."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def has_number(text: str, number: float, suffix: str = "") -> bool:
    """Whether ``text`` contains ``number`` (then ``suffix``) as a whole number, not inside a longer one."""
    pattern = r"(?<![\d.])" + re.escape(canonical(number)) + r"(?!\.?\d)" + re.escape(suffix)
    return re.search(pattern, text) is not None


def field_text(row: Row, name: str) -> str | None:
    text: str | None = getattr(row, name, None)
    return text


def quote_problem(quantity: Quantity, text: str | None) -> str | None:
    """Why ``quantity`` is not anchored in ``text``, or None when it is."""
    if text is None or quantity.quote not in text:
        return f"the quote {quantity.quote!r} is not in the {quantity.field} text"
    if quantity.value is not None:
        if not has_number(quantity.quote, quantity.value, quantity.unit):
            return f"the quote {quantity.quote!r} does not contain {canonical(quantity.value)}{quantity.unit}"
        return None
    low, high = quantity.minimum, quantity.maximum
    if low is None or high is None:
        return "the quantity has neither a value nor a minimum and maximum"
    if not (has_number(quantity.quote, low) and has_number(quantity.quote, high, quantity.unit)):
        return (f"the quote {quantity.quote!r} does not contain the range {canonical(low)}–{canonical(high)}"
                f"{quantity.unit}")
    return None


@rule(QUOTE_MISMATCH)
def quotes_anchored(ctx: Context) -> Iterator[Finding]:
    for service in ctx.typed.services:
        for part, row in service.rows():
            for index, quantity in enumerate(row.quantities):
                problem = quote_problem(quantity, field_text(row, quantity.field))
                if problem:
                    yield ctx.finding(QUOTE_MISMATCH, ctx.at(service, part, "quantities", index),
                                      f"quantity {quantity.name!r}: {problem}", service, part)


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


@rule(UNCAPTURED_TOKEN)
def tokens_captured(ctx: Context) -> Iterator[Finding]:
    for service in ctx.typed.services:
        for part, row in service.rows():
            for name in TOKEN_FIELDS:
                text = field_text(row, name)
                for match in TOKEN_RE.finditer(text or ""):
                    assert text is not None
                    if not captured(row, name, text, match.start(), match.end(), float(match.group(1)),
                                    match.group(2)):
                        yield ctx.finding(UNCAPTURED_TOKEN, ctx.in_text(service, part, name, match.start()),
                                          f"{match.group(0)} in the {name} text is captured by no quantity",
                                          service, part)


@rule(ARITHMETIC)
def derivations_hold(ctx: Context) -> Iterator[Finding]:
    for service in ctx.typed.services:
        for part, row in service.rows():
            values = {q.name: q.value for q in row.quantities}
            for index, derivation in enumerate(row.derivations):
                names = (derivation.result, *derivation.product)
                unknown = [n for n in names if n not in values]
                ranged = [n for n in names if n in values and values[n] is None]
                if unknown or ranged:
                    problem = (f"names no quantity of this row: {', '.join(unknown)}" if unknown
                               else f"uses quantities without a single value: {', '.join(ranged)}")
                    yield ctx.finding(ARITHMETIC, ctx.at(service, part, "derivations", index),
                                      f"derivation of {derivation.result!r} {problem}", service, part)
                    continue
                product = math.prod(values[n] or 0.0 for n in derivation.product)
                result = values[derivation.result] or 0.0
                if not math.isclose(product, result, rel_tol=1e-9, abs_tol=1e-9):
                    factors = " × ".join(canonical(values[n] or 0.0) for n in derivation.product)
                    yield ctx.finding(ARITHMETIC, ctx.at(service, part, "derivations", index),
                                      f"{derivation.result!r} is {canonical(result)}, but "
                                      f"{factors} = {canonical(product)}", service, part)
