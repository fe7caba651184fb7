"""The example revision (tests/revision/example/2019) against the shipped 2017 edition: built only by qingdan's
own commands, valid, and diffed as a reviewer needs it — every rename one line, the merge and the transfer told,
no regression. A second revision removes a service and lowers an amount: exactly those two regressions fail the
gate until they are accepted with reasons, and a stale acceptance fails validate."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from build_example import RENAMES, build

if TYPE_CHECKING:
    from tests.conftest import RunCli

    from qingdan.core.model import Edition

HERE = Path(__file__).parent
EXAMPLE = HERE / "example" / "2019"
SHIPPED = HERE.parent.parent / "policies" / "2017"
GOLDEN = {("en", "text"): "expected.txt", ("en", "markdown"): "expected.md", ("en", "json"): "expected.json",
          ("zh", "text"): "expected.zh.txt", ("zh", "markdown"): "expected.zh.md"}


@pytest.fixture
def lineage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding 2017 (the shipped edition) and 2019 (the example revision), as the working directory."""
    shutil.copytree(SHIPPED, tmp_path / "2017")
    shutil.copytree(EXAMPLE, tmp_path / "2019")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_example_is_exactly_what_the_commands_make(tmp_path: Path) -> None:
    built = build(tmp_path)
    assert _files(built) == _files(EXAMPLE)


def test_the_example_validates_against_its_predecessor(lineage: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", "2019", "--format", "json")
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0
    assert any("no official text yet" in note for note in report["notes"])


@pytest.mark.parametrize(("language", "fmt"), sorted(GOLDEN))
def test_golden_diff(lineage: Path, run_cli: RunCli, language: str, fmt: str, update_golden: bool) -> None:
    result = run_cli("--lang", language, "diff", "2017", "2019", "--format", fmt, "--fail-on", "regression")
    assert result.exit_code == 0 and result.stderr == ""
    expected = HERE / GOLDEN[language, fmt]
    if update_golden:
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


def _changes(stdout: str) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = json.loads(stdout)["reports"][0]["changes"]
    return changes


def test_each_rename_is_one_line_and_nothing_regresses(lineage: Path, run_cli: RunCli) -> None:
    changes = _changes(run_cli("diff", "2017", "2019", "--format", "json").stdout)
    codes = [c["code"] for c in changes]
    renamed = [c for c in changes if c["code"] == "QC608"]
    assert sorted(name for c in renamed for name in c["old"]) == sorted(old for old, new in RENAMES
                                                                         if new != "区住房城乡建委")
    merged = [(c["old"], c["new"]) for c in changes if c["code"] == "QC609"]
    assert merged == [(["区城乡建委", "区国土房管局"], ["区住房城乡建委"])]
    assert not [c for c in changes if c["class"] == "regression"]
    # inside the rows a renamed or merged unit is no change: only the one transfer touches units
    unit_changes = [(c["code"], c["service"]) for c in changes if str(c["code"]).startswith("QC3")]
    assert unit_changes == [("QC304", "medical-assistance"), ("QC304", "medical-assistance")]
    assert {"QC101", "QC105", "QC201", "QC401"} <= set(codes)
    raised = next(c for c in changes if c["code"] == "QC401")
    amount = {"unit": "元", "minimum": None, "maximum": None, "per": "每生每年"}
    assert (raised["service"], raised["old"], raised["new"]) == ("rural-student-nutrition", {**amount, "value": 800},
                                                                   {**amount, "value": 1000})
    assert raised["params"] == {"name": raised["params"]["name"], "old": raised["old"], "new": raised["new"],
                                "percent": 25.0, "per": "每生每年"}


def _regress(revision: Path) -> None:
    """Remove 电影放映 and lower the boarding allowance from 1000 to 900 元, then renumber."""
    from qingdan.edit.renumbering import renumber

    (revision / "services" / "film-screening.yaml").unlink()
    path = revision / "services" / "boarding-student-allowance.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("1000") == 3
    path.write_text(text.replace("1000元", "900元").replace("value: 1000", "value: 900"), encoding="utf-8")
    renumber(revision)


ACCEPTED = """accepted:
  - code: QC102
    service: film-screening
    old: 观赏电影
    new: —
    reason: 示例：并入公共文化服务项目（测试用示例）
  - code: QC402
    service: boarding-student-allowance
    old: 1000 元 每生每年
    new: 900 元 每生每年
    reason: 示例：按新的市级标准调整（测试用示例）
"""


def _accept(revision: Path, entries: str) -> None:
    path = revision / "edition.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("categories:\n", entries + "categories:\n", 1), encoding="utf-8")


def test_a_removed_service_and_a_lowered_amount_fail_until_accepted(lineage: Path, run_cli: RunCli) -> None:
    _regress(lineage / "2019")
    result = run_cli("diff", "2017", "2019", "--format", "json")
    assert result.exit_code == 1
    regressions = [(c["code"], c["service"]) for c in _changes(result.stdout) if c["class"] == "regression"]
    assert sorted(regressions) == [("QC102", "film-screening"), ("QC402", "boarding-student-allowance")]

    _accept(lineage / "2019", ACCEPTED)
    accepted = run_cli("diff", "2017", "2019", "--format", "json")
    assert accepted.exit_code == 0
    marked = [(c["code"], c["accepted"]) for c in _changes(accepted.stdout) if c["class"] == "regression"]
    assert sorted(code for code, _ in marked) == ["QC102", "QC402"] and all(reason for _, reason in marked)
    text = run_cli("diff", "2017", "2019").stdout
    assert "accepted: 示例：并入公共文化服务项目（测试用示例）" in text
    assert run_cli("validate", "2019").exit_code == 0


def test_a_stale_acceptance_fails_validate(lineage: Path, run_cli: RunCli) -> None:
    _accept(lineage / "2019", ACCEPTED)  # nothing was removed or lowered: both acceptances are stale
    result = run_cli("validate", "2019", "--format", "json")
    assert result.exit_code == 1
    stale = [(f["code"], f["line"]) for f in json.loads(result.stdout)["findings"] if not f["waived"]]
    text = (lineage / "2019" / "edition.yaml").read_text(encoding="utf-8").split("\n")
    lines = [i + 1 for i, line in enumerate(text) if line.startswith("  - code: QC")]
    assert stale == [("QD704", lines[0]), ("QD704", lines[1])]


def test_render_then_import_gives_back_the_revision(lineage: Path, tmp_path: Path) -> None:
    """A revision's official text is produced from its data: rendering it and importing the text gives back
    every published cell of every row, and the notice."""
    from qingdan.edit.importing import import_source
    from qingdan.edition.pipeline import load_edition
    from qingdan.output.official_layout import render

    revision = load_edition(lineage / "2019")
    text = tmp_path / "rendered.txt"
    text.write_text(render(revision), encoding="utf-8")
    import_source(text, "2019", tmp_path / "imported" / "2019")
    again = load_edition(tmp_path / "imported" / "2019")

    def published(edition: Edition) -> list[tuple[object, ...]]:
        return [(s.number, s.name, [(row.target, row.standard, row.funding, row.city_units, row.district_units)
                                    for _, row in s.rows()]) for s in edition.services]

    assert published(again) == published(revision)
    for name in ("document_number", "issuer", "title", "recipients", "preamble", "requirements", "signed",
                 "printed", "copy_to", "printer", "table_title"):
        assert getattr(again.metadata, name) == getattr(revision.metadata, name), name
    # the parent policy the text names; the list above it (parent: edition:) is the editors', which no text states
    assert again.metadata.parent is not None and revision.metadata.parent is not None
    assert (again.metadata.parent.number, again.metadata.parent.title) == (revision.metadata.parent.number,
                                                                           revision.metadata.parent.title)
    assert [c.name for c in again.categories] == [c.name for c in revision.categories]


def test_importing_the_published_text_keeps_the_gate(lineage: Path, run_cli: RunCli) -> None:
    """The guide's step after publication: render → import into the revision. The keys of edition.yaml the text
    does not own (previous, accepted, data_version) stay, so the planted regression still fails the gate and the
    accepted one stays accepted, with its reason."""
    from qingdan.edition.pipeline import load_edition
    from qingdan.output.official_layout import render

    revision = lineage / "2019"
    _regress(revision)
    _accept(revision, ACCEPTED.split("  - code: QC402")[0])  # the removal accepted, the lowered amount not
    before = (revision / "edition.yaml").read_text(encoding="utf-8")
    text = lineage / "published.txt"
    text.write_text(render(load_edition(revision)), encoding="utf-8")
    imported = run_cli("import", str(text), "--edition", "2019", "--out", "2019")
    assert imported.exit_code == 0, imported.stderr
    after = (revision / "edition.yaml").read_text(encoding="utf-8")
    assert after != before and "source: source.txt\n" in after
    assert 'previous: "2017"\n' in after and "data_version: 1.1.0\n" in after
    assert after[after.index("accepted:"):after.index("categories:")] == \
        before[before.index("accepted:"):before.index("categories:")]
    result = run_cli("diff", "2017", "2019", "--format", "json")
    assert result.exit_code == 1, result.stderr
    regressions = [(c["code"], c["service"], c["accepted"]) for c in _changes(result.stdout)
                   if c["class"] == "regression"]
    assert sorted(regressions) == [("QC102", "film-screening", "示例：并入公共文化服务项目（测试用示例）"),
                                   ("QC402", "boarding-student-allowance", None)]


def _printed_entries(stdout: str) -> list[str]:
    """The entries the text diff prints under its open regressions, as they are to be pasted."""
    entries, lines = [], stdout.splitlines()
    for index, line in enumerate(lines):
        if line.strip().startswith("to accept it, paste under accepted:"):
            block = []
            for following in lines[index + 1:]:
                if not following.startswith("  ") or following.startswith("  QC"):
                    break
                block.append(following)
            entries.append("\n".join(block) + "\n")
    return entries


def test_an_acceptance_covers_one_change_and_the_printed_entry_releases_the_next(lineage: Path,
                                                                                 run_cli: RunCli) -> None:
    """A reviewed cut of 小学生 1000 → 900 元 does not let a later, unreviewed cut of 初中生 1250 → 1000 元 in the same
    service through; pasting the entry the diff prints for it (with a reason) does, and validate agrees."""
    revision = lineage / "2019"
    _regress(revision)
    _accept(revision, ACCEPTED)
    assert run_cli("diff", "2017", "2019").exit_code == 0
    path = revision / "services" / "boarding-student-allowance.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("初中生每生每年1250元", "初中生每生每年1000元").replace("value: 1250", "value: 1000"),
                    encoding="utf-8")
    result = run_cli("diff", "2017", "2019")
    assert result.exit_code == 1
    assert "(3 regression, " in result.stdout and ", 2 accepted)" in result.stdout
    entries = _printed_entries(result.stdout)
    assert entries == ["  - code: QC402\n    service: boarding-student-allowance\n    old: 1250 元 每生每年\n"
                       "    new: 1000 元 每生每年\n    reason: the decision or document that makes it so\n"]
    assert run_cli("validate", "2019").exit_code == 0  # both acceptances still match a change
    _accept(revision, entries[0].replace("the decision or document that makes it so", "示例：按市级新标准调整"))
    released = run_cli("diff", "2017", "2019", "--format", "json")
    assert released.exit_code == 0, released.stdout
    reasons = sorted(str(c["accepted"]) for c in _changes(released.stdout) if c["class"] == "regression")
    assert reasons == ["示例：并入公共文化服务项目（测试用示例）", "示例：按市级新标准调整",
                       "示例：按新的市级标准调整（测试用示例）"]
    assert run_cli("validate", "2019").exit_code == 0


def test_a_registry_edit_of_a_renamed_unit_is_reported_beside_the_rename(lineage: Path, run_cli: RunCli) -> None:
    changes = _changes(run_cli("diff", "2017", "2019", "--format", "json").stdout)
    renamed = [c for c in changes if c["code"] == "QC608" and c["new"] == ["市农业农村委"]]
    edited = [(c["field"], c["old"], c["new"]) for c in changes if c["code"] == "QC607" and not c["old"]]
    assert len(renamed) == 1
    assert edited == [("units.note", None, "示例（非官方文本）：同时承担农村扶贫开发任务。")]
    # the notes renumber --in-text rewrote (item 49 → item 50 …) are registry edits as well
    assert len([c for c in changes if c["code"] == "QC607" and c["old"]]) == 4
    # the level of a merged unit changed by hand is reported too
    units = lineage / "2019" / "units.yaml"
    text = units.read_text(encoding="utf-8")
    start = text.index("  - name: 区住房城乡建委\n")
    units.write_text(text[:start] + text[start:].replace("    level: district\n", "    level: other\n", 1),
                     encoding="utf-8")
    changes = _changes(run_cli("diff", "2017", "2019", "--format", "json").stdout)
    levels = [(c["field"], c["old"], c["new"]) for c in changes if c["code"] == "QC607" and c["field"] == "units.level"]
    assert levels == [("units.level", "district", "other"), ("units.level", "district", "other")]


def test_a_replaced_name_inside_a_text_is_editorial_and_one_left_behind_is_a_warning(lineage: Path,
                                                                                     run_cli: RunCli) -> None:
    changes = _changes(run_cli("diff", "2017", "2019", "--format", "json").stdout)
    prose = [(c["code"], c["class"], c["service"], c["part"], c["params"]["names"]) for c in changes
             if c["code"] == "QC210"]
    assert prose == [("QC210", "editorial", "medical-assistance", "emergency-aid", ["市卫生计生委 → 市卫生健康委"])]
    # the same revision with the old name left in the text: no change to the diff, a warning from validate
    path = lineage / "2019" / "services" / "medical-assistance.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("报市卫生健康委") == 1
    path.write_text(text.replace("报市卫生健康委", "报市卫生计生委"), encoding="utf-8")
    assert not [c for c in _changes(run_cli("diff", "2017", "2019", "--format", "json").stdout)
                if c["service"] == "medical-assistance" and c["field"] == "standard"]
    result = run_cli("validate", "2019", "--format", "json")
    assert result.exit_code == 0
    left = [(f["code"], f["severity"], f["message"]) for f in json.loads(result.stdout)["findings"]
            if f["code"] == "QD705"]
    old, new = "市卫生计生委", "市卫生健康委"
    assert left == [("QD705", "warning", f"standard: {old} is replaced by {new} (units.yaml): write {new} "
                                         f"(qingdan rename-unit {old} {new} --in-text does it everywhere)")]


def test_rename_unit_and_renumber_list_the_texts_they_rewrite_or_leave(tmp_path: Path, run_cli: RunCli,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SHIPPED, tmp_path / "2017")
    monkeypatch.chdir(tmp_path)
    for folder, flag in (("left", ()), ("rewritten", ("--in-text",))):
        assert run_cli("new-edition", "2017", folder, "-q").exit_code == 0
        renamed = run_cli("rename-unit", "市卫生计生委", "市卫生健康委", folder, *flag)
        assert renamed.exit_code == 0, renamed.stderr
        service = f"{folder}/services/medical-assistance.yaml"
        texts = [line for line in renamed.stdout.splitlines() if "parts[1].standard" in line]
        standard = (tmp_path / service).read_text(encoding="utf-8")
        if flag:
            assert texts == [f"  市卫生计生委 → 市卫生健康委 in {service}: parts[1].standard (1×)"]
            assert "报市卫生健康委" in standard and "市卫生计生委" not in standard
        else:
            assert texts == [f"  left 市卫生计生委 in {service}: parts[1].standard (1×; --in-text rewrites it)"]
            assert "报市卫生计生委" in standard
            assert "QD705" in run_cli("validate", folder).stdout
            # what QD705 advises works after the rename too: the texts alone are rewritten
            again = run_cli("rename-unit", "市卫生计生委", "市卫生健康委", folder, "--in-text")
            assert again.exit_code == 0, again.stderr
            assert f"  市卫生计生委 → 市卫生健康委 in {service}: parts[1].standard (1×)" in again.stdout
            assert "QD705" not in run_cli("validate", folder).stdout
        (tmp_path / folder / "services" / "film-screening.yaml").unlink()  # items after 电影放映 move up by one
        numbered = run_cli("renumber", folder, *flag)
        assert numbered.exit_code == 0
        units = (tmp_path / folder / "units.yaml").read_text(encoding="utf-8")
        line = f"  item numbers {'rewritten' if flag else 'left'} in {folder}/units.yaml: units[14].note (3×"
        assert any(out.startswith(line) for out in numbered.stdout.splitlines()), numbered.stdout
        assert ("（第75、76、85项）" if flag else "（第76、77、86项）") in units


SECTION_ORDER = {"en": ["open regressions (只增不减)", "accepted regressions", "institutional reform (机构改革)",
                        "transfers of responsibility (职责转移)", "numbering and order", "2 农村义务教育学生营养改善",
                        "edition information"],
                 "zh": ["未接受的倒退（只增不减）", "已接受的倒退", "机构改革", "职责转移", "序号与顺序",
                        "2 农村义务教育学生营养改善", "版本信息"]}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_report_reads_in_a_reviewers_order_with_no_line_over_300(lineage: Path, run_cli: RunCli, language: str,
                                                                     fmt: str) -> None:
    """Open regressions, accepted ones, the reform, transfers, numbering, then the services in document order and
    the edition's metadata last; each change once; long texts as excerpts."""
    _regress(lineage / "2019")
    _accept(lineage / "2019", ACCEPTED.split("  - code: QC402")[0])  # one regression accepted, one open
    result = run_cli("--lang", language, "diff", "2017", "2019", "--format", fmt)
    assert result.exit_code == 1
    out = result.stdout
    prefix = "#### " if fmt == "markdown" else ""
    positions = []
    for title in SECTION_ORDER[language]:
        marker = f"<b>{title}" if fmt == "markdown" and title[0].isdigit() else f"{prefix}{title}"
        if fmt == "markdown" and title in ("edition information", "版本信息"):
            marker = f"<b>{title}</b>"
        assert marker in out, marker
        positions.append(out.index(marker))
    assert positions == sorted(positions)
    assert max(len(line) for line in out.splitlines()) <= 300
    # each transfer is told once, one line per service and column
    assert out.count("QC304") == 2
    assert len(re.findall(r"^  QC102 |<sub>QC102 ", out, re.MULTILINE)) == 1  # the removal, under its section


ENGLISH_IN_CHINESE = [
    re.compile(r"[（(](city|district|other)[)）]"),  # level codes
    re.compile(r"\b(note|level|counterpart|target|standard|funding|waivers|reason|city_units|district_units|"
               r"payers|quantities|previous|accepted|part)\b\s*[:：\[]"),  # key names
    re.compile(r"\b(regression|improvement|structural|editorial|renamed|merged|transfers?|changes?)\b"),  # titles
]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_chinese_report_has_no_english_code_key_name_or_part_id(lineage: Path, run_cli: RunCli,
                                                                    fmt: str) -> None:
    from qingdan.edition.pipeline import load_edition

    out = run_cli("--lang", "zh", "diff", "2017", "2019", "--format", fmt).stdout
    shown = re.sub(r"`[^`]*`|\(\S+\.(yaml|txt):\d+(:\d+)?\)", "", out)  # file locations are paths, not words
    for pattern in ENGLISH_IN_CHINESE:
        assert not pattern.search(shown), pattern.search(shown)
    parts = {p.id for edition in (load_edition(SHIPPED), load_edition(EXAMPLE)) for s in edition.services
             for p in s.parts}
    assert parts and not [p for p in parts if p in shown]
    assert "第2个子项" in shown  # 医疗救助's second part, by its place


def test_a_second_entry_for_the_same_change_is_stale(lineage: Path, run_cli: RunCli) -> None:
    _regress(lineage / "2019")
    second = ACCEPTED.split("  - code: QC402")[1]
    _accept(lineage / "2019", ACCEPTED + "  - code: QC402" + second)
    result = run_cli("validate", "2019", "--format", "json")
    assert result.exit_code == 1
    stale = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "QD704"]
    assert len(stale) == 1 and "boarding-student-allowance" in stale[0]["message"]
    text = (lineage / "2019" / "edition.yaml").read_text(encoding="utf-8").split("\n")
    assert stale[0]["line"] == [i + 1 for i, line in enumerate(text) if line.startswith("  - code: QC")][2]
