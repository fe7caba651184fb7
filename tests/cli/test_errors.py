"""What the CLI does when it cannot go on: one line on stderr and a documented exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli


def test_an_unwritable_output_is_one_line_naming_it_and_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    for format_, name in (("csv", "x.csv"), ("sqlite", "x.sqlite"), ("datapackage", "dp")):
        result = run_cli("export", "2017", "--format", format_, "-o", str(blocker / name))
        assert result.exit_code == 2, result.stderr
        assert result.exception is None
        assert result.stderr.startswith(f"qingdan: {blocker / name}: cannot write: ")
        assert len(result.stderr.splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]


def test_a_bug_is_one_line_and_exit_3_unless_debugging(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    from qingdan import api

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(api, "load", broken)
    result = run_cli("summary", "2017")
    assert result.exit_code == 3
    assert result.stderr.startswith("qingdan: internal error (ValueError: boom); please report it")
    assert len(result.stderr.splitlines()) == 1
    debugging = run_cli("summary", "2017", env={"QINGDAN_DEBUG": "1"})
    assert isinstance(debugging.exception, ValueError)


def test_new_edition_from_a_broken_edition_is_refused(run_cli: RunCli, edition_copy: Path, tmp_path: Path) -> None:
    (edition_copy / "edition.yaml").write_text("hello\n", encoding="utf-8")
    result = run_cli("new-edition", str(edition_copy), str(tmp_path / "2018"))
    assert result.exit_code == 1  # it parses: the data is wrong, and the edition does not load
    assert result.stderr == f"qingdan: {edition_copy / 'edition.yaml'}:1:1: the document should be a mapping of " \
        "keys, found 'hello'; the edition does not load (qingdan validate reports it)\n"
    assert not (tmp_path / "2018").exists()
