"""The fast composer: ruamel.yaml's C parser with a resolver that answers the common case itself.

This is the one module that touches ruamel's private internals: the C parser class ``_ruamel_yaml.CParser`` and its
``resolve``, ``descend_resolver`` and ``ascend_resolver`` hooks, the table ``VersionedResolver.versioned_resolver``
keyed by first characters, ``Tag(suffix=...)`` and a node's ``ctag``. qingdan.io.loading calls ``compose`` and falls
back to ruamel's public composer where it declines (no C parser, a %YAML directive, a stream the C parser refuses, or a
ruamel version without these internals), so behaviour never depends on it. ``tests/unit/test_yaml_fast.py`` fails loudly
when a ruamel version changes the internals (the fast path would silently be lost or, worse, disagree), and
``tests/unit/test_fast_paths.py`` holds its results to the reference composer's.
"""

from __future__ import annotations

from typing import Any

# ``YAML(typ="safe").compose`` builds a YAML object per call (with a glob for plug-ins) and resolves every plain
# scalar through ruamel's VersionedResolver, which looks up the YAML version of the stream three attributes deep on
# every call: on a large edition that costs more than composing. The C parser (a Cython class) composes the whole
# node tree itself and asks ``self.resolve`` for each node's tag, so a subclass with a resolver that answers the
# common case directly gives the same nodes at a fraction of the cost. The answer is exact: YAML 1.2's implicit
# resolvers are keyed by a scalar's first character, so a plain scalar whose first character has none (Chinese text,
# most names) is a string, and so is one with any non-ASCII character (every implicit resolver's pattern is ASCII,
# so 1000元 cannot be a number); every other one is resolved by ruamel's own resolver for YAML 1.2 (memoised: the
# tag depends only on the text).

CORE = "tag:yaml.org,2002:"
DECLINED: Any = object()  # what ``compose`` returns where the reference composer must decide

_FAST: Any = None  # (loader class, YAMLError) once built; False where the C parser or its hooks are not there


def fast_loader() -> Any:
    """The C parser subclass and ruamel's YAMLError, built on first use; False where they cannot be."""
    global _FAST
    if _FAST is None:
        try:
            _FAST = _build()
        except (ImportError, AttributeError, TypeError):  # pragma: no cover - no clib, or internals changed
            _FAST = False
    return _FAST


def _build() -> Any:
    from _ruamel_yaml import CParser  # type: ignore[import-not-found]
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
    from ruamel.yaml.resolver import VersionedResolver

    reference = VersionedResolver(version=(1, 2))
    table = reference.versioned_resolver
    exact_keys = frozenset(key for key in table if key is not None)
    everything = None in table  # a resolver for any first character: always ask the reference resolver
    defaults = {ScalarNode: shared_tag(CORE + "str"), SequenceNode: shared_tag(CORE + "seq"),
                MappingNode: shared_tag(CORE + "map")}
    memo: dict[str, Any] = {}
    # A plain scalar of ASCII digits alone (a service's number, an amount) is an integer to YAML 1.2; each is met
    # once, so it would only fill the memo. Asked of the reference resolver once, on a sample.
    digits = {_tag_text(reference.resolve(ScalarNode, sample, (True, False)))
              for sample in ("0", "7", "00", "08", "010", "0123456789", "9" * 40)}
    integer = shared_tag(CORE + "int") if digits == {CORE + "int"} else None

    class Loader(CParser):  # type: ignore[misc]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and implicit[0] and value.isascii() and \
                    (everything or (value[:1] if value else "") in exact_keys):
                tag = memo.get(value)
                if tag is None:
                    if integer is not None and value.isdigit():
                        return integer
                    tag = shared_tag(_tag_text(reference.resolve(kind, value, implicit)))
                    if len(memo) < 50_000:
                        memo[value] = tag
                return tag
            return defaults[kind]

        def descend_resolver(self, *_: Any) -> None:
            return None

        def ascend_resolver(self, *_: Any) -> None:
            return None

    return Loader, YAMLError


def _tag_text(tag: Any) -> str:
    return str(getattr(tag, "value", tag))


# A ruamel Node wraps a tag string in a new Tag object and turns it back into text on every read of ``node.tag``
# (URI-decoding it each time); the fast resolver hands out one shared Tag per tag instead, and the builder reads
# its text from this table by identity.
_SHARED_TAGS: dict[str, Any] = {}
_TAG_BY_ID: dict[int, str] = {}


def shared_tag(text: str) -> Any:
    tag = _SHARED_TAGS.get(text)
    if tag is None:
        from ruamel.yaml.tag import Tag

        tag = _SHARED_TAGS[text] = Tag(suffix=text)
        _TAG_BY_ID[id(tag)] = text
    return tag


def made_tag(text: str) -> Any:
    """The shared tag of ``text`` if the fast composer has made one, else None (so no node can be it)."""
    return _SHARED_TAGS.get(text)


def known_tag(node: Any) -> str | None:
    """The tag text of a node the fast composer made (None for any other node: read ``node.tag`` then)."""
    return _TAG_BY_ID.get(id(node.ctag))


def compose(text: str) -> Any:
    """The node tree of ``text`` (None for an empty stream), or DECLINED where the reference composer decides: no
    C parser, a %YAML directive (the C parser would read it as YAML 1.1), or a stream it refuses (the reference
    words the error)."""
    fast = fast_loader()
    if not fast or "%YAML" in text:
        return DECLINED
    loader_class, yaml_error = fast
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    except yaml_error:
        return DECLINED
    finally:
        loader.dispose()
