"""Time ``qingdan site`` on the shipped data: the library's build of the shipped edition with the example revision
(first build into an empty folder, then a rebuild that writes nothing), and the whole command as a process.

Run: .venv/bin/python bench/site_time.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from qingdan import api  # noqa: E402

QINGDAN = ROOT / ".venv" / "bin" / "qingdan"
RUNS = 5


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        policies = folder / "policies"
        shutil.copytree(ROOT / "policies" / "2017", policies / "2017")
        shutil.copytree(ROOT / "tests" / "revision" / "example" / "2019", policies / "2019")
        api.build_site(policies, folder / "warm")  # imports and caches out of the figures
        rows = []
        for label, names in (("2017", ("2017",)), ("2017 + 2019", ())):
            first, again = [], []
            for run in range(RUNS):
                out = folder / f"out-{label}-{run}"
                first.append(timed(lambda: api.build_site(policies, out, names)))  # noqa: B023
                again.append(timed(lambda: api.build_site(policies, out, names)))  # noqa: B023
            files = len(list((folder / f"out-{label}-0").rglob("*")))
            rows.append((label, files, statistics.median(first), statistics.median(again)))
        process = []
        for run in range(RUNS):
            out = folder / f"cli-{run}"
            process.append(timed(lambda: subprocess.run([str(QINGDAN), "site", "-q", "-o", str(out)],  # noqa: B023
                                                        cwd=folder, check=True)))
    print(f"qingdan site, median of {RUNS} runs")
    print(f"{'editions':<14}{'files':>7}{'build':>10}{'rebuild':>10}")
    for label, files, build, rebuild in rows:
        print(f"{label:<14}{files:>7}{build:>9.2f}s{rebuild:>9.2f}s")
    print(f"`qingdan site -o DIR` as a process (both editions, ./policies): {statistics.median(process):.2f}s")


if __name__ == "__main__":
    main()
