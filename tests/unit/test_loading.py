"""loading.py: positions of every node, and what plain YAML loaders would do silently made visible."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qingdan.core.errors import InputError, YamlSyntaxError
from qingdan.io.loading import UNHOLDABLE, UNPRINTABLE, load_document, parse_document


def test_positions_of_values_and_keys() -> None:
    doc = parse_document("id: a\nunits:\n  - 市财政局\n  - 市教委\nnested:\n  key: 1\n", "f.yaml")
    assert doc.data == {"id": "a", "units": ["市财政局", "市教委"], "nested": {"key": 1}}
    assert str(doc.locate(("units", 1))) == "f.yaml:4:5"
    assert str(doc.locate(("nested", "key"))) == "f.yaml:6:8"
    assert str(doc.locate(("nested", "key"), key=True)) == "f.yaml:6:3"
    # a path that does not exist points at its nearest existing ancestor
    assert str(doc.locate(("nested", "missing"))) == "f.yaml:6:3"


def test_duplicate_keys_are_recorded_never_silently_overwritten() -> None:
    doc = parse_document("name: first\nname: second\n", "f.yaml")
    assert doc.data == {"name": "first"}
    (duplicate,) = doc.duplicates
    assert (duplicate.path, duplicate.first_line, duplicate.line) == (("name",), 1, 2)


@pytest.mark.parametrize(("text", "words", "line"), [
    ("a: &x [1]\nb: *x\n", "aliases", 2),
    ("a: [1]\nb: !!python/object:os.system echo\n", "tag", 2),
    ("a: !custom 1\n", "tag", 1),
    ("base: {a: 1}\nother:\n  <<: {b: 2}\n", "merge keys", 3),
])
def test_refused_constructs_name_their_line(text: str, words: str, line: int) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_document(text, "f.yaml")
    assert words in caught.value.message
    assert caught.value.line == line


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(YamlSyntaxError):
        parse_document("\n".join(lines) + "\n", "laughs.yaml")


@pytest.mark.parametrize("text", ["a: " + "[" * 20000 + "]" * 20000 + "\n", "a: " + "[" * 40 + "]" * 40 + "\n"])
def test_deep_nesting_is_refused_without_exhausting_the_stack(text: str) -> None:
    with pytest.raises(YamlSyntaxError, match="nested"):
        parse_document(text, "deep.yaml")


def test_syntax_error_has_file_line_and_column() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_document("a: 1\nb: [unclosed\nc: 2\n", "broken.yaml")
    assert str(caught.value).startswith("broken.yaml:")
    assert caught.value.line is not None and caught.value.line >= 2
    assert "\n" not in str(caught.value)


def test_bare_dates_stay_text_and_core_scalars_are_typed() -> None:
    doc = parse_document("signed: 2018-01-31\nn: 12\nx: 0.5\nok: true\nnone: null\nratio: 8:2\n", "f.yaml")
    assert doc.data == {"signed": "2018-01-31", "n": 12, "x": 0.5, "ok": True, "none": None, "ratio": "8:2"}
    assert doc.nodes[("signed",)].tag == "tag:yaml.org,2002:timestamp"
    assert doc.nodes[("ratio",)].style is None


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "missing.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("a: 1\nb: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load_document(latin)
    assert (caught.value.message, caught.value.line) == ("not valid UTF-8 text", 2)
    with pytest.raises(InputError, match="is a directory"):
        load_document(tmp_path)


def test_valid_yaml_1_2_that_libyaml_refuses_still_loads() -> None:
    """The C parser scans YAML 1.1; a document it refuses is parsed again by the pure YAML 1.2 parser."""
    doc = parse_document("splits:\n  - {name: s, quote: 8:2}\n", "f.yaml")
    assert doc.data == {"splits": [{"name": "s", "quote": "8:2"}]}
    assert str(doc.locate(("splits", 0, "quote"))) == "f.yaml:2:22"


@pytest.mark.parametrize(("text", "line", "column"), [
    ("id: " + "[" * 1500, 1, 1005),  # flow brackets
    ("a: 1\n" + "- " * 1200 + "x\n", 2, 1),  # block indicators on one line, with a newline after them
    ("a: 1\n" + " " * 1100 + "b", 2, 1),  # indentation on the last line, no newline after it
    ("a: [\n" + " " * 600 + "[" * 500, 2, 1000),  # brackets and indentation together
])
def test_nesting_past_the_parser_s_stack_is_refused_before_parsing(text: str, line: int, column: int) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_document(text, "deep.yaml")
    assert (caught.value.line, caught.value.column) == (line, column)
    assert caught.value.message == "YAML nested more than 1000 levels deep"


def test_brackets_in_text_below_the_bound_are_not_nesting() -> None:
    """The pre-scan over-counts (brackets inside text count too), so its bound is far above any real document."""
    text = "\n".join(f"k{i}: 见附件[{i}（" for i in range(900)) + "\n"
    assert parse_document(text, "many.yaml").data["k899"] == "见附件[899（"


@pytest.mark.parametrize(("text", "words"), [
    ('name: "\\ud800"\n', "U+D800 is half of a surrogate pair"),
    ('name: "a\\u0007b"\n', "control character U+0007"),
    ('name: "a\\Pb"\n', "U+2029 (paragraph separator)"),
    ("name: a\u2028b\n", "U+2028 (line separator)"),
    ("name: a\x85b\n", "U+0085 (next line)"),
    ('"\\ud800": x\n', "U+D800 is half of a surrogate pair"),
    ("value: 1e-400\n", "'1e-400' is too small to be held as a number"),
])
def test_what_no_export_can_hold_is_refused_at_load(text: str, words: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_document(text, "x.yaml")
    assert words in caught.value.message
    assert caught.value.line == 1


def test_zero_and_tabs_and_line_breaks_in_quotes_still_load() -> None:
    data = parse_document('a: 0.0\nb: 0e5\nc: "x\\ty\\nz"\n', "ok.yaml").data
    assert data == {"a": 0.0, "b": 0.0, "c": "x\ty\nz"}


def test_the_unprintable_and_unholdable_classes_are_yamls_printable_set_inverted() -> None:
    # written as the ranges outside YAML's c-printable set (they compile twenty times faster than its negation)
    printable = re.compile("[\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    unprintable, unholdable = re.compile(UNPRINTABLE), re.compile(UNHOLDABLE)
    text = "".join(map(chr, range(0x110000)))
    allowed = {match.start() for match in printable.finditer(text)}
    assert {match.start() for match in unprintable.finditer(text)} == set(range(0x110000)) - allowed
    assert {match.start() for match in unholdable.finditer(text)} == set(range(0x110000)) - allowed | {0x0D}
    assert unprintable.search("\x85") and unholdable.search("\u2028") and not unprintable.search("\r")
