"""An official text that cannot be read or parsed is a finding (QD003) of the edition, never an exception: the other
findings are still reported, the rules that read the text are skipped, and validate exits 1, not 2."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from qingdan.check.validation import validate_paths

BASELINE = Path(__file__).parent / "cases" / "valid" / "baseline"


def _stray_line(source: Path) -> None:
    source.write_text(source.read_text(encoding="utf-8").replace("\n\n\t2\n", "\n\n— 5 —\n\n\t2\n", 1),
                      encoding="utf-8")


def _folder(source: Path) -> None:
    source.unlink()
    source.mkdir()


def _fifo(source: Path) -> None:
    source.unlink()
    os.mkfifo(source)


DAMAGES: dict[str, tuple[Callable[[Path], object], str, str]] = {
    # damage, where the finding points, what its message says
    "stray line": (_stray_line, "source.txt:43", "does not parse: a line inside the table does not start with a tab"),
    "empty": (lambda source: source.write_text("", encoding="utf-8"), "source.txt:1", "does not parse: no table"),
    "not UTF-8": (lambda source: source.write_bytes(source.read_text(encoding="utf-8").encode("gb18030")),
                  "edition.yaml:", "source.txt cannot be read: saved as GBK/GB18030"),
    "missing": (lambda source: source.unlink(), "edition.yaml:", "source.txt cannot be read: no such file"),
    "a folder": (_folder, "edition.yaml:",
                 "source.txt cannot be read: is a directory"),
    "a FIFO": (_fifo, "edition.yaml:",
               "source.txt cannot be read: is not a regular file"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_an_unreadable_official_text_is_a_finding_beside_the_others(damage: str, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    edition = tmp_path / "2017"
    shutil.copytree(BASELINE, edition, ignore=shutil.ignore_patterns("expected", "covers.txt"))
    # a data problem the rules find: it must still be reported
    with (edition / "units.yaml").open("a", encoding="utf-8") as units:
        units.write("  - name: 区档案馆\n    level: district\n")
    make, where, says = DAMAGES[damage]
    make(edition / "source.txt")
    monkeypatch.chdir(tmp_path)
    report = validate_paths([Path("2017")])
    by_code = {finding.code: finding for finding in report.findings}
    assert set(by_code) == {"QD003", "QD103"}
    assert str(by_code["QD003"].location).startswith(f"2017/{where}")
    assert says in by_code["QD003"].text
    assert report.exit_code() == 1
    assert not report.notes  # the text is named: not the note of an edition without one

