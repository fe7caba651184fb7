"""The JSON format: one versioned document with stable field names, non-ASCII kept as is (see docs/validate.md and
its schema, schema/validate.schema.json). ``service`` is the stable id and ``label`` the display text, as in diff's
and changelog's JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ...core import __version__
from ...core.findings import Code, Report
from ...core.i18n import _
from ...core.results import Result
from . import Renderer

# 2.0: service is the stable id (was the label, "52 医疗救助", now label; service_id is gone), as in diff's JSON;
# 1.1 added message_template and params: the message before it is put into words
SCHEMA_VERSION = "2.0"


def finding_record(finding: Result, codes: Mapping[str, Code]) -> dict[str, Any]:
    where = finding.location
    code = codes.get(finding.code)
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "title": _(code.title) if code else None,
        "message": finding.text,
        "message_template": finding.message.template,
        "params": finding.message.values,
        "path": where.path,
        "line": where.line,
        "column": where.column,
        "key_path": list(where.key_path),
        "service": finding.subject.service,
        "label": finding.subject.label,
        "part": finding.subject.part,
        "waived": finding.waived,
        "waiver_reason": finding.waiver_reason,
    }


def render(report: Report, codes: Mapping[str, Code], *, color: bool = False) -> str:
    document = {
        "format": "qingdan-validate",
        "version": SCHEMA_VERSION,
        "tool": {"name": "qingdan", "version": __version__},
        "ok": report.ok,
        "summary": {
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "waived": len(report.waived),
            "unloaded": len(report.unloaded),
            "files": report.files,
            "editions": list(report.editions),
        },
        "notes": list(report.notes),
        "findings": [finding_record(finding, codes) for finding in report.findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


REGISTERED: Renderer = render
