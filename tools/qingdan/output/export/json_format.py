"""The JSON export: one document holding the whole edition, described by schema/export.schema.json.

Field names mirror the edition's YAML; every optional field is present (null when empty), so consumers never have
to guess whether a key exists. Non-ASCII text is written as is.
"""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path
from typing import Any

from ...core.errors import InputError
from ...core.i18n import _
from ...core.model import (
    Acceptance,
    Area,
    Category,
    Edition,
    Metadata,
    Part,
    Policy,
    Row,
    Service,
    Unit,
    Waiver,
)
from ...edition.load import row_fields
from ...edition.shapes import DEFAULT_SHAPE, shape
from ...io.atomic import write_atomic_chunks
from . import ExportFormat, ExportOptions
from .rows import ExportInfo

SCHEMA_ID = "urn:qingdan:schema:export:1.0"


def _inherited(service: Service, part: Part) -> dict[str, Any]:
    """A part's merged cells with the values the published table shows there (Service.inherited); the part's own
    fields stay null, so the export still says the text holds a merge. Not read back: the model derives it."""
    return {name: list(value) if isinstance(value, tuple) else value
            for name, value in service.inherited(part).items()}


def _row(row: Row, content: bool = False) -> dict[str, Any]:
    """A row's fields; ``content`` (服务内容) where the edition's shape has that column."""
    return {
        "target": row.target, **({"content": row.content} if content else {}), "standard": row.standard,
        "funding": row.funding, "payers": list(row.payers),
        "city_units": list(row.city_units), "district_units": list(row.district_units),
        "quantities": [{"name": q.name, "field": q.field, "quote": q.quote, "unit": q.unit, "value": q.value,
                        "minimum": q.minimum, "maximum": q.maximum, "per": q.per} for q in row.quantities],
        "splits": [{"name": s.name, "kind": s.kind, "field": s.field, "quote": s.quote, "total": s.total,
                    "shares": [{"payer": x.payer, "value": x.value, "quantity": x.quantity} for x in s.shares]}
                   for s in row.splits],
        "derivations": [{"result": d.result, "product": list(d.product)} for d in row.derivations],
    }


def _metadata(meta: Metadata) -> dict[str, Any]:
    return {
        "name": meta.edition, "data_version": meta.data_version, "level": meta.level, "note": meta.note,
        "previous": meta.previous, "source": meta.source,
        "document": {
            "number": meta.document_number, "issuer": meta.issuer, "title": meta.title,
            "table_title": meta.table_title, "recipients": meta.recipients, "preamble": meta.preamble,
            "requirements": [{"heading": h, "text": t} for h, t in meta.requirements],
            "signed": meta.signed.isoformat() if meta.signed else None,
            "printed": meta.printed.isoformat() if meta.printed else None,
            "printer": meta.printer, "copy_to": list(meta.copy_to)},
        "parent": {"number": meta.parent.number, "title": meta.parent.title, "edition": meta.parent.edition}
        if meta.parent else None,
        "period": {"name": meta.period_name, "start": meta.period_start, "end": meta.period_end},
        "accepted": [{"code": a.code, "service": a.service, "part": a.part, "reason": a.reason} for a in meta.accepted],
    }


def document(edition: Edition, info: ExportInfo) -> dict[str, Any]:
    """The export as plain JSON data. An edition of another shape than list-2017 also has its ``shape``, its
    ``areas`` and each category's ``area`` where the shape groups by areas, and ``content`` where it has 服务内容."""
    of = shape(edition.shape)
    content = "content" in of.text_fields
    metadata = _metadata(edition.metadata)
    if edition.shape != DEFAULT_SHAPE:
        metadata = {"name": metadata.pop("name"), "shape": edition.shape, **metadata}
    areas = {"areas": [{"id": a.id, "numeral": a.numeral, "name": a.name} for a in edition.areas]} \
        if of.has_areas else {}
    return {
        "$schema": SCHEMA_ID,
        "format_version": info.format_version,
        "qingdan_version": info.qingdan_version,
        "exported_from_invalid": info.exported_from_invalid,
        "validation_errors": info.validation_errors,
        "edition": metadata,
        **areas,
        "categories": [{"id": c.id, "numeral": c.numeral, "name": c.name, **({"area": c.area} if areas else {})}
                       for c in edition.categories],
        "units": [{"name": u.name, "level": u.level, "counterpart": u.counterpart, "note": u.note,
                   "replaces": list(u.replaces), "since": u.since.isoformat() if u.since else None, "basis": u.basis}
                  for u in edition.units],
        "services": [{"id": s.id, "number": s.number, "category": s.category, "name": s.name, **_row(s, content),
                      "implements": list(s.implements), "basis": s.basis, "unknown": list(s.unknown),
                      "parts": [{"id": p.id, **_row(p, content), "inherited": _inherited(s, p)} for p in s.parts],
                      "waivers": [{"rule": w.rule, "reason": w.reason, "part": w.part} for w in s.waivers]}
                     for s in edition.services],
    }


def dumps(edition: Edition, info: ExportInfo, options: ExportOptions) -> str:
    return json.dumps(document(edition, info), ensure_ascii=False, indent=2) + "\n"


def write(edition: Edition, out: Path, info: ExportInfo, options: ExportOptions) -> None:
    # the same text as dumps(), written as the encoder produces it (100,000 services make a 300 MB string)
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    write_atomic_chunks(out, itertools.chain(encoder.iterencode(document(edition, info)), ("\n",)))


# -- reading it back -----------------------------------------------------------------------------------------------

def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def edition_from_document(data: dict[str, Any], path: Path) -> tuple[Edition, ExportInfo]:
    meta, doc = data["edition"], data["edition"]["document"]
    metadata = Metadata(
        edition=meta["name"], data_version=meta["data_version"], document_number=doc["number"],
        issuer=doc["issuer"], title=doc["title"], table_title=doc["table_title"], recipients=doc["recipients"],
        preamble=doc["preamble"], requirements=tuple((r["heading"], r["text"]) for r in doc["requirements"]),
        signed=_date(doc["signed"]), printed=_date(doc["printed"]), printer=doc["printer"],
        copy_to=tuple(doc["copy_to"]),
        parent=Policy(meta["parent"]["number"], meta["parent"]["title"], meta["parent"].get("edition"))
        if meta["parent"] else None, level=meta.get("level"), note=meta.get("note"),
        period_name=meta["period"]["name"], period_start=meta["period"]["start"], period_end=meta["period"]["end"],
        previous=meta["previous"], source=meta["source"],
        accepted=tuple(Acceptance(code=a["code"], service=a["service"], reason=a["reason"], part=a["part"])
                       for a in meta["accepted"]))
    services = tuple(
        Service(id=s["id"], number=s["number"], category=s["category"], name=s["name"], **row_fields(s),
                implements=tuple(s.get("implements", ())), basis=s.get("basis"), unknown=tuple(s.get("unknown", ())),
                parts=tuple(Part(id=p["id"], **row_fields(p)) for p in s["parts"]),
                waivers=tuple(Waiver(rule=w["rule"], reason=w["reason"], part=w["part"]) for w in s["waivers"]))
        for s in data["services"])
    edition = Edition(
        path=path, metadata=metadata,
        categories=tuple(Category(c["id"], c["numeral"], c["name"], c.get("area")) for c in data["categories"]),
        units=tuple(Unit(name=u["name"], level=u["level"], counterpart=u["counterpart"], note=u["note"],
                         replaces=tuple(u["replaces"]), since=_date(u["since"]), basis=u["basis"])
                    for u in data["units"]),
        services=services, shape=meta.get("shape") or DEFAULT_SHAPE,
        areas=tuple(Area(a["id"], a["numeral"], a["name"]) for a in data.get("areas", ())))
    info = ExportInfo(data["exported_from_invalid"], data["validation_errors"], data["format_version"],
                      data["qingdan_version"])
    return edition, info


def read(path: Path) -> tuple[Edition, ExportInfo]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return edition_from_document(data, path)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(_("not a qingdan JSON export: {error}").format(error=error), path=path) from error


REGISTERED = ExportFormat(write=write, dumps=dumps, read=read)
