"""How long `qingdan validate` takes on the shipped edition: whole process, and the library's stages in-process.

Run: .venv/bin/python bench/validate_time.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QINGDAN = Path(sys.executable).parent / "qingdan"


def whole_process(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(QINGDAN), "validate"], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def stages() -> dict[str, float]:
    """One cold in-process run, timed stage by stage (imports included where they happen)."""
    marks: dict[str, float] = {}
    start = time.perf_counter()
    from qingdan.check import rules
    from qingdan.edition.load import DirectorySource, build_edition, read_edition_files
    from qingdan.edition.schema_check import check_files
    from qingdan.io.official_text import parse

    marks["import qingdan (rules, loader)"] = time.perf_counter() - start
    folder = ROOT / "policies" / "2017"
    t = time.perf_counter()
    files = read_edition_files(DirectorySource(folder), "2017")
    marks["parse YAML (ruamel compose + build)"] = time.perf_counter() - t
    t = time.perf_counter()
    problems = check_files(files)
    marks["JSON Schema (incl. jsonschema import)"] = time.perf_counter() - t
    t = time.perf_counter()
    text = (folder / "source.txt").read_text(encoding="utf-8")
    context = rules.Context(files, build_edition(files, folder), source_name="source.txt", source=parse(text))
    findings = rules.run(context)
    marks["typed edition + source text + rules + waivers"] = time.perf_counter() - t
    assert not problems and all(f.waived for f in findings)
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    times = whole_process(args.runs)
    print(f"qingdan validate (whole process, {args.runs} runs): median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s")
    baseline = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline.append(time.perf_counter() - start)
    print(f"  of which a bare Python start-up: median {statistics.median(baseline):.3f} s")
    for stage, seconds in stages().items():
        print(f"  {stage:<40} {seconds * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
