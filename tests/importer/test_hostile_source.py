"""A damaged source text is refused with its line; it never makes import drop services or curated data."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from qingdan.core.errors import InputError, SourceFormatError
from qingdan.edit.importing import import_source


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _table_rows(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    """The source split into the lines before the table, its blank-separated blocks, and the lines after it."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("\t"))
    blocks: list[list[str]] = []
    current: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if line.startswith("\t") or (line.strip() and current):
            current.append(line)
        elif not line.strip():
            if current:
                blocks.append(current)
                current = []
            elif blocks and not lines[index + 1].startswith("\t"):
                break
        else:
            break
        index += 1
    return lines[:start], blocks, lines[index:]


def _join(head: list[str], blocks: list[list[str]], tail: list[str]) -> str:
    return "\n".join(head + [line for block in blocks for line in [*block, ""]] + tail)


@pytest.mark.parametrize("stray", [["— 5 —", ""], ["— 5 —"]], ids=["own-paragraph", "below-a-cell"])
def test_a_stray_line_inside_the_table_is_refused_with_its_line(edition_copy: Path, stray: list[str]) -> None:
    lines = (edition_copy / "source.txt").read_text(encoding="utf-8").split("\n")
    at = lines.index("\t10") - (0 if len(stray) == 2 else 1)
    lines[at:at] = stray
    damaged = edition_copy.parent / "damaged.txt"
    damaged.write_text("\n".join(lines), encoding="utf-8")
    before = _snapshot(edition_copy)
    with pytest.raises(SourceFormatError) as caught:
        import_source(damaged, "2017", edition_copy)
    assert caught.value.line == at + 1
    assert "does not start with a tab" in caught.value.message
    assert _snapshot(edition_copy) == before


def test_a_row_whose_tabs_were_lost_is_refused(edition_copy: Path) -> None:
    lines = (edition_copy / "source.txt").read_text(encoding="utf-8").split("\n")
    at = lines.index("\t10")
    for index in range(at, at + 7):
        lines[index] = lines[index].lstrip("\t")
    damaged = edition_copy.parent / "damaged.txt"
    damaged.write_text("\n".join(lines), encoding="utf-8")
    before = _snapshot(edition_copy)
    with pytest.raises(SourceFormatError) as caught:
        import_source(damaged, "2017", edition_copy)
    assert caught.value.line == at + 1
    assert _snapshot(edition_copy) == before


def _assert_refused_untouched(edition_copy: Path, text: str, reason: str) -> None:
    """Importing ``text`` into the edition is refused with ``reason``, and not a byte of the edition changes."""
    shuffled = edition_copy.parent / "shuffled.txt"
    shuffled.write_text(text, encoding="utf-8")
    before = _snapshot(edition_copy)
    with pytest.raises(InputError, match=reason):
        import_source(shuffled, "2017", edition_copy)
    assert _snapshot(edition_copy) == before


def test_shuffled_rows_keep_curated_parts_or_are_refused(edition_copy: Path) -> None:
    head, blocks, tail = _table_rows((edition_copy / "source.txt").read_text(encoding="utf-8"))
    header, rows = blocks[0], blocks[1:]
    # move item 52's two sub-rows (the blocks without a number) to the end of the table, under the last service
    subrows = [block for block in rows if block[0] == "\t"]
    assert len(subrows) == 2
    rows = [block for block in rows if block[0] != "\t"] + subrows
    _assert_refused_untouched(edition_copy, _join(head, [header, *rows], tail), "curated fields")


def test_a_service_before_any_category_is_refused_not_written_with_an_empty_category(edition_copy: Path) -> None:
    head, blocks, tail = _table_rows((edition_copy / "source.txt").read_text(encoding="utf-8"))
    header, rows = blocks[0], blocks[1:]
    rows = [rows[1], rows[0], *rows[2:]]  # the first service above the first category row
    _assert_refused_untouched(edition_copy, _join(head, [header, *rows], tail), "before any category")


def test_services_in_another_order_keep_ids_and_curated_fields_by_name(edition_copy: Path) -> None:
    head, blocks, tail = _table_rows((edition_copy / "source.txt").read_text(encoding="utf-8"))
    header, rows = blocks[0], blocks[1:]
    rows = [rows[0], rows[2], rows[1], *rows[3:]]  # swap services 1 and 2 inside the first category
    swapped = edition_copy.parent / "swapped.txt"
    swapped.write_text(_join(head, [header, *rows], tail), encoding="utf-8")
    report = import_source(swapped, "2017", edition_copy)
    assert report.removed == ()
    assert report.new_ids == ()


def _service(folder: Path, number: int) -> dict[str, Any]:
    from qingdan.io.loading import load_document

    for path in sorted((folder / "services").glob("*.yaml")):
        data = load_document(path).data
        if data["number"] == number:
            return {"file": path.name, **data}
    raise AssertionError(f"no service numbered {number}")


def test_a_row_inserted_into_the_text_never_takes_another_service_s_id(edition_copy: Path) -> None:
    """A new row numbered 41 (the services after it renumbered) is a new service: the service that was 41 keeps
    its id, its file and its curated quantities, matched by name before number."""
    head, blocks, tail = _table_rows((edition_copy / "source.txt").read_text(encoding="utf-8"))
    old_41 = _service(edition_copy, 41)
    at = next(i for i, block in enumerate(blocks) if block[0] == "\t41")
    renumbered = [[f"\t{int(block[0][1:]) + 1}", *block[1:]] if i >= at and block[0][1:].isdigit() else block
                  for i, block in enumerate(blocks)]
    inserted = ["\t41", "\t一项新的服务", "\t全体居民", "\t按规定提供。", "\t区县政府负责。", "\t市民政局",
                "\t区民政局"]
    text = edition_copy.parent / "inserted.txt"
    text.write_text(_join(head, [*renumbered[:at], inserted, *renumbered[at:]], tail), encoding="utf-8")
    report = import_source(text, "2017", edition_copy)
    assert report.removed == ()
    assert len(report.new_ids) == 1  # the inserted row alone
    kept = _service(edition_copy, 42)
    assert (kept["file"], kept["id"], kept["name"]) == (old_41["file"], old_41["id"], old_41["name"])
    assert kept.get("quantities") == old_41.get("quantities")
    new = _service(edition_copy, 41)
    assert new["id"] == report.new_ids[0] and new["name"] == "一项新的服务" and "quantities" not in new


def test_swapped_sub_rows_keep_their_ids_and_curated_fields(edition_copy: Path) -> None:
    """Item 52's sub-rows have no name: swapped in the text, each keeps its id and quantities (matched by
    content, not by place)."""
    head, blocks, tail = _table_rows((edition_copy / "source.txt").read_text(encoding="utf-8"))
    before = _service(edition_copy, 52)
    at = next(i for i, block in enumerate(blocks) if block[0] == "\t52")
    assert [block[0] for block in blocks[at + 1:at + 3]] == ["\t", "\t"]  # its two sub-rows
    blocks[at + 1], blocks[at + 2] = blocks[at + 2], blocks[at + 1]
    text = edition_copy.parent / "swapped.txt"
    text.write_text(_join(head, blocks, tail), encoding="utf-8")
    report = import_source(text, "2017", edition_copy)
    assert report.new_ids == ()
    after = _service(edition_copy, 52)
    parts_before = {part["id"]: part for part in before["parts"]}
    parts_after = {part["id"]: part for part in after["parts"]}
    assert [part["id"] for part in after["parts"]] == [part["id"] for part in reversed(before["parts"])]
    assert parts_after == parts_before  # each id with its own text and curated fields


def test_rows_whose_tabs_became_spaces_are_refused_not_dropped(edition_copy: Path) -> None:
    """Every tab-led line from row 41 on led by four spaces instead: the table seems to end at row 40, and the text
    up to the copy-to line (抄送) is checked, so import refuses instead of removing 47 services."""
    text = (edition_copy / "source.txt").read_text(encoding="utf-8")
    at = text.index("\n\t41\n")
    damaged = edition_copy.parent / "spaces.txt"
    damaged.write_text(text[:at] + text[at:].replace("\n\t", "\n    "), encoding="utf-8")
    before = _snapshot(edition_copy)
    with pytest.raises(SourceFormatError) as caught:
        import_source(damaged, "2017", edition_copy)
    assert caught.value.line == text[:at].count("\n") + 2  # the line of "    41"
    assert "belongs to no table row (a row whose cells lost their leading tab?): '41'" in caught.value.message
    assert _snapshot(edition_copy) == before


def test_a_gap_in_the_service_numbers_is_refused(edition_copy: Path) -> None:
    """A table whose numbers stop short of the count they claim (row 41 gone, 42 … 87 kept) lost a row: import
    refuses rather than delete the service numbered 41."""
    head, blocks, tail = _table_rows((edition_copy / "source.txt").read_text(encoding="utf-8"))
    damaged = edition_copy.parent / "gap.txt"
    damaged.write_text(_join(head, [block for block in blocks if block[0] != "\t41"], tail), encoding="utf-8")
    before = _snapshot(edition_copy)
    with pytest.raises(SourceFormatError) as caught:
        import_source(damaged, "2017", edition_copy)
    assert caught.value.message.startswith("no service is numbered 41, yet the table goes up to 87")
    assert _snapshot(edition_copy) == before
