"""Text a Word document can hold: XML 1.0 has no place for most control characters.

YAML's escapes let a text carry them ("\\x0b" in a double-quoted scalar), and python-docx refuses the whole document
when one reaches it. Task sheets leave them out (``printable``) and the command says how many (``unprintable``); the
list's docx, which must be the text as published, refuses first (``refuse_unprintable``), naming the service and
column. Tab, line feed and carriage return stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...core.errors import DataError
from ...core.i18n import _
from ...core.model import Edition
from ...core.vocabulary import FIELD_WORDS, service_label

_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    return _UNPRINTABLE.sub("", text)


def unprintable(text: str) -> int:
    """How many characters of ``text`` ``printable`` leaves out."""
    return len(_UNPRINTABLE.findall(text))


def _texts(edition: Edition) -> Iterator[tuple[str, str]]:
    meta = edition.metadata
    for name in ("document_number", "issuer", "title", "table_title", "recipients", "preamble", "printer"):
        yield "edition.yaml", getattr(meta, name) or ""
    for heading, text in meta.requirements:
        yield "edition.yaml", heading + text
    for copy in meta.copy_to:
        yield "edition.yaml", copy
    for service in edition.services:
        label = service_label(service.number, service.name)
        yield label, service.name
        for part, row in service.rows():
            where = label + (f" › {part.id}" if part is not None else "")
            for field in ("target", "standard", "funding"):
                yield f"{where} {FIELD_WORDS[field]}", getattr(row, field) or ""
            for unit in (*row.city_units, *row.district_units):
                yield where, unit


def refuse_unprintable(edition: Edition) -> None:
    """Raise DataError (exit 1) at the first text of ``edition`` a Word document cannot hold."""
    for where, text in _texts(edition):
        found = _UNPRINTABLE.search(text)
        if found:
            raise DataError(_("{where}: the control character U+{code:04X} cannot go into a Word document; remove it "
                              "from the data").format(where=where, code=ord(found.group())))
