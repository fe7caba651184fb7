"""The 修订说明 and 修订对照表 as data: one Row per changed cell, the services of each class, counts derived."""

from __future__ import annotations

from ...core.i18n import _
from ...core.records import frozen
from ...diff.model import Change
from .classes import BY_SLUG, CLASSES


@frozen
class Row:
    """One changed cell of the list's table: the class it is shown under, the service (stable id, None for a change
    of the whole table such as a unit renamed everywhere), its 序号 and name, the column (a TABLE_COLUMNS code, or
    ``category`` or ``part``), the cell's text before and after, and the diff's changes that changed it."""

    cls: str
    service: str | None
    number: int | None
    name: str
    column: str
    old: str
    new: str
    changes: tuple[Change, ...]

    @property
    def note(self) -> str:
        """The 修订说明 of the row: the class's word, then what the diff says of the changes of that class (a
        restated wording beside a raised amount is implied by it) with the reason of an accepted one, in the
        language of the run."""
        own = [c for c in self.changes if c.code in BY_SLUG[self.cls].codes] or list(self.changes)
        said = [change.text + ("" if change.accepted is None else
                                  "（" + _("accepted: {reason}").format(reason=change.accepted) + "）")
                for change in own]
        return BY_SLUG[self.cls].word + "：" + "；".join(said)


@frozen
class Named:
    """A service as the 修订说明 names it: stable id, 序号 and name."""

    id: str
    number: int
    name: str


@frozen
class Changelog:
    """The revision of ``old_name`` into ``new_name``: the services under each class, and the 对照表's rows."""

    old_name: str
    new_name: str
    services: tuple[tuple[str, tuple[Named, ...]], ...]  # (class slug, services), every class, in CLASSES order
    rows: tuple[Row, ...]

    @property
    def classes(self) -> dict[str, int]:
        """How many services each class counts, every class present (0 where none)."""
        return {slug: len(named) for slug, named in self.services}

    def services_of(self, slug: str) -> tuple[Named, ...]:
        return dict(self.services)[slug]

    @property
    def empty(self) -> bool:
        return not self.rows

    @staticmethod
    def slugs() -> tuple[str, ...]:
        return tuple(cls.slug for cls in CLASSES)
