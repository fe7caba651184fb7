"""The official-text parser on small fixtures, one edge case each, and on the real document."""

from __future__ import annotations

from pathlib import Path

import pytest

from qingdan.core.errors import SourceFormatError
from qingdan.io import official_text
from qingdan.io.official_text import CategoryRow, TableRow

FIXTURES = Path(__file__).parent / "fixtures"


def parse(name: str) -> official_text.SourceDocument:
    return official_text.parse((FIXTURES / name).read_text(encoding="utf-8"), source=name)


def test_minimal_document_has_notice_table_and_footer() -> None:
    doc = parse("minimal.txt")
    assert doc.document_number == "万州府办发〔2018〕10号"
    assert doc.title == "重庆市万州区人民政府办公室关于印发测试清单任务分工的通知"
    assert [h for h, _ in doc.requirements] == ["提高认识", "加强保障"]
    assert (doc.signed, doc.printed) == ("2018-01-31", "2018-02-01")
    assert doc.copy_to == ("区委办公室", "区法院")
    assert doc.parent_number == "渝府办发〔2017〕184号"
    assert doc.table_title == "测试清单任务分工"
    (service,) = doc.services
    assert service.city_units == ("市财政局", "市教委")
    assert service.standard == "每生每年800元。"


def test_continuation_lines_join_with_a_line_break_and_are_reported() -> None:
    doc = parse("continuation.txt")
    (service,) = doc.services
    assert service.target == "1．重点对象。\n2．低收入对象。\n3．重病患者"
    continued = [n for n in doc.normalisations if n.code == "continuation" and "cell of line" in n.detail]
    assert [n.line for n in continued] == [service.line + 3, service.line + 4]


def test_sub_rows_are_parts_with_their_own_cells() -> None:
    doc = parse("subrows.txt")
    rows = [r for r in doc.rows if isinstance(r, TableRow)]
    assert [r.is_part for r in rows] == [False, True, True]
    assert rows[1].standard == "" and rows[1].funding == ""
    assert rows[2].standard == "支付不超过1.5万元。"
    assert len(doc.services) == 1


def test_category_rows_start_categories() -> None:
    doc = parse("categories.txt")
    categories = [r for r in doc.rows if isinstance(r, CategoryRow)]
    assert [(c.numeral, c.name) for c in categories] == [("一", "基本公共教育"), ("二", "基本劳动就业创业")]


def test_trailing_separator_drops_the_empty_unit_and_reports_it() -> None:
    doc = parse("trailing-separator.txt")
    (service,) = doc.services
    assert service.district_units == ("区文化委", "区财政局")
    (dropped,) = [n for n in doc.normalisations if n.code == "empty-unit"]
    assert dropped.line == service.line + 6


@pytest.mark.parametrize(("name", "line", "words"), [
    ("malformed-row.txt", 38, "this one has 3"),
    ("bad-number.txt", 30, "should hold digits"),
    ("no-table.txt", 1, "no table found"),
])
def test_malformed_input_names_its_line(name: str, line: int, words: str) -> None:
    with pytest.raises(SourceFormatError) as caught:
        parse(name)
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(f"{name}:{line}: ")


def test_real_document_has_89_rows_in_8_categories(shipped_edition: Path) -> None:
    doc = official_text.parse((shipped_edition / "source.txt").read_text(encoding="utf-8"))
    rows = [r for r in doc.rows if isinstance(r, TableRow)]
    assert len(rows) == 89
    assert len(doc.services) == 87
    assert [int(s.number) for s in doc.services] == list(range(1, 88))
    assert sum(isinstance(r, CategoryRow) for r in doc.rows) == 8
    codes = sorted({(n.code, n.line) for n in doc.normalisations if n.code != "continuation"})
    assert codes == [("empty-unit", 603)]
