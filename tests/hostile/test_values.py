"""Hostile values: trailing newlines, NaN and infinities, huge numbers, odd keys, control characters, shapes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.check.rules.identity import ID_RE
from qingdan.core.errors import InputError, QingdanError, YamlSyntaxError
from qingdan.edit import formatting
from qingdan.edit.formatting import format_text
from qingdan.io.loading import load_document, parse_document

if TYPE_CHECKING:
    from tests.conftest import RunCli

SERVICE = "services/medical-assistance.yaml"


def _edit(edition: Path, old: str, new: str, rel: str = SERVICE) -> Path:
    path = edition / rel
    text = path.read_text(encoding="utf-8")
    assert re.search(old, text, flags=re.MULTILINE), old
    path.write_text(re.sub(old, new, text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return path


def test_an_id_with_a_trailing_newline_is_invalid(run_cli: RunCli, edition_copy: Path) -> None:
    _edit(edition_copy, r"^id: medical-assistance$", r'id: "medical-assistance\\n"')
    result = run_cli("validate", str(edition_copy))
    assert result.exit_code == 1
    assert "QD001" in result.stdout and "medical-assistance\\n" in result.stdout
    assert ID_RE.fullmatch("medical-assistance\n") is None and ID_RE.fullmatch("medical-assistance")


def test_a_waiver_code_with_a_newline_is_invalid(run_cli: RunCli, edition_copy: Path) -> None:
    _edit(edition_copy, r"^  - rule: (QD\d{3})$", r'  - rule: "\1\\n"')
    result = run_cli("validate", str(edition_copy))
    assert result.exit_code == 1
    assert "a rule code such as QD101" in result.stdout


@pytest.mark.parametrize(("value", "command"), [
    (".nan", "validate"), (".NaN", "validate"), ("-.Inf", "validate"), ("+.inf", "validate"), ("1e400", "validate"),
    (".inf", "fmt"), (".inf", "summary"),
])
def test_nan_and_infinity_are_refused_with_their_line(run_cli: RunCli, edition_copy: Path, value: str,
                                                      command: str) -> None:
    path = _edit(edition_copy, r"^number: 52$", f"number: {value}")
    before = path.read_bytes()
    result = run_cli(command, str(edition_copy))
    assert result.exit_code == 2
    assert result.stderr == f"qingdan: {path}:2:9: {value!r} is not a finite number; quote it if it is meant as " \
                            "text\n"
    assert path.read_bytes() == before


def test_an_integer_too_large_for_python_is_refused_not_quoted(run_cli: RunCli, edition_copy: Path) -> None:
    path = _edit(edition_copy, r"^number: 52$", "number: " + "9" * 4301)
    before = path.read_bytes()
    for command in ("validate", "fmt"):
        result = run_cli(command, str(edition_copy))
        assert result.exit_code == 2
        assert result.stderr.startswith(f"qingdan: {path}:2:9: integer too large")
    assert path.read_bytes() == before


@pytest.mark.parametrize("key", ["123", "true", "null", "1.5"])
def test_a_key_that_is_not_text_is_refused_not_quoted_by_fmt(run_cli: RunCli, edition_copy: Path, key: str) -> None:
    path = edition_copy / SERVICE
    path.write_text(path.read_text(encoding="utf-8") + f"{key}: x\n", encoding="utf-8")
    before = path.read_bytes()
    result = run_cli("fmt", str(edition_copy))
    assert result.exit_code == 2
    assert f"mapping key {key!r} reads as a" in result.stderr and f"{path}:" in result.stderr
    assert path.read_bytes() == before
    assert parse_document(f'"{key}": x\n', "f.yaml").data == {key: "x"}  # quoted, it is text


@pytest.mark.parametrize(("char", "code"), [("\x00", "0000"), ("\x07", "0007"), ("\x1b", "001B"), ("\x7f", "007F")])
def test_control_characters_are_refused_with_their_line_and_column(char: str, code: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_document(f"id: a\nname: x{char}y\n", "f.yaml")
    assert (caught.value.line, caught.value.column) == (2, 8)
    assert caught.value.message == f"control character U+{code} is not allowed in YAML text"


def test_a_file_over_the_size_limit_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: 1\n" * 2_000_000, encoding="utf-8")  # 10 MB, five bytes a line
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.line == 5 * 1024 * 1024 // 5 + 1
    assert "larger than 5 MiB" in caught.value.message


def test_fmt_keeps_a_tab_inside_a_plain_scalar(run_cli: RunCli, edition_copy: Path) -> None:
    path = _edit(edition_copy, r"^name: 医疗救助$", "name: 医疗\t救助")
    before = load_document(path).data
    result = run_cli("fmt", str(edition_copy))
    assert result.exit_code == 0, result.stderr
    assert load_document(path).data == before
    assert run_cli("fmt", "--check", str(edition_copy)).exit_code == 0


@pytest.mark.parametrize(("text", "found", "line"), [
    ("- id: a\n- id: b\n", "a list", 1),
    ("# a comment\njust text\n", "a single value", 2),
    ("42\n", "a single value", 1),
])
def test_fmt_refuses_a_document_of_the_wrong_shape(run_cli: RunCli, edition_copy: Path, text: str, found: str,
                                                  line: int) -> None:
    path = edition_copy / SERVICE
    path.write_text(text, encoding="utf-8")
    result = run_cli("fmt", str(edition_copy))
    assert result.exit_code == 2
    assert result.stderr == f"qingdan: {path}:{line}: a service file holds a mapping of keys, this one holds " \
                            f"{found}; file left as it is\n"
    assert path.read_text(encoding="utf-8") == text


def test_formatting_that_would_change_the_data_names_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "number: 1\nid: a\nname: x\n"  # not canonical (key order), so the formatter really writes it
    monkeypatch.setattr(formatting, "dumps_keeping_comments",
                        lambda data, kind, original: original.replace("name: x", "name: y"))
    with pytest.raises(QingdanError) as caught:
        format_text(text, "service", "f.yaml")
    assert (caught.value.line, caught.value.message) == (3, "formatting would change the data here; file left as "
                                                            "it is")
