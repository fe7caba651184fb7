"""Where the schemas and the shipped editions are, in a source checkout and in an installed wheel."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent  # tools/qingdan/core -> tools/qingdan
_CHECKOUT = _PACKAGE.parent.parent  # tools/qingdan -> repository root

SCHEMA_FILES = {
    "service": "service.schema.json",
    "edition": "edition.schema.json",
    "units": "units.schema.json",
    "export": "export.schema.json",
    "crosswalk": "crosswalk.schema.json",
}


def schema_dir() -> Path:
    bundled = _PACKAGE / "_data" / "schema"
    return bundled if bundled.is_dir() else _CHECKOUT / "schema"


def policies_dir() -> Path:
    bundled = _PACKAGE / "_data" / "policies"
    return bundled if bundled.is_dir() else _CHECKOUT / "policies"


@cache
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of edition document (see SCHEMA_FILES), or of the schema file ``kind`` names
    (a shape's schemas, see shapes.py)."""
    with open(schema_dir() / SCHEMA_FILES.get(kind, kind), encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded
