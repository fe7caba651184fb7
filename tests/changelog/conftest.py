"""The example revision beside its predecessor, as a folder of editions (policies/2017, policies/2019) in the working
directory: how an editor's repository holds them, so that a diff with no arguments pairs them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "revision" / "example" / "2019"
SHIPPED = ROOT / "policies" / "2017"


@pytest.fixture
def revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    policies = tmp_path / "policies"
    shutil.copytree(SHIPPED, policies / "2017")
    shutil.copytree(EXAMPLE, policies / "2019")
    monkeypatch.chdir(tmp_path)
    return tmp_path
