"""The README stays true: its two quick-start commands, its command table, its SQL and its Python example."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from qingdan.cli.main import cli, command_modules


@pytest.fixture(scope="module")
def readme(repo_root: Path) -> str:
    return (repo_root / "README.md").read_text(encoding="utf-8")


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_quick_start_is_two_commands_and_ci_runs_the_second(readme: str, repo_root: Path) -> None:
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (commands,) = blocks(quick_start, "sh")
    setup_and_validate, setup_and_test = commands.strip().splitlines()
    assert setup_and_validate.endswith("qingdan validate")
    assert setup_and_test.endswith(".venv/bin/pytest")
    assert setup_and_test in (repo_root / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_every_command_has_help_and_a_row_in_the_readme(readme: str) -> None:
    names = sorted(command_modules())
    assert {"validate", "diff", "fmt", "export", "import"} <= set(names)
    for name in names:
        command = cli.get_command(None, name)  # type: ignore[arg-type]  # the lazy group looks a name up without one
        assert command is not None and command.help, f"qingdan {name} has no help"
        assert f"| `qingdan {name}" in readme, f"qingdan {name} is missing from the README's command table"


def test_readme_sql_is_the_tested_query_of_the_export_docs(readme: str, repo_root: Path) -> None:
    docs = (repo_root / "docs" / "export.md").read_text(encoding="utf-8")
    (readme_sql,) = blocks(readme, "sql")
    assert readme_sql == blocks(docs, "sql")[0]


def test_readme_python_example_runs(readme: str) -> None:
    api = readme.split("## Python API", 1)[1]
    code = blocks(api, "python")[0]
    namespace: dict[str, Any] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    service = namespace["service"]
    assert [part.id for part in service.parts] == ["major-disease-assistance", "emergency-aid"]
    assert str(service.location).endswith("services/medical-assistance.yaml:1:1")


def test_readme_front_door_example_runs(readme: str, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)  # the example runs where an editor runs qingdan: the repository's root
    code = blocks(readme.split("## Python API", 1)[1].split("\n## ", 1)[0], "python")[1]
    namespace: dict[str, Any] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["report"].ok
    assert len(namespace["comparison"].reports) == 1
