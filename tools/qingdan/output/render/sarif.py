"""SARIF 2.1.0 for code-scanning tools: one reporting descriptor per code that occurs in the run (``qingdan rules
--format sarif`` lists them all), waived findings as in-source suppressions with the waiver's reason as
justification. A file that cannot be loaded is a result like any finding (QD004-QD006)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from ...core import __version__
from ...core.findings import Code, Report
from ...core.i18n import _
from ...core.results import Result
from . import Renderer

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def rule(code: Code) -> dict[str, Any]:
    """The reporting descriptor of a finding code (also used for the load errors a diff reports)."""
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


def occurring(codes: Iterable[str]) -> dict[str, int]:
    """The codes that occur, in code order, each with its index among the run's rules (SARIF's ruleIndex)."""
    return {code: position for position, code in enumerate(sorted(set(codes)))}


def result(finding: Result, index: Mapping[str, int]) -> dict[str, Any]:
    """A SARIF result of a finding or a load error: its location (none where no file is known), the subject in
    the message and in the properties (``service`` the stable id, ``label`` the display text)."""
    where = finding.location
    label = finding.subject.label
    record: dict[str, Any] = {
        "ruleId": finding.code,
        "level": finding.severity.value,
        "message": {"text": f"{label}: {finding.text}" if label else finding.text},
    }
    if where.path:
        record["locations"] = [{"physicalLocation": physical_location(where.path, where.line, where.column)}]
    if finding.code in index:
        record["ruleIndex"] = index[finding.code]
    if finding.subject.service or finding.subject.part:
        record["properties"] = {k: v for k, v in (("service", finding.subject.service), ("label", label),
                                                  ("part", finding.subject.part)) if v}
    if finding.waived:
        record["suppressions"] = [{"kind": "inSource", "justification": finding.waiver_reason}]
    return record


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
    """The run's findings, and the rules of the codes among them (so a new rule changes no other run's log)."""
    index = occurring(finding.code for finding in report.findings if finding.code in codes)
    return log("qingdan", [rule(codes[code]) for code in index],
               [result(finding, index) for finding in report.findings])


def catalog(codes: Iterable[Code]) -> str:
    """Every rule as a SARIF log without results: ``qingdan rules --format sarif``."""
    return log("qingdan", [rule(code) for code in sorted(codes, key=lambda code: code.code)], [])


REGISTERED: Renderer = render
