"""Standard output and error that never fail on a character: the one place the CLI's text meets the console.

On a Chinese Windows PC, output to a pipe or a file is encoded in the ANSI code page, GBK (cp936), and so is the
console under PYTHONLEGACYWINDOWSSTDIO; GBK has no ``›`` (the service › part marks of findings) or ``⏎`` (a line
break inside a diffed text), and Python's default for stdout is to raise. ``prepare_streams`` (called once by the
command group before any command runs) gives the Windows console UTF-8 where it can, and gives every other stream
that is not UTF-8 the ``qingdan-readable`` error handler: a character the encoding lacks is written as a
replacement a reader understands (``›`` → ``>``, ``⏎`` → ``↙``), its compatibility form (a full-width digit in a
Western code page) or, only as a last resort, a backslash escape. Files written with ``-o`` are always UTF-8
(qingdan.io.atomic); this module is about the streams alone.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
import unicodedata
from typing import Any

ERRORS = "qingdan-readable"

# For each character qingdan writes that a legacy code page may lack: the replacements to try, best first.
READABLE: dict[str, tuple[str, ...]] = {
    "›": (">",),
    "‹": ("<",),
    "⏎": ("↙", "\\n"),
    "«": ("《", "<<"),
    "»": ("》", ">>"),
    "⟪": ("《", "<<"),
    "⟫": ("》", ">>"),
    "\ufeff": ("",),
    "→": ("->",),
    "←": ("<-",),
    "–": ("-",),
    "—": ("--",),
    "…": ("...",),
    "“": ('"',),
    "”": ('"',),
    "‘": ("'",),
    "’": ("'",),
    "×": ("x",),
    "≤": ("<=",),
    "≥": (">=",),
    "÷": ("/",),
    "·": (".",),
}


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeError:
        return False
    return True


def readable(character: str, encoding: str) -> str:
    """What to write for ``character`` where ``encoding`` cannot encode it."""
    candidates = [*READABLE.get(character, ()), unicodedata.normalize("NFKC", character)]
    for candidate in candidates:
        if candidate != character and _encodes(candidate, encoding):
            return candidate
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text: str = error.object[error.start:error.end]
    return "".join(readable(character, error.encoding) for character in text), error.end


codecs.register_error(ERRORS, _replace)


def _is_utf(encoding: str | None) -> bool:
    try:
        name = codecs.lookup(encoding or "ascii").name
    except LookupError:
        return False
    return name.startswith("utf") or name == "gb18030"  # each encodes every character


def _console_to_utf8(stream: Any) -> bool:
    """On Windows, a console stream switched to UTF-8 (the console's output code page too); False elsewhere or
    where the console refuses."""
    if sys.platform != "win32" or not _isatty(stream):
        return False
    try:
        import ctypes

        if not ctypes.windll.kernel32.SetConsoleOutputCP(65001):  # type: ignore[attr-defined,unused-ignore]
            return False
        stream.reconfigure(encoding="utf-8", errors=ERRORS)
    except (AttributeError, OSError, ValueError):
        return False
    return True


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def prepare_stream(stream: Any) -> None:
    """Make ``stream`` (a text stream) write every character: UTF-8 on a Windows console, else readable
    replacements for what its encoding lacks. Streams that are UTF-8 already, or cannot be reconfigured (a test's
    capture), are left as they are."""
    if stream is None or _is_utf(getattr(stream, "encoding", None)) or _console_to_utf8(stream):
        return
    with contextlib.suppress(AttributeError, ValueError):  # not a TextIOWrapper (a test's capture), or closed
        stream.reconfigure(errors=ERRORS)


def prepare_streams() -> None:
    """``prepare_stream`` for standard output and standard error."""
    prepare_stream(sys.stdout)
    prepare_stream(sys.stderr)
