"""The benchmark: every qingdan command as a whole process on synthetic editions, beside check-jsonschema, DeepDiff
and the parsing floor, with peak memory; prints the tables and writes bench/RESULTS.md.

Run: .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/run.py [--sizes 1000,10000] [--with-100k]
     [--runs 3] [--cap 60] [--cache DIR] [--no-write]

The shipped edition (87 services) is always measured; the synthetic editions (see synth.py) are generated once into
the cache folder (default: the user cache dir, never the repository). Each figure is the median of --runs whole
processes (one run at 100k), with the child's peak resident memory from wait4. The machine may be shared: the load
average before and after is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
QINGDAN = str(BIN / "qingdan")
ARG_BUDGET = 1_000_000  # bytes of file names per check-jsonschema process, well under the system's ARG_MAX


@dataclass
class Timing:
    """CPU seconds (user + system) of the process(es), the figure ratios use: on a machine shared with other work
    the wall time depends on the neighbours, the CPU time much less. The wall time is shown beside it."""

    seconds: float | None  # None: stopped at the cap (stopped_cpu then holds the CPU time it had used)
    peak_mb: float
    wall: float = 0.0
    stopped_cpu: float = 0.0
    cap: float = 0.0

    def cell(self) -> str:
        if self.seconds is None:
            return f"> {self.stopped_cpu:.0f} s cpu (stopped at {self.cap:.0f} s)"
        return f"{self.seconds:.2f} s cpu ({self.wall:.2f} s wall)"


def run_once(commands: list[list[str]], cap: float | None, cwd: Path) -> tuple[float, float, float, bool]:
    """Wall and CPU time of the commands run one after another, the largest peak RSS (MB) among them, and whether
    the cap stopped them."""
    wall, cpu, peak = 0.0, 0.0, 0.0
    for command in commands:
        start = time.perf_counter()
        with subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
            deadline = None if cap is None else start + cap
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if deadline is not None and time.perf_counter() > deadline:
                    process.kill()
                    _, _, usage = os.wait4(process.pid, 0)
                    process.returncode = -9
                    return wall, cpu + usage.ru_utime + usage.ru_stime, peak, True
                time.sleep(0.005)
            elapsed = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            error = process.stderr.read().decode() if process.stderr else ""
        code = process.returncode
        if code not in (0, 1):
            raise SystemExit(f"benchmark command failed ({code}): {' '.join(command)}\n{error[-2000:]}")
        wall += elapsed
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss / 1024)  # kilobytes on Linux
    return wall, cpu, peak, False


def measure(commands: list[list[str]], runs: int, cap: float | None = None, cwd: Path = ROOT,
            setup: list[Path] | None = None) -> Timing:
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        for stale in setup or ():
            if stale.is_dir():
                shutil.rmtree(stale)
            else:
                stale.unlink(missing_ok=True)
        wall, cpu, peak, stopped = run_once(commands, cap, cwd)
        if stopped:
            return Timing(None, 0.0, stopped_cpu=cpu, cap=cap or 0.0)
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
    return Timing(statistics.median(cpus), max(peaks), statistics.median(walls))


def _batches(folder: Path, names: list[str]) -> list[list[str]]:
    batches: list[list[str]] = [[]]
    size = 0
    for name in names:
        if size + len(name) + 1 > ARG_BUDGET and batches[-1]:
            batches.append([])
            size = 0
        batches[-1].append(str(folder / name))
        size += len(str(folder / name)) + 1
    return batches


def check_jsonschema(edition: Path) -> list[list[str]]:
    """check-jsonschema over the service files (all but two of the files) with the service schema, in one process
    (in batches that fit a command line at 100k). Checking edition.yaml and units.yaml too would take two more
    processes, each paying check-jsonschema's start-up again."""
    tool = str(BIN / "check-jsonschema")
    services = sorted(p.name for p in (edition / "services").iterdir())
    schema = str(ROOT / "schema" / "service.schema.json")
    return [[tool, "--schemafile", schema, *batch] for batch in _batches(edition / "services", services)]


FLOOR_YAML = """
import sys, pathlib, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
root = pathlib.Path(sys.argv[1])
for path in [root / "edition.yaml", root / "units.yaml", *sorted((root / "services").iterdir())]:
    yaml.load(path.read_bytes(), Loader=loader)
"""
FLOOR_JSON = """
import sys, pathlib, json
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.json")):
    json.loads(path.read_bytes())
"""
DEEPDIFF = """
import sys, pathlib, time, yaml
from deepdiff import DeepDiff
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
def load(root):
    root = pathlib.Path(root)
    services = [yaml.load(p.read_bytes(), Loader=loader) for p in (root / "services").iterdir()]
    return {"edition": yaml.load((root / "edition.yaml").read_bytes(), Loader=loader),
            "units": yaml.load((root / "units.yaml").read_bytes(), Loader=loader),
            "services": sorted(services, key=lambda s: s["number"])}
old, new = load(sys.argv[1]), load(sys.argv[2])
start = time.perf_counter()
diff = DeepDiff(old, new, ignore_order=sys.argv[3] == "unordered", cache_size=5000 if sys.argv[3] == "unordered" else 0)
print(f"compare {time.perf_counter() - start:.3f} s, {len(diff.affected_paths)} paths")
"""


def json_copy(edition: Path, target: Path) -> Path:
    """The edition's YAML documents as JSON files (the JSON floor reads these)."""
    if not (target / "done").exists():
        shutil.rmtree(target, ignore_errors=True)
        sys.path.insert(0, str(ROOT / "tools"))
        from qingdan.io.loading import load_document

        (target / "services").mkdir(parents=True)
        for path in [edition / "edition.yaml", edition / "units.yaml", *sorted((edition / "services").iterdir())]:
            rel = path.relative_to(edition).with_suffix(".json")
            (target / rel).write_text(json.dumps(load_document(path).data, ensure_ascii=False), encoding="utf-8")
        (target / "done").write_text("", encoding="utf-8")
    return target


def script(text: str, *args: str) -> list[str]:
    return [sys.executable, "-c", text, *args]


def bench_size(size: int, old: Path, new: Path, runs: int, cap: float, scratch: Path,
               cache: Path | None) -> dict[str, Timing]:
    json_dir = json_copy(old, (cache or scratch) / f"json-{old.parent.parent.name}-{size}")
    out_json, out_sqlite = scratch / "out.json", scratch / "out.sqlite"
    results: dict[str, Timing] = {}
    rows: list[tuple[str, list[list[str]], float | None, list[Path]]] = [
        ("validate", [[QINGDAN, "validate", str(old)]], None, []),
        ("fmt --check", [[QINGDAN, "fmt", "--check", str(old)]], None, []),
        ("diff", [[QINGDAN, "diff", str(old), str(new), "--fail-on", "none"]], None, []),
        ("export json", [[QINGDAN, "export", str(old), "--format", "json", "-o", str(out_json)]], None, [out_json]),
        ("export sqlite", [[QINGDAN, "export", str(old), "--format", "sqlite", "-o", str(out_sqlite)]], None,
         [out_sqlite]),
        ("tasks 区民政局", [[QINGDAN, "tasks", "区民政局", str(old)]], None, []),
        ("summary", [[QINGDAN, "summary", str(old)]], None, []),
        ("check-jsonschema", check_jsonschema(old), None, []),
        ("DeepDiff ordered", [script(DEEPDIFF, str(old), str(new), "ordered")], cap, []),
        ("DeepDiff ignore_order", [script(DEEPDIFF, str(old), str(new), "unordered")], cap, []),
        ("floor: PyYAML C parse", [script(FLOOR_YAML, str(old))], None, []),
        ("floor: JSON parse", [script(FLOOR_JSON, str(json_dir))], None, []),
    ]
    for name, commands, limit, setup in rows:
        count = 1 if size >= 100_000 else runs
        results[name] = measure(commands, count, limit, setup=setup)
        print(f"  {name:<24} {results[name].cell():>32}  {results[name].peak_mb:7.0f} MB", flush=True)
    return results


def warm_revalidate(old: Path, runs: int, scratch: Path) -> tuple[Timing, Timing] | None:
    """Cold validate of a copy of ``old`` with an empty cache, then after editing one file with a warm cache."""
    copy = scratch / "warm" / "edition"
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(old, copy)
    env_cache = scratch / "warm-cache"
    command = [[QINGDAN, "validate", "--cache-dir", str(env_cache), str(copy)]]
    probe = subprocess.run([QINGDAN, "validate", "--help"], capture_output=True, text=True, check=False)
    if "--cache-dir" not in probe.stdout:
        return None
    cold = measure(command, runs, setup=[env_cache])
    run_once(command, None, ROOT)  # fill the cache
    edited = sorted((copy / "services").iterdir())[len(list((copy / "services").iterdir())) // 2]
    walls, cpus = [], []
    peak = 0.0
    for index in range(runs):
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("\nfunding: ", f"\nfunding: 第{index}次", 1), encoding="utf-8")
        wall, cpu, peak_mb, _ = run_once(command, None, ROOT)
        walls.append(wall)
        cpus.append(cpu)
        peak = max(peak, peak_mb)
    return cold, Timing(statistics.median(cpus), peak, statistics.median(walls))


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({model}){memory}; "
            f"Python {platform.python_version()}")


def ratio(a: Timing | None, b: Timing | None) -> float | None:
    if a is None or b is None or a.seconds is None or b.seconds is None or b.seconds == 0:
        return None
    return a.seconds / b.seconds


def fmt_ratio(value: float | None, missing: str = "–") -> str:
    return missing if value is None else f"{value:.2f}×"


def table(all_results: dict[int, dict[str, Timing]]) -> list[str]:
    names = list(next(iter(all_results.values())))
    sizes = list(all_results)
    lines = ["| command | " + " | ".join(f"{size:,} services" for size in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    for name in names:
        cells = []
        for size in sizes:
            timing = all_results[size][name]
            per = "" if timing.seconds is None else f", {timing.seconds / size * 1000:.2f} ms cpu/svc"
            memory = f", {timing.peak_mb:.0f} MB" if timing.seconds is not None else ""
            cells.append(f"{timing.cell()}{per}{memory}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| ratio | " + " | ".join(f"{size:,}" for size in sizes) + " |")
    lines.append("|---|" + "---|" * len(sizes))
    pairs = [("validate / check-jsonschema", "validate", "check-jsonschema"),
             ("validate / PyYAML C floor", "validate", "floor: PyYAML C parse"),
             ("validate / JSON floor", "validate", "floor: JSON parse"),
             ("fmt --check / validate", "fmt --check", "validate"),
             ("diff / DeepDiff ordered", "diff", "DeepDiff ordered"),
             ("DeepDiff ignore_order / diff", "DeepDiff ignore_order", "diff"),
             ("export json / validate", "export json", "validate"),
             ("tasks / validate", "tasks 区民政局", "validate")]
    for label, a, b in pairs:
        cells = []
        for size in sizes:
            value = ratio(all_results[size].get(a), all_results[size].get(b))
            if value is None and all_results[size][a].seconds is None:
                cells.append("> " + fmt_ratio(ratio(Timing(all_results[size][a].stopped_cpu, 0),
                                                    all_results[size][b])))
            else:
                cells.append(fmt_ratio(value))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def goals(all_results: dict[int, dict[str, Timing]], warm: tuple[Timing, Timing] | None) -> list[str]:
    out = ["| goal | measured | met |", "|---|---|---|"]

    def row(goal: str, value: float | None, limit: float, *, at_least: bool = False, shown: str = "") -> None:
        met = value is not None and (value >= limit if at_least else value <= limit)
        out.append(f"| {goal} | {shown or fmt_ratio(value, 'not measured')} | {'yes' if met else 'no'} |")

    small = all_results.get(87)
    if small:
        row("validate of the shipped edition ≤ 0.5× check-jsonschema",
            ratio(small["validate"], small["check-jsonschema"]), 0.5)
    ten = all_results.get(10_000)
    if ten:
        row("validate at 10k ≤ 0.3× check-jsonschema", ratio(ten["validate"], ten["check-jsonschema"]), 0.3)
        row("validate at 10k ≤ 4× the floor (PyYAML C)", ratio(ten["validate"], ten["floor: PyYAML C parse"]), 4)
        row("diff at 10k ≤ 0.5× DeepDiff ordered", ratio(ten["diff"], ten["DeepDiff ordered"]), 0.5)
        unordered = ten["DeepDiff ignore_order"]
        if unordered.seconds is None:
            bound = unordered.stopped_cpu / (ten["diff"].seconds or 1)
            row("diff at 10k ≥ 100× faster than DeepDiff ignore_order", bound, 100, at_least=True,
                shown=f"> {bound:.0f}× (DeepDiff stopped at the cap)")
        else:
            row("diff at 10k ≥ 100× faster than DeepDiff ignore_order", ratio(unordered, ten["diff"]), 100,
                at_least=True)
    worst = max((ratio(r["fmt --check"], r["validate"]) or 0) for r in all_results.values())
    row("fmt --check ≤ 1.5× validate at every size (worst)", worst, 1.5)
    sizes = sorted(all_results)
    if 1000 in all_results and sizes[-1] >= 100_000:
        big = sizes[-1]
        for name in ("validate", "fmt --check", "diff", "export json", "export sqlite", "tasks 区民政局"):
            a, b = all_results[big][name], all_results[1000][name]
            if a.seconds is None or b.seconds is None:
                continue
            scale = (a.seconds / big) / (b.seconds / 1000)
            row(f"{name}: time per service at {big // 1000}k ≤ 1.5× that at 1k", scale, 1.5)
        heaviest = max(t.peak_mb for name, t in all_results[big].items() if not name.startswith(("floor", "Deep",
                                                                                                   "check-")))
        row(f"every command at {big // 1000}k within 1 GB (largest peak)", heaviest, 1024,
            shown=f"{heaviest:.0f} MB")
    if warm:
        row("warm re-validate at 10k after one edit ≤ 20 % of cold", ratio(warm[1], warm[0]), 0.2)
    else:
        row("warm re-validate at 10k after one edit ≤ 20 % of cold", None, 0.2,
            shown="not measured: validate has no on-disk cache (--cache-dir)")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="synthetic edition sizes (the shipped 87 always runs)")
    parser.add_argument("--with-100k", action="store_true", help="add 100,000 services (about 20 minutes more)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure, the median is shown (1 at 100k)")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds after which DeepDiff is stopped")
    parser.add_argument("--cache", type=Path, default=None,
                        help="where generated editions are kept (default: the user cache folder)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write bench/RESULTS.md")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([100_000] if args.with_100k else [])
    cache = args.cache or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "qingdan-bench"
    cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load_before = os.getloadavg()
    results: dict[int, dict[str, Timing]] = {}
    warm = None
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        real_new = scratch / "real-revised"
        synth.revise_real(real_new)
        print("87 services (the shipped edition, and a revised copy):", flush=True)
        results[87] = bench_size(87, synth.REAL, real_new, args.runs, args.cap, scratch, cache)
        for size in sizes:
            t = time.perf_counter()
            old, new = synth.edition_pair(size, cache)
            print(f"{size:,} services (editions ready in {time.perf_counter() - t:.0f} s, in {old.parent.parent}):",
                  flush=True)
            results[size] = bench_size(size, old, new, args.runs, args.cap, scratch, cache)
            if size == 10_000:
                warm = warm_revalidate(old, args.runs, scratch)
                if warm:
                    print(f"  warm re-validate after one edit: {warm[1].cell()} (cold {warm[0].cell()})")
    load_after = os.getloadavg()
    elapsed = time.perf_counter() - started
    lines = table(results)
    goal_lines = goals(results, warm)
    print()
    print("\n".join(lines))
    print()
    print("\n".join(goal_lines))
    print(f"\nbenchmark took {elapsed / 60:.1f} min; load average {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after")
    if args.no_write:
        return
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    warm_line = (f"Warm re-validate of the 10,000-service edition after one edited file: {warm[1].cell()} "
                 f"(cold, empty cache: {warm[0].cell()}).\n\n" if warm else "")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    text = (f"# Benchmark results\n\nWritten by `{command.strip()}` on {when}"
            f" in {elapsed / 60:.1f} min.\n\nMachine: {machine()}. Load average {load_before[0]:.2f} before and "
            f"{load_after[0]:.2f} after (the machine may be shared with other work; figures are medians of "
            f"{args.runs} whole-process runs, one at 100k).\n\n"
            "Every figure is a whole process (start-up included): its CPU time (user + system, which the ratios "
            "use, since the wall time on a shared machine depends on the neighbours), its wall time and its peak "
            "resident memory. The editions are "
            "synthetic copies of the shipped one (bench/synth.py); diff compares each with a revised copy (1 % of "
            "the services changed, one inserted in the middle). check-jsonschema checks the same files against the "
            "same schemas; DeepDiff compares the same pair loaded with PyYAML's C loader (stopped at the cap); the "
            "floors only parse the same files.\n\n" + "\n".join(lines) + "\n\n" + warm_line + "## Goals\n\n"
            + "\n".join(goal_lines) + "\n")
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    print("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
