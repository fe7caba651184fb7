"""Small mistakes an editor makes at the command line, each answered with one line that says what to do: an output
into a folder that does not exist, a misspelt unit to rename, a deleted units.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli

# every way of writing a file or folder with -o: reports, exports of each kind (text, a library's file, a folder)
OUTPUTS = {
    "validate": ["validate", "2017", "-o", "{out}/report.txt"],
    "diff": ["diff", "2017", "2017", "-o", "{out}/diff.txt"],
    "rules": ["rules", "-o", "{out}/rules.md"],
    "summary": ["summary", "2017", "-o", "{out}/summary.txt"],
    "units": ["units", "2017", "-o", "{out}/units.txt"],
    "textconv": ["textconv", "policies/2017/edition.yaml", "-o", "{out}/edition.txt"],
    "render": ["render", "2017", "-o", "{out}/source.txt"],
    "export-json": ["export", "2017", "--format", "json", "-o", "{out}/list.json"],
    "export-xlsx": ["export", "2017", "--format", "xlsx", "-o", "{out}/清单.xlsx"],
    "export-sqlite": ["export", "2017", "--format", "sqlite", "-o", "{out}/list.sqlite"],
    "export-csv-folder": ["export", "2017", "--format", "csv", "-o", "{out}/csv"],
    "tasks-docx": ["tasks", "区民政局", "2017", "--format", "docx", "-o", "{out}/区民政局.docx"],
}


@pytest.fixture
def work(tmp_path: Path, shipped_edition: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(shipped_edition, tmp_path / "policies" / "2017")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_an_output_into_a_missing_folder_is_one_line_and_makes_no_folder(name: str, work: Path,
                                                                          run_cli: RunCli) -> None:
    before = sorted(p.relative_to(work) for p in work.rglob("*"))
    args = [arg.replace("{out}", "nowhere/sub") for arg in OUTPUTS[name]]
    result = run_cli(*args)
    assert (result.exit_code, result.stdout, result.exception) == (2, "", None), result.stderr
    target = args[-1]
    assert result.stderr == (f"qingdan: {target}: cannot write: the folder nowhere/sub does not exist (create it "
                             "first, or check the path)\n")
    assert not (work / "nowhere").exists()
    assert sorted(p.relative_to(work) for p in work.rglob("*")) == before


def test_an_output_into_an_existing_folder_is_written(work: Path, run_cli: RunCli) -> None:
    (work / "out").mkdir()
    result = run_cli("export", "2017", "--format", "xlsx", "-o", "out/清单.xlsx")
    assert result.exit_code == 0, result.stderr
    assert (work / "out" / "清单.xlsx").stat().st_size > 0


def test_rename_unit_suggests_the_nearest_names_for_an_unknown_old(work: Path, run_cli: RunCli) -> None:
    result = run_cli("rename-unit", "区卫计委", "区卫生健康委", "2017")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("qingdan: policies/2017/units.yaml: 区卫计委 is not a unit of units.yaml; closest "
                             "known: 区卫生计生委、市卫生计生委、区教委\n")
    # the same suggestion tasks makes for the same name
    assert "closest known: 区卫生计生委、市卫生计生委、区教委" in run_cli("tasks", "区卫计委", "2017").stderr
    far = run_cli("rename-unit", "没有这个单位的名字", "区卫生健康委", "2017")
    assert far.exit_code == 2 and "(is it spelled as there?)" in far.stderr


@pytest.mark.parametrize("args", [["validate", "2017"], ["summary", "2017"], ["fmt", "2017"],
                                  ["rename-unit", "区民政局", "区民政委", "2017"], ["renumber", "2017"],
                                  ["export", "2017", "--format", "json"]])
def test_a_deleted_units_yaml_is_named_missing(args: list[str], work: Path, run_cli: RunCli) -> None:
    (work / "policies" / "2017" / "units.yaml").unlink()
    result = run_cli(*args)
    assert result.exit_code == 2
    if args[0] == "validate":  # its report shows it too, as the finding QD006 at the file
        assert result.stdout.startswith("policies/2017/units.yaml\n  -        error   QD006  units.yaml is missing")
    else:
        assert result.stdout == ""
    assert result.stderr == ("qingdan: policies/2017/units.yaml: units.yaml is missing: every edition keeps its unit "
                             "registry there; restore it (git checkout -- policies/2017/units.yaml) or copy it from "
                             "the previous edition\n")
