"""qingdan (清单): keep a government policy list as versioned YAML, validate it, and show what changed.

The Python API for consumers::

    import qingdan
    edition = qingdan.load_edition("2017")        # a shipped edition by name, or a folder path
    edition.service(52).parts                     # look up by number or stable id
    edition.services_of_unit("区民政局")

Heavy modules are imported only when used, so ``import qingdan`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .core.model import Category as Category
    from .core.model import Edition as Edition
    from .core.model import Metadata as Metadata
    from .core.model import Part as Part
    from .core.model import Service as Service
    from .core.model import Unit as Unit
    from .edition.load import load_edition as load_edition

_LAZY = {
    "load_edition": ("qingdan.edition.load", "load_edition"),
    "Edition": ("qingdan.core.model", "Edition"),
    "Service": ("qingdan.core.model", "Service"),
    "Part": ("qingdan.core.model", "Part"),
    "Unit": ("qingdan.core.model", "Unit"),
    "Category": ("qingdan.core.model", "Category"),
    "Metadata": ("qingdan.core.model", "Metadata"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'qingdan' has no attribute {name!r}")
