"""qingdan fmt on the real edition: canonical as shipped, comments kept, bad files untouched, --check writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from qingdan.edit.formatting import edition_files, format_text
from qingdan.io.loading import load_document

if TYPE_CHECKING:
    from tests.conftest import RunCli

SERVICE = Path("services") / "entrepreneurship-service.yaml"


def test_the_shipped_edition_is_canonical(run_cli: RunCli, shipped_edition: Path) -> None:
    result = run_cli("fmt", "--check", str(shipped_edition))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr == f"{len(edition_files(shipped_edition))} files already canonical\n"


def test_check_prints_a_unified_diff_writes_nothing_and_fails(run_cli: RunCli, edition_copy: Path) -> None:
    path = edition_copy / SERVICE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    shuffled = "".join([lines[1], lines[0], *lines[2:]]).replace("category: employment", "category: 'employment'")
    path.write_text(shuffled, encoding="utf-8")
    result = run_cli("fmt", "--check", str(edition_copy))
    assert result.exit_code == 1
    assert f"--- a/{path}\n+++ b/{path}\n" in result.stdout
    assert "-category: 'employment'\n+category: employment\n" in result.stdout
    assert "1 file would be reformatted" in result.stderr
    assert path.read_text(encoding="utf-8") == shuffled
    assert run_cli("fmt", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == "".join(lines)


def test_comments_survive_and_move_with_their_keys(run_cli: RunCli, edition_copy: Path) -> None:
    path = edition_copy / SERVICE
    before = load_document(path).data
    text = path.read_text(encoding="utf-8")
    edited = ("# 创业服务: checked against the 2018 notice\n"
              + text.replace("number: 14\n", "")
                    .replace("funding: ", "# who pays, as published\nfunding: ")
                    .replace("  - 市财政局\n", "  - 市财政局  # co-funds the loans\n")
              + "number: 14  # renumber in the next edition\n")
    path.write_text(edited, encoding="utf-8")
    result = run_cli("fmt", str(path))
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# 创业服务: checked against the 2018 notice\nid: entrepreneurship-service\n"
                            "number: 14  # renumber in the next edition\ncategory: employment\n")
    assert "# who pays, as published\nfunding: 市和区县政府共同负责。\n" in after
    assert "  - 市财政局  # co-funds the loans\n" in after
    assert load_document(path).data == before
    assert run_cli("fmt", "--check", str(path)).exit_code == 0


def test_a_file_that_does_not_parse_is_left_byte_for_byte(run_cli: RunCli, edition_copy: Path) -> None:
    broken = edition_copy / SERVICE
    raw = broken.read_bytes().replace(b"city_units:\n", b"city_units: [\n", 1)
    broken.write_bytes(raw)
    untidy = edition_copy / "services" / "medical-assistance.yaml"
    untidy_raw = untidy.read_bytes().replace(b"name: ", b"name:    ", 1)
    untidy.write_bytes(untidy_raw)
    result = run_cli("fmt", str(edition_copy))
    assert result.exit_code == 2
    assert result.exception is None
    message = result.stderr.strip()
    assert "\n" not in message
    assert message.startswith(f"qingdan: {broken}:")
    line = int(message.split(":")[2])
    assert 1 <= line <= raw.count(b"\n") + 1
    assert broken.read_bytes() == raw
    assert untidy.read_bytes() == untidy_raw, "nothing is written when any file fails"


def test_a_duplicate_key_is_refused_rather_than_dropped(run_cli: RunCli, edition_copy: Path) -> None:
    path = edition_copy / SERVICE
    raw = path.read_bytes() + "name: 另一个名字\n".encode()
    path.write_bytes(raw)
    result = run_cli("fmt", str(path))
    assert result.exit_code == 2
    assert "duplicate key 'name'" in result.stderr
    assert path.read_bytes() == raw


def test_a_file_outside_an_edition_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    stray = tmp_path / "notes.yaml"
    stray.write_text("a: 1\n", encoding="utf-8")
    result = run_cli("fmt", str(stray))
    assert result.exit_code == 2
    assert "not an edition file" in result.stderr


def test_quoting_is_what_a_yaml_1_1_reader_needs() -> None:
    text = 'payers: [central]\nid: x\nsplits:\n  - {name: s, kind: ratio, quote: 8:2, shares: []}\nname: "yes"\n'
    result = format_text(text, "service", "t.yaml")
    assert 'quote: "8:2"' in result
    assert 'name: "yes"' in result
    assert result.startswith("id: x\nname:")
