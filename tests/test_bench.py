"""The benchmark's harness works: its quick mode runs every comparison and every command on small synthetic
editions and writes a report with each section. Nothing here is timed or compared with a figure (the figures are
bench/RESULTS.md's, from a real run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
COMPARISONS = ("validate / check-jsonschema", "validate / python -c 'import click'", "validate / PyYAML C-load floor",
               "fmt --check / validate", "diff / DeepDiff (ordered)", "warm re-validate (one file changed) / cold")
COMMANDS = ("validate", "fmt --check", "diff", "export json", "export sqlite", "tasks 区民政局", "summary", "changelog",
            "history (5 editions)", "conform", "site (2 editions)")


@pytest.mark.slow
def test_the_quick_benchmark_measures_every_comparison_and_command(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    result = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--cache",
                             str(tmp_path / "editions"), "--out", str(out)], capture_output=True, text=True,
                            check=False, cwd=REPO, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\nRegenerate with `python bench/run.py --quick")
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ") for line in text.splitlines() if line.startswith("| ")}
    for name in COMPARISONS:
        cells = rows[name]
        assert cells[4].endswith("×") and cells[5].endswith("×"), cells  # both sides measured, a ratio each
    for name in COMMANDS:
        assert "ms/svc" in rows[name][1] and "ms/svc" in rows[name][2], rows[name]  # both sizes measured
    assert "## Start-up: the import tree of `qingdan validate`" in text
    assert rows["qingdan.cli.main"][1].replace(".", "").isdigit()
    assert not (REPO / "bench" / "RESULTS.md").read_text(encoding="utf-8").startswith("# Benchmark results\n\n"
                                                                                       "Regenerate with `python "
                                                                                       "bench/run.py --quick")
