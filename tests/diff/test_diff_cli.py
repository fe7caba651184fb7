"""The diff command's contract: exit codes, one-line errors, --fail-on, and the Markdown size limit."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.diff import compare
from qingdan.edition.pipeline import load_edition
from qingdan.output.diff_render import render
from qingdan.output.diff_render.markdown import LIMIT

if TYPE_CHECKING:
    from tests.conftest import RunCli

SERVICE = "services/boarding-student-allowance.yaml"


def test_the_real_edition_against_itself(run_cli: RunCli, shipped_edition: Path) -> None:
    result = run_cli("diff", str(shipped_edition), str(shipped_edition), "--fail-on", "any")
    assert result.exit_code == 0
    assert "no changes; implied data-version bump: none" in result.stdout


def test_fail_on_thresholds(run_cli: RunCli, shipped_edition: Path, edition_copy: Path) -> None:
    path = edition_copy / SERVICE
    path.write_text(path.read_text(encoding="utf-8").replace("name: 寄宿生生活补助", "name: 寄宿生生活费补助"),
                    encoding="utf-8")
    old, new = str(shipped_edition), str(edition_copy)
    assert run_cli("diff", old, new).exit_code == 0            # a rename is editorial, not a regression
    assert run_cli("diff", old, new, "--fail-on", "any").exit_code == 1
    assert run_cli("diff", old, new, "--fail-on", "none").exit_code == 0


def test_a_dropped_unit_is_located_in_the_old_file(run_cli: RunCli, shipped_edition: Path, edition_copy: Path) -> None:
    path = edition_copy / SERVICE
    path.write_text(path.read_text(encoding="utf-8").replace("  - 区财政局\n  - 区教委\n", "  - 区财政局\n"),
                    encoding="utf-8")
    result = run_cli("diff", str(shipped_edition), str(edition_copy), "--format", "json")
    assert result.exit_code == 1
    [change] = json.loads(result.stdout)["reports"][0]["changes"]
    assert (change["code"], change["class"], change["old"]) == ("QC302", "regression", "区教委")
    assert change["location"] == {"path": f"{shipped_edition}/{SERVICE}", "line": 13, "column": 5}


def test_an_unreadable_side_is_one_line_and_exit_2(run_cli: RunCli, shipped_edition: Path, edition_copy: Path) -> None:
    path = edition_copy / SERVICE
    path.write_text("id: [unfinished\n", encoding="utf-8")
    result = run_cli("diff", str(shipped_edition), str(edition_copy))
    assert result.exit_code == 2 and result.exception is None
    assert result.stderr.count("\n") == 1
    assert f"{SERVICE}:1:5: the [ opened here is not closed on its line" in result.stderr  # where it opens


def test_an_invalid_edition_is_the_same_line_and_exit_1_from_every_command_that_loads_it(
        run_cli: RunCli, shipped_edition: Path, edition_copy: Path) -> None:
    """Data that breaks its schema is "the data is wrong" (exit 1), said in one line naming the place, whichever
    command reads the edition."""
    path = edition_copy / SERVICE
    path.write_text(path.read_text(encoding="utf-8").replace("number: 3\n", "number: three\n"), encoding="utf-8")
    answers = {
        "diff": run_cli("diff", str(shipped_edition), str(edition_copy)),
        "summary": run_cli("summary", str(edition_copy)),
        "tasks": run_cli("tasks", "区民政局", str(edition_copy)),
        "units": run_cli("units", str(edition_copy)),
    }
    expected = f"qingdan: {path}:2:9: number (序号) should be a whole number, found 'three'; the edition does not " \
        "load (qingdan validate reports it)\n"
    assert {name: (r.exit_code, r.stderr) for name, r in answers.items()} == \
        {name: (1, expected) for name in answers}


def test_usage_errors_exit_2(run_cli: RunCli, shipped_edition: Path, tmp_path: Path) -> None:
    assert run_cli("diff", str(shipped_edition)).exit_code == 2
    missing = run_cli("diff", str(shipped_edition), str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "nowhere: no such edition folder" in missing.stderr
    assert run_cli("diff", str(shipped_edition), str(tmp_path)).exit_code == 2  # a folder with no edition.yaml


def test_markdown_stays_under_githubs_limit_and_says_what_it_left_out() -> None:
    """Every service renamed and its target rewritten: far more than one comment can hold."""
    old = load_edition("2017")
    new = replace(old, services=tuple(
        replace(s, name=s.name + "（修订）", target=(s.target or "") + "及其他困难群众" * 40,
                district_units=s.district_units[:1])
        for s in old.services))
    report = compare(old, new)
    text = render("markdown", [report])
    assert len(text) <= LIMIT
    hidden = re.search(r"(\d+) more regressions and (\d+) more services not shown", text)
    assert hidden is not None
    shown = text.count("<details>")
    assert shown + int(hidden.group(2)) == 87
    assert text.index("#### open regressions") < text.index("<details>")  # regressions come first


def test_json_is_versioned_and_keeps_chinese(run_cli: RunCli, shipped_edition: Path, edition_copy: Path) -> None:
    path = edition_copy / SERVICE
    path.write_text(path.read_text(encoding="utf-8").replace("category: basic-education", "category: employment"),
                    encoding="utf-8")
    result = run_cli("diff", str(shipped_edition), str(edition_copy), "--format", "json")
    data = json.loads(result.stdout)
    assert (data["format"], data["version"]) == ("qingdan-diff", "3.0")
    assert "category: 基本公共教育 → 基本劳动就业创业" in result.stdout  # not \\u escapes
    assert data["reports"][0]["changes"][0]["service"] == "boarding-student-allowance"


def test_the_docs_list_every_change_code(repo_root: Path) -> None:
    from qingdan.diff import KINDS

    docs = (repo_root / "docs" / "diff.md").read_text(encoding="utf-8")
    for kind in KINDS.values():
        assert f"| {kind.code} | {kind.slug} | {kind.cls.value} |" in docs


@pytest.mark.parametrize(("no_color", "painted"), [("1", False), (None, True)])
def test_colour_on_a_terminal_unless_no_color(no_color: str | None, painted: bool) -> None:
    """On a terminal the text format is coloured, unless NO_COLOR is set (https://no-color.org), as for validate."""
    import os
    import pty
    import subprocess
    import sys

    case = Path(__file__).parent / "cases" / "amount-lowered"
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | ({"NO_COLOR": no_color} if no_color else {})
    main, child = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "qingdan", "diff", "old", "new"], cwd=case, env=env, stdout=child,
                          stderr=subprocess.DEVNULL) as process:
        os.close(child)
        output = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            output += chunk
        process.wait()
    os.close(main)
    assert process.returncode == 1
    assert (b"\x1b[" in output) is painted
