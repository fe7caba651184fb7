"""The diff peer: DeepDiff (ordered) over two editions' data, loaded with PyYAML's C loader.

Run: python bench/deepdiff_ordered.py OLD NEW   (needs PyYAML built with libyaml and deepdiff)

What ``qingdan diff OLD NEW`` is measured against: each edition read into one dict (edition.yaml, units.yaml and the
services in the order of their numbers), then compared by DeepDiff with order kept. Prints how many paths differ.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped,import-not-found,unused-ignore]  # PyYAML: no types
from deepdiff import DeepDiff


def load(root: Path) -> dict[str, Any]:
    def read(path: Path) -> Any:
        return yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    services = [read(path) for path in sorted((root / "services").iterdir())]
    return {"edition": read(root / "edition.yaml"), "units": read(root / "units.yaml"),
            "services": sorted(services, key=lambda service: service["number"])}


def main() -> None:
    old, new = load(Path(sys.argv[1])), load(Path(sys.argv[2]))
    print(len(DeepDiff(old, new, cache_size=0).affected_paths), "paths differ")


if __name__ == "__main__":
    main()
