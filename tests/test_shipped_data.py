"""The shipped edition, as downstream users get it: counts, registry coverage, schemas (format checking on)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import qingdan
from qingdan.edition.load import DirectorySource, read_edition_files

CATEGORY_SIZES = [12, 10, 7, 20, 14, 3, 11, 10]


@pytest.fixture(scope="module")
def edition(shipped_edition: Path) -> qingdan.Edition:
    return qingdan.load(shipped_edition)


def test_87_services_in_8_categories_of_the_published_sizes(edition: qingdan.Edition) -> None:
    assert len(edition.services) == 87
    assert [c.numeral for c in edition.categories] == list("一二三四五六七八")
    assert [len(edition.services_in(c.id)) for c in edition.categories] == CATEGORY_SIZES
    assert [s.number for s in edition.services] == list(range(1, 88))


def test_item_52_has_two_parts_and_nothing_else_has_any(edition: qingdan.Edition) -> None:
    medical = edition.service(52)
    assert medical.name == "医疗救助"
    assert [(p.target or "").split("：")[0] for p in medical.parts] == ["重特大疾病医疗救助对象", "疾病应急救助对象"]
    assert [s.number for s in edition.services if s.parts] == [52]


def test_every_unit_used_is_in_the_registry_and_counterparts_exist(edition: qingdan.Edition) -> None:
    registry = {u.name: u for u in edition.units}
    used = {name for s in edition.services for _, row in s.rows() for name in row.city_units + row.district_units}
    assert used <= set(registry)
    for unit in registry.values():
        if unit.counterpart is not None:
            assert registry[unit.counterpart].level in ("district", "other")
    assert registry["市体育局"].counterpart == "区文化委"
    assert registry["市民族宗教委"].counterpart == "区委统战部"
    assert registry["市通信管理局"].counterpart is None and registry["市通信管理局"].note


def test_metadata_of_the_notice(edition: qingdan.Edition) -> None:
    meta = edition.metadata
    assert meta.document_number == "万州府办发〔2018〕10号"
    assert (str(meta.signed), str(meta.printed)) == ("2018-01-31", "2018-02-01")
    assert meta.parent is not None and meta.parent.number == "渝府办发〔2017〕184号"
    assert (meta.level, meta.parent_edition) == ("district", "national-2017")
    assert [h for h, _ in meta.requirements] == ["提高认识", "加强保障", "落实责任"]
    assert (meta.period_name, meta.period_start, meta.period_end) == ("十三五", 2016, 2020)


def test_every_yaml_file_is_valid_against_its_schema(shipped_edition: Path, repo_root: Path) -> None:
    files = read_edition_files(DirectorySource(shipped_edition))
    checked = 0
    for kind, document in files.documents():
        schema = json.loads((repo_root / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = [f"{document.name}: {e.message}" for e in validator.iter_errors(document.data)]
        assert errors == []
        checked += 1
    assert checked == 89  # edition.yaml, units.yaml and 87 service files


def test_every_schema_property_has_a_title_and_description(repo_root: Path) -> None:
    missing = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if "title" not in prop or "description" not in prop:
                    missing.append(f"{where}/{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{where}/{index}")

    for path in sorted((repo_root / "schema").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$id"].rsplit(":", 1)[-1][0].isdigit(), f"{path.name}: $id carries no version"
        walk(schema, path.name)
    assert missing == []
