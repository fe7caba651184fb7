"""The reading path's shortcuts give what the careful paths give: the contained reader, the display names, the data
builder's inline texts and recorded positions, the integer shortcut, QD504's scan and the waiver index.

Each is compared with the path it shortcuts on the shipped edition and on a modest Hypothesis sample (derandomized,
so the suite sees the same examples every run).
"""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan.core.errors import QingdanError
from qingdan.edition.load import DirectorySource, read_edition_files
from qingdan.io.loading import ContainedFolder, parse_document, parse_document_reference, paused_gc, read_limited_text
from qingdan.io.quoting import any_needs_quotes, needs_quotes

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "policies" / "2017"
SAMPLE = settings(max_examples=150, deadline=None, derandomize=True, database=None)


# -- the contained reader ------------------------------------------------------------------------------------------

def _outcome(read: Any) -> tuple[str, Any]:
    try:
        return "text", read()
    except QingdanError as error:
        return "refused", (type(error).__name__, str(error), error.line)


def _both(folder: Path, rel: str, limit: int = 5 * 1024 * 1024) -> tuple[tuple[str, Any], tuple[str, Any]]:
    fast = _outcome(lambda: ContainedFolder(folder).read(rel, limit, f"shown/{rel}"))
    careful = _outcome(lambda: read_limited_text(folder / rel, limit, display=f"shown/{rel}", within=folder))
    return fast, careful


def test_contained_reader_reads_every_shipped_file_as_the_careful_reader() -> None:
    rels = ["edition.yaml", "units.yaml", "source.txt", *(f"services/{name}" for name in
                                                           sorted(os.listdir(SHIPPED / "services")))]
    for rel in rels:
        fast, careful = _both(SHIPPED, rel, 10 * 1024 * 1024)
        assert fast == careful and fast[0] == "text", rel


@pytest.mark.parametrize("told", [0, 1, 4096], ids=["says-empty", "says-one-byte", "says-a-page"])
def test_contained_reader_reads_to_the_end_whatever_size_the_file_reports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: int) -> None:
    """The reader asks for the size fstat reports (and one byte more), so a file that grew after it was measured,
    or one that reports no size (as /proc's do), is still read to its end, as the careful reader reads it."""
    text = "名称: 医疗\n" + "说明: " + "甲" * 30_000 + "\n"  # 90 KB: more than a piece of 64 KiB, less than 1 MiB
    (tmp_path / "grown.yaml").write_text(text, encoding="utf-8")
    real_fstat = os.fstat

    def fstat(descriptor: int) -> Any:
        info = real_fstat(descriptor)
        return os.stat_result((*info[:6], told, *info[7:]))  # st_size is the seventh field

    monkeypatch.setattr(os, "fstat", fstat)
    fast, careful = _both(tmp_path, "grown.yaml")
    assert fast == careful == ("text", text)


def _hostile_folder(root: Path) -> Path:
    edition = root / "edition"
    (edition / "services").mkdir(parents=True)
    (edition / "sub").mkdir()
    (root / "elsewhere").mkdir()
    (root / "secret.yaml").write_text("secret: 1\n", encoding="utf-8")
    (root / "elsewhere" / "hidden.yaml").write_text("hidden: 1\n", encoding="utf-8")
    (edition / "services" / "plain.yaml").write_text("id: 甲\n", encoding="utf-8")
    (edition / "services" / "empty.yaml").write_bytes(b"")
    (edition / "services" / "gbk.yaml").write_bytes("名称: 医疗\n".encode("gbk"))
    (edition / "services" / "big.yaml").write_bytes(b"a: 1\n" * 100)
    (edition / "services" / "inside-link.yaml").symlink_to("plain.yaml")
    (edition / "services" / "outside-link.yaml").symlink_to(root / "secret.yaml")
    (edition / "services" / "dangling.yaml").symlink_to("nowhere.yaml")
    (edition / "services" / "loop.yaml").symlink_to("loop.yaml")
    (edition / "services" / "folder.yaml").mkdir()
    os.mkfifo(edition / "services" / "fifo.yaml")
    (edition / "linked-out").symlink_to(root / "elsewhere")
    (edition / "linked-in").symlink_to("services")
    return edition


HOSTILE_RELS = ["services/plain.yaml", "services/empty.yaml", "services/gbk.yaml", "services/big.yaml",
                "services/inside-link.yaml", "services/outside-link.yaml", "services/dangling.yaml",
                "services/loop.yaml", "services/folder.yaml", "services/fifo.yaml", "services/missing.yaml",
                "linked-out/hidden.yaml", "linked-in/plain.yaml", "sub/../services/plain.yaml",
                "sub/../../secret.yaml", "no-folder/x.yaml"]


@pytest.mark.parametrize("rel", HOSTILE_RELS)
def test_contained_reader_refuses_and_reads_as_the_careful_reader(tmp_path: Path, rel: str) -> None:
    edition = _hostile_folder(tmp_path)
    fast, careful = _both(edition, rel, limit=300)
    assert fast == careful
    # the outcomes are the real ones, not two equal failures
    expected = {"services/plain.yaml": "text", "linked-in/plain.yaml": "text", "services/outside-link.yaml": "refused",
                "linked-out/hidden.yaml": "refused", "services/fifo.yaml": "refused", "services/big.yaml": "refused"}
    assert fast[0] == expected.get(rel, fast[0])


def test_a_services_folder_linked_out_of_the_edition_is_refused(tmp_path: Path) -> None:
    edition = _hostile_folder(tmp_path)
    (edition / "edition.yaml").write_text("a: 1\n", encoding="utf-8")
    (edition / "units.yaml").write_text("units: []\n", encoding="utf-8")
    os.rename(edition / "services", tmp_path / "moved")
    (edition / "services").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(QingdanError, match="outside the edition folder"):
        read_edition_files(DirectorySource(edition))


@SAMPLE
@given(st.lists(st.sampled_from(["services", "a.yaml", "子目录", "x y", ".hidden", "b.yml", "..", ".", ""]),
                min_size=1, max_size=4),
       st.sampled_from(["policies/2017", "policies/2017/", "/abs/ed", "./ed", "ed//x", "/", "..", "../ed"]))
def test_display_names_are_what_pathlib_joins(steps: list[str], root: str) -> None:
    rel = "/".join(steps)
    assert DirectorySource(Path(root), root).display(rel) == str(Path(root) / rel)
    assert DirectorySource(Path(root), ".").display(rel) == rel


# -- the data builder ------------------------------------------------------------------------------------------------

def _outcome_of(text: str, parse: Any, first: tuple[Any, ...] = ()) -> tuple[str, Any]:
    try:
        document = parse(text, "f.yaml")
    except QingdanError as error:
        return "error", (type(error).__name__, str(error), error.line, getattr(error, "column", None))
    asked = [document.nodes.get(path) for path in first]  # before the rest: the positions known without composing
    return "ok", (repr(document.data), asked, sorted(document.nodes.items(), key=repr), document.duplicates)


_GOOD_KEYS = st.sampled_from(["id", "name", "parts", "waivers", "a", "\"q\"", "'s'", "名称"])
_ODD_KEYS = st.sampled_from(["<<", "\u3000键", "键\u3000", "1", "~", "true", "\"\\u0001\""])
_GOOD_SCALARS = st.sampled_from(["text", "文本", "\"quoted\"", "\"tab\\tx\"", "'single'", "12", "007", "1.5", "yes",
                                 "null", "", "2018-01-31", "8:2", "|", "'\u3000'", "长文本" * 8, "&a x"])
_ODD_SCALARS = st.sampled_from(["\"\\u0001\"", "0x1F", "*a", "!!str 5", "!!python/name:x y", ".nan", "1e-400"])


def _yaml(value: Any, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        return "".join(f"{pad}{key}:" + ("\n" + _yaml(item, indent + 2) if isinstance(item, (dict, list)) and item
                                          else f" {_flow(item, indent)}\n") for key, item in value.items())
    return "".join(f"{pad}-" + ("\n" + _yaml(item, indent + 2) if isinstance(item, (dict, list)) and item
                                else f" {_flow(item, indent)}\n") for item in value)


def _flow(value: Any, indent: int) -> str:
    if value == "|":  # a literal block, indented under its key
        return f"|\n{' ' * (indent + 2)}第一行\n{' ' * (indent + 2)}第二行"
    return "{}" if isinstance(value, dict) else "[]" if isinstance(value, list) else str(value)


def _documents(keys: st.SearchStrategy[str], scalars: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4),
                          max_leaves=12)
    return st.dictionaries(keys, values, min_size=1, max_size=5)


def _agree(document: dict[str, Any]) -> None:
    text = _yaml(document)
    first = tuple((key, index) for key, value in document.items() if isinstance(value, list)
                  for index in range(len(value)))
    assert _outcome_of(text, parse_document, first) == _outcome_of(text, parse_document_reference, first)


@pytest.mark.filterwarnings("ignore::ruamel.yaml.error.ReusedAnchorWarning")  # the reference composer's, on &a twice
@SAMPLE
@given(_documents(_GOOD_KEYS, _GOOD_SCALARS))
def test_fast_builder_matches_the_reference_on_generated_documents(document: dict[str, Any]) -> None:
    _agree(document)


@pytest.mark.filterwarnings("ignore::ruamel.yaml.error.ReusedAnchorWarning")
@settings(SAMPLE, max_examples=100)
@given(_documents(st.one_of(_GOOD_KEYS, _ODD_KEYS), st.one_of(_GOOD_SCALARS, _ODD_SCALARS)))
def test_fast_builder_refuses_as_the_reference_on_generated_documents(document: dict[str, Any]) -> None:
    _agree(document)


@pytest.mark.parametrize("depth", [30, 31, 32, 33])
def test_inline_texts_meet_the_depth_limit_as_the_reference(depth: int) -> None:
    text = "".join(f"{' ' * 2 * level}k{level}:\n" for level in range(depth)) + " " * 2 * depth + "leaf: 文本\n"
    sequence = "".join(f"{' ' * 2 * level}- \n" for level in range(depth)) + " " * 2 * depth + "- 文本\n"
    for source in (text, sequence):
        assert _outcome_of(source, parse_document) == _outcome_of(source, parse_document_reference)


def test_positions_of_parts_and_waivers_are_known_without_composing_again() -> None:
    # every shipped service with parts or waivers: their positions, asked first, are the reference's
    checked = 0
    for path in sorted((SHIPPED / "services").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        fast = parse_document(text, path.name)
        first = tuple((key, index) for key in ("parts", "waivers", "quantities", "city_units")
                      for index in range(len(fast.data.get(key) or ())))
        if first:
            checked += 1
        assert _outcome_of(text, parse_document, first) == _outcome_of(text, parse_document_reference, first)
    assert checked > 20


@SAMPLE
@given(st.text(alphabet="0123456789", min_size=1, max_size=60), st.sampled_from(["", "+", "-", "_"]))
def test_integer_shortcut_matches_the_reference(digits: str, sign: str) -> None:
    text = f"n: {sign}{digits}\nlist: [{digits}, {sign}{digits}]\n"
    assert _outcome_of(text, parse_document) == _outcome_of(text, parse_document_reference)


# -- QD504's scan --------------------------------------------------------------------------------------------------

TEXTS = st.lists(st.one_of(
    st.sampled_from(["", " x", "x ", "\tx", "x\n", "\u3000中", "中\u3000", "funding", "yes", "No", "on", "y", "~",
                     "null", "8:2", "2018-01-31", "0x1F", "1_000", ".inf", "+12", "=", "<<", "70%", "中央∶地方",
                     "text", "o", "nO", "y\u00e9s", "a\x00b", "\x00", "1\x85", "\x1c1"]),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
    st.text(alphabet="0123456789.:-+_eExoOyYnNtTfF~ \t", max_size=8)), max_size=8)


@settings(SAMPLE, max_examples=100)
@given(TEXTS)
def test_any_needs_quotes_is_any_of_needs_quotes(texts: list[str]) -> None:
    assert any_needs_quotes(texts) == any(needs_quotes(text) for text in texts)


def test_any_needs_quotes_on_the_shipped_documents() -> None:
    from qingdan.check.rules.hygiene import _collect_strings, _strings

    found = 0
    for _, document in read_edition_files(DirectorySource(SHIPPED)).documents():
        texts: list[str] = []
        _collect_strings(document.data, texts)
        assert texts == [value for _, value in _strings(document.data, ())]
        assert any_needs_quotes(texts) == any(needs_quotes(text) for text in texts)
        found += any_needs_quotes([*texts, "yes"])
    assert found == 89


def test_white_space_to_the_scan_is_white_space_to_strip() -> None:
    import re

    space = re.compile(r"\s")
    assert [c for c in map(chr, range(0x110000)) if (space.match(c) is not None) != (c.strip() == "")] == []


# -- waivers -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("folder", [SHIPPED, ROOT / "tests/validate/cases/invalid/QD601-unused-waiver",
                                    ROOT / "tests/validate/cases/valid/waived-gap"], ids=lambda p: p.name)
def test_waivers_by_service_mark_what_every_waiver_against_every_finding_marks(folder: Path) -> None:
    from qingdan.check import rules
    from qingdan.check.rules.waivers import UNUSED_WAIVER
    from qingdan.core.results import Result
    from qingdan.edition.load import build_edition
    from qingdan.io.official_text import parse

    files = read_edition_files(DirectorySource(folder))
    text = (folder / "source.txt").read_text(encoding="utf-8") if (folder / "source.txt").is_file() else None
    context = rules.Context(files, build_edition(files, folder), source_name="source.txt",
                            source=parse(text) if text is not None else None)
    waived = rules.run(context)
    runs = [r for r in rules.RULES if context.source is not None or not r.needs_source]
    skipped = {r.code.code for r in rules.RULES if r not in runs}
    reference: list[Result] = [finding for registered in runs for finding in registered.check(context)]
    waivable = {code.code for code in rules.all_codes() if code.waivable}
    for service in context.typed.services:
        for index, waiver in enumerate(service.waivers):
            used = False
            for position, finding in enumerate(reference):
                if finding.code in waivable and finding.subject.service == service.id and finding.code == waiver.rule \
                        and (waiver.part is None or finding.subject.part == waiver.part):  # every pair, the reference
                    reference[position] = finding if finding.waived else finding.waive(waiver.reason)
                    used = True
            if not used and waiver.rule not in skipped:
                at = context.at(service, None, "waivers", index)
                reference.append(context.finding(UNUSED_WAIVER, at, "part", service, rule=waiver.rule,
                                                 part=waiver.part) if waiver.part else
                                 context.finding(UNUSED_WAIVER, at, "", service, rule=waiver.rule))
    assert [(f, f.suppression, f.message) for f in waived] == [(f, f.suppression, f.message) for f in reference]
    assert any(f.waived for f in waived) or any(f.code == UNUSED_WAIVER.code for f in waived)


# -- garbage collection --------------------------------------------------------------------------------------------

def test_paused_gc_restores_the_collector_on_every_way_out() -> None:
    assert gc.isenabled()
    with pytest.raises(QingdanError), paused_gc():
        assert not gc.isenabled()
        parse_document("a: &x 1\nb: *x\n", "f.yaml")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # a collector the caller had paused stays paused
    finally:
        gc.enable()


def test_what_was_made_while_paused_is_old_and_its_cycles_are_still_collected() -> None:
    """After the pause the collector's young generation is empty (no pass over all that was built the moment it
    resumes), yet a reference cycle made while paused is freed by the next full collection, and a freeze the caller
    made is left as it was."""
    import weakref

    class Node:
        partner: Any = None

    with paused_gc():
        built = [{"n": [i]} for i in range(50_000)]
        first, second = Node(), Node()
        first.partner, second.partner = second, first
        gone = weakref.ref(first)
        del first, second
    assert gc.get_count()[0] < 1000
    assert gone() is not None  # a cycle: only the collector frees it
    gc.collect()
    assert gone() is None
    del built
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            kept = [[i] for i in range(1000)]
        assert gc.get_freeze_count() == frozen and kept
    finally:
        gc.unfreeze()


# -- fmt --check: the canonical writer's character scan ------------------------------------------------------------

def _safe_by_character(text: str) -> bool:
    from qingdan.io.canonical_fast import _PLAIN_ASCII, _safe_unicode

    return all(char in _PLAIN_ASCII if char < "\x80" else _safe_unicode(char) for char in text.replace(":", "")) \
        and ": " not in text and not text.endswith(":") and " " not in (text[0], text[-1])


def _block_line_by_character(line: str) -> bool:
    from qingdan.io.canonical_fast import _safe_unicode

    return all(" " <= char <= "~" if char < "\x80" else _safe_unicode(char) for char in line)


_EDGE_CHARACTERS = "".join(chr(code) for code in (0x9f, 0xa0, 0x2027, 0x2028, 0x2029, 0x202a, 0xd7ff, 0xe000, 0xfefe,
                                                  0xfeff, 0xff00, 0xfffd, 0xfffe, 0x10000, 0x7f, 0x85))


@SAMPLE
@given(st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(_EDGE_CHARACTERS + ": -#'\"%")),
               min_size=1, max_size=12))
def test_canonical_writer_scans_characters_as_it_did_one_by_one(text: str) -> None:
    from qingdan.io.canonical_fast import _plain_block_line, _safe

    assert _safe(text) == _safe_by_character(text)
    assert _plain_block_line(text) == _block_line_by_character(text)


def test_canonical_writer_refuses_every_character_it_refused_one_by_one() -> None:
    from qingdan.io.canonical_fast import _PLAIN_ASCII, _UNSAFE, _UNSAFE_IN_BLOCK, _safe_unicode

    everything = "".join(map(chr, range(0x110000)))
    refused = {char for char in everything
               if char != ":" and not (char in _PLAIN_ASCII if char < "\x80" else _safe_unicode(char))}
    assert set(_UNSAFE.findall(everything)) == refused
    assert set(_UNSAFE_IN_BLOCK.findall(everything)) == {
        char for char in everything if not (" " <= char <= "~" if char < "\x80" else _safe_unicode(char))}
