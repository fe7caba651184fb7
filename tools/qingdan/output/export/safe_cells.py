"""Spreadsheet-safe text cells: no text a spreadsheet opens may start a formula (CSV injection).

A spreadsheet reads a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)`` in a
service name would become a live link), as may its full-width twin (＝＋－＠), and a leading tab or carriage
return can hide such a start. As OWASP advises for CSV, such a text is written with a leading ``'``, which
spreadsheets show as text and never evaluate. A text that already begins with ``'`` gets one more, so that
``unneutralise`` gives back every text exactly: the CSV export loads back to the same edition. The xlsx export
writes such a text with the same prefix, as a string cell that also has Excel's quote-prefix flag, so that it stays
text even when edited (the official texts have no such cell: a test checks that the published sheet of 2017 holds
every text unchanged). JSON, SQLite and the data package keep the raw text.
"""

from __future__ import annotations

# the full-width forms too: a spreadsheet set for Chinese input (WPS, Excel with an IME) may take ＝ for =
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
QUOTE = "'"


def is_risky(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    return QUOTE + text if text.startswith((*FORMULA_STARTS, QUOTE)) else text


def unneutralise(text: str) -> str:
    return text[1:] if text.startswith(QUOTE) else text
