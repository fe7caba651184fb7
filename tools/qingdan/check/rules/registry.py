"""The rule registry: each rule is a small function that yields findings, registered with the Code it reports.

Adding a rule is a function in a theme module plus the ``@rule(CODE)`` line above it. A rule that needs the typed
Edition runs only when every document satisfies its schema; a document rule (duplicate keys, YAML 1.1 pitfalls)
runs on the parsed documents whatever their shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ...core.findings import Code
from ...core.records import frozen
from ...core.results import Result

if TYPE_CHECKING:
    from .context import Context

Check = Callable[["Context"], Iterable[Result]]


@frozen
class Rule:
    code: Code
    check: Check
    needs_edition: bool = True
    needs_source: bool = False  # reads the official text: skipped, with a note, while an edition has none
    # its findings about a service come from that service's file and edition.yaml, units.yaml and the official text
    # alone, each at a place in the service's file: the validation cache keeps them per file
    per_service: bool = False

    @property
    def name(self) -> str:
        return self.check.__name__


RULES: list[Rule] = []


def rule(code: Code, *, needs_edition: bool = True, needs_source: bool = False, per_service: bool = False
         ) -> Callable[[Check], Check]:
    """Register ``check`` as a rule reporting ``code``."""

    def register(check: Check) -> Check:
        RULES.append(Rule(code, check, needs_edition, needs_source, per_service))
        return check

    return register
