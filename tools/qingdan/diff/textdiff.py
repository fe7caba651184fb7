"""Character-level text diff for Chinese (no word boundaries), keeping numbers and amounts (800元, 70%) whole."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cached_property

from ..core.model import Edition
from .model import Segment

# A number with its unit is one token, so "800元" -> "1000元" reads as one replacement, never "[8]{10}00元".
_TOKEN = re.compile(r"\d+(?:\.\d+)?(?:万元|元|%)?|[A-Za-z]+|\s+|.", re.DOTALL)
NUMBER = re.compile(r"(\d+(?:\.\d+)?)(万元|元|%)?")
_PUNCTUATION = re.compile(r"[\s\W_]*")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def diff_text(old: str | None, new: str | None) -> tuple[Segment, ...]:
    """The runs kept, removed and added between two texts, adjacent runs of one kind merged."""
    a, b = tokens(old or ""), tokens(new or "")
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    segments: list[Segment] = []

    def push(op: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in _cleaned(matcher):
        if tag == "equal":
            push("=", "".join(a[i1:i2]))
        else:
            push("-", "".join(a[i1:i2]))
            push("+", "".join(b[j1:j2]))
    return tuple(segments)


def _cleaned(matcher: SequenceMatcher[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes with one-token islands of agreement between two edits folded into the edit, for readability."""
    opcodes = matcher.get_opcodes()
    merged: list[tuple[str, int, int, int, int]] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        island = (tag == "equal" and i2 - i1 == 1 and 0 < index < len(opcodes) - 1 and merged
                  and merged[-1][0] != "equal")
        if island or (tag != "equal" and merged and merged[-1][0] != "equal"):
            _, a1, _, b1, _ = merged.pop()
            merged.append(("replace", a1, i2, b1, j2))
        else:
            merged.append((tag, i1, i2, j1, j2))
    return merged


def removed(segments: tuple[Segment, ...]) -> str:
    return "".join(s.text for s in segments if s.op == "-")


def added(segments: tuple[Segment, ...]) -> str:
    return "".join(s.text for s in segments if s.op == "+")


def only_punctuation(text: str) -> bool:
    return _PUNCTUATION.fullmatch(text) is not None


def numbers(text: str | None) -> list[tuple[float, str]]:
    """Every number in the text with its money or percentage unit ('' for a bare number), in order."""
    return [(float(m.group(1)), m.group(2) or "") for m in NUMBER.finditer(text or "")]


_CLAUSE_BREAK = re.compile(r"[、，,；;。：:\n]+")
_SPACE_AND_PUNCTUATION = re.compile(r"[\s\W_]+")


class Corpus:
    """Every standard and funding text of the new edition, flattened (no spaces or punctuation) the first time a
    possibly cut clause must be looked for elsewhere: most diffs never need it."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition

    @cached_property
    def flat(self) -> str:
        return flatten("\n".join(text for s in self.edition.services for _, row in s.rows()
                                 for text in (row.standard, row.funding) if text))


def flatten(text: str) -> str:
    return _SPACE_AND_PUNCTUATION.sub("", text)


def removed_clauses(old: str | None, new: str | None, elsewhere: Corpus | None = None) -> list[str]:
    """The clauses of ``old`` (runs between 、，；。： or line breaks) that occur nowhere in ``new``.

    Spaces and punctuation are ignored on both sides, so re-punctuating or reordering clauses removes nothing;
    a clause that was cut, or reworded, is returned. A clause found ``elsewhere`` (the other standard and funding
    texts of the new edition) moved with a split and is not returned.
    """
    flat = flatten(new or "")
    out = []
    for clause in _CLAUSE_BREAK.split(old or ""):
        key = flatten(clause)
        if key and key not in flat and (elsewhere is None or key not in elsewhere.flat):
            out.append(clause.strip())
    return out
