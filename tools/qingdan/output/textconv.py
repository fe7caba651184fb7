"""A line-per-fact view of one edition YAML file, for git's textconv: ``git diff`` then shows short, labelled lines.

Long texts are cut after each clause (。；，：), so a changed amount shows in a line of a few characters instead of
a whole paragraph. A file that does not parse is shown as it is, so git can still diff a half-written file.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.errors import InputError
from ..core.vocabulary import FIELD_WORDS
from ..io.loading import parse_document

LABELS = FIELD_WORDS | {
    "payers": "出资方", "quantities": "数量", "splits": "分担", "derivations": "计算", "parts": "子项",
    "waivers": "豁免",
}
_CLAUSE = re.compile(r"(?<=[。；，：;、])")


def clauses(text: str) -> list[str]:
    return [piece for line in text.splitlines() for piece in _CLAUSE.split(line) if piece]


def _label(key: str | int) -> str:
    return str(key) if isinstance(key, int) else LABELS.get(key, key)


def _named(item: Any, index: int) -> str:
    """A list item by its name or id where it has one, so inserting an item does not relabel the others."""
    if isinstance(item, dict):
        for key in ("name", "id", "heading", "result"):
            found = item.get(key)
            if isinstance(found, str):
                return found
    return str(index + 1)


def _lines(value: Any, path: str, out: list[str]) -> None:
    if isinstance(value, dict):
        row = not path or "city_units" in value  # a service or part: its keys read as the table's column labels
        for key, item in value.items():
            label = _label(key) if row else str(key)
            _lines(item, f"{path}.{label}" if path else label, out)
    elif isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            out.extend(f"{path}: {item}" + ("（牵头）" if i == 0 and path.endswith("单位") else "")
                       for i, item in enumerate(value))
        else:
            for index, item in enumerate(value):
                _lines(item, f"{path}[{_named(item, index)}]", out)
    elif isinstance(value, str) and len(clauses(value)) > 1:
        out.append(f"{path}:")
        out.extend(f"    {piece}" for piece in clauses(value))
    else:
        out.append(f"{path}: {'—' if value is None else value}")


def readable(text: str, name: str) -> str:
    try:
        document = parse_document(text, name)
    except InputError:
        return text
    out: list[str] = []
    _lines(document.data, "", out)
    return "\n".join(out) + "\n"
