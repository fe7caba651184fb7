"""Every command on a list with two editions under policies/: the real one and a revision made by new-edition."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from workflow_repos import AMOUNT_FILE, REPO, VENV_BIN, change_amount, clean_env, git

pytestmark = pytest.mark.slow  # one subprocess per command, and a git repository

EXPORT_FORMATS = ["json", "csv", "sqlite", "datapackage"]


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this repository's policies/ plus policies/2021, made from policies/2017 by new-edition."""
    root = tmp_path_factory.mktemp("several")
    shutil.copytree(REPO / "policies", root / "policies")
    made = run(root, "new-edition", "policies/2017", "policies/2021")
    assert made.returncode == 0, made.stderr
    return root


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VENV_BIN / "qingdan"), *args], cwd=cwd, env=clean_env(cwd), capture_output=True,
                          text=True, check=False)


def editions(root: Path) -> list[str]:
    return sorted(f"policies/{p.parent.name}" for p in (root / "policies").glob("*/edition.yaml"))


def test_validate_without_arguments_checks_every_edition(two_editions: Path) -> None:
    result = run(two_editions, "validate", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["editions"] == editions(two_editions) and "policies/2021" in summary["editions"]
    assert summary["errors"] == 0
    text = run(two_editions, "validate")
    assert text.returncode == 0 and f"({len(summary['editions'])} editions: " in text.stdout.splitlines()[-1]


def test_diff_without_arguments_compares_the_revision_with_its_predecessor(two_editions: Path) -> None:
    result = run(two_editions, "diff", "--format", "json")
    assert result.returncode == 0, result.stderr  # only the cleared notice: editorial
    pairs = [(r["old"], r["new"]) for r in json.loads(result.stdout)["reports"]]
    assert ("policies/2017", "policies/2021") in pairs


def test_fmt_check_without_arguments_covers_both_editions(two_editions: Path) -> None:
    result = run(two_editions, "fmt", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    untidy = two_editions / "policies/2021/services/vaccination.yaml"
    canonical = untidy.read_text(encoding="utf-8")
    try:
        untidy.write_text(canonical.replace("category: ", "category:   ", 1), encoding="utf-8")
        failed = run(two_editions, "fmt", "--check")
        assert failed.returncode == 1 and "policies/2021/services/vaccination.yaml" in failed.stdout
    finally:
        untidy.write_text(canonical, encoding="utf-8")


@pytest.mark.parametrize("format_", EXPORT_FORMATS)
def test_export_of_the_second_edition(two_editions: Path, tmp_path: Path, format_: str) -> None:
    out = tmp_path / f"2021.{format_}"
    result = run(two_editions, "export", "policies/2021", "--format", format_, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.exists()
    if format_ == "json":  # a new edition's notice is empty (null) until filled in: the export schema allows it
        document = json.loads(out.read_text(encoding="utf-8"))
        assert document["edition"]["name"] == "2021" and document["edition"]["previous"] == "2017"
        assert document["edition"]["document"]["number"] is None
        schema = json.loads((REPO / "schema" / "export.schema.json").read_text(encoding="utf-8"))
        assert list(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
                    .iter_errors(document)) == []
    if format_ == "datapackage":
        checked = subprocess.run([str(VENV_BIN / "frictionless"), "validate", "--json", str(out / "datapackage.json")],
                                 capture_output=True, text=True, check=False)
        assert checked.returncode == 0 and json.loads(checked.stdout)["valid"] is True, checked.stdout[-2000:]
    if format_ == "sqlite":
        with closing(sqlite3.connect(out)) as db:
            assert db.execute("select edition, previous, document_number from edition").fetchall() == [
                ("2021", "2017", None)]


def test_summary_tasks_and_units_of_each_edition(two_editions: Path) -> None:
    for edition in ("policies/2017", "policies/2021"):
        summary = run(two_editions, "summary", edition)
        assert summary.returncode == 0 and "87" in summary.stdout, summary.stderr
        tasks = run(two_editions, "tasks", "区民政局", edition, "--format", "json")
        assert tasks.returncode == 0, tasks.stderr
        assert json.loads(tasks.stdout) == json.loads(run(REPO, "tasks", "区民政局", "--format", "json").stdout)
        units = run(two_editions, "units", edition)
        assert units.returncode == 0 and "区民政局" in units.stdout, units.stderr


def test_diff_base_in_a_repository_with_two_editions(two_editions: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(two_editions / "policies", repo / "policies")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "two editions")
    clean = run(repo, "diff", "--base", "HEAD", "--format", "json")
    assert clean.returncode == 0, clean.stderr
    reports = json.loads(clean.stdout)["reports"]
    assert [r["new"] for r in reports] == editions(repo)
    assert all(r["old"] == f"HEAD:{r['new']}" and r["changes"] == [] for r in reports)
    change_amount(repo, 800)  # policies/2017's allowance lowered against HEAD
    result = run(repo, "diff", "--base", "HEAD", "--format", "json")
    assert result.returncode == 1
    changed = {r["new"]: [c["code"] for c in r["changes"]] for r in json.loads(result.stdout)["reports"]}
    assert changed["policies/2017"] == ["QC205", "QC402"] and changed["policies/2021"] == []
    assert str(AMOUNT_FILE).startswith("policies/2017/")
    # the revision now keeps the amount its predecessor lowered: against policies/2017 it is a raise
    raised = run(repo, "diff", "--format", "json")
    assert raised.returncode == 0, raised.stderr
    report = next(r for r in json.loads(raised.stdout)["reports"] if r["new"] == "policies/2021")
    assert "QC401" in [c["code"] for c in report["changes"]]
