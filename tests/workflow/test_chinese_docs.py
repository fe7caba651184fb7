"""The Chinese docs are executed as the English guide is: docs/zh/editors-guide.md, docs/zh/README.md and
docs/zh/edition-data.md.

Each page's edits are applied and its commands run in order, in a git repository holding a copy of the real 2017
edition (guides.py tells how a page is read). Two runs per page:

- **As written**: the output of every command is compared with the page, in Chinese (QINGDAN_LANG=zh): the pages
  show what an editor's terminal shows. ``pytest --update-golden`` rewrites the outputs after a change of wording
  (then put back any ``...`` line by hand).
- **In a Chinese locale**, as an editor's machine runs them (LANG=zh_CN.UTF-8, no QINGDAN_LANG): only the exit codes
  (as the page documents them) and the file effects (every commit's tree, the working tree's policies/ and the
  names of the files written) are compared, with those of the first run. A command that only works on English
  output (a grep for an English word) fails here as soon as the messages are Chinese.

Every bash block of the Chinese pages is followed by its PowerShell twin (powershell.py says how a command is
written in PowerShell); the twins are shown, not run, and a test holds each to the bash block before it, which is.
``pytest --update-golden`` writes the twins afresh. docs/zh/github-actions.md shows the English page's workflows,
which test_action.py runs.

The Chinese guide is the English guide's twin: the same edits and the same commands in the same order, only the
commit messages in Chinese; a test holds them together, so a change to one guide shows in the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import powershell
import pytest
from guides import Command, Edit, Outcome, execute, file_effects, language_env, rewrite, steps
from workflow_repos import REPO, new_repo

OUTPUT_LANGUAGE = "zh"  # the language of the outputs the Chinese pages show (see above)
GUIDE = REPO / "docs" / "editors-guide.md"
ZH_GUIDE = REPO / "docs" / "zh" / "editors-guide.md"
ZH_README = REPO / "docs" / "zh" / "README.md"
ZH_EDITION_DATA = REPO / "docs" / "zh" / "edition-data.md"
ZH_ACTIONS = REPO / "docs" / "zh" / "github-actions.md"
PAGES = {"guide": ZH_GUIDE, "quick-reference": ZH_README, "edition-data": ZH_EDITION_DATA}
SHOWN = {**PAGES, "github-actions": ZH_ACTIONS}
COMMIT_MESSAGE = re.compile(r'(git commit .*-m )"[^"]*"')


@dataclass
class Run:
    text: str
    outcome: Outcome
    effects: list[str]


@pytest.fixture(scope="module")
def as_written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Each page run once with its output compared: the runs that the locale test compares with."""
    runs = {}
    for name, page in PAGES.items():
        repo = new_repo(tmp_path_factory.mktemp(name) / "repo", editions=("2017",))
        text = page.read_text(encoding="utf-8")
        runs[name] = Run(text, execute(text, repo, language_env(repo, qingdan_lang=OUTPUT_LANGUAGE)),
                         file_effects(repo))
    return runs


@pytest.mark.slow
@pytest.mark.parametrize("name", PAGES)
def test_the_chinese_page_runs_as_written(name: str, as_written: dict[str, Run], update_golden: bool) -> None:
    run = as_written[name]
    if update_golden:
        PAGES[name].write_text(powershell.with_twins(rewrite(run.text, run.outcome)), encoding="utf-8")
    assert run.outcome.ran >= (5 if name == "edition-data" else 10), "the page shows the commands of every task"
    assert update_golden or not run.outcome.failures, "\n\n".join(run.outcome.failures)


@pytest.mark.slow
@pytest.mark.parametrize("name", PAGES)
def test_the_chinese_page_runs_alike_in_a_chinese_locale(name: str, as_written: dict[str, Run], tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo", editions=("2017",))
    run = as_written[name]
    outcome = execute(run.text, repo, language_env(repo, locale="zh_CN.UTF-8"), compare_output=False)
    assert outcome.ran == run.outcome.ran
    assert not outcome.failures, "exit codes differ from the page's:\n\n" + "\n\n".join(outcome.failures)
    assert file_effects(repo) == run.effects, "the commands did something else to the files in a Chinese locale"


def shape(page: Path) -> list[tuple[str, str]]:
    """A guide's edits and commands in order, commit messages left out."""
    return [("edit", step.body) if isinstance(step, Edit) else ("command", COMMIT_MESSAGE.sub(r"\1…", step.line))
            for step in steps(page.read_text(encoding="utf-8")) if isinstance(step, Edit | Command)]


def test_the_chinese_guide_has_the_english_guides_edits_and_commands() -> None:
    english, chinese = shape(GUIDE), shape(ZH_GUIDE)
    assert len(english) >= 40
    assert chinese == english


def test_the_guides_link_each_other_and_the_readme_lists_the_chinese_docs() -> None:
    english, chinese = GUIDE.read_text(encoding="utf-8"), ZH_GUIDE.read_text(encoding="utf-8")
    assert "[中文](zh/editors-guide.md)" in english.split("\n## ", 1)[0]
    assert "[English](../editors-guide.md)" in chinese.split("\n## ", 1)[0]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documentation = readme.split("## Documentation", 1)[1].split("\n## ", 1)[0]
    assert "(docs/zh/editors-guide.md)" in documentation and "(docs/zh/README.md)" in documentation


def test_the_quick_reference_starts_as_the_readme_does() -> None:
    def quick_start(text: str) -> str:
        block: str
        (block,) = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
        return block

    readme = (REPO / "README.md").read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert quick_start(ZH_README.read_text(encoding="utf-8")) == quick_start(readme)


def test_the_chinese_guide_names_the_columns_as_the_notice_does() -> None:
    """The table of columns and keys lists the official table's seven headers, in order, as the notice prints them."""
    source = (REPO / "policies" / "2017" / "source.txt").read_text(encoding="utf-8")
    header = source.split("任务分工\n", 1)[1].split("\n\n", 1)[0]
    notice = [cell.strip() for cell in header.splitlines()]
    table = ZH_GUIDE.read_text(encoding="utf-8").split("| 清单栏目 |", 1)[1].split("\n\n", 1)[0]
    guide = [row.split("|")[1].strip() for row in table.splitlines()[2:]]
    assert len(notice) == 7
    assert guide == notice


@pytest.mark.parametrize("name", SHOWN)
def test_the_chinese_pages_link_to_files_that_exist(name: str) -> None:
    page = SHOWN[name]
    targets = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8"))
    assert targets
    missing = [target for target in targets if not (page.parent / target).is_file()]
    assert not missing, f"{page.name} links to files that do not exist: {missing}"


@pytest.mark.parametrize("name", SHOWN)
def test_each_powershell_block_twins_the_bash_block_before_it(name: str) -> None:
    """The PowerShell commands are the bash commands before them, as powershell.twin writes them; and no bash block
    that shows commands lacks its twin."""
    pairs = powershell.pairs(SHOWN[name].read_text(encoding="utf-8"))
    for (kind, body), shown in pairs:
        bash = powershell.commands(kind, body) if kind else []
        if not bash and shown is None:
            continue
        assert kind, f"{name}: a PowerShell block with no bash block before it:\n{shown}"
        assert shown is not None, f"{name}: no PowerShell twin after:\n{body}"
        expected = [powershell.twin(command) for command in bash]
        assert powershell.commands(*shown) == expected, "run pytest --update-golden to write the twins afresh"
    if name in PAGES:
        assert any(shown for _bash, shown in pairs), f"{name} shows no PowerShell"


@pytest.mark.parametrize(("bash", "expected"), [
    ("qingdan validate policies | tail -n 1", r".venv\Scripts\qingdan validate policies | Select-Object -Last 1"),
    ("git add policies && git commit -q -m x", "git add policies; if ($?) { git commit -q -m x }"),
    ("a && b && c", "a; if ($?) { b; if ($?) { c } }"),
    ('qingdan diff A B | grep -v -e QC601 -e "^ "',
     r".venv\Scripts\qingdan diff A B | Select-String -NotMatch -Pattern QC601,'^ '"),
])
def test_the_powershell_twin_of_a_command(bash: str, expected: str) -> None:
    assert powershell.twin(bash) == expected


def test_a_pipeline_stage_without_a_powershell_twin_is_refused() -> None:
    with pytest.raises(ValueError, match="no PowerShell twin"):
        powershell.twin("qingdan validate | sort")


def test_the_chinese_actions_page_shows_the_english_pages_workflows() -> None:
    def blocks(page: Path) -> list[str]:
        return re.findall(r"```(?:yaml)?\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)

    english = blocks(REPO / "docs" / "github-actions.md")
    assert len(english) == 4 and blocks(ZH_ACTIONS) == english
    for page in (ZH_GUIDE, ZH_README):
        text = page.read_text(encoding="utf-8")
        assert "(github-actions.md)" in text and "../github-actions.md" not in text


def _table(text: str, header: str) -> list[list[str]]:
    rows = text.split(header, 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    return [[cell.strip().strip("`") for cell in row.strip("|").split("|")] for row in rows[1:]]


def test_the_document_keys_table_lists_every_key_with_its_title() -> None:
    """Each key of edition.yaml's document: with the title the schema gives it (and the new-edition line shows)."""
    from qingdan.core import resources

    keys = resources.schema("edition")["properties"]["document"]["properties"]
    table = _table(ZH_EDITION_DATA.read_text(encoding="utf-8"), "| 键 | 通知要素 | 写法 |")
    assert [(row[0], row[1]) for row in table] == [(key, spec["title"]) for key, spec in keys.items()]


def test_the_payers_table_lists_every_code_the_schema_allows() -> None:
    from qingdan.core import resources

    payer = resources.schema("service")["$defs"]["payer"]
    table = _table(ZH_EDITION_DATA.read_text(encoding="utf-8"), "| 代码 | 出资方 |")
    assert [row[0] for row in table] == payer["enum"]
    for code, word in table:
        assert f"{code} {word.split('（')[0]}" in payer["description"], (code, word)
