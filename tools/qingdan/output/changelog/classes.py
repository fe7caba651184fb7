"""The official classes of a 修订说明, each with the diff's change codes it takes; declared once, in report order.

A revised list is published with a 修订说明 that counts the services 新增, 删减, 提标 … and a 修订对照表 whose
修订说明 column names the class of each changed cell. The classes are read from the diff's change codes, never
from the texts: every code of ``qingdan.diff.codes`` is either in a class here or in LEFT_OUT, with the reason,
and tests/changelog/test_classes.py fails when a new code is in neither.
"""

from __future__ import annotations

from ...core.records import frozen


@frozen
class Class:
    """One class of the 修订说明: its stable slug (the JSON key), its official word, and the codes it takes."""

    slug: str
    word: str
    codes: tuple[str, ...]


# In the order of the 修订说明. A cell with changes of several classes is shown under the first of RANK.
CLASSES = (
    Class("added", "新增", ("QC101", "QC107")),
    Class("removed", "删减", ("QC102", "QC108")),
    Class("raised", "提标", ("QC401", "QC403", "QC206")),
    Class("lowered", "降标", ("QC402", "QC404", "QC207", "QC209", "QC113")),
    Class("widened", "扩面", ("QC201",)),
    # QC203 (target reworded) is the diff's cautious reading: words left the target, so it counts as narrowed
    # until a reviewer says otherwise
    Class("narrowed", "缩面", ("QC202", "QC203")),
    # who leads, carries out or pays for a row: transfers, units added or dropped, funding splits and payers
    Class("transferred", "调整责任单位", ("QC301", "QC302", "QC303", "QC304", "QC305",
                                        "QC501", "QC502", "QC503", "QC504")),
    # a unit renamed or merged, and the texts that now name its successor (QC210)
    Class("reform", "机构改革", ("QC608", "QC609", "QC610", "QC210")),
    Class("wording", "规范表述", ("QC103", "QC104", "QC204", "QC205", "QC208", "QC405", "QC406", "QC505")),
)

# Codes that are no cell of the list's table, so neither counted nor a row of the 对照表: they stay in the diff.
LEFT_OUT = {
    "QC105": "renumbering follows from services added or removed; each row shows its new 序号",
    "QC106": "order follows from services added or removed",
    "QC601": "the notice that publishes the list, not the list",
    "QC602": "a category heading, not a service",
    "QC603": "a category heading, not a service",
    "QC604": "a category heading, not a service",
    "QC605": "the unit registry; the units a service gains are its transfer rows",
    "QC606": "the unit registry; the units a service loses are its transfer rows",
    "QC607": "the unit registry's level, counterpart or note",
    "QC111": "a regrouping of services the crosswalk records; their rows are compared (QC113 when text is lost)",
    "QC112": "a regrouping of services the crosswalk records; their rows are compared (QC113 when text is lost)",
    "QC611": "the shape of the table, not a service",
}

BY_SLUG = {cls.slug: cls for cls in CLASSES}
CLASS_OF = {code: cls for cls in CLASSES for code in cls.codes}
RANK = ("removed", "lowered", "narrowed", "added", "raised", "widened", "transferred", "reform", "wording")


def class_of(code: str) -> Class | None:
    """The class of a change code, or None for a code LEFT_OUT."""
    return CLASS_OF.get(code)
