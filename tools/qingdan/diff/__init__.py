"""Semantic diff of two editions: services matched by stable id, changes classified for the 只增不减 gate.

``compare(old, new) -> DiffReport`` is the library entry point; renderers live in ``qingdan.output.diff_render``.
"""

from __future__ import annotations

from .codes import KINDS, kind, mirror
from .compare import compare
from .model import BUMPS, Change, ChangeClass, DiffReport, Kind, Segment

__all__ = ["BUMPS", "KINDS", "Change", "ChangeClass", "DiffReport", "Kind", "Segment", "compare", "kind", "mirror"]
