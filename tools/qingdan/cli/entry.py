"""The ``qingdan`` program's entry point (and ``python -m qingdan``'s): the command group, run inside one try that
turns Ctrl-C into one line and exit 130 (cli/interrupt.py) from the first moment on.

This module imports nothing heavy, so an interrupt while click, the library and the command load is caught too;
once the group runs, it reports an interrupt itself (LazyGroup in cli/main.py), before click would call it
"Aborted!" with exit 1.
"""

from __future__ import annotations

import sys

from .interrupt import EXIT_INTERRUPTED, say_interrupted


def main() -> None:
    try:
        from .main import cli  # click, the library and the commands load here, inside the try

        cli(prog_name="qingdan")
    except KeyboardInterrupt:
        say_interrupted()
        sys.exit(EXIT_INTERRUPTED)
