"""The fast paths give exactly what the reference paths give: the same data, positions, findings and errors.

The loader's fast composer is compared with ruamel's own composer on every YAML file of the repository (the shipped
edition and every case folder, broken ones included) and on snippets chosen for YAML's corners.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qingdan.errors import QingdanError
from qingdan.loading import parse_document, parse_document_reference

ROOT = Path(__file__).resolve().parents[2]
YAML_FILES = sorted(p for folder in ("policies", "tests") for p in (ROOT / folder).rglob("*.y*ml")
                    if p.suffix in (".yaml", ".yml"))

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
    # repr keeps 1, 1.0 and True apart, which == would not
    return "ok", (repr(document.data), sorted(document.nodes.items(), key=repr), document.duplicates)


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
