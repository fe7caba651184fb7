"""Every kind of change, declared once with its stable code, class and description; docs are written from these."""

from __future__ import annotations

from .model import ChangeClass, Kind

R, UP, S, E = ChangeClass.REGRESSION, ChangeClass.IMPROVEMENT, ChangeClass.STRUCTURAL, ChangeClass.EDITORIAL

# The notice's fields (the names of model.Metadata) with their labels: QC601 has a message per field, "FIELD"
# showing the old and new value and "FIELD.edited" for a long text, whose change is shown as a text diff.
METADATA_LABELS = {
    "edition": "版本", "data_version": "数据版本", "document_number": "文号", "issuer": "发文机关", "title": "标题",
    "table_title": "清单标题", "recipients": "主送", "preamble": "正文", "requirements": "工作要求",
    "signed": "成文日期", "printed": "印发日期", "copy_to": "抄送", "printer": "印发机关", "parent": "上级文件",
    "period_name": "规划期", "period_start": "起始年", "period_end": "终止年", "previous": "上一版本",
    "source": "原文", "accepted": "已接受的变化",
}


def _metadata_messages() -> dict[str, str]:
    messages = {}
    for name, label in METADATA_LABELS.items():
        messages[name] = label + "：{old} → {new}"
        messages[f"{name}.edited"] = label + "：文字修改"
    return messages


_DECLARED = (
    # services and parts
    Kind("QC101", "service-added", UP, "A service with a new id.", "QC102",
         {"added": "新增服务项目 {number} {name}"}),
    Kind("QC102", "service-removed", R, "A service id of the old edition is gone.", "QC101",
         {"removed": "删除服务项目 {number} {name}"}),
    Kind("QC103", "service-renamed", E, "Same id, new name (服务项目).", messages={"renamed": "名称：{old} → {new}"}),
    Kind("QC104", "service-moved", S, "Same id, another category.",
         messages={"moved": "类别：{old_name} → {new_name}"}),
    Kind("QC105", "renumbered", S, "A run of services whose 序号 shifted by the same amount: one line per run.",
         messages={"run": "序号 {first}–{last} {delta:+d}（{count} 项）",
                   "one": "序号 {first} {delta:+d}（{count} 项）"}),
    Kind("QC106", "reordered", S, "A service whose position relative to the other services changed.",
         messages={"moved": "排序变化：原第 {old} 项，现第 {new} 项"}),
    Kind("QC107", "part-added", UP, "A sub-row with a new id.", "QC108", {"added": "子项 {part} 新增"}),
    Kind("QC108", "part-removed", R, "A sub-row id of the old service is gone.", "QC107",
         {"removed": "子项 {part} 删去"}),
    # texts
    Kind("QC201", "target-widened", UP, "Text only added to 服务对象.", "QC202", {"target": "服务对象扩大：增加文字"}),
    Kind("QC202", "target-narrowed", R, "Text only removed from 服务对象.", "QC201",
         {"target": "服务对象缩小：删去文字"}),
    Kind("QC203", "target-reworded", R,
         "Text both removed from and added to 服务对象: the tool cannot read meaning, so removed words are flagged "
         "for the reviewer to confirm that no one loses the service.",
         messages={"target": "服务对象改写：有文字删去，请确认对象未缩小"}),
    Kind("QC204", "text-edited", E, "Standard or funding wording changed; every number in it is unchanged.",
         messages={"standard": "服务指导标准文字修改（数字不变）", "funding": "支出责任文字修改（数字不变）"}),
    Kind("QC205", "text-numbers-restated", E,
         "Standard or funding text whose changed numbers are all reported by structured quantities of the same row "
         "and field (QC4xx), which carry the class; this change shows the words.",
         messages={"standard": "服务指导标准文字修改（数字变化见数量）",
                   "funding": "支出责任文字修改（数字变化见数量）"}),
    Kind("QC206", "text-amount-raised", UP,
         "Standard or funding text whose numbers rose or were added, with no structured quantity to say so.",
         "QC207", {"standard": "服务指导标准中的数字增加或提高", "funding": "支出责任中的数字增加或提高"}),
    Kind("QC207", "text-amount-lowered", R,
         "Standard or funding text whose numbers fell or were removed, with no structured quantity to say so.",
         "QC206", {"standard": "服务指导标准中的数字减少或降低", "funding": "支出责任中的数字减少或降低"}),
    Kind("QC208", "text-punctuation", E, "Only punctuation or spaces changed in 服务对象.",
         messages={"target": "服务对象：仅标点或空格变化"}),
    Kind("QC209", "text-clauses-removed", R,
         "Standard or funding text whose numbers did not change but which lost a clause: a run of the old text "
         "between 、，；。： (or a line) that occurs nowhere in the new text. 只增不减 covers standards, so the "
         "reviewer confirms nothing was cut and accepts the change in edition.yaml; pure rewording is flagged too, "
         "since the tool cannot read meaning.", "QC204",
         {"standard": "服务指导标准删去文字（数字不变），请确认标准未降低：{clauses}",
          "funding": "支出责任删去文字（数字不变），请确认标准未降低：{clauses}"}),
    # units
    Kind("QC301", "unit-added", UP, "A responsible unit added to a row, without one leaving.", "QC302",
         {"city_units": "市级牵头责任单位增加 {unit}", "district_units": "区级对接落实责任部门增加 {unit}"}),
    Kind("QC302", "unit-dropped", R,
         "A responsible unit removed from a row, with no unit coming in and none succeeding it (replaces).",
         "QC301", {"city_units": "市级牵头责任单位删去 {unit}（无人接替）",
                   "district_units": "区级对接落实责任部门删去 {unit}（无人接替）"}),
    Kind("QC303", "unit-transferred", S,
         "A transfer of responsibility: units left a row's column and others, which do not succeed them in the unit "
         "lineage, came in. Units are matched by name and lineage, never by position. Listed with the transfers.",
         messages={"city_units": "市级牵头责任单位：{gone} 移出，{came} 加入（职责转移）",
                   "district_units": "区级对接落实责任部门：{gone} 移出，{came} 加入（职责转移）"}),
    Kind("QC304", "lead-transferred", S,
         "The lead (first unit) of a row's city or district column passed to a unit that does not succeed the old "
         "lead; the message says whether the old lead stays in the row. Listed with the transfers.",
         messages={
             "city_units.stays": "市级牵头责任单位：牵头单位由 {old} 转为 {new}（{old} 仍在本行）",
             "city_units.gone": "市级牵头责任单位：牵头单位由 {old} 转为 {new}（{old} 已不在本行）",
             "city_units.new-stays": "市级牵头责任单位：牵头单位由 {old} 转为 {new}（{new} 新加入，{old} 仍在本行）",
             "city_units.new-gone": "市级牵头责任单位：牵头单位由 {old} 转为 {new}（{new} 新加入，{old} 已不在本行）",
             "district_units.stays": "区级对接落实责任部门：牵头单位由 {old} 转为 {new}（{old} 仍在本行）",
             "district_units.gone": "区级对接落实责任部门：牵头单位由 {old} 转为 {new}（{old} 已不在本行）",
             "district_units.new-stays":
                 "区级对接落实责任部门：牵头单位由 {old} 转为 {new}（{new} 新加入，{old} 仍在本行）",
             "district_units.new-gone":
                 "区级对接落实责任部门：牵头单位由 {old} 转为 {new}（{new} 新加入，{old} 已不在本行）",
         }),
    Kind("QC305", "units-reordered", S, "The same units in another order, the lead unchanged.",
         messages={"city_units": "市级牵头责任单位顺序调整", "district_units": "区级对接落实责任部门顺序调整"}),
    # structured fields
    Kind("QC401", "amount-raised", UP, "A quantity's value (or range) rose; lower is assumed worse.", "QC402",
         {"changed": "数量“{name}”提高：{old} → {new}",
          "relative": "数量“{name}”提高：{old} → {new}（{percent:+.0f} %）"}),
    Kind("QC402", "amount-lowered", R, "A quantity's value (or range) fell, or a range became wider both ways.",
         "QC401", {"changed": "数量“{name}”降低：{old} → {new}",
                   "relative": "数量“{name}”降低：{old} → {new}（{percent:+.0f} %）"}),
    Kind("QC403", "quantity-added", UP, "A new structured quantity.", "QC404",
         {"added": "数量“{name}”新增：{new}", "unit-changed": "数量“{name}”单位改变：{new}"}),
    Kind("QC404", "quantity-removed", R, "A structured quantity is gone.", "QC403",
         {"removed": "数量“{name}”删去：{old}", "unit-changed": "数量“{name}”单位改变：{old}"}),
    Kind("QC405", "quantity-restated", E, "A quantity's quote, field or basis changed; its number did not.",
         messages={"changed": "数量“{name}”表述变化：{old} → {new}",
                   "relative": "数量“{name}”表述变化：{old} → {new}（{percent:+.0f} %）"}),
    Kind("QC406", "quantity-curated", E,
         "A quantity added or removed while the text it quotes did not change: curation of the data, not policy.",
         messages={"added": "数量“{name}”新增：{new}", "removed": "数量“{name}”删去：{old}"}),
    Kind("QC501", "split-changed", S, "A funding split's shares changed (who pays how much).",
         messages={"changed": "分担“{name}”：{old} → {new}"}),
    Kind("QC502", "split-added", S, "A new funding split.", "QC503", {"added": "分担“{name}”新增：{new}"}),
    Kind("QC503", "split-removed", S, "A funding split is gone.", "QC502", {"removed": "分担“{name}”删去：{old}"}),
    Kind("QC504", "payers-changed", S, "The list of payers changed.", messages={"changed": "出资方：{old} → {new}"}),
    Kind("QC505", "curated-changed", E,
         "Another curated field (derivations, waivers) changed; the message gives each changed path, old → new.",
         messages={"derivations": "计算变化：{edits}", "waivers": "豁免变化：{edits}"}),
    # the edition itself
    Kind("QC601", "metadata-changed", E, "The notice's metadata: document number, title, dates, parent policy, "
         "period, requirements, data version.", messages=_metadata_messages()),
    Kind("QC602", "category-added", UP, "A new category.", "QC603", {"added": "新增类别 {new}"}),
    Kind("QC603", "category-removed", R, "A category of the old edition is gone.", "QC602",
         {"removed": "删除类别 {old}"}),
    Kind("QC604", "category-changed", E, "A category's numeral or name changed, or the categories were reordered.",
         messages={"changed": "类别 {id}：{old} → {new}", "order": "类别顺序调整"}),
    Kind("QC605", "registry-unit-added", S, "A unit added to units.yaml.", "QC606",
         {"added": "单位登记新增 {unit}（{level}）"}),
    Kind("QC606", "registry-unit-removed", S, "A unit removed from units.yaml.", "QC605",
         {"removed": "单位登记删去 {unit}"}),
    Kind("QC607", "registry-unit-changed", S,
         "A registry unit's level, counterpart or note changed (a counterpart that follows a rename is not repeated).",
         messages={"changed": "单位登记 {unit} 的 {attribute}：{old} → {new}",
                   "set": "单位登记 {unit} 的 {attribute}：— → {new}",
                   "cleared": "单位登记 {unit} 的 {attribute}：{old} → —"}),
    Kind("QC608", "unit-renamed", E,
         "A unit renamed in an institutional reform: a unit of the new registry replaces exactly one old unit. One "
         "line for the whole edition, with the number of services that named it; inside the rows the new name is "
         "no change.", messages={"renamed": "单位更名：{old} → {new}（{services} 项服务）"}),
    Kind("QC609", "units-merged", S,
         "Several old units merged into one (replaces: [A, B]): one line for the edition; a row that named both "
         "names the successor once, and loses no one.",
         messages={"merged": "单位合并：{old} → {new}（{services} 项服务）"}),
    Kind("QC610", "unit-split", S,
         "One old unit split between several (its name under the replaces of two units): a row that named it must "
         "name at least one successor, else the unit is dropped.",
         messages={"split": "单位拆分：{old} → {new}（{services} 项服务）"}),
)

KINDS: dict[str, Kind] = {kind.code: kind for kind in _DECLARED}


def kind(code: str) -> Kind:
    return KINDS[code]


def message_key(code: str, template: str) -> str:
    """The key under which kind ``code`` declares ``template`` (the JSON names a change's message by it)."""
    return next(key for key, declared in KINDS[code].messages.items() if declared == template)


def mirror(code: str) -> str:
    """The code a change gets when old and new are swapped."""
    return KINDS[code].mirror or code
