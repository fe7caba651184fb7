"""The ruamel internals qingdan.io.yaml_fast relies on are there and behave as it assumes: a ruamel.yaml or
ruamel.yaml.clib version that renames, drops or changes them fails here, by name, rather than silently losing the
fast path (yaml_fast declines, and validate is several times slower) or composing different tags."""

from __future__ import annotations

import platform
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

from qingdan.io import yaml_fast
from qingdan.io.loading import parse_document, parse_document_reference

ROOT = Path(__file__).resolve().parents[2]
VERSIONS = f"ruamel.yaml {version('ruamel.yaml')}, ruamel.yaml.clib {version('ruamel.yaml.clib')}"

pytestmark = pytest.mark.skipif(platform.python_implementation() != "CPython",
                                reason="ruamel.yaml.clib (the C parser) is installed on CPython only")


def test_the_private_c_parser_and_its_hooks_are_there() -> None:
    from _ruamel_yaml import CParser  # type: ignore[import-not-found]
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    # resolve, descend_resolver and ascend_resolver are not CParser's own: it calls them on itself, and ruamel's
    # loaders mix them in; the next test shows that the subclass's are the ones called
    for method in ("get_single_node", "dispose"):
        assert hasattr(CParser, method), f"{VERSIONS}: CParser.{method} is gone; qingdan.io.yaml_fast needs a new look"
    table = VersionedResolver(version=(1, 2)).versioned_resolver
    assert isinstance(table, dict) and "1" in table and "t" in table, \
        f"{VERSIONS}: VersionedResolver.versioned_resolver is no longer keyed by first characters"
    assert str(Tag(suffix="tag:yaml.org,2002:str")) == "tag:yaml.org,2002:str", f"{VERSIONS}: Tag(suffix=) changed"
    assert yaml_fast.fast_loader(), f"{VERSIONS}: the fast composer could not be built; validate lost its fast path"


def test_the_parser_asks_the_subclass_for_every_tag() -> None:
    """CParser calls the subclass's resolve (not a C-level resolver of its own) and keeps the Tag it is given."""
    loader_class, _error = yaml_fast.fast_loader()
    asked: list[Any] = []

    class Counting(loader_class):  # type: ignore[misc,valid-type]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            asked.append(value)
            return super().resolve(kind, value, implicit)

    loader = Counting("a: 12\nb: [x, true]\n")
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    assert {"a", "12", "b", "x", "true"} <= {value for value in asked if isinstance(value, str)}, \
        f"{VERSIONS}: CParser no longer asks resolve() for the tags"
    twelve = node.value[0][1]
    assert yaml_fast.known_tag(twelve) == "tag:yaml.org,2002:int", f"{VERSIONS}: node.ctag is not the Tag resolved"


def test_the_shipped_edition_takes_the_fast_path_and_gives_the_reference_result() -> None:
    path = ROOT / "policies" / "2017" / "services" / "medical-assistance.yaml"
    text = path.read_text(encoding="utf-8")
    assert yaml_fast.compose(text) is not yaml_fast.DECLINED, f"{VERSIONS}: the fast composer declines the edition"
    fast, reference = parse_document(text, str(path)), parse_document_reference(text, str(path))
    assert repr(fast.data) == repr(reference.data)
    assert dict(fast.nodes.items()) == dict(reference.nodes.items())


def test_what_the_fast_composer_leaves_to_the_reference() -> None:
    assert yaml_fast.compose("%YAML 1.1\n---\na: yes\n") is yaml_fast.DECLINED  # YAML 1.1 reads yes as true
    assert yaml_fast.compose("a: [unclosed\n") is yaml_fast.DECLINED  # the reference words the error
    assert yaml_fast.compose("") is None  # an empty stream: no document
