"""Dogfooding: the shipped edition validates with exactly its six waived findings, and a planted error in a copy
of it is reported at the exact file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.check.validation import validate_edition, validate_paths
from qingdan.edition.load import find_editions

if TYPE_CHECKING:
    from tests.conftest import RunCli

SHIPPED_WAIVERS = {
    ("QD101", "87 无障碍环境支持", None),
    ("QD201", "52 医疗救助", "major-disease-assistance"),
    ("QD502", "52 医疗救助", None),
    ("QD104", "61 优待抚恤", None),
    ("QD503", "63 重点优抚对象集中供养", None),
    ("QD501", "67 公共文化设施免费开放", None),
}


def test_shipped_edition_is_valid_with_its_waivers(shipped_edition: Path) -> None:
    report = validate_edition(shipped_edition)
    assert report.active == ()
    assert {(f.code, f.subject.label, f.subject.part) for f in report.waived} == SHIPPED_WAIVERS
    assert all(f.waiver_reason for f in report.waived)
    assert report.files == 90  # edition.yaml, units.yaml, 87 services, source.txt


def test_default_validates_the_checkout_policies(repo_root: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    monkeypatch.chdir(repo_root)
    result = run_cli("validate", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    # every edition under policies/ (the shipped 2017 one, and any later edition beside it), each validated alone
    folders = find_editions(repo_root / "policies")
    alone = [validate_edition(folder) for folder in folders]
    assert document["summary"] == {"errors": 0, "warnings": 0, "waived": sum(len(r.waived) for r in alone),
                                   "unloaded": 0, "files": sum(r.files for r in alone),
                                   "editions": [f"policies/{folder.name}" for folder in folders]}
    assert "policies/2017" in document["summary"]["editions"]
    assert set(validate_paths().waived) == {f for report in alone for f in report.waived}


def test_stray_separator_points_at_the_source_line(shipped_edition: Path) -> None:
    finding = next(f for f in validate_edition(shipped_edition).findings if f.code == "QD501")
    lines = (shipped_edition / "source.txt").read_text(encoding="utf-8").split("\n")
    assert finding.location.path.endswith("source.txt")
    assert finding.location.line is not None
    assert lines[finding.location.line - 1].endswith("、")


def test_planted_missing_counterpart_is_located_exactly(edition_copy: Path, run_cli: RunCli,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    service = edition_copy / "services" / "free-compulsory-education.yaml"
    text = service.read_text(encoding="utf-8")
    head, district = text.split("district_units:\n", 1)
    assert "number: 1\n" in head and "  - 区教委\n" in district
    service.write_text(head + "district_units:\n" + district.replace("  - 区教委\n", "", 1), encoding="utf-8")
    city_line = text.split("\n").index("  - 市教委") + 1  # the city unit whose counterpart went missing

    monkeypatch.chdir(edition_copy.parent)
    result = run_cli("validate", "2017")
    assert result.exit_code == 1
    assert f"2017/services/free-compulsory-education.yaml\n  {city_line}:5 " in result.stdout
    report = validate_edition(Path("2017"))
    (finding,) = report.errors
    assert (finding.code, finding.location.path, finding.location.line, finding.location.column) == (
        "QD101", "2017/services/free-compulsory-education.yaml", city_line, 5)
    assert finding.subject.label == "1 免费义务教育" and "区教委" in finding.text
    assert finding.subject.service == "free-compulsory-education"
