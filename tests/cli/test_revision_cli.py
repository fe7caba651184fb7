"""The rename-unit and renumber commands: what they print, their exit codes, and one line for bad input."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli


@pytest.fixture
def policies(tmp_path: Path, shipped_edition: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """./policies with 2017 and a revision 2019 made by new-edition, as the working directory."""
    shutil.copytree(shipped_edition, tmp_path / "policies" / "2017")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "policies"


def test_rename_unit_defaults_to_the_newest_edition_and_says_what_it_wrote(policies: Path, run_cli: RunCli) -> None:
    assert run_cli("new-edition", "policies/2017", "policies/2019").exit_code == 0
    result = run_cli("rename-unit", "区农委", "区农业农村委", "--since", "2019-03-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "renamed 区农委 → 区农业农村委 in policies/2019: 1 service, 2 files"
    assert "区农业农村委" in (policies / "2019" / "units.yaml").read_text(encoding="utf-8")
    assert "区农业农村委" not in (policies / "2017" / "units.yaml").read_text(encoding="utf-8")
    assert run_cli("validate").exit_code == 0


def test_rename_unit_dry_run_writes_nothing(policies: Path, run_cli: RunCli) -> None:
    before = (policies / "2017" / "units.yaml").read_bytes()
    result = run_cli("rename-unit", "区农委", "区农业农村委", "2017", "--dry-run")
    assert result.exit_code == 0 and "would have renamed" in result.stdout
    assert (policies / "2017" / "units.yaml").read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["区卫计委", "区卫生健康委", "2017"], "policies/2017/units.yaml: 区卫计委 is not a unit of units.yaml"),
    (["区农委", "区农委", "2017"], "区农委 and 区农委 are the same name"),
    (["区农委", "区农业农村委", "2016"], "qingdan: 2016: no such edition folder"),
    (["市农委", "区财政局", "2017"], "区财政局 is a district unit and 市农委 a city one: units of different levels are "
                                  "not merged"),
])
def test_rename_unit_refuses_bad_input_in_one_line(policies: Path, run_cli: RunCli, args: list[str],
                                                   message: str) -> None:
    result = run_cli("rename-unit", *args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr


def test_rename_unit_asks_which_edition_when_two_could_be_meant(policies: Path, run_cli: RunCli) -> None:
    shutil.copytree(policies / "2017", policies / "2017b")  # two editions, neither naming the other
    result = run_cli("rename-unit", "区农委", "区农业农村委")
    assert result.exit_code == 2 and "name the edition folder" in result.stderr


def test_rename_unit_refuses_a_date_that_is_not_one(policies: Path, run_cli: RunCli) -> None:
    result = run_cli("rename-unit", "区农委", "区农业农村委", "2017", "--since", "2019-13-01")
    assert result.exit_code == 2 and "is not a date" in result.stderr


def test_renumber_check_then_renumber(policies: Path, run_cli: RunCli) -> None:
    (policies / "2017" / "services" / "film-screening.yaml").unlink()
    check = run_cli("renumber", "2017", "--check")
    assert check.exit_code == 1 and "services would be renumbered" in check.stderr
    done = run_cli("renumber", "2017")
    assert done.exit_code == 0 and done.stdout.splitlines()[-1].endswith("files written)")
    assert run_cli("renumber", "2017", "--check").exit_code == 0


def test_summary_of_a_revision_with_its_notice_cleared_says_so(policies: Path, run_cli: RunCli) -> None:
    assert run_cli("new-edition", "policies/2017", "policies/2019").exit_code == 0
    result = run_cli("summary", "policies/2019")
    assert result.exit_code == 0, result.stderr
    assert "None" not in result.stdout
    assert result.stdout.splitlines()[:2] == [
        "policies/2019: no notice yet (edition.yaml's document is cleared until the new notice is published)",
        "  carries out 渝府办发〔2017〕184号; period 十三五 2016–2020; signed not yet, printed not yet"]


def test_a_revision_s_draft_goes_through_render_and_import(policies: Path, run_cli: RunCli) -> None:
    """render writes a cleared notice as placeholders (（文号待定）); import reads them back as empty fields, keeps
    previous and every service as they were, and the edition still loads."""
    from qingdan.io.loading import load_document

    assert run_cli("new-edition", "policies/2017", "policies/2019").exit_code == 0
    edition = policies / "2019"

    def data() -> dict[str, object]:
        return {str(path.relative_to(edition)): load_document(path).data
                for path in sorted(edition.rglob("*.yaml"))}

    before = data()
    rendered = run_cli("render", str(edition), "-o", "draft.txt")
    assert rendered.exit_code == 0, rendered.stderr
    assert "（文号待定）" in Path("draft.txt").read_text(encoding="utf-8")
    result = run_cli("import", "draft.txt", "--edition", "2019", "--out", str(edition))
    assert result.exit_code == 0, result.stderr
    after = data()
    assert after["edition.yaml"] == {**before["edition.yaml"], "source": "source.txt"}  # type: ignore[dict-item]
    # the rendered text has no stray 、, so import drops the one waiver that excused it (QD501 of item 67) and says so
    dropped = "services/free-cultural-facilities.yaml"
    assert [w["rule"] for w in before[dropped]["waivers"]] == ["QD501"]  # type: ignore[index]
    assert after[dropped] == {k: v for k, v in before[dropped].items() if k != "waivers"}  # type: ignore[attr-defined]
    assert {k: v for k, v in after.items() if k not in ("edition.yaml", dropped)} == \
        {k: v for k, v in before.items() if k not in ("edition.yaml", dropped)}
    assert run_cli("summary", str(edition)).exit_code == 0
