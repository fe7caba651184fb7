"""What an editor most likely did wrong where a file fails to load: the hint that replaces the parser's message.

The editors type Chinese with an input method that stays in full-width mode (``funding：``, ``name，``, an
ideographic space before a key), indent with the Tab key, and save from WPS or Notepad in the Windows code page
(GBK/GB18030, shown as "ANSI") or as "Unicode" (UTF-16). The YAML parser then reports the symptom, often on the
next line ("could not find expected ':'"); these functions look at the text around the parser's marks and name the
cause, at its own line and column. Each returns None where it recognises nothing, and the parser's words stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .i18n import _

# An edition's keys are ASCII words (id, funding, city_units); a key line may sit in a sequence ("- name：…").
_KEY_THEN_FULL_WIDTH = re.compile(r"[ \t]*(?:-[ \t]+)*(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*(?P<mark>[：，])")
_FULL_WIDTH_SPACE_BEFORE_KEY = re.compile(r"(?P<lead>[ \t\u3000]*?)\u3000[ \t\u3000]*(?:-[ \t]+)*"
                                          r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*:")
_INDENT = re.compile(r"[ \t\u3000]*")
_CJK = re.compile("[\u3400-\u9fff]")


@dataclass(frozen=True)
class Hint:
    """The cause of a load failure, in words for the editor, and where it is (1-based line and column)."""

    message: str
    line: int
    column: int | None = None


def syntax_hint(text: str, problem_line: int, context_line: int | None = None) -> Hint | None:
    """The likely cause of a YAML syntax error reported at ``problem_line`` (while scanning from
    ``context_line``): a full-width colon, comma or space at a key, or a tab in the indentation.

    The cause is on a line from the context mark (or the line before the problem) to the problem's line: a key
    line with a full-width colon reads as text that runs on until the parser meets the next key.
    """
    lines = text.splitlines()
    first = max(1, min(context_line or problem_line, problem_line - 1))
    for number in range(first, min(problem_line, len(lines)) + 1):
        hint = _line_hint(lines[number - 1], number)
        if hint is not None:
            return hint
    return None


def key_hint(key: str, line: int, column: int) -> Hint | None:
    """The cause of a key the loader refuses: a full-width space (U+3000) typed before or after it."""
    stripped = key.strip("\u3000")
    if stripped == key or not stripped or not stripped.isascii():
        return None
    if key.startswith("\u3000"):
        return Hint(_("full-width space before key '{key}': indent with ASCII spaces").format(key=stripped),
                    line, column)
    return Hint(_("full-width space after key '{key}': delete it").format(key=stripped),
                line, column + len(key.rstrip("\u3000")))


def _line_hint(line: str, number: int) -> Hint | None:
    match = _KEY_THEN_FULL_WIDTH.match(line)
    if match is not None:
        key = match.group("key")
        column = match.start("mark") + 1
        if match.group("mark") == "：":
            message = _("full-width colon ： after key '{key}': write an ASCII colon and a space, '{key}: '")
        else:
            message = _("full-width comma ， after key '{key}': write an ASCII colon and a space, '{key}: '")
        return Hint(message.format(key=key), number, column)
    match = _FULL_WIDTH_SPACE_BEFORE_KEY.match(line)
    if match is not None:
        return Hint(_("full-width space before key '{key}': indent with ASCII spaces").format(key=match.group("key")),
                    number, len(match.group("lead")) + 1)
    indent = _INDENT.match(line)
    tab = line.find("\t", 0, indent.end() if indent else 0)
    if tab >= 0:
        return Hint(_("a tab indents this line, and YAML indents with spaces only: qingdan fmt cannot repair it, "
                      "but your editor's \"convert tabs to spaces\" can"), number, tab + 1)
    return None


def encoding_hint(raw: bytes, error_start: int) -> str | None:
    """What a file that is not UTF-8 was saved as, with how to save it as UTF-8; None where it is not clear.

    UTF-16 starts with its byte-order mark (Notepad's "Unicode"). A GBK/GB18030 file (WPS's and Notepad's "ANSI"
    on a Chinese Windows) fails as UTF-8 at or near its first Chinese character and reads as Chinese text in
    GB18030; a UTF-8 file with one bad passage pasted in gets no hint, since saving it again would not mend it.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _("saved as UTF-16 (\"Unicode\"), not UTF-8: save it as UTF-8 "
                 "(WPS Writer or Notepad: File → Save As → Encoding: UTF-8)")
    # GBK's first bytes may pass as UTF-8 by chance, but never as Chinese: UTF-8 Chinese before the failure means a
    # UTF-8 file with a bad passage
    if _CJK.search(raw[:error_start].decode("utf-8", "replace")):
        return None
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if not _CJK.search(text):
        return None
    return _("saved as GBK/GB18030 (\"ANSI\"), not UTF-8: save it as UTF-8 "
             "(WPS Writer or Notepad: File → Save As → Encoding: UTF-8)")
