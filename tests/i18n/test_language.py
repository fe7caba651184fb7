"""Which language a run speaks (--lang, QINGDAN_LANG, the locale), tried in-process and as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.core import i18n

if TYPE_CHECKING:
    from tests.conftest import RunCli


@pytest.mark.parametrize(("option", "environ", "expected"), [
    (None, {}, "en"),
    (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
    (None, {"LANG": "zh_TW.UTF-8"}, "zh"),
    (None, {"LANG": "en_US.UTF-8"}, "en"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LANG": "fr_FR.UTF-8"}, "en"),  # neither language: English, as gettext programs do
    (None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
    (None, {"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL wins over LANG
    (None, {"LANG": "zh_CN.UTF-8", "QINGDAN_LANG": "en"}, "en"),
    (None, {"LANG": "C", "QINGDAN_LANG": "zh_CN"}, "zh"),
    ("en", {"QINGDAN_LANG": "zh"}, "en"),  # --lang wins over everything
    ("zh-Hans", {}, "zh"),
])
def test_choose(option: str | None, environ: dict[str, str], expected: str) -> None:
    assert i18n.choose(option, environ) == expected


@pytest.mark.parametrize("value", ["fr", "klingon", "de_DE"])
def test_an_unknown_language_is_refused(value: str) -> None:
    with pytest.raises(i18n.UnknownLanguageError):
        i18n.choose(value, {})
    with pytest.raises(i18n.UnknownLanguageError):
        i18n.choose(None, {"QINGDAN_LANG": value})


def test_unknown_lang_option_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("--lang", "fr", "validate")
    assert result.exit_code == 2 and "zh" in result.stderr and "Traceback" not in result.stderr


def _qingdan(*args: str, environ: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QINGDAN_LANG", "LANG", "LC_ALL", "LC_MESSAGES",
                                                            "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "qingdan", *args], cwd=cwd, env=env | environ,
                          capture_output=True, text=True, check=False, timeout=120)


def test_a_chinese_locale_gets_chinese(repo_root: Path) -> None:
    done = _qingdan("validate", environ={"LANG": "zh_CN.UTF-8"}, cwd=repo_root)
    assert done.returncode == 0, done.stderr
    assert "已豁免" in done.stdout and "个错误" in done.stdout  # the waived findings and the summary
    assert "waived" not in done.stdout
    helped = _qingdan("--help", environ={"LANG": "zh_CN.UTF-8"}, cwd=repo_root)
    assert helped.returncode == 0 and "退出码" in helped.stdout and "用法" in helped.stdout
    assert "Exit codes" not in helped.stdout


def test_lang_en_and_qingdan_lang_override_the_locale(repo_root: Path) -> None:
    english = _qingdan("--lang", "en", "validate", environ={"LANG": "zh_CN.UTF-8"}, cwd=repo_root)
    assert english.returncode == 0 and "waived" in english.stdout and "已豁免" not in english.stdout
    by_variable = _qingdan("validate", environ={"LANG": "zh_CN.UTF-8", "QINGDAN_LANG": "en"}, cwd=repo_root)
    assert by_variable.stdout == english.stdout
    chinese = _qingdan("validate", environ={"LANG": "C.UTF-8", "QINGDAN_LANG": "zh"}, cwd=repo_root)
    assert "已豁免" in chinese.stdout


def test_errors_speak_the_language_too(repo_root: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    english = _qingdan("--lang", "en", "validate", str(missing), environ={}, cwd=repo_root)
    chinese = _qingdan("--lang", "zh", "validate", str(missing), environ={}, cwd=repo_root)
    assert english.returncode == chinese.returncode == 2
    assert english.stderr.count("\n") == chinese.stderr.count("\n") == 1
    assert str(missing) in chinese.stderr and english.stderr != chinese.stderr


def test_lang_after_the_command_name_works_too(repo_root: Path) -> None:
    after = _qingdan("validate", "--lang", "zh", environ={"LANG": "C.UTF-8"}, cwd=repo_root)
    before = _qingdan("--lang", "zh", "validate", environ={"LANG": "C.UTF-8"}, cwd=repo_root)
    assert after.returncode == before.returncode == 0 and after.stdout == before.stdout and "已豁免" in after.stdout
    helped = _qingdan("validate", "--help", "--lang", "zh", environ={"LANG": "C.UTF-8"}, cwd=repo_root)
    assert "退出码" in helped.stdout and "Exit codes" not in helped.stdout  # the help, loaded in Chinese
    bad = _qingdan("validate", "--lang", "fr", environ={}, cwd=repo_root)
    assert bad.returncode == 2 and "--lang" in bad.stderr and "Traceback" not in bad.stderr
