"""The 修订说明 and 修订对照表 for a terminal: the classes with their counts and services, then one block per row."""

from __future__ import annotations

from collections.abc import Sequence

from ..classes import CLASSES
from ..model import Changelog
from . import HEADER, ChangelogFormat, cells, title


def _one(changelog: Changelog) -> list[str]:
    lines = [f"修订说明（{title(changelog)}）"]
    for cls in CLASSES:
        named = changelog.services_of(cls.slug)
        listed = "、".join(f"{n.number} {n.name}" for n in named)
        lines.append(f"  {cls.word} {len(named)} 项" + (f"：{listed}" if listed else ""))
    lines += ["", f"修订对照表（{title(changelog)}）"]
    for row in changelog.rows:
        number, name, column, old, new, note = cells(row)
        lines.append(f"  {'' if number is None else f'{number} '}{name} · {column}")
        for label, value in zip(HEADER[3:], (old, new, note), strict=True):
            lines.append(f"    {label}：{value}")
    return lines


def render(changelogs: Sequence[Changelog]) -> str:
    return "\n".join(line for index, changelog in enumerate(changelogs)
                     for line in ([""] if index else []) + _one(changelog)) + "\n"


REGISTERED = ChangelogFormat(render=render)
