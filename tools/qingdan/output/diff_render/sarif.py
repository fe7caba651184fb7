"""SARIF 2.1.0 for a diff, for code-scanning tools: one reporting descriptor per change kind that occurs, one result
per change at the changed line, artifact URIs relative to the repository root (uriBaseId SRCROOT). Open regressions
are errors, transfers warnings, the rest notes; an accepted change carries its acceptance as a suppression. A side
that cannot be loaded is an error result of its load code (QD004-QD006), with that code's descriptor."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...core.findings import LOAD_CODES
from ...core.i18n import _
from ...core.results import Result
from ...diff.codes import KINDS
from ...diff.model import Change, DiffReport, Kind
from ..render.sarif import log, occurring, physical_location, rule
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
        "message": {"text": f"{subject(change)}{where(change)}{change.text}"},
        "locations": [{"physicalLocation": physical}],
        "properties": {k: v for k, v in (("class", change.cls.value), ("service", change.service),
                                         ("label", change.service_label),
                                         ("part", change.part), ("field", change.field)) if v},
    }
    if change.accepted is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": change.accepted}]
    return result


def _problem(problem: Result, index: dict[str, int], cwd: Path, root: Path) -> dict[str, Any]:
    place = problem.location
    result: dict[str, Any] = {"ruleId": problem.code, "ruleIndex": index[problem.code], "level": "error",
                              "message": {"text": problem.text}}
    if place.path:
        physical = physical_location(_uri(place.path, cwd, root), place.line, place.column, "SRCROOT")
        result["locations"] = [{"physicalLocation": physical}]
    return result


def render(reports: Sequence[DiffReport], *, color: bool = False) -> str:
    """The changes and load errors of every report, and the descriptors of the codes among them (so a new change
    kind changes no other run's log)."""
    cwd = Path.cwd()
    root = _uri_base(cwd)
    loads = {code.code: code for code in LOAD_CODES}
    index = occurring(result.code for report in reports for result in (*report.problems, *report.changes))
    rules = [_rule(KINDS[code]) if code in KINDS else rule(loads[code]) for code in index]
    return log("qingdan diff", rules,
               [_problem(problem, index, cwd, root) for report in reports for problem in report.problems]
               + [_result(change, index, cwd, root) for report in reports for change in report.changes],
               base_ids={"SRCROOT": {"uri": root.as_uri() + "/"}},
               properties={"comparisons": [{"old": r.old_name, "new": r.new_name} for r in reports]})


REGISTERED: Renderer = render
