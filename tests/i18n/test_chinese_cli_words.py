"""The words qingdan's Chinese output takes from elsewhere: click's own texts, the operating system's error texts
and the units' level codes, each said in Chinese (the goldens cover the messages of validate and diff).

Each command runs in a process of its own: a command module translates its help when it loads, so a Chinese run
in this process would leave Chinese help behind for the English tests that follow."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qingdan import __version__
from qingdan.core import i18n


def qingdan(*args: str, lang: str = "zh", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "qingdan", *args], cwd=cwd, env=env | {"QINGDAN_LANG": lang},
                          capture_output=True, text=True, check=False, timeout=120)


def test_a_missing_option_names_its_choices_in_one_chinese_sentence() -> None:
    result = qingdan("export", "2017")
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last == "错误：缺少选项“--format”。可选值：text、json、csv、sqlite、datapackage、xlsx、docx。"
    assert "\t" not in result.stderr and "Choose" not in result.stderr and "'" not in result.stderr


def test_a_missing_option_in_english_too() -> None:
    last = qingdan("export", "2017", lang="en").stderr.strip().splitlines()[-1]
    assert last == "Error: Missing option '--format'. Choose from: text, json, csv, sqlite, datapackage, xlsx, docx."


def test_a_missing_argument_is_named() -> None:
    assert qingdan("history").stderr.strip().splitlines()[-1] == "错误：缺少参数“SERVICE”。"


def test_version_and_help_headings_are_chinese() -> None:
    assert qingdan("--version").stdout == f"qingdan 版本 {__version__}\n"
    assert qingdan("--version", lang="en").stdout == f"qingdan, version {__version__}\n"
    help_text = qingdan("export", "--help").stdout
    assert "选项：" in help_text and "[必填]" in help_text
    assert "Options" not in help_text and "required" not in help_text and "选项:" not in help_text
    assert "命令：" in qingdan("--help").stdout


@pytest.mark.parametrize(("number", "chinese"), [
    (errno.ENOENT, "文件或文件夹不存在"), (errno.EACCES, "没有权限"), (errno.EISDIR, "是文件夹，不是文件"),
    (errno.ENOTDIR, "不是文件夹"), (errno.ENOSPC, "磁盘空间不足"), (errno.EEXIST, "已存在"),
])
def test_common_os_errors_are_said_in_chinese(number: int, chinese: str) -> None:
    error = OSError(number, "the system's English text")
    i18n.use("zh")
    try:
        assert i18n.os_error(error) == chinese
    finally:
        i18n.use("en")
    assert i18n.os_error(error) != "the system's English text"  # English has its own words too
    assert i18n.os_error(OSError(errno.ECHILD, "No child processes")) == "No child processes"  # a rare one as is


def test_an_unwritable_output_says_why_in_chinese(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    result = qingdan("export", "2017", "--format", "json", "-o", str(target / "out.json"))
    assert result.returncode == 2
    assert "不是文件夹" in result.stderr or "文件或文件夹不存在" in result.stderr, result.stderr
    said = result.stderr.replace(str(target / "out.json"), "PATH").removeprefix("qingdan: ")
    assert not re.findall(r"[A-Za-z]+", said.replace("PATH", "")), said  # no word of the system's English


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_units_shows_level_words(fmt: str) -> None:
    out = qingdan("units", "2017", "--format", fmt).stdout
    assert "市级" in out and "区级" in out and "其他" in out
    assert not {"city", "district", "other"} & set(out.replace("|", " ").split())


def test_new_edition_names_the_cleared_document_keys_by_their_titles(tmp_path: Path) -> None:
    shutil.copytree(Path(__file__).resolve().parents[2] / "policies" / "2017", tmp_path / "policies" / "2017")
    out = qingdan("new-edition", "policies/2017", "policies/2019", cwd=tmp_path).stdout  # a revision beside it
    cleared = next(line for line in out.splitlines() if "已清空" in line).strip()
    assert cleared.startswith("已清空：文号（number）、发文机关（issuer）、标题（title）、主送（recipients）")


def test_a_wrong_choice_lists_the_choices_in_chinese() -> None:
    result = qingdan("validate", "--format", "xx")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == \
        "错误：“--format”的值无效：“xx”不是可选值之一（可选值：text、json、github、sarif）。"
    assert "请运行“qingdan validate --help”查看帮助。" in result.stderr
    english = qingdan("validate", "--format", "xx", lang="en").stderr.strip().splitlines()[-1]
    assert english == "Error: Invalid value for '--format': 'xx' is not one of: text, json, github, sarif."
