"""``python -m qingdan``: the same as the ``qingdan`` command."""

from .cli.entry import main

main()
