"""Renderers of diff reports, one module per output format; the registry's keys are the ``--format`` choices.

As for validate's renderers (qingdan.output.render): each module implements the Renderer protocol and is imported only
when it is used; text for people is in the language of the run, JSON keys and codes are not. github and sarif
share their escaping and locations with validate's (render.github, render.sarif).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Protocol, cast

from ...diff.model import DiffReport


class Renderer(Protocol):
    def render(self, reports: Sequence[DiffReport], *, color: bool = False) -> str: ...


# format name -> module beside this file
FORMATS: dict[str, str] = {"text": "text", "markdown": "markdown", "json": "json_format", "github": "github",
                            "sarif": "sarif"}


def renderer(name: str) -> Renderer:
    """The module of format ``name``, imported now (KeyError for an unknown format)."""
    return cast(Renderer, importlib.import_module(f"{__name__}.{FORMATS[name]}"))


def render(name: str, reports: Sequence[DiffReport], *, color: bool = False) -> str:
    return renderer(name).render(reports, color=color)
