"""Official table text -> edition YAML files, merging with what an earlier import and the curators left.

The importer owns the published text fields (number, category, name, target, standard, funding, units and the
notice); curators own everything else (ids, payers, quantities, splits, derivations, waivers, unit levels and
counterparts, notes, comments). Re-importing replaces only the text fields and writes each file in the canonical
form, with its comments kept where they were (the same mechanism as qingdan fmt); a file whose content would not
change is not touched.

Everything is computed before anything is written, and each file is replaced atomically, so a failed import
leaves the edition as it was.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError, SourceFormatError
from ..core.i18n import _
from ..core.records import frozen
from ..core.vocabulary import EDITIONS_FOLDER
from ..edition.load import service_file_names
from ..io import official_text
from ..io.loading import parse_document, read_text
from ..io.official_text import CategoryRow, Normalisation, SourceDocument, TableRow
from ..io.staging import prepare, write_all
from ..io.writing import dumps, dumps_keeping_comments

ROW_TEXT_KEYS = ("target", "standard", "funding", "city_units", "district_units")
SERVICE_TEXT_KEYS = ("number", "category", "name", *ROW_TEXT_KEYS)
PERIODS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
           "十五五": (2026, 2030)}
SOURCE_NAME = "source.txt"


@frozen
class ImportReport:
    """What an import did: files written and left alone, ids and units it had to invent, text normalisations."""

    edition_dir: Path
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    new_ids: tuple[str, ...]
    new_units: tuple[str, ...]
    normalisations: tuple[Normalisation, ...]
    services: int
    parts: int
    categories: int
    dropped_waivers: tuple[str, ...] = ()  # "67 name": waivers of QD501 the new text no longer has a cause for


@dataclass
class _Plan:
    files: dict[str, str] = field(default_factory=dict)  # relative path -> new text
    remove: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)
    dropped_waivers: list[str] = field(default_factory=list)


def new_id(prefix: str, seed: str) -> str:
    """An id for a row seen for the first time. Curators may rename it; after that it never changes."""
    return f"{prefix}-{hashlib.sha1(seed.encode('utf-8')).hexdigest()[:8]}"


def _cell(text: str) -> str | None:
    return text if text else None


def _row_fields(row: TableRow) -> dict[str, Any]:
    return {
        "target": _cell(row.target),
        "standard": _cell(row.standard),
        "funding": _cell(row.funding),
        "city_units": list(row.city_units),
        "district_units": list(row.district_units),
    }


def group_services(source: SourceDocument) -> list[tuple[str, TableRow, list[TableRow]]]:
    """(category numeral, service row, its sub-rows) in document order."""
    grouped: list[tuple[str, TableRow, list[TableRow]]] = []
    numeral = ""
    for row in source.rows:
        if isinstance(row, CategoryRow):
            numeral = row.numeral
        elif row.is_part:
            if not grouped:
                raise InputError(_("a sub-row at line {line} comes before any service").format(line=row.line))
            grouped[-1][2].append(row)
        else:
            if not numeral:  # it would be written with category '' and fail validation only later
                raise InputError(_("service {number} at line {line} comes before any category row (一、…)")
                                 .format(number=row.number, line=row.line))
            grouped.append((numeral, row, []))
    return grouped


@frozen
class _OldFile:
    """A service file as it is on disk: its data, to carry ids and curated fields over, and its text, for comments."""

    data: dict[str, Any]
    text: str


def _existing(edition_dir: Path) -> tuple[dict[str, Any] | None, dict[str, Any] | None, dict[str, _OldFile]]:
    """The edition as it is on disk (plain data), so ids and curated fields can be carried over."""
    def plain(name: str) -> dict[str, Any] | None:
        path = edition_dir / name
        if not path.exists():
            return None
        data = parse_document(read_text(path, within=edition_dir), str(path), path).data
        return data if isinstance(data, dict) else None

    services: dict[str, _OldFile] = {}
    folder = edition_dir / "services"
    if folder.is_dir():
        names = service_file_names((p.name for p in folder.iterdir()), str(folder))  # as every command lists them
        for path in (folder / name for name in names):
            text = read_text(path, within=edition_dir)  # a link out of the edition is refused, never merged
            document = parse_document(text, str(path), path)
            if document.duplicates:  # which of the two values would the curator want kept? Ask, never guess.
                duplicate = document.duplicates[0]
                raise InputError(_("duplicate key {key} (first on line {first}); fix it before re-importing")
                                 .format(key=repr(duplicate.path[-1]), first=duplicate.first_line),
                                 path=path, line=duplicate.line)
            if not isinstance(document.data, dict):
                # an empty file, a list or a single value: treating it as {} would delete the file as unmatched
                raise InputError(_("not a service (a mapping of keys); fix or remove it before re-importing"),
                                 path=path)
            services[f"services/{path.name}"] = _OldFile(document.data, text)
    return plain("edition.yaml"), plain("units.yaml"), services


def expected_fields(source: SourceDocument, category_ids: dict[str, str]) -> list[dict[str, Any]]:
    """The text fields of every service, as the importer extracts them (without ids)."""
    result = []
    for numeral, row, parts in group_services(source):
        entry: dict[str, Any] = {"number": int(row.number), "category": category_ids.get(numeral, numeral),
                                 "name": row.name, **_row_fields(row)}
        entry["parts"] = [_row_fields(part) for part in parts]
        result.append(entry)
    return result


def plan_import(source: SourceDocument, edition: str, edition_dir: Path,
                source_text: str) -> tuple[_Plan, dict[str, Any]]:
    old_meta, old_units, old_services = _existing(edition_dir)
    if old_meta is None and (edition_dir / "edition.yaml").exists():
        old_meta = {}  # there is an edition.yaml, only not a mapping: never treated as a first import
    plan = _Plan()

    # categories: keep ids by name, then by numeral
    old_categories = (old_meta or {}).get("categories") or []
    by_name = {c.get("name"): c.get("id") for c in old_categories if isinstance(c, dict)}
    by_numeral = {c.get("numeral"): c.get("id") for c in old_categories if isinstance(c, dict)}
    categories = []
    category_ids: dict[str, str] = {}
    for row in source.rows:
        if isinstance(row, CategoryRow):
            cid = by_name.get(row.name) or by_numeral.get(row.numeral)
            if not cid:
                cid = new_id("category", row.name)
                plan.new_ids.append(cid)
            category_ids[row.numeral] = cid
            categories.append({"id": cid, "numeral": row.numeral, "name": row.name})

    meta = _metadata(source, edition, old_meta, categories)
    plan.files["edition.yaml"] = dumps(meta, "edition")

    # services: keep ids by name, then by content, then by number (see _match_services)
    kept: set[str] = set()
    used_units: list[tuple[str, str]] = []
    strays = _services_with_stray_separators(source)
    all_fields = expected_fields(source, category_ids)
    matches = _match_services(all_fields, old_services)
    for index, fields in enumerate(all_fields):
        match = matches.get(index)
        old_data: dict[str, Any] = {}
        if match:
            kept.add(match[0])
            old_data = match[1].data
        sid = old_data.get("id") if isinstance(old_data.get("id"), str) else None
        if not sid:
            sid = new_id("service", fields["name"])
            plan.new_ids.append(sid)
        rel = match[0] if match else f"services/{sid}.yaml"
        for row in [fields, *fields["parts"]]:
            used_units += [("city", u) for u in row["city_units"]] + [("district", u) for u in row["district_units"]]
        if fields["number"] not in strays:
            old_data = _without_stale_waivers(old_data, fields, plan)
        plan.files[rel] = _service_text(sid, fields, old_data, match[1].text if match else None, plan)
    plan.remove = sorted(rel for rel in old_services if rel not in kept)
    for rel in plan.remove:
        # a service the text no longer has is removed; a file that could not be matched because it names no
        # service (a stray or mangled file) is not the importer's to delete
        if not isinstance(old_services[rel].data.get("name"), str):
            raise InputError(_("names no service (no name: key), so re-importing would delete it; fix or remove it "
                               "first"), path=edition_dir / rel)

    plan.files["units.yaml"] = dumps(_units(used_units, old_units, plan), "units")
    plan.files[SOURCE_NAME] = source_text
    return plan, meta


# The rule whose findings come only from the official text's unit cells: a stray 、 the importer drops (QD501).
# A waiver of it is about the text, not the data, so it lives as long as the text gives it a cause.
TEXT_ONLY_RULE = "QD501"


def _services_with_stray_separators(source: SourceDocument) -> set[int]:
    """The numbers of the services whose rows (its own or a sub-row's) had an empty unit name dropped."""
    lines = {n.line for n in source.normalisations if n.code == "empty-unit"}
    starts = [row.line for row in source.rows] + [10**9]
    out: set[int] = set()
    for _numeral, row, parts in group_services(source):
        last = (parts or [row])[-1]
        end = next(start for start in starts if start > last.line)
        if any(row.line <= line < end for line in lines):
            out.add(int(row.number))
    return out


def _without_stale_waivers(old: dict[str, Any], fields: dict[str, Any], plan: _Plan) -> dict[str, Any]:
    """``old`` without its waivers of QD501 when the new text has no stray 、 in the service's rows (render
    writes none): the waiver's cause is gone, and validate would report it as matching nothing (QD601)."""
    waivers = old.get("waivers")
    if not isinstance(waivers, list):
        return old
    kept = [w for w in waivers if not (isinstance(w, dict) and w.get("rule") == TEXT_ONLY_RULE)]
    if len(kept) == len(waivers):
        return old
    plan.dropped_waivers.append(f"{fields['number']} {fields['name']}")
    trimmed = {**old, "waivers": kept}
    if not kept:
        del trimmed["waivers"]
    return trimmed


def _refuse_number_gap(source: SourceDocument, name: str) -> None:
    """Refuse a table whose service numbers stop short of the count they claim: a gap is a row that was lost (or a
    number mistyped), and importing the rest would delete the service that had it."""
    numbers = {int(row.number) for row in source.services}
    missing = next((n for n in range(1, max(numbers, default=0) + 1) if n not in numbers), None)
    if missing is not None:
        row = max(source.services, key=lambda r: int(r.number))
        raise SourceFormatError(_("no service is numbered {missing}, yet the table goes up to {last}: a row lost or "
                                  "a number mistyped? Importing would delete the service numbered {missing}")
                                .format(missing=missing, last=row.number), path=name, line=row.line)


_CONTENT_KEYS = ("target", "standard", "funding")


def _shares_content(new: dict[str, Any], old: dict[str, Any], *, every: bool) -> bool:
    """Whether two rows have the same published text: in ``every`` text field, or in at least one non-empty one."""
    same = [new.get(key) == old.get(key) for key in _CONTENT_KEYS]
    if every:
        return all(same) and any(new.get(key) for key in _CONTENT_KEYS)
    return any(equal and new.get(key) for equal, key in zip(same, _CONTENT_KEYS, strict=True))


def _match_services(rows: list[dict[str, Any]], old: dict[str, _OldFile]) -> dict[int, tuple[str, _OldFile]]:
    """Which service file each row of the text (by index) continues.

    A row is matched by its name first (every row, before any other rule), then by its content (a renamed service
    whose target, standard and funding are unchanged), and only then by its number, and by number only when the
    file shares some published text with it (or has none: a mangled file). A row inserted into the text takes the
    next free number but never the id and curated data of the service that had that number, and a file claimed by
    one rule is never handed to another row.
    """
    matches: dict[int, tuple[str, _OldFile]] = {}
    free = dict(old)
    rules: list[tuple[Any, Any]] = [  # (the key of a file, the key of a row): equal keys match
        (lambda data: data.get("name"), lambda fields: fields["name"]),
        (lambda data: tuple(_text_key(data.get(k)) for k in _CONTENT_KEYS),
         lambda fields: tuple(fields[k] for k in _CONTENT_KEYS) if any(fields[k] for k in _CONTENT_KEYS) else None),
        (lambda data: data.get("number"), lambda fields: fields["number"]),
    ]
    for rule, (file_key, row_key) in enumerate(rules):
        by_key: dict[Any, list[str]] = {}
        for rel, old_file in free.items():
            key = file_key(old_file.data)
            if isinstance(key, (str, int, tuple)):
                by_key.setdefault(key, []).append(rel)
        for index, fields in enumerate(rows):
            key = row_key(fields)
            if index in matches or key is None:
                continue
            candidates = [rel for rel in by_key.get(key, ()) if rel in free]
            if rule == 2:  # by number only when the file shares some published text with the row, or has none
                candidates = [rel for rel in candidates if _shares_content(fields, free[rel].data, every=False)
                              or not any(free[rel].data.get(key) for key in ("name", *_CONTENT_KEYS))]
            if candidates:
                matches[index] = (candidates[0], free.pop(candidates[0]))
    return matches


def _text_key(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else repr(value)


def _match_parts(parts: list[dict[str, Any]], old_parts: list[Any]) -> dict[int, int]:
    """Which old part (by index) each sub-row of the text continues: by identical content first, then by place
    when the part at the same place shares some text with it; never one old part for two sub-rows."""
    matches: dict[int, int] = {}
    free = {index for index, part in enumerate(old_parts) if isinstance(part, dict)}
    for index, fields in enumerate(parts):
        found = next((j for j in sorted(free) if all(fields.get(key) == old_parts[j].get(key)
                                                      for key in ROW_TEXT_KEYS)), None)
        if found is not None:
            matches[index] = found
            free.discard(found)
    for index, fields in enumerate(parts):
        if index not in matches and index in free and _shares_content(fields, old_parts[index], every=False):
            matches[index] = index
            free.discard(index)
    return matches


# The keys of edition.yaml an import writes from the official text; every other key is the editors' and is kept
# (level, note, previous, accepted, ...), and so is the parent's edition (parent: edition:), which no text states.
OWNED_KEYS = ("edition", "source", "document", "parent", "categories")


def _metadata(source: SourceDocument, edition: str, old: dict[str, Any] | None,
              categories: list[dict[str, Any]]) -> dict[str, Any]:
    """edition.yaml after an import: the keys the official text owns (OWNED_KEYS) from the text, every other key
    (previous, accepted, data_version, period and any key an editor added) kept as it was. A first import writes
    ``previous: null`` (a first edition); an existing edition.yaml without previous keeps lacking it, which validate
    reports, so that an import never turns a revision into a first edition and switches the gate off."""
    kept = {key: value for key, value in (old or {}).items() if key not in OWNED_KEYS}
    period = kept.get("period")
    if not isinstance(period, dict):
        name = next((p for p in PERIODS if p in (source.title or "")), None)
        start, end = PERIODS.get(name or "", (0, 0))
        period = {"name": name or "", "start": start, "end": end}
    first = {"previous": None} if old is None else {}
    return {
        **first,
        **kept,
        "edition": edition,
        "data_version": kept.get("data_version") or "1.0.0",
        "source": SOURCE_NAME,
        "document": {
            "number": source.document_number,
            "issuer": source.issuer,
            "title": source.title,
            "recipients": source.recipients,
            "preamble": source.preamble,
            "requirements": [{"heading": h, "text": t} for h, t in source.requirements],
            "signed": source.signed,
            "printed": source.printed,
            "printer": source.printer,
            "copy_to": list(source.copy_to),
            "table_title": source.table_title,
        },
        "parent": _parent(source, (old or {}).get("parent")),
        "period": period,
        "categories": categories,
    }


def _parent(source: SourceDocument, old: Any) -> dict[str, Any]:
    """The parent policy the preamble names, with the edition of the list above (``edition``) as the editors set
    it; a draft's preamble names no parent policy yet, and the edition keeps the one it has."""
    if not source.parent_number:
        return old if isinstance(old, dict) else {"number": None, "title": None}
    edition = old.get("edition") if isinstance(old, dict) else None
    return {"number": source.parent_number, "title": source.parent_title,
            **({"edition": edition} if edition is not None else {})}


def _service_text(sid: str, fields: dict[str, Any], old: dict[str, Any], old_text: str | None,
                  plan: _Plan) -> str:
    """The service file: text fields from the source, everything else (and comments) as the curators left it."""
    old_parts: list[Any] = old["parts"] if isinstance(old.get("parts"), list) else []
    parts = []
    matched = _match_parts(fields["parts"], old_parts)
    for index, part_fields in enumerate(fields["parts"]):
        previous = old_parts[matched[index]] if index in matched else {}
        pid = previous.get("id") if isinstance(previous.get("id"), str) else None
        if not pid:
            pid = new_id("part", (part_fields["target"] or "") + str(index))
            plan.new_ids.append(f"{sid}/{pid}")
        parts.append({**previous, "id": pid, **part_fields})
    # Sub-rows have no name to match by, only their place under the service: when the source gives a service fewer
    # sub-rows than its file has (rows shuffled, a sub-row moved under another service), the extra parts and
    # whatever curators added to them would silently vanish. Refuse instead; a curator decides.
    for lost in (part for j, part in enumerate(old_parts) if j not in matched.values()):
        curated = sorted(set(lost) - {"id", *ROW_TEXT_KEYS}) if isinstance(lost, dict) else []
        if curated:
            raise InputError(_("the source gives service {number} ({name}) {count} sub-row(s) but its file has part "
                               "{part} with curated fields ({fields}): re-importing would lose them; check the "
                               "source's sub-rows or remove the part by hand first")
                             .format(number=fields["number"], name=fields["name"], count=len(parts),
                                     part=repr(lost.get("id")), fields=", ".join(curated)))
    merged = {**old, "id": sid, **{k: fields[k] for k in SERVICE_TEXT_KEYS}}
    if parts:
        merged["parts"] = parts
    else:
        merged.pop("parts", None)
    if old_text is None:
        return dumps(merged, "service")
    return dumps_keeping_comments(merged, "service", old_text)  # the same mechanism as qingdan fmt


def _units(used: list[tuple[str, str]], old: dict[str, Any] | None, plan: _Plan) -> dict[str, Any]:
    """The unit registry: every unit used, keeping curated levels, counterparts and notes."""
    old_list = (old or {}).get("units") or []
    known = {u["name"]: u for u in old_list if isinstance(u, dict) and isinstance(u.get("name"), str)}
    district_names = {name for column, name in used if column == "district"}
    ordered: dict[str, dict[str, Any]] = {}
    for column, name in sorted(used, key=lambda item: item[0] != "city"):
        if name in ordered:
            continue
        if name in known:
            ordered[name] = known[name]
            continue
        plan.new_units.append(name)
        level = "city" if name.startswith("市") else "district" if name.startswith("区") else "other"
        entry: dict[str, Any] = {"name": name, "level": level}
        if column == "city":
            guess = re.sub(r"^市", "区", name)
            entry["counterpart"] = guess if guess in district_names and guess != name else None
        ordered[name] = entry
    for name, entry in known.items():  # a unit no longer used stays, for validate to report
        ordered.setdefault(name, entry)
    return {"units": list(ordered.values())}


def import_source(source_path: Path, edition: str, out: Path | None = None, *, dry_run: bool = False) -> ImportReport:
    """Import the official text at ``source_path`` into the edition folder ``out`` (default ./policies/EDITION)."""
    edition_dir = out if out is not None else EDITIONS_FOLDER / edition
    if dry_run:
        return _import_source(source_path, edition, edition_dir, dry_run=True)
    with prepare([edition_dir]):  # the writer lock from reading the curated fields to the last write
        return _import_source(source_path, edition, edition_dir, dry_run=False)


def _import_source(source_path: Path, edition: str, edition_dir: Path, *, dry_run: bool) -> ImportReport:
    text = read_text(source_path)
    source = official_text.parse(text, source=str(source_path))
    _refuse_number_gap(source, str(source_path))
    plan, _meta = plan_import(source, edition, edition_dir, text)
    written, unchanged = [], []
    for rel, content in plan.files.items():
        target = edition_dir / rel
        if target.is_file() and target.read_text(encoding="utf-8") == content:
            unchanged.append(rel)
            continue
        written.append(rel)
    if not dry_run:
        # every file written and every file removed, or (on an error) none, even if killed: see staging.write_all
        write_all({edition_dir / rel: plan.files[rel] for rel in written},
                  remove=[edition_dir / rel for rel in plan.remove], folders=[edition_dir])
    services = group_services(source)
    return ImportReport(
        edition_dir=edition_dir,
        written=tuple(written),
        unchanged=tuple(unchanged),
        removed=tuple(plan.remove),
        new_ids=tuple(plan.new_ids),
        new_units=tuple(plan.new_units),
        dropped_waivers=tuple(plan.dropped_waivers),
        normalisations=source.normalisations,
        services=len(services),
        parts=sum(len(parts) for _, _, parts in services),
        categories=sum(1 for r in source.rows if isinstance(r, CategoryRow)),
    )
