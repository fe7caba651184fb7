"""The catalogs are complete: every message in Chinese, with the same placeholders as its English template.

Finding codes and change kinds declare their message templates; a finding made on the real case folders uses a
template its code declares, with exactly the parameters the template names."""

from __future__ import annotations

import gettext
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from qingdan.check.rules import all_codes
from qingdan.check.validation import validate_paths
from qingdan.core import i18n
from qingdan.core.i18n import fields
from qingdan.diff.codes import KINDS

REPO = Path(__file__).resolve().parents[2]
CASES = sorted(p for p in (REPO / "tests" / "validate" / "cases" / "invalid").iterdir() if p.is_dir())


def _catalogs_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs", REPO / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogs"] = module
    spec.loader.exec_module(module)
    return module


def test_the_catalogs_are_complete_and_compiled() -> None:
    """scripts/catalogs.py check: nothing untranslated or fuzzy, placeholders kept, the .mo compiled from the .po."""
    assert _catalogs_script().problems() == []


# GNU gettext's own check; .ci/run installs gettext where it is missing, a developer without it is told so
MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="msgfmt (GNU gettext) is not installed")


def _msgfmt_check(po: Path) -> subprocess.CompletedProcess[str]:
    assert MSGFMT is not None
    return subprocess.run([MSGFMT, "--check", "--output-file", "/dev/null", str(po)], capture_output=True, text=True,
                          check=False)


@needs_msgfmt
def test_msgfmt_check_passes_on_every_catalog() -> None:
    """msgfmt -c: the header, and every python-brace-format entry taking exactly the parameters of its English, with
    the same format specs (a dropped {role} or a {title} for {title:.0} is fatal)."""
    catalogs = _catalogs_script().translations()
    assert catalogs
    for po in catalogs:
        done = _msgfmt_check(po)
        assert done.returncode == 0, done.stderr


DROPPED = [("{title} · {role} in the {column} column", "{title} · {column}"),  # a parameter left out
           ("{key} ({title:.0})", "{title}（{key}）"),  # the same parameter with another format spec
           ("part {number}", "第{number}个子项{part}")]  # a parameter the English has not


@pytest.mark.parametrize(("english", "chinese"), DROPPED)
def test_a_dropped_or_changed_placeholder_fails_both_checks(english: str, chinese: str, tmp_path: Path) -> None:
    catalogs = _catalogs_script()
    assert catalogs.placeholders(chinese) != catalogs.placeholders(english)
    if MSGFMT is not None:
        po = tmp_path / "qingdan.po"
        po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#, python-brace-format\n'
                      f'msgid "{english}"\nmsgstr "{chinese}"\n', encoding="utf-8")
        done = _msgfmt_check(po)
        assert done.returncode != 0 and "format specification" in done.stderr


def _chinese() -> gettext.GNUTranslations:
    return gettext.translation(i18n.DOMAIN, i18n.LOCALE_DIR, ["zh"])  # the shipped .mo; raises if it is missing


def _templates() -> list[tuple[str, str]]:
    found = [(f"{code.code}.{key or '-'}", template) for code in all_codes() for key, template in code.messages.items()]
    found += [(f"{kind.code}.{key or '-'}", template) for kind in KINDS.values()
              for key, template in getattr(kind, "messages", {}).items()]
    return found


def test_every_code_and_kind_declares_templates() -> None:
    assert all(code.messages for code in all_codes())
    assert all(getattr(kind, "messages", None) for kind in KINDS.values())


def test_every_template_has_chinese_with_the_same_parameters() -> None:
    """In the shipped .mo: one test over every template (not one test each: they made hundreds of the fast loop's
    tests for a dictionary look-up each)."""
    zh = _chinese()
    templates = _templates()
    assert len(templates) > 200
    for where, template in templates:
        chinese = zh.gettext(template)
        assert fields(chinese) == fields(template), where
        words = re.sub(r"\{[^}]*\}", "", template)
        if re.search("[A-Za-z]{3,}", words):  # "{at}: {detail}" has nothing to translate
            assert chinese != template, f"{where} has no Chinese"
            assert any("\u4e00" <= char <= "\u9fff" for char in chinese), where


def test_titles_and_descriptions_have_chinese() -> None:
    zh = _chinese()
    texts = [t for code in all_codes() for t in (code.title, code.description)]
    texts += [kind.description for kind in KINDS.values()]
    assert [t for t in texts if zh.gettext(t) == t] == []


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_findings_use_declared_templates_with_exactly_their_parameters(case: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    codes = {code.code: code for code in all_codes()}
    for finding in validate_paths([Path(".")]).findings:
        assert finding.message.template in codes[finding.code].messages.values()
        assert fields(finding.message.template) == set(finding.message.values)


def test_merge_takes_a_translators_copy_back_but_not_its_fuzzy_guesses(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from babel.messages.pofile import read_po, write_po

    script = _catalogs_script()
    target = tmp_path / "zh" / "LC_MESSAGES" / "qingdan.po"
    target.parent.mkdir(parents=True)
    target.write_bytes((i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "qingdan.po").read_bytes())
    monkeypatch.setattr(script, "LOCALE", tmp_path)
    with target.open("rb") as handle:
        copy = read_po(handle, locale="zh")
    reviewed, guessed = "the document", "a list"
    copy[reviewed].string, copy[guessed].string = "整个文档", "猜的"
    copy[guessed].flags.add("fuzzy")
    translated = tmp_path / "translator.po"
    with translated.open("wb") as handle:
        write_po(handle, copy)
    script.merge("zh", [translated])
    with target.open("rb") as handle:
        merged = read_po(handle, locale="zh")
    assert merged[reviewed].string == "整个文档"
    assert merged[guessed].string == _chinese().gettext(guessed) != "猜的"
