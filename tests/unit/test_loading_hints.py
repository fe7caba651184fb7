"""Where a file fails to load, the editor's mistake is named at its own line and column: full-width punctuation at a
key, a tab indent, a file saved as GBK or UTF-16. Each variant damages the baseline service file the way an editor
would; what is not recognised keeps the parser's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from qingdan.core.errors import InputError, YamlSyntaxError
from qingdan.io.loading import decode, parse_document

SERVICE = (Path(__file__).parents[1] / "validate" / "cases" / "valid" / "baseline" / "services" / "medical-aid.yaml")
TEXT = SERVICE.read_text(encoding="utf-8")
COLON = "full-width colon ： after key '{key}': write an ASCII colon and a space, '{key}: '"
SPACE = "full-width space before key '{key}': indent with ASCII spaces"
TAB = ("a tab indents this line, and YAML indents with spaces only: qingdan fmt cannot repair it, but your editor's "
       "\"convert tabs to spaces\" can")

# name -> (text replaced, replacement, line, column, message)
VARIANTS = {
    "colon-top-level": ("funding: 区县", "funding：区县", 7, 8, COLON.format(key="funding")),
    "colon-then-space": ("funding: 区县", "funding： 区县", 7, 8, COLON.format(key="funding")),
    "colon-in-a-part": ("    target: 疾病", "    target：疾病", 24, 11, COLON.format(key="target")),
    "colon-after-a-list-key": ("city_units:\n", "city_units：\n", 8, 11, COLON.format(key="city_units")),
    "colon-last-key-of-a-part": ("    payers:\n      - city", "    payers：\n      - city", 31, 11,
                                 COLON.format(key="payers")),
    "colon-in-a-list-item": ("  - name: 救助比例", "  - name：救助比例", 17, 9, COLON.format(key="name")),
    "comma-top-level": ("name: 医疗救助", "name，医疗救助", 4, 5,
                        "full-width comma ， after key 'name': write an ASCII colon and a space, 'name: '"),
    "space-top-level": ("funding: 区县", "\u3000funding: 区县", 7, 1, SPACE.format(key="funding")),
    "space-in-a-part": ("    target: 疾病", "\u3000\u3000target: 疾病", 24, 1, SPACE.format(key="target")),
    "space-after-spaces": ("    target: 疾病", "  \u3000target: 疾病", 24, 3, SPACE.format(key="target")),
    "space-after-a-key": ("funding: 区县", "funding\u3000: 区县", 7, 8,
                          "full-width space after key 'funding': delete it"),
    "tab-before-an-item": ("  - 市财政局\n", "\t- 市财政局\n", 9, 1, TAB),
    "tab-in-a-part": ("    target: 疾病", "  \ttarget: 疾病", 24, 3, TAB),
    "tab-top-level": ("funding: 区县", "\tfunding: 区县", 7, 1, TAB),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_the_mistake_is_named_where_it_is(name: str) -> None:
    old, new, line, column, message = VARIANTS[name]
    assert old in TEXT
    with pytest.raises(YamlSyntaxError) as raised:
        parse_document(TEXT.replace(old, new, 1), "f.yaml")
    assert (raised.value.line, raised.value.column, raised.value.message) == (line, column, message)


def test_an_unclosed_bracket_is_named_where_it_opens() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_document(TEXT.replace("target: 困难群众\n", "target: [困难群众\n", 1), "f.yaml")
    assert raised.value.message == "the [ opened here is not closed on its line: close it with ] on the same line"
    assert (raised.value.line, raised.value.column) == (5, 9)  # the parser says 6:9, on the next key


def test_other_syntax_errors_keep_the_parsers_words_translated_where_common() -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse_document(TEXT + "---\nid: again\n", "f.yaml")
    assert raised.value.message == "YAML syntax error: but found another document"  # rare: its own words
    with pytest.raises(YamlSyntaxError) as raised:
        parse_document(TEXT.replace("target: 困难群众", "target: @困难群众", 1), "f.yaml")
    assert raised.value.message == ("YAML syntax error: the character '@' cannot start a value: put the value in "
                                    "quotes")
    with pytest.raises(YamlSyntaxError) as raised:
        parse_document(TEXT.replace("target: 困难群众", "target: *困难群众", 1), "f.yaml")
    assert raised.value.message == "YAML syntax error: an alias (*困难群众) that no anchor (&) defines"


def test_full_width_punctuation_in_values_is_text() -> None:
    document = parse_document(TEXT.replace("funding: 区县", "funding: 备注：区县，", 1), "f.yaml")
    assert document.data["funding"].startswith("备注：区县，")


GBK = ("saved as GBK/GB18030 (\"ANSI\"), not UTF-8: save it as UTF-8 (WPS Writer or Notepad: File → Save As → "
       "Encoding: UTF-8)")
UTF16 = ("saved as UTF-16 (\"Unicode\"), not UTF-8: save it as UTF-8 (WPS Writer or Notepad: File → Save As → "
         "Encoding: UTF-8)")


@pytest.mark.parametrize(("raw", "line", "message"), [
    (TEXT.encode("gbk"), None, GBK),
    (TEXT.encode("gb18030"), None, GBK),
    (TEXT.encode("utf-16"), None, UTF16),  # little-endian with its BOM FF FE, as Notepad saves "Unicode"
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), None, UTF16),
    # a UTF-8 file with a GBK passage pasted in: saving it again would not mend it
    (TEXT.encode() + "补助".encode("gbk"), TEXT.count("\n") + 1, "not valid UTF-8 text"),
    ("café\n".encode("latin-1"), 1, "not valid UTF-8 text"),
    (bytes(range(256)), 2, "not valid UTF-8 text"),
], ids=["gbk", "gb18030", "utf16-le", "utf16-be", "utf8-with-gbk-passage", "latin1", "binary"])
def test_the_encoding_a_file_was_saved_in_is_named(raw: bytes, line: int | None, message: str) -> None:
    with pytest.raises(InputError) as raised:
        decode(raw, "f.yaml")
    assert (raised.value.line, raised.value.message) == (line, message)
