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
_CANDIDATES: re.Pattern[str] | None = None
_EDGES: re.Pattern[str] | None = None
_ASKED: dict[str, bool] = {}  # needs_quotes of the candidate texts any_needs_quotes met: a few distinct words


def _prepare() -> None:
    global _RESOLVERS, _FIRST_CHARS, _CANDIDATES, _EDGES
    _RESOLVERS = _resolvers()
    tables = [resolver.versioned_resolver for resolver in _RESOLVERS]
    # ruamel picks implicit resolvers by a scalar's first character; where none is keyed by it (Chinese text,
    # most words) every version reads a string, and asking the resolvers per scalar is most of validate's
    # QD504 time. A resolver for any first character (key None) would defeat the shortcut, so then none.
    if not any(None in table for table in tables):
        _FIRST_CHARS = frozenset(key for table in tables for key in table)
        first = "".join(sorted(key for key in _FIRST_CHARS if len(key) == 1))
        # in texts joined by NUL (see any_needs_quotes): an ASCII text starting with one of those characters
        _CANDIDATES = re.compile(f"\\x00([{re.escape(first)}][\\x01-\\x7f]*)(?=\\x00)")
        # an empty text, or one that starts or ends with white space (what str.strip removes is what \s matches)
        _EDGES = re.compile(r"\x00\x00|\x00\s|\s\x00")


def needs_quotes(text: str) -> bool:
    """True when a plain scalar ``text`` would not load as that string in YAML 1.1 or YAML 1.2."""
    from ruamel.yaml.nodes import ScalarNode

    if _RESOLVERS is None:
        _prepare()
        assert _RESOLVERS is not None
    if text == "" or text != text.strip():
        return True
    if _FIRST_CHARS is not None and (text[0] not in _FIRST_CHARS or not text.isascii()):
        return False  # every implicit resolver's pattern is ASCII: 70%以上 is text in any version
    for resolver in _RESOLVERS:
        tag = resolver.resolve(ScalarNode, text, (True, False))
        if str(getattr(tag, "value", tag)) != "tag:yaml.org,2002:str":
            return True
    return False


def any_needs_quotes(texts: list[str]) -> bool:
    """``any(needs_quotes(text) for text in texts)``, in two scans of the texts joined by NUL.

    QD504 asks it of every document before walking it: most documents hold no text a YAML reader could take for
    something else, and those that do repeat the same few words (a split's field, funding).
    """
    if _RESOLVERS is None:
        _prepare()
    joined = "\x00" + "\x00".join(texts) + "\x00"
    if _CANDIDATES is None or _EDGES is None or joined.count("\x00") != len(texts) + 1:
        return any(needs_quotes(text) for text in texts)  # no shortcut, or a text holds NUL itself
    if _EDGES.search(joined) is not None:
        return True
    for text in _CANDIDATES.findall(joined):
        answer = _ASKED.get(text)
        if answer is None:
            answer = needs_quotes(text)
            if len(_ASKED) < 10_000:
                _ASKED[text] = answer
        if answer:
            return True
    return False
