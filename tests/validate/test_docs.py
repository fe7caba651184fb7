"""Docs generated from the Code declarations cannot go stale; `qingdan rules` lists every code in each format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.check.rules import all_codes
from qingdan.check.rules.catalog import as_markdown
from qingdan.core import i18n

if TYPE_CHECKING:
    from tests.conftest import RunCli


@pytest.mark.parametrize(("language", "page"), [("en", "docs/rules.md"), ("zh", "docs/zh/rules.md")])
def test_rules_page_is_current(repo_root: Path, language: str, page: str) -> None:
    i18n.use(language)
    text = (repo_root / page).read_text(encoding="utf-8")
    assert text == as_markdown(all_codes()), \
        f"{page} is stale: qingdan --lang {language} rules --format markdown > {page}"


def test_rules_command_formats(run_cli: RunCli) -> None:
    codes = [code.code for code in all_codes()]
    text = run_cli("rules")
    assert text.exit_code == 0 and [line.split()[0] for line in text.stdout.splitlines()] == codes
    records = json.loads(run_cli("rules", "--format", "json").stdout)
    assert [r["code"] for r in records] == codes and all(r["title"] and r["description"] for r in records)
    assert run_cli("rules", "--format", "markdown").stdout == as_markdown(all_codes())


def test_validate_help_documents_exit_codes(run_cli: RunCli) -> None:
    help_text = run_cli("validate", "--help").stdout
    for line in ("0  no errors", "1  errors", "2  bad usage"):
        assert line in help_text
    assert all(fmt in help_text for fmt in ("text", "json", "github", "sarif"))


def test_validate_page_documents_every_json_field(repo_root: Path, run_cli: RunCli, shipped_edition: Path) -> None:
    page = (repo_root / "docs" / "validate.md").read_text(encoding="utf-8")
    document = json.loads(run_cli("validate", str(shipped_edition), "--format", "json").stdout)
    for key in [*document, *document["summary"], *document["findings"][0]]:
        assert f"`{key}`" in page, key
