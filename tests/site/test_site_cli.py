"""``qingdan site`` from the command line: what it writes and says, and one line with a documented exit code for
bad input (an edition that does not load or does not validate, no such edition, a DIR that cannot be written)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# The command's help texts are translated when its module is first imported: import it at collection, in English,
# so that a --lang zh run below is not the first and other tests read its help in English.
import qingdan.cli.cmd_site  # noqa: F401

# each test builds a site through the command: a workflow, run in the full suite
pytestmark = pytest.mark.slow

if TYPE_CHECKING:
    from tests.conftest import RunCli


@pytest.fixture
def here(policies: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding policies/2017 and policies/2019, as an editor's repository does."""
    monkeypatch.chdir(policies.parent)
    return policies.parent


@pytest.mark.slow  # builds the site of every edition twice through the CLI (a workflow; .ci/run runs it)
def test_the_site_of_every_edition_and_a_rebuild_that_writes_nothing(run_cli: RunCli, here: Path) -> None:
    first = run_cli("--lang", "zh", "site", "-o", "public")
    assert first.exit_code == 0, first.stderr
    count = len([p for p in (here / "public").rglob("*") if p.is_file()]) - 1  # the manifest is no page
    assert first.stderr == f"qingdan: 已向 public 写入 {count} 个文件（共 {count} 个）\n"
    assert (here / "public" / "2019" / "revision.html").is_file()
    again = run_cli("site", "-o", "public")  # in English: the words of the pages change, so they are rewritten
    assert again.exit_code == 0 and again.stderr.startswith("qingdan: ") and " of " in again.stderr
    table = (here / "public" / "2017" / "index.html").read_text(encoding="utf-8")
    assert table.startswith('<!DOCTYPE html>\n<html lang="en">')  # the words of the run, the list in Chinese
    assert '<table class="list" id="table" lang="zh-CN">' in table and "<h2 id=\"downloads\">Downloads</h2>" in table
    third = run_cli("site", "-o", "public", "-q")
    assert third.exit_code == 0 and third.stderr == ""
    quiet_again = run_cli("site", "-o", "public")
    assert quiet_again.stderr == f"qingdan: 0 of {count} files written to public\n"


def test_editions_by_folder_and_the_base_url(run_cli: RunCli, here: Path) -> None:
    result = run_cli("site", "policies/2019", "-o", "out", "--base-url", "https://example.org/list")
    assert result.exit_code == 0, result.stderr
    assert not (here / "out" / "2017").exists()
    page = (here / "out" / "2019" / "services" / "medical-assistance.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/list/2019/services/medical-assistance.html">' in page
    sitemap = (here / "out" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/list/index.html</loc>" in sitemap
    assert "<loc>https://example.org/list/2019/services/medical-assistance.html</loc>" in sitemap
    assert 'href="../../2017/' not in page  # no link to an edition the site leaves out


def test_an_edition_that_does_not_validate_is_not_published(run_cli: RunCli, here: Path) -> None:
    service = here / "policies" / "2019" / "services" / "boarding-student-allowance.yaml"
    text = service.read_text(encoding="utf-8")
    assert "    value: 1000\n" in text
    service.write_text(text.replace("    value: 1000\n", "    value: 999\n", 1), encoding="utf-8")
    result = run_cli("site", "-o", "out")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and "not published" in result.stderr, result.stderr
    assert "boarding-student-allowance.yaml:" in result.stderr
    assert not (here / "out").exists(), "nothing is written"


def test_an_edition_that_does_not_load(run_cli: RunCli, here: Path) -> None:
    service = here / "policies" / "2017" / "services" / "medical-assistance.yaml"
    service.write_text(service.read_text(encoding="utf-8").replace("number: 52", "number: fifty-two"),
                       encoding="utf-8")
    result = run_cli("site", "2017", "-o", "out")
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "medical-assistance.yaml:" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "says"), [
    (("site", "2018", "-o", "out"), "no such edition"),
    (("site", "-o", "-"), "give -o DIR"),
    (("site",), "Missing option"),
    (("site", "-o", "blocked/out"), "cannot write"),
])
def test_bad_usage_and_unwritable_folders_exit_2(run_cli: RunCli, here: Path, args: tuple[str, ...],
                                                  says: str) -> None:
    (here / "blocked").write_text("a file where a folder should be\n", encoding="utf-8")
    result = run_cli(*args)
    assert result.exit_code == 2, result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr
