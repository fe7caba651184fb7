"""``python -m qingdan``: the same as the ``qingdan`` command."""

from qingdan.cli.main import main

main()
