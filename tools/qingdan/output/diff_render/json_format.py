"""The JSON format: versioned, stable field names, changes addressed by service id, non-ASCII kept as is
(schema/diff.schema.json). ``service`` is the stable id and ``label`` the display text, as in validate's and
changelog's JSON; a side that cannot be loaded is a report's ``problems``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ...core.results import Result
from ...diff.codes import kind, message_key
from ...diff.model import Change, DiffReport, json_value
from . import Renderer

FORMAT = "qingdan-diff"
# 3.0: service_label is label (the same key as validate's and changelog's) and problems lists what kept a side from
# loading; 2.0: typed old/new, message_key and params (docs/diff-json.md); 1.1 added "accepted"
VERSION = "3.0"


def change_data(change: Change) -> dict[str, Any]:
    location = change.location
    return {
        "code": change.code,
        "kind": kind(change.code).slug,
        "class": change.cls.value,
        "service": change.service,
        "label": change.service_label,
        "part": change.part,
        "field": change.field,
        "message": change.text,
        "message_key": message_key(change.code, change.message.template),
        "params": {name: json_value(value) for name, value in change.message.params},
        "old": json_value(change.old),
        "new": json_value(change.new),
        "relative": change.relative,
        "diff": [{"op": s.op, "text": s.text} for s in change.segments],
        "accepted": change.accepted,
        "location": {"path": location.path, "line": location.line, "column": location.column},
    }


def problem_data(problem: Result) -> dict[str, Any]:
    """A file or revision that could not be loaded (QD004-QD006): code, message, where."""
    location = problem.location
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "message": problem.text,
        "location": {"path": location.path, "line": location.line, "column": location.column},
    }


def report_data(report: DiffReport) -> dict[str, Any]:
    return {
        "old": report.old_name,
        "new": report.new_name,
        "old_data_version": report.old_version,
        "new_data_version": report.new_version,
        "bump": report.bump,
        "suggested_data_version": report.suggested_version,
        "counts": report.counts,
        "accepted": len(report.accepted),
        "changes": [change_data(c) for c in report.changes],
        "problems": [problem_data(p) for p in report.problems],
        **({"crosswalk": [{"relation": relation, "old": list(old), "new": list(new)}
                          for relation, old, new in report.accounting]} if report.accounting else {}),
    }


def render(reports: Sequence[DiffReport], *, color: bool = False) -> str:
    document = {"format": FORMAT, "version": VERSION, "reports": [report_data(r) for r in reports]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


REGISTERED: Renderer = render
