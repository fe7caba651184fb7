"""The catalogue of finding codes as text, Markdown (docs/rules.md is this output) or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..findings import Code
from .registry import RULES

_THEMES = {"0": "Documents", "1": "Counterparts and units", "2": "Funding", "3": "Text agreement", "4": "Identity",
           "5": "Text hygiene", "6": "Waivers",
           "7": "Revisions and lineage"}


def _checks(code: Code) -> list[str]:
    return [f"{r.check.__module__.rsplit('.', 1)[-1]}.{r.name}" for r in RULES if r.code.code == code.code]


def as_text(codes: Iterable[Code]) -> str:
    lines = [f"{c.code}  {c.severity.value:<7}  {c.title}" for c in codes]
    return "\n".join(lines) + "\n"


def as_json(codes: Iterable[Code]) -> str:
    records = [{"code": c.code, "severity": c.severity.value, "title": c.title, "description": c.description,
                "waivable": c.waivable} for c in codes]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def as_markdown(codes: Iterable[Code]) -> str:
    codes = tuple(codes)
    out = ["# Finding codes", "",
           "<!-- Generated from the Code declarations by `qingdan rules --format markdown`; do not edit by hand. -->",
           "",
           "Every finding `qingdan validate` reports carries one of these codes. Codes are stable: messages may "
           "change between releases, codes may not. Errors fail the run (exit 1); warnings fail it only with "
           "`--strict`. A finding inside a service can be waived in that service's file "
           "(`waivers: [{rule, reason, part?}]`) unless the code is marked not waivable.", "",
           "| code | severity | title | waivable |", "|---|---|---|---|"]
    out += [f"| [{c.code}](#{c.code.lower()}) | {c.severity.value} | {c.title} | {'yes' if c.waivable else 'no'} |"
            for c in codes]
    theme = None
    for c in codes:
        if _THEMES.get(c.code[2]) != theme:
            theme = _THEMES.get(c.code[2])
            out += ["", f"## {theme}"]
        out += ["", f"### {c.code}", "", f"**{c.title}** — {c.severity.value}"
                f"{'' if c.waivable else ', not waivable'}", "", c.description]
        checks = _checks(c)
        if checks:
            out += ["", "Checked by " + ", ".join(f"`{name}`" for name in checks) + "."]
    return "\n".join(out) + "\n"
