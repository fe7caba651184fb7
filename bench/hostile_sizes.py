"""Time ``qingdan validate`` on a copy of the real edition whose unit name is megabytes long (a hostile input).

Run: .venv/bin/python bench/hostile_sizes.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QINGDAN = ROOT / ".venv" / "bin" / "qingdan"


def _varied(size: int) -> str:
    """``size`` CJK characters that do not repeat in a short cycle (difflib's junk heuristic would skip repeats)."""
    return "".join(chr(0x4E00 + (index * 7919) % 20000) for index in range(size))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for size in (1_000, 10_000, 100_000, 1_500_000):
            edition = Path(folder) / f"e{size}"
            shutil.copytree(ROOT / "policies" / "2017", edition)
            path = edition / "services" / "medical-assistance.yaml"
            text = re.sub(r"^city_units:\n  - ", "city_units:\n  - " + _varied(size), path.read_text(encoding="utf-8"),
                          count=1, flags=re.MULTILINE)
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            done = subprocess.run([str(QINGDAN), "validate", str(edition)], capture_output=True, check=False)
            elapsed = time.perf_counter() - started
            print(f"validate, a unit name of {size:>9,} characters ({path.stat().st_size / 1e6:.1f} MB file): "
                  f"{elapsed:.2f} s, exit {done.returncode}")


if __name__ == "__main__":
    main()
