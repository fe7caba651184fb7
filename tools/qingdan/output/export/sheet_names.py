"""Worksheet names Excel accepts, one per unit, unique in the workbook.

Excel refuses a sheet name longer than 31 UTF-16 code units, one holding any of ``[]:*?/\\``, one that starts or ends
with ``'``, the reserved name History, and a name equal to another sheet's when case is ignored; XlsxWriter raises
on each. A unit's name is made safe here (forbidden characters become ``_``, the quotes are dropped, the name is cut
at 31 units without splitting a character, a clash gets ``_2``, ``_3``); the sheet's title cell keeps the full name.
"""

from __future__ import annotations

import re

LIMIT = 31  # UTF-16 code units
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_RESERVED = "history"
_FALLBACK = "单位"


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-16 units, never inside a character."""
    while _units(text) > limit:
        text = text[:-1]
    return text


class SheetNames:
    """Hands out safe, unique sheet names in the order sheets are added."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def add(self, wanted: str) -> str:
        base = _FORBIDDEN.sub("_", wanted).strip("'")
        base = _cut(base, LIMIT).rstrip("'") or _FALLBACK
        if base.lower() == _RESERVED:
            base += "_"
        name, n = base, 2
        while name.lower() in self.taken:
            suffix = f"_{n}"
            name = _cut(base, LIMIT - len(suffix)).rstrip("'") + suffix
            n += 1
        self.taken.add(name.lower())
        return name
