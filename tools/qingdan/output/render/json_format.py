"""The JSON format: one versioned document with stable field names, non-ASCII kept as is (see docs/validate.md)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ...core import __version__
from ...core.findings import Code, Finding, Report
from ...core.i18n import _
from . import Renderer

SCHEMA_VERSION = "1.1"  # 1.1 added message_template and params: the message before it is put into words


def finding_record(finding: Finding, codes: Mapping[str, Code]) -> dict[str, Any]:
    where = finding.location
    code = codes.get(finding.code)
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "title": _(code.title) if code else None,
        "message": finding.message,
        "message_template": finding.said.template,
        "params": finding.said.values,
        "path": where.path,
        "line": where.line,
        "column": where.column,
        "key_path": list(where.key_path),
        "service": finding.service,
        "service_id": finding.service_id,
        "part": finding.part,
        "waived": finding.waived,
        "waiver_reason": finding.waived_by,
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
            "files": report.files,
            "editions": list(report.editions),
        },
        "notes": list(report.notes),
        "findings": [finding_record(finding, codes) for finding in report.findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


REGISTERED: Renderer = render
