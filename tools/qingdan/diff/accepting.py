"""Accepted changes: what reviewers accepted in the new edition's ``accepted:`` list, matched to the changes.

An acceptance names a change code, the service (stable id; the old id for a removed service) and optionally the
part. Every change it matches carries the acceptance's reason; an accepted regression fails no gate. An
acceptance that matches nothing is stale, and validate reports it (QD704) with ``unmatched``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..model import Acceptance
from .model import Change


def matches(acceptance: Acceptance, change: Change) -> bool:
    return (change.code == acceptance.code and change.service == acceptance.service
            and (acceptance.part is None or change.part == acceptance.part))


def accept(changes: Iterable[Change], acceptances: tuple[Acceptance, ...]) -> list[Change]:
    """``changes`` with those an acceptance matches marked accepted (the first matching acceptance's reason)."""
    out = []
    for change in changes:
        found = next((a for a in acceptances if matches(a, change)), None)
        out.append(replace(change, accepted=found.reason) if found is not None else change)
    return out


def unmatched(changes: Iterable[Change], acceptances: tuple[Acceptance, ...]) -> list[int]:
    """Indexes of the acceptances that match no change."""
    listed = list(changes)
    return [i for i, a in enumerate(acceptances) if not any(matches(a, c) for c in listed)]
