"""Help text wrapped by the columns a terminal gives it: a Chinese character takes two.

click wraps help with textwrap, which counts characters and breaks only at spaces, so a Chinese paragraph (few
spaces, every character two columns wide) came out as lines twice the terminal's width. ``WideHelpFormatter`` is
the help formatter qingdan's commands use (through their context's ``make_formatter``, click's own extension
point; this module is imported only when help is shown): its usage line, text and option table wrap with a wrapper
that may break between two Chinese characters and measure in columns. English text wraps exactly as click's own
formatter wraps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import click
import click._compat
import click._textwrap

from ..core import i18n

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


def wrap_text(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """click.formatting.wrap_text with WideTextWrapper and ``columns``: paragraphs kept, a paragraph after a line
    holding ``\\b`` left unwrapped, each paragraph indented as its first line."""
    text = text.expandtabs()
    wrapper = WideTextWrapper(width, initial_indent=initial_indent, subsequent_indent=subsequent_indent,
                              replace_whitespace=False)
    if not preserve_paragraphs:
        return wrapper.fill(text)
    paragraphs: list[tuple[int, bool, str]] = []
    lines: list[str] = []
    indent: int | None = None

    def flush() -> None:
        if lines:
            raw = lines[0].strip() == "\b"
            paragraphs.append((indent or 0, raw, "\n".join(lines[1:]) if raw else " ".join(lines)))
            lines.clear()

    for line in text.splitlines():
        if not line:
            flush()
            indent = None
            continue
        if indent is None:
            stripped = line.lstrip()
            indent = columns(line) - columns(stripped)
            line = stripped
        lines.append(line)
    flush()
    done = []
    for extra, raw, paragraph in paragraphs:
        with wrapper.extra_indent(" " * extra):
            done.append(wrapper.indent_only(paragraph) if raw else wrapper.fill(paragraph))
    return "\n\n".join(done)


class WideHelpFormatter(click.HelpFormatter):
    """click's HelpFormatter, measuring in terminal columns and wrapping with WideTextWrapper (the same layout as
    click 8.5's own for English)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = self.usage_prefix()
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if not args:
            self.write(usage_prefix.rstrip(" ") + "\n")
            return
        if text_width >= columns(usage_prefix) + 20:  # the arguments fit to the right of the prefix
            self.write(wrap_text(args, text_width, initial_indent=usage_prefix,
                                 subsequent_indent=" " * columns(usage_prefix)))
        else:  # the prefix is too long: the arguments on the next line
            indent = " " * (max(self.current_indent, columns(prefix)) + 4)
            self.write(usage_prefix + "\n" + wrap_text(args, text_width, initial_indent=indent,
                                                        subsequent_indent=indent))
        self.write("\n")

    def usage_prefix(self) -> str:
        """The words before the usage line, with a space: ``Usage: ``."""
        return "Usage: "

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, initial_indent=indent, subsequent_indent=indent,
                             preserve_paragraphs=True) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if any(len(row) != 2 for row in rows):
            raise TypeError("Expected two columns for definition list")
        first_col = min(max((columns(first) for first, _second in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if columns(first) <= first_col - col_spacing:
                self.write(" " * (first_col - columns(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_text(second, max(self.width - first_col - 2, 10), preserve_paragraphs=True).splitlines()
            if not lines:
                self.write("\n")
                continue
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")
