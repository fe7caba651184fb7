"""The fast paths give exactly what the reference paths give: the same data, positions, findings and errors.

Each fast path (the loader's composer, the compiled schema check, the canonical writer fmt recognises files with)
is compared with its reference on every shipped file, on snippets chosen for YAML's corners, and on a Hypothesis
sample: files of the case folders (broken ones included), the same files with a stretch replaced by generated YAML
characters, and shipped documents with one node broken. A sample, not every file of the repository as a test of
its own: the sample is drawn anew each run (derandomized, so a failure reproduces), and thousands of parametrized
cases made most of the fast test loop.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qingdan.core.errors import QingdanError
from qingdan.io.loading import parse_document, parse_document_reference

ROOT = Path(__file__).resolve().parents[2]
# tests/validate/cases/unreadable/ holds files that cannot load by design (a GBK file, a tab indent): test_hints.py
YAML_FILES = sorted(p for folder in ("policies", "tests") for p in (ROOT / folder).rglob("*.y*ml")
                    if p.suffix in (".yaml", ".yml") and "unreadable" not in p.parts)

SNIPPETS = [
    "signed: 2018-01-31\nn: 12\nx: 0.5\nok: true\nnone: null\nratio: 8:2\n",
    "a: yes\nb: no\nc: on\nd: ~\ne: ''\nf: 0x1F\ng: 0o17\nh: 1_000\ni: .inf\nj: -.nan\nk: 1e3\nl: +12\n",
    "m: {r: 8:2, s: 3:7}\n",  # libyaml refuses this; the reference decides
    "%YAML 1.1\n---\na: yes\nb: 010\n",
    "a: &x [1]\nb: *x\n",
    "a: !!str 12\nb: !!int '7'\nc: !custom x\n",
    "base: {a: 1}\nother:\n  <<: {b: 2}\n",
    "name: first\nname: second\nlist:\n  - a\n  - a: 1\n    a: 2\n",
    "text: |-\n  line one\n  line two\nfolded: >\n  a\n  b\nquoted: \"x\\ty\"\nsingle: 'it''s'\n",
    "a: [unclosed\nb: 2\n",
    "a: 1\n b: 2\n",
    "",
    "# only a comment\n",
    "- 1\n- [2, {3: 4}]\n",
    "? [complex]\n: key\n",
    "标准: 每人每年800元\n比例: 70%\n",
]


def outcome(text: str, parse: Any) -> tuple[str, Any]:
    try:
        document = parse(text, "f.yaml")
    except QingdanError as error:
        return "error", (type(error).__name__, str(error), error.line, getattr(error, "column", None))
    # repr keeps 1, 1.0 and True apart, which == would not; the root's position is asked for first, as loading a
    # service does (the fast loader knows it before it knows the others)
    root = document.nodes.get(())
    return "ok", (repr(document.data), root, sorted(document.nodes.items(), key=repr), document.duplicates)


SHIPPED = [p for p in YAML_FILES if p.is_relative_to(ROOT / "policies")]
CASE_FILES = [p for p in YAML_FILES if not p.is_relative_to(ROOT / "policies")]
# derandomize: the same sample on every run and machine, so a failure reproduces; no example database on disk
SAMPLE = settings(max_examples=120, deadline=None, database=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow])
# the characters YAML gives a meaning, with letters, digits, Chinese and the white space that counts
_YAML_CHARACTERS = "ab Z09.:-,'\"#%@`&*!|>?[]{}()~<=+/\\\t\n\n  中文、，。：（）―—０"


def test_fast_loader_matches_the_reference_on_every_shipped_file() -> None:
    for path in SHIPPED:
        text = path.read_text(encoding="utf-8")
        assert outcome(text, parse_document) == outcome(text, parse_document_reference), path


def test_fast_loader_matches_the_reference_on_yaml_corners() -> None:
    for text in SNIPPETS:
        assert outcome(text, parse_document) == outcome(text, parse_document_reference), text


@SAMPLE
@given(st.sampled_from(CASE_FILES), st.floats(0, 1), st.integers(0, 40), st.text(_YAML_CHARACTERS, max_size=30))
def test_fast_loader_matches_the_reference_on_a_sample(path: Path, at: float, length: int, inserted: str) -> None:
    """A case file as it is (length 0, nothing inserted), or with a stretch of it replaced by YAML characters."""
    text = path.read_text(encoding="utf-8")
    start = int(at * len(text))
    text = text[:start] + inserted + text[start + length:]
    assert outcome(text, parse_document) == outcome(text, parse_document_reference)


def test_the_corpus_is_real() -> None:
    # the comparison above must cover the shipped edition and broken case folders, not an empty list
    names = {str(p.relative_to(ROOT)) for p in YAML_FILES}
    assert "policies/2017/services/medical-assistance.yaml" in names
    assert any("invalid/QD002" in name for name in names)
    assert len(YAML_FILES) > 200


# -- the compiled schema check --------------------------------------------------------------------------------------

def _kind(path: Path) -> str | None:
    if path.name in ("edition.yaml", "units.yaml") and (path.parent / "edition.yaml").is_file():
        return path.stem if path.name == "units.yaml" else "edition"
    if path.parent.name == "services" and (path.parent.parent / "edition.yaml").is_file():
        return "service"
    return None


DOCUMENTS = [(p, kind) for p in YAML_FILES if (kind := _kind(p)) is not None]
WRONG_VALUES: list[Any] = [None, True, 0, -1, 2.5, "", "x", "2018-02-30", [], {}, ["x", "x"], [1, 1.0]]


def _verdicts(data: Any, kind: str) -> tuple[bool | None, bool]:
    from qingdan.edition.schema_check import passes, validator
    from qingdan.edition.schema_fast import Unsure

    check = passes(kind)
    assert check is not None, f"the {kind} schema no longer compiles: validate lost its fast path"
    try:
        fast: bool | None = check(data)
    except Unsure:
        fast = None
    return fast, validator(kind).is_valid(data)


def _mutations(data: Any, path: tuple[Any, ...] = ()) -> Any:
    """Copies of ``data`` with one node replaced by a wrong value, removed, or given an unknown key."""
    import copy

    def replaced(value: Any) -> Any:
        result = copy.deepcopy(data)
        if not path:
            return value
        node = result
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
        return result

    node = data
    for step in path:
        node = node[step]
    for value in WRONG_VALUES:
        yield replaced(value)
    if isinstance(node, dict):
        yield replaced({**node, "unknown_key": "x"})
        for key in node:
            yield replaced({k: v for k, v in node.items() if k != key})
            yield from _mutations(data, (*path, key))
    elif isinstance(node, list):
        yield replaced([*node, *node[:1]])
        for index in range(len(node)):
            yield from _mutations(data, (*path, index))


SHIPPED_DOCUMENTS = [(p, kind) for p, kind in DOCUMENTS if p.is_relative_to(ROOT / "policies")]
CASE_DOCUMENTS = [(p, kind) for p, kind in DOCUMENTS if not p.is_relative_to(ROOT / "policies")]


def _data(path: Path) -> Any:
    return parse_document(path.read_text(encoding="utf-8"), str(path)).data


def test_compiled_schema_check_agrees_with_jsonschema_on_every_shipped_document() -> None:
    for path, kind in SHIPPED_DOCUMENTS:
        assert _verdicts(_data(path), kind) == (True, True), path  # valid, and decided by the compiled check


@SAMPLE
@given(st.sampled_from(CASE_DOCUMENTS))
def test_compiled_schema_check_agrees_with_jsonschema_on_a_sample_of_case_documents(document: tuple[Path, str]) -> None:
    path, kind = document
    try:
        data = _data(path)
    except QingdanError:
        return  # a case that does not parse never reaches the schema check
    fast, reference = _verdicts(data, kind)
    assert fast in (reference, None)


MUTATED = ["edition.yaml", "units.yaml", "services/medical-assistance.yaml", "services/boarding-student-allowance.yaml",
           "services/resident-pension.yaml", "services/high-school-national-grant.yaml"]


@functools.cache
def _mutated(name: str) -> list[Any]:
    return list(_mutations(_data(ROOT / "policies" / "2017" / name)))


def test_compiled_schema_check_agrees_with_jsonschema_on_a_sample_of_broken_documents() -> None:
    """Shipped documents with one node replaced by a wrong value, removed or given an unknown key (every mutation
    of six documents is thousands; Hypothesis draws a sample of them)."""
    counts = {True: 0, False: 0, None: 0}

    @settings(max_examples=300, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.sampled_from(MUTATED).flatmap(lambda name: st.tuples(st.just(name), st.sampled_from(_mutated(name)))))
    def check(drawn: tuple[str, Any]) -> None:
        name, data = drawn
        kind = _kind(ROOT / "policies" / "2017" / name)
        assert kind is not None
        fast, reference = _verdicts(data, kind)
        assert fast in (reference, None), f"compiled check says {fast}, jsonschema says {reference}"
        counts[fast] += 1

    check()
    # the sample must exercise both verdicts, and the compiled check must decide nearly all of them itself
    assert counts[True] > 0 and counts[False] > 100 and counts[None] < counts[False] // 10, counts


# -- needs_quotes: the first-character shortcut ---------------------------------------------------------------------

def _needs_quotes_reference(text: str) -> bool:
    from ruamel.yaml.nodes import ScalarNode

    from qingdan.io.quoting import _resolvers

    if text == "" or text != text.strip():
        return True
    return any(str(getattr(tag, "value", tag)) != "tag:yaml.org,2002:str"
               for tag in (resolver.resolve(ScalarNode, text, (True, False)) for resolver in _resolvers()))


def _all_strings(data: Any) -> Any:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _all_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _all_strings(value)


def test_needs_quotes_shortcut_matches_the_resolvers() -> None:
    from qingdan.io.quoting import needs_quotes

    corners = ["8:2", "yes", "No", "on", "OFF", "y", "~", "null", "2018-01-31", "0x1F", "0o17", "1_000", ".inf",
               "-.nan", "+12", "1e3", "=", "<<", "中央∶地方", "70%", " x", "x ", "", "１２", "true", "False"]
    texts = set(corners)
    for path in YAML_FILES:
        try:
            texts.update(_all_strings(parse_document(path.read_text(encoding="utf-8"), str(path)).data))
        except QingdanError:
            continue
    assert len(texts) > 500
    assert {text for text in texts if needs_quotes(text)} == {text for text in texts if _needs_quotes_reference(text)}


# -- QD301: a number found in its quote without a pattern compiled per number ----------------------------------------

def _has_number_reference(text: str, number: float, suffix: str = "") -> bool:
    from qingdan.check.rules.text_agreement import canonical

    return re.search(r"(?<![\d.])" + re.escape(canonical(number)) + r"(?!\.?\d)" + re.escape(suffix), text) is not None


def test_has_number_finds_what_the_pattern_finds_in_every_shipped_quote() -> None:
    from qingdan.api import load
    from qingdan.check.rules.text_agreement import has_number

    asked = [(quantity.quote, n, unit) for edition in ("2017", "national-2017") for service in load(edition).services
             for _, row in service.rows() for quantity in row.quantities
             for n in (quantity.value, quantity.minimum, quantity.maximum) if n is not None
             for unit in (quantity.unit, "")]
    assert len(asked) > 100
    assert [has_number(*case) for case in asked] == [_has_number_reference(*case) for case in asked]


_NUMBER_TEXT = st.lists(st.sampled_from([*"0123456789..-e元%万/人月年 补助０１٣", "1.5", "800", "0.5"]),
                        max_size=12).map("".join)


@given(_NUMBER_TEXT, st.sampled_from([0.0, 0.5, 1.0, 1.5, 5.0, 8.0, 80.0, 800.0, 1e-05, -5.0, 12.75]),
       st.sampled_from(["", "元", "%", "万元", "元/人·月", "0", ".5"]))
@settings(max_examples=400, derandomize=True)
def test_has_number_finds_what_the_pattern_finds_on_a_sample(text: str, number: float, suffix: str) -> None:
    from qingdan.check.rules.text_agreement import canonical, has_number

    for probe in (text, f"{text}{canonical(number)}{suffix}", f"{canonical(number)}{suffix}{text}"):
        assert has_number(probe, number, suffix) == _has_number_reference(probe, number, suffix), probe


# -- diff: unchanged services are not compared field by field -------------------------------------------------------

DIFF_CASES = sorted(p for p in (ROOT / "tests" / "diff" / "cases").iterdir() if (p / "old").is_dir())


def _pairs() -> list[tuple[Path, Path]]:
    return [(case / "old", case / "new") for case in DIFF_CASES] + [(ROOT / "policies" / "2017",
                                                                      ROOT / "policies" / "2017")]


@pytest.mark.parametrize(("old", "new"), _pairs(), ids=lambda p: str(p.relative_to(ROOT)))
def test_diff_shortcut_gives_the_same_report(old: Path, new: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from qingdan.diff import compare

    matching = importlib.import_module("qingdan.diff.compare")  # the module; qingdan.diff.compare is the function
    from qingdan.diff.pairing import load_side

    a, b = load_side(str(old)), load_side(str(new))
    fast = compare(a.edition, b.edition, old_files=a.files, new_files=b.files)
    monkeypatch.setattr(matching, "unchanged", lambda old, new: False)
    slow = compare(a.edition, b.edition, old_files=a.files, new_files=b.files)
    assert fast == slow


def test_diff_shortcut_is_taken_and_finds_the_changed_service() -> None:
    from dataclasses import replace

    from qingdan.diff.compare import unchanged
    from qingdan.edition.pipeline import load_edition

    service = load_edition(ROOT / "policies" / "2017").service(52)
    assert unchanged(service, replace(service, number=53, location=None))
    assert not unchanged(service, replace(service, standard=(service.standard or "") + "。"))
    assert not unchanged(service, replace(service, parts=service.parts[:1]))


def test_export_reads_the_edition_validation_built() -> None:
    from qingdan.check.validation import validate_and_load
    from qingdan.edition.pipeline import load_edition

    path = ROOT / "policies" / "2017"
    report, edition = validate_and_load(path)
    assert report.errors == () and edition is not None
    assert edition == load_edition(path)
    assert validate_and_load(ROOT / "tests" / "validate" / "cases" / "invalid" / "QD001-schema")[1] is None


# -- fmt: recognising an already canonical file without ruamel's emitter --------------------------------------------

def _canonical_agrees(path: Path, kind: str) -> str | None:
    """The fast canonical text of the document at ``path``, after checking it is what dumps writes (None where the
    fast writer declines, or the file does not parse)."""
    from qingdan.io.canonical_fast import canonical_text
    from qingdan.io.writing import dumps

    try:
        data = _data(path)
    except QingdanError:
        return None
    fast = canonical_text(data, kind)
    assert fast is None or fast == dumps(data, kind), path
    return fast


def test_fast_canonical_text_is_what_dumps_writes_for_every_shipped_document() -> None:
    for path, kind in SHIPPED_DOCUMENTS:
        assert _canonical_agrees(path, kind) is not None, f"{path}: not covered by the fast canonical writer"


@SAMPLE
@given(st.sampled_from(CASE_DOCUMENTS))
def test_fast_canonical_text_is_what_dumps_writes_on_a_sample(document: tuple[Path, str]) -> None:
    _canonical_agrees(*document)


def _formatted(text: str, kind: str, name: str) -> str | tuple[str, str]:
    from qingdan.edit import formatting

    try:
        return formatting.format_text(text, kind, name)
    except QingdanError as error:
        return type(error).__name__, str(error)


def _fmt_agrees(path: Path, kind: str) -> None:
    from qingdan.edit import formatting

    text = path.read_text(encoding="utf-8")
    fast = _formatted(text, kind, str(path))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(formatting, "canonical_text", lambda data, kind: None)
        assert fast == _formatted(text, kind, str(path)), path


def test_fmt_shortcut_gives_the_same_formatted_bytes_for_every_shipped_document() -> None:
    for path, kind in SHIPPED_DOCUMENTS:
        _fmt_agrees(path, kind)


@SAMPLE
@given(st.sampled_from(CASE_DOCUMENTS))
def test_fmt_shortcut_gives_the_same_formatted_bytes_on_a_sample(document: tuple[Path, str]) -> None:
    _fmt_agrees(*document)


_ALPHABET = "ab Z09.:-,'\"#%@`&*!|>?[]{}()/\\\t\n中文、，。：（）―—０\u2028\u00a0\ufeff"


def test_fast_canonical_text_matches_dumps_on_generated_values() -> None:
    from qingdan.io.canonical_fast import canonical_text
    from qingdan.io.writing import dumps

    scalars = st.one_of(st.text(_ALPHABET, max_size=12), st.integers(-10**6, 10**6), st.booleans(), st.none(),
                        st.floats(allow_nan=False, allow_infinity=False, width=32))
    values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                           st.dictionaries(st.sampled_from(["a", "b_c", "id"]),
                                                                           inner, max_size=3)), max_leaves=8)

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.dictionaries(st.sampled_from(["name", "target", "units", "x"]), values, min_size=1, max_size=4))
    def check(data: dict[str, Any]) -> None:
        fast = canonical_text(data, None)
        assert fast is None or fast == dumps(data, None)

    check()


def test_native_date_format_is_jsonschemas() -> None:
    from jsonschema import Draft202012Validator

    from qingdan.edition.schema_fast import NATIVE_FORMATS

    checker = Draft202012Validator.FORMAT_CHECKER
    samples: list[Any] = ["2018-01-31", "2018-02-30", "2018-1-31", "2018-01-31\n", "２０１８-01-31", "0000-01-01",
                          "9999-12-31", "2018-13-01", "2018-01-31T00:00", "", "x", 20180131, None, True, "2016-02-29",
                          "2017-02-29", " 2018-01-31", "2018/01/31", "2018-001-31"]
    for name, native in NATIVE_FORMATS.items():
        for sample in samples:
            assert native(sample) == checker.conforms(sample, name), (name, sample)


def test_json_export_file_is_the_text_dumps_gives(tmp_path: Path) -> None:
    from qingdan.edition.pipeline import load_edition
    from qingdan.output.export import ExportInfo, dumps, export

    edition = load_edition(ROOT / "policies" / "2017")
    out = tmp_path / "list.json"
    export(edition, "json", out, ExportInfo())
    assert out.read_text(encoding="utf-8") == dumps(edition, "json", ExportInfo())
