"""The fast paths give exactly what the reference paths give: the same data, positions, findings and errors.

The loader's fast composer is compared with ruamel's own composer on every YAML file of the repository (the shipped
edition and every case folder, broken ones included) and on snippets chosen for YAML's corners.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_loader_matches_the_reference_on_every_repository_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert outcome(text, parse_document) == outcome(text, parse_document_reference)


@pytest.mark.parametrize("text", SNIPPETS)
def test_fast_loader_matches_the_reference_on_yaml_corners(text: str) -> None:
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


DOCUMENTS = [(p, _kind(p)) for p in YAML_FILES if _kind(p)]
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


@pytest.mark.parametrize(("path", "kind"), DOCUMENTS, ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path)
                         else v)
def test_compiled_schema_check_agrees_with_jsonschema_on_every_document(path: Path, kind: str) -> None:
    data = parse_document(path.read_text(encoding="utf-8"), str(path)).data
    fast, reference = _verdicts(data, kind)
    assert fast in (reference, None)


MUTATED = ["edition.yaml", "units.yaml", "services/medical-assistance.yaml", "services/boarding-student-allowance.yaml",
           "services/resident-pension.yaml", "services/high-school-national-grant.yaml"]


@pytest.mark.parametrize("name", MUTATED)
def test_compiled_schema_check_agrees_with_jsonschema_on_broken_documents(name: str) -> None:
    path = ROOT / "policies" / "2017" / name
    kind = _kind(path)
    assert kind is not None
    counts = {True: 0, False: 0, None: 0}
    for data in _mutations(parse_document(path.read_text(encoding="utf-8"), name).data):
        fast, reference = _verdicts(data, kind)
        assert fast in (reference, None), f"compiled check says {fast}, jsonschema says {reference}"
        counts[fast] += 1
    # the mutations must exercise both verdicts, and the compiled check must decide nearly all of them itself
    assert counts[True] > 0 and counts[False] > 100 and counts[None] < counts[False] // 10


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

@pytest.mark.parametrize(("path", "kind"), DOCUMENTS, ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path)
                         else v)
def test_fast_canonical_text_is_what_dumps_writes(path: Path, kind: str) -> None:
    from qingdan.io.canonical_fast import canonical_text
    from qingdan.io.writing import dumps

    try:
        data = parse_document(path.read_text(encoding="utf-8"), str(path)).data
    except QingdanError:
        return
    fast = canonical_text(data, kind)
    assert fast is None or fast == dumps(data, kind)
    if path.is_relative_to(ROOT / "policies"):
        assert fast is not None, "a shipped document is not covered by the fast canonical writer"


@pytest.mark.parametrize(("path", "kind"), DOCUMENTS, ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path)
                         else v)
def test_fmt_shortcut_gives_the_same_formatted_bytes(path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from qingdan.edit import formatting

    text = path.read_text(encoding="utf-8")

    def formatted() -> str | tuple[str, str]:
        try:
            return formatting.format_text(text, kind, str(path))
        except QingdanError as error:
            return type(error).__name__, str(error)

    fast = formatted()
    monkeypatch.setattr(formatting, "canonical_text", lambda data, kind: None)
    assert fast == formatted()


_ALPHABET = "ab Z09.:-,'\"#%@`&*!|>?[]{}()/\\\t\n中文、，。：（）―—０\u2028\u00a0\ufeff"


def test_fast_canonical_text_matches_dumps_on_generated_values() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

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
