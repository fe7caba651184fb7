"""The ``qingdan`` program's entry point (and ``python -m qingdan``'s): the command group, run inside one try that
turns Ctrl-C into one line and exit 130 (cli/interrupt.py) from the first moment on.

This module imports nothing heavy, so an interrupt while click, the library and the command load is caught too;
once the group runs, it reports an interrupt itself (LazyGroup in cli/main.py), before click would call it
"Aborted!" with exit 1.
"""

from __future__ import annotations

import os
import sys

from .interrupt import EXIT_INTERRUPTED, say_interrupted


def main() -> None:
    try:
        from .main import cli  # click, the library and the commands load here, inside the try

        try:
            cli(prog_name="qingdan")
        except SystemExit as stop:
            code = stop.code
        else:
            code = 0
    except KeyboardInterrupt:
        say_interrupted()
        sys.exit(EXIT_INTERRUPTED)
    _end(code)


def _end(code: object) -> None:
    """End the process with ``code`` as SystemExit would, without the interpreter's teardown: freeing a large
    edition's objects one by one and unloading every module take a tenth of a small run and nothing needs them
    (every file qingdan writes is complete and closed before its command returns). What was printed is flushed
    first; QINGDAN_DEBUG keeps the ordinary exit."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    if os.environ.get("QINGDAN_DEBUG"):
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the ordinary exit says so
        sys.exit(code)
    os._exit(code)
