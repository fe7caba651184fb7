"""Every kind of change, declared once with its stable code, class and description; docs are written from these."""

from __future__ import annotations

from .model import ChangeClass, Kind

R, UP, S, E = ChangeClass.REGRESSION, ChangeClass.IMPROVEMENT, ChangeClass.STRUCTURAL, ChangeClass.EDITORIAL

# The notice's fields (the names of model.Metadata) with their labels: QC601 has a message per field, "FIELD"
# showing the old and new value and "FIELD.edited" for a long text, whose change is shown as a text diff.
# A unit renamed, merged or split (units.yaml's replaces): one change for the whole table, not one per row.
UNIT_LINEAGE_CODES = ("QC608", "QC609", "QC610")

METADATA_LABELS = {
    "edition": "edition", "data_version": "data version", "document_number": "document number",
    "issuer": "issuer", "title": "title", "table_title": "table title", "recipients": "recipients",
    "preamble": "preamble", "requirements": "requirements", "signed": "date signed", "printed": "date printed",
    "copy_to": "copied to", "printer": "printed by", "parent": "parent document", "period_name": "period",
    "period_start": "period start", "period_end": "period end", "previous": "previous edition",
    "source": "official text", "accepted": "accepted changes",
}


def _metadata_messages() -> dict[str, str]:
    messages = {}
    for name, label in METADATA_LABELS.items():
        messages[name] = label + ": {old} → {new}"
        messages[f"{name}.edited"] = label + ": wording edited"
    return messages


_DECLARED = (
    # services and parts
    Kind("QC101", "service-added", UP, "A service with a new id.", "QC102",
         {"added": "service added: {number} {name}"}),
    Kind("QC102", "service-removed", R, "A service id of the old edition is gone.", "QC101",
         {"removed": "service removed: {number} {name}"}),
    Kind("QC103", "service-renamed", E, "Same id, new name (服务项目).", messages={"renamed": "name: {old} → {new}"}),
    Kind("QC104", "service-moved", S, "Same id, another category.",
         messages={"moved": "category: {old_name} → {new_name}"}),
    Kind("QC105", "renumbered", S, "A run of services whose 序号 shifted by the same amount: one line per run.",
         messages={"run": "numbers {first}–{last} each up by {delta:size} ({count} services)",
                   "one": "number {first} up by {delta:size} ({count} service)",
                   "run-down": "numbers {first}–{last} each down by {delta:size} ({count} services)",
                   "one-down": "number {first} down by {delta:size} ({count} service)"}),
    Kind("QC106", "reordered", S, "A service whose position relative to the other services changed.",
         messages={"moved": "reordered: position {old} before, {new} now"}),
    Kind("QC111", "service-split", S,
         "One old service split into several new ones (crosswalk.yaml, relation split): one change for the split; "
         "a row of the old service whose texts no new service keeps is a regression (QC113).",
         messages={"split": "service split: {old} → {new}"}),
    Kind("QC112", "services-merged", S,
         "Several old services merged into one (crosswalk.yaml, relation merged): one change for the merge; a row "
         "of an old service whose texts the new service does not keep is a regression (QC113).",
         messages={"merged": "services merged: {old} → {new}"}),
    Kind("QC113", "regrouped-text-lost", R,
         "A row of a service that was split or merged (crosswalk.yaml) whose 服务对象, standard or funding text is "
         "not found unchanged in any row of the services that carry it now: something may have been cut.",
         messages={"lost": "{row}: its texts are not kept unchanged in {new}; confirm that nothing was cut"}),
    Kind("QC107", "part-added", UP, "A sub-row with a new id.", "QC108", {"added": "part {part} added"}),
    Kind("QC108", "part-removed", R, "A sub-row id of the old service is gone.", "QC107",
         {"removed": "part {part} removed"}),
    # texts
    Kind("QC201", "target-widened", UP, "Text only added to 服务对象.", "QC202",
         {"target": "target (服务对象) widened: text added"}),
    Kind("QC202", "target-narrowed", R, "Text only removed from 服务对象.", "QC201",
         {"target": "target (服务对象) narrowed: text removed"}),
    Kind("QC203", "target-reworded", R,
         "Text both removed from and added to 服务对象: the tool cannot read meaning, so removed words are flagged "
         "for the reviewer to confirm that no one loses the service.",
         messages={"target": "target (服务对象) reworded: text removed; confirm that the target is not narrowed"}),
    Kind("QC204", "text-edited", E, "Standard or funding wording changed; every number in it is unchanged.",
         messages={"standard": "standard wording edited (numbers unchanged)",
                   "funding": "funding wording edited (numbers unchanged)"}),
    Kind("QC205", "text-numbers-restated", E,
         "Standard or funding text whose changed numbers are all reported by structured quantities of the same row "
         "and field (QC4xx), which carry the class; this change shows the words.",
         messages={"standard": "standard wording edited (changed numbers: see the quantities)",
                   "funding": "funding wording edited (changed numbers: see the quantities)"}),
    Kind("QC206", "text-amount-raised", UP,
         "Standard or funding text whose numbers rose or were added, with no structured quantity to say so.",
         "QC207", {"standard": "standard: numbers added or raised",
                   "funding": "funding: numbers added or raised"}),
    Kind("QC207", "text-amount-lowered", R,
         "Standard or funding text whose numbers fell or were removed, with no structured quantity to say so.",
         "QC206", {"standard": "standard: numbers removed or lowered",
                   "funding": "funding: numbers removed or lowered"}),
    Kind("QC208", "text-punctuation", E, "Only punctuation or spaces changed in 服务对象.",
         messages={"target": "target (服务对象): only punctuation or spaces changed"}),
    Kind("QC209", "text-clauses-removed", R,
         "Standard or funding text whose numbers did not change but which lost a clause: a run of the old text "
         "between 、，；。： (or a line) that occurs nowhere in the new text. 只增不减 covers standards, so the "
         "reviewer confirms nothing was cut and accepts the change in edition.yaml; pure rewording is flagged too, "
         "since the tool cannot read meaning.", "QC204",
         {"standard": "standard: text removed (numbers unchanged); confirm that the standard is not lowered: "
                      "{clauses}",
          "funding": "funding: text removed (numbers unchanged); confirm that the standard is not lowered: "
                     "{clauses}"}),
    Kind("QC210", "text-names-succeeded", E,
         "A text that differs from the old one only where a unit name the reform replaced (replaces in units.yaml) "
         "is written as its successor: the reform followed in the prose, not a change of policy.",
         messages={"target": "target (服务对象): replaced unit names written as their successors: {names}",
                   "standard": "standard: replaced unit names written as their successors: {names}",
                   "funding": "funding: replaced unit names written as their successors: {names}"}),
    # units
    Kind("QC301", "unit-added", UP, "A responsible unit added to a row, without one leaving.", "QC302",
         {"city_units": "city unit added: {unit}", "district_units": "district unit added: {unit}"}),
    Kind("QC302", "unit-dropped", R,
         "A responsible unit removed from a row, with no unit coming in and none succeeding it (replaces).",
         "QC301", {"city_units": "city unit removed: {unit} (no one takes over)",
                   "district_units": "district unit removed: {unit} (no one takes over)"}),
    Kind("QC303", "unit-transferred", S,
         "A transfer of responsibility: units left a row's column and others, which do not succeed them in the unit "
         "lineage, came in. Units are matched by name and lineage, never by position. Listed with the transfers.",
         messages={"city_units": "city units: {gone} left, {came} came in (transfer of responsibility)",
                   "district_units": "district units: {gone} left, {came} came in (transfer of responsibility)"}),
    Kind("QC304", "lead-transferred", S,
         "The lead (first unit) of a row's city or district column passed to a unit that does not succeed the old "
         "lead; the message says whether the old lead stays in the row. Listed with the transfers.",
         messages={
             "city_units.stays":
                 "city units: the lead passes from {old} to {new} ({old} stays in the row)",
             "city_units.gone":
                 "city units: the lead passes from {old} to {new} ({old} leaves the row)",
             "city_units.new-stays":
                 "city units: the lead passes from {old} to {new} ({new} is new in the row, {old} stays in it)",
             "city_units.new-gone":
                 "city units: the lead passes from {old} to {new} ({new} is new in the row, {old} leaves it)",
             "district_units.stays":
                 "district units: the lead passes from {old} to {new} ({old} stays in the row)",
             "district_units.gone":
                 "district units: the lead passes from {old} to {new} ({old} leaves the row)",
             "district_units.new-stays":
                 "district units: the lead passes from {old} to {new} ({new} is new in the row, {old} stays in it)",
             "district_units.new-gone":
                 "district units: the lead passes from {old} to {new} ({new} is new in the row, {old} leaves it)",
         }),
    Kind("QC305", "units-reordered", S, "The same units in another order, the lead unchanged.",
         messages={"city_units": "city units reordered", "district_units": "district units reordered"}),
    # structured fields
    # the -per templates: the same 每生每年 on both sides, which Chinese says once (每生每年 1000 元 → 1200 元)
    Kind("QC401", "amount-raised", UP, "A quantity's value (or range) rose; lower is assumed worse.", "QC402",
         {"changed": 'quantity "{name}" raised: {old} → {new}',
          "relative": 'quantity "{name}" raised: {old} → {new} (+{percent:size} %)',
          "changed-per": 'quantity "{name}" raised: {old:bare} → {new:bare} {per}',
          "relative-per": 'quantity "{name}" raised: {old:bare} → {new:bare} {per} (+{percent:size} %)'}),
    Kind("QC402", "amount-lowered", R, "A quantity's value (or range) fell, or a range became wider both ways.",
         "QC401", {"changed": 'quantity "{name}" lowered: {old} → {new}',
                   "relative": 'quantity "{name}" lowered: {old} → {new} (-{percent:size} %)',
                   "changed-per": 'quantity "{name}" lowered: {old:bare} → {new:bare} {per}',
                   "relative-per": 'quantity "{name}" lowered: {old:bare} → {new:bare} {per} (-{percent:size} %)'}),
    Kind("QC403", "quantity-added", UP, "A new structured quantity.", "QC404",
         {"added": 'quantity "{name}" added: {new}', "unit-changed": 'quantity "{name}" unit changed: {new}'}),
    Kind("QC404", "quantity-removed", R, "A structured quantity is gone.", "QC403",
         {"removed": 'quantity "{name}" removed: {old}', "unit-changed": 'quantity "{name}" unit changed: {old}'}),
    Kind("QC405", "quantity-restated", E, "A quantity's quote, field or basis changed; its number did not.",
         messages={"changed": 'quantity "{name}" restated: {old} → {new}',
                   "relative": 'quantity "{name}" restated: {old} → {new} ({percent:+.0f} %)'}),
    Kind("QC406", "quantity-curated", E,
         "A quantity added or removed while the text it quotes did not change: curation of the data, not policy.",
         messages={"added": 'quantity "{name}" added: {new}', "removed": 'quantity "{name}" removed: {old}'}),
    Kind("QC501", "split-changed", S, "A funding split's shares changed (who pays how much).",
         messages={"changed": 'split "{name}": {old} → {new}'}),
    Kind("QC502", "split-added", S, "A new funding split.", "QC503", {"added": 'split "{name}" added: {new}'}),
    Kind("QC503", "split-removed", S, "A funding split is gone.", "QC502",
         {"removed": 'split "{name}" removed: {old}'}),
    Kind("QC504", "payers-changed", S, "The list of payers changed.", messages={"changed": "payers: {old} → {new}"}),
    Kind("QC505", "curated-changed", E,
         "Another curated field (derivations, waivers) changed; the message gives each changed path, old → new.",
         messages={"derivations": "derivations changed: {edits}", "waivers": "waivers changed: {edits}"}),
    # the edition itself
    Kind("QC601", "metadata-changed", E, "The notice's metadata: document number, title, dates, parent policy, "
         "period, requirements, data version.", messages=_metadata_messages()),
    Kind("QC602", "category-added", UP, "A new category.", "QC603", {"added": "category added: {new}"}),
    Kind("QC603", "category-removed", R, "A category of the old edition is gone.", "QC602",
         {"removed": "category removed: {old}"}),
    Kind("QC604", "category-changed", E, "A category's numeral or name changed, or the categories were reordered.",
         messages={"changed": "category {id}: {old} → {new}", "order": "categories reordered"}),
    Kind("QC611", "shape-changed", S,
         "The edition is in another shape than its predecessor (shape: in edition.yaml; schema/shapes/): one change "
         "for the new grouping and columns, with the crosswalk's relations counted. Services are compared through "
         "the crosswalk: a service moved to another group with the same text is one change (QC104), text moved to "
         "another column is no change.",
         messages={"changed": "shape: {old} → {new} ({old_groups} categories → {areas} areas, {groups} categories; "
                              "columns: {columns}; crosswalk: {relations})"}),
    Kind("QC605", "registry-unit-added", S, "A unit added to units.yaml.", "QC606",
         {"added": "unit added to the registry: {unit} ({level})"}),
    Kind("QC606", "registry-unit-removed", S, "A unit removed from units.yaml.", "QC605",
         {"removed": "unit removed from the registry: {unit}"}),
    Kind("QC607", "registry-unit-changed", S,
         "A registry unit's level, counterpart or note changed (a counterpart that follows a rename is not repeated).",
         messages={"changed": "registry unit {unit}, {attribute}: {old} → {new}",
                   "set": "registry unit {unit}, {attribute}: — → {new}",
                   "cleared": "registry unit {unit}, {attribute}: {old} → —"}),
    Kind("QC608", "unit-renamed", E,
         "A unit renamed in an institutional reform: a unit of the new registry replaces exactly one old unit. One "
         "line for the whole edition, with the number of services that named it; inside the rows the new name is "
         "no change.", messages={"renamed": "unit renamed: {old} → {new} (services: {services})",
                   "renamed-dated": "unit renamed: {old} → {new} (services: {services}); since {since}, basis: "
                                    "{basis}"}),
    Kind("QC609", "units-merged", S,
         "Several old units merged into one (replaces: [A, B]): one line for the edition; a row that named both "
         "names the successor once, and loses no one.",
         messages={"merged": "units merged: {old} → {new} (services: {services})",
                   "merged-dated": "units merged: {old} → {new} (services: {services}); since {since}, basis: "
                                   "{basis}"}),
    Kind("QC610", "unit-split", S,
         "One old unit split between several (its name under the replaces of two units): a row that named it must "
         "name at least one successor, else the unit is dropped.",
         messages={"split": "unit split: {old} → {new} (services: {services})",
                   "split-dated": "unit split: {old} → {new} (services: {services}); since {since}, basis: {basis}"}),
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
