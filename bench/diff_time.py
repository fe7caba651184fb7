"""Time ``qingdan diff`` as a whole process on the real edition, and compare() on renumbered lists of growing size.

Run: .venv/bin/python bench/diff_time.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from qingdan.core.model import Edition  # noqa: E402
from qingdan.diff import compare  # noqa: E402
from qingdan.edition.pipeline import load_edition  # noqa: E402

QINGDAN = ROOT / ".venv" / "bin" / "qingdan"


def modified_copy(target: Path) -> None:
    """The real edition with an amount lowered, a service renamed and one inserted at 53 (renumbering 35)."""
    shutil.copytree(ROOT / "policies" / "2017", target)
    service = target / "services" / "boarding-student-allowance.yaml"
    service.write_text(service.read_text(encoding="utf-8").replace("1000", "900"), encoding="utf-8")
    renamed = target / "services" / "medical-assistance.yaml"
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("name: 医疗救助", "name: 医疗救助服务"),
                       encoding="utf-8")
    for path in sorted((target / "services").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        number = int(text.split("\nnumber: ", 1)[1].split("\n", 1)[0])
        if number >= 53:
            path.write_text(text.replace(f"\nnumber: {number}\n", f"\nnumber: {number + 1}\n"), encoding="utf-8")
    inserted = (target / "services" / "temporary-assistance.yaml").read_text(encoding="utf-8")
    inserted = inserted.replace("id: temporary-assistance", "id: inserted-service").replace("\nnumber: 54\n",
                                                                                           "\nnumber: 53\n")
    (target / "services" / "inserted-service.yaml").write_text(inserted, encoding="utf-8")


def whole_process(runs: int = 7) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "2017"
        modified_copy(copy)
        command = [str(QINGDAN), "diff", "policies/2017", str(copy), "--fail-on", "none"]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - start)
        print(f"whole process: {' '.join(command[1:3])} <modified copy>: median {statistics.median(times):.3f} s, "
              f"min {min(times):.3f} s over {runs} runs (exit {done.returncode}); "
              f"{done.stdout.splitlines()[0].split(': ', 1)[1]}")


def scaled(edition: Edition, size: int) -> Edition:
    """``size`` services (copies of the real ones with fresh ids), numbered 1..size."""
    services = [replace(edition.services[i % len(edition.services)], id=f"s{i}", number=i + 1) for i in range(size)]
    return replace(edition, services=tuple(services))


def renumbering_scales() -> None:
    edition = load_edition(ROOT / "policies" / "2017")
    for size in (87, 400, 1600, 6400):
        old = scaled(edition, size)
        inserted = replace(old.services[0], id="inserted", number=1)
        new = replace(old, services=(inserted, *(replace(s, number=s.number + 1) for s in old.services)))
        start = time.perf_counter()
        report = compare(old, new)
        elapsed = time.perf_counter() - start
        print(f"compare(): {size} services all renumbered by one insertion: {elapsed * 1000:.1f} ms, "
              f"{len(report.changes)} changes")


if __name__ == "__main__":
    whole_process()
    renumbering_scales()
