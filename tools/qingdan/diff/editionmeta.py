"""Changes of the edition itself: the notice's metadata, the categories, the unit registry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..lineage import Lineage, Succession
from ..model import Acceptance, Edition, Metadata
from .codes import kind
from .locate import Locator
from .model import Change
from .textdiff import diff_text

# model field -> (label, key path in edition.yaml)
METADATA_FIELDS: dict[str, tuple[str, tuple[str | int, ...]]] = {
    "edition": ("版本", ("edition",)),
    "data_version": ("数据版本", ("data_version",)),
    "document_number": ("文号", ("document", "number")),
    "issuer": ("发文机关", ("document", "issuer")),
    "title": ("标题", ("document", "title")),
    "table_title": ("清单标题", ("document", "table_title")),
    "recipients": ("主送", ("document", "recipients")),
    "preamble": ("正文", ("document", "preamble")),
    "requirements": ("工作要求", ("document", "requirements")),
    "signed": ("成文日期", ("document", "signed")),
    "printed": ("印发日期", ("document", "printed")),
    "copy_to": ("抄送", ("document", "copy_to")),
    "printer": ("印发机关", ("document", "printer")),
    "parent": ("上级文件", ("parent",)),
    "period_name": ("规划期", ("period", "name")),
    "period_start": ("起始年", ("period", "start")),
    "period_end": ("终止年", ("period", "end")),
    "previous": ("上一版本", ("previous",)),
    "source": ("原文", ("source",)),
    "accepted": ("已接受的变化", ("accepted",)),
}


def _text(value: Any) -> str:
    if isinstance(value, tuple) and value and isinstance(value[0], Acceptance):
        return "\n".join(f"{a.code} {a.service}{'/' + a.part if a.part else ''}：{a.reason}" for a in value)
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return "\n".join(f"{heading}：{text}" for heading, text in value)
    if isinstance(value, tuple):
        return "、".join(map(str, value))
    if hasattr(value, "number") and hasattr(value, "title"):
        return f"{value.number} {value.title}"
    return "" if value is None else str(value)


def _change(code: str, message: str, location: Any, **values: Any) -> Change:
    return Change(code=code, cls=kind(code).cls, message=message, location=location, **values)


def compare_metadata(old: Metadata, new: Metadata, locator: Locator) -> Iterator[Change]:
    for name, (label, path) in METADATA_FIELDS.items():
        a, b = _text(getattr(old, name)), _text(getattr(new, name))
        if a != b:
            segments = diff_text(a, b) if max(len(a), len(b)) > 40 else ()
            shown = f"{a} → {b}" if not segments else "文字修改"
            yield _change("QC601", f"{label}：{shown}", locator.edition_file(path), field=name, old=a, new=b,
                          segments=segments)


def compare_categories(old: Edition, new: Edition, locator: Locator) -> Iterator[Change]:
    before = {c.id: c for c in old.categories}
    after = {c.id: (i, c) for i, c in enumerate(new.categories)}
    for category in old.categories:
        if category.id not in after:
            yield _change("QC603", f"删除类别 {category.numeral}、{category.name}",
                          locator.edition_file(("categories",)), field="categories", old=category.name)
    for index, category in after.values():
        where = locator.edition_file(("categories", index))
        previous = before.get(category.id)
        if previous is None:
            yield _change("QC602", f"新增类别 {category.numeral}、{category.name}", where, field="categories",
                          new=category.name)
        elif previous != category:
            a, b = f"{previous.numeral}、{previous.name}", f"{category.numeral}、{category.name}"
            yield _change("QC604", f"类别 {category.id}：{a} → {b}", where, field="categories", old=a, new=b)
    kept_old = [c.id for c in old.categories if c.id in after]
    kept_new = [c.id for c in new.categories if c.id in before]
    if kept_old != kept_new:
        yield _change("QC604", "类别顺序调整", locator.edition_file(("categories",)), field="categories",
                      old=" ".join(kept_old), new=" ".join(kept_new))


def compare_lineage(old: Edition, new: Edition, lineage: Lineage, new_loc: Locator) -> Iterator[Change]:
    """One change per succession in the new registry: a rename, a merge or a split, with how many services it
    touches (services of the old edition that name an old unit in any row)."""
    index = {u.name: i for i, u in enumerate(new.units)}
    old_units = {u.name for u in old.units}
    for event in lineage.events:
        if not any(name in old_units for name in event.old):
            continue  # not a unit of the old edition: validate reports it (QD703)
        touched = sum(1 for s in old.services if any(name in event.old for _, row in s.rows()
                                                     for name in (*row.city_units, *row.district_units)))
        before, after = "、".join(event.old), "、".join(event.new)
        code, verb = {Succession.RENAME: ("QC608", "更名"), Succession.MERGE: ("QC609", "合并"),
                      Succession.SPLIT: ("QC610", "拆分")}[event.kind]
        where = new_loc.units_file(index[event.new[0]])
        yield _change(code, f"单位{verb}：{before} → {after}（{touched} 项服务）", where, field="units",
                      old=before, new=after)


def compare_registry(old: Edition, new: Edition, old_loc: Locator, new_loc: Locator,
                     lineage: Lineage | None = None) -> Iterator[Change]:
    """Units added to or removed from the registry, and changed attributes; names a succession explains (a renamed
    unit's old and new name, a counterpart that follows a rename) are told once, by compare_lineage."""
    lineage = lineage or Lineage.of(new.units)
    explained_old = {name for event in lineage.events for name in event.old}
    explained_new = {name for event in lineage.events for name in event.new}
    before = {u.name: (i, u) for i, u in enumerate(old.units)}
    after = {u.name: (i, u) for i, u in enumerate(new.units)}
    for name, (i, _unit) in before.items():
        if name not in after and name not in explained_old:
            yield _change("QC606", f"单位登记删去 {name}", old_loc.units_file(i), field="units", old=name)
    for name, (i, unit) in after.items():
        if name not in before:
            if name not in explained_new:
                yield _change("QC605", f"单位登记新增 {name}（{unit.level}）", new_loc.units_file(i), field="units",
                              new=name)
            continue
        previous = before[name][1]
        for attribute in ("level", "counterpart", "note"):
            a, b = getattr(previous, attribute), getattr(unit, attribute)
            if attribute == "counterpart" and a is not None and lineage.successor(a) == b:
                continue  # the counterpart was renamed: told by the rename
            if a != b:
                yield _change("QC607", f"单位登记 {name} 的 {attribute}：{a or '—'} → {b or '—'}",
                              new_loc.units_file(i), field=f"units.{attribute}", old=a, new=b)
