"""The catalogue of finding codes as text, Markdown (docs/rules.md and docs/zh/rules.md are this output, in English
and in Chinese) or JSON. Titles, descriptions and headings are in the language of the run."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ...core.findings import Code
from ...core.i18n import N_, _, pad
from .registry import RULES

_THEMES = {"0": N_("Documents"), "1": N_("Counterparts and units"), "2": N_("Funding"), "3": N_("Text agreement"),
           "4": N_("Identity"), "5": N_("Text hygiene"), "6": N_("Waivers"), "7": N_("Revisions and lineage"),
           "8": N_("Levels (qingdan conform)")}
_SEVERITY = {"error": N_("error"), "warning": N_("warning")}


def _checks(code: Code) -> list[str]:
    return [f"{r.check.__module__.rsplit('.', 1)[-1]}.{r.name}" for r in RULES if r.code.code == code.code]


def as_text(codes: Iterable[Code]) -> str:
    lines = [f"{c.code}  {pad(_(_SEVERITY[c.severity.value]), 7)}  {_(c.title)}" for c in codes]
    return "\n".join(lines) + "\n"


def as_json(codes: Iterable[Code]) -> str:
    records = [{"code": c.code, "severity": c.severity.value, "title": _(c.title), "description": _(c.description),
                "waivable": c.waivable, "messages": dict(c.messages)} for c in codes]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def as_markdown(codes: Iterable[Code]) -> str:
    codes = tuple(codes)
    out = ["# " + _("Finding codes"), "",
           "<!-- " + _("Generated from the Code declarations by `qingdan rules --format markdown`; do not edit by "
                       "hand.") + " -->",
           "",
           _("Every finding `qingdan validate` reports carries one of these codes. Codes are stable: messages may "
             "change between releases, codes may not. Errors fail the run (exit 1); warnings fail it only with "
             "`--strict`. A finding inside a service can be waived in that service's file "
             "(`waivers: [{rule, reason, part?}]`) unless the code is marked not waivable."), "",
           "| {} | {} | {} | {} |".format(_("code"), _("severity"), _("title"), _("waivable")), "|---|---|---|---|"]
    out += [f"| [{c.code}](#{c.code.lower()}) | {_(_SEVERITY[c.severity.value])} | {_(c.title)} | "
            f"{_('yes') if c.waivable else _('no')} |" for c in codes]
    theme = None
    for c in codes:
        if _THEMES.get(c.code[2]) != theme:
            theme = _THEMES.get(c.code[2])
            out += ["", f"## {_(theme or '')}"]
        severity = _(_SEVERITY[c.severity.value])
        out += ["", f"### {c.code}", "", f"**{_(c.title)}** — " + (severity if c.waivable else _(
            "{severity}, not waivable").format(severity=severity)), "", _(c.description)]
        if c.messages:
            out += ["", _("Messages:"), ""]
            out += [f"- {_(template)}" for template in c.messages.values()]
        checks = _checks(c)
        if checks:
            out += ["", _("Checked by {checks}.").format(checks=", ".join(f"`{name}`" for name in checks))]
    return "\n".join(out) + "\n"
