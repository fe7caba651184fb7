"""Help text in Chinese is wrapped by terminal columns (a Chinese character takes two); English as textwrap does."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from qingdan.cli.wide_text import columns, wrapper_class

REPO = Path(__file__).resolve().parents[2]
WideTextWrapper = wrapper_class()
CLOSING = "）」』】》〉”’。，、；：！？"


def _paragraphs(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [p.replace("\n", " ") for p in text.split("\n\n") if len(p) > 100 and not p.startswith(("```", "|", "#"))]


@pytest.mark.parametrize("width", [40, 78, 100])
def test_english_wraps_as_textwrap_does(width: int) -> None:
    narrow = [p for p in _paragraphs(REPO / "docs" / "editors-guide.md") if columns(p) == len(p)]
    assert len(narrow) > 20
    for paragraph in narrow:
        assert WideTextWrapper(width).wrap(paragraph) == textwrap.TextWrapper(width).wrap(paragraph)


@pytest.mark.parametrize("width", [40, 78, 100])
def test_chinese_lines_fit_the_terminal_and_never_start_with_closing_punctuation(width: int) -> None:
    paragraphs = _paragraphs(REPO / "docs" / "zh" / "editors-guide.md")
    assert len(paragraphs) > 20
    for paragraph in paragraphs:
        lines = WideTextWrapper(width).wrap(paragraph)
        assert "".join(lines).replace(" ", "") == paragraph.replace(" ", "")  # nothing lost, nothing added
        assert all(columns(line) <= width for line in lines)
        assert not any(line[0] in CLOSING for line in lines[1:])


def test_columns() -> None:
    assert columns("ok") == 2 and columns("通过") == 4 and columns("\x1b[31m错误\x1b[0m") == 4
