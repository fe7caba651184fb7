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
    from .edition import load_edition as load_edition
    from .model import Category as Category
    from .model import Edition as Edition
    from .model import Metadata as Metadata
    from .model import Part as Part
    from .model import Service as Service
    from .model import Unit as Unit

_LAZY = {
    "load_edition": ("qingdan.edition", "load_edition"),
    "Edition": ("qingdan.model", "Edition"),
    "Service": ("qingdan.model", "Service"),
    "Part": ("qingdan.model", "Part"),
    "Unit": ("qingdan.model", "Unit"),
    "Category": ("qingdan.model", "Category"),
    "Metadata": ("qingdan.model", "Metadata"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'qingdan' has no attribute {name!r}")
