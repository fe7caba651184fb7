"""The example in the 2021 shape (tests/revision/example-2021/2021) against the shipped 2017 edition: made by
scripts/build_example_2021.py, valid, and diffed through its crosswalk — every one of the 87 old services accounted
for, each moved service one change, the split one change, the 2023 adjustments told, and no regression. A dropped
service, a split that loses text and a merge are each told as what they are; a service of the other shape is one
error naming the shape."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli

HERE = Path(__file__).parent
EXAMPLE = HERE / "example-2021" / "2021"
REPO = HERE.parent.parent
SHIPPED = REPO / "policies" / "2017"
GOLDEN = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json"}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_example_2021", REPO / "scripts" / "build_example_2021.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def lineage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding 2017 (the shipped edition) and 2021 (the example), as the working directory."""
    shutil.copytree(SHIPPED, tmp_path / "2017")
    shutil.copytree(EXAMPLE, tmp_path / "2021")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _report(stdout: str) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(stdout)["reports"][0]
    return report


def test_the_example_is_exactly_what_the_script_makes(tmp_path: Path) -> None:
    built = _script().build(tmp_path)
    assert _files(built) == _files(EXAMPLE)


def test_the_example_says_it_is_an_example() -> None:
    edition = (EXAMPLE / "edition.yaml").read_text(encoding="utf-8")
    assert "shape: standard-2021" in edition
    assert "示例" in edition.split("number:")[1].split("\n")[0] and "非官方文本" in edition


def test_both_shapes_validate(lineage: Path, run_cli: RunCli) -> None:
    for name in ("2017", "2021"):
        result = run_cli("validate", name, "--format", "json")
        assert result.exit_code == 0, result.stdout
        summary = json.loads(result.stdout)["summary"]
        assert summary["errors"] == 0 and summary["warnings"] == 0


@pytest.mark.parametrize(("edition", "other", "shape"), [("2017", "2021", "standard-2021"),
                                                         ("2021", "2017", "list-2017")])
def test_a_service_of_the_other_shape_is_one_error_naming_the_shape(lineage: Path, run_cli: RunCli, edition: str,
                                                                     other: str, shape: str) -> None:
    shutil.copy2(lineage / other / "services" / "legal-aid.yaml", lineage / edition / "services" / "legal-aid.yaml")
    result = run_cli("validate", edition, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    errors = [f for f in findings if f["severity"] == "error" and not f["waived"]]
    assert [(f["code"], f["path"]) for f in errors] == [
        ("QD007", f"{edition}/services/legal-aid.yaml")]
    assert f"written in the shape {shape}" in errors[0]["message"]


@pytest.mark.parametrize("fmt", sorted(GOLDEN))
def test_golden_diff(lineage: Path, run_cli: RunCli, fmt: str, update_golden: bool) -> None:
    result = run_cli("diff", "2017", "2021", "--format", fmt, "--fail-on", "regression")
    assert result.exit_code == 0 and result.stderr == ""
    expected = HERE / "example-2021" / GOLDEN[fmt]
    if update_golden:
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


def test_every_2017_service_is_in_the_crosswalk_and_accounted_for(lineage: Path, run_cli: RunCli) -> None:
    from qingdan.edition.pipeline import load_edition

    old = {s.id for s in load_edition(lineage / "2017").services}
    assert len(old) == 87
    new = {s.id for s in load_edition(lineage / "2021").services}
    report = _report(run_cli("diff", "2017", "2021", "--format", "json").stdout)
    crosswalk = report["crosswalk"]
    assert sorted(i for entry in crosswalk for i in entry["old"]) == sorted(old)
    assert sorted(i for entry in crosswalk for i in entry["new"]) == sorted(new)
    relations: dict[str, int] = {}
    for entry in crosswalk:
        relations[entry["relation"]] = relations.get(entry["relation"], 0) + 1
    assert relations == {"moved": 86, "split": 1, "new": 1}  # the counts docs/levels-and-shapes.md states
    changes = report["changes"]
    told = {c["service"] for c in changes if c["code"] in ("QC104", "QC111")}
    moved = {i for entry in crosswalk if entry["relation"] == "moved" for i in entry["old"]}
    assert moved <= told  # every moved service is told as moved, and the split one as split
    assert "medical-assistance" in told
    assert report["counts"]["regression"] == 0


def test_moved_and_split_services_with_their_texts_kept_are_no_regression(lineage: Path, run_cli: RunCli) -> None:
    changes = _report(run_cli("diff", "2017", "2021", "--format", "json").stdout)["changes"]
    split = [c for c in changes if c["code"] == "QC111"]
    assert [(c["old"], c["new"]) for c in split] == [(["medical-assistance"],
                                                      ["medical-assistance", "disease-emergency-aid"])]
    moved = [c for c in changes if c["service"] == "preschool-aid"]
    assert [c["code"] for c in moved if c["code"] != "QC106"] == ["QC104"]  # text cut into two columns: no change
    assert not [c for c in changes if c["class"] == "regression"]
    assert {c["code"] for c in changes} & {"QC102", "QC108", "QC113", "QC603", "QC209"} == set()
    improvements = sorted((c["code"], c["service"]) for c in changes if c["class"] == "improvement")
    assert improvements == [("QC101", "folic-acid-supplement"), ("QC201", "rural-dilapidated-housing"),
                            ("QC401", "rural-student-nutrition")]
    shape = next(c for c in changes if c["code"] == "QC611")
    assert (shape["old"], shape["new"]) == ("list-2017", "standard-2021")


def _crosswalk(lineage: Path, old: str, new: str) -> None:
    path = lineage / "2021" / "crosswalk.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_dropped_service_is_a_regression(lineage: Path, run_cli: RunCli) -> None:
    (lineage / "2021" / "services" / "film-screening.yaml").unlink()
    _crosswalk(lineage, "  - relation: moved\n    old:\n      - film-screening\n    new:\n      - film-screening\n",
               "  - relation: dropped\n    old:\n      - film-screening\n    new: []\n")
    from qingdan.edit.renumbering import renumber

    renumber(lineage / "2021")
    assert run_cli("validate", "2021", "-q").exit_code == 0
    result = run_cli("diff", "2017", "2021", "--format", "json")
    assert result.exit_code == 1
    regressions = [(c["code"], c["service"]) for c in _report(result.stdout)["changes"] if c["class"] == "regression"]
    assert regressions == [("QC102", "film-screening")]


def test_a_split_that_loses_text_is_a_regression(lineage: Path, run_cli: RunCli) -> None:
    path = lineage / "2021" / "services" / "disease-emergency-aid.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("通过财政投入和社会各界捐助方式筹集", "通过财政投入筹集"), encoding="utf-8")
    result = run_cli("diff", "2017", "2021", "--format", "json")
    assert result.exit_code == 1
    regressions = [(c["code"], c["service"], c["part"]) for c in _report(result.stdout)["changes"]
                   if c["class"] == "regression"]
    assert regressions == [("QC113", "medical-assistance", "emergency-aid")]


def test_a_merge_is_one_change(lineage: Path, run_cli: RunCli) -> None:
    """Two pension services merged into one that keeps both rows (the second as a part): one change, no regression."""
    services = lineage / "2021" / "services"
    resident = (services / "resident-pension.yaml").read_text(encoding="utf-8")
    (services / "resident-pension.yaml").unlink()
    part = resident.split("target:", 1)[1].split("payers:")[0].split("implements:")[0]  # the row's own columns
    employee = services / "employee-pension.yaml"
    text = employee.read_text(encoding="utf-8")
    indented = "\n".join("    " + line if line else line for line in ("target:" + part).rstrip("\n").split("\n"))
    employee.write_text(text + "parts:\n  - id: resident\n" + indented.replace("    target:", "    target:", 1)
                        + "\n", encoding="utf-8")
    _crosswalk(lineage, "  - relation: moved\n    old:\n      - employee-pension\n    new:\n      - employee-pension\n"
               "  - relation: moved\n    old:\n      - resident-pension\n    new:\n      - resident-pension\n",
               "  - relation: merged\n    old:\n      - employee-pension\n      - resident-pension\n    new:\n"
               "      - employee-pension\n")
    from qingdan.edit.renumbering import renumber

    renumber(lineage / "2021")
    result = run_cli("diff", "2017", "2021", "--format", "json")
    changes = _report(result.stdout)["changes"]
    assert [(c["old"], c["new"]) for c in changes if c["code"] == "QC112"] == [
        (["employee-pension", "resident-pension"], ["employee-pension"])]
    assert not [c for c in changes if c["class"] == "regression"], result.stdout
    assert result.exit_code == 0


def test_a_crosswalk_gap_fails_validate(lineage: Path, run_cli: RunCli) -> None:
    _crosswalk(lineage, "  - relation: new\n    old: []\n    new:\n      - folic-acid-supplement\n", "")
    result = run_cli("validate", "2021", "--format", "json")
    assert result.exit_code == 1
    findings = [(f["code"], f["message"]) for f in json.loads(result.stdout)["findings"] if not f["waived"]]
    assert findings == [("QD711", "the service folic-acid-supplement (4 增补叶酸预防神经管缺陷服务) is in no entry of "
                                  "the crosswalk")]


def test_a_revision_in_another_shape_without_a_crosswalk_fails_validate(lineage: Path, run_cli: RunCli) -> None:
    (lineage / "2021" / "crosswalk.yaml").unlink()
    result = run_cli("validate", "2021", "--format", "json")
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"] if not f["waived"]] == ["QD711"]


def test_fmt_keeps_the_2021_shape_in_its_canonical_order(lineage: Path, run_cli: RunCli) -> None:
    assert run_cli("fmt", "--check", "2021").exit_code == 0
    path = lineage / "2021" / "services" / "folic-acid-supplement.yaml"
    canonical = path.read_text(encoding="utf-8")
    content = next(line for line in canonical.splitlines(keepends=True) if line.startswith("content:"))
    path.write_text(canonical.replace(content, "") + content, encoding="utf-8")  # 服务内容 moved to the end
    assert run_cli("fmt", "--check", "2021").exit_code == 1
    assert run_cli("fmt", "2021").exit_code == 0
    assert path.read_text(encoding="utf-8") == canonical  # back between 服务对象 and 服务标准


def test_a_revision_of_the_2021_shape_keeps_its_shape_and_compares_its_content(lineage: Path,
                                                                                run_cli: RunCli) -> None:
    assert run_cli("new-edition", "2021", "2025").exit_code == 0
    assert not (lineage / "2025" / "crosswalk.yaml").exists()  # the crosswalk maps 2017 onto 2021, not further
    assert (lineage / "2025" / "edition.yaml").read_text(encoding="utf-8").startswith("shape: standard-2021\n")
    assert run_cli("validate", "2025", "-q").exit_code == 0
    path = lineage / "2025" / "services" / "folic-acid-supplement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("预防神经管缺陷。", "预防神经管缺陷，并开展健康教育。"), encoding="utf-8")
    changes = _report(run_cli("diff", "2021", "2025", "--format", "json").stdout)["changes"]
    edited = [(c["code"], c["service"], c["class"]) for c in changes if c["service"]]
    assert edited == [("QC204", "folic-acid-supplement", "editorial")]  # 服务内容 is compared, with 服务标准
