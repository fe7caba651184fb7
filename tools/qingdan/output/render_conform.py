"""What ``qingdan conform`` found, as text, JSON, Markdown, GitHub workflow commands or SARIF; one function per
format, in a registry whose keys are the ``--format`` choices.

Text and Markdown give the counts, the services named otherwise than their parent item, the local additions and
the findings (缺项 at the parent item, 低于上级标准 at the child's amount); JSON gives the counts as integers and the
lists as ids (format_version 1.0), with the findings shaped as in validate's JSON; GitHub and SARIF carry the
findings alone, as validate's do.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from ..check.conformance import CONFORM_CODES, Conformance
from ..core import __version__
from ..core.findings import Code
from ..core.i18n import _
from ..core.vocabulary import service_label
from .render import github, sarif, summary
from .render import text as text_format
from .render.json_format import finding_record

FORMAT_VERSION = "1.0"
_CODES: Mapping[str, Code] = {code.code: code for code in CONFORM_CODES}


def _counts(result: Conformance) -> str:
    return _("{implemented} of {items} parent items implemented; {renamed} renamed, {additions} local additions, "
             "{missing} missing, {below} below the parent's standard").format(
        implemented=result.implemented, items=result.items, renamed=len(result.renamed),
        additions=len(result.additions), missing=len(result.missing), below=len(result.below_floor))


def _basis(service_basis: str | None) -> str:
    return service_basis if service_basis is not None else _("no basis recorded")


def as_text(result: Conformance) -> str:
    out = [_("{child} against {parent}").format(child=result.child, parent=result.parent),
           "  " + _counts(result), ""]
    if result.renamed:
        out.append(_("Named otherwise than the parent item:"))
        out += [f"  {service_label(r.service.number, r.service.name)} ← {service_label(r.item.number, r.item.name)}"
                for r in result.renamed]
        out.append("")
    if result.additions:
        out.append(_("Local additions (no parent item):"))
        out += ["  " + _("{subject}: {message}").format(subject=service_label(s.number, s.name),
                                                        message=_basis(s.basis)) for s in result.additions]
        out.append("")
    return "\n".join(out) + "\n" + text_format.render(result.report, _CODES)


def as_json(result: Conformance) -> str:
    document = {
        "format": "qingdan-conform",
        "format_version": FORMAT_VERSION,
        "tool": {"name": "qingdan", "version": __version__},
        "ok": result.ok,
        "parent": result.parent,
        "child": result.child,
        "items": result.items,
        "implemented": result.implemented,
        "renamed": [r.service.id for r in result.renamed],
        "additions": [s.id for s in result.additions],
        "missing": [s.id for s in result.missing],
        "below_floor": [s.id for s in result.below_floor],
        "findings": [finding_record(f, _CODES) for f in result.report.findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def as_markdown(result: Conformance) -> str:
    out = ["# " + _("{child} against {parent}").format(child=result.child, parent=result.parent), "",
           _counts(result) + "."]
    if result.renamed:
        out += ["", "## " + _("Named otherwise than the parent item"), "",
                "| {} | {} |".format(_("service"), _("parent item")), "|---|---|"]
        out += [f"| {service_label(r.service.number, r.service.name)} | {service_label(r.item.number, r.item.name)} |"
                for r in result.renamed]
    if result.additions:
        out += ["", "## " + _("Local additions"), "", "| {} | {} |".format(_("service"), _("basis")), "|---|---|"]
        out += [f"| {service_label(s.number, s.name)} | {_basis(s.basis)} |" for s in result.additions]
    findings = result.report.findings
    if findings:
        out += ["", "## " + _("Findings"), "", "| {} | {} | {} | {} |".format(
            _("where"), _("severity"), _("code"), _("message")), "|---|---|---|---|"]
        out += [f"| `{f.location}` | {_(f.severity.value)} | {f.code} | "
                + (f"{f.shown_subject}: {f.text}" if f.shown_subject else f.text).replace("|", "\\|") + " |"
                for f in findings]
    out += ["", (_("FAILED: {summary}") if result.report.errors else _("ok: {summary}")).format(
        summary=summary(result.report))]
    return "\n".join(out) + "\n"


def as_github(result: Conformance) -> str:
    report = result.report
    lines = [github.command(finding, _CODES) for finding in (*report.errors, *report.warnings)]
    lines.append(f"qingdan conform: {_counts(result)}")
    return "\n".join(lines) + "\n"


def as_sarif(result: Conformance) -> str:
    return sarif.render(result.report, _CODES)


FORMATS: dict[str, Callable[[Conformance], str]] = {
    "text": as_text,
    "json": as_json,
    "markdown": as_markdown,
    "github": as_github,
    "sarif": as_sarif,
}


def render(result: Conformance, output_format: str) -> str:
    return FORMATS[output_format](result)


__all__ = ["FORMATS", "render"]
