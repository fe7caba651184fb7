"""validate's warm cache knows a file unchanged by its stat key, without reading it (as git does for its index): a
file written since, even with its size and modification time set back, is read again; a file written within the
clock's racy window is hashed, never trusted by its stat; a file served by its key is never read unless something
asks for its text, and then only its text as it was is used; a link out of the edition folder is refused as on a
cold run."""

from __future__ import annotations

import marshal
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from qingdan import api
from qingdan.check import validation_cache
from qingdan.check.validation_cache import SETTLED_NS, EditionCache
from qingdan.core.findings import Report
from qingdan.edition import load
from qingdan.edition.load import DirectorySource, read_edition_files
from qingdan.io.loading import parse_document


def seen(report: Report) -> tuple[Any, ...]:
    """Everything a report says, as the renderers show it (as in test_cache.py)."""
    return (tuple((str(f.location), f.location.key_path, f.code, f.severity, f.text, f.suppression, f.subject)
                  for f in report.findings), report.files, report.editions, report.notes)


def all_files(edition: Path) -> set[str]:
    return {"edition.yaml", "units.yaml", *(f"services/{p.name}" for p in (edition / "services").iterdir())}


def shards(folder: Path) -> list[Path]:
    """The cache's shards of entries and of the official text (not those of built services)."""
    return sorted(file for file in folder.glob("*/*/*.marshal") if not file.name.endswith(validation_cache._BUILT))

SERVICE = "services/barrier-free-environment.yaml"  # holds a waived QD101 at city_units[3], line 12


def later() -> int:
    """A run's start a minute from now: every file written so far is settled."""
    return time.time_ns() + 30 * SETTLED_NS


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files of an edition read through DirectorySource.read_text (every read of an edition file), in order."""
    read: list[str] = []
    original = DirectorySource.read_text

    def counting(self: DirectorySource, rel: str, limit: int | None = None) -> str:
        read.append(rel)
        return original(self, rel, limit)

    monkeypatch.setattr(DirectorySource, "read_text", counting)
    return read


def validate(edition: Path, cache: Path, clock: Callable[[], int] | None = None) -> Report:
    """A warm (or filling) run with the run's start given by ``clock`` (default: the real one)."""
    with pytest.MonkeyPatch.context() as patch:
        if clock is not None:
            patch.setattr(validation_cache, "now", clock)
        return api.validate([edition], cache=True, cache_dir=cache)


def keyed(cache: Path) -> dict[str, Any]:
    """The stat key each file's entry keeps, by file in the edition (None: the file is read and hashed)."""
    kept: dict[str, Any] = {}
    for file in shards(cache):
        if file.name != validation_cache._SOURCE:
            kept.update({rel: stored[1] for rel, stored in marshal.loads(file.read_bytes()).items()})
    return kept


def services_read(read: list[str]) -> set[str]:
    return {rel for rel in read if rel.startswith("services/")}


def test_a_settled_file_is_served_by_its_stat_key_without_being_read(edition_copy: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries recorded by a run that started well after the files were written are served from their stat keys:
    a reader that fails for every service file does not change what the warm run reports."""
    cache = tmp_path / "cache"
    cold = seen(api.validate([edition_copy]))
    assert seen(validate(edition_copy, cache, later)) == cold
    assert seen(validate(edition_copy, cache, later)) == cold  # the positions the findings needed, kept
    assert set(keyed(cache)) == all_files(edition_copy) and None not in keyed(cache).values()
    original = DirectorySource.read_text

    def refusing(self: DirectorySource, rel: str, limit: int | None = None) -> str:
        if rel.startswith("services/"):
            raise AssertionError(f"{rel} was read")
        return original(self, rel, limit)

    monkeypatch.setattr(DirectorySource, "read_text", refusing)
    warm = validate(edition_copy, cache, later)
    assert seen(warm) == cold
    assert any(row[2] == "QD101" and row[5] and "barrier-free-environment.yaml:12:5" in row[0] for row in cold[0])


def test_a_file_written_again_with_its_size_and_time_set_back_is_read_again(edition_copy: Path, tmp_path: Path,
                                                                            reads: list[str]) -> None:
    """The same size and the same modification time (os.utime sets it back) are no proof: the change time a write
    sets cannot be set back, and the stat key holds it."""
    cache = tmp_path / "cache"
    validate(edition_copy, cache, later)
    service = edition_copy / SERVICE
    recorded = keyed(cache)[SERVICE]
    before = os.stat(service)
    assert recorded == (before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns, before.st_ctime_ns)
    time.sleep(0.05)  # more than a tick of the coarsest kernel clock between the two writes
    text = service.read_text(encoding="utf-8")
    changed = text.replace("  - 区残联\n", "  - 区残会\n", 1)  # an unknown unit (QD102), the same number of bytes
    assert changed != text and len(changed.encode()) == len(text.encode())
    with service.open("r+", encoding="utf-8") as handle:  # written in place: the same inode
        handle.write(changed)
    os.utime(service, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(service)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
    assert after.st_ctime_ns != before.st_ctime_ns
    reads.clear()
    warm = seen(validate(edition_copy, cache, later))
    assert services_read(reads) == {SERVICE}
    assert warm == seen(api.validate([edition_copy]))
    assert any(row[2] == "QD102" and "区残会" in row[4] for row in warm[0])


def test_a_file_written_within_the_racy_window_is_hashed_not_trusted(edition_copy: Path, tmp_path: Path,
                                                                     reads: list[str]) -> None:
    """A file whose modification or change time is not older than the run's start by SETTLED_NS keeps no stat key:
    a write in the same clock tick after the read would leave the key as it was. Every later run reads and hashes
    it, until a run starts long enough after its last write."""
    cache = tmp_path / "cache"
    validate(edition_copy, cache, later)
    service = edition_copy / SERVICE
    service.write_text(service.read_text(encoding="utf-8").replace("target: ", "target: 第1次", 1), encoding="utf-8")
    written = os.stat(service)

    def racy() -> int:  # a run that starts just after the write, within the window
        return max(written.st_mtime_ns, written.st_ctime_ns) + SETTLED_NS // 2

    reads.clear()
    validate(edition_copy, cache, racy)
    assert services_read(reads) == {SERVICE}
    kept = keyed(cache)
    assert kept[SERVICE] is None  # no key kept: the next run hashes it
    assert all(key is not None for rel, key in kept.items() if rel != SERVICE)
    cold = seen(api.validate([edition_copy]))
    reads.clear()
    assert seen(validate(edition_copy, cache, racy)) == cold
    assert services_read(reads) == {SERVICE}  # read again though its stat has not changed since
    validate(edition_copy, cache, later)  # settled now: its key is kept
    assert keyed(cache)[SERVICE] is not None
    reads.clear()
    validate(edition_copy, cache, later)
    assert services_read(reads) == set()
    # the clock's edge: a file written exactly SETTLED_NS before the run's start is inside the window
    edge = max(written.st_mtime_ns, written.st_ctime_ns) + SETTLED_NS
    fresh = EditionCache.open(edition_copy, tmp_path / "other", clock=lambda: edge)
    read_edition_files(DirectorySource(edition_copy, str(edition_copy)), edition_copy.name, fresh.parse,
                       unread=fresh.unread)
    assert fresh.entries[str(service)].stat is None
    assert fresh.entries[str(edition_copy / "units.yaml")].stat is not None


def _served(edition: Path, folder: Path) -> tuple[EditionCache, load.EditionFiles]:
    cache = EditionCache.open(edition, folder, clock=later)
    return cache, read_edition_files(DirectorySource(edition, str(edition)), edition.name, cache.parse,
                                     unread=cache.unread)


def test_a_position_in_a_file_served_by_its_key_is_read_from_its_text(edition_copy: Path, tmp_path: Path,
                                                                      reads: list[str]) -> None:
    """A file served by its stat key is read only when a position is asked for: then its positions and data are
    those parsing the file gives (the waived QD101 of the shipped data at line 12), and nothing else is read."""
    folder = tmp_path / "cache"
    cache, _ = _served(edition_copy, folder)  # fills the cache: no finding asked for a position
    cache.save()
    reads.clear()
    cache, files = _served(edition_copy, folder)
    assert reads == [] and cache.reused == {document.name for _, document in files.documents()}
    document = next(d for d in files.services if d.name.endswith(SERVICE))
    location = document.locate(("city_units", 3))
    assert (location.line, location.column) == (12, 5)
    assert reads == [SERVICE]
    parsed = parse_document((edition_copy / SERVICE).read_text(encoding="utf-8"), document.name)
    assert document.data == parsed.data
    assert {key: document.locate(key) for key in parsed.nodes} == {key: parsed.locate(key) for key in parsed.nodes}
    assert reads == [SERVICE]
    cache.save()  # the positions composed are kept: the next run asks nothing of the file
    reads.clear()
    cache, files = _served(edition_copy, folder)
    document = next(d for d in files.services if d.name.endswith(SERVICE))
    assert document.locate(("city_units", 3)).line == 12 and reads == []


def test_a_file_changed_after_its_key_was_taken_is_never_pointed_into(edition_copy: Path, tmp_path: Path,
                                                                      reads: list[str]) -> None:
    """A file written between the stat and the late read of its text is not composed: a position in it is its
    root's (never a line of the new text), its data is the file's now, and its entry is left out of the cache."""
    folder = tmp_path / "cache"
    cache, _ = _served(edition_copy, folder)
    cache.save()
    cache, files = _served(edition_copy, folder)
    service = edition_copy / SERVICE
    text = service.read_text(encoding="utf-8")
    service.write_text("# 一行注释\n" + text.replace("target: ", "target: 第1次", 1), encoding="utf-8")
    document = next(d for d in files.services if d.name.endswith(SERVICE))
    location = document.locate(("city_units", 3))
    assert (location.line, location.column, location.key_path) == (1, 1, ("city_units", 3))  # the root
    assert document.data["target"].startswith("第1次")
    cache.save()
    assert SERVICE not in keyed(folder) and len(keyed(folder)) == len(all_files(edition_copy)) - 1
    reads.clear()
    cache, files = _served(edition_copy, folder)
    assert reads == [SERVICE] and str(service) not in cache.reused


def test_a_position_a_new_finding_needs_in_an_unchanged_file_is_the_cold_run_s(edition_copy: Path, tmp_path: Path,
                                                                              reads: list[str]) -> None:
    """A registry change gives new findings in service files that did not change: those files are served by their
    keys and read only for the positions their findings point at, the same as a cold run's."""
    cache = tmp_path / "cache"
    validate(edition_copy, cache, later)
    validate(edition_copy, cache, later)
    units = edition_copy / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("name: 区残联\n", "name: 区残疾人联合会\n", 1),
                     encoding="utf-8")
    cold = seen(api.validate([edition_copy]))
    reads.clear()
    warm = seen(validate(edition_copy, cache, later))
    assert warm == cold
    pointed = {Path(row[0].split(":")[0]).relative_to(edition_copy).as_posix() for row in warm[0]
               if row[2] == "QD102"}
    assert len(pointed) > 1 and services_read(reads) <= pointed


def _link_out(path: Path, outside: Path) -> None:
    shutil.copyfile(path, outside)
    path.unlink()
    path.symlink_to(outside)


@pytest.mark.parametrize("how", ["file", "folder"])
def test_a_link_out_of_the_edition_is_refused_on_a_warm_run_as_on_a_cold_one(edition_copy: Path, tmp_path: Path,
                                                                             how: str) -> None:
    """A service file replaced by a link to a copy outside the edition, or the services folder moved outside and
    linked (its files keep their stat keys: a rename changes neither their inode nor their times), is refused,
    never served from the cache."""
    cache = tmp_path / "cache"
    validate(edition_copy, cache, later)
    assert keyed(cache)[SERVICE] is not None
    outside = tmp_path / "outside"
    outside.mkdir()
    if how == "file":
        _link_out(edition_copy / SERVICE, outside / "barrier-free-environment.yaml")
    else:
        services = edition_copy / "services"
        before = os.stat(services / "barrier-free-environment.yaml")
        services.rename(outside / "services")
        services.symlink_to(outside / "services")
        after = os.stat(services / "barrier-free-environment.yaml")
        assert (after.st_ino, after.st_mtime_ns, after.st_ctime_ns) == (before.st_ino, before.st_mtime_ns,
                                                                           before.st_ctime_ns)
    cold = seen(api.validate([edition_copy]))
    assert any("outside the edition folder" in row[4] for row in cold[0])
    for _ in range(2):
        assert seen(validate(edition_copy, cache, later)) == cold


def test_a_link_inside_the_edition_is_read_on_every_run(edition_copy: Path, tmp_path: Path,
                                                        reads: list[str]) -> None:
    """A link to a file inside the edition folder is allowed, and read each time: only a plain file has a key."""
    cache = tmp_path / "cache"
    service = edition_copy / SERVICE
    target = edition_copy / "kept" / "barrier-free-environment.yaml"
    target.parent.mkdir()
    _link_out(service, target)
    cold = seen(api.validate([edition_copy]))
    validate(edition_copy, cache, later)
    assert keyed(cache)[SERVICE] is None
    reads.clear()
    assert seen(validate(edition_copy, cache, later)) == cold
    assert services_read(reads) == {SERVICE}



def test_an_unchanged_official_text_is_not_read_and_a_changed_one_is(edition_copy: Path, tmp_path: Path,
                                                                     reads: list[str]) -> None:
    """The official text, kept parsed, has a stat key as a YAML file has: a warm run that finds it unchanged parses
    nothing and reads nothing of it; written again (its size and modification time set back), it is read and parsed
    anew, and the rules that read it report what a cold run reports."""
    cache = tmp_path / "cache"
    cold = seen(api.validate([edition_copy]))
    validate(edition_copy, cache, later)
    reads.clear()
    assert seen(validate(edition_copy, cache, later)) == cold
    assert "source.txt" not in reads
    text_file = edition_copy / "source.txt"
    before = os.stat(text_file)
    time.sleep(0.05)
    text = text_file.read_text(encoding="utf-8")
    changed = text.replace("\t区民政局、区财政局", "\t区民政局、、财政局", 1)  # a doubled 、 (QD501)
    assert changed != text and len(changed.encode()) == len(text.encode())
    with text_file.open("r+", encoding="utf-8") as handle:
        handle.write(changed)
    os.utime(text_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads.clear()
    warm = seen(validate(edition_copy, cache, later))
    assert "source.txt" in reads
    assert warm == seen(api.validate([edition_copy])) != cold


def test_damaged_positions_are_composed_again_from_the_text(edition_copy: Path, tmp_path: Path) -> None:
    """The positions an entry keeps are made when first asked for: damaged ones are composed from the file's text
    instead (read then, its hash checked), the report is a cold run's, and they are kept anew."""
    cache = tmp_path / "cache"
    validate(edition_copy, cache, later)
    validate(edition_copy, cache, later)  # every position the findings needed, kept
    damaged = 0
    for file in shards(cache):
        if file.name == validation_cache._SOURCE:
            continue
        entries = marshal.loads(file.read_bytes())
        for rel, stored in entries.items():
            if stored[5]:  # complete: its positions kept
                entries[rel] = (*stored[:4], {("id",): (1,), **stored[4]}, *stored[5:])
                damaged += 1
        file.write_bytes(marshal.dumps(entries))
    assert damaged > 2
    units = edition_copy / "units.yaml"  # new findings in unchanged service files: their positions are asked for
    units.write_text(units.read_text(encoding="utf-8").replace("name: 区残联\n", "name: 区残疾人联合会\n", 1),
                     encoding="utf-8")
    cold = seen(api.validate([edition_copy]))
    assert seen(validate(edition_copy, cache, later)) == cold
    assert seen(validate(edition_copy, cache, later)) == cold
    pointed = {Path(row[0].split(":")[0]).relative_to(edition_copy).as_posix() for row in cold[0]
               if row[2] == "QD102"}
    kept = {rel: stored for file in shards(cache) if file.name != validation_cache._SOURCE
            for rel, stored in marshal.loads(file.read_bytes()).items()}
    assert pointed and all(kept[rel][5] and kept[rel][4].get(("id",)) != (1,) for rel in pointed)  # kept anew
