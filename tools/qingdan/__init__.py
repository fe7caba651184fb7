"""qingdan (清单): keep a government policy list as versioned YAML, validate it, and show what changed.

The package is the front door: its names are those of ``qingdan.api``, where the public API is written and
documented (docs/api.md)::

    import qingdan
    edition = qingdan.load("2017")               # a path, a name under ./policies, a shipped name, or REV:PATH
    edition.service(52).parts                    # look up by number or stable id
    report = qingdan.validate([edition.path])

``import qingdan`` stays cheap: the API is imported when one of its names is first asked for.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .core import __version__ as __version__

if TYPE_CHECKING:
    from .api import *  # noqa: F403  (the same names, for the type checker)


_HERE = os.path.dirname(__file__)


def __getattr__(name: str) -> Any:
    if name.startswith("_") or os.path.exists(os.path.join(_HERE, name + ".py")) or \
            os.path.isdir(os.path.join(_HERE, name)):
        # a submodule not imported yet (``from . import resources``): the import system imports it; no public name
        # is a submodule's (tests/unit/test_front_door.py)
        raise AttributeError(f"module 'qingdan' has no attribute {name!r}")

    from . import api

    if name in api.__all__:
        return getattr(api, name)
    raise AttributeError(f"module 'qingdan' has no attribute {name!r}")


def __dir__() -> list[str]:
    from . import api

    return sorted({*globals(), *api.__all__})
