"""Help text wrapped by the columns a terminal gives it: a Chinese character takes two.

click wraps help with textwrap, which counts characters and breaks only at spaces, so a Chinese paragraph (few
spaces, every character two columns wide) came out as lines twice the terminal's width. This module gives click a
wrapper that may break between two Chinese characters and measures each line in columns, and a column count for
the option table. English text wraps exactly as before. ``install()`` is called once by cli/main.py.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

import click._compat
import click.formatting

from ..core import i18n

if TYPE_CHECKING:
    from textwrap import TextWrapper

_WIDE = r"\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_OPENING = "（「『【《〈“‘"
_CLOSING = "）」』】》〉”’。，、；：！？"


@cache
def _runs() -> re.Pattern[str]:
    """A wide character with the opening marks before it and the closing ones after it (a line never starts with 。
    or ends with （), or a run of narrow characters. Compiled on first use: most runs print no help."""
    return re.compile(f"[{_OPENING}]*[{_WIDE}][{_CLOSING}]*|[^{_WIDE}]+[{_CLOSING}]*")


def columns(text: str) -> int:
    """The columns ``text`` takes on a terminal, ANSI colour codes left out; a wide character counts two."""
    return i18n.columns(click._compat.strip_ansi(text))


@cache
def wrapper_class() -> type[TextWrapper]:
    """WideTextWrapper: click's TextWrapper (and textwrap, which it imports) loaded when help is first wrapped, not
    at the start of every run."""
    import click._textwrap

    class WideTextWrapper(click._textwrap.TextWrapper):
        def _split(self, text: str) -> list[str]:
            chunks: list[str] = []
            for chunk in super()._split(text):
                chunks.extend(_runs().findall(chunk) if columns(chunk) != len(chunk) else [chunk])
            return chunks

        def _wrap_chunks(self, chunks: list[str]) -> list[str]:
            # textwrap's own algorithm (without max_lines, which click does not use), measuring columns, not characters
            lines: list[str] = []
            chunks.reverse()
            while chunks:
                current: list[str] = []
                used = 0
                indent = self.subsequent_indent if lines else self.initial_indent
                width = self.width - columns(indent)
                if self.drop_whitespace and chunks[-1].strip() == "" and lines:
                    del chunks[-1]
                while chunks:
                    size = columns(chunks[-1])
                    if used + size <= width:
                        current.append(chunks.pop())
                        used += size
                    else:
                        break
                if chunks and columns(chunks[-1]) > width:
                    self._handle_long_word(chunks, current, used, width)
                    used = sum(map(columns, current))
                if self.drop_whitespace and current and current[-1].strip() == "":
                    used -= columns(current[-1])
                    del current[-1]
                if current:
                    lines.append(indent + "".join(current))
            return lines

    return WideTextWrapper


def install() -> None:
    """Have click wrap and align help with WideTextWrapper and ``columns``."""
    original = click.formatting.wrap_text

    def wrap_text(*args: Any, **kwargs: Any) -> str:
        import click._textwrap

        click._textwrap.TextWrapper = wrapper_class()  # type: ignore[misc,assignment]  # a subclass, in place of the class
        return original(*args, **kwargs)

    click.formatting.wrap_text = wrap_text
    click.formatting.term_len = columns  # type: ignore[attr-defined,assignment]  # a module attribute, replaced
