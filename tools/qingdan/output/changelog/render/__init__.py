"""Renderers of the 修订说明 and 修订对照表, one module per format; the registry's keys are the ``--format`` choices.

Each module exports ``REGISTERED: ChangelogFormat``: text, markdown and json return text (``render``); docx and xlsx
write a file (``write``), atomically. A format's module is imported only when it is used (qingdan.core.registry). The
class words, column words and table header are the official text's (vocabulary.py): the same in every language of the
run; the notes say the diff's messages in the language of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ....core.records import frozen
from ....core.registry import Registry
from ....core.vocabulary import FIELD_WORDS
from ..model import Changelog, Row


@frozen
class ChangelogFormat:
    """A changelog output format: one that ``render``s text, or one that ``write``s a file (then in FILE_FORMATS)."""

    render: Callable[[Sequence[Changelog]], str] | None = None
    write: Callable[[Path, Sequence[Changelog]], None] | None = None


# format name -> module beside this file
FORMATS: Registry[ChangelogFormat] = Registry(__name__, {"text": "text", "markdown": "markdown",
                                                         "json": "json_format", "docx": "docx_format",
                                                         "xlsx": "xlsx_format"})
FILE_FORMATS = ("docx", "xlsx")  # the formats that write a file (tests/unit/test_registries.py keeps it true)

HEADER = ("序号", "服务项目", "栏目", "原文", "修订后", "修订说明")
COLUMN_WORDS = FIELD_WORDS | {"part": "子项", "category": "类别"}
WHOLE_TABLE = "全表"  # the 服务项目 of a row that changes every cell naming a unit (an institutional reform)
NONE = "—"


def cells(row: Row) -> tuple[int | None, str, str, str, str, str]:
    """A row of the 修订对照表 as its six cells."""
    return (row.number, row.name or WHOLE_TABLE, COLUMN_WORDS.get(row.column, row.column), row.old or NONE,
            row.new or NONE, row.note)


def title(changelog: Changelog) -> str:
    return f"{changelog.old_name} → {changelog.new_name}"


def render(name: str, changelogs: Sequence[Changelog]) -> str:
    """A text format (text, markdown, json)."""
    rendering = FORMATS[name].render
    if rendering is None:
        raise KeyError(f"{name} writes a file")
    return rendering(changelogs)


def write(name: str, path: Path, changelogs: Sequence[Changelog]) -> None:
    """A file format (docx, xlsx), written to ``path`` atomically."""
    writing = FORMATS[name].write
    if writing is None:
        raise KeyError(f"{name} renders text")
    writing(path, changelogs)
