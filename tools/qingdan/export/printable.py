"""Text a Word document can hold: XML 1.0 has no place for most control characters, so they are left out.

YAML's escapes let a text carry them ("\\x0b" in a double-quoted scalar), and python-docx refuses the whole document
when one reaches it. The docx writers pass text through ``printable``; ``unprintable`` counts what it leaves out, so
that the command can say so. Tab, line feed and carriage return stay.
"""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    return _UNPRINTABLE.sub("", text)


def unprintable(text: str) -> int:
    """How many characters of ``text`` ``printable`` leaves out."""
    return len(_UNPRINTABLE.findall(text))
