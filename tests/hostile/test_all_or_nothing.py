"""Whole-edition writes change every file or none, and clean the temporary files a killed run left."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from qingdan.core.errors import OutputError
from qingdan.edit.formatting import format_paths
from qingdan.edit.importing import import_source

if TYPE_CHECKING:
    from _typeshed import StrPath
    from tests.conftest import RunCli


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _unformat(edition: Path) -> None:
    """Put edition.yaml and two services out of canonical form (data unchanged)."""
    for rel in ("edition.yaml", "services/medical-assistance.yaml", "services/hotline-12333.yaml"):
        path = edition / rel
        path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n\n", 3), encoding="utf-8")


def test_fmt_writes_nothing_when_one_file_cannot_be_staged(edition_copy: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # a read-only services/ folder (which root could still write to: simulated where the temporary file is made)
    _unformat(edition_copy)
    before = _snapshot(edition_copy)
    real: Callable[..., tuple[int, str]] = tempfile.mkstemp

    def mkstemp(*args: Any, dir: StrPath, **kwargs: Any) -> tuple[int, str]:
        if Path(dir).name == "services":
            raise PermissionError(13, "permission denied")
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(OutputError, match="permission denied"):
        format_paths([edition_copy], write=True)
    assert _snapshot(edition_copy) == before  # edition.yaml was not rewritten either


def test_fmt_rolls_back_when_a_rename_fails_half_way(edition_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _unformat(edition_copy)
    before = _snapshot(edition_copy)
    real = os.replace
    calls: list[StrPath] = []

    def replace(source: StrPath, target: StrPath) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(source, target)

    monkeypatch.setattr(os, "replace", replace)  # the module staging calls
    with pytest.raises(OutputError, match="nothing was changed"):
        format_paths([edition_copy], write=True)
    monkeypatch.setattr(os, "replace", real)
    assert _snapshot(edition_copy) == before
    assert not [p for p in edition_copy.rglob(".*.tmp")]


def test_import_removes_nothing_when_a_write_fails(edition_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (edition_copy / "services" / "stray-old-service.yaml").write_text(
        (edition_copy / "services" / "hotline-12333.yaml").read_text(encoding="utf-8")
        .replace("hotline-12333", "stray-old-service").replace("name: ", "name: 旧"), encoding="utf-8")
    (edition_copy / "edition.yaml").write_text(
        (edition_copy / "edition.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    real = os.replace

    def replace(source: StrPath, target: StrPath) -> None:
        if Path(target).name == "units.yaml" or Path(target).name == "source.txt":
            raise OSError(28, "No space left on device")
        return real(source, target)

    (edition_copy / "units.yaml").write_text((edition_copy / "units.yaml").read_text(encoding="utf-8") + "\n",
                                             encoding="utf-8")
    before = _snapshot(edition_copy)
    monkeypatch.setattr(os, "replace", replace)  # the module staging calls
    with pytest.raises(OutputError):
        import_source(edition_copy / "source.txt", "2017", edition_copy)
    assert _snapshot(edition_copy) == before


def test_fmt_removes_temporary_files_a_killed_run_left(run_cli: RunCli, edition_copy: Path) -> None:
    stale = [edition_copy / ".edition.yaml.abcd1234.tmp", edition_copy / "services" / ".x.yaml.k_9zzzzz.tmp"]
    for path in stale:
        path.write_text("half", encoding="utf-8")
    keep = edition_copy / "services" / ".notes.tmp"  # not a name qingdan makes
    keep.write_text("mine", encoding="utf-8")
    _unformat(edition_copy)
    result = run_cli("fmt", str(edition_copy))
    assert result.exit_code == 0, result.stderr
    assert not any(path.exists() for path in stale)
    assert keep.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(("command", "name"), [
    (["new-edition", "{edition}", "{out}"], "2021"),
    (["export", "{edition}", "--format", "datapackage", "-o", "{out}"], "package"),
    (["export", "{edition}", "--format", "sqlite", "-o", "{out}"], "list.sqlite"),
    (["export", "{edition}", "--format", "json", "-o", "{out}"], "list.json"),
])
def test_what_a_killed_new_edition_or_export_left_is_removed_by_the_next(run_cli: RunCli, edition_copy: Path,
                                                                         command: list[str], name: str) -> None:
    out = edition_copy.parent / name
    left = [edition_copy.parent / f".{name}.abcd_123.tmp", edition_copy.parent / f".{name}.zzzzzzzz.old"]
    left[0].mkdir()
    (left[0] / "half.yaml").write_text("x", encoding="utf-8")
    left[1].write_text("half", encoding="utf-8")
    unrelated = edition_copy.parent / f".{name}.notes"
    unrelated.write_text("mine", encoding="utf-8")
    args = [arg.replace("{edition}", str(edition_copy)).replace("{out}", str(out)) for arg in command]
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    assert not any(path.exists() for path in left)
    assert unrelated.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in edition_copy.parent.iterdir()) == sorted(["2017", name, unrelated.name])
