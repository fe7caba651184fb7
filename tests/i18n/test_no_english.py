"""No English in Chinese output where a Chinese word exists: every Chinese golden file of the repository is searched
for ASCII words, and each one left must be a code, a file name or path, an id or name the editor typed, a number
with its unit, or an entry of the allowlist below, which says why it stays.

The goldens are the real output of every command on the real data (tests/**/expected/zh/*, *.zh.txt, *.zh.md), so
this test fails when a message shows ``city`` for 市级, ``None`` for （空）, or a key where its column title exists.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qingdan.core import resources
from qingdan.core.i18n import LEVEL_WORDS
from qingdan.core.vocabulary import FIELD_WORDS, PAYERS

REPO = Path(__file__).resolve().parents[2]
GOLDEN_PATTERNS = ("tests/**/expected/zh/*", "tests/**/*.zh.txt", "tests/**/*.zh.md", "tests/**/*.zh.json",
                   "tests/**/expected.zh*")

# (pattern, why it may stay). Patterns are removed from a golden before its ASCII words are counted.
ALLOWED: tuple[tuple[str, str], ...] = (
    (r"\bQ[DC]\d{3}\b", "finding and change codes are stable identifiers, the same in every language"),
    (r"U\+[0-9A-F]{4,5}", "a character's code point names it exactly (QD502)"),
    (r"[\w.~/-]*\.(?:yaml|yml|txt|md|json|xlsx|docx|csv)\b(?::\d+)*", "file names and paths, as on disk"),
    (r"(?:[\w-]+/)+[\w.-]*", "paths, as on disk"),
    (r"`[^`]*`", "a command or value to type, shown as code"),
    (r"\bqingdan(?: [a-z][a-z-]+)?", "the program and its commands, typed as they are"),
    (r"</?(?:sub|details|summary|b|del|ins|br)>", "Markdown's HTML tags in the .md goldens"),
    (r"^::(?:error|warning|notice)\b|\b(?:file|line|col|endLine|endColumn|title)=", "GitHub workflow-command syntax"),
    (r"\blevel: (?:city|district|other)\b", "QD102 names the YAML line to add to units.yaml"),
    (r"在 quantities 下|\b(?:value: [\d.]+|unit: \S+?|field: [a-z_]+|name|quote)(?=[；：（）])",
     "QD302 names the keys of the quantities entry to add"),
    (r"“[^”]*”", "a name or value quoted from the editor's data (an unknown key, a wrong value), as typed"),
    (r"\bYAML 1\.1\b|\bYAML\b|\bJSON Schema\b|\bSARIF\b|\bJSON\b", "names of formats, with no Chinese word"),
    (r"\b\d+\.\.N\b", "the numbering 1..N that renumber writes"),
    (r"--[a-z][a-z-]+", "a command-line option, typed as it is"),
    (r"\b(?:accepted|code|service|part|old|new|reason):(?= |$)",
     "the entry the diff prints to paste under accepted: in edition.yaml: its YAML keys, typed as they are"),
    (r"\b[a-z_]+(?:\[\d+\])*(?:\.[a-z_]+(?:\[\d+\])*)+|\b[a-z_]+(?:\[\d+\])+(?:\.[a-z_]+)*",
     "a key path locates a value in its file, as a line number does"),
)


def goldens() -> list[Path]:
    found = {path for pattern in GOLDEN_PATTERNS for path in REPO.glob(pattern) if path.is_file()}
    return sorted(found)


def _key_titles() -> dict[str, str]:
    """Every key of the schemas with its title (target -> 服务对象), and the vocabulary's words for codes."""
    titles: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if isinstance(value, dict) and isinstance(value.get("title"), str):
                    titles.setdefault(key, value["title"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for kind in ("edition", "service", "units"):
        walk(resources.schema(kind))
    return titles | FIELD_WORDS


def _glossed(text: str) -> str:
    """Remove the codes shown with their Chinese word: 服务对象（target）, “funding”（支出责任）, city（市级）."""
    titles = _key_titles()
    words = PAYERS | {"city": "市级", "district": "区级", "other": "其他"}

    def title_before(match: re.Match[str]) -> str:
        key = re.sub(r"\[\d+\]", "", match.group(1)).split(".")[-1]
        before = text[:match.start()]
        return "" if any(key in known and before.endswith(known[key]) for known in (titles, words)) else match.group(0)

    def word_after(match: re.Match[str]) -> str:
        code, word = match.group(1), match.group(2)
        return "" if word in (words.get(code), titles.get(code)) else match.group(0)

    text = re.sub(r"“?([a-z_][a-z_]*)”?（([^）]+)）", word_after, text)
    return re.sub(r"（([a-z_]+(?:\[\d+\])*(?:\.[a-z_]+(?:\[\d+\])*)*)）", title_before, text)


def _case_root(golden: Path) -> Path:
    """The folder of the case whose output ``golden`` is: the nearest one above it that holds YAML."""
    for folder in golden.parents:
        if any(folder.glob("*.yaml")) or any(folder.glob("*/*.yaml")) or any(folder.glob("*/*/*.yaml")):
            return folder
    raise AssertionError(f"{golden}: no case folder above it")


def typed_names(root: Path) -> set[str]:
    """What the editor typed in the case: ids of services, parts and categories, edition and folder names."""
    names = {p.name for p in root.iterdir() if p.is_dir()}
    for path in root.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8", errors="replace")
        names |= set(re.findall(r"^\s*-?\s*(?:id|category|service|part|edition|previous):\s*['\"]?([\w.-]+)",
                                text, re.MULTILINE))
    return names


def _messages(golden: Path) -> Iterator[str]:
    """The human text of a golden: a JSON or SARIF file's messages, any other file whole."""
    if golden.suffix != ".json":
        yield golden.read_text(encoding="utf-8")
        return

    def walk(node: Any, key: str = "") -> Iterator[str]:
        if isinstance(node, dict):
            for name, value in node.items():
                if name == "message" and isinstance(value, dict) and isinstance(value.get("text"), str):
                    yield value["text"]  # SARIF's result message
                elif name == "message" and isinstance(value, str):
                    yield value
                else:
                    yield from walk(value, name)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value, key)

    yield from walk(json.loads(golden.read_text(encoding="utf-8")))


def english_words(text: str, typed: set[str]) -> list[str]:
    """The ASCII words of ``text`` that the rules above do not explain."""
    text = _glossed(text.replace("\\[", "[").replace("\\]", "]"))  # Markdown escapes the brackets of key paths
    for pattern, _why in ALLOWED:
        text = re.sub(pattern, " ", text, flags=re.MULTILINE)
    words = re.findall(r"[A-Za-z][A-Za-z0-9_-]*", text)
    return [word for word in words if word not in typed]


@pytest.mark.parametrize("golden", goldens(), ids=lambda p: str(p.relative_to(REPO)))
def test_a_chinese_golden_has_no_english_word(golden: Path) -> None:
    typed = typed_names(_case_root(golden))
    left = sorted({word for text in _messages(golden) for word in english_words(text, typed)})
    assert left == [], f"{golden.relative_to(REPO)}: English words in Chinese output: {left}"


def test_there_are_chinese_goldens_of_every_kind() -> None:
    names = {p.name for p in goldens()}
    assert {"text.txt", "github.txt", "json.json", "sarif.json", "expected.zh.txt", "expected.zh.md"} <= names
    assert len(goldens()) > 100


@pytest.mark.parametrize("text", [
    "units.yaml\n  12:12  错误  QD001  层级应为 city、district、other 之一",   # level codes without their words
    "services/a.yaml\n  1:1  错误  QD001  name 应为文本，实际为 None",          # Python's None
    "  QC605 结构调整    单位登记新增 市医保局（city）",                          # a level code in parentheses
    "  QD502  target 文本使用了 —",                                               # a key without its title
    "错误：缺少选项 '--format'. Choose from: text, json",                        # click's English
])
def test_the_search_finds_english(text: str) -> None:
    assert english_words(text, set()) != []


def test_the_search_lets_codes_paths_and_glossed_keys_pass() -> None:
    text = ("services/medical-aid.yaml\n  6:34  错误  QD302  3 医疗救助：服务指导标准（standard）文本中的 2万元 "
            "未被任何数量字段记录：请在 quantities 下添加一项（name：数量名称；value: 2；unit: 万元；field: standard；"
            "quote：原文中含“2万元”的一段文字）\n层级（units[3].level）应为city（市级）、district（区级）之一；"
            "缺少必填键“funding”（支出责任）；子项 emergency-aid")
    assert english_words(text, {"emergency-aid"}) == []


def test_level_words_cover_every_level_the_schema_allows() -> None:
    levels = resources.schema("units")["properties"]["units"]["items"]["properties"]["level"]["enum"]
    assert set(levels) == set(LEVEL_WORDS)
