"""Text and YAML hygiene: duplicate keys (QD002), and warnings for quirks a reader or another tool trips on (QD5xx).

Duplicate keys and YAML 1.1 pitfalls are found in the parsed documents, whatever their shape; the text warnings
look at the text fields (name, target, standard, funding) of every service and part; stray separators come from
re-parsing the official source text, since the YAML no longer holds the empty unit the importer dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ...core.findings import Code
from ...core.i18n import Keyword
from ...core.model import Location, Part, Service
from ...core.results import Result, Severity, Subject
from ...core.vocabulary import FIELD_WORDS, KeyPath, service_label
from ...io.loading import Document
from .context import TEXT_FIELDS, Brief, Context
from .registry import rule

DUPLICATE_KEY = Code(
    "QD002", "duplicate YAML key",
    "A key appears twice in one YAML mapping. Most YAML readers silently keep one of the values; qingdan keeps the "
    "first and reports the second, which must be removed or renamed.", waivable=False,
    messages={"": "duplicate key {key!r} (first at line {first_line}); this later value is ignored"})
STRAY_SEPARATOR = Code(
    "QD501", "stray separator",
    "A unit cell of the official source text has a trailing, leading or doubled 、, which left an empty unit name "
    "that the importer dropped (item 67). Reported at the line of the source text.", Severity.WARNING,
    messages={"": "stray 、 in the unit cell {cell!r}: the empty unit after it was dropped"})
MIXED_DASHES = Code(
    "QD502", "mixed long dashes",
    "The edition's texts use both ― (U+2015) and — (U+2014) for ranges; each text field that uses the less common "
    "one (— on a tie) is reported, so a search for one form finds every range.", Severity.WARNING,
    messages={"": "the {field} text uses {rare} ({rare_code}) {count}×; the edition uses {common} ({common_code}) "
                  "{common_count}× and {rare} {rare_count}×"})
FULL_WIDTH_DIGIT = Code(
    "QD503", "full-width digit",
    "A text field contains a full-width digit (０–９), which looks like an ASCII digit but is not matched by "
    "searches or by the amount rules.", Severity.WARNING,
    messages={"": "the {field} text has the full-width digit {digits} (ASCII: {ascii})"})
YAML11_TRAP = Code(
    "QD504", "value a YAML 1.1 reader misreads",
    "A plain (unquoted) scalar that qingdan reads as text but a YAML 1.1 reader such as PyYAML reads as something "
    "else: 8:2 is the number 482, yes/no/on/off are booleans, a bare 2018-01-31 is a date. Quote it "
    "(qingdan fmt does).", Severity.WARNING,
    messages={"": "the unquoted value {value} is read differently by YAML 1.1 readers; write \"{value}\""})
UNPUBLISHABLE_TEXT = Code(
    "QD505", "text the official text cannot hold",
    "A text field holds a line break where the official text format (docs/source-format.md) cannot: an empty line "
    "(which ends a table row), a line break at the start or the end, a line that starts with a tab (which starts a "
    "new cell), or any line break in a name. `qingdan render` would write a text that `qingdan import` reads back "
    "differently or not at all.",
    messages={
        "empty-line": "the {field} text has an empty line, which ends a row in the official text; join the "
                      "paragraphs or remove the empty line",
        "edge": "the {field} text starts or ends with a line break, which the official text cannot hold; remove it",
        "tab": "a line of the {field} text starts with a tab, which starts a new cell in the official text; remove "
               "the tab",
        "name": "the name has a line break; a name is one line in the official text",
    })

DASHES = {"―": "U+2015", "—": "U+2014"}
FULL_WIDTH = "０１２３４５６７８９"
_FULL_WIDTH_RE = re.compile(f"[{FULL_WIDTH}]")
_STR, _TIMESTAMP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"


def _document_service(document: Document) -> Subject:
    data = document.data
    if not isinstance(data, dict) or "number" not in data or "name" not in data:
        return Subject()
    service_id = data.get("id")
    return Subject(service_id if isinstance(service_id, str) else None, service_label(data["number"], data["name"]))


@rule(DUPLICATE_KEY, needs_edition=False)
def no_duplicate_keys(ctx: Context) -> Iterator[Result]:
    for _, document in ctx.files.documents():
        for duplicate in document.duplicates:
            key = duplicate.path[-1]
            yield Result(DUPLICATE_KEY.code, DUPLICATE_KEY.severity,
                         DUPLICATE_KEY.say("", key=key, first_line=duplicate.first_line),
                         Location(document.name, duplicate.line, duplicate.column, duplicate.path),
                         _document_service(document))


@rule(YAML11_TRAP, needs_edition=False)
def no_yaml11_traps(ctx: Context) -> Iterator[Result]:
    from ...io.quoting import any_needs_quotes, needs_quotes

    for _, document in ctx.files.documents():
        texts: list[str] = []
        _collect_strings(document.data, texts)
        if not any_needs_quotes(texts):
            continue  # most documents: one scan of their texts, no walk with key paths
        # the text values that need quotes, in document order; only those are looked up among the nodes
        for path, value in _strings(document.data, ()):
            if not needs_quotes(value):
                continue
            info = document.nodes.get(path)
            if info is None or info.style is not None or info.tag not in (_STR, _TIMESTAMP):
                continue
            yield Result(YAML11_TRAP.code, YAML11_TRAP.severity, YAML11_TRAP.say("", value=value),
                         document.locate(path), _document_service(document))


def _collect_strings(data: Any, out: list[str]) -> None:
    """Every text value of a document's data, appended to ``out`` (what ``_strings`` yields, without key paths)."""
    if isinstance(data, str):
        out.append(data)
        return
    for value in data.values() if isinstance(data, dict) else data if isinstance(data, list) else ():
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, (dict, list)):
            _collect_strings(value, out)


def _strings(data: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every text value of a document's data with its key path, in document order."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


@rule(STRAY_SEPARATOR, needs_source=True)
def no_stray_separators(ctx: Context) -> Iterator[Result]:
    document = ctx.source
    if document is None:
        return
    from ...io.official_text import TableRow

    # a source row is tied to its service by name, as the importer ties rows to ids, and only then by number:
    # services inserted and renumbered since the text was published must not move a finding
    by_name = {brief.name: brief for brief in ctx.briefs}
    by_number: dict[int | None, Brief] = {brief.number: brief for brief in ctx.briefs}
    # where each table row starts, and the service and part it belongs to: computed once, so that finding the row
    # that holds a stray separator is a binary search, not a rescan of the table from its start
    starts: list[int] = []
    owners: list[tuple[Brief | None, int]] = []
    owner: tuple[Brief | None, int] = (None, -1)
    for row in document.rows:
        if isinstance(row, TableRow):
            owner = ((owner[0], owner[1] + 1) if row.is_part
                     else (by_name.get(row.name) or by_number.get(_number(row.number)), -1))
            starts.append(row.line)
            owners.append(owner)
    strays = [normalisation for normalisation in document.normalisations if normalisation.code == "empty-unit"]
    for stray in strays:
        line, text = stray.line, stray.text
        at = bisect_right(starts, line) - 1  # the last table row at or above the line holds it
        brief, part_index = owners[at] if at >= 0 else (None, -1)
        part: str | None = None
        if brief is not None and 0 <= part_index < len(brief.parts):
            part = brief.parts[part_index]
        column = _stray_column(text)
        yield ctx.finding(STRAY_SEPARATOR, Location(ctx.source_name or "source", line, column), "", brief, part,
                          cell=text.strip())


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _stray_column(line: str) -> int:
    """1-based column of the offending 、: the doubled one, the leading one, or the trailing one."""
    cell = line.rstrip()
    doubled = cell.find("、、")
    if doubled != -1:
        return doubled + 2
    if cell.lstrip("\t").startswith("、"):
        return len(cell) - len(cell.lstrip("\t")) + 1
    return len(cell)


def _texts(services: Iterable[Service]) -> Iterator[tuple[Service, Part | None, str, str]]:
    for service in services:
        for part, row in service.rows():
            for name in TEXT_FIELDS:
                text = getattr(row, name, None)
                if text:
                    yield service, part, name, text


def _dashes(service: Service) -> tuple[tuple[int, str, tuple[int, ...], tuple[int, ...]], ...]:
    """Each text field of the service that holds a long dash, in order: the index of its part (-1 for the service's
    own row), the field, how often each of DASHES occurs in it and where first (-1 for never) (a fact of the
    service, see Context.facts_of)."""
    return tuple((index, name, tuple(text.count(dash) for dash in DASHES), tuple(text.find(dash) for dash in DASHES))
                 for index, (_, row) in enumerate(service.rows(), start=-1) for name in TEXT_FIELDS
                 if (text := getattr(row, name, None)) and any(dash in text for dash in DASHES))


@rule(MIXED_DASHES)
def one_kind_of_dash(ctx: Context) -> Iterator[Result]:
    by_service = list(zip(ctx.briefs, ctx.facts_of("dashes", _dashes), strict=True))
    counts = Counter({dash: 0 for dash in DASHES})
    for _, fields in by_service:
        for _, _, found, _ in fields:
            for dash, count in zip(DASHES, found, strict=True):
                counts[dash] += count
    counts = +counts  # only the dashes that occur
    if len(counts) < 2:
        return
    common = "―" if counts["―"] >= counts["—"] else "—"
    rare = "—" if common == "―" else "―"
    index = list(DASHES).index(rare)
    for brief, fields in by_service:
        for part, name, found, first in fields:
            if found[index]:
                yield ctx.finding(MIXED_DASHES, ctx.in_text_of(brief, None if part < 0 else part, name, first[index]),
                                  "", brief, None if part < 0 else brief.parts[part],
                                  field=Keyword(name, FIELD_WORDS.get(name)), rare=rare, rare_code=DASHES[rare],
                                  count=found[index], common=common, common_code=DASHES[common],
                                  common_count=counts[common], rare_count=counts[rare])


@rule(FULL_WIDTH_DIGIT, per_service=True)
def ascii_digits(ctx: Context) -> Iterator[Result]:
    for service, part, name, text in _texts(ctx.typed.services):
        if _FULL_WIDTH_RE.search(text) is None:
            continue
        found = [i for i, char in enumerate(text) if char in FULL_WIDTH]
        if found:
            digits = "".join(dict.fromkeys(text[i] for i in found))
            yield ctx.finding(FULL_WIDTH_DIGIT, ctx.in_text(service, part, name, found[0]), "", service, part,
                              field=Keyword(name, FIELD_WORDS.get(name)), digits=digits,
                              ascii=digits.translate(str.maketrans(FULL_WIDTH, "0123456789")))



def unpublishable(field: str, text: str) -> tuple[str, int] | None:
    """Why the official text format cannot hold ``text`` as the ``field`` cell, and where: a message key of QD505
    and the offset of the character; None when it can."""
    if "\n" not in text:
        return None
    if field == "name":
        return "name", text.index("\n")
    if text.startswith("\n") or text.endswith("\n"):
        return "edge", 0 if text.startswith("\n") else len(text) - 1
    if "\n\n" in text:
        return "empty-line", text.index("\n\n") + 1
    if "\n\t" in text:
        return "tab", text.index("\n\t") + 1
    blank = re.search(r"\n[ \u3000]*\n", text)  # a line of spaces alone is an empty line to the importer too
    if blank is not None:
        return "empty-line", blank.start() + 1
    return None


@rule(UNPUBLISHABLE_TEXT, per_service=True)
def publishable_text(ctx: Context) -> Iterator[Result]:
    for service, part, name, text in _texts(ctx.typed.services):
        problem = unpublishable(name, text)
        if problem is not None:
            key, offset = problem
            yield ctx.finding(UNPUBLISHABLE_TEXT, ctx.in_text(service, part, name, offset), key, service, part,
                              field=Keyword(name, FIELD_WORDS.get(name)))
