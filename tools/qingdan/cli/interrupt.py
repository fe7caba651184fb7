"""Ctrl-C, said as one line on stderr with exit code 130 (128 + SIGINT, as shells report a process Ctrl-C ended).

130 says "interrupted", apart from 1 ("the data has errors"), which click's own handling of Ctrl-C would give.
Files are written under a temporary name and renamed in (qingdan.io.atomic), and the temporary is removed when the
write is interrupted, so an interrupted run leaves the old file or the new one, never half of one. This module
imports nothing heavy: the entry point (cli/entry.py) uses it while click and the library are still loading.
"""

from __future__ import annotations

import signal
import sys

from ..core import i18n

EXIT_INTERRUPTED = 130


def say_interrupted() -> None:
    """The one line; a second Ctrl-C from here on is ignored, so that the line and the exit are not cut short."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if i18n.language() is None:  # interrupted while loading, before the command line was read
        try:
            i18n.use(i18n.choose())
        except i18n.UnknownLanguageError:
            i18n.use("en")
    stream = sys.stderr
    if stream is None:
        return
    # on a terminal the line starts after the ^C the terminal echoed; to a pipe or a file it is the only line
    start = "\n" if stream.isatty() else ""
    stream.write(start + "qingdan: " + i18n._("interrupted (Ctrl-C); no file was left half-written") + "\n")
    stream.flush()
