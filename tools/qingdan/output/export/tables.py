"""The relational shape of an export: tables, fields, keys and indexes, declared once.

The SQLite, data package and CSV exports are all generated from these declarations, so their column names and types
cannot drift apart. Lists inside one cell (payers, the copy-to list, a derivation's factors) are joined with 、
(U+3001), the separator the official text itself uses between units.
"""

from __future__ import annotations

from ...core.records import frozen

LIST_SEPARATOR = "、"
FORMAT_VERSION = "1.0"  # major.minor of the export layout; sqlite's PRAGMA user_version holds the major part


@frozen
class Field:
    name: str
    type: str  # a Frictionless field type: string, integer, number, boolean, date
    description: str
    required: bool = False
    title: str | None = None  # the official table's Chinese column label, where there is one
    enum: tuple[str, ...] = ()  # the only values allowed, where the set is closed


@frozen
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@frozen
class Table:
    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()
    unique: tuple[tuple[str, ...], ...] = ()

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _f(name: str, type_: str, description: str, *, required: bool = False, title: str | None = None,
       enum: tuple[str, ...] = ()) -> Field:
    return Field(name, type_, description, required, title, enum)


LEVELS = ("city", "district", "other")
FIELDS = ("target", "standard", "funding")


def _row_fields() -> tuple[Field, ...]:
    """The columns a service and a part share: the text of the row and who pays."""
    return (
        _f("target", "string", "Who the service is for, exactly as published; empty where the cell is.",
           title="服务对象"),
        _f("content", "string", "What the service provides (服务内容), in a shape that has the column (standard-2021); "
                                "empty in list-2017.", title="服务内容"),
        _f("standard", "string", "The service standard, exactly as published (服务指导标准; 服务标准 in the "
                                 "standard-2021 shape).", title="服务指导标准"),
        _f("funding", "string", "Who pays, exactly as published.", title="支出责任"),
        _f("payers", "string", "The levels that pay (central, city, district, ...), joined with 、."),
    )


def _row_link() -> tuple[Field, ...]:
    """How a child record points at the row it belongs to: the service, and the part when inside one."""
    return (
        _f("service_id", "string", "The stable id of the service.", required=True),
        _f("part_key", "string", "service_id/part_id when the record belongs to a part; empty for the service's "
                                 "own row."),
    )


_ROW_KEYS = (ForeignKey(("service_id",), "services", ("id",)), ForeignKey(("part_key",), "parts", ("key",)))

TABLES: tuple[Table, ...] = (
    Table("edition", "The notice that publishes the list, and how this export was made (one row).", (
        _f("edition", "string", "The edition's name.", required=True),
        _f("shape", "string", "The shape of the list (schema/shapes/): list-2017 or standard-2021.", required=True),
        _f("data_version", "string", "The data's own version (major.minor.patch).", required=True),
        _f("level", "string", "The level of government whose list this is (national … township); empty where not "
                              "stated."),
        _f("note", "string", "What the edition is where it is not the official text."),
        _f("previous", "string", "The edition this one revises; empty for a first edition."),
        _f("source", "string", "The file of the official text, relative to the edition folder; empty while none."),
        _f("document_number", "string", "The notice's 文号.", title="文号"),
        _f("issuer", "string", "Who issued the notice."),
        _f("title", "string", "The notice's title."),
        _f("table_title", "string", "The title of the table the notice publishes."),
        _f("recipients", "string", "Who the notice is addressed to (主送).", title="主送"),
        _f("preamble", "string", "The notice's opening paragraph."),
        _f("signed", "date", "The date signed."),
        _f("printed", "date", "The date printed."),
        _f("copy_to", "string", "The copy-to list (抄送), joined with 、.", title="抄送"),
        _f("printer", "string", "Who printed the notice."),
        _f("parent_number", "string", "The 文号 of the policy this notice carries out; empty for a list at the top "
                                      "(the national list)."),
        _f("parent_title", "string", "The title of that policy; empty for a list at the top."),
        _f("parent_edition", "string", "The edition of the list above whose items the services implement."),
        _f("period_name", "string", "The planning period (十三五).", required=True),
        _f("period_start", "integer", "First year of the period.", required=True),
        _f("period_end", "integer", "Last year of the period.", required=True),
        _f("format_version", "string", "The version of this export layout.", required=True),
        _f("qingdan_version", "string", "The qingdan release that wrote the export.", required=True),
        _f("exported_from_invalid", "boolean", "True when the edition had validation errors and the export was "
                                               "forced with --allow-invalid.", required=True),
        _f("validation_errors", "integer", "How many validation errors the edition had when exported.",
           required=True),
    ), ("edition",)),
    Table("requirements", "The notice's work requirements, in order.", (
        _f("position", "integer", "1-based order in the notice.", required=True),
        _f("heading", "string", "The requirement's heading (提高认识).", required=True),
        _f("text", "string", "Its full text.", required=True),
    ), ("position",)),
    Table("areas", "The areas (方面) in document order, in a shape grouped by areas (standard-2021); none in "
                   "list-2017.", (
        _f("id", "string", "Stable area id.", required=True),
        _f("position", "integer", "1-based order in the document.", required=True),
        _f("numeral", "string", "The Chinese numeral it is listed under.", required=True),
        _f("name", "string", "The area's name.", required=True),
    ), ("id",)),
    Table("categories", "The categories (一 … 八; 大类 in standard-2021) in document order.", (
        _f("id", "string", "Stable category id.", required=True),
        _f("position", "integer", "1-based order in the document.", required=True),
        _f("numeral", "string", "The Chinese numeral it is listed under.", required=True),
        _f("name", "string", "The category's name.", required=True),
        _f("area", "string", "The id of the area it is under (standard-2021); empty in list-2017."),
    ), ("id",), (ForeignKey(("area",), "areas", ("id",)),)),
    Table("units", "The unit registry: every responsible unit, its level and district counterpart.", (
        _f("name", "string", "The unit's official name.", required=True),
        _f("position", "integer", "1-based order in the registry.", required=True),
        _f("level", "string", "city, district or other.", required=True, enum=LEVELS),
        _f("counterpart", "string", "For a city unit: the district unit that carries out its tasks."),
        _f("note", "string", "Why the counterpart is what it is, where that needs saying."),
        _f("replaces", "string", "The units this one succeeds (a rename; a merge when several), joined with 、."),
        _f("since", "date", "When the succession took effect."),
        _f("basis", "string", "The instrument of the succession."),
    ), ("name",), indexes=(("level",), ("counterpart",))),
    Table("accepted", "Changes against the predecessor that reviewers accepted, with the reason.", (
        _f("position", "integer", "1-based order in edition.yaml.", required=True),
        _f("code", "string", "The change code (QC…).", required=True),
        _f("service_id", "string", "The stable id of the service the change is in.", required=True),
        _f("part_id", "string", "The part's id, when the change is in one."),
        _f("reason", "string", "Why the change is accepted.", required=True),
    ), ("position",)),
    Table("services", "One row per numbered service (服务项目), with the text of its own row.", (
        _f("id", "string", "Stable id; survives renumbering and renaming.", required=True),
        _f("number", "integer", "The service's number (序号).", required=True, title="序号"),
        _f("category", "string", "The id of its category.", required=True),
        _f("name", "string", "The service's name.", required=True, title="服务项目"),
        *_row_fields(),
        _f("implements", "string", "The ids of the parent edition's items the service implements, joined with 、; "
                                   "empty for a local addition."),
        _f("basis", "string", "For a local addition: the instrument that adds it."),
        _f("unknown", "string", "For a row transcribed from its name only: its unknown columns, joined with 、."),
    ), ("id",), (ForeignKey(("category",), "categories", ("id",)),), indexes=(("category",),),
        unique=(("number",),)),
    Table("parts", "The sub-rows of a service (item 52 has two), in order.", (
        _f("key", "string", "service_id/part_id: unique across the edition.", required=True),
        _f("service_id", "string", "The service the part belongs to.", required=True),
        _f("id", "string", "The part's stable id within its service.", required=True),
        _f("position", "integer", "1-based order within the service.", required=True),
        *_row_fields(),
        _f("inherited", "string", "The columns the part leaves empty because the published table merges them with "
                                  "the cell above (target, standard, funding, payers, city_units, district_units), "
                                  "joined with 、; the part's own fields stay empty, as published."),
        _f("inherited_target", "string", "Where target is inherited: the target the published table shows."),
        _f("inherited_standard", "string", "Where standard is inherited: the standard the published table shows."),
        _f("inherited_funding", "string", "Where funding is inherited: the funding the published table shows."),
        _f("inherited_payers", "string", "Where payers follow an inherited funding: the payers of that row."),
    ), ("key",), (ForeignKey(("service_id",), "services", ("id",)),), indexes=(("service_id",),),
        unique=(("service_id", "id"),)),
    Table("service_units", "Who does what: one row per unit named in a row's city or district column.", (
        _f("id", "integer", "Record number.", required=True),
        *_row_link(),
        _f("column", "string", "city (市级牵头责任单位) or district (区级对接落实责任部门).", required=True,
           enum=("city", "district")),
        _f("position", "integer", "1-based order within the column; 1 is the lead.", required=True),
        _f("unit", "string", "The unit's official name.", required=True),
        _f("role", "string", "lead for the first unit of the column, co for the others.", required=True,
           enum=("lead", "co")),
        _f("level", "string", "The unit's level per the registry (city, district, other).", enum=LEVELS),
    ), ("id",), (*_ROW_KEYS, ForeignKey(("unit",), "units", ("name",))),
        indexes=(("unit", "column"), ("service_id",)), unique=(("service_id", "part_key", "column", "position"),)),
    Table("amounts", "Structured quantities (money amounts, percentages) curated from a row's text.", (
        _f("id", "integer", "Record number.", required=True),
        *_row_link(),
        _f("position", "integer", "1-based order within the row.", required=True),
        _f("name", "string", "Label, unique within the row.", required=True),
        _f("field", "string", "The text column it is stated in: target, standard or funding.", required=True,
           enum=FIELDS),
        _f("quote", "string", "The exact words of the text that state it.", required=True),
        _f("unit", "string", "元, 万元, % and so on.", required=True),
        _f("value", "number", "The number stated (empty for a range)."),
        _f("minimum", "number", "A range's lower end."),
        _f("maximum", "number", "A range's upper end."),
        _f("per", "string", "What the amount is counted per (每生每年)."),
    ), ("id",), _ROW_KEYS, indexes=(("service_id",),)),
    Table("splits", "How a cost is divided between payers.", (
        _f("id", "integer", "Record number.", required=True),
        *_row_link(),
        _f("position", "integer", "1-based order within the row.", required=True),
        _f("name", "string", "Label, unique within the row.", required=True),
        _f("kind", "string", "ratio, amount or rate.", required=True, enum=("ratio", "amount", "rate")),
        _f("field", "string", "The text column it is stated in.", required=True, enum=FIELDS),
        _f("quote", "string", "For a ratio: the words stating it."),
        _f("total", "string", "For amounts and rates: the quantity the shares add up to."),
    ), ("id",), _ROW_KEYS, indexes=(("service_id",),)),
    Table("shares", "The shares of a split, in order.", (
        _f("id", "integer", "Record number.", required=True),
        _f("split_id", "integer", "The split the share belongs to.", required=True),
        _f("position", "integer", "1-based order within the split.", required=True),
        _f("payer", "string", "Who pays the share.", required=True),
        _f("value", "number", "For a ratio: the term."),
        _f("quantity", "string", "For amounts and rates: the quantity naming the share."),
    ), ("id",), (ForeignKey(("split_id",), "splits", ("id",)),), indexes=(("split_id",),)),
    Table("derivations", "Arithmetic the text states: result = product of the factors.", (
        _f("id", "integer", "Record number.", required=True),
        *_row_link(),
        _f("position", "integer", "1-based order within the row.", required=True),
        _f("result", "string", "The quantity that is the product.", required=True),
        _f("product", "string", "The factor quantities, joined with 、.", required=True),
    ), ("id",), _ROW_KEYS),
    Table("waivers", "Findings accepted on purpose, with the reason.", (
        _f("id", "integer", "Record number.", required=True),
        _f("service_id", "string", "The service that carries the waiver.", required=True),
        _f("position", "integer", "1-based order within the service.", required=True),
        _f("rule", "string", "The finding code waived.", required=True),
        _f("reason", "string", "Why.", required=True),
        _f("part_id", "string", "The part the waiver is limited to, if any."),
    ), ("id",), (ForeignKey(("service_id",), "services", ("id",)),)),
)

TABLES_BY_NAME = {table.name: table for table in TABLES}
