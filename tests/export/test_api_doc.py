"""The examples of docs/api.md and docs/export.md run as written, so the API pages cannot go stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


def _python_blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize("page", ["api.md", "export.md"])
def test_examples_run(page: str, repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _python_blocks(repo_root / "docs" / page)
    assert blocks
    monkeypatch.chdir(tmp_path)  # examples write files such as qingdan.sqlite into the working folder
    namespace: dict[str, object] = {}
    if page == "export.md":  # it reads an export; make one first
        exec(_python_blocks(repo_root / "docs" / "api.md")[0].replace(
            '"policies/2017"', repr(str(repo_root / "policies" / "2017"))), namespace)
        from qingdan import Edition
        from qingdan.output import export

        edition = namespace["edition"]
        assert isinstance(edition, Edition)
        export.export(edition, "sqlite", tmp_path / "qingdan.sqlite", export.ExportInfo())
    for block in blocks:
        exec(block.replace('"policies/2017"', repr(str(repo_root / "policies" / "2017"))), namespace)
