"""Kill ``qingdan rename-unit`` with SIGKILL at 30 moments on a 2,000-service edition, and run fmt and rename-unit
together: an edition-wide write is all or nothing, a killed one is completed by the next run, and no writer loses
another's update.

The kill harness (seed 20190301, QINGDAN_KILL_TRIALS=N for another number of trials, QINGDAN_KILL_SIZE for another
size): half the moments are spread over the time an uninterrupted run takes, half aimed at 0–60 ms after the
journal appears, inside the window in which the files are renamed into place. After each kill the edition loads,
every file is its old or its new text, and the edition is entirely old, entirely new, or half renamed with the
journal that lets the next run complete it; the next run of the same command then leaves exactly the renamed
edition and no temporary file. It prints its figures: trials, torn editions, leftovers.
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
import synth

from qingdan.edition.pipeline import load_edition
from qingdan.io.staging import JOURNAL

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "policies" / "2017"
TRIALS = int(os.environ.get("QINGDAN_KILL_TRIALS", "30"))
SIZE = int(os.environ.get("QINGDAN_KILL_SIZE", "2000"))
SEED = 20190301
OLD, NEW = "区卫生计生委", "区卫生健康委"


def generate(size: int, target: Path) -> Path:
    """A synthetic edition of ``size`` services, made by bench/synth.py (the benchmark's own editions)."""
    made: Path = synth.generate(size, target)
    return made


def _files(edition: Path) -> dict[str, bytes]:
    return {str(p.relative_to(edition)): p.read_bytes() for p in sorted(edition.rglob("*")) if p.is_file()}


def _rename(edition: Path) -> list[str]:
    return [sys.executable, "-m", "qingdan", "rename-unit", OLD, NEW, str(edition), "--since", "2019-03-01"]


def _leftovers(edition: Path) -> list[str]:
    return [rel for rel in _files(edition) if rel.endswith(".tmp") or Path(rel).name == JOURNAL]


def _wait_for(path: Path, deadline: float) -> None:
    while time.monotonic() < deadline and not path.exists():
        time.sleep(0.0005)


@pytest.mark.slow
def test_rename_unit_killed_at_30_moments_leaves_an_old_new_or_completable_edition(tmp_path: Path) -> None:
    pristine = generate(SIZE, tmp_path / "pristine")
    old = _files(pristine)
    reference = tmp_path / "reference"
    shutil.copytree(pristine, reference)
    started = time.monotonic()
    done = subprocess.run(_rename(reference), capture_output=True, text=True, check=False)
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    new = _files(reference)
    changed = sum(old[rel] != new[rel] for rel in old)
    assert changed > 400  # units.yaml and every service naming the unit

    rng = random.Random(SEED)
    figures = {"trials": 0, "entirely old": 0, "entirely new": 0, "completed by the next run": 0,
               "torn editions": 0, "leftovers": 0}
    for trial in range(TRIALS):
        edition = tmp_path / f"trial{trial}"
        shutil.copytree(pristine, edition)
        process = subprocess.Popen(_rename(edition), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if trial % 2 == 0:  # anywhere in the run
            time.sleep(rng.uniform(0.05, 1.05) * duration)
        else:  # in the window of the renames (some 50 ms for 484 files): once the journal is there, a moment later
            _wait_for(edition / JOURNAL, time.monotonic() + 3 * duration)
            time.sleep(rng.uniform(0, 0.06))
        process.send_signal(signal.SIGKILL)
        process.wait()
        figures["trials"] += 1
        found = {rel: content for rel, content in _files(edition).items()
                 if not rel.endswith(".tmp") and Path(rel).name != JOURNAL}
        assert set(found) == set(old), f"trial {trial}: files appeared or vanished"
        assert [rel for rel, content in found.items() if content not in (old[rel], new[rel])] == [], \
            f"trial {trial}: a file is neither old nor new"
        load_edition(edition)  # loads, whatever the moment
        journalled = (edition / JOURNAL).exists()
        state = "entirely old" if found == old else "entirely new" if found == new else "half"
        if state == "half" and not journalled:
            figures["torn editions"] += 1  # half renamed with nothing to complete it
        rerun = subprocess.run(_rename(edition), capture_output=True, text=True, check=False)
        assert rerun.returncode == 0, f"trial {trial} ({state}): {rerun.stderr}"
        if state == "half":  # (killed after its last rename, a run leaves a journal with nothing left to do)
            assert "completed the write an interrupted run left" in rerun.stderr, rerun.stderr
        figures[state if state != "half" else "completed by the next run"] += 1
        figures["leftovers"] += len(_leftovers(edition))
        if _files(edition) != new:
            figures["torn editions"] += 1
        shutil.rmtree(edition)
    print(f"rename-unit on {SIZE} services killed {TRIALS} times (seed {SEED}; an uninterrupted run takes "
          f"{duration:.2f} s, {changed} files): {figures}")
    assert figures["torn editions"] == 0
    assert figures["leftovers"] == 0


def _unformatted(target: Path) -> None:
    """A copy of the shipped edition with every YAML file out of canonical form, its data unchanged."""
    shutil.copytree(SHIPPED, target)
    for path in [target / "edition.yaml", target / "units.yaml", *sorted((target / "services").glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(": ", ":   ", 3).replace("\n", "\n\n", 2), encoding="utf-8")


def _qingdan(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "qingdan", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_fmt_and_rename_unit_together_lose_no_update(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    outcomes: dict[str, int] = {}
    for trial in range(10):
        edition = tmp_path / f"pair{trial}"
        _unformatted(edition)
        first, second = (["fmt", str(edition)], [*_rename(edition)[3:]]) if trial % 2 else \
            ([*_rename(edition)[3:]], ["fmt", str(edition)])
        running = [_qingdan(*first)]
        time.sleep(rng.uniform(0, 0.5))
        running.append(_qingdan(*second))
        results = [(process.wait(), *process.communicate()) for process in running]
        codes = {}
        for (code, _stdout, stderr), args in zip(results, (first, second), strict=True):
            assert code in (0, 2), stderr
            if code == 2:  # refused: the other held the lock too long; one line, and it changed nothing
                assert stderr.count("\n") == 1 and "another qingdan command is writing" in stderr, stderr
            codes[args[0]] = code
        outcome = ", ".join(f"{command} {code}" for command, code in sorted(codes.items()))
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        texts = {rel: content.decode("utf-8") for rel, content in _files(edition).items()}
        assert _leftovers(edition) == []
        rows = [text for rel, text in texts.items() if rel.startswith("services/")]
        if codes["rename-unit"] == 0:  # every row renamed: fmt did not write back a row it read before the rename
            assert not any(OLD in text for text in rows), f"pair {trial}: a row still names {OLD}"
            assert NEW in texts["units.yaml"]
        else:
            assert sum(OLD in text for text in rows) > 5 and NEW not in texts["units.yaml"]
        if codes["fmt"] == 0:  # and the rename did not write back a file fmt had formatted
            check = subprocess.run([sys.executable, "-m", "qingdan", "fmt", "--check", str(edition)],
                                   capture_output=True, text=True, check=False)
            assert check.returncode == 0, check.stdout[:2000]
    print(f"fmt and rename-unit run together 10 times (seed {SEED}): {outcomes}")


@pytest.mark.slow
def test_two_fmt_runs_together_both_succeed_or_one_refuses(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    for trial in range(5):
        edition = tmp_path / f"pair{trial}"
        _unformatted(edition)
        running = [_qingdan("fmt", str(edition))]
        time.sleep(rng.uniform(0, 0.3))
        running.append(_qingdan("fmt", str(edition)))
        for process in running:
            code = process.wait()
            _stdout, stderr = process.communicate()
            assert code == 0 or (code == 2 and stderr.count("\n") == 1
                                 and "another qingdan command is writing" in stderr), stderr
        assert _leftovers(edition) == []
        check = subprocess.run([sys.executable, "-m", "qingdan", "fmt", "--check", str(edition)],
                               capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stdout[:2000]
