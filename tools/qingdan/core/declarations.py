"""What every finding code and change kind declares, and the one way a result's message is made from it.

Validation findings (findings.Code) and diff changes (diff.model.Kind) are both declared once, as data, with a stable
code, a description for the docs, and the English templates of their messages by key. A rule or a comparison never
writes a sentence: it names a template and passes typed values, and gets back an i18n.Message that keeps them apart
until a renderer shows the text in the language of the run. Both are results.Result (a change is one plus its
payload): a code, that message, a Location and a Subject, which the shared renderers read
(render.github.annotation for GitHub workflow commands, render.sarif.physical_location for SARIF).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from string import Formatter
from typing import Any

from .i18n import Message


@cache
def field_order(template: str) -> tuple[str, ...]:
    """A template's fields in the order they first occur: ``"{b} {a} {b}"`` -> (b, a)."""
    return tuple(dict.fromkeys(name for _text, name, _spec, _conv in Formatter().parse(template) if name))


class Declared:
    """The message side of a declaration; a dataclass with ``code`` and ``messages`` fields mixes it in."""

    code: str
    messages: Mapping[str, str]

    def say(self, key: str, /, **params: Any) -> Message:
        """The message ``key`` with its parameters, kept apart until it is shown. The parameters are exactly the
        template's fields: a missing or a stray one is a bug (ValueError), never a half-filled text."""
        template = self.messages[key]
        order = field_order(template)
        if len(order) != len(params) or not params.keys() <= set(order):
            raise ValueError(f"{self.code} {key!r} takes {list(order)}, not {sorted(params)}")
        return Message(template, tuple((name, params[name]) for name in order))  # in the template's order

