"""Re-importing keeps what curators added: ids, structured fields, waivers, registry notes, comments."""

from __future__ import annotations

from pathlib import Path

from qingdan.importing import import_source
from qingdan.loading import load_document


def test_reimport_keeps_curated_fields_and_comments_but_restores_text(edition_copy: Path) -> None:
    path = edition_copy / "services" / "rural-student-nutrition.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: 农村义务教育学生营养改善", "name: 改过的名字  # an editor's comment")
    text += ("payers:\n  - central\nquantities:\n  - name: 营养膳食补助\n    field: standard\n"
             "    quote: 每生每年800元\n    value: 800\n    unit: 元\n# curated by hand\n")
    path.write_text(text, encoding="utf-8")
    units = edition_copy / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "note: The city communications administration", "note: EDITED The city communications administration"),
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


def test_failed_import_writes_nothing(edition_copy: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text((edition_copy / "source.txt").read_text(encoding="utf-8").replace("\t序号\n", "\t编号\n"),
                      encoding="utf-8")
    before = {p: p.read_bytes() for p in edition_copy.rglob("*") if p.is_file()}
    try:
        import_source(broken, "2017", edition_copy)
    except Exception as error:  # noqa: BLE001 - the type is asserted below
        assert type(error).__name__ == "SourceFormatError"
    after = {p: p.read_bytes() for p in edition_copy.rglob("*") if p.is_file()}
    assert before == after
