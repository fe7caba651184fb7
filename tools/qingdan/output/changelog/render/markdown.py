"""The 修订说明 and 修订对照表 in Markdown: a table of the classes, then the 对照表 (data escaped, as in the diff's)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..classes import CLASSES
from ..model import Changelog
from . import HEADER, ChangelogFormat, cells, title


def escape(text: str) -> str:
    """Text safe in a Markdown table cell: no tags, links, emphasis or table breaks can come from the data."""
    text = html.escape(text, quote=False)
    for char in "\\`*_[]|#~":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "<br>")


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(escape("" if v is None else str(v)) for v in row) + " |" for row in rows]
    return lines


def _one(changelog: Changelog) -> list[str]:
    classes = [(cls.word, len(changelog.services_of(cls.slug)),
                "、".join(f"{n.number} {n.name}" for n in changelog.services_of(cls.slug)))
               for cls in CLASSES]
    return [f"## 修订说明（{escape(title(changelog))}）", "", *_table(("类别", "服务项目数", "服务项目"), classes), "",
            f"## 修订对照表（{escape(title(changelog))}）", "", *_table(HEADER, [cells(r) for r in changelog.rows])]


def render(changelogs: Sequence[Changelog]) -> str:
    return "\n".join(line for index, changelog in enumerate(changelogs)
                     for line in ([""] if index else []) + _one(changelog)) + "\n"


REGISTERED = ChangelogFormat(render=render)
