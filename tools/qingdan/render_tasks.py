"""Task sheets and the unit listing as text, Markdown or JSON; one function per format, in a registry.

JSON field names are stable (format_version 1.0); text and Markdown are for people and may change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .i18n import LEVEL_WORDS, N_, _, columns, level_word, ngettext, pad
from .tasks import Task, TaskSheet, UnitSummary
from .vocabulary import COLUMNS, FIELDS, ROLES, service_label

FORMAT_VERSION = "1.0"
WORDS = {"lead": N_("lead"), "co": N_("co")} | LEVEL_WORDS  # for the text format
_FIELDS = tuple(FIELDS.items())


def _title(task: Task) -> str:
    part = f" / {task.part.id}" if task.part is not None else ""
    return service_label(task.service.number, task.service.name) + part


def _join(units: tuple[str, ...]) -> str:
    return "、".join(units) if units else "—"


def _summary(sheet: TaskSheet) -> str:
    # rows and services apart: a service with parts has a row per part, and qingdan units counts services
    services = len({t.service.id for t in sheet.tasks})
    led_services = len({t.service.id for t in sheet.led})
    level = _(WORDS[sheet.level]) if sheet.level in WORDS else sheet.level or _("not in the registry")
    def rows(count: int) -> str:
        return ngettext("{count} row", "{count} rows", count).format(count=count)

    def services_(count: int) -> str:
        return ngettext("{count} service", "{count} services", count).format(count=count)

    return _("{unit} ({level}): {rows} in {services}; leads {led_rows} in {led_services}").format(
        unit=sheet.unit, level=level, rows=rows(len(sheet.tasks)), services=services_(services),
        led_rows=rows(len(sheet.led)), led_services=services_(led_services))


def task_dict(task: Task) -> dict[str, Any]:
    row = task.row
    return {
        "service_id": task.service.id, "number": task.service.number, "name": task.service.name,
        "part_id": task.part.id if task.part is not None else None, "column": task.column, "role": task.role,
        "position": task.position, "partners": list(task.partners), "counterparts": list(task.counterparts),
        "city_units": list(row.city_units), "district_units": list(row.district_units),
        "target": row.target, "standard": row.standard, "funding": row.funding,
    }


def tasks_text(sheet: TaskSheet) -> str:
    lines = [_summary(sheet)]
    partners, counterparts = _("with:"), _("counterparts:")
    width = max(columns(partners), columns(counterparts))
    for task in sheet.tasks:
        lines += ["", _("{title} · {role} ({label}) in the {column} column").format(
                      title=_title(task), role=_(WORDS[task.role]), label=ROLES[task.role],
                      column=_(WORDS[task.column])),
                  f"  {pad(partners, width)} {_join(task.partners)}",
                  f"  {pad(counterparts, width)} {_join(task.counterparts)}"]
        lines += [f"  {label}: " + (getattr(task.row, name) or "—").replace("\n", "\n    ") for name, label in _FIELDS]
    return "\n".join(lines) + "\n"


def _cell(text: str | None) -> str:
    return (text or "—").replace("|", "\\|").replace("\n", "<br>")


def tasks_markdown(sheet: TaskSheet) -> str:
    lines = [f"# {sheet.unit} 任务清单", "", _summary(sheet), "",
             "| 序号 | 服务项目 | 栏目 | 职责 | 配合单位 | 对接单位 |", "|---:|---|---|---|---|---|"]
    lines += [f"| {t.service.number} | {_cell(_title(t).split(' ', 1)[1])} | {COLUMNS[t.column]} | "
              f"{ROLES[t.role]} | {_cell(_join(t.partners))} | {_cell(_join(t.counterparts))} |"
              for t in sheet.tasks]
    for task in sheet.tasks:
        lines += ["", f"## {_title(task)}", ""]
        lines += [f"- **{label}**: {_cell(getattr(task.row, name))}" for name, label in _FIELDS]
    return "\n".join(lines) + "\n"


def tasks_json(sheet: TaskSheet) -> str:
    data = {"format_version": FORMAT_VERSION, "unit": sheet.unit, "level": sheet.level,
            "counterpart": sheet.counterpart, "tasks": [task_dict(t) for t in sheet.tasks]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def units_text(units: tuple[UnitSummary, ...]) -> str:
    unit, level, led, carried, counterpart = _("unit"), _("level"), _("services led"), _("services carried"), \
        _("counterpart")
    none = _("(none)")
    width = max([columns(u.name) for u in units] + [columns(unit)])
    level_width = max(columns(level), 8)
    led_width, carried_width = columns(led), columns(carried)
    lines = [f"{pad(unit, width)}  {pad(level, level_width)}  {led}  {carried}  {counterpart}"]
    lines += [f"{pad(u.name, width)}  {pad(level_word(u.level) if u.level else none, level_width)}  "
              f"{u.led:>{led_width}}  {u.carried:>{carried_width}}  {u.counterpart or '—'}" for u in units]
    return "\n".join(lines) + "\n"


def units_markdown(units: tuple[UnitSummary, ...]) -> str:
    lines = ["| " + " | ".join((_("unit"), _("level"), _("services led"), _("services carried"), _("counterpart")))
             + " |", "|---|---|---:|---:|---|"]
    lines += [f"| {u.name} | {level_word(u.level) if u.level else '—'} | {u.led} | {u.carried} | "
              f"{u.counterpart or '—'} |" for u in units]
    return "\n".join(lines) + "\n"


def units_json(units: tuple[UnitSummary, ...]) -> str:
    data = {"format_version": FORMAT_VERSION,
            "units": [{"name": u.name, "level": u.level, "counterpart": u.counterpart, "led": u.led,
                       "carried": u.carried} for u in units]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


TASK_RENDERERS: dict[str, Callable[[TaskSheet], str]] = {
    "text": tasks_text, "markdown": tasks_markdown, "json": tasks_json}
UNIT_RENDERERS: dict[str, Callable[[tuple[UnitSummary, ...]], str]] = {
    "text": units_text, "markdown": units_markdown, "json": units_json}
