"""JSON Schema checking of edition documents, reported as findings at the offending node's position."""

from __future__ import annotations

from typing import Any, Iterator

from .edition import EditionFiles
from .findings import Code, Finding, Severity
from .loading import Document
from . import resources

SCHEMA_VIOLATION = Code(
    "QD001", "schema violation",
    "A YAML document does not satisfy its JSON Schema (schema/*.schema.json): a missing or unknown key, a value of "
    "the wrong type, a text that does not match its format.")

_VALIDATORS: dict[str, Any] = {}


def validator(kind: str) -> Any:
    if kind not in _VALIDATORS:
        from jsonschema import Draft202012Validator

        schema = resources.schema(kind)
        _VALIDATORS[kind] = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return _VALIDATORS[kind]


def check_document(document: Document, kind: str) -> Iterator[Finding]:
    for error in validator(kind).iter_errors(document.data):
        path = tuple(error.absolute_path)
        yield Finding(document.locate(path), SCHEMA_VIOLATION.code, Severity.ERROR,
                      f"{'/'.join(map(str, path)) or '(document)'}: {error.message}")


def check_files(files: EditionFiles) -> list[Finding]:
    return sorted(f for kind, document in files.documents() for f in check_document(document, kind))
