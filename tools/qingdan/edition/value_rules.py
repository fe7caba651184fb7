"""The rules for the values the writing commands put into an edition: unit names, edition names, dates, texts.

Each rule is the schema's own: a pattern is read from the schema file, and a date is checked by the one ``is_date``
that validate's schema check also uses (``schema_fast.NATIVE_FORMATS``). So a command can never write a value that
validate then refuses, and the two cannot drift apart: change the schema and both follow.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..core import resources

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # jsonschema's "date" (RFC 3339 full-date), not ISO's 20190301


def is_date(instance: Any) -> bool:
    """The schemas' "date" format: YYYY-MM-DD and a real day (2019-02-30 is none); non-text is the type's business.

    ``date.fromisoformat`` alone also takes 20190301 and 2019-W01-1, which the format does not.
    """
    if not isinstance(instance, str):
        return True
    if not _DATE.fullmatch(instance):
        return False
    from datetime import date

    try:
        date.fromisoformat(instance)
    except ValueError:
        return False
    return True


@cache
def _pattern(kind: str, *path: str) -> re.Pattern[str]:
    node: Any = resources.schema(kind)
    for key in path:
        node = node[key]
    return re.compile(node["pattern"])


def is_unit_name(name: str) -> bool:
    """A unit name units.yaml accepts: no 、, no control, invisible or line-separating character, no outer space."""
    return _pattern("units", "properties", "units", "items", "properties", "name").search(name) is not None


def is_edition_name(name: str) -> bool:
    """An edition's name (and its folder's): letters, digits, '.', '_' or '-', not starting with a punctuation."""
    return _pattern("edition", "properties", "edition").search(name) is not None


def is_unit_text(text: str) -> bool:
    """A text of a unit's entry such as its basis: not empty and not only spaces."""
    return _pattern("units", "properties", "units", "items", "properties", "basis").search(text) is not None
