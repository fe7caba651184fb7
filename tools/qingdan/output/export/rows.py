"""An edition as the rows of the export tables (see tables.py), and back again.

Both directions live here so that a change to one is seen beside the other; the round-trip tests hold them together.
Values are plain Python: str, int, float, bool or None; dates as ISO text.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from ...core import __version__
from ...core.errors import EXIT_FAILURE, QingdanError
from ...core.model import (
    Acceptance,
    Area,
    Category,
    Derivation,
    Edition,
    Metadata,
    Part,
    Policy,
    Quantity,
    Row,
    Service,
    Share,
    Split,
    Unit,
    Waiver,
)
from ...core.records import frozen
from .tables import FORMAT_VERSION, LIST_SEPARATOR

Record = dict[str, Any]
Tables = dict[str, list[Record]]


class UnrepresentableDataError(QingdanError):
    """Invalid data (exported with --allow-invalid) that breaks a format's own keys, such as a duplicate id."""

    exit_code = EXIT_FAILURE


@frozen
class ExportInfo:
    """How an export was made; recorded in every format so a consumer can tell forced exports apart."""

    exported_from_invalid: bool = False
    validation_errors: int = 0
    format_version: str = FORMAT_VERSION
    qingdan_version: str = __version__


def join(values: tuple[str, ...]) -> str | None:
    return LIST_SEPARATOR.join(values) if values else None


def split(text: str | None) -> tuple[str, ...]:
    return tuple(text.split(LIST_SEPARATOR)) if text else ()


def part_key(service: Service, part: Part | None) -> str | None:
    return f"{service.id}/{part.id}" if part is not None else None


def _row_text(row: Row) -> Record:
    return {"target": row.target, "content": row.content, "standard": row.standard, "funding": row.funding,
            "payers": join(row.payers)}


def _inherited(service: Service, part: Part) -> Record:
    """The part's merged cells (Service.inherited): which columns, and the texts the published table shows there.
    Not read back: the model derives them from the part's empty cells."""
    inherited = service.inherited(part)

    def text(name: str) -> str | None:
        value = inherited.get(name)
        return join(value) if isinstance(value, tuple) else value

    return {"inherited": join(tuple(inherited)), **{f"inherited_{name}": text(name)
                                                    for name in ("target", "standard", "funding", "payers")}}


def edition_record(edition: Edition, info: ExportInfo) -> Record:
    meta = edition.metadata
    return {
        "edition": meta.edition, "shape": edition.shape, "data_version": meta.data_version, "level": meta.level,
        "note": meta.note,
        "previous": meta.previous, "source": meta.source,
        "document_number": meta.document_number,
        "issuer": meta.issuer, "title": meta.title, "table_title": meta.table_title, "recipients": meta.recipients,
        "preamble": meta.preamble, "signed": meta.signed.isoformat() if meta.signed else None,
        "printed": meta.printed.isoformat() if meta.printed else None, "copy_to": join(meta.copy_to),
        "printer": meta.printer, "parent_number": meta.parent.number if meta.parent else None,
        "parent_title": meta.parent.title if meta.parent else None,
        "parent_edition": meta.parent.edition if meta.parent else None,
        "period_name": meta.period_name, "period_start": meta.period_start, "period_end": meta.period_end,
        "format_version": info.format_version, "qingdan_version": info.qingdan_version,
        "exported_from_invalid": info.exported_from_invalid, "validation_errors": info.validation_errors,
    }


def table_rows(edition: Edition, info: ExportInfo) -> Tables:
    """Every table's records, in document order, with record numbers counted from 1."""
    levels = {unit.name: unit.level for unit in edition.units}
    out: Tables = defaultdict(list)
    out["edition"].append(edition_record(edition, info))
    for i, (heading, text) in enumerate(edition.metadata.requirements, 1):
        out["requirements"].append({"position": i, "heading": heading, "text": text})
    for i, area in enumerate(edition.areas, 1):
        out["areas"].append({"id": area.id, "position": i, "numeral": area.numeral, "name": area.name})
    for i, c in enumerate(edition.categories, 1):
        out["categories"].append({"id": c.id, "position": i, "numeral": c.numeral, "name": c.name, "area": c.area})
    for i, u in enumerate(edition.units, 1):
        out["units"].append({"name": u.name, "position": i, "level": u.level, "counterpart": u.counterpart,
                             "note": u.note, "replaces": join(u.replaces),
                             "since": u.since.isoformat() if u.since else None, "basis": u.basis})
    for i, a in enumerate(edition.metadata.accepted, 1):
        out["accepted"].append({"position": i, "code": a.code, "service_id": a.service, "part_id": a.part,
                                "reason": a.reason})
    for service in edition.services:
        out["services"].append({"id": service.id, "number": service.number, "category": service.category,
                                "name": service.name, **_row_text(service), "implements": join(service.implements),
                                "basis": service.basis, "unknown": join(service.unknown)})
        for i, sub in enumerate(service.parts, 1):
            out["parts"].append({"key": part_key(service, sub), "service_id": service.id, "id": sub.id,
                                 "position": i, **_row_text(sub), **_inherited(service, sub)})
        for maybe_part, row in service.rows():
            link = {"service_id": service.id, "part_key": part_key(service, maybe_part)}
            for column, units in (("city", row.city_units), ("district", row.district_units)):
                for i, unit in enumerate(units, 1):
                    out["service_units"].append({"id": len(out["service_units"]) + 1, **link, "column": column,
                                                 "position": i, "unit": unit, "role": "lead" if i == 1 else "co",
                                                 "level": levels.get(unit)})
            for i, q in enumerate(row.quantities, 1):
                out["amounts"].append({"id": len(out["amounts"]) + 1, **link, "position": i, "name": q.name,
                                       "field": q.field, "quote": q.quote, "unit": q.unit, "value": q.value,
                                       "minimum": q.minimum, "maximum": q.maximum, "per": q.per})
            for i, s in enumerate(row.splits, 1):
                split_id = len(out["splits"]) + 1
                out["splits"].append({"id": split_id, **link, "position": i, "name": s.name, "kind": s.kind,
                                      "field": s.field, "quote": s.quote, "total": s.total})
                for j, share in enumerate(s.shares, 1):
                    out["shares"].append({"id": len(out["shares"]) + 1, "split_id": split_id, "position": j,
                                          "payer": share.payer, "value": share.value, "quantity": share.quantity})
            for i, d in enumerate(row.derivations, 1):
                out["derivations"].append({"id": len(out["derivations"]) + 1, **link, "position": i,
                                           "result": d.result, "product": join(d.product)})
        for i, w in enumerate(service.waivers, 1):
            out["waivers"].append({"id": len(out["waivers"]) + 1, "service_id": service.id, "position": i,
                                   "rule": w.rule, "reason": w.reason, "part_id": w.part})
    return dict(out)


# -- back again ----------------------------------------------------------------------------------------------------

def _ordered(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: r["position"])


def _grouped(records: list[Record]) -> dict[tuple[str, str | None], list[Record]]:
    groups: dict[tuple[str, str | None], list[Record]] = defaultdict(list)
    for record in records:
        groups[(record["service_id"], record["part_key"])].append(record)
    return {key: _ordered(group) for key, group in groups.items()}


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def metadata_from(record: Record, requirements: list[Record], accepted: list[Record] | None = None) -> Metadata:
    return Metadata(
        edition=record["edition"], document_number=record["document_number"], issuer=record["issuer"],
        title=record["title"], table_title=record["table_title"], recipients=record["recipients"],
        preamble=record["preamble"], requirements=tuple((r["heading"], r["text"]) for r in _ordered(requirements)),
        signed=_date(record["signed"]), printed=_date(record["printed"]), copy_to=split(record["copy_to"]),
        printer=record["printer"],
        parent=Policy(record["parent_number"], record["parent_title"], record.get("parent_edition"))
        if record["parent_number"] else None, level=record.get("level"), note=record.get("note"),
        period_name=record["period_name"], period_start=record["period_start"], period_end=record["period_end"],
        data_version=record["data_version"], previous=record["previous"], source=record["source"],
        accepted=tuple(Acceptance(code=a["code"], service=a["service_id"], reason=a["reason"], part=a["part_id"])
                       for a in _ordered(accepted or [])))


def info_from(record: Record) -> ExportInfo:
    return ExportInfo(bool(record["exported_from_invalid"]), record["validation_errors"], record["format_version"],
                      record["qingdan_version"])


def edition_from_tables(tables: Tables, path: Path) -> Edition:
    """The Edition the tables describe (locations are not exported, so they are None)."""
    units_of = _grouped(tables.get("service_units", []))
    amounts = _grouped(tables.get("amounts", []))
    splits = _grouped(tables.get("splits", []))
    derivations = _grouped(tables.get("derivations", []))
    shares: dict[int, list[Record]] = defaultdict(list)
    for share in tables.get("shares", []):
        shares[share["split_id"]].append(share)
    parts: dict[str, list[Record]] = defaultdict(list)
    for part in tables.get("parts", []):
        parts[part["service_id"]].append(part)
    waivers: dict[str, list[Record]] = defaultdict(list)
    for waiver in tables.get("waivers", []):
        waivers[waiver["service_id"]].append(waiver)

    def row(record: Record, service_id: str, key: str | None) -> dict[str, Any]:
        listed = units_of.get((service_id, key), [])
        return {
            "target": record["target"], "content": record.get("content"), "standard": record["standard"],
            "funding": record["funding"], "payers": split(record["payers"]),
            "city_units": tuple(u["unit"] for u in listed if u["column"] == "city"),
            "district_units": tuple(u["unit"] for u in listed if u["column"] == "district"),
            "quantities": tuple(Quantity(name=q["name"], field=q["field"], quote=q["quote"], unit=q["unit"],
                                         value=q["value"], minimum=q["minimum"], maximum=q["maximum"], per=q["per"])
                                for q in amounts.get((service_id, key), [])),
            "splits": tuple(Split(name=s["name"], kind=s["kind"], field=s["field"], quote=s["quote"], total=s["total"],
                                  shares=tuple(Share(payer=x["payer"], value=x["value"], quantity=x["quantity"])
                                               for x in _ordered(shares[s["id"]])))
                            for s in splits.get((service_id, key), [])),
            "derivations": tuple(Derivation(result=d["result"], product=split(d["product"]))
                                 for d in derivations.get((service_id, key), [])),
        }

    services = tuple(
        Service(id=s["id"], number=s["number"], category=s["category"], name=s["name"],
                implements=split(s.get("implements")), basis=s.get("basis"), unknown=split(s.get("unknown")),
                parts=tuple(Part(id=p["id"], **row(p, s["id"], p["key"])) for p in _ordered(parts[s["id"]])),
                waivers=tuple(Waiver(rule=w["rule"], reason=w["reason"], part=w["part_id"])
                              for w in _ordered(waivers[s["id"]])),
                **row(s, s["id"], None))
        for s in sorted(tables["services"], key=lambda s: s["number"]))
    return Edition(
        path=path, metadata=metadata_from(tables["edition"][0], tables.get("requirements", []),
                                          tables.get("accepted", [])),
        categories=tuple(Category(c["id"], c["numeral"], c["name"], c.get("area"))
                         for c in _ordered(tables["categories"])),
        units=tuple(Unit(name=u["name"], level=u["level"], counterpart=u["counterpart"], note=u["note"],
                         replaces=split(u["replaces"]), since=_date(u["since"]), basis=u["basis"])
                    for u in _ordered(tables["units"])),
        services=services, shape=tables["edition"][0].get("shape") or "list-2017",
        areas=tuple(Area(a["id"], a["numeral"], a["name"]) for a in _ordered(tables.get("areas", []))))
