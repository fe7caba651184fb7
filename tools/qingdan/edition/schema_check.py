"""JSON Schema checking of edition documents, reported in plain words at the offending node's position.

Every violation is reported, not only the first. An unknown key is located at the key itself, a missing key at the
mapping that lacks it; inside ``oneOf``/``anyOf`` the message describes the alternatives (or jsonschema's best match
among the branches) instead of dumping the whole sub-schema.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from ..core import resources
from ..core.findings import Code
from ..core.i18n import LEVEL_WORDS, N_, Message, _, level_word, listing
from ..core.results import Result, Severity, Subject
from ..core.vocabulary import FIELD_WORDS, key_path_text, service_label
from ..io.loading import Document

SCHEMA_VIOLATION = Code(
    "QD001", "schema violation",
    "A YAML document does not satisfy its JSON Schema (schema/*.schema.json): a missing or unknown key, a value of "
    "the wrong type, a text that does not match its format. The consistency rules need schema-valid data, so they "
    "do not run on an edition until its schema violations are fixed.", waivable=False,
    messages={
        "type": "{at} should be {expected}, found {found}",
        "type-dash": "{at} should be a list, found {found}: no space after the dash; write '- ' (a dash, then a "
                     "space) before each entry",
        "enum": "{at} should be one of {allowed}; found {found}",
        "pattern": "{at} {found} is not in the form {pattern}",
        "pattern-known": "{at} {found} is not {form}",
        "empty": "{at} must not be empty",
        "too-short": "{at} is too short: at least {limit} characters",
        "minimum": "{at} must be at least {limit}, found {found}",
        "exclusiveMinimum": "{at} must be more than {limit}, found {found}",
        "maximum": "{at} must be at most {limit}, found {found}",
        "exclusiveMaximum": "{at} must be less than {limit}, found {found}",
        "min-items": "{at} needs at least {limit} items",
        "unique": "{at} lists the same item more than once",
        "format": "{at} {found} is not a valid {format}",
        "key-sets": "{at} needs exactly one of these key sets: {forms}",
        "one-of": "{at} matches more than one of the allowed forms",
        "other": "{at}: {detail}",
        "unknown-key": "unknown key {key} in {at} (did you mean {close}?)",
        "unknown-key-allowed": "unknown key {key} in {at}; allowed: {allowed}",
        "required": "{at} lacks the required key {key}",
        "required-top": "missing the required key {key}",
    })

SHAPE_MISMATCH = Code(
    "QD007", "service of another shape",
    "A service file written in another shape than its edition's (shape: in edition.yaml; schema/shapes/): a service "
    "of the 2021 standard's shape, with 服务内容 (content), in an edition of the list-2017 shape, or the other way "
    "round. Reported once for the file, in place of the schema violations the other shape's keys would give.",
    waivable=False,
    messages={"other": "this service is written in the shape {found} (it satisfies that shape's schema), but the "
                       "edition's shape is {shape}: write it with the columns of {shape}, or name the shape in "
                       "edition.yaml"})

_VALIDATORS: dict[str, Any] = {}

_TYPE_WORDS = {"string": N_("text"), "integer": N_("a whole number"), "number": N_("a number"),
               "array": N_("a list"), "object": N_("a mapping of keys"), "null": N_("empty (null)"),
               "boolean": N_("true or false")}
# The schemas end patterns with $(?!\n): Python's $ also matches before a trailing newline, ECMA-262's does not.
_PATTERN_WORDS = {r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$(?!\n)": N_("lower-case ASCII words joined by hyphens, such as "
                                                             "medical-aid"),
                  r"^QD[0-9]{3}$(?!\n)": N_("a rule code such as QD101")}


def validator(kind: str) -> Any:
    if kind not in _VALIDATORS:
        from jsonschema import Draft202012Validator

        schema = resources.schema(kind)
        _VALIDATORS[kind] = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return _VALIDATORS[kind]


def where(path: tuple[str | int, ...], title: str | None = None) -> str:
    """A key path as an editor reads it: ``parts[1].funding``, with the key's column title from the schema where it
    has one: ``服务对象（target）``."""
    text = key_path_text(path) or _("the document")
    return _("{key} ({title})").format(title=title, key=text) if title and path else text  # see i18n.Keyword


def titled(key: str, title: str | None) -> str:
    """A key the editor must type, with its column title: ``“district_units”（区级对接落实责任部门）``."""
    return (_("'{key}' ({title})") if title else _("'{key}'")).format(key=key, title=title)  # see i18n.Keyword


def _title(schema: Any) -> str | None:
    title = schema.get("title") if isinstance(schema, dict) else None
    return title if isinstance(title, str) else None


def _allowed(values: Iterable[Any]) -> str:
    """The values an enum allows, a unit level with its word: ``city（市级）、district（区级）、other（其他）``; in
    English the word is the code itself, said once."""
    return listing(_("{code} ({word})").format(code=v, word=word)
                   if v in LEVEL_WORDS and (word := level_word(v)) != v else str(v) for v in values)


def _found(value: Any) -> str:
    if value is None:
        return _("(empty)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _(_TYPE_WORDS["object" if isinstance(value, dict) else "array"])
    if isinstance(value, str):  # quoted as in the catalog, a control character spelt as repr() spells it
        return _("'{key}'").format(key="".join(c if c.isprintable() else repr(c)[1:-1] for c in value))
    return str(value)


def describe(error: Any) -> Message:
    """One plain sentence for a jsonschema ValidationError (without the location, which the finding carries)."""
    say = SCHEMA_VIOLATION.say
    path = tuple(error.absolute_path)
    # a key whose schema is a $ref (the unit lists) has its title on the property, not on the schema that failed
    title = _title(error.schema) or (FIELD_WORDS.get(path[-1]) if path and isinstance(path[-1], str) else None)
    at = where(path, title)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        if "array" in types and isinstance(value, str) and re.match(r"-[^\s\-.0-9]", value):
            # "-区教委" typed for "- 区教委": YAML reads a list's only (or first) entry as text
            return say("type-dash", at=at, found=_found(value))
        return say("type", at=at, expected=_(" or ").join(_(_TYPE_WORDS.get(t, t)) for t in types),
                   found=_found(value))
    if kind == "enum":
        return say("enum", at=at, allowed=_allowed(expected), found=_found(value))
    if kind == "pattern":
        if expected in _PATTERN_WORDS:
            return say("pattern-known", at=at, found=_found(value), form=_(_PATTERN_WORDS[expected]))
        return say("pattern", at=at, found=_found(value), pattern=expected)
    if kind == "minLength":
        return say("empty", at=at) if expected == 1 else say("too-short", at=at, limit=expected)
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        return say(kind, at=at, limit=expected, found=_found(value))
    if kind == "minItems":
        return say("min-items", at=at, limit=expected)
    if kind == "uniqueItems":
        return say("unique", at=at)
    if kind == "format":
        return say("format", at=at, found=_found(value), format=expected)
    if kind in ("oneOf", "anyOf"):
        return _alternatives(error, at)
    return say("other", at=at, detail=error.message)


def _alternatives(error: Any, at: str) -> Message:
    branches = error.validator_value
    if all(isinstance(b, dict) and "required" in b for b in branches):
        forms = " | ".join(_(" and ").join(_("'{key}'").format(key=key) for key in b["required"]) for b in branches)
        return SCHEMA_VIOLATION.say("key-sets", at=at, forms=forms)
    if error.context:
        from jsonschema.exceptions import best_match

        return describe(best_match(error.context))
    return SCHEMA_VIOLATION.say("one-of", at=at)


def _unwrapped(error: Any) -> list[Any]:
    """A choice of key sets (oneOf/anyOf whose branches each require keys) where the mapping holds keys of one set
    only, or of none (then the first set, the ordinary form): that set's own violations, so that a service lacking
    one of its five columns is told which one, rather than shown every form it could take (a row of names only is
    the other)."""
    branches = error.validator_value
    if error.validator not in ("oneOf", "anyOf") or not isinstance(error.instance, dict) or not all(
            isinstance(b, dict) and "required" in b for b in branches):
        return [error]
    held = [i for i, b in enumerate(branches) if any(key in error.instance for key in b["required"])] or [0]
    inner = [e for e in error.context or () if held == [e.relative_schema_path[0]]]
    return inner or [error]


def _missing_key(error: Any) -> str:
    # jsonschema reports each missing key as "'name' is a required property"; the repr is the key.
    return str(ast.literal_eval(error.message.split(" is a required property")[0]))


def _unknown_keys(error: Any) -> list[str]:
    allowed = error.schema.get("properties", {})
    return [key for key in error.instance if key not in allowed]


def _service_context(document: Document, kind: str, path: tuple[str | int, ...]) -> Subject:
    data = document.data
    if kind != "service" or not isinstance(data, dict):
        return Subject()
    number = data.get("number")
    label = service_label(number if isinstance(number, int) else "?", data.get("name", "?"))
    part = None
    if len(path) >= 2 and path[0] == "parts" and isinstance(path[1], int):
        parts = data.get("parts")
        if isinstance(parts, list) and path[1] < len(parts) and isinstance(parts[path[1]], dict):
            part = parts[path[1]].get("id")
    service_id = data.get("id") if isinstance(data.get("id"), str) else None
    return Subject(service_id, label, part if isinstance(part, str) else None)


def _finding(document: Document, kind: str, path: tuple[str | int, ...], message: Message, *, key: bool = False
             ) -> Result:
    return Result(SCHEMA_VIOLATION.code, Severity.ERROR, message, document.locate(path, key=key),
                  _service_context(document, kind, path))


_PASSES: dict[str, Any] = {}


def passes(kind: str) -> Any:
    """The schema of ``kind`` compiled into a yes/no check (schema_fast), built once; None if it cannot be."""
    if kind not in _PASSES:
        from .schema_fast import compile_schema

        _PASSES[kind] = compile_schema(resources.schema(kind), _format_conforms)
    return _PASSES[kind]


def _format_conforms(instance: Any, format_name: str) -> bool:
    """jsonschema's format check; the formats the schemas use are checked natively (see schema_fast), so that a
    valid edition is checked without importing jsonschema, a third of validate's start-up."""
    from .schema_fast import NATIVE_FORMATS

    native = NATIVE_FORMATS.get(format_name)
    if native is not None:
        return native(instance)
    return bool(validator("edition").format_checker.conforms(instance, format_name))


def _passes(document: Document, schema: str) -> bool | None:
    """Whether ``document`` satisfies the schema file ``schema`` by the compiled check; None when it cannot say."""
    check = passes(schema)
    if check is not None:
        from .schema_fast import Unsure

        try:
            return bool(check(document.data))
        except Unsure:
            return None
    return None


def check_document(document: Document, kind: str, schema: str | None = None) -> Iterator[Result]:
    """Every schema violation of one document of ``kind``, as findings; ``schema`` is the schema file of the
    edition's shape (shapes.py), ``kind``'s list-2017 schema when None."""
    if _passes(document, schema or kind):
        return  # valid: jsonschema would report nothing
    yield from _violations(document, kind, schema or kind)


def _other_shape(document: Document, kind: str, shape: str) -> str | None:
    """The shape, other than ``shape``, whose schema of ``kind`` the document satisfies, if any."""
    from .shapes import known

    for other in known().values():
        if other.id != shape and other.schema_kind(kind) != known()[shape].schema_kind(kind):
            schema = other.schema_kind(kind)
            fits = _passes(document, schema)
            if fits is None:
                fits = not any(True for _ in validator(schema).iter_errors(document.data))
            if fits:
                return other.id
    return None


def _violations(document: Document, kind: str, schema: str | None = None) -> Iterator[Result]:
    """The findings jsonschema reports for one document (the reference the compiled check is tested against)."""
    errors = validator(schema or kind).iter_errors(document.data)
    for error in (inner for found in errors for inner in _unwrapped(found)):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(error.schema.get("properties", {}))
            for key in _unknown_keys(error):
                import difflib  # a misspelt key's suggestion: imported on this path only

                close = difflib.get_close_matches(key, allowed, n=1)
                said = (SCHEMA_VIOLATION.say("unknown-key", key=titled(key, None), at=where(path),
                                             close=titled(close[0], _title(error.schema["properties"][close[0]])))
                        if close else SCHEMA_VIOLATION.say("unknown-key-allowed", key=titled(key, None), at=where(path),
                                                           allowed=listing(allowed)))
                yield _finding(document, kind, (*path, key), said, key=True)
        elif error.validator == "required":
            name = _missing_key(error)
            # a key set of a choice (see _unwrapped) names its keys; their titles are on the mapping's properties
            owner = error.parent.schema if "properties" not in error.schema and error.parent is not None else \
                error.schema
            key = titled(name, _title(owner.get("properties", {}).get(name)))
            said = (SCHEMA_VIOLATION.say("required", at=where(path), key=key) if path
                    else SCHEMA_VIOLATION.say("required-top", key=key))
            yield _finding(document, kind, path, said)
        else:
            yield _finding(document, kind, path, describe(error))


class Documents(Protocol):
    """What check_files reads: every document of an edition with its kind (edition.EditionFiles is one). A protocol,
    so that the edition loader can call this module without this module importing the loader."""

    def documents(self) -> Iterable[tuple[str, Document]]: ...


def check_files(files: Documents, check: Callable[[Document, str, str], list[Result]] | None = None
                ) -> list[Result]:
    """Every schema violation of the edition's documents, each checked against its shape's schema (a service of
    another shape is one finding, QD007); ``check`` checks one document in the edition's shape (``check_in_shape``;
    the validation cache passes one that reuses what an earlier run found)."""
    from .shapes import DEFAULT_SHAPE, known

    found: list[Result] = []
    shape = DEFAULT_SHAPE
    for kind, document in files.documents():
        named = document.data.get("shape", DEFAULT_SHAPE) if kind == "edition" and isinstance(document.data, dict) \
            else DEFAULT_SHAPE  # only edition.yaml names it: the other documents' data is not read here
        if kind == "edition" and named not in known():  # one finding at the key; checked as the default shape
            said = SCHEMA_VIOLATION.say("enum", at=where(("shape",), _title(resources.schema("edition")
                                                                           ["properties"]["shape"])),
                                        allowed=listing(known()), found=_found(named))
            found.append(_finding(document, kind, ("shape",), said))
        elif kind == "edition":
            shape = named
        problems = (check or check_in_shape)(document, kind, shape)
        if kind == "edition" and named not in known():  # said once, above, with the known shapes
            problems = [f for f in problems if f.location.key_path != ("shape",)]
        found += problems
    return sorted(found, key=Result.sort_key)


def check_in_shape(document: Document, kind: str, shape: str) -> list[Result]:
    """The schema findings of one document of an edition in ``shape``: the violations of its shape's schema, or,
    for a service that satisfies another shape's schema instead, that one finding (QD007)."""
    from .shapes import known

    problems = list(check_document(document, kind, known()[shape].schema_kind(kind)))
    other = _other_shape(document, kind, shape) if problems and kind == "service" else None
    if other is not None:
        said = SHAPE_MISMATCH.say("other", found=other, shape=shape)
        problems = [Result(SHAPE_MISMATCH.code, Severity.ERROR, said, document.locate(()),
                           _service_context(document, kind, ()))]
    return problems
