"""A service's history as text, Markdown or JSON; one function per format, in a registry.

Each edition, newest first: its name and date signed, the service's number, name, target, standard, funding, the
amounts it states (structured quantities with their units), its units, and what changed since the edition before
(the diff's messages, and the number where it moved). The table's words label the fields, as in the published list;
JSON keys and change codes are stable (format_version 1.0), and each change is shaped as in the diff's JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..core.i18n import _, ngettext
from ..core.model import Quantity
from ..core.vocabulary import FIELD_WORDS
from ..diff.history import History, Step
from ..diff.model import Amount
from .diff_render.json_format import change_data

FORMAT_VERSION = "2.0"  # 2.0: each change says label where it said service_label (the diff JSON's 3.0)
FIELDS = ("target", "standard", "funding", "city_units", "district_units")


def _amount(quantity: Quantity) -> str:
    value = Amount(quantity.unit, quantity.value, quantity.minimum, quantity.maximum, quantity.per)
    return f"{quantity.name} {value}"


def _older(history: History, index: int) -> Step | None:
    return history.steps[index + 1] if index + 1 < len(history.steps) else None


def _what_changed(history: History, index: int) -> list[str]:
    step, older = history.steps[index], _older(history, index)
    if older is None:
        return [_("added in this edition") if step.added else _("the first edition of the list")]
    lines = [_("number: {old} → {new}").format(old=older.service.number, new=step.service.number)
             ] if older.service.number != step.service.number else []
    lines += [change.text for change in step.changes]
    return lines or [_("unchanged")]


def _fields(step: Step) -> list[tuple[str, str]]:
    service = step.service
    pairs = [(FIELD_WORDS["number"], str(service.number)), (FIELD_WORDS["name"], service.name)]
    # 服务内容 and 服务标准 where the edition's shape has them (standard-2021)
    words = FIELD_WORDS | ({"standard": "服务标准"} if service.content is not None else {})
    for name in ("target", "content", *FIELDS[1:]) if service.content is not None else FIELDS:
        value = getattr(service, name)
        text = "、".join(value) if isinstance(value, tuple) else value
        pairs.append((words[name], text or "—"))
    amounts = "；".join(_amount(q) for _, row in service.rows() for q in row.quantities)
    pairs.append((_("amounts"), amounts or "—"))
    return pairs


def _heading(history: History) -> str:
    newest = history.steps[0].service
    count = len(history.steps)
    return ngettext("{name} ({id}): {count} edition", "{name} ({id}): {count} editions", count).format(
        name=newest.name, id=history.service, count=count)


def _title(step: Step) -> str:
    if step.signed:
        return _("{edition} (signed {date})").format(edition=step.edition, date=step.signed)
    return _("{edition} (not signed yet)").format(edition=step.edition)


def as_text(history: History) -> str:
    lines = [_heading(history)]
    for index, step in enumerate(history.steps):
        lines += ["", _title(step)]
        lines += ["  " + _("{label}: {value}").format(label=label, value=value) for label, value in _fields(step)]
        lines.append("  " + _("what changed:"))
        lines += [f"    {line}" for line in _what_changed(history, index)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def as_markdown(history: History) -> str:
    lines = [f"## {_cell(_heading(history))}"]
    for index, step in enumerate(history.steps):
        lines += ["", f"### {_cell(_title(step))}", "", "| | |", "|---|---|"]
        lines += [f"| {label} | {_cell(value)} |" for label, value in _fields(step)]
        lines += ["", f"**{_('what changed:')}**", ""]
        lines += [f"- {_cell(line)}" for line in _what_changed(history, index)]
    return "\n".join(lines) + "\n"


def _quantity(quantity: Quantity) -> dict[str, Any]:
    return {"name": quantity.name, "field": quantity.field, "value": quantity.value, "minimum": quantity.minimum,
            "maximum": quantity.maximum, "unit": quantity.unit, "per": quantity.per}


def _step(history: History, index: int) -> dict[str, Any]:
    step, older = history.steps[index], _older(history, index)
    service = step.service
    return {
        "edition": step.edition, "signed": step.signed.isoformat() if step.signed else None,
        "number": service.number, "name": service.name, "category": service.category,
        **{name: (list(getattr(service, name)) if name.endswith("units") else getattr(service, name))
           for name in FIELDS},
        "quantities": [_quantity(q) for _, row in service.rows() for q in row.quantities],
        "parts": [part.id for part in service.parts],
        "previous_number": older.service.number if older is not None else None,
        "added": step.added,
        "changes": [change_data(change) for change in step.changes],
    }


def as_json(history: History) -> str:
    data = {"format": "qingdan-history", "format_version": FORMAT_VERSION, "service": history.service,
            "editions": [_step(history, index) for index in range(len(history.steps))]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[History], str]] = {"text": as_text, "json": as_json, "markdown": as_markdown}


def render(format_: str, history: History) -> str:
    return FORMATS[format_](history)
