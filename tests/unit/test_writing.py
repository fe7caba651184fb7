"""writing.py: the canonical form, safe quoting, atomic replacement."""

from __future__ import annotations

from pathlib import Path

import pytest

from qingdan.io.atomic import write_atomic
from qingdan.io.loading import parse_document
from qingdan.io.quoting import needs_quotes
from qingdan.io.writing import dumps


@pytest.mark.parametrize("text", ["8:2", "190:20:30", "yes", "No", "on", "2018-01-31", "1.0", "12", "null", "~",
                                  "", " padded", "0x1F", "1_000"])
def test_strings_a_yaml_reader_would_misread_need_quotes(text: str) -> None:
    assert needs_quotes(text)


@pytest.mark.parametrize("text", ["市财政局", "每生每年800元", "8∶2", "1.0.0", "万州府办发〔2018〕10号",
                                  "区文化委、区财政局"])
def test_ordinary_text_stays_plain(text: str) -> None:
    assert not needs_quotes(text)


def test_dumps_orders_keys_as_the_schema_and_round_trips() -> None:
    data = {"district_units": ["区教委"], "name": "免费义务教育", "id": "x", "number": 1, "category": "c",
            "target": "多行\n文本", "standard": None, "funding": "8:2", "city_units": ["市教委"]}
    text = dumps(data, "service")
    assert [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")] == \
        ["id", "number", "category", "name", "target", "standard", "funding", "city_units", "district_units"]
    assert 'funding: "8:2"' in text
    assert "standard: null" in text
    assert "target: |-\n  多行\n  文本" in text
    assert parse_document(text, "x.yaml").data == data


def test_write_atomic_replaces_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "新")
    assert target.read_text(encoding="utf-8") == "新"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]
