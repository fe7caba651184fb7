"""Output on a Chinese Windows PC: standard output and error in GBK (cp936) never crash and lose nothing that matters.

Every command, and the golden case folders of validate and diff, run in a real process (the streams are the
interpreter's own, as a console or a pipe gives them) three times: in UTF-8, where the output must be the golden
output, and with ``PYTHONIOENCODING=gbk`` and ``cp936``, where it must be that same output with only the characters
GBK lacks replaced (``›`` → ``>``, ``⏎`` → ``↙``), with the same exit code, no traceback and nothing left empty.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from qingdan.cli.console import ERRORS, prepare_stream, readable
from qingdan.cli.main import command_modules

TESTS = Path(__file__).resolve().parent.parent
SHIPPED = TESTS.parent / "policies" / "2017"
VALIDATE_CASES = TESTS / "validate" / "cases"
DIFF_CASES = TESTS / "diff" / "cases"
REVISION = TESTS / "revision"
LEGACY = ("gbk", "cp936")


@dataclass(frozen=True)
class Ran:
    exit_code: int
    stdout: str
    stderr: str


def run(args: list[str], cwd: Path, encoding: str, language: str = "zh") -> Ran:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "QINGDAN_LANG": language, "NO_COLOR": "1"}
    env.pop("QINGDAN_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "qingdan", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=120, check=False)
    return Ran(done.returncode, done.stdout.decode(encoding), done.stderr.decode(encoding))


def in_legacy(text: str, encoding: str) -> str:
    """``text`` as the console shows it when written in ``encoding`` through the readable replacements."""
    return text.encode(encoding, ERRORS).decode(encoding)


def check_alike(utf8: Ran, legacy: Ran, encoding: str) -> None:
    """The run in ``encoding`` says what the UTF-8 run says, with only unencodable characters replaced."""
    assert "Traceback" not in legacy.stderr and "internal error" not in legacy.stderr, legacy.stderr
    assert "内部错误" not in legacy.stderr, legacy.stderr
    assert legacy.exit_code == utf8.exit_code, legacy.stderr
    assert bool(legacy.stdout) == bool(utf8.stdout) and bool(legacy.stderr) == bool(utf8.stderr)
    assert legacy.stdout == in_legacy(utf8.stdout, encoding)
    assert legacy.stderr == in_legacy(utf8.stderr, encoding)


def test_the_replacements_are_readable_in_gbk() -> None:
    assert readable("›", "gbk") == ">"
    assert readable("⏎", "gbk") == "↙"
    assert readable("⏎", "ascii") == "\\n"
    assert readable("５", "cp1252") == "5"  # a full-width digit, by its compatibility form
    assert readable("😀", "gbk") == "\\U0001f600"  # nothing better: an escape, never a crash
    assert in_legacy("医疗救助 › 重特大疾病医疗救助⏎", "gbk") == "医疗救助 > 重特大疾病医疗救助↙"


@pytest.mark.parametrize("encoding", LEGACY)
def test_validate_of_the_shipped_edition_in_gbk(encoding: str, tmp_path: Path) -> None:
    # its waived findings name parts with › (the crash that broke every commit on a Chinese Windows PC)
    utf8 = run(["validate", "2017"], tmp_path, "utf-8", "en")
    assert "›" in utf8.stdout and utf8.exit_code == 0
    legacy = run(["validate", "2017"], tmp_path, encoding, "en")
    check_alike(utf8, legacy, encoding)
    assert "›" not in legacy.stdout and " > " in legacy.stdout


def test_a_report_written_with_o_is_utf8_whatever_the_console(tmp_path: Path) -> None:
    legacy = run(["validate", "2017", "-o", "report.txt"], tmp_path, "gbk", "zh")
    assert (legacy.exit_code, legacy.stdout, legacy.stderr) == (0, "", "")
    assert "›" in (tmp_path / "report.txt").read_text(encoding="utf-8")


class _Console(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


class _Kernel32:
    def __init__(self, accepts: bool) -> None:
        self.accepts = accepts
        self.pages: list[int] = []

    def SetConsoleOutputCP(self, page: int) -> int:  # the Windows API's name
        self.pages.append(page)
        return int(self.accepts)


@pytest.mark.parametrize("accepts", [True, False])
def test_a_windows_console_gets_utf8_where_it_can(accepts: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    kernel32 = _Kernel32(accepts)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", type("windll", (), {"kernel32": kernel32}), raising=False)
    stream = _Console(io.BytesIO(), encoding="gbk")
    prepare_stream(stream)
    assert kernel32.pages == [65001]
    assert (stream.encoding, stream.errors) == (("utf-8" if accepts else "gbk"), ERRORS)
    stream.write("医疗救助 › 重特大疾病⏎")
    stream.flush()
    written = stream.buffer.getvalue()  # type: ignore[attr-defined]
    assert written == ("医疗救助 › 重特大疾病⏎".encode() if accepts else "医疗救助 > 重特大疾病↙".encode("gbk"))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_revision_diff_in_gbk_is_its_golden_output(language: str, tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "2017")
    shutil.copytree(REVISION / "example" / "2019", tmp_path / "2019")
    args = ["diff", "2017", "2019"]
    utf8 = run(args, tmp_path, "utf-8", language)
    golden = (REVISION / ("expected.txt" if language == "en" else "expected.zh.txt")).read_text(encoding="utf-8")
    assert utf8.stdout == golden and "⏎" in golden
    legacy = run(args, tmp_path, "gbk", language)
    check_alike(utf8, legacy, "gbk")
    assert "↙" in legacy.stdout


# Every command, with the arguments of a run that prints something; {copy} runs it in a fresh copy of the shipped
# edition at ./policies/2017 (the commands that write), otherwise in a folder without ./policies.
COMMAND_RUNS: dict[str, list[str]] = {
    "cache": ["cache", "clean", "--cache-dir", "no-cache-here"],
    "changelog": ["changelog", "2017", "2017"],
    "conform": ["conform", "2017"],
    "diff": ["diff", "2017", "2017"],
    "export": ["export", "2017", "--format", "csv"],
    "fmt": ["fmt", "--check", "{copy}"],
    "history": ["history", "2", "2017"],
    "import": ["import", "{copy}/source.txt", "--edition", "2017", "-o", "{copy}", "--dry-run"],
    "new-edition": ["new-edition", "{copy}", "policies/2019"],
    "rename-unit": ["rename-unit", "区民政局", "区民政委", "{copy}", "--dry-run"],
    "render": ["render", "2017"],
    "renumber": ["renumber", "--check", "{copy}"],
    "rules": ["rules"],
    "site": ["site", "2017", "-o", "site"],
    "summary": ["summary", "2017"],
    "tasks": ["tasks", "区卫生计生委", "2017"],
    "textconv": ["textconv", "{copy}/services/medical-assistance.yaml"],
    "units": ["units", "2017"],
    "validate": ["validate", "2017"],
}


def test_every_command_has_a_run() -> None:
    assert sorted(COMMAND_RUNS) == sorted(command_modules())


def _command_run(name: str, encoding: str, language: str, tmp_path: Path) -> Ran:
    work = tmp_path / f"{encoding}-{language}"
    work.mkdir()
    if any("{copy}" in arg for arg in COMMAND_RUNS[name]):
        shutil.copytree(SHIPPED, work / "policies" / "2017")
    args = [arg.replace("{copy}", "policies/2017") for arg in COMMAND_RUNS[name]]
    return run(args, work, encoding, language)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(COMMAND_RUNS))
def test_every_command_in_gbk_and_cp936(name: str, language: str, tmp_path: Path) -> None:
    utf8 = _command_run(name, "utf-8", language, tmp_path)
    assert utf8.stdout or utf8.stderr, name
    for encoding in LEGACY:
        check_alike(utf8, _command_run(name, encoding, language, tmp_path), encoding)


def _validate_goldens() -> list[tuple[Path, str]]:
    folders = sorted(p for kind in ("invalid", "valid", "unreadable") for p in (VALIDATE_CASES / kind).iterdir()
                     if p.is_dir())
    return [(folder, golden) for folder in folders
            for golden in ("stderr.txt", "text.txt", "zh/text.txt") if (folder / "expected" / golden).is_file()]


@pytest.mark.slow
@pytest.mark.parametrize(("case", "golden"), _validate_goldens(),
                         ids=lambda v: f"{v.parent.name}/{v.name}" if isinstance(v, Path) else v)
def test_validate_golden_cases_in_gbk(case: Path, golden: str) -> None:
    language = "zh" if golden.startswith("zh/") else "en"
    utf8 = run(["validate", "."], case, "utf-8", language)
    said = utf8.stderr if golden == "stderr.txt" else utf8.stdout
    assert said == (case / "expected" / golden).read_text(encoding="utf-8")
    check_alike(utf8, run(["validate", "."], case, "gbk", language), "gbk")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("case", sorted(p.name for p in DIFF_CASES.iterdir() if (p / "old").is_dir()))
def test_diff_golden_cases_in_gbk(case: str, language: str) -> None:
    folder = DIFF_CASES / case
    utf8 = run(["diff", "old", "new"], folder, "utf-8", language)
    golden = "expected.txt" if language == "en" else "expected.zh.txt"
    assert utf8.stdout == (folder / golden).read_text(encoding="utf-8")
    check_alike(utf8, run(["diff", "old", "new"], folder, "gbk", language), "gbk")
