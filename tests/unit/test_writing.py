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


def test_leftovers_removes_what_remove_stale_beside_removes(tmp_path: Path) -> None:
    """Leftovers (one listing per folder, for a site's many files) removes, file by file, exactly what
    remove_stale_beside removes for that file: its own .NAME.XXXXXXXX.tmp files and .old folders, nothing else."""
    import shutil

    from qingdan.io.atomic import Leftovers, remove_stale_beside

    def folder(root: Path) -> Path:
        root.mkdir()
        (root / ".a.html.abcd1234.tmp").write_text("x", encoding="utf-8")
        (root / ".a.html.k_9zzzzz.old").mkdir()
        (root / ".a.html.k_9zzzzz.old" / "inner").write_text("x", encoding="utf-8")
        (root / ".b.html.abcd1234.tmp").write_text("x", encoding="utf-8")
        (root / ".a.html.abc.tmp").write_text("not eight characters", encoding="utf-8")
        (root / ".x.a.html.abcd1234.tmp").write_text("another file's", encoding="utf-8")
        (root / "a.html").write_text("kept", encoding="utf-8")
        (root / ".c.html.abcd1234.tmp").symlink_to(root / "a.html")
        return root

    reference, fast = folder(tmp_path / "reference"), tmp_path / "fast"
    shutil.copytree(reference, fast, symlinks=True)
    leftovers = Leftovers()
    for name in ("a.html", "c.html", "a.html", "missing.html"):
        expected = [entry.name for entry in remove_stale_beside(reference / name)]
        assert sorted(entry.name for entry in leftovers.remove(fast / name)) == sorted(expected)
    assert sorted(p.name for p in fast.iterdir()) == sorted(p.name for p in reference.iterdir())
    assert (fast / ".b.html.abcd1234.tmp").exists()  # a file not written keeps its leftover
