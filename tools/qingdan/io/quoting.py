"""When a text value must be quoted in YAML: the plain scalars a YAML 1.1 or 1.2 reader takes for something else.

8:2 is the number 482 to a YAML 1.1 reader such as PyYAML, yes and on are booleans, a bare 2018-01-31 is a date.
The canonical writer quotes exactly these values, and validate warns where one is left plain (QD504); both ask
here, so the writer and the rule cannot disagree, and a rule need not import the writer.

A text holding a character YAML reads as a line break (U+0085, U+2028, U+2029) or does not allow raw (other control
characters, a byte-order mark, a lone surrogate) must be written double-quoted, where the writer escapes it
(``\\N``, ``\\L``, ``\\u0001``): written raw, plain or in a literal block, it would read back as another text.
"""

from __future__ import annotations

import re
from typing import Any

# what a YAML writer must escape: controls but tab and line feed, DEL and C1, the Unicode line and paragraph
# separators, the byte-order mark, surrogates and the two non-characters YAML excludes from its printable set
_ESCAPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def needs_escapes(text: str) -> bool:
    """True when ``text`` holds a character that only a double-quoted scalar can carry (as an escape)."""
    return _ESCAPED.search(text) is not None


def _resolvers() -> tuple[Any, Any]:
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver(version=(1, 1)), VersionedResolver(version=(1, 2))


_RESOLVERS: tuple[Any, Any] | None = None


_FIRST_CHARS: frozenset[str] | None = None  # first characters some implicit resolver of either version looks at


def needs_quotes(text: str) -> bool:
    """True when a plain scalar ``text`` would not load as that string in YAML 1.1 or YAML 1.2."""
    global _RESOLVERS, _FIRST_CHARS
    from ruamel.yaml.nodes import ScalarNode

    if _RESOLVERS is None:
        _RESOLVERS = _resolvers()
        tables = [resolver.versioned_resolver for resolver in _RESOLVERS]
        # ruamel picks implicit resolvers by a scalar's first character; where none is keyed by it (Chinese text,
        # most words) every version reads a string, and asking the resolvers per scalar is most of validate's
        # QD504 time. A resolver for any first character (key None) would defeat the shortcut, so then none.
        if not any(None in table for table in tables):
            _FIRST_CHARS = frozenset(key for table in tables for key in table)
    if text == "" or text != text.strip():
        return True
    if _FIRST_CHARS is not None and (text[0] not in _FIRST_CHARS or not text.isascii()):
        return False  # every implicit resolver's pattern is ASCII: 70%以上 is text in any version
    for resolver in _RESOLVERS:
        tag = resolver.resolve(ScalarNode, text, (True, False))
        if str(getattr(tag, "value", tag)) != "tag:yaml.org,2002:str":
            return True
    return False
