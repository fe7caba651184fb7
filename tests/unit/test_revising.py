"""rename-unit, renumber, the lineage they record, and the all-or-nothing writer behind them, on copies of the
real edition."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.core.errors import InputError, OutputError
from qingdan.core.model import Unit
from qingdan.edit.new_edition import new_edition
from qingdan.edit.renaming import rename_unit
from qingdan.edit.renumbering import renumber
from qingdan.edition.lineage import Lineage, Succession
from qingdan.edition.pipeline import load_edition
from qingdan.io.staging import write_all

if TYPE_CHECKING:
    from _typeshed import StrPath


@pytest.fixture
def revision(edition_copy: Path) -> Path:
    return new_edition(edition_copy, edition_copy.parent / "2019")


def _named(edition_path: Path, name: str) -> list[str]:
    edition = load_edition(edition_path)
    return [s.id for s in edition.services if any(name in (*r.city_units, *r.district_units) for _, r in s.rows())]


def test_lineage_tells_renames_merges_and_splits_apart() -> None:
    lineage = Lineage.of([Unit("甲新", "district", replaces=("甲",)), Unit("乙丙", "district", replaces=("乙", "丙")),
                          Unit("丁一", "district", replaces=("丁",)), Unit("丁二", "district", replaces=("丁",))])
    assert [(e.kind, e.old, e.new) for e in lineage.events] == [
        (Succession.RENAME, ("甲",), ("甲新",)), (Succession.MERGE, ("乙", "丙"), ("乙丙",)),
        (Succession.SPLIT, ("丁",), ("丁一", "丁二"))]
    assert lineage.successor("甲") == "甲新" and lineage.successor("丁") == "丁" and lineage.successor("戊") == "戊"
    assert lineage.of_name("丁") == ("丁一", "丁二") and lineage.of_name("戊") == ("戊",)


def test_rename_changes_the_registry_the_counterparts_and_every_row(revision: Path) -> None:
    before = _named(revision, "区卫生计生委")
    done = rename_unit(revision, "区卫生计生委", "区卫生健康委", since="2019-03-01", basis="示例")
    edition = load_edition(revision)
    unit = edition.unit("区卫生健康委")
    assert (unit.replaces, str(unit.since), unit.basis) == (("区卫生计生委",), "2019-03-01", "示例")
    assert edition.unit("市卫生计生委").counterpart == "区卫生健康委"
    assert _named(revision, "区卫生计生委") == [] and _named(revision, "区卫生健康委") == before
    assert sorted(done.services) == sorted(before) and not done.merged
    assert len(done.files) == len(before) + 1  # every service that named it, and units.yaml


def test_renaming_into_an_existing_unit_merges_and_names_it_once(revision: Path) -> None:
    rename_unit(revision, "区城乡建委", "区住房城乡建委")
    done = rename_unit(revision, "区国土房管局", "区住房城乡建委")
    assert done.merged
    edition = load_edition(revision)
    assert edition.unit("区住房城乡建委").replaces == ("区城乡建委", "区国土房管局")
    with pytest.raises(KeyError):
        edition.unit("区国土房管局")
    housing = edition.service("disability-housing")  # named both: the successor once, where the first stood
    assert housing.district_units.count("区住房城乡建委") == 1


def test_renaming_twice_still_succeeds_the_predecessors_unit(revision: Path) -> None:
    rename_unit(revision, "区农委", "区农业委")
    rename_unit(revision, "区农业委", "区农业农村委")
    assert load_edition(revision).unit("区农业农村委").replaces == ("区农委",)


def test_rename_refuses_an_unknown_unit_and_writes_nothing(revision: Path) -> None:
    before = {p: p.read_bytes() for p in revision.rglob("*.yaml")}
    with pytest.raises(InputError, match=r"区卫计委 is not a unit of units\.yaml"):
        rename_unit(revision, "区卫计委", "区卫生健康委")
    assert {p: p.read_bytes() for p in revision.rglob("*.yaml")} == before


def test_renumber_puts_an_inserted_service_before_the_one_whose_number_it_took(revision: Path) -> None:
    source = revision / "services" / "employment-assistance.yaml"
    inserted = revision / "services" / "veterans-service.yaml"
    inserted.write_text(source.read_text(encoding="utf-8").replace("id: employment-assistance", "id: veterans-service")
                        .replace("name: 就业援助", "name: 退役军人服务"), encoding="utf-8")  # number 15 twice
    moved, files, _texts = renumber(revision)
    edition = load_edition(revision)
    assert [s.number for s in edition.services] == list(range(1, 89))
    assert edition.service("veterans-service").number == 15 and edition.service("employment-assistance").number == 16
    assert moved[0].id == "employment-assistance" and (moved[0].old, moved[0].new) == (15, 16)
    assert len(files) == len(moved) == 88 - 15


def test_renumber_closes_a_gap_and_then_has_nothing_to_do(revision: Path) -> None:
    (revision / "services" / "film-screening.yaml").unlink()
    moved, _, _ = renumber(revision)
    assert [s.number for s in load_edition(revision).services] == list(range(1, 87))
    assert moved and renumber(revision) == ([], [], [])


def test_write_all_puts_back_what_it_replaced_when_one_file_fails(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("old a\n", encoding="utf-8")
    second.write_text("old b\n", encoding="utf-8")
    replace = os.replace

    def failing(source: StrPath, target: StrPath) -> None:
        if Path(str(target)) == second:
            raise OSError(28, "no space left on the disk")
        replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OutputError, match=r"b\.yaml: cannot write: no space left on the disk"):
        write_all({first: "new a\n", second: "new b\n"})
    monkeypatch.undo()
    assert first.read_text(encoding="utf-8") == "old a\n" and second.read_text(encoding="utf-8") == "old b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]  # no temporary file left


def test_new_edition_carries_no_succession_into_the_next(revision: Path, tmp_path: Path) -> None:
    rename_unit(revision, "区农委", "区农业农村委")
    following = new_edition(revision, tmp_path / "2021")
    assert load_edition(following).unit("区农业农村委").replaces == ()
    shutil.rmtree(following)


def test_renumbering_moves_no_finding_of_the_source_text(edition_copy: Path) -> None:
    """QD501 is found in source.txt and tied to its service by name: after a service is inserted and the list
    renumbered, it still lands on 公共文化设施免费开放 (now 68), and that service's waiver still matches it."""
    from qingdan.check.validation import validate_edition

    source = edition_copy / "services" / "employment-assistance.yaml"
    (edition_copy / "services" / "veterans-service.yaml").write_text(
        source.read_text(encoding="utf-8").replace("id: employment-assistance", "id: veterans-service")
        .replace("name: 就业援助", "name: 退役军人服务"), encoding="utf-8")
    renumber(edition_copy)
    report = validate_edition(edition_copy)
    stray = [f for f in report.findings if f.code == "QD501"]
    assert [(f.subject.service, f.subject.label, f.waived) for f in stray] == [
        ("free-cultural-facilities", "68 公共文化设施免费开放", True)]
    assert report.ok and not [f for f in report.findings if f.code == "QD601"]


def test_a_predecessor_validated_in_the_same_run_is_not_read_again(revision: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from qingdan.check import validation
    from qingdan.edition import pipeline
    from qingdan.edition.load import EditionFiles, FileSource, read_edition_files

    reads: list[str] = []
    original = read_edition_files  # the function the load pipeline imported

    def reading(source: FileSource, name: str = "") -> EditionFiles:
        reads.append(name)
        return original(source, name)

    monkeypatch.setattr(pipeline, "read_edition_files", reading)
    report = validation.validate_paths([revision.parent / "2017", revision])
    assert report.ok and sorted(reads) == ["2017", "2019"]
