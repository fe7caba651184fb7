"""Renderers of diff reports, one module per output format; the registry's keys are the ``--format`` choices.

As for validate's renderers (qingdan.output.render): each module exports ``REGISTERED: Renderer`` and is imported
only when it is used (qingdan.core.registry); text for people is in the language of the run, JSON keys and codes
are not. github and sarif share their escaping and locations with validate's (render.github, render.sarif).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ...core.registry import Registry
from ...diff.model import DiffReport


class Renderer(Protocol):
    """A diff output format: the reports as text ending in a newline."""

    def __call__(self, reports: Sequence[DiffReport], *, color: bool = False) -> str: ...


# format name -> module beside this file
FORMATS: Registry[Renderer] = Registry(__name__, {"text": "text", "markdown": "markdown", "json": "json_format",
                                                  "github": "github", "sarif": "sarif"})


def render(name: str, reports: Sequence[DiffReport], *, color: bool = False) -> str:
    """The reports in format ``name`` (KeyError for an unknown format)."""
    return FORMATS[name](reports, color=color)
