"""What a loaded edition holds, and what it lets go: the memory of validate and diff on a large list.

Not timed and not a budget in bytes: each test names a thing that must not be kept (a file's text, a list of the
official text's lines, a side's data once its edition is built, a second copy of a text) and looks for it, on the
shipped edition and on a synthetic one made by bench/synth.py, as the benchmark makes its editions.
"""

from __future__ import annotations

import gc
import shutil
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Any

import pytest
import synth

from qingdan.diff.pairing import choose_pairs
from qingdan.edition.load import DirectorySource
from qingdan.edition.pipeline import open_source
from qingdan.io.loading import parse_document_reference
from qingdan.io.official_text import parse, text_lines

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "policies" / "2017"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic edition of 400 services (copies of the shipped ones, with the official text's 400 rows)."""
    made: Path = synth.generate(400, tmp_path_factory.mktemp("synthetic") / "edition")
    return made


def reachable(root: object) -> Iterator[object]:
    """Every object reachable from ``root`` through references, leaving out modules, classes and functions (the
    code, which every object reaches)."""
    seen = {id(root)}
    stack = [root]
    while stack:
        found = stack.pop()
        yield found
        for referent in gc.get_referents(found):
            if id(referent) not in seen and not isinstance(referent, (ModuleType, type, FunctionType)):
                seen.add(id(referent))
                stack.append(referent)


@pytest.mark.parametrize("edition", ["shipped", "synthetic"])
def test_a_loaded_document_holds_no_text_of_its_file(edition: str, request: pytest.FixtureRequest) -> None:
    folder = SHIPPED if edition == "shipped" else request.getfixturevalue("synthetic")
    opened = open_source(DirectorySource(folder), folder, str(folder))
    assert opened.edition is not None
    for document in opened.files.services[:60]:
        text = (folder / "services" / Path(document.name).name).read_text(encoding="utf-8")
        kept = [found for found in reachable(document) if isinstance(found, str) and len(found) >= len(text) // 2]
        assert kept == [], f"{document.name} holds {len(kept)} long text(s), such as its file's"


def test_positions_read_again_are_the_reference_positions() -> None:
    """A document reads its file again for the positions findings point at: the very positions the reference
    loader finds in the text it parsed."""
    opened = open_source(DirectorySource(SHIPPED), SHIPPED, str(SHIPPED))
    for document in opened.files.services:
        text = (SHIPPED / "services" / Path(document.name).name).read_text(encoding="utf-8")
        reference = parse_document_reference(text, document.name)
        assert dict(document.nodes.items()) == dict(reference.nodes.items()), document.name


def test_a_file_changed_since_loading_gives_no_positions_of_its_new_text(tmp_path: Path) -> None:
    """A file edited between loading and a finding's lookup is not composed: its findings point at what was known
    when it was read (the service), never at a line of a text the data was not built from."""
    folder = tmp_path / "2017"
    shutil.copytree(SHIPPED, folder)
    opened = open_source(DirectorySource(folder), folder, str(folder))
    document = opened.files.services[0]
    path = folder / "services" / Path(document.name).name
    path.write_text("# a comment line pushes every line down\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert document.locate(("name",)).line == 1  # the root's position, known when the file was read
    path.unlink()
    other = opened.files.services[1]
    (folder / "services" / Path(other.name).name).unlink()
    assert other.locate(("target",)).line == 1  # a file removed since: the same, and no error


def _traced(work: Any) -> tuple[Any, int, int]:
    """``work()``'s result, the memory it keeps and the most it held on top of that while it ran (bytes)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = work()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, current - before, peak - current


def test_the_official_text_is_parsed_without_a_list_of_its_lines(synthetic: Path) -> None:
    """Parsing holds the text, one offset a line and one row's cells at a time: less on top of what it keeps than
    the list of the text's lines alone would take (what it held before, with every cell besides)."""
    text = (synthetic / "source.txt").read_text(encoding="utf-8")
    parsed, _kept, extra = _traced(lambda: parse(text))
    assert len(parsed.services) == 400
    lines, lines_size, _ = _traced(lambda: text.split("\n"))
    assert len(lines) > 3000
    assert extra < lines_size / 2, (extra, lines_size)
    assert list(text_lines(text)) == lines


def test_equal_texts_are_held_once(synthetic: Path) -> None:
    """The services' texts and the official text's rows, and the copies of a text in many services, are one
    object each: a list of 100,000 services holds each distinct text once."""
    from qingdan.check import rules
    from qingdan.check.validation import _official_text

    opened = open_source(DirectorySource(synthetic), synthetic, str(synthetic))
    assert opened.edition is not None
    context = rules.Context(opened.files)
    context.edition = opened.edition
    assert _official_text(context, DirectorySource(synthetic), opened.files.edition.data, 400)
    assert context.source is not None
    by_name = {service.name: service for service in opened.edition.services}
    rows = [row for row in context.source.services if row.name in by_name]
    assert len(rows) == 400
    for row in rows:
        service = by_name[row.name]
        for field in ("target", "funding"):
            if getattr(row, field) == getattr(service, field):
                assert getattr(row, field) is getattr(service, field), (row.name, field)
    standards = [service.standard for service in opened.edition.services if service.standard is not None]
    assert len({id(text) for text in standards}) == len(set(standards))


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "plain"])
def test_a_diff_keeps_of_each_side_only_what_it_compares(lean: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a side's edition is built, its service files are kept only to place a change (their ids, and how to
    read them again): the data of both sides is never held at once. On a large list (lean) the data of one side
    is not held whole either: each file's is let go as soon as its service is built."""
    from qingdan.edition import pipeline

    monkeypatch.setattr(pipeline, "LEAN_FROM", 0 if lean else 10**9)
    seen: list[int] = []
    cut = pipeline._open_lean

    def watched(*args: Any) -> Any:
        seen.append(1)
        return cut(*args)

    monkeypatch.setattr(pipeline, "_open_lean", watched)
    pairing = choose_pairs((str(SHIPPED), str(ROOT / "tests" / "revision" / "example" / "2019")), None, ROOT)
    for old, new in pairing.pairs:
        for side in (old, new):
            assert side.files.services
            for document in side.files.services:
                assert document.data == {"id": document.data["id"]}
    assert len(seen) == (2 if lean else 0)


EDITIONS = [*sorted(path.parent for path in (ROOT / "tests").rglob("edition.yaml")), SHIPPED]


@pytest.fixture
def always_lean(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lean read on every list, however small (it pays from pipeline.LEAN_FROM services)."""
    from qingdan.edition import pipeline

    monkeypatch.setattr(pipeline, "LEAN_FROM", 0)


def _outcome(folder: Path, *, lean: bool) -> tuple[str, Any]:
    from qingdan.core.errors import QingdanError

    try:
        opened = open_source(DirectorySource(folder), folder, str(folder), lean=lean)
    except QingdanError as error:
        return "error", (type(error).__name__, str(error))
    return "ok", opened.edition


@pytest.mark.parametrize("folder", EDITIONS, ids=lambda folder: str(folder.relative_to(ROOT)))
@pytest.mark.usefixtures("always_lean")
def test_the_lean_read_answers_as_the_plain_read(folder: Path) -> None:
    """diff's lean read (each service built, and its data let go, as its file is read) builds the same edition as the
    plain read, and refuses what it refuses with the same first error: on every edition folder of the tests (the
    broken ones of the validate and diff cases among them) and the shipped one."""
    assert _outcome(folder, lean=True) == _outcome(folder, lean=False)


@pytest.mark.parametrize("missing", ["edition.yaml", "units.yaml"])
def test_the_lean_read_reports_a_missing_file_first_as_the_plain_read_does(missing: str, tmp_path: Path) -> None:
    """Whether a read is lean depends on how many service files there are, which is asked only of an edition folder:
    a folder without edition.yaml or units.yaml is refused for that, even when services/ holds a name that is not
    UTF-8 (which listing it refuses)."""
    from qingdan.core.errors import InputError

    folder = tmp_path / "2017"
    shutil.copytree(SHIPPED, folder)
    (folder / missing).unlink()
    (folder / "services").joinpath(b"\xff.yaml".decode("utf-8", "surrogateescape")).write_text("id: x\n")
    answers = []
    for lean in (False, True):
        with pytest.raises(InputError) as raised:
            open_source(DirectorySource(folder), folder, str(folder), lean=lean)
        answers.append(str(raised.value))
    assert answers[0] == answers[1] and missing in answers[0]
