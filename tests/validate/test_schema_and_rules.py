"""Unit tests: schema findings in plain words at the right node; the small helpers the rules stand on."""

from __future__ import annotations

from pathlib import Path

from qingdan.check.rules.counterpart import closest
from qingdan.check.rules.hygiene import _stray_column
from qingdan.check.rules.text_agreement import canonical, has_number, quote_problem
from qingdan.core.model import Quantity
from qingdan.edition.schema_check import check_document
from qingdan.io.loading import parse_document

SERVICE = """id: demo
number: 5
category: basic-education
name: 示例服务
target: 学生
standard: 每生每年800元
funding: 区县负责
city_units:
  - 市教委
district_units:
  - 区教委
quantities:
  - name: 补助
    field: standard
    quote: 每生每年800元
    value: 800
    minimum: 1
    unit: 元
parts:
  - id: Bad_Id
    targt: 子项
    standard: null
    funding: null
    city_units: []
    district_units: []
"""


def _findings(text: str) -> list[tuple[int | None, int | None, str]]:
    document = parse_document(text, "demo.yaml", Path("demo.yaml"))
    return sorted((f.location.line, f.location.column, f.text) for f in check_document(document, "service"))


def test_every_violation_is_reported_at_its_node() -> None:
    assert _findings(SERVICE) == [
        (13, 5, "quantities[0] needs exactly one of these key sets: 'value' | 'minimum' and 'maximum'"),
        (20, 5, "parts[0] lacks the required key 'target' (服务对象)"),
        (20, 9, "parts[0].id 'Bad_Id' is not lower-case ASCII words joined by hyphens, such as medical-aid"),
        (21, 5, "unknown key 'targt' in parts[0] (did you mean 'target' (服务对象)?)"),
    ]


def test_schema_findings_name_the_service_and_part() -> None:
    document = parse_document(SERVICE.replace("Bad_Id", "good"), "demo.yaml", Path("demo.yaml"))
    services = {(f.subject.service, f.subject.label, f.subject.part) for f in check_document(document, "service")}
    assert services == {("demo", "5 示例服务", None), ("demo", "5 示例服务", "good")}


def test_type_and_empty_document_messages() -> None:
    assert _findings(SERVICE.replace("number: 5", "number: five"))[0][2] == (
        "number (序号) should be a whole number, found 'five'")
    document = parse_document("", "empty.yaml", Path("empty.yaml"))
    (finding,) = check_document(document, "units")
    assert finding.text == "the document should be a mapping of keys, found (empty)"


def test_canonical_numbers_and_whole_number_matching() -> None:
    assert [canonical(800.0), canonical(4.7), canonical(0.5)] == ["800", "4.7", "0.5"]
    assert has_number("补助800元", 800, "元") and not has_number("补助1800元", 800, "元")
    assert not has_number("0.55%", 0.5, "%") and has_number("费率0.5%", 0.5, "%")


def test_quote_problems() -> None:
    single = Quantity("a", "standard", "每生800元", "元", value=800)
    assert quote_problem(single, "对每生800元补助") is None
    assert quote_problem(single, "对每生900元补助") == ("not-in-text", {"quote": "每生800元", "field": "standard"})
    ranged = Quantity("r", "standard", "1000―3000元", "元", minimum=1000, maximum=3000)
    assert quote_problem(ranged, "补助1000―3000元") is None
    assert quote_problem(Quantity("r", "standard", "1000―3000元", "元", minimum=1000, maximum=4000),
                         "补助1000―3000元") == ("no-range", {"quote": "1000―3000元", "range": "1000–4000元"})


def test_closest_unit_and_stray_column() -> None:
    assert closest("区教委员会", ["区财政局", "区教委", "区民政局"]) == "区教委"
    assert _stray_column("\t区文化委、区财政局、") == 11
    assert _stray_column("\t区文化委、、区财政局") == 7  # the second of the two
    assert _stray_column("\t、区文化委") == 2


NAMES_ONLY = "id: vaccination\nnumber: 1\ncategory: health\nname: 预防接种\nunknown:\n  - target\n  - standard\n" \
             "  - funding\n  - city_units\n  - district_units\n"


def test_a_row_of_names_only_lists_its_five_unknown_columns_and_holds_none_of_them() -> None:
    assert _findings(NAMES_ONLY) == []
    both = "the document needs exactly one of these key sets: 'target' and 'standard' and 'funding' and " \
           "'city_units' and 'district_units' | 'unknown'"
    assert _findings(NAMES_ONLY + "target: 儿童\n") == [(1, 1, both)]
    assert _findings(NAMES_ONLY.replace("  - funding\n", "")) == [(6, 3, "unknown (未知列) needs at least 5 items")]
    # a service that has some of its columns is told the one it lacks, as before
    row = "id: vaccination\nnumber: 1\ncategory: health\nname: 预防接种\ntarget: 儿童\nstandard: 免费\n" \
          "funding: 财政\ncity_units:\n  - 市卫生计生委\n"
    assert [m for _, _, m in _findings(row)] == ["missing the required key 'district_units' (区级对接落实责任部门)"]
