"""Diffs read through git: a temporary repository holding two commits of the real edition."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # temporary git repositories and subprocesses

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "policies" / "2017"


QINGDAN = REPO / ".venv" / "bin" / "qingdan"
SERVICE = "policies/2017/services/boarding-student-allowance.yaml"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def qingdan(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(QINGDAN), *args], cwd=repo, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Commit 1: the real edition. Commit 2: item 3's primary-school allowance lowered from 1000 to 900 元."""
    root = tmp_path / "repo"
    shutil.copytree(SHIPPED, root / "policies" / "2017")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "the 2017 edition")
    path = root / SERVICE
    text = path.read_text(encoding="utf-8")
    assert text.count("1000") == 3  # the standard text, the quantity's quote and its value
    lowered = text.replace("每生每年1000元", "每生每年900元").replace("value: 1000", "value: 900")
    path.write_text(lowered, encoding="utf-8")
    git(root, "commit", "-qam", "lower the allowance")
    return root


def _changes(stdout: str) -> list[tuple[str, str | None]]:
    return [(c["code"], c["service"]) for c in json.loads(stdout)["reports"][0]["changes"]]


def test_two_revisions(repo: Path) -> None:
    result = qingdan(repo, "diff", "HEAD~1:policies/2017", "HEAD:policies/2017", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert _changes(result.stdout) == [("QC205", "boarding-student-allowance"), ("QC402", "boarding-student-allowance")]
    location = json.loads(result.stdout)["reports"][0]["changes"][1]["location"]
    assert location == {"path": f"HEAD:{SERVICE}", "line": 27, "column": 5}  # in the revision it came from


def test_base_compares_the_working_tree(repo: Path) -> None:
    assert qingdan(repo, "diff", "--base", "HEAD").returncode == 0  # clean tree: nothing changed
    result = qingdan(repo, "diff", "--base", "HEAD~1")
    assert result.returncode == 1, result.stderr
    assert "1000 元 → 900 元 每生每年 (-10 %)" in result.stdout
    assert f"{SERVICE}:" in result.stdout
    assert qingdan(repo, "diff", "--base", "HEAD~1", "--fail-on", "none").returncode == 0


def test_the_working_tree_is_never_touched(repo: Path) -> None:
    (repo / SERVICE).write_text("id: [unfinished\n", encoding="utf-8")  # an editor's half-written file
    result = qingdan(repo, "diff", "HEAD~1:policies/2017", "HEAD:policies/2017", "--format", "json")
    assert result.returncode == 1
    assert (repo / SERVICE).read_text(encoding="utf-8") == "id: [unfinished\n"
    assert git(repo, "status", "--porcelain") == f" M {SERVICE}\n"


@pytest.mark.parametrize(("side", "names"), [
    ("--upload-pack=touch pwned:policies/2017", "not a valid git revision"),
    ("-x:policies/2017", "not a valid git revision"),
    ("nosuchrev:policies/2017", "unknown git revision"),
    ("HEAD:policies/1999", "no such path at revision HEAD"),
])
def test_bad_revisions_are_one_line_and_exit_2(repo: Path, side: str, names: str) -> None:
    result = qingdan(repo, "diff", "--", side, "HEAD:policies/2017")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and names in result.stderr and "Traceback" not in result.stderr
    assert not (repo / "pwned").exists()


def test_an_unparseable_file_at_a_revision_names_it(repo: Path) -> None:
    (repo / SERVICE).write_text("id: [unfinished\n", encoding="utf-8")
    git(repo, "commit", "-qam", "break it")
    result = qingdan(repo, "diff", "HEAD~1:policies/2017", "HEAD:policies/2017")
    assert result.returncode == 2
    assert result.stderr.startswith(f"qingdan: HEAD:{SERVICE}:")


def test_textconv_makes_git_diff_and_log_semantic(repo: Path) -> None:
    """The documented setup: the attribute in .gitattributes, the command in the clone's git config."""
    (repo / ".gitattributes").write_text("policies/**/*.yaml diff=qingdan\n", encoding="utf-8")
    git(repo, "config", "diff.qingdan.textconv", f"{QINGDAN} textconv")
    for output in (git(repo, "diff", "HEAD~1", "HEAD"), git(repo, "log", "-p", "-1")):
        assert "-    补助标准为小学生每生每年1000元，\n+    补助标准为小学生每生每年900元，\n" in output
        assert "\n-数量[小学生补助标准].value: 1000\n" in output and "\n+数量[小学生补助标准].value: 900\n" in output


def test_a_folder_of_editions_and_the_default_paths_are_the_repository_s_own(repo: Path, tmp_path: Path) -> None:
    """diff and validate read ./policies of the repository they run in, never the package's own copy."""
    by_folder = qingdan(repo, "diff", "--base", "HEAD~1", "policies", "--format", "json")
    assert by_folder.returncode == 1, by_folder.stderr
    assert _changes(by_folder.stdout) == [("QC205", "boarding-student-allowance"),
                                          ("QC402", "boarding-student-allowance")]
    path = repo / "policies" / "2017" / "services" / "vaccination.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- 区卫生计生委", "- 区卫生计生委员会"), encoding="utf-8")
    validated = qingdan(repo, "validate")
    assert validated.returncode == 1
    assert "policies/2017/services/vaccination.yaml" in validated.stdout
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    nothing = qingdan(elsewhere, "validate")
    assert nothing.returncode == 2
    assert nothing.stderr.startswith("qingdan: policies") and len(nothing.stderr.splitlines()) == 1


def test_an_edition_new_since_the_base_without_previous_is_exit_2(repo: Path) -> None:
    """A copied folder that names no predecessor would escape the gate: the editor is told to set previous:."""
    shutil.copytree(repo / "policies" / "2017", repo / "policies" / "2018")
    for args in (("diff", "--base", "HEAD~1"), ("diff", "--base", "HEAD~1", "policies/2018")):
        result = qingdan(repo, *args)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == ("qingdan: policies/2018/edition.yaml: new since HEAD~1, with no predecessor to "
                                 "compare with: set previous: in edition.yaml to the edition it revises "
                                 "(2017 at HEAD~1)\n")


# -- a revision as a new edition folder on a branch -----------------------------------------------------------------

REVISED = "policies/2021/services/boarding-student-allowance.yaml"


@pytest.fixture
def branched(tmp_path: Path) -> Path:
    """main: the real 2017 edition. Branch revision: policies/2021 made by new-edition, its allowance lowered."""
    root = tmp_path / "branched"
    shutil.copytree(SHIPPED, root / "policies" / "2017")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "the 2017 edition")
    git(root, "switch", "-qc", "revision")
    made = qingdan(root, "new-edition", "policies/2017", "policies/2021")
    assert made.returncode == 0, made.stderr
    assert 'previous: "2017"\n' in (root / "policies/2021/edition.yaml").read_text(encoding="utf-8")
    path = root / REVISED
    path.write_text(path.read_text(encoding="utf-8").replace("每生每年1000元", "每生每年900元")
                    .replace("value: 1000\n", "value: 900\n"), encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-qm", "the 2021 revision")
    return root


def test_a_new_edition_is_compared_with_its_predecessor_at_the_base(branched: Path) -> None:
    result = qingdan(branched, "diff", "--base", "main", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    reports = json.loads(result.stdout)["reports"]
    assert [(r["old"], r["new"]) for r in reports] == [("main:policies/2017", "policies/2017"),
                                                       ("main:policies/2017", "policies/2021")]
    assert reports[0]["changes"] == []
    regressions = [(c["code"], c["service"], c["location"]["path"]) for c in reports[1]["changes"]
                   if c["class"] == "regression"]
    assert regressions == [("QC402", "boarding-student-allowance", REVISED)]
    named = qingdan(branched, "diff", "--base", "main", "policies/2021")
    assert named.returncode == 1 and "main:policies/2017 → policies/2021" in named.stdout
    assert qingdan(branched, "diff", "--base", "main", "--fail-on", "none").returncode == 0


def test_a_predecessor_missing_at_the_base_is_exit_2(branched: Path) -> None:
    git(branched, "mv", "policies/2017", "policies/2016")
    path = branched / "policies/2021/edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('previous: "2017"', 'previous: "2016"'), encoding="utf-8")
    result = qingdan(branched, "diff", "--base", "main")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("qingdan: policies/2016/edition.yaml: new since main, with no predecessor")
    result = qingdan(branched, "diff", "--base", "main", "policies/2021")
    assert result.returncode == 2
    assert result.stderr == ("qingdan: policies/2021/edition.yaml: new since main, and its previous edition '2016' "
                             "does not exist at main (policies/2016): fix previous:, or compare with a later "
                             "revision\n")


def test_the_first_edition_of_a_repository_has_nothing_to_compare(tmp_path: Path) -> None:
    root = tmp_path / "first"
    root.mkdir()
    (root / "README.md").write_text("清单\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "start")
    shutil.copytree(SHIPPED, root / "policies" / "2017")
    result = qingdan(root, "diff", "--base", "HEAD")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr == ("qingdan: policies/2017: no edition at HEAD to compare with (a first edition); "
                             "nothing to compare\n")


@pytest.mark.parametrize("revision", ["nosuchrev", "main~5", "0" * 40])
def test_an_unknown_base_is_exit_2_before_any_edition_counts_as_new(branched: Path, revision: str) -> None:
    result = qingdan(branched, "diff", "--base", revision)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"qingdan: {revision}: unknown git revision: check its name, or fetch it first "
                             "(git fetch origin REV)\n")


def test_a_shallow_clone_says_to_fetch_the_history(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    assert git(shallow, "rev-parse", "--is-shallow-repository") == "true\n"
    result = qingdan(shallow, "diff", "--base", "HEAD~1")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("qingdan: HEAD~1: unknown git revision in a shallow clone: fetch the full history "
                             "(git fetch --unshallow, or fetch-depth: 0 in actions/checkout)\n")
    git(shallow, "fetch", "-q", "--unshallow")
    assert qingdan(shallow, "diff", "--base", "HEAD~1").returncode == 1  # the lowered allowance, now readable


def test_outside_a_repository_the_base_is_exit_2(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "loose" / "policies" / "2017")
    result = qingdan(tmp_path / "loose", "diff", "--base", "HEAD")
    assert result.returncode == 2
    assert result.stderr == ("qingdan: HEAD: unknown git revision: not inside a git repository (run qingdan in the "
                             "repository's checkout)\n")


# -- --base auto: the base a pre-commit hook needs -------------------------------------------------------------------

def test_base_auto_follows_pre_commit_then_head_then_predecessors(branched: Path) -> None:
    clean = qingdan(branched, "diff", "--base", "auto", "--format", "json")  # a clean tree: each with its previous
    assert clean.returncode == 1, clean.stderr
    assert [(r["old"], r["new"]) for r in json.loads(clean.stdout)["reports"]] == [("policies/2017", "policies/2021")]
    from_ref = subprocess.run([str(QINGDAN), "diff", "--base", "auto", "--format", "json"], cwd=branched,
                              capture_output=True, text=True, check=False,
                              env={**os.environ, "PRE_COMMIT_FROM_REF": "main", "PRE_COMMIT_TO_REF": "HEAD"})
    assert from_ref.returncode == 1, from_ref.stderr
    assert [r["old"] for r in json.loads(from_ref.stdout)["reports"]] == ["main:policies/2017"] * 2
    (branched / REVISED).unlink()  # a change under policies/: compared with HEAD, where the service still is
    dirty = qingdan(branched, "diff", "--base", "auto", "--format", "json")
    assert dirty.returncode == 1
    reports = json.loads(dirty.stdout)["reports"]
    assert [(r["old"], r["new"]) for r in reports] == [("HEAD:policies/2017", "policies/2017"),
                                                       ("HEAD:policies/2021", "policies/2021")]
    assert [(c["code"], c["service"]) for c in reports[1]["changes"]] == [("QC102", "boarding-student-allowance")]


def test_an_edition_removed_since_the_base_is_named(branched: Path) -> None:
    git(branched, "rm", "-rq", "policies/2021")
    result = qingdan(branched, "diff", "--base", "HEAD")
    assert result.returncode == 0, result.stderr  # policies/2017 is unchanged
    assert result.stderr == ("qingdan: policies/2021: exists at HEAD but not in the working tree (removed); "
                             "not compared\n")


def test_base_auto_before_the_first_commit_compares_predecessors(tmp_path: Path) -> None:
    root = tmp_path / "unborn"
    shutil.copytree(SHIPPED, root / "policies" / "2017")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    result = qingdan(root, "diff", "--base", "auto")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr == ("qingdan: policies/2017: a first edition (previous: null); nothing to compare it with\n"
                             "qingdan: no edition names the edition it revises (previous: in edition.yaml); "
                             "nothing to compare\n")


def test_a_file_name_that_is_not_utf8_is_one_line_for_every_reader(repo: Path) -> None:
    """A name git and the file system hold as bytes: SARIF, REV:PATH and --base say so in one line, never exit 3."""
    name = os.fsdecode(b"policies/2017/services/x\xff.yaml")
    (repo / name).write_text("id: x\n", encoding="utf-8")
    expected = r"holds a file whose name is not UTF-8 text (x\xff.yaml): rename it"
    for args in (("validate", "--format", "sarif", "policies/2017"), ("diff", "--base", "HEAD")):
        result = qingdan(repo, *args)
        assert (result.returncode, result.stderr) == (2, f"qingdan: policies/2017/services: {expected}\n"), args
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a file named in another encoding")
    result = qingdan(repo, "diff", "HEAD:policies/2017", "HEAD~1:policies/2017")
    assert (result.returncode, result.stderr) == (2, f"qingdan: HEAD:policies/2017/services: {expected}\n")


def test_a_revision_and_the_working_tree_list_the_same_service_files(repo: Path) -> None:
    """services/.yaml (a hidden name ending in .yaml) is read from a revision and from the working tree alike: no
    false "service removed" between them, and the working tree reports the file instead of skipping it."""
    shutil.copy(repo / SERVICE, repo / "policies/2017/services/.yaml")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a service file named .yaml")
    result = qingdan(repo, "diff", "HEAD:policies/2017", "policies/2017", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr  # the same files on both sides: no change
    assert _changes(result.stdout) == []
    validated = qingdan(repo, "validate", "policies/2017")
    assert validated.returncode == 1  # the copy repeats a service's id and number, and is reported
    assert "policies/2017/services/.yaml\n" in validated.stdout


def test_under_a_base_an_edition_is_compared_with_itself_whatever_its_previous_says_now(branched: Path) -> None:
    """policies/2021 exists at HEAD: it is compared with HEAD:policies/2021, even after its previous is emptied, so
    a further cut still fails the gate."""
    path = branched / "policies/2021/edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('previous: "2017"', "previous: null"), encoding="utf-8")
    service = branched / REVISED
    service.write_text(service.read_text(encoding="utf-8").replace("初中生每生每年1250元", "初中生每生每年1000元")
                       .replace("value: 1250\n", "value: 1000\n"), encoding="utf-8")
    result = qingdan(branched, "diff", "--base", "HEAD", "policies/2021", "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)["reports"][0]
    assert (report["old"], report["new"]) == ("HEAD:policies/2021", "policies/2021")
    assert [c["old"]["value"] for c in report["changes"] if c["code"] == "QC402"] == [1250]


def test_a_base_recorded_before_previous_was_required_still_compares_and_losing_it_now_fails(repo: Path) -> None:
    edition = repo / "policies/2017/edition.yaml"
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text.replace("previous: null\n", ""), encoding="utf-8")
    git(repo, "commit", "-qam", "an edition.yaml from before previous was required")
    edition.write_text(text, encoding="utf-8")
    result = qingdan(repo, "diff", "--base", "HEAD", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reports"][0]["changes"] == []  # read as null: no change
    edition.write_text(text.replace("previous: null\n", ""), encoding="utf-8")
    lost = qingdan(repo, "diff", "--base", "HEAD~1")
    assert lost.returncode == 1 and "previous" in lost.stderr + lost.stdout, lost.stderr
