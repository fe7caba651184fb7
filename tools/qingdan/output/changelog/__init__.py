"""The 修订说明 and 修订对照表 of a revision, read from the diff's changes: ``changelog(report, old, new)``.

Renderers live in ``qingdan.output.changelog.render``; the classes and the change codes they take in ``classes``.
"""

from __future__ import annotations

from .build import changelog
from .classes import CLASSES, LEFT_OUT, Class, class_of
from .model import Changelog, Named, Row

__all__ = ["CLASSES", "LEFT_OUT", "Changelog", "Class", "Named", "Row", "changelog", "class_of"]
