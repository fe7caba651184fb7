"""When each edition is in force: from the date its notice was signed until a revision of it is signed.

The key is ``document.signed`` in edition.yaml (the date the notice was signed and took effect). An edition is in
force from that date until the date signed of the first edition that names it as ``previous`` (a revision ends its
predecessor's period), and the last edition of a chain until the end of its plan period (31 December of
``period.end``, or of the year it was signed, if that is later). An edition with no date signed (a revision being
drafted) is in force on no date. The dates are read without the schema check, like ``previous``
(edition.previous_of): before anything else is loaded.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.i18n import _
from ..core.records import frozen
from .load import EDITION_FILE, find_editions


@frozen
class Period:
    """An edition folder and the days it is in force: ``start`` included, ``end`` (the day after the last) not."""

    folder: Path
    start: date
    end: date

    def covers(self, day: date) -> bool:
        return self.start <= day < self.end


def _dated(folder: Path) -> tuple[date | None, str | None, int | None]:
    from ..io.loading import load_document

    data: Any = load_document(folder / EDITION_FILE).data
    data = data if isinstance(data, dict) else {}
    document, period = data.get("document"), data.get("period")
    signed = document.get("signed") if isinstance(document, dict) else None
    try:
        start = date.fromisoformat(str(signed)) if signed else None
    except ValueError:
        raise InputError(_("document.signed: {value!r} is not a date (YYYY-MM-DD)").format(value=signed),
                         path=str(folder / EDITION_FILE)) from None
    last = period.get("end") if isinstance(period, dict) else None
    previous = data.get("previous")
    return start, previous if isinstance(previous, str) else None, last if isinstance(last, int) else None


def periods(root: Path) -> list[Period]:
    """The period of every dated edition under ``root`` (a folder of editions), in the order they were signed."""
    dated = {folder: _dated(folder) for folder in find_editions(root)}
    result = []
    for folder, (start, _previous, last) in dated.items():
        if start is None:
            continue
        successors = [signed for signed, previous, _ in dated.values()
                      if previous == folder.name and signed is not None and signed > start]
        # the last edition of a chain: to the end of its plan period, or of the year it was signed if that is later
        end = min(successors) if successors else date(max(last or start.year, start.year) + 1, 1, 1)
        result.append(Period(folder, start, end))
    return sorted(result, key=lambda p: (p.start, p.folder.name))


def in_force(root: Path, day: date) -> Path:
    """The edition under ``root`` in force on ``day`` (the latest signed, if several lists are); an InputError (exit
    2) when none is: before the first edition, after the last one's period, or with no dated edition at all."""
    found = periods(root)
    if not found:
        raise InputError(_("no edition here has a date signed (document.signed in edition.yaml), so none is in "
                           "force on any date"), path=str(root))
    covering = [p for p in found if p.covers(day)]
    if covering:
        return covering[-1].folder
    first = found[0]
    if day < first.start:
        raise InputError(_("no edition in force on {day}: the first, {edition}, was signed on {start}").format(
            day=day, edition=first.folder.name, start=first.start), path=str(root))
    ended = max((p for p in found if p.end <= day), key=lambda p: p.end)
    last = date.fromordinal(ended.end.toordinal() - 1)
    raise InputError(_("no edition in force on {day}: {edition} was in force until {last}, the end of its "
                       "period").format(day=day, edition=ended.folder.name, last=last), path=str(root))
