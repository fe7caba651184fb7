"""A JSON Schema compiled once into a plain yes/no check, so valid documents skip jsonschema's error machinery.

jsonschema builds an error iterator, evolves a validator and resolves ``$ref`` through its registry at every node:
correct, and most of validate's time on a large edition. Almost every document of an edition is valid, so schema
checking first asks a check compiled from the schema into nested closures, once per schema; only a document it
does not pass is handed to jsonschema, which words the findings. The check must therefore never pass a document
jsonschema would fault: each keyword below follows jsonschema's Draft 2020-12 implementation exactly (bool is not
a number, a string enum matches only strings, an absent key is not checked), a case it cannot decide exactly
raises Unsure (the document then goes to jsonschema), and a schema using any keyword not listed here is not
compiled at all. tests/unit/test_fast_paths.py compares the verdicts on every document of the repository.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable
from typing import Any

from .value_rules import is_date

Check = Callable[[Any], bool]

ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"})


class Unsure(Exception):
    """The compiled check cannot decide this instance exactly; ask jsonschema."""


class Unsupported(Exception):
    """The schema uses a keyword the compiler does not implement."""


def _number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": _number,
}


class _Compiler:
    def __init__(self, root: dict[str, Any], format_check: Callable[[Any, str], bool]) -> None:
        self.root = root
        self.format_check = format_check
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        if not pointer.startswith("#/"):
            raise Unsupported(pointer)
        if pointer not in self.refs:
            holder: list[Check] = []
            self.refs[pointer] = lambda v: holder[0](v)  # a recursive schema reaches itself through this
            target: Any = self.root
            for step in pointer[2:].split("/"):
                target = target[step.replace("~1", "/").replace("~0", "~")]
            holder.append(self.compile(target))
        return self.refs[pointer]

    def compile(self, schema: Any) -> Check:
        if schema is True or schema == {}:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict) or ("$id" in schema and schema is not self.root):
            raise Unsupported(repr(schema)[:80])
        checks: list[Check] = []
        for keyword, value in schema.items():
            if keyword in ANNOTATIONS or keyword in ("properties",):
                continue
            checks.append(self.keyword(keyword, value, schema))
        if "properties" in schema:
            checks.append(self.properties(schema["properties"]))
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(check(v) for check in checks)

    def keyword(self, keyword: str, value: Any, schema: dict[str, Any]) -> Check:
        if keyword == "type":
            tests = [_TYPES[t] for t in ([value] if isinstance(value, str) else value)]
            return tests[0] if len(tests) == 1 else (lambda v: any(test(v) for test in tests))
        if keyword == "$ref":
            return self.ref(value)
        if keyword == "required":
            names = tuple(value)
            return lambda v: not isinstance(v, dict) or all(name in v for name in names)
        if keyword == "additionalProperties":
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            known = frozenset(schema.get("properties", {}))
            if value is False:
                return lambda v: not isinstance(v, dict) or all(key in known for key in v)
            extra = self.compile(value)
            return lambda v: not isinstance(v, dict) or all(extra(x) for k, x in v.items() if k not in known)
        if keyword == "items":
            if "prefixItems" in schema:
                raise Unsupported("prefixItems")
            item = self.compile(value)
            return lambda v: not isinstance(v, list) or all(item(x) for x in v)
        if keyword == "enum":
            if not all(isinstance(choice, str) for choice in value):
                raise Unsupported("enum of non-strings")
            choices = frozenset(value)
            # jsonschema's equal(): a string equals only an equal string
            return lambda v: isinstance(v, str) and v in choices
        if keyword == "pattern":
            search = re.compile(value).search
            return lambda v: not isinstance(v, str) or search(v) is not None
        if keyword == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= value
        if keyword == "maxLength":
            return lambda v: not isinstance(v, str) or len(v) <= value
        if keyword == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= value
        if keyword == "maxItems":
            return lambda v: not isinstance(v, list) or len(v) <= value
        if keyword == "uniqueItems":
            return _unique if value else (lambda v: True)
        if keyword == "minimum":
            return lambda v: not _number(v) or v >= value
        if keyword == "maximum":
            return lambda v: not _number(v) or v <= value
        if keyword == "exclusiveMinimum":
            return lambda v: not _number(v) or v > value
        if keyword == "exclusiveMaximum":
            return lambda v: not _number(v) or v < value
        if keyword == "format":
            return lambda v: self.format_check(v, value)
        if keyword in ("anyOf", "oneOf", "allOf"):
            branches = [self.compile(branch) for branch in value]
            if keyword == "anyOf":
                return lambda v: any(branch(v) for branch in branches)
            if keyword == "allOf":
                return lambda v: all(branch(v) for branch in branches)
            return lambda v: sum(1 for branch in branches if branch(v)) == 1
        if keyword == "not":
            inner = self.compile(value)
            return lambda v: not inner(v)
        raise Unsupported(keyword)

    def properties(self, properties: dict[str, Any]) -> Check:
        compiled = [(name, self.compile(sub)) for name, sub in properties.items()]

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            return all(sub(v[name]) for name, sub in compiled if name in v)

        return check


def _unique(value: Any) -> bool:
    if not isinstance(value, list):
        return True
    if all(isinstance(item, str) for item in value):
        return len(set(value)) == len(value)
    raise Unsure("uniqueItems over values other than text")


NATIVE_FORMATS: dict[str, Check] = {"date": is_date}  # jsonschema's check, without importing jsonschema


def compile_schema(schema: dict[str, Any], format_check: Callable[[Any, str], bool]) -> Check | None:
    """A yes/no check equivalent to validating against ``schema``, or None when the schema is beyond it.

    The check may raise Unsure for an instance it cannot decide exactly.
    """
    try:
        return _Compiler(schema, format_check).compile(schema)
    except Unsupported:
        return None
