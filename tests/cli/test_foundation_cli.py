"""The foundation commands through the CLI: import, summary, --version, errors as one line with exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.conftest import RunCli


def test_version_and_help(run_cli: RunCli) -> None:
    import qingdan

    result = run_cli("--version")
    assert result.exit_code == 0 and qingdan.__version__ in result.stdout
    assert "Exit codes" in run_cli("--help").stdout


def test_python_dash_m_runs_the_same_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "qingdan", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "qingdan" in done.stdout


def test_import_into_a_new_folder_then_summary(run_cli: RunCli, shipped_edition: Path, tmp_path: Path) -> None:
    out = tmp_path / "fresh"
    result = run_cli("import", str(shipped_edition / "source.txt"), "--edition", "2017", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "87 services (2 sub-rows) in 8 categories" in result.stdout
    assert "source.txt:603: empty-unit" in result.stdout
    summary = run_cli("summary", str(shipped_edition))
    assert summary.exit_code == 0
    assert "87 services (2 sub-rows) in 8 categories" in summary.stdout


def test_missing_source_is_one_line_and_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("import", str(tmp_path / "nope.txt"), "--edition", "x", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"qingdan: {tmp_path / 'nope.txt'}: no such file"
    assert not (tmp_path / "out").exists()


def test_summary_of_a_broken_yaml_file_names_file_and_line(run_cli: RunCli, edition_copy: Path) -> None:
    broken = edition_copy / "services" / "vaccination.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "name: [unclosed\n", encoding="utf-8")
    result = run_cli("summary", str(edition_copy))
    assert result.exit_code == 2
    assert result.exception is None
    assert result.stderr.startswith(f"qingdan: {broken}:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_summary_of_a_schema_violation_exits_1(run_cli: RunCli, edition_copy: Path) -> None:
    path = edition_copy / "services" / "vaccination.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 32", "number: thirty-two"), encoding="utf-8")
    result = run_cli("summary", str(edition_copy))
    assert result.exit_code == 1
    assert f"{path}:2:" in result.stderr


def test_import_reports_new_ids_and_removals_and_dry_run_writes_nothing(run_cli: RunCli, edition_copy: Path) -> None:
    (edition_copy / "services" / "hotline-12333.yaml").unlink()
    stray = edition_copy / "services" / "stray.yaml"
    stray.write_text((edition_copy / "services" / "vaccination.yaml").read_text(encoding="utf-8")
                     .replace("id: vaccination", "id: stray").replace("name: 预防接种", "name: 不在原文的服务")
                     .replace("number: 32", "number: 99"), encoding="utf-8")
    before = sorted(p.name for p in (edition_copy / "services").iterdir())
    source = str(edition_copy / "source.txt")
    dry = run_cli("import", source, "--edition", "2017", "-o", str(edition_copy), "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "would write 1 files, 89 unchanged, 1 removed" in dry.stdout
    assert "  would remove (no longer in the source): services/stray.yaml" in dry.stdout
    assert "  new id (rename it to a readable one now; it never changes after): service-" in dry.stdout
    assert sorted(p.name for p in (edition_copy / "services").iterdir()) == before
    real = run_cli("import", source, "--edition", "2017", "-o", str(edition_copy))
    assert real.exit_code == 0 and "wrote 1 files" in real.stdout
    assert "  removed (no longer in the source): services/stray.yaml" in real.stdout
    assert not stray.exists()
