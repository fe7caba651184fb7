"""-o never replaces what is not a regular file, writes through a link to one, and never deletes unrelated files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli


@pytest.mark.parametrize("format_", ["json", "sqlite"])
def test_a_link_to_a_regular_file_is_written_through(run_cli: RunCli, tmp_path: Path, format_: str) -> None:
    real = tmp_path / "real.out"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.out"
    link.symlink_to(real.name)
    result = run_cli("export", "2017", "--format", format_, "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_bytes() != b"old\n" and real.stat().st_size > 1000


@pytest.mark.parametrize("format_", ["json", "sqlite", "csv"])
def test_a_fifo_output_is_refused_with_one_line(run_cli: RunCli, tmp_path: Path, format_: str) -> None:
    fifo = tmp_path / f"out.{'csv' if format_ == 'csv' else format_}"
    os.mkfifo(fifo)
    result = run_cli("export", "2017", "--format", format_, "-o", str(fifo))
    assert result.exit_code == 2
    assert result.stderr == f"qingdan: {fifo}: is not a regular file (a FIFO, device or socket); refusing to " \
                            "replace it\n"
    assert fifo.is_fifo()


def test_a_link_to_a_device_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    result = run_cli("export", "2017", "--format", "json", "-o", str(link))
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert link.is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root")
def test_a_device_node_is_refused_not_replaced(run_cli: RunCli, tmp_path: Path) -> None:
    device = tmp_path / "dev.json"
    os.mknod(device, 0o600 | 0o020000, os.makedev(1, 3))  # a character device, like /dev/null
    result = run_cli("export", "2017", "--format", "json", "-o", str(device))
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert device.is_char_device()


@pytest.mark.parametrize("format_", ["csv", "datapackage"])
def test_the_folder_guard_never_deletes_a_users_file(run_cli: RunCli, tmp_path: Path, format_: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "edition.csv").write_text("looks like an export\n", encoding="utf-8")
    (folder / "thesis.docx").write_bytes(b"my thesis")
    result = run_cli("export", "2017", "--format", format_, "-o", str(folder))
    assert result.exit_code == 2
    assert "not a folder holding only an earlier export's files" in result.stderr
    assert (folder / "thesis.docx").read_bytes() == b"my thesis"


def test_an_earlier_export_is_replaced_by_another_format(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    assert run_cli("export", "2017", "--format", "csv", "-o", str(folder)).exit_code == 0
    assert run_cli("export", "2017", "--format", "datapackage", "-o", str(folder)).exit_code == 0
    assert (folder / "datapackage.json").is_file() and not (folder / "list.csv").exists()
