"""Kill ``qingdan fmt`` with SIGKILL at random moments: every file is the old or the new text, the edition loads
to the same data and validates as before, and the next run leaves no temporary file behind.

QINGDAN_KILL_TRIALS=N sets the number of kills (default 8); the moments are drawn from a fixed seed: half spread
over the time an uninterrupted run takes, half just after the first staged file appears, inside the short window
in which the files are renamed into place.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qingdan.check.validation import validate_paths
from qingdan.io.loading import load_document
from qingdan.io.staging import JOURNAL

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "policies" / "2017"
TRIALS = int(os.environ.get("QINGDAN_KILL_TRIALS", "8"))


def _unformatted(target: Path) -> None:
    """A copy of the real edition in which every YAML file is out of canonical form, its data unchanged."""
    shutil.copytree(SHIPPED, target)
    for path in [target / "edition.yaml", target / "units.yaml", *sorted((target / "services").glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(": ", ":   ", 3).replace("\n", "\n\n", 2), encoding="utf-8")


def _files(edition: Path) -> dict[str, bytes]:
    return {str(p.relative_to(edition)): p.read_bytes() for p in sorted(edition.rglob("*")) if p.is_file()}


def _fmt(edition: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "qingdan", "fmt", str(edition)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _fmt_to_the_end(edition: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "qingdan", "fmt", str(edition)], capture_output=True, text=True,
                          check=False)


def _wait_for_staging(edition: Path, deadline: float) -> None:
    folders = [edition, edition / "services"]
    while time.monotonic() < deadline:
        if any(name.endswith(".tmp") for folder in folders for name in os.listdir(folder)):
            return
        time.sleep(0.0005)


@pytest.mark.slow
def test_fmt_killed_at_random_moments_leaves_old_or_new_files_and_no_temporary_file(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    _unformatted(reference)
    old = _files(reference)
    data = {rel: load_document(reference / rel).data for rel in old if rel.endswith(".yaml")}
    started = time.monotonic()
    assert _fmt_to_the_end(reference).returncode == 0
    duration = time.monotonic() - started
    new = _files(reference)
    assert sum(old[rel] != new[rel] for rel in old) > 80  # nearly every file is rewritten
    verdict = validate_paths([reference]).exit_code()

    rng = random.Random(20180131)
    outcomes = {"before any write": 0, "during the writes": 0, "after": 0, "temporary files left": 0}
    for trial in range(TRIALS):
        edition = tmp_path / f"trial{trial}"
        _unformatted(edition)
        process = _fmt(edition)
        if trial % 2 == 0:  # anywhere in the run
            time.sleep(rng.uniform(0.1, 1.1) * duration)
        else:  # in the short window of the writes: once the first staged file appears, a moment later
            _wait_for_staging(edition, deadline=time.monotonic() + 5 * duration)
            time.sleep(rng.uniform(0, 0.25))
        process.send_signal(signal.SIGKILL)
        process.wait()
        everything = _files(edition)
        leftover = [rel for rel in everything if rel.endswith(".tmp") or rel == JOURNAL]  # the next run's to clean
        outcomes["temporary files left"] += bool(leftover)
        found = {rel: content for rel, content in everything.items() if rel not in leftover}
        assert set(found) == set(old), f"trial {trial}: files appeared or vanished"
        torn = [rel for rel, content in found.items() if content not in (old[rel], new[rel])]
        assert torn == [], f"trial {trial}: neither old nor new"
        written = sum(found[rel] == new[rel] != old[rel] for rel in found)
        outcomes["before any write" if written == 0 else "after" if found == new else "during the writes"] += 1
        # consistent: every file loads to the data it held, so the edition validates as before
        assert {rel: load_document(edition / rel).data for rel in data} == data
        assert validate_paths([edition]).exit_code() == verdict
        # the next run finishes the job and removes what the killed one left
        rerun = _fmt_to_the_end(edition)
        assert rerun.returncode == 0, rerun.stderr
        assert _files(edition) == new, f"trial {trial}: the next run did not converge or left a temporary file"
    print(f"fmt killed {TRIALS} times (an uninterrupted run takes {duration:.2f} s): {outcomes}")
