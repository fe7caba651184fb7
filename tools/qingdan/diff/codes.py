"""Every kind of change, declared once with its stable code, class and description; docs are written from these."""

from __future__ import annotations

from .model import ChangeClass, Kind

R, UP, S, E = ChangeClass.REGRESSION, ChangeClass.IMPROVEMENT, ChangeClass.STRUCTURAL, ChangeClass.EDITORIAL

_DECLARED = (
    # services and parts
    Kind("QC101", "service-added", UP, "A service with a new id.", "QC102"),
    Kind("QC102", "service-removed", R, "A service id of the old edition is gone.", "QC101"),
    Kind("QC103", "service-renamed", E, "Same id, new name (服务项目)."),
    Kind("QC104", "service-moved", S, "Same id, another category."),
    Kind("QC105", "renumbered", S, "A run of services whose 序号 shifted by the same amount: one line per run."),
    Kind("QC106", "reordered", S, "A service whose position relative to the other services changed."),
    Kind("QC107", "part-added", UP, "A sub-row with a new id.", "QC108"),
    Kind("QC108", "part-removed", R, "A sub-row id of the old service is gone.", "QC107"),
    # texts
    Kind("QC201", "target-widened", UP, "Text only added to 服务对象.", "QC202"),
    Kind("QC202", "target-narrowed", R, "Text only removed from 服务对象.", "QC201"),
    Kind("QC203", "target-reworded", R,
         "Text both removed from and added to 服务对象: the tool cannot read meaning, so removed words are flagged "
         "for the reviewer to confirm that no one loses the service."),
    Kind("QC204", "text-edited", E, "Standard or funding wording changed; every number in it is unchanged."),
    Kind("QC205", "text-numbers-restated", E,
         "Standard or funding text whose changed numbers are all reported by structured quantities of the same row "
         "and field (QC4xx), which carry the class; this change shows the words."),
    Kind("QC206", "text-amount-raised", UP,
         "Standard or funding text whose numbers rose or were added, with no structured quantity to say so.",
         "QC207"),
    Kind("QC207", "text-amount-lowered", R,
         "Standard or funding text whose numbers fell or were removed, with no structured quantity to say so.",
         "QC206"),
    Kind("QC208", "text-punctuation", E, "Only punctuation or spaces changed in 服务对象."),
    Kind("QC209", "text-clauses-removed", R,
         "Standard or funding text whose numbers did not change but which lost a clause: a run of the old text "
         "between 、，；。： (or a line) that occurs nowhere in the new text. 只增不减 covers standards, so the "
         "reviewer confirms nothing was cut and accepts the change in edition.yaml; pure rewording is flagged too, "
         "since the tool cannot read meaning.", "QC204"),
    # units
    Kind("QC301", "unit-added", UP, "A responsible unit added to a row, without one leaving.", "QC302"),
    Kind("QC302", "unit-dropped", R,
         "A responsible unit removed from a row, with no unit coming in and none succeeding it (replaces).",
         "QC301"),
    Kind("QC303", "unit-transferred", S,
         "A transfer of responsibility: units left a row's column and others, which do not succeed them in the unit "
         "lineage, came in. Units are matched by name and lineage, never by position. Listed with the transfers."),
    Kind("QC304", "lead-transferred", S,
         "The lead (first unit) of a row's city or district column passed to a unit that does not succeed the old "
         "lead; the message says whether the old lead stays in the row. Listed with the transfers."),
    Kind("QC305", "units-reordered", S, "The same units in another order, the lead unchanged."),
    # structured fields
    Kind("QC401", "amount-raised", UP, "A quantity's value (or range) rose; lower is assumed worse.", "QC402"),
    Kind("QC402", "amount-lowered", R, "A quantity's value (or range) fell, or a range became wider both ways.",
         "QC401"),
    Kind("QC403", "quantity-added", UP, "A new structured quantity.", "QC404"),
    Kind("QC404", "quantity-removed", R, "A structured quantity is gone.", "QC403"),
    Kind("QC405", "quantity-restated", E, "A quantity's quote, field or basis changed; its number did not."),
    Kind("QC406", "quantity-curated", E,
         "A quantity added or removed while the text it quotes did not change: curation of the data, not policy."),
    Kind("QC501", "split-changed", S, "A funding split's shares changed (who pays how much)."),
    Kind("QC502", "split-added", S, "A new funding split.", "QC503"),
    Kind("QC503", "split-removed", S, "A funding split is gone.", "QC502"),
    Kind("QC504", "payers-changed", S, "The list of payers changed."),
    Kind("QC505", "curated-changed", E,
         "Another curated field (derivations, waivers) changed; the message gives each changed path, old → new."),
    # the edition itself
    Kind("QC601", "metadata-changed", E, "The notice's metadata: document number, title, dates, parent policy, "
         "period, requirements, data version."),
    Kind("QC602", "category-added", UP, "A new category.", "QC603"),
    Kind("QC603", "category-removed", R, "A category of the old edition is gone.", "QC602"),
    Kind("QC604", "category-changed", E, "A category's numeral or name changed, or the categories were reordered."),
    Kind("QC605", "registry-unit-added", S, "A unit added to units.yaml.", "QC606"),
    Kind("QC606", "registry-unit-removed", S, "A unit removed from units.yaml.", "QC605"),
    Kind("QC607", "registry-unit-changed", S,
         "A registry unit's level, counterpart or note changed (a counterpart that follows a rename is not repeated)."),
    Kind("QC608", "unit-renamed", E,
         "A unit renamed in an institutional reform: a unit of the new registry replaces exactly one old unit. One "
         "line for the whole edition, with the number of services that named it; inside the rows the new name is "
         "no change."),
    Kind("QC609", "units-merged", S,
         "Several old units merged into one (replaces: [A, B]): one line for the edition; a row that named both "
         "names the successor once, and loses no one."),
    Kind("QC610", "unit-split", S,
         "One old unit split between several (its name under the replaces of two units): a row that named it must "
         "name at least one successor, else the unit is dropped."),
)

KINDS: dict[str, Kind] = {kind.code: kind for kind in _DECLARED}


def kind(code: str) -> Kind:
    return KINDS[code]


def mirror(code: str) -> str:
    """The code a change gets when old and new are swapped."""
    return KINDS[code].mirror or code
