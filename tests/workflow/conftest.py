"""Fixtures for the hook, action and guide tests: a git repository holding a copy of the real edition."""

from __future__ import annotations

from pathlib import Path

import pytest
from workflow_repos import new_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the real edition committed on main."""
    return new_repo(tmp_path / "repo")
