"""Helpers for the workflow tests: temporary git repositories holding the real edition, and clean environments."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent  # the venv that runs the suite: qingdan and pre-commit live here
AMOUNT_FILE = Path("policies/2017/services/boarding-student-allowance.yaml")
AMOUNT_TEXT = "小学生每生每年1000元"  # with its quantity value 1000: the amount the tests raise and lower

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "HOME": "",  # HOME is set per repository below: no user config leaks in
}


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a subprocess: this venv first on PATH, no colour, git identity, no user config."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT", "GITHUB_"))}
    env.update(GIT_ENV, HOME=str(home), NO_COLOR="1", PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}")
    env.update(extra)
    return env


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env=clean_env(repo.parent), capture_output=True, text=True,
                            check=True)
    return result.stdout.strip()


def new_repo(root: Path, *, with_code: bool = False, editions: tuple[str, ...] = ()) -> Path:
    """A git repository at ``root`` holding a copy of policies/ (only the named ``editions``, when given; and,
    ``with_code``, a copy of qingdan itself), committed."""
    root.mkdir(parents=True)
    if editions:
        for name in editions:
            shutil.copytree(REPO / "policies" / name, root / "policies" / name)
    else:
        shutil.copytree(REPO / "policies", root / "policies")
    if with_code:
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
        for name in ("tools", "schema", "docs"):
            shutil.copytree(REPO / name, root / name, ignore=ignore)
        for name in ("pyproject.toml", "README.md", "action.yml", ".pre-commit-hooks.yaml"):
            shutil.copy2(REPO / name, root / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the 2017 edition")
    return root


def change_amount(repo: Path, new: int) -> None:
    """Change item 3's primary-school allowance in its text and its quantity, consistently."""
    path = repo / AMOUNT_FILE
    text = path.read_text(encoding="utf-8")
    assert AMOUNT_TEXT in text and "    value: 1000\n" in text
    text = text.replace(AMOUNT_TEXT, f"小学生每生每年{new}元").replace("    value: 1000\n", f"    value: {new}\n")
    path.write_text(text, encoding="utf-8")
