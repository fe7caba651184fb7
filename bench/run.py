"""The benchmark: qingdan's commands as whole processes on the shipped edition and on synthetic editions, each
comparison run as interleaved A/B pairs, every figure from this run; writes bench/RESULTS.md.

Run: .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/run.py [--with-100k] [--pairs 5] [--runs 3]
     [--cache DIR] [--no-write] [--quick]

A comparison runs A and B in turn, A B A B ..., after one warm-up of each: a machine that slows down or speeds up
slows both. Each figure is the child's CPU time (user + system, from wait4: on a shared machine it depends much less
on the neighbours than the wall time, shown beside it), as min and median over the pairs; a ratio is the ratio of
the medians. The load average is recorded before each comparison. The scaling table times every command alone
(--runs runs each below 10k, one at 10k and above; site, a first build of two editions, one run at every size) with
its peak resident memory: validate, fmt, diff, exports, tasks, summary, changelog, history across 5 editions,
conform (the revised edition against the one it revises) and site. ``validate`` runs with
``--no-cache`` everywhere except in the warm re-validate comparison, so that no figure but that one profits from an
earlier run. qingdan's modules are byte-compiled first, as installing the package compiles them (byte_compile).

--quick is a smoke run (two small synthetic sizes, one pair, no 10k goals): it proves the harness works and writes
to --out (never to bench/RESULTS.md unless asked).
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
QINGDAN = str(BIN / "qingdan")
ARG_BUDGET = 1_000_000  # bytes of file names per check-jsonschema process, well under the system's ARG_MAX
HISTORY_EDITIONS = 5
IMPORT_RUNS = 5  # runs of python -X importtime, the median one's tree is listed
HISTORY_SERVICE = "medical-assistance"  # a service of every synthetic edition (real service ids are kept by copy 0)

FLOOR_YAML = """
import sys, pathlib, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
root = pathlib.Path(sys.argv[1])
for path in [root / "edition.yaml", root / "units.yaml", *sorted((root / "services").iterdir())]:
    yaml.load(path.read_bytes(), Loader=loader)
"""
DEEPDIFF = """
import sys, pathlib, yaml
from deepdiff import DeepDiff
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
def load(root):
    root = pathlib.Path(root)
    services = [yaml.load(p.read_bytes(), Loader=loader) for p in (root / "services").iterdir()]
    return {"edition": yaml.load((root / "edition.yaml").read_bytes(), Loader=loader),
            "units": yaml.load((root / "units.yaml").read_bytes(), Loader=loader),
            "services": sorted(services, key=lambda s: s["number"])}
diff = DeepDiff(load(sys.argv[1]), load(sys.argv[2]), cache_size=0)
print(len(diff.affected_paths), "paths")
"""


# -- running and timing ------------------------------------------------------------------------------------------

@dataclass
class Runs:
    """The figures of one command over several runs: CPU and wall seconds, peak resident memory (MiB)."""

    label: str
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    peak: list[float] = field(default_factory=list)
    failed: str = ""  # why it could not be measured (a guarded command that is missing or fails)

    def add(self, cpu: float, wall: float, peak: float) -> None:
        self.cpu.append(cpu)
        self.wall.append(wall)
        self.peak.append(peak)

    @property
    def ok(self) -> bool:
        return bool(self.cpu) and not self.failed

    @property
    def median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    def cell(self) -> str:
        if not self.ok:
            return self.failed or "not measured"
        return f"{self.median:.3f} s (min {min(self.cpu):.3f}; wall {self.wall_median:.3f})"


class CommandFailed(Exception):
    pass


def run_once(commands: Sequence[Sequence[str]], cwd: Path = ROOT) -> tuple[float, float, float]:
    """CPU and wall seconds of ``commands`` run one after another, and the largest peak RSS (MiB) among them."""
    cpu = wall = peak = 0.0
    for command in commands:
        start = time.perf_counter()
        with subprocess.Popen(list(command), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
            _, status, usage = os.wait4(process.pid, 0)
            wall += time.perf_counter() - start
            error = process.stderr.read().decode(errors="replace") if process.stderr else ""
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code
        if code not in (0, 1):
            raise CommandFailed(f"exit {code}: {' '.join(command)}\n{error[-1500:]}")
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss / 1024)  # KiB on Linux
    return cpu, wall, peak


Setup = Callable[[], None] | None


def measure(label: str, commands: Sequence[Sequence[str]], runs: int, *, setup: Setup = None,
            warmup: bool = True) -> Runs:
    result = Runs(label)
    try:
        for index in range(runs + warmup):
            if setup:
                setup()
            figures = run_once(commands)
            if index or not warmup:
                result.add(*figures)
    except CommandFailed as error:
        result.failed = f"failed ({str(error).splitlines()[0]})"
    return result


@dataclass
class Pair:
    """An interleaved A/B comparison."""

    name: str
    size: int
    a: Runs
    b: Runs
    load: float
    goal: float | None = None  # A/B must be at most this (None: no goal)

    @property
    def ratio(self) -> float | None:
        return self.a.median / self.b.median if self.a.ok and self.b.ok and self.b.median else None

    @property
    def wall_ratio(self) -> float | None:
        return self.a.wall_median / self.b.wall_median if self.a.ok and self.b.ok and self.b.wall_median else None


def paired(name: str, size: int, a: tuple[str, Sequence[Sequence[str]], Setup],
           b: tuple[str, Sequence[Sequence[str]], Setup], pairs: int, goal: float | None = None) -> Pair:
    """A and B in turn, A B A B ..., after a warm-up of each."""
    load = os.getloadavg()[0]
    first, second = Runs(a[0]), Runs(b[0])
    try:
        for index in range(pairs + 1):
            for (_, commands, setup), runs in ((a, first), (b, second)):
                if setup:
                    setup()
                figures = run_once(commands)
                if index:
                    runs.add(*figures)
    except CommandFailed as error:
        (first if not first.failed else second).failed = f"failed ({str(error).splitlines()[0]})"
    pair = Pair(name, size, first, second, load, goal)
    shown = "–" if pair.ratio is None else f"{pair.ratio:.2f}×"
    print(f"  {name:<46} {first.cell():>40} | {second.cell():>40} | {shown} (load {load:.2f})", flush=True)
    return pair


# -- what is measured --------------------------------------------------------------------------------------------

def qingdan(*args: str) -> list[list[str]]:
    return [[QINGDAN, *args]]


def script(text: str, *args: str) -> list[list[str]]:
    return [[sys.executable, "-c", text, *args]]


def check_jsonschema(edition: Path) -> list[list[str]]:
    """check-jsonschema over the service files with the service schema, in one process (in batches that fit a
    command line at 100k)."""
    tool = str(BIN / "check-jsonschema")
    schema = str(ROOT / "schema" / "service.schema.json")
    batches: list[list[str]] = [[]]
    size = 0
    for path in sorted((edition / "services").iterdir()):
        if size + len(str(path)) + 1 > ARG_BUDGET and batches[-1]:
            batches.append([])
            size = 0
        batches[-1].append(str(path))
        size += len(str(path)) + 1
    return [[tool, "--schemafile", schema, *batch] for batch in batches]


def read_through(*folders: Path) -> None:
    """Read every file under ``folders`` once. The scaling table runs each command once at 10k and above, with no
    warm-up: the first command to read an edition would otherwise pay for reading it from disk (system time) and its
    neighbours would not (at 100k, diff was the first to read the revised edition, and took a third longer than
    after a warm-up)."""
    for folder in folders:
        for base, _folders, names in os.walk(folder):
            for name in names:
                with open(os.path.join(base, name), "rb") as handle:
                    while handle.read(1 << 20):
                        pass


def history_chain(old: Path, new: Path, target: Path) -> Path:
    """A folder of HISTORY_EDITIONS editions, each the ``previous`` of the next, alternately ``old``'s and ``new``'s
    services (hard links where the file system allows: the commands only read them)."""
    if (target / "done").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    previous = None
    for index in range(HISTORY_EDITIONS):
        name = str(2017 + index)
        source = old if index % 2 == 0 else new
        folder = target / name
        try:
            shutil.copytree(source, folder, copy_function=os.link)
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(source, folder)
        edition = (folder / "edition.yaml")
        text = edition.read_text(encoding="utf-8")
        edition.unlink()  # a hard link: never write through it
        text = re.sub(r'^edition: .*$', f'edition: "{name}"', text, count=1, flags=re.M)
        text = re.sub(r'^previous: .*$', f'previous: "{previous}"' if previous else "previous: null", text, count=1,
                      flags=re.M)
        edition.write_text(text, encoding="utf-8")
        previous = name
    (target / "done").write_text("", encoding="utf-8")
    return target


def scaling_commands(old: Path, new: Path, chain: Path, scratch: Path) -> list[tuple[str, list[list[str]], Setup]]:
    newest = chain / str(2017 + HISTORY_EDITIONS - 1)
    site = scratch / "site"
    rows: list[tuple[str, list[list[str]], Setup]] = [
        ("validate", qingdan("validate", "--no-cache", str(old)), None),
        ("fmt --check", qingdan("fmt", "--check", str(old)), None),
        ("diff", qingdan("diff", str(old), str(new), "--fail-on", "none"), None),
        ("export json", qingdan("export", str(old), "--format", "json", "-o", str(scratch / "out.json")), None),
        ("export sqlite", qingdan("export", str(old), "--format", "sqlite", "-o", str(scratch / "out.sqlite")),
         None),
        ("tasks 区民政局", qingdan("tasks", "区民政局", str(old)), None),
        ("summary", qingdan("summary", str(old)), None),
        ("changelog", qingdan("changelog", str(old), str(new)), None),
        (f"history ({HISTORY_EDITIONS} editions)", qingdan("history", HISTORY_SERVICE, str(newest)), None),
        # the synthetic revision against the edition it revises, as the list above it (exit 1: its findings)
        ("conform", qingdan("conform", str(new), "--parent", str(old)), None),
        # a first build each time (a rebuild writes only what changed)
        ("site (2 editions)", qingdan("site", str(chain / "2017"), str(chain / "2018"), "-q", "-o", str(site)),
         lambda: shutil.rmtree(site, ignore_errors=True)),
    ]
    return rows


def byte_compile() -> None:
    """Compile qingdan's modules to bytecode, as installing the package does (pip compiles a wheel's modules; the
    dependencies and check-jsonschema are timed so). An editable checkout where PYTHONDONTWRITEBYTECODE is set
    would otherwise compile every module it imports from source in every timed process: about 50 ms of a 0.1 s
    validate, and the import tree's self times would be compile times."""
    subprocess.run([sys.executable, "-c", "import compileall, os, qingdan; "
                    "compileall.compile_dir(os.path.dirname(qingdan.__file__), quiet=1)"], check=True, cwd=ROOT)


def import_tree(edition: Path, runs: int) -> tuple[float, list[tuple[str, float, float]]]:
    """``python -X importtime`` of ``qingdan validate``: the median run's total (ms) and its modules by cumulative
    time (ms, self ms), largest first."""
    trees = []
    for _ in range(max(runs, 1)):
        result = subprocess.run([sys.executable, "-X", "importtime", "-c",
                                 "import sys; from qingdan.cli.entry import main; sys.argv = ['qingdan', 'validate', "
                                 f"'--no-cache', {str(edition)!r}]; main()"],
                                capture_output=True, text=True, check=False, cwd=ROOT)
        modules = []
        for line in result.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if match:
                modules.append((match.group(4), int(match.group(2)) / 1000, int(match.group(1)) / 1000,
                                len(match.group(3))))
        top = [m for m in modules if m[3] == 1]  # imported by the program itself, not by another module
        trees.append((sum(m[1] for m in top), modules))
    trees.sort(key=lambda tree: tree[0])
    total, modules = trees[len(trees) // 2]
    ranked = sorted(((name, cumulative, own) for name, cumulative, own, _ in modules), key=lambda m: -m[1])
    return total, ranked


# -- the report --------------------------------------------------------------------------------------------------

def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({model}); Python " \
           f"{platform.python_version()}"


def ratio_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def report(args: argparse.Namespace, pairs: list[Pair], scaling: dict[int, dict[str, Runs]],
           imports: tuple[float, list[tuple[str, float, float]]], loads: tuple[float, float], elapsed: float,
           command: str) -> str:
    lines = ["# Benchmark results", "",
             f"Regenerate with `{command}` (about {max(1, round(elapsed / 60))} min here; "
             + ("" if args.with_100k else "add `--with-100k` for the 100,000-service edition, ")
             + "`--quick` for a smoke run). Everything below is that command's output.",
             "",
             f"Written on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Machine: {machine()}. Load "
             f"average {loads[0]:.2f} at the start, {loads[1]:.2f} at the end (each comparison's own is in its "
             "row). Absolute times rise with the load; the paired ratios much less so (both sides of a pair run "
             "under the same load).", "",
             f"Each comparison ran A and B in turn, {args.pairs} pairs after a warm-up of each; each figure is the "
             "process's CPU time (user + system) in seconds, median (min; median wall time); the ratio is A's "
             "median over B's. `validate` runs with `--no-cache` except where the warm cache is measured. The "
             "synthetic editions are copies of the shipped one (bench/synth.py); diff and changelog compare each "
             "with a revised copy (1 % of the services changed, one inserted in the middle); check-jsonschema checks "
             "the same service files against the same schema; DeepDiff compares the same pair loaded with PyYAML's "
             "C loader; the floor only parses the same files with it.", "",
             "## Comparisons", "",
             "| comparison | services | A | B | A/B (cpu) | A/B (wall) | goal | met | load |",
             "|---|---|---|---|---|---|---|---|---|"]
    for pair in pairs:
        met = "–" if pair.goal is None or pair.ratio is None else ("yes" if pair.ratio <= pair.goal else "no")
        goal = "–" if pair.goal is None else f"≤ {pair.goal:g}×"
        lines.append(f"| {pair.name} | {pair.size:,} | {pair.a.label}: {pair.a.cell()} | {pair.b.label}: "
                     f"{pair.b.cell()} | {ratio_text(pair.ratio)} | {ratio_text(pair.wall_ratio)} | {goal} | {met} | "
                     f"{pair.load:.2f} |")
    sizes = sorted(scaling)
    lines += ["", "## Every command at every size", "",
              f"Each command alone, the median of {args.runs} runs after a warm-up (one run, no warm-up, at 10k and "
              "above, and for site at every size): "
              "CPU seconds, milliseconds of CPU per service, and the largest peak resident memory. Every file of "
              "the editions is read once before the table at each size, untimed, so that no command is charged "
              "for being the first to read them from disk.", "",
              "| command | " + " | ".join(f"{size:,} services" for size in sizes) + " | per service, each size / "
              "the one before |", "|---|" + "---|" * (len(sizes) + 1)]
    names = list(dict.fromkeys(name for size in sizes for name in scaling[size]))
    for name in names:
        cells = []
        per: list[float] = []
        for size in sizes:
            runs = scaling[size].get(name)
            if runs is None or not runs.ok:
                cells.append(runs.failed if runs is not None and runs.failed else "–")
                continue
            per.append(runs.median / size * 1000)
            cells.append(f"{runs.median:.2f} s, {per[-1]:.3f} ms/svc, {max(runs.peak):.0f} MiB")
        growth = " → ".join(f"{value / before:.2f}" for before, value in itertools.pairwise(per)) or "–"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {growth} |")
    lines += ["", "The last column is the time per service at each size over that at the size before it (1.00: "
              "linear; the goal at 100k is at most 1.2 over 10k).", ""]
    total, ranked = imports
    lines += ["## Start-up: the import tree of `qingdan validate`", "",
              f"`python -X importtime` of `qingdan validate --no-cache policies/2017`, the median of "
              f"{IMPORT_RUNS if not args.quick else 1} runs: {total:.1f} ms of imports in all, qingdan's modules "
              "byte-compiled first as installing the package compiles them (every timed run above used them too). "
              "The modules it imports are listed in tests/validate/startup-imports.txt, which a test holds the run "
              "to. The modules taking longest (cumulative ms, with what they import; self ms alone):", "",
              "| module | cumulative ms | self ms |", "|---|---|---|"]
    for name, cumulative, own in ranked[:25]:
        lines.append(f"| {name} | {cumulative:.1f} | {own:.1f} |")
    ours = sum(own for name, _, own in ranked if name.startswith("qingdan"))
    own_modules = len([r for r in ranked if r[0].startswith("qingdan")])
    lines += ["", f"qingdan's own modules: {ours:.1f} ms (self time) in {own_modules} modules; {len(ranked)} modules "
              "imported in all.", ""]
    return "\n".join(lines)


# -- the run -----------------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--with-100k", action="store_true", help="add 100,000 services (much longer)")
    parser.add_argument("--pairs", type=int, default=5, help="A/B pairs per comparison (at least 5 for RESULTS.md)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command in the scaling table")
    parser.add_argument("--cache", type=Path, default=None, help="where generated editions are kept (default: the "
                                                                 "user cache folder)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small sizes, one pair, one run")
    parser.add_argument("--sizes", default=None, help="synthetic sizes, comma-separated (default 1000,10000; "
                                                      "--quick: 100,200)")
    parser.add_argument("--out", type=Path, default=None, help="write the results here (default: bench/RESULTS.md, "
                                                               "or nothing with --quick)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    if args.quick:
        args.pairs, args.runs = min(args.pairs, 1), min(args.runs, 1)
    sizes = [int(s) for s in (args.sizes or ("100,200" if args.quick else "1000,10000")).split(",") if s]
    if args.with_100k:
        sizes.append(100_000)
    big = 10_000 if 10_000 in sizes else max(sizes)  # where the 10k comparisons run (the largest size in --quick)
    cache = args.cache or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "qingdan-bench"
    cache.mkdir(parents=True, exist_ok=True)
    byte_compile()
    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    pairs: list[Pair] = []
    scaling: dict[int, dict[str, Runs]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        shipped = synth.REAL
        print(f"87 services (the shipped edition), {args.pairs} pairs each:", flush=True)
        validate_87 = ("validate", qingdan("validate", "--no-cache", str(shipped)), None)
        pairs.append(paired("validate / check-jsonschema", 87, validate_87,
                            ("check-jsonschema", check_jsonschema(shipped), None), args.pairs, 0.35))
        pairs.append(paired("validate / python -c 'import click'", 87, validate_87,
                            ("import click", [[sys.executable, "-c", "import click"]], None), args.pairs, 4))
        for size in sizes:
            t = time.perf_counter()
            old, new = synth.edition_pair(size, cache)
            chain = history_chain(old, new, old.parent.parent / "chain")
            print(f"{size:,} services (editions ready in {time.perf_counter() - t:.0f} s):", flush=True)
            once = size >= 100_000
            alone = size >= 10_000  # the scaling table's figure at 10k and above: one run, no warm-up
            count = 1 if once else args.pairs
            cold = ("validate", qingdan("validate", "--no-cache", str(old)), None)
            if size <= 10_000 or args.quick:
                pairs.append(paired("validate / check-jsonschema", size, cold,
                                    ("check-jsonschema", check_jsonschema(old), None), count,
                                    0.3 if size == 10_000 else None))
            if size == big:
                goals = size == 10_000  # the goals are set at 10k; a quick run's smaller size has none
                pairs.append(paired("validate / PyYAML C-load floor", size, cold,
                                    ("floor", script(FLOOR_YAML, str(old)), None), count, 2 if goals else None))
                pairs.append(paired("fmt --check / validate", size,
                                    ("fmt --check", qingdan("fmt", "--check", str(old)), None), cold, count,
                                    1.1 if goals else None))
                pairs.append(paired("diff / DeepDiff (ordered)", size,
                                    ("diff", qingdan("diff", str(old), str(new), "--fail-on", "none"), None),
                                    ("DeepDiff", script(DEEPDIFF, str(old), str(new)), None), count,
                                    0.35 if goals else None))
                pairs.append(warm_pair(old, size, scratch, count, 0.2 if goals else None))
            scaling[size] = {}
            read_through(old, new, chain)
            for name, commands, setup in scaling_commands(old, new, chain, scratch):
                single = alone or name.startswith("site")  # a site build is long: one run at every size
                scaling[size][name] = measure(name, commands, 1 if single else args.runs, setup=setup,
                                              warmup=not single)
                print(f"  {name:<28} {scaling[size][name].cell()}, peak "
                      f"{max(scaling[size][name].peak, default=0):.0f} MiB", flush=True)
        imports = import_tree(shipped, 1 if args.quick else IMPORT_RUNS)
    load_end = os.getloadavg()[0]
    elapsed = time.perf_counter() - started
    given = list(argv if argv is not None else sys.argv[1:])
    if "--cache" in given:  # where the editions are kept changes no figure
        del given[given.index("--cache"):given.index("--cache") + 2]
    given = [argument for argument in given if not argument.startswith("--cache=")]
    command = "python bench/run.py" + (" " + " ".join(given)).rstrip()
    text = report(args, pairs, scaling, imports, (load_start, load_end), elapsed, command.strip())
    print()
    print(text)
    target = args.out or (None if args.quick else ROOT / "bench" / "RESULTS.md")
    if target is not None and not args.no_write:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")


def warm_pair(old: Path, size: int, scratch: Path, pairs: int, goal: float | None) -> Pair:
    """Warm re-validate after one file changed (A) against a cold run (B), on a copy of ``old``."""
    copy = scratch / "warm" / "edition"
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(old, copy)
    cache_dir = scratch / "warm-cache"
    files = sorted((copy / "services").iterdir())
    plain = re.compile(r"^target: [^|>\"'\n]", re.M)  # a plain one-line target, which a prefix keeps valid
    edited = next(path for path in files[size // 2:] + files if plain.search(path.read_text(encoding="utf-8")))
    counter = [0]

    def touch() -> None:  # one service's target changes before each warm run
        counter[0] += 1
        text = edited.read_text(encoding="utf-8")
        edited.write_text(re.sub(r"^target: (第\d+次)?", f"target: 第{counter[0]}次", text, count=1, flags=re.M),
                          encoding="utf-8")

    run_once(qingdan("validate", "--cache-dir", str(cache_dir), str(copy)))  # fill the cache
    return paired("warm re-validate (one file changed) / cold", size,
                  ("warm", qingdan("validate", "--cache-dir", str(cache_dir), str(copy)), touch),
                  ("cold", qingdan("validate", "--no-cache", str(copy)), None), pairs, goal)


if __name__ == "__main__":
    main()
