"""The parsing floor: load every YAML file of an edition with PyYAML's C loader, and nothing else.

Run: python bench/yaml_floor.py EDITION   (needs PyYAML built with libyaml: pip install -e '.[bench]')

What ``qingdan validate`` is measured against: the same files read and turned into Python data by the fastest YAML
loader there is, with no positions, no checks and no report. Prints nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml  # type: ignore[import-untyped,import-not-found,unused-ignore]  # PyYAML: no types


def main() -> None:
    root = Path(sys.argv[1])
    for path in [root / "edition.yaml", root / "units.yaml", *sorted((root / "services").iterdir())]:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    main()
