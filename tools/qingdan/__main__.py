"""``python -m qingdan``: the same as the ``qingdan`` command."""

from qingdan.cli.entry import main

main()
