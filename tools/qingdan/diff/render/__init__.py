"""Renderers of diff reports, one module per output format; the registry's keys are the ``--format`` choices."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from ..model import DiffReport

Renderer = Callable[..., str]

# format name -> module beside this file defining ``render(reports, *, color=False) -> str``
FORMATS: dict[str, str] = {"text": "text", "markdown": "markdown", "json": "json_format", "github": "github",
                            "sarif": "sarif"}


def renderer(name: str) -> Renderer:
    if name not in FORMATS:
        raise KeyError(name)
    render: Renderer = importlib.import_module(f"{__name__}.{FORMATS[name]}").render
    return render


def render(name: str, reports: Sequence[DiffReport], *, color: bool = False) -> str:
    return renderer(name)(reports, color=color)
