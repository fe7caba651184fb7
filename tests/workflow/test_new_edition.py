"""qingdan new-edition: a copy of the real edition with the notice cleared, the ids and the services kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from qingdan.edit.new_edition import CLEARED_LISTS, CLEARED_TEXT
from qingdan.edition.pipeline import load_edition
from qingdan.io.loading import load_document

if TYPE_CHECKING:
    from tests.conftest import RunCli


def test_new_edition_clears_the_notice_and_keeps_the_list(run_cli: RunCli, edition_copy: Path) -> None:
    target = edition_copy.parent / "2021"
    result = run_cli("new-edition", str(edition_copy), str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"created edition 2021 in {target} from {edition_copy} (previous: 2017)\n")
    assert "not copied: the official text of 2017" in result.stdout

    old, new = load_document(edition_copy / "edition.yaml").data, load_document(target / "edition.yaml").data
    assert new["edition"] == "2021"
    assert new["previous"] == "2017"
    assert new["source"] is None and not (target / "source.txt").exists()
    assert all(new["document"][key] is None for key in CLEARED_TEXT)
    assert all(new["document"][key] == [] for key in CLEARED_LISTS)
    for kept in ("parent", "period", "categories", "data_version"):
        assert new[kept] == old[kept]
    for path in (edition_copy / "services").iterdir():
        assert (target / "services" / path.name).read_bytes() == path.read_bytes()
    assert (target / "units.yaml").read_bytes() == (edition_copy / "units.yaml").read_bytes()

    edition = load_edition(target)  # still satisfies every schema
    assert [s.id for s in edition.services] == [s.id for s in load_edition(edition_copy).services]
    assert run_cli("fmt", "--check", str(target)).exit_code == 0


def test_new_edition_keeps_comments_of_the_kept_metadata(run_cli: RunCli, edition_copy: Path) -> None:
    path = edition_copy / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("period:\n", "# the plan this list belongs to\nperiod:\n"),
                    encoding="utf-8")
    assert run_cli("new-edition", str(edition_copy), str(edition_copy.parent / "next")).exit_code == 0
    assert "# the plan this list belongs to\nperiod:\n" in (edition_copy.parent / "next" / "edition.yaml").read_text(
        encoding="utf-8")


def test_new_edition_refuses_to_overwrite(run_cli: RunCli, edition_copy: Path) -> None:
    target = edition_copy.parent / "2021"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("new-edition", str(edition_copy), str(target))
    assert result.exit_code == 2
    assert result.stderr == f"qingdan: {target}: already exists; a new edition must not overwrite anything\n"
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_new_edition_refuses_a_folder_that_is_not_an_edition(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("new-edition", str(tmp_path), str(tmp_path / "2021"))
    assert result.exit_code == 2
    assert "not an edition folder" in result.stderr
    assert not (tmp_path / "2021").exists()


def test_the_diff_of_a_new_edition_shows_only_the_notice(run_cli: RunCli, edition_copy: Path) -> None:
    import json

    target = edition_copy.parent / "2021"
    assert run_cli("new-edition", str(edition_copy), str(target)).exit_code == 0
    result = run_cli("diff", str(edition_copy), str(target), "--format", "json", "--fail-on", "any")
    assert result.exit_code == 1, result.stderr
    changes = [change for report in json.loads(result.stdout)["reports"] for change in report["changes"]]
    assert changes, "the cleared notice is reported"
    assert {change["kind"] for change in changes} == {"metadata-changed"}
    assert all(change["service"] is None for change in changes)
