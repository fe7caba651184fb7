"""SARIF 2.1.0 for a diff, for code-scanning tools: one reporting descriptor per change kind, one result per change
at the changed line, artifact URIs relative to the repository root (uriBaseId SRCROOT). Open regressions are
errors, transfers warnings, the rest notes; an accepted change carries its acceptance as a suppression."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...core.i18n import _
from ...diff.codes import KINDS
from ...diff.model import Change, DiffReport, Kind
from ..render.sarif import log, physical_location
from . import Renderer
from .github import level, without_revision
from .grouping import subject, where

LEVELS = {"error": "error", "warning": "warning", "notice": "note"}


def _uri_base(start: Path) -> Path:
    """The folder holding .git at or above ``start``, or ``start`` itself outside a repository. Not
    gitsource.repository_root, which asks git and fails outside a repository: a report must render anywhere."""
    return next((folder for folder in (start, *start.parents) if (folder / ".git").exists()), start)


def _uri(path: str, cwd: Path, root: Path) -> str:
    """``path`` relative to the repository root: a working-tree path is relative to ``cwd``; a ``REV:PATH`` one is
    already relative to the root."""
    plain = without_revision(path)
    if plain == path:
        absolute = Path(os.path.abspath(cwd / path))
        plain = os.path.relpath(absolute, root) if absolute.is_relative_to(root) else str(absolute)
    return plain


def _rule(kind: Kind) -> dict[str, Any]:
    return {
        "id": kind.code,
        "name": "".join(word.capitalize() for word in kind.slug.split("-")),
        "shortDescription": {"text": kind.slug},
        "fullDescription": {"text": _(kind.description)},
        "properties": {"class": kind.cls.value},
    }


def _result(change: Change, index: dict[str, int], cwd: Path, root: Path) -> dict[str, Any]:
    place = change.location
    physical = physical_location(_uri(place.path, cwd, root), place.line, place.column, "SRCROOT")
    result: dict[str, Any] = {
        "ruleId": change.code,
        "ruleIndex": index[change.code],
        "level": LEVELS[level(change)],
        "message": {"text": f"{subject(change)}{where(change)}{change.message}"},
        "locations": [{"physicalLocation": physical}],
        "properties": {k: v for k, v in (("class", change.cls.value), ("service", change.service),
                                         ("part", change.part), ("field", change.field)) if v},
    }
    if change.accepted is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": change.accepted}]
    return result


def render(reports: Sequence[DiffReport], *, color: bool = False) -> str:
    cwd = Path.cwd()
    root = _uri_base(cwd)
    codes = sorted(KINDS)
    index = {code: position for position, code in enumerate(codes)}
    return log("qingdan diff", [_rule(KINDS[code]) for code in codes],
               [_result(change, index, cwd, root) for report in reports for change in report.changes],
               base_ids={"SRCROOT": {"uri": root.as_uri() + "/"}},
               properties={"comparisons": [{"old": r.old_name, "new": r.new_name} for r in reports]})


REGISTERED: Renderer = render
