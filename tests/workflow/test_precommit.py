"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit on commits to a git repository of the real edition.

The repository's .pre-commit-config.yaml mirrors .pre-commit-hooks.yaml as ``repo: local`` hooks with language
``system`` (the qingdan of this checkout, found on PATH), so pre-commit needs no network to install anything.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from workflow_repos import AMOUNT_FILE, REPO, VENV_BIN, change_amount, clean_env, git

pytestmark = pytest.mark.slow  # the real pre-commit on temporary git repositories

HOOK_IDS = ["qingdan-fmt", "qingdan-validate", "qingdan-no-regressions"]


def local_config() -> str:
    """.pre-commit-config.yaml: the hooks of .pre-commit-hooks.yaml as local system hooks (JSON is YAML too)."""
    hooks = YAML(typ="safe", pure=True).load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == HOOK_IDS
    local = [{**hook, "language": "system"} for hook in hooks]
    return json.dumps({"repos": [{"repo": "local", "hooks": local}]}, ensure_ascii=False, indent=2) + "\n"


@pytest.fixture
def hooked(repo: Path) -> Path:
    (repo / ".pre-commit-config.yaml").write_text(local_config(), encoding="utf-8")
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "-m", "pre-commit hooks")
    subprocess.run([str(VENV_BIN / "pre-commit"), "install"], cwd=repo, env=env(repo), check=True,
                   capture_output=True)
    return repo


def env(repo: Path) -> dict[str, str]:
    return clean_env(repo.parent, PRE_COMMIT_HOME=str(repo.parent / "pre-commit-cache"), PRE_COMMIT_COLOR="never")


def commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    """``git commit -a`` as an editor runs it; the installed hook calls the real pre-commit."""
    return subprocess.run(["git", "commit", "-a", "-m", message], cwd=repo, env=env(repo), text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # git hooks print on stderr


def test_the_hook_manifest_is_what_pre_commit_accepts() -> None:
    result = subprocess.run([str(VENV_BIN / "pre-commit"), "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_good_commit_passes_every_hook(hooked: Path) -> None:
    change_amount(hooked, 1200)
    result = commit(hooked, "raise the primary-school boarding allowance")
    assert result.returncode == 0, result.stdout
    for name in ("qingdan fmt", "qingdan validate", "qingdan diff --base auto"):
        assert re.search(rf"{re.escape(name)}.*\.+Passed", result.stdout), result.stdout
    assert git(hooked, "log", "-1", "--format=%s") == "raise the primary-school boarding allowance"


def test_a_planted_error_fails_the_commit_and_names_file_and_line(hooked: Path) -> None:
    path = hooked / "policies/2017/services/free-compulsory-education.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("district_units:\n  - 区财政局\n  - 区教委\n", "district_units:\n  - 区财政局\n"),
                    encoding="utf-8")
    result = commit(hooked, "drop 区教委 from item 1")
    assert result.returncode == 1
    assert re.search(r"qingdan validate.*\.+Failed", result.stdout), result.stdout
    city_line = text.splitlines().index("  - 市教委") + 1  # the finding points at the city unit that lacks it
    assert "policies/2017/services/free-compulsory-education.yaml\n" in result.stdout
    finding = rf"^  {city_line}:5 +error +QD101 +1 免费义务教育: 区教委"
    assert re.search(finding, result.stdout, re.MULTILINE), result.stdout
    # the shipped edition's six waived findings are counted, not printed: the error is the only finding shown
    assert not re.search(r"^ +\d+:\d+ +waived ", result.stdout, re.MULTILINE), result.stdout
    assert "1 error, 0 warnings, 6 waived" in result.stdout
    assert git(hooked, "log", "-1", "--format=%s") == "pre-commit hooks", "the commit was refused"


def test_lowering_an_amount_fails_the_regression_hook(hooked: Path) -> None:
    change_amount(hooked, 800)
    result = commit(hooked, "lower the primary-school boarding allowance")
    assert result.returncode == 1
    assert re.search(r"qingdan validate.*\.+Passed", result.stdout), result.stdout
    assert re.search(r"qingdan diff --base auto.*\.+Failed", result.stdout), result.stdout
    assert "QC402 regression" in result.stdout
    assert f"{AMOUNT_FILE}:" in result.stdout
    assert git(hooked, "log", "-1", "--format=%s") == "pre-commit hooks"


def test_the_fmt_hook_rewrites_an_untidy_file_and_the_retry_passes(hooked: Path) -> None:
    path = hooked / AMOUNT_FILE
    canonical = path.read_text(encoding="utf-8")
    path.write_text(canonical.replace("category: basic-education", "category: 'basic-education'  # 一、"),
                    encoding="utf-8")
    first = commit(hooked, "note the category")
    assert first.returncode == 1
    assert "files were modified by this hook" in first.stdout
    assert "category: basic-education  # 一、\n" in path.read_text(encoding="utf-8")
    second = commit(hooked, "note the category")
    assert second.returncode == 0, second.stdout


def run_all_files(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VENV_BIN / "pre-commit"), "run", "--all-files"], cwd=repo, env=env(repo), text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_a_commit_that_only_deletes_a_service_file_fails_the_regression_hook(hooked: Path) -> None:
    git(hooked, "rm", "-q", str(AMOUNT_FILE))
    result = commit(hooked, "drop the boarding allowance")
    assert result.returncode == 1
    assert re.search(r"qingdan validate.*\.+(Passed|Failed)", result.stdout), result.stdout  # ran, not skipped
    assert re.search(r"qingdan diff --base auto.*\.+Failed", result.stdout), result.stdout
    assert "HEAD:policies/2017 → policies/2017" in result.stdout
    assert re.search(rf"QC102 regression .*3 寄宿生生活补助 +\(HEAD:{AMOUNT_FILE}:1:1\)", result.stdout), result.stdout
    assert git(hooked, "log", "-1", "--format=%s") == "pre-commit hooks", "the commit was refused"


def test_all_files_on_a_clean_tree_compares_each_edition_with_its_predecessor(hooked: Path) -> None:
    made = subprocess.run(["qingdan", "new-edition", "policies/2017", "policies/2021"], cwd=hooked, env=env(hooked),
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    git(hooked, "add", "policies/2021")
    added = commit(hooked, "start the 2021 edition")  # new since HEAD: compared with its previous edition there
    assert added.returncode == 0, added.stdout
    assert run_all_files(hooked).returncode == 0
    path = hooked / "policies/2021" / AMOUNT_FILE.relative_to("policies/2017")
    path.write_text(path.read_text(encoding="utf-8").replace("    value: 1000\n", "    value: 800\n")
                    .replace("小学生每生每年1000元", "小学生每生每年800元"), encoding="utf-8")
    git(hooked, "commit", "-q", "-a", "--no-verify", "-m", "lower the 2021 allowance, skipping the hooks")
    assert git(hooked, "status", "--porcelain") == ""
    result = run_all_files(hooked)
    assert result.returncode == 1
    assert re.search(r"qingdan diff --base auto.*\.+Failed", result.stdout), result.stdout
    assert "policies/2017 → policies/2021" in result.stdout and "HEAD:" not in result.stdout
    assert "QC402 regression" in result.stdout and "policies/2021/services/boarding-student-allowance.yaml:" in (
        result.stdout)
