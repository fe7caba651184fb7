"""Re-importing keeps what curators added: ids, structured fields, waivers, registry notes, comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from qingdan.core.errors import InputError
from qingdan.edit.importing import import_source
from qingdan.io.loading import load_document
from qingdan.io.writing import dumps


def test_reimport_keeps_curated_fields_and_comments_but_restores_text(edition_copy: Path) -> None:
    path = edition_copy / "services" / "rural-student-nutrition.yaml"
    data = load_document(path).data
    data["name"] = "改过的名字"
    data["payers"] = ["central"]
    data["quantities"] = [{"name": "营养膳食补助", "field": "standard", "quote": "每生每年800元", "value": 800,
                           "unit": "元"}]
    path.write_text(dumps(data, "service") + "# curated by hand\n", encoding="utf-8")
    units = edition_copy / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "note: 市通信管理局在区县没有派出机构", "note: EDITED 市通信管理局在区县没有派出机构"),
        encoding="utf-8")

    report = import_source(edition_copy / "source.txt", "2017", edition_copy)

    assert report.written == ("services/rural-student-nutrition.yaml",)
    data = load_document(path).data
    assert data["name"] == "农村义务教育学生营养改善"  # the published text wins
    assert data["quantities"][0]["value"] == 800       # curated fields survive
    assert data["payers"] == ["central"]
    assert "# curated by hand" in path.read_text(encoding="utf-8")
    assert "EDITED" in units.read_text(encoding="utf-8")


def test_a_service_missing_from_the_folder_is_recreated_with_a_new_id(edition_copy: Path) -> None:
    (edition_copy / "services" / "hotline-12333.yaml").unlink()
    report = import_source(edition_copy / "source.txt", "2017", edition_copy)
    (created,) = report.written
    assert created.startswith("services/service-")
    assert load_document(edition_copy / created).data["number"] == 19
    assert report.new_ids == (created.removeprefix("services/").removesuffix(".yaml"),)


def test_a_duplicate_key_stops_the_import_naming_the_file_and_line(edition_copy: Path) -> None:
    path = edition_copy / "services" / "vaccination.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "number: 99\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(InputError) as caught:
        import_source(edition_copy / "source.txt", "2017", edition_copy)
    assert (caught.value.path, caught.value.line) == (path, len(before.decode("utf-8").splitlines()))
    assert "duplicate key" in caught.value.message
    assert path.read_bytes() == before


def test_failed_import_writes_nothing(edition_copy: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text((edition_copy / "source.txt").read_text(encoding="utf-8").replace("\t序号\n", "\t编号\n"),
                      encoding="utf-8")
    before = {p: p.read_bytes() for p in edition_copy.rglob("*") if p.is_file()}
    try:
        import_source(broken, "2017", edition_copy)
    except Exception as error:
        assert type(error).__name__ == "SourceFormatError"
    after = {p: p.read_bytes() for p in edition_copy.rglob("*") if p.is_file()}
    assert before == after
