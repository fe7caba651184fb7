"""The one registry of what varies by name (validate's, diff's and the changelog's output formats, the export formats):
a read-only mapping from each ``--format`` choice to the object its module exports, the module imported only when
that format is used.

Each format module ends with ``REGISTERED: <its protocol> = ...``, so the type checker checks the object against the
protocol where it is defined; the registry hands that object out unchanged (tests/unit/test_registries.py checks
that every module of every registry exports one, annotated so). Adding a format is a module plus a line in its
registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TypeVar

T = TypeVar("T")

ATTRIBUTE = "REGISTERED"  # the name every format module exports its object under


class Registry(Mapping[str, T]):
    """``name -> module`` (beside each other in ``package``), in the order given; ``registry[name]`` imports the
    module and gives its REGISTERED object; an unknown name is a KeyError."""

    def __init__(self, package: str, modules: Mapping[str, str]) -> None:
        self.package = package
        self.modules = dict(modules)

    def module_name(self, name: str) -> str:
        return f"{self.package}.{self.modules[name]}"

    def __getitem__(self, name: str) -> T:
        entry: T = getattr(importlib.import_module(self.module_name(name)), ATTRIBUTE)
        return entry

    def __contains__(self, name: object) -> bool:
        return name in self.modules  # without importing anything

    def __iter__(self) -> Iterator[str]:
        return iter(self.modules)

    def __len__(self) -> int:
        return len(self.modules)

    def __repr__(self) -> str:
        return f"Registry({self.package!r}, {self.modules!r})"


__all__ = ["ATTRIBUTE", "Registry"]
