"""action.yml and the workflows of docs/github-actions.md: parsed, and every ``run:`` command run as a runner would.

The runner is imitated: a pull-request history in a temporary copy of this repository, ``${{ … }}`` expressions
substituted, ``$GITHUB_STEP_SUMMARY`` a temporary file, each command under ``bash -eo pipefail``, and qingdan
installed by the steps' own ``pip install`` into a fresh virtual environment (its dependencies come from the
suite's environment through a .pth file, so only the build backend is fetched from the package index).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from workflow_repos import REPO, change_amount, clean_env, git, new_repo

pytestmark = pytest.mark.slow  # a fresh virtual environment and temporary git repositories

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load_yaml(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def recipe_workflows() -> list[dict[str, Any]]:
    text = (REPO / "docs" / "github-actions.md").read_text(encoding="utf-8")
    return [load_yaml(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


def substitute(text: str, context: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        if match.group(1) not in context:
            pytest.fail(f"the test does not know the expression {match.group(0)}")
        return context[match.group(1)]

    return EXPRESSION.sub(value, text)


@pytest.fixture(scope="module")
def runner_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment, as setup-python gives, whose site-packages sees the suite's dependencies."""
    venv = tmp_path_factory.mktemp("runner") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    site = next(venv.glob("lib/python3*/site-packages"))
    deps = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (site / "suite_dependencies.pth").write_text(deps + "\n", encoding="utf-8")
    return venv / "bin"


def run_step(step: dict[str, Any], repo: Path, bin_dir: Path,
             context: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = clean_env(repo.parent, GITHUB_STEP_SUMMARY=str(repo.parent / "summary.md"), GITHUB_ACTION_PATH=str(repo),
                    GITHUB_WORKSPACE=str(repo), PIP_DISABLE_PIP_VERSION_CHECK="1")
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    env.update({key: substitute(str(value), context) for key, value in (step.get("env") or {}).items()})
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", substitute(step["run"], context)],
                          cwd=repo, env=env, capture_output=True, text=True)


def pull_request(tmp_path: Path, amount: int) -> tuple[Path, str]:
    """A copy of this repository with a base commit and a pull-request commit that sets item 3's amount."""
    repo = new_repo(tmp_path / "repo", with_code=True)
    base = git(repo, "rev-parse", "HEAD")
    change_amount(repo, amount)
    git(repo, "commit", "-q", "-a", "-m", "change the boarding allowance")
    return repo, base


def action_steps(base: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    action = load_yaml((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    context = {"github.event.pull_request.base.sha": base}
    for name, spec in action["inputs"].items():
        context[f"inputs.{name}"] = substitute(str(spec.get("default", "")), context)
    return action["runs"]["steps"], context


def test_the_action_and_the_recipes_parse_and_use_what_they_should() -> None:
    action = load_yaml((REPO / "action.yml").read_text(encoding="utf-8"))
    uses = [step["uses"].split("@")[0] for step in action["runs"]["steps"] if "uses" in step]
    assert uses == ["actions/setup-python", "github/codeql-action/upload-sarif"]
    upload = action["runs"]["steps"][-1]
    assert upload["with"]["sarif_file"] == "qingdan.sarif"
    assert all(step.get("shell") == "bash" for step in action["runs"]["steps"] if "run" in step)
    workflows = recipe_workflows()
    assert len(workflows) == 3
    pages = workflows[2]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert [step.get("uses", "").split("@")[0] for step in pages["jobs"]["build"]["steps"]][-1] == \
        "actions/upload-pages-artifact"
    assert pages["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    steps = [step for job in workflows[0]["jobs"].values() for step in job["steps"]]
    checkout = [step for step in steps if "checkout" in step.get("uses", "")]
    assert checkout[0]["with"]["fetch-depth"] == 0, "the diff needs the base revision"
    assert workflows[0]["permissions"]["security-events"] == "write"


def test_every_action_command_passes_on_a_pull_request_that_raises_an_amount(tmp_path: Path,
                                                                             runner_python: Path) -> None:
    repo, base = pull_request(tmp_path, 1200)
    steps, context = action_steps(base)
    context |= {"inputs.site": "_site", "inputs.site-base-url": "https://example.org/qingdan/"}
    ran = []
    for step in steps:
        if "run" in step:
            result = run_step(step, repo, runner_python, context)
            assert result.returncode == 0, f"{step['name']}: {result.stdout}{result.stderr}"
            ran.append(step["name"])
    assert ran == ["Install qingdan", "Validate", "Diff against the base", "Findings as SARIF", "Build the site"]
    assert "1200" in (repo / "_site" / "2017" / "services" / "boarding-student-allowance.html").read_text("utf-8")
    assert (repo / "_site" / "sitemap.xml").is_file()
    assert (runner_python / "qingdan").exists(), "qingdan was installed by the action's own command"
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "寄宿生生活补助" in summary and "1000" in summary and "1200" in summary
    sarif = json.loads((repo / "qingdan.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"


def test_the_action_fails_a_pull_request_that_lowers_an_amount(tmp_path: Path, runner_python: Path) -> None:
    repo, base = pull_request(tmp_path, 800)
    steps, context = action_steps(base)
    results = {step["name"]: run_step(step, repo, runner_python, context) for step in steps if "run" in step}
    assert results["Validate"].returncode == 0
    assert results["Diff against the base"].returncode == 1, "a regression fails the check"
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "regression" in summary.lower() and "800" in summary


def test_every_recipe_command_runs(tmp_path: Path, runner_python: Path) -> None:
    repo, base = pull_request(tmp_path, 1200)
    context = {"github.event.pull_request.base.sha": base}
    commands = [step for workflow in recipe_workflows() for job in workflow["jobs"].values()
                for step in job["steps"] if "run" in step]
    assert commands, "the written-out recipe has run steps"
    for step in commands:
        result = run_step(step, repo, runner_python, context)
        assert result.returncode == 0, f"{step['run']}: {result.stdout}{result.stderr}"
    assert "寄宿生生活补助" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert (repo / "_site" / "index.html").is_file(), "the Pages recipe built the site"


def test_in_a_shallow_checkout_the_diff_step_says_to_fetch_the_history(tmp_path: Path, runner_python: Path) -> None:
    """actions/checkout fetches one commit unless told fetch-depth: 0; the base is then unknown, never "new"."""
    repo, base = pull_request(tmp_path, 800)
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    steps, context = action_steps(base)
    named = {step["name"]: step for step in steps if "run" in step}
    assert run_step(named["Install qingdan"], shallow, runner_python, context).returncode == 0
    result = run_step(named["Diff against the base"], shallow, runner_python, context)
    assert result.returncode == 2, "a base the checkout does not hold fails the check"
    assert result.stderr == (f"qingdan: {base}: unknown git revision in a shallow clone: fetch the full history "
                             "(git fetch --unshallow, or fetch-depth: 0 in actions/checkout)\n")
