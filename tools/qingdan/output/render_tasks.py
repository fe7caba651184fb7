"""Task sheets and the unit listing as text, Markdown or JSON; one function per format, in a registry.

JSON field names are stable (format_version 1.0; ``part``, ``inherited`` and ``task_count`` were added within it);
text and Markdown are for people and may change. Every format names columns with the same words (TASK_WORDS) as
the xlsx and docx sheets, a part by its place (子项1), and shows a part's merged cells with the value the published
table shows there (``Service.shown``), saying which they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..core.i18n import LEVEL_WORDS, N_, _, columns, level_word, ngettext, pad
from ..core.vocabulary import COLUMNS, FIELDS, ROLES, TASK_WORDS, part_label, service_label
from .tasks import Task, TaskSheet, UnitSummary

FORMAT_VERSION = "1.0"
WORDS = {"lead": N_("lead"), "co": N_("co")} | LEVEL_WORDS  # for the text format
_FIELDS = tuple(FIELDS.items())


def _title(task: Task) -> str:
    return service_label(task.service.number, task.service.name) + _part(task, " · ")


def _part(task: Task, before: str = "") -> str:
    return before + part_label(task.part_number) if task.part_number is not None else ""


def merged_note(task: Task, fields: tuple[tuple[str, str], ...] = _FIELDS) -> str | None:
    """Which of a part's cells are merged with the row above, in the table's words; None when none is."""
    words = dict(fields)
    shown = [words.get(name) for name in task.inherited if name in words]
    return "、".join(s for s in shown if s) or None


def _join(units: tuple[str, ...]) -> str:
    return "、".join(units) if units else "—"


def _summary(sheet: TaskSheet) -> str:
    # tasks and services apart: a service with parts has a task per part, and qingdan units counts services
    services = len({t.service.id for t in sheet.tasks})
    led_services = len({t.service.id for t in sheet.led})
    level = _(WORDS[sheet.level]) if sheet.level in WORDS else sheet.level or _("not in the registry")

    def tasks(count: int) -> str:
        return ngettext("{count} task", "{count} tasks", count).format(count=count)

    def services_(count: int) -> str:
        return ngettext("{count} service", "{count} services", count).format(count=count)

    return _("{unit} ({level}): {tasks} in {services}; leads {led_tasks} in {led_services}").format(
        unit=sheet.unit, level=level, tasks=tasks(len(sheet.tasks)), services=services_(services),
        led_tasks=tasks(len(sheet.led)), led_services=services_(led_services))


def task_dict(task: Task, fields: tuple[tuple[str, str], ...] = _FIELDS) -> dict[str, Any]:
    row = task.row
    content = {"content": row.content} if "content" in dict(fields) else {}
    return {
        "service_id": task.service.id, "number": task.service.number, "name": task.service.name,
        "part_id": task.part.id if task.part is not None else None, "part": task.part_number,
        "column": task.column, "role": task.role,
        "position": task.position, "partners": list(task.partners), "counterparts": list(task.counterparts),
        "city_units": list(row.city_units), "district_units": list(row.district_units),
        "target": row.target, **content, "standard": row.standard, "funding": row.funding,
        "inherited": [name for name in task.inherited if name in dict(fields)],
    }


def tasks_text(sheet: TaskSheet) -> str:
    lines = [_summary(sheet)]
    colon = _("{label}:")  # a full-width ： in Chinese
    partners, counterparts = (colon.format(label=TASK_WORDS[name]) for name in ("partners", "counterparts"))
    width = max(columns(partners), columns(counterparts))
    for task in sheet.tasks:
        lines += ["", _("{title} · {role} in the {column} column").format(
                      title=_title(task), role=_(WORDS[task.role]), column=_(WORDS[task.column])),
                  f"  {pad(partners, width)} {_join(task.partners)}",
                  f"  {pad(counterparts, width)} {_join(task.counterparts)}"]
        lines += [f"  {colon.format(label=label)} " + (getattr(task.row, name) or "—").replace("\n", "\n    ")
                  for name, label in sheet.text_fields]
        note = merged_note(task, sheet.text_fields)
        if note:
            lines.append("  " + _("({columns}: a merged cell of the published table, shown as in the row above)")
                         .format(columns=note))
    return "\n".join(lines) + "\n"


def _cell(text: str | None) -> str:
    return (text or "—").replace("|", "\\|").replace("\n", "<br>")


def tasks_markdown(sheet: TaskSheet) -> str:
    header = [TASK_WORDS[name] for name in ("number", "name", "part", "role", "column", "partners", "counterparts")]
    lines = [f"# {sheet.unit} 任务清单", "", _summary(sheet), "",
             "| " + " | ".join(header) + " |", "|---:|---|---|---|---|---|---|"]
    lines += [f"| {t.service.number} | {_cell(t.service.name)} | {_part(t)} | {ROLES[t.role]} | "
              f"{COLUMNS[t.column]} | {_cell(_join(t.partners))} | {_cell(_join(t.counterparts))} |"
              for t in sheet.tasks]
    for task in sheet.tasks:
        lines += ["", f"## {_title(task)}", ""]
        lines += [f"- **{label}**: {_cell(getattr(task.row, name))}" for name, label in sheet.text_fields]
        note = merged_note(task, sheet.text_fields)
        if note:
            lines.append("- " + _("({columns}: a merged cell of the published table, shown as in the row above)")
                         .format(columns=note))
    return "\n".join(lines) + "\n"


def tasks_json(sheet: TaskSheet) -> str:
    data = {"format_version": FORMAT_VERSION, "unit": sheet.unit, "level": sheet.level,
            "counterpart": sheet.counterpart, "tasks": [task_dict(t, sheet.text_fields) for t in sheet.tasks]}
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
