"""QD102's suggestions on the real registry (policies/2017/units.yaml): a typo of a registered unit is offered the
unit it misspells, a unit the registry does not have yet is offered nothing, and never a unit of the other level."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from qingdan.check.rules.counterpart import COLUMN_LEVELS, closest
from qingdan.check.validation import validate_paths
from qingdan.edition.pipeline import load_edition

BASELINE = Path(__file__).parents[1] / "validate" / "cases" / "valid" / "baseline"

# Units of Wanzhou district that the 2017 registry lacks (most created in the 2018-2019 reorganisation).
NEW_DISTRICT_UNITS = ["区医疗保障局", "区应急管理局", "区退役军人事务局", "区市场监管局", "区生态环境局",
                      "区大数据发展局", "区规划自然资源局", "区交通局", "区水利局", "区商务委", "区林业局", "区审计局",
                      "区统计局", "区公安局", "区税务局", "区科技局", "区发展改革委", "区城市管理局",
                      "区住房城乡建委", "区卫生健康委"]
# Renamed successors of registered units are offered their predecessor (the registry records a rename with
# `replaces`, see qingdan rename-unit): the only new names that get a suggestion.
RENAMED = {"区住房城乡建委": "区城乡建委", "区卫生健康委": "区卫生计生委"}


@pytest.fixture(scope="module")
def registry(shipped_edition: Path) -> dict[str, list[str]]:
    units = load_edition(shipped_edition).units
    return {column: [unit.name for unit in units if unit.level in levels] for column, levels in COLUMN_LEVELS.items()}


def _typos(name: str) -> list[str]:
    """Every name one character off: one dropped, replaced or inserted (never the first, the level's 市 or 区)."""
    return [typo for i in range(1, len(name))
            for typo in (name[:i] + name[i + 1:], name[:i] + "某" + name[i + 1:], name[:i] + "某" + name[i:])]


@pytest.mark.parametrize("column", sorted(COLUMN_LEVELS))
def test_a_typo_is_offered_the_unit_it_misspells(column: str, registry: dict[str, list[str]]) -> None:
    known = registry[column]
    checked = 0
    for name in known:
        for typo in _typos(name):
            if typo in known:
                continue
            checked += 1
            offered = closest(typo, known)
            ratio = difflib.SequenceMatcher(None, typo, name).ratio()
            # where two registered names are equally close (区政局: 区财政局 or 区民政局), either is a fair guess
            assert offered and difflib.SequenceMatcher(None, typo, offered).ratio() >= ratio, (typo, name, offered)
    assert checked > 150


def test_a_new_unit_is_offered_nothing(registry: dict[str, list[str]]) -> None:
    offered = {name: closest(name, registry["district_units"]) for name in NEW_DISTRICT_UNITS}
    assert {name: unit for name, unit in offered.items() if unit} == RENAMED


def test_a_unit_is_offered_only_units_of_its_column_level(registry: dict[str, list[str]]) -> None:
    assert closest("区民证局", registry["district_units"]) == "区民政局"
    assert closest("区民证局", registry["city_units"]) == ""  # 市民政局 is a city unit
    assert closest("市民证局", registry["city_units"]) == "市民政局"
    assert closest("市民证局", registry["district_units"]) == ""


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    # a district unit misspelt in a row: not also a missing counterpart (QD101) and a wrong lead (QD104)
    ("services/medical-aid.yaml", "district_units:\n  - 区财政局\n", "district_units:\n  - 区财攻局\n",
     [("QD102", "区财攻局 is not in units.yaml; did you mean 区财政局?")]),
    # a counterpart misspelt in units.yaml: not also missing from every row of its city unit
    ("units.yaml", "counterpart: 区财政局\n", "counterpart: 区财攻局\n",
     [("QD102", "the counterpart 区财攻局 of 市财政局 is not in units.yaml; did you mean 区财政局?")]),
    # a new district unit as the lead: QD102 says to register it; the city lead's counterpart is still missing
    ("services/medical-aid.yaml", "district_units:\n  - 区财政局\n", "district_units:\n  - 区医疗保障局\n",
     [("QD101", "区财政局, the district counterpart of 市财政局, is missing from district_units"),
      ("QD102", "区医疗保障局 is not in units.yaml: if it is a new unit, add it to units.yaml (level: district)")]),
], ids=["row-typo", "counterpart-typo", "new-lead"])
def test_an_unknown_unit_is_reported_once_as_the_cause(file: str, old: str, new: str,
                                                       expected: list[tuple[str, str]], tmp_path: Path) -> None:
    edition = tmp_path / "2017"
    shutil.copytree(BASELINE, edition, ignore=shutil.ignore_patterns("expected", "covers.txt"))
    text = (edition / file).read_text(encoding="utf-8")
    assert old in text
    (edition / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    report = validate_paths([edition])
    assert [(finding.code, finding.text) for finding in report.active] == expected
