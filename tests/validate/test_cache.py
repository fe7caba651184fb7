"""validate's warm cache: a warm run reports exactly what a cold run does, a changed file (its text, the schemas, the
version) is never served from the cache, and runs at once never corrupt it."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from qingdan import api
from qingdan.check import validation_cache
from qingdan.check.validation_cache import EditionCache
from qingdan.core import i18n, resources
from qingdan.core.findings import Report
from qingdan.edition.load import DirectorySource, read_edition_files

if TYPE_CHECKING:
    from tests.conftest import RunCli

CASES = Path(__file__).parent / "cases"
INVALID = sorted(p for p in (CASES / "invalid").iterdir() if (p / "edition.yaml").is_file())


def seen(report: Report) -> tuple[Any, ...]:
    """Everything a report says, as the renderers show it."""
    return (tuple((str(f.location), f.location.key_path, f.code, f.severity, f.text, f.suppression, f.subject)
                  for f in report.findings), report.files, report.editions, report.notes)


def reused(edition: Path, folder: Path) -> set[str]:
    """The files of ``edition`` a run would take from the cache in ``folder``, by name in the edition."""
    cache = EditionCache.open(edition, folder)
    read_edition_files(DirectorySource(edition, str(edition)), edition.name, cache.parse)
    return {Path(name).relative_to(edition).as_posix() for name in cache.reused}


def all_files(edition: Path) -> set[str]:
    return {"edition.yaml", "units.yaml", *(f"services/{p.name}" for p in (edition / "services").iterdir())}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_warm_run_of_the_shipped_edition_reports_what_a_cold_run_does(shipped_edition: Path, tmp_path: Path,
                                                                         language: str) -> None:
    i18n.use(language)
    cold = seen(api.validate([shipped_edition]))
    filling = seen(api.validate([shipped_edition], cache=True, cache_dir=tmp_path))
    warm = seen(api.validate([shipped_edition], cache=True, cache_dir=tmp_path))
    assert filling == cold
    assert warm == cold
    assert reused(shipped_edition, tmp_path) == all_files(shipped_edition)  # the warm run read them all from it
    assert any(row[2] == "QD101" and row[5] for row in cold[0])  # a per-service rule's waived finding, thawed


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_a_warm_run_of_each_invalid_case_reports_what_a_cold_run_does(case: Path, tmp_path: Path) -> None:
    cold = seen(api.validate([case]))
    for _ in range(2):
        assert seen(api.validate([case], cache=True, cache_dir=tmp_path)) == cold


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_a_warm_run_after_one_service_file_changed_reports_what_a_cold_run_does(case: Path, tmp_path: Path) -> None:
    """The rules spanning files gather the facts of the unchanged files from the cache and the changed file's anew:
    for every rule's invalid case, a file changed (its lines moved by one) after the cache was filled."""
    edition = tmp_path / case.name
    shutil.copytree(case, edition)
    cache = tmp_path / "cache"
    api.validate([edition], cache=True, cache_dir=cache)
    for service in sorted((edition / "services").glob("*.yaml"))[:2]:
        service.write_text("# 修改\n" + service.read_text(encoding="utf-8"), encoding="utf-8")
        assert seen(api.validate([edition], cache=True, cache_dir=cache)) == seen(api.validate([edition]))


def test_a_warm_run_builds_only_the_service_of_the_changed_file(edition_copy: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules spanning files (ids, numbers, names, units used, dashes, waivers) read every service's facts from
    the cache: an unchanged service is neither built from its file nor remade from its snapshot."""
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    edited = edition_copy / "services" / "medical-assistance.yaml"
    _edit(edited, "target: ", "target: 第1次")
    made: list[str] = []
    service = EditionCache.service

    def counting(self: EditionCache, document: Any) -> Any:
        made.append(document.name)
        return service(self, document)

    monkeypatch.setattr(EditionCache, "service", counting)
    warm = seen(api.validate([edition_copy], cache=True, cache_dir=tmp_path))
    assert {Path(name).name for name in made} == {edited.name}
    assert warm == seen(api.validate([edition_copy]))
    assert any(row[2] == "QD502" for row in warm[0])  # a rule spanning files with findings about other services


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_service_file_is_checked_again(edition_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = seen(api.validate([edition_copy], cache=True, cache_dir=cache))
    service = edition_copy / "services" / "barrier-free-environment.yaml"
    # an unknown unit (QD102, a per-service rule) and text that is not a list (a schema finding) in turn
    _edit(service, "  - 区残联\n", "  - 区残联会\n")
    assert reused(edition_copy, cache) == all_files(edition_copy) - {"services/barrier-free-environment.yaml"}
    unknown = seen(api.validate([edition_copy], cache=True, cache_dir=cache))
    assert unknown == seen(api.validate([edition_copy]))
    assert unknown != before and any(row[2] == "QD102" and "区残联会" in row[4] for row in unknown[0])
    _edit(service, "district_units:\n  - 区残联会\n", "district_units: 区残联\n")
    broken = seen(api.validate([edition_copy], cache=True, cache_dir=cache))
    assert broken == seen(api.validate([edition_copy]))
    assert any(row[2] == "QD001" for row in broken[0])


def test_a_changed_registry_checks_every_service_again(edition_copy: Path, tmp_path: Path) -> None:
    """The per-service rules read units.yaml too: a change there is a change for every service's findings."""
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    _edit(edition_copy / "units.yaml", "name: 区残联\n", "name: 区残疾人联合会\n")
    warm = seen(api.validate([edition_copy], cache=True, cache_dir=tmp_path))
    assert warm == seen(api.validate([edition_copy]))
    assert sum(row[2] == "QD102" and "区残联" in row[4] for row in warm[0]) > 1


def test_a_new_version_or_schema_starts_afresh(edition_copy: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    assert reused(edition_copy, tmp_path) == all_files(edition_copy)
    monkeypatch.setattr(validation_cache, "__version__", "999.0")
    assert reused(edition_copy, tmp_path) == set()
    monkeypatch.undo()
    schemas = tmp_path / "schema"
    shutil.copytree(resources.schema_dir(), schemas)
    with (schemas / "service.schema.json").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    monkeypatch.setattr(resources, "schema_dir", lambda: schemas)
    assert reused(edition_copy, tmp_path) == set()
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    assert reused(edition_copy, tmp_path) == all_files(edition_copy)
    with (schemas / "shapes" / "standard-2021.json").open("a", encoding="utf-8") as handle:  # another shape's
        handle.write("\n")
    assert reused(edition_copy, tmp_path) == set()


def test_the_language_has_its_own_cache(edition_copy: Path, tmp_path: Path) -> None:
    """Some message parameters are worded when the finding is made: a Chinese run never shows English ones."""
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    i18n.use("zh")
    assert reused(edition_copy, tmp_path) == set()


def shards(folder: Path) -> list[Path]:
    """The files of the cache in ``folder`` (one edition's: its shards, its shards of built services and its parsed
    official text)."""
    return sorted(folder.glob("*/*/*.marshal"))


def entry_shards(folder: Path) -> list[Path]:
    """The shards of file entries alone."""
    return [file for file in shards(folder)
            if file.name != validation_cache._SOURCE and not file.name.endswith(validation_cache._BUILT)]


def built_shards(folder: Path) -> list[Path]:
    return [file for file in shards(folder) if file.name.endswith(validation_cache._BUILT)]


def test_a_damaged_cache_is_a_cold_run_and_is_rewritten(edition_copy: Path, tmp_path: Path) -> None:
    cold = seen(api.validate([edition_copy]))
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    files = shards(tmp_path)
    assert len(files) > 2  # the service files are spread over several shards
    garbage = (b"", b"\x00not marshal", marshal.dumps([1, 2, 3]), marshal.dumps({"x": (1,)}),
               marshal.dumps({"services/barrier-free-environment.yaml": ("not a hash", None)}),
               marshal.dumps({f"services/{p.name}": (1, 2) for p in (edition_copy / "services").iterdir()}))
    for written in garbage:
        for file in files:
            file.write_bytes(written)
        assert seen(api.validate([edition_copy], cache=True, cache_dir=tmp_path)) == cold
    assert reused(edition_copy, tmp_path) == all_files(edition_copy)


def test_a_half_written_shard_is_never_trusted(edition_copy: Path, tmp_path: Path) -> None:
    """A shard cut short (a crash, a full disk) does not load: its files are checked afresh, the others are not."""
    cold = seen(api.validate([edition_copy]))
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    whole = {file: file.read_bytes() for file in entry_shards(tmp_path)}
    cut = next(iter(whole))
    kept = marshal.loads(whole[cut])
    assert isinstance(kept, dict) and kept
    for length in (1, len(whole[cut]) // 2, len(whole[cut]) - 1):
        cut.write_bytes(whole[cut][:length])
        assert reused(edition_copy, tmp_path) == all_files(edition_copy) - set(kept)
        assert seen(api.validate([edition_copy], cache=True, cache_dir=tmp_path)) == cold
        assert cut.read_bytes() == whole[cut]  # written again, whole


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose services are built from their data (edition.load.build_service), in order."""
    from qingdan.edition import load

    names: list[str] = []
    original = load.build_service

    def counting(document: Any) -> Any:
        names.append(document.name)
        return original(document)

    monkeypatch.setattr(load, "build_service", counting)
    return names


def test_a_half_written_shard_of_built_services_is_never_trusted(edition_copy: Path, tmp_path: Path,
                                                                 built: list[str]) -> None:
    """A shard of built services cut short does not load: a service asked of it is built from its file again."""
    cold = seen(api.validate([edition_copy]))
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    cut = built_shards(tmp_path)[0]
    whole = cut.read_bytes()
    kept = marshal.loads(whole)
    assert isinstance(kept, dict) and kept
    from qingdan.edition import load

    for length in (1, len(whole) // 2, len(whole) - 1):
        cut.write_bytes(whole[:length])
        built.clear()
        cache = EditionCache.open(edition_copy, tmp_path)
        files = read_edition_files(DirectorySource(edition_copy, str(edition_copy)), edition_copy.name, cache.parse)
        services = [cache.service(document) for document in files.services]
        assert sorted(Path(name).name for name in built) == sorted(Path(rel).name for rel in kept)
        assert sorted(services, key=lambda s: s.number) == list(load.build_edition(files, edition_copy).services)
        assert seen(api.validate([edition_copy], cache=True, cache_dir=tmp_path)) == cold


def test_a_warm_run_rewrites_only_the_shard_of_the_changed_file(edition_copy: Path, tmp_path: Path) -> None:
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)  # the positions the findings needed, kept
    before = {file: file.stat().st_mtime_ns for file in shards(tmp_path)}
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    assert {file: file.stat().st_mtime_ns for file in shards(tmp_path)} == before  # nothing changed: nothing written
    _edit(edition_copy / "services" / "barrier-free-environment.yaml", "target: ", "target: 第1次")
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    written = [file for file in shards(tmp_path) if file.stat().st_mtime_ns != before[file]]
    shard = validation_cache._shard("services/barrier-free-environment.yaml")
    assert [file.name for file in written] == [f"{shard:02x}{validation_cache._BUILT}", f"{shard:02x}.marshal"]


def test_a_2021_edition_reuses_its_schema_findings_and_a_new_shape_checks_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Schema findings are kept with the shape they were found in: an edition of another shape than list-2017 is
    served from the cache too, and a file whose edition changed shape is checked against its new schemas."""
    from qingdan.edition import schema_check

    edition = tmp_path / "2021"
    shutil.copytree(Path(__file__).parent.parent / "revision" / "example-2021" / "2021", edition)
    checked: list[tuple[str, str]] = []
    check_in_shape = schema_check.check_in_shape

    def counting(document: Any, kind: str, shape: str) -> Any:
        checked.append((Path(document.name).name, shape))
        return check_in_shape(document, kind, shape)

    monkeypatch.setattr(schema_check, "check_in_shape", counting)
    cache = tmp_path / "cache"
    cold = seen(api.validate([edition]))
    assert seen(api.validate([edition], cache=True, cache_dir=cache)) == cold
    checked.clear()
    assert seen(api.validate([edition], cache=True, cache_dir=cache)) == cold
    assert checked == []  # every file's schema findings from the cache, in the 2021 shape
    _edit(edition / "edition.yaml", "shape: standard-2021\n", "shape: list-2017\n")
    checked.clear()
    moved = seen(api.validate([edition], cache=True, cache_dir=cache))
    assert moved == seen(api.validate([edition]))
    assert moved != cold and any(row[2] == "QD007" for row in moved[0])  # its services are of the other shape
    services = {p.name for p in (edition / "services").iterdir()}
    assert services <= {name for name, shape in checked if shape == "list-2017"}


def test_a_fact_of_a_changed_service_is_computed_again(edition_copy: Path, tmp_path: Path) -> None:
    """The rules that span files gather facts of each service (the dashes its texts hold, the units it names) that
    the cache keeps: a changed file's facts are its new ones."""
    cache = tmp_path / "cache"
    service = edition_copy / "services" / "barrier-free-environment.yaml"
    before = seen(api.validate([edition_copy], cache=True, cache_dir=cache))
    _edit(service, "target: 残疾人、老年人等", "target: 残疾人—老年人等")  # the rarer dash of the edition
    _edit(service, "  - 区残联\n", "  - 区残联\n  - 区残疾人康复中心\n")  # a unit no registry entry names
    warm = seen(api.validate([edition_copy], cache=True, cache_dir=cache))
    assert warm == seen(api.validate([edition_copy]))
    assert sum(row[2] == "QD502" for row in warm[0]) > sum(row[2] == "QD502" for row in before[0])
    assert any(row[2] == "QD102" and "区残疾人康复中心" in row[4] for row in warm[0])
    _edit(service, "target: 残疾人—老年人等", "target: 残疾人、老年人等")
    _edit(service, "  - 区残联\n  - 区残疾人康复中心\n", "  - 区残联\n")
    assert seen(api.validate([edition_copy], cache=True, cache_dir=cache)) == before


def test_a_cache_folder_that_cannot_be_written_is_no_error(edition_copy: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    cold = seen(api.validate([edition_copy]))
    assert seen(api.validate([edition_copy], cache=True, cache_dir=blocked / "cache")) == cold
    assert blocked.is_file()


def test_two_runs_at_once_never_corrupt_the_cache(edition_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "qingdan", "validate", "--cache-dir", str(cache), str(edition_copy)]
    service = edition_copy / "services" / "barrier-free-environment.yaml"
    for round_ in range(3):
        _edit(service, "target: ", f"target: 第{round_}轮")  # each round, one file changed since the last
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env={**os.environ, "QINGDAN_LANG": "en"}) for _ in range(2)]
        outputs = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], outputs
        assert outputs[0][0] == outputs[1][0]
    files = list(cache.rglob("*"))
    assert not [p for p in files if p.name.endswith(".tmp")]  # no temporary left behind
    for file in shards(cache):  # each whole
        assert isinstance(marshal.loads(file.read_bytes()), tuple if file.name == validation_cache._SOURCE else dict)
    assert reused(edition_copy, cache) == all_files(edition_copy)
    assert seen(api.validate([edition_copy], cache=True, cache_dir=cache)) == seen(api.validate([edition_copy]))


def test_the_cli_uses_the_cache_and_cache_clean_removes_it(edition_copy: Path, tmp_path: Path,
                                                            run_cli: RunCli) -> None:
    cache = tmp_path / "cache"
    assert run_cli("validate", "--no-cache", "--cache-dir", str(cache), str(edition_copy)).exit_code == 0
    assert not cache.exists()
    assert run_cli("validate", "--cache-dir", str(cache), str(edition_copy)).exit_code == 0
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"  # never committed
    assert reused(edition_copy, cache) == all_files(edition_copy)
    result = run_cli("cache", "clean", "--cache-dir", str(cache))
    assert result.exit_code == 0 and str(cache) in result.stdout
    assert not cache.exists()
    assert run_cli("cache", "clean", "--cache-dir", str(cache)).stdout.strip() == "no cache to remove"


def test_cache_clean_never_removes_a_folder_that_is_not_a_cache(tmp_path: Path, run_cli: RunCli) -> None:
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("cache", "clean", "--cache-dir", str(precious))
    assert result.exit_code == 2
    assert "not a qingdan cache folder" in result.stderr
    assert (precious / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_the_default_cache_is_at_the_repository_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QINGDAN_CACHE_DIR")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    edition = tmp_path / "repo" / "policies" / "2017"
    edition.mkdir(parents=True)
    assert validation_cache.default_folder(edition) == tmp_path / "repo" / ".qingdan-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    outside = tmp_path / "elsewhere" / "2017"
    outside.mkdir(parents=True)
    assert validation_cache.default_folder(outside) == tmp_path / "user" / "qingdan"  # never in a data folder


def _typed(edition: Path, shown: str, folder: Path) -> tuple[Any, EditionCache]:
    """The typed edition as a run through the cache in ``folder`` builds it, the edition named ``shown``."""
    from qingdan.edition.load import build_edition

    cache = EditionCache.open(edition, folder)
    files = read_edition_files(DirectorySource(edition, shown), edition.name, cache.parse)
    return build_edition(files, edition, map(cache.service, files.services)), cache


def _every_field(service: Any) -> Any:
    """A service with the fields equality leaves out (where it and its parts and waivers came from)."""
    return (service, service.location, tuple(p.location for p in service.parts),
            tuple(w.location for w in service.waivers), vars(service))


@pytest.mark.parametrize("example", ["2017", "2021"])
def test_the_services_a_warm_run_rebuilds_are_the_ones_built_from_the_files(
        example: str, shipped_edition: Path, tmp_path: Path, built: list[str]) -> None:
    """A warm run takes each unchanged service as the earlier run built it (kept as plain data, not built again):
    the same objects, field for field, locations included, as building them from the files gives; a service whose
    file changed, or an edition named another way (its findings' paths), is built afresh."""
    from qingdan.core.model import Service
    from qingdan.edition.load import build_edition

    source = {"2017": shipped_edition, "2021": Path(__file__).parent.parent / "revision" / "example-2021" / "2021"}
    edition = tmp_path / example
    shutil.copytree(source[example], edition)
    reference = build_edition(read_edition_files(DirectorySource(edition, str(edition)), edition.name), edition)
    folder = tmp_path / "cache"
    filled, cache = _typed(edition, str(edition), folder)
    cache.save()
    built.clear()  # the filling run's
    warm, cache = _typed(edition, str(edition), folder)
    assert built == []  # every service from its snapshot
    assert filled == warm == reference
    assert [_every_field(s) for s in warm.services] == [_every_field(s) for s in reference.services]
    assert all(type(s) is Service for s in warm.services)
    assert {s.location.path for s in warm.services if s.location} <= cache.reused
    cache.save()  # nothing changed: the snapshots are kept as they were
    first = sorted(edition.glob("services/*.yaml"))[0]
    _edit(first, "name: ", "name: 新")
    changed, cache = _typed(edition, str(edition), folder)
    assert next(s.name for s in changed.services if s.location and s.location.path == str(first)).startswith("新")
    assert str(first) not in cache.reused and built == [str(first)]
    elsewhere, _ = _typed(edition, "shown-as", folder)  # the same cache, the edition named another way
    assert {s.location.path.split("/")[0] for s in elsewhere.services if s.location} == {"shown-as"}
    assert len(built) == 1 + len(elsewhere.services)  # built afresh under the other name


def test_a_damaged_snapshot_of_a_service_is_built_again(edition_copy: Path, tmp_path: Path) -> None:
    from qingdan.edition.load import build_edition

    reference = build_edition(read_edition_files(DirectorySource(edition_copy, str(edition_copy)),
                                                 edition_copy.name), edition_copy)
    cold = seen(api.validate([edition_copy]))
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    damaged: tuple[Any, ...] = ([], ["Service"], ["Service", (1, 2), ()], ["Nothing", (), ()],
                                ["", ["Service", (), ()]], 7)
    for snapshot in damaged:
        for file in built_shards(tmp_path):
            entries = marshal.loads(file.read_bytes())
            for rel, stored in entries.items():
                entries[rel] = (*stored[:-1], snapshot)  # the same text's hash and name: the snapshot is tried
            file.write_bytes(marshal.dumps(entries))
        assert _typed(edition_copy, str(edition_copy), tmp_path)[0] == reference
        assert seen(api.validate([edition_copy], cache=True, cache_dir=tmp_path)) == cold
    assert seen(api.validate([edition_copy], cache=True, cache_dir=tmp_path)) == cold


def test_the_official_text_is_kept_parsed_and_parsed_again_when_it_changes(edition_copy: Path,
                                                                          tmp_path: Path) -> None:
    from qingdan.io.official_text import parse

    text = (edition_copy / "source.txt").read_text(encoding="utf-8")
    cache = EditionCache.open(edition_copy, tmp_path)
    calls: list[str] = []

    def parsing(given: str) -> Any:
        calls.append(given)
        return parse(given)

    assert cache.parse_source(text, parsing) == parse(text)
    cache.save()
    cache = EditionCache.open(edition_copy, tmp_path)
    assert cache.parse_source(text, parsing) == parse(text)
    assert len(calls) == 1  # the second from the cache
    changed = text.replace("万州区", "万州")
    assert cache.parse_source(changed, parsing) == parse(changed) != parse(text)
    assert len(calls) == 2


def test_a_warm_run_s_documents_hold_the_data_their_files_parse_to(edition_copy: Path, tmp_path: Path) -> None:
    """A document the cache answers for has its data and positions only when something reads them, from the cache
    (a document a finding points into) or from its text again: either way what parsing the file gives."""
    from qingdan.io.loading import parse_document

    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)  # the positions (and data) the findings needed
    cache = EditionCache.open(edition_copy, tmp_path)
    files = read_edition_files(DirectorySource(edition_copy, str(edition_copy)), edition_copy.name, cache.parse)
    kept = {name for name, entry in cache.entries.items() if entry.blob is not None}
    assert kept and len(kept) < len(cache.entries)  # some from the cache, the others from their text
    for _, document in files.documents():
        assert document.name in cache.reused
        assert document.path == Path(document.name) and str(document.path) == document.name
        text = Path(document.name).read_text(encoding="utf-8")
        parsed = parse_document(text, document.name)
        assert document.data == parsed.data
        assert {key: document.locate(key) for key in parsed.nodes} == {key: parsed.locate(key) for key in parsed.nodes}


def test_a_file_that_no_longer_gets_an_entry_leaves_the_cache(edition_copy: Path, tmp_path: Path) -> None:
    """A file edited so that its findings cannot be kept (a duplicate key) is dropped from its shard, as a removed
    file is, and the report is a cold run's."""
    api.validate([edition_copy], cache=True, cache_dir=tmp_path)
    rel = "services/barrier-free-environment.yaml"
    _edit(edition_copy / rel, "target: ", "target: 一\ntarget: ")
    assert seen(api.validate([edition_copy], cache=True, cache_dir=tmp_path)) == seen(api.validate([edition_copy]))
    shard = next(file for file in shards(tmp_path) if file.name == f"{validation_cache._shard(rel):02x}.marshal")
    kept = marshal.loads(shard.read_bytes())
    assert isinstance(kept, dict) and rel not in kept
