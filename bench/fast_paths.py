"""Does each fast path pay? Each one timed against the reference it is tested against, on the same documents.

    .venv/bin/python bench/fast_paths.py [--size N] [--cache DIR] [--runs N]

The fast paths: the loader's composer over ruamel's C parser (qingdan.io.yaml_fast) against ruamel's public composer
(loading.parse_document against parse_document_reference); the compiled schema check (schema_fast, through
schema_check.passes) against jsonschema's validator; and the canonical writer fmt recognises a file with
(canonical_fast.canonical_text) against ruamel's emitter (writing.dumps). Timed in-process, best of --runs, on the
shipped edition and on a synthetic edition of --size services (bench/synth.py). A fast path is kept only where the
saving is worth its code: the figures go into bench/RESULTS.md by hand, with the date.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))


def _documents(folder: Path) -> list[tuple[str, str, str]]:
    """(text, name, schema kind) for every YAML document of an edition folder."""
    found = [((folder / "edition.yaml").read_text(encoding="utf-8"), "edition.yaml", "edition"),
             ((folder / "units.yaml").read_text(encoding="utf-8"), "units.yaml", "units")]
    found += [(path.read_text(encoding="utf-8"), path.name, "service")
              for path in sorted((folder / "services").glob("*.yaml"))]
    return found


def _best(runs: int, work: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def measure(folder: Path, runs: int) -> list[tuple[str, float, float]]:
    from qingdan.edition.schema_check import passes, validator
    from qingdan.io.canonical_fast import canonical_text
    from qingdan.io.loading import parse_document, parse_document_reference
    from qingdan.io.writing import dumps

    documents = _documents(folder)
    parsed = [(parse_document(text, name).data, kind) for text, name, kind in documents]
    for kind in ("edition", "units", "service"):  # compile and warm both checks before timing
        check = passes(kind)
        assert check is not None
        validator(kind)
    rows = [
        ("YAML composer (yaml_fast vs ruamel's composer)",
         _best(runs, lambda: [parse_document(text, name) for text, name, _kind in documents]),
         _best(runs, lambda: [parse_document_reference(text, name) for text, name, _kind in documents])),
        ("schema check (schema_fast vs jsonschema)",
         _best(runs, lambda: [passes(kind)(data) for data, kind in parsed]),
         _best(runs, lambda: [validator(kind).is_valid(data) for data, kind in parsed])),
        ("canonical text (canonical_fast vs ruamel's emitter)",
         _best(runs, lambda: [canonical_text(data, kind) for data, kind in parsed]),
         _best(runs, lambda: [dumps(data, kind) for data, kind in parsed])),
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="services in the synthetic edition (0: none)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/qingdan-bench"), help="where synthetic editions go")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    editions = [("shipped (87 services)", ROOT / "policies" / "2017")]
    if args.size:
        sys.path.insert(0, str(ROOT / "bench"))
        from synth import edition_pair

        editions.append((f"synthetic ({args.size:,} services)", edition_pair(args.size, args.cache)[0]))
    print("| fast path | edition | fast | reference | saved |")
    print("|---|---|---|---|---|")
    for label, folder in editions:
        for name, fast, reference in measure(folder, args.runs):
            print(f"| {name} | {label} | {fast * 1000:.0f} ms | {reference * 1000:.0f} ms | "
                  f"{(reference - fast) * 1000:.0f} ms ({reference / fast:.1f}×) |")


if __name__ == "__main__":
    main()
