"""JSON Schema checking of edition documents, reported in plain words at the offending node's position.

Every violation is reported, not only the first. An unknown key is located at the key itself, a missing key at the
mapping that lacks it; inside ``oneOf``/``anyOf`` the message describes the alternatives (or jsonschema's best match
among the branches) instead of dumping the whole sub-schema.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from . import resources
from .findings import Code, Finding, Severity
from .loading import Document

SCHEMA_VIOLATION = Code(
    "QD001", "schema violation",
    "A YAML document does not satisfy its JSON Schema (schema/*.schema.json): a missing or unknown key, a value of "
    "the wrong type, a text that does not match its format. The consistency rules need schema-valid data, so they "
    "do not run on an edition until its schema violations are fixed.", waivable=False)

_VALIDATORS: dict[str, Any] = {}

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
               "object": "a mapping of keys", "null": "empty (null)", "boolean": "true or false"}
# The schemas end patterns with $(?!\n): Python's $ also matches before a trailing newline, ECMA-262's does not.
_PATTERN_WORDS = {r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$(?!\n)": "lower-case ASCII words joined by hyphens, such as "
                                                          "medical-aid",
                  r"^QD[0-9]{3}$(?!\n)": "a rule code such as QD101"}


def validator(kind: str) -> Any:
    if kind not in _VALIDATORS:
        from jsonschema import Draft202012Validator

        schema = resources.schema(kind)
        _VALIDATORS[kind] = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return _VALIDATORS[kind]


def where(path: tuple[str | int, ...]) -> str:
    """A key path as an editor reads it: ``parts[1].funding``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "the document"


def _found(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _TYPE_WORDS["object" if isinstance(value, dict) else "array"]
    return repr(value) if isinstance(value, str) else str(value)


def describe(error: Any) -> str:
    """One plain sentence for a jsonschema ValidationError (without the location, which the finding carries)."""
    at = where(tuple(error.absolute_path))
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        return f"{at} should be {' or '.join(_TYPE_WORDS.get(t, t) for t in types)}, found {_found(value)}"
    if kind == "enum":
        return f"{at} should be one of {', '.join(map(str, expected))}; found {_found(value)}"
    if kind == "pattern":
        return f"{at} {_found(value)} is not {_PATTERN_WORDS.get(expected, f'in the form {expected}')}"
    if kind == "minLength":
        return f"{at} must not be empty" if expected == 1 else f"{at} is too short: at least {expected} characters"
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {"minimum": "at least", "exclusiveMinimum": "more than", "maximum": "at most",
                 "exclusiveMaximum": "less than"}[kind]
        return f"{at} must be {words} {expected}, found {_found(value)}"
    if kind == "minItems":
        return f"{at} needs at least {expected} items"
    if kind == "uniqueItems":
        return f"{at} lists the same item more than once"
    if kind == "format":
        return f"{at} {_found(value)} is not a valid {expected}"
    if kind in ("oneOf", "anyOf"):
        return _alternatives(error, at)
    return f"{at}: {error.message}"


def _alternatives(error: Any, at: str) -> str:
    branches = error.validator_value
    if all(isinstance(b, dict) and "required" in b for b in branches):
        forms = " | ".join(" and ".join(b["required"]) for b in branches)
        return f"{at} needs exactly one of these key sets: {forms}"
    if error.context:
        from jsonschema.exceptions import best_match

        return describe(best_match(error.context))
    return f"{at} matches more than one of the allowed forms"


def _missing_key(error: Any) -> str:
    # jsonschema reports each missing key as "'name' is a required property"; the repr is the key.
    return str(ast.literal_eval(error.message.split(" is a required property")[0]))


def _unknown_keys(error: Any) -> list[str]:
    allowed = error.schema.get("properties", {})
    return [key for key in error.instance if key not in allowed]


def _service_context(document: Document, kind: str, path: tuple[str | int, ...]) -> dict[str, str | None]:
    data = document.data
    if kind != "service" or not isinstance(data, dict):
        return {}
    number = data.get("number")
    label = f"{number if isinstance(number, int) else '?'} {data.get('name', '?')}"
    part = None
    if len(path) >= 2 and path[0] == "parts" and isinstance(path[1], int):
        parts = data.get("parts")
        if isinstance(parts, list) and path[1] < len(parts) and isinstance(parts[path[1]], dict):
            part = parts[path[1]].get("id")
    service_id = data.get("id") if isinstance(data.get("id"), str) else None
    return {"service": label, "service_id": service_id, "part": part if isinstance(part, str) else None}


def _finding(document: Document, kind: str, path: tuple[str | int, ...], message: str, *, key: bool = False
             ) -> Finding:
    return Finding(document.locate(path, key=key), SCHEMA_VIOLATION.code, Severity.ERROR, message,
                   **_service_context(document, kind, path))


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


def check_document(document: Document, kind: str) -> Iterator[Finding]:
    """Every schema violation of one document, as findings."""
    check = passes(kind)
    if check is not None:
        from .schema_fast import Unsure

        try:
            if check(document.data):
                return  # valid: jsonschema would report nothing
        except Unsure:
            pass
    yield from _violations(document, kind)


def _violations(document: Document, kind: str) -> Iterator[Finding]:
    """The findings jsonschema reports for one document (the reference the compiled check is tested against)."""
    for error in validator(kind).iter_errors(document.data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(error.schema.get("properties", {}))
            for key in _unknown_keys(error):
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else f"; allowed: {', '.join(allowed)}"
                yield _finding(document, kind, (*path, key), f"unknown key {key!r} in {where(path)}{hint}",
                               key=True)
        elif error.validator == "required":
            name = _missing_key(error)
            yield _finding(document, kind, path, f"{where(path)} lacks the required key {name!r}")
        else:
            yield _finding(document, kind, path, describe(error))


class Documents(Protocol):
    """What check_files reads: every document of an edition with its kind (edition.EditionFiles is one). A protocol,
    so that the edition loader can call this module without this module importing the loader."""

    def documents(self) -> Iterable[tuple[str, Document]]: ...


def check_files(files: Documents) -> list[Finding]:
    return sorted((f for kind, document in files.documents() for f in check_document(document, kind)),
                  key=Finding.sort_key)
