"""Property: fmt of hand-edited copies of the real edition files keeps the data and every comment, and is idempotent.

An edit here is what editors do by hand: reorder keys, retype a value (including text a YAML 1.1 reader misreads),
write in another indentation, flow or line-wrapping style, and add comments.
"""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from qingdan.edit.formatting import edition_files, format_text, kind_of
from qingdan.io.loading import load_document, parse_document
from qingdan.io.writing import find_comments

SHIPPED = Path(__file__).resolve().parents[2] / "policies" / "2017"
FILES = edition_files(SHIPPED)

TRICKY = ["8:2", "yes", "No", "on", "2018-01-31", "null", "~", "0x1F", "1e3", "010", "a: b", "- x", "#hash",
          "x # y", "'q'", '"dq"', " lead", "trail ", "多行\n文本", "80%", "[x]", "{y}", "@at", "`tick", "!", "&a", "*b"]
ALPHABET = "区市财政局服务元%:#-' \"\n0123456789ab"
TEXT = st.one_of(st.sampled_from(TRICKY), st.text(st.sampled_from(ALPHABET), max_size=12))


def _strings(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _strings(value, (*path, key))]
    if isinstance(data, list):
        return [p for index, value in enumerate(data) for p in _strings(value, (*path, index))]
    return [path] if isinstance(data, str) else []


def _shuffled(data: Any, rng: random.Random) -> Any:
    if isinstance(data, dict):
        keys = list(data)
        rng.shuffle(keys)
        return {key: _shuffled(data[key], rng) for key in keys}
    if isinstance(data, list):
        return [_shuffled(item, rng) for item in data]
    return data


def _emit(data: Any, mapping: int, offset: int, flow: bool, width: int) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = None if flow else False
    yaml.allow_unicode = True
    yaml.width = width
    yaml.indent(mapping=mapping, sequence=mapping + offset, offset=offset)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _add_comments(text: str, rng: random.Random, count: int) -> str:
    """Comment lines above top-level keys and after keys that open a block: places a comment cannot change data."""
    lines = text.splitlines()
    for _ in range(count):
        index = rng.randrange(len(lines))
        line = lines[index]
        if line[:1].isalpha():
            lines.insert(index, f"# 注{index}")
        elif line.rstrip().endswith(":") and not line.lstrip().startswith("#"):
            lines[index] = f"{line}  # 尾{index}"
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(FILES), seed=st.integers(0, 2**32), edits=st.lists(TEXT, max_size=4),
       mapping=st.sampled_from([2, 4]), offset=st.sampled_from([0, 2]), flow=st.booleans(),
       width=st.sampled_from([40, 80, 4096]), comments=st.integers(0, 6))
def test_fmt_keeps_data_and_comments_and_is_idempotent(file: Path, seed: int, edits: list[str], mapping: int,
                                                       offset: int, flow: bool, width: int, comments: int) -> None:
    rng = random.Random(seed)
    data = load_document(file).data
    targets = _strings(data)
    for text in edits:
        *parent, last = rng.choice(targets)
        node = data
        for step in parent:
            node = node[step]
        node[last] = text
    edited = _add_comments(_emit(_shuffled(data, rng), mapping, offset, flow, width), rng, comments)
    assert parse_document(edited, "edited").data == data, "the edit itself must be a faithful YAML text"

    kind = kind_of(file)
    once = format_text(edited, kind, "edited")
    assert parse_document(once, "once").data == data
    assert sorted(c.text for c in find_comments(once)) == sorted(c.text for c in find_comments(edited))
    assert format_text(once, kind, "once") == once
