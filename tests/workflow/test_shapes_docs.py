"""The "Shapes" half of docs/levels-and-shapes.md and docs/zh/levels-and-shapes.md (## 形态) is executed: its
commands run, in a git repository holding the shipped 2017 edition and the example in the 2021 shape beside it as
policies/2021, and their output compared with the page (guides.py tells how a page is read). Only that section is
run here; the "Levels" half has its own commands. ``pytest --update-golden`` rewrites the section's outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from guides import execute, language_env, rewrite, section_span
from workflow_repos import REPO, new_repo

pytestmark = pytest.mark.slow  # every command as a subprocess in a git repository

PAGES = [(REPO / "docs" / "levels-and-shapes.md", "## Shapes", "en"),
         (REPO / "docs" / "zh" / "levels-and-shapes.md", "## 形态", "zh")]
EXAMPLE = REPO / "tests" / "revision" / "example-2021" / "2021"



@pytest.mark.parametrize(("page", "heading", "language"), PAGES, ids=["en", "zh"])
def test_the_shapes_section_runs_as_written(tmp_path: Path, page: Path, heading: str, language: str,
                                            update_golden: bool) -> None:
    repo = new_repo(tmp_path / "repo", editions=("2017",))
    shutil.copytree(EXAMPLE, repo / "policies" / "2021")
    text = page.read_text(encoding="utf-8")
    start, end = section_span(text, heading)
    section = text[start:end]
    outcome = execute(section, repo, language_env(repo, qingdan_lang=language))
    if update_golden:
        page.write_text(text[:start] + rewrite(section, outcome) + text[end:], encoding="utf-8")
    assert outcome.ran >= 3, "the section shows validate, diff and tasks on the example"
    assert update_golden or not outcome.failures, "\n\n".join(outcome.failures)
