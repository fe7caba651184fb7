"""``python -m qingdan``: the same as the ``qingdan`` command."""

from .cli.main import main

main()
