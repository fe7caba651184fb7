"""The "Levels" half of docs/levels-and-shapes.md and its Chinese twin (## 层级) is executed: its edits applied and
its commands run in order in a git repository holding copies of the shipped editions (the district list and the
national list above it), each output compared with the page (guides.py tells how a page is read); ``pytest
--update-golden`` rewrites the outputs. The "Shapes" half has its own test (test_shapes_docs.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from guides import execute, language_env, rewrite, section_span
from workflow_repos import REPO, new_repo

PAGES = {"en": REPO / "docs" / "levels-and-shapes.md", "zh": REPO / "docs" / "zh" / "levels-and-shapes.md"}
HEADINGS = {"en": "## Levels", "zh": "## 层级"}



@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_levels_page_runs_as_written(language: str, tmp_path: Path, update_golden: bool) -> None:
    page = PAGES[language]
    repo = new_repo(tmp_path / "repo", editions=("2017", "national-2017"))
    text = page.read_text(encoding="utf-8")
    start, end = section_span(text, HEADINGS[language])
    section = text[start:end]
    outcome = execute(section, repo, language_env(repo, qingdan_lang=language))
    if update_golden:
        page.write_text(text[:start] + rewrite(section, outcome) + text[end:], encoding="utf-8")
    assert outcome.ran >= 5, "the page shows the conform commands"
    assert update_golden or not outcome.failures, "\n\n".join(outcome.failures)


def test_the_pages_link_each_other() -> None:
    assert "[中文](zh/levels-and-shapes.md)" in PAGES["en"].read_text(encoding="utf-8").split("\n## ", 1)[0]
    assert "[English](../levels-and-shapes.md)" in PAGES["zh"].read_text(encoding="utf-8").split("\n## ", 1)[0]
