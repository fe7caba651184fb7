"""SARIF 2.1.0 for code-scanning tools: one reporting descriptor per code, waived findings as in-source
suppressions with the waiver's reason as justification."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ...core import __version__
from ...core.findings import Code, Finding, Report
from ...core.i18n import _
from . import Renderer

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule(code: Code) -> dict[str, Any]:
    return {
        "id": code.code,
        "name": "".join(word.capitalize() for word in code.title.replace("-", " ").split() if word.isascii()),
        "shortDescription": {"text": _(code.title)},
        "fullDescription": {"text": _(code.description)},
        "defaultConfiguration": {"level": code.severity.value},
    }


def physical_location(uri: str, line: int | None, column: int | None, base: str | None = None) -> dict[str, Any]:
    """A SARIF physicalLocation: the artifact (relative to ``base`` when given) and the region at line and column."""
    artifact: dict[str, Any] = {"uri": quote(uri.replace("\\", "/"))}
    if base is not None:
        artifact["uriBaseId"] = base
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if line is not None:
        physical["region"] = {"startLine": line}
        if column is not None:
            physical["region"]["startColumn"] = column
    return physical


def _result(finding: Finding, index: Mapping[str, int]) -> dict[str, Any]:
    where = finding.location
    physical = physical_location(where.path, where.line, where.column)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": finding.severity.value,
        "message": {"text": f"{finding.service}: {finding.message}" if finding.service else finding.message},
        "locations": [{"physicalLocation": physical}],
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.service_id or finding.part:
        result["properties"] = {k: v for k, v in (("service", finding.service), ("serviceId", finding.service_id),
                                                  ("part", finding.part)) if v}
    if finding.waived:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.waived_by}]
    return result


def log(tool: str, rules: list[dict[str, Any]], results: list[dict[str, Any]], *,
        base_ids: dict[str, Any] | None = None, properties: dict[str, Any] | None = None) -> str:
    """A SARIF 2.1.0 log of one run of ``tool`` (validate's and diff's): its rules and results, and where given the
    run's originalUriBaseIds and properties."""
    run: dict[str, Any] = {"tool": {"driver": {"name": tool, "version": __version__, "semanticVersion": __version__,
                                               "rules": rules}}}
    if base_ids is not None:
        run["originalUriBaseIds"] = base_ids
    run |= {"columnKind": "unicodeCodePoints", "results": results}
    if properties is not None:
        run["properties"] = properties
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render(report: Report, codes: Mapping[str, Code], *, color: bool = False) -> str:
    ordered = sorted(codes)
    index = {code: position for position, code in enumerate(ordered)}
    return log("qingdan", [_rule(codes[code]) for code in ordered],
               [_result(finding, index) for finding in report.findings])


REGISTERED: Renderer = render
