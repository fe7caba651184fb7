"""Odd paths: links out of the edition, loops, FIFOs, editions without services, files where folders belong."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "credentials.yaml"
    path.write_text("password: hunter2\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    ["validate", "--format", "github"], ["validate"], ["fmt"], ["fmt", "--check"], ["summary"],
    ["export", "--format", "json"], ["tasks", "区民政局"],
])
def test_a_link_out_of_the_edition_is_refused_never_read(run_cli: RunCli, edition_copy: Path, secret: Path,
                                                         command: list[str]) -> None:
    link = edition_copy / "services" / "zz-link.yaml"
    link.symlink_to(secret)
    args = [*command[:1], *command[1:], str(edition_copy)] if command[0] != "tasks" else \
        [*command, str(edition_copy)]
    result = run_cli(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr == f"qingdan: {link}: is a symbolic link to a file outside the edition folder; " \
                            "refusing to read it\n"
    assert "hunter2" not in result.stdout + result.stderr
    assert link.is_symlink()


@pytest.mark.parametrize(("link", "answer"), [
    # a service file is read by the load pipeline, which refuses it as every command does
    ("services/zz-link.yaml", "is a symbolic link to a file outside the edition folder; refusing to read it"),
    # any other file is refused by the copy
    ("notes.txt", "is a symbolic link to outside the edition folder; refusing to copy it"),
])
def test_new_edition_refuses_a_link_out_of_the_edition(run_cli: RunCli, edition_copy: Path, secret: Path, link: str,
                                                       answer: str) -> None:
    (edition_copy / link).symlink_to(secret)
    result = run_cli("new-edition", str(edition_copy), str(edition_copy.parent / "2021"))
    assert result.exit_code == 2
    assert result.stderr == f"qingdan: {edition_copy / link}: {answer}\n"
    assert not (edition_copy.parent / "2021").exists()


def test_a_link_inside_the_edition_is_formatted_through(run_cli: RunCli, edition_copy: Path) -> None:
    services = edition_copy / "services"
    real = services / "medical-assistance.yaml"
    moved = edition_copy / "medical-assistance.yaml"  # kept inside the edition folder
    real.rename(moved)
    real.symlink_to(Path("..") / moved.name)
    moved.write_text(moved.read_text(encoding="utf-8").replace("number: 52", "number:   52"), encoding="utf-8")
    result = run_cli("fmt", str(edition_copy))
    assert result.exit_code == 0, result.stderr
    assert real.is_symlink() and "number: 52\n" in moved.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["validate"], ["fmt"], ["summary"], ["new-edition"]])
def test_a_loop_of_links_is_an_error(run_cli: RunCli, edition_copy: Path, command: list[str]) -> None:
    loop = edition_copy / "services" / "loop.yaml"
    loop.symlink_to(loop.name)
    extra = [str(edition_copy.parent / "2021")] if command == ["new-edition"] else []
    result = run_cli(*command, str(edition_copy), *extra)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"qingdan: {loop}: ") and "loop" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("command", [["validate"], ["fmt"], ["fmt", "--check"], ["summary"], ["new-edition"],
                                     ["export", "--format", "json"]])
def test_a_fifo_named_yaml_never_blocks(run_cli: RunCli, edition_copy: Path, command: list[str]) -> None:
    fifo = edition_copy / "services" / "fifo.yaml"
    os.mkfifo(fifo)
    extra = [str(edition_copy.parent / "2021")] if command == ["new-edition"] else []
    started = time.monotonic()
    result = run_cli(*command, str(edition_copy), *extra)
    assert time.monotonic() - started < 30
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "is not a regular file (a FIFO, device or socket)" in result.stderr
    assert fifo.is_fifo()


@pytest.mark.parametrize("damage", ["missing", "empty", "self-link"])
@pytest.mark.parametrize("command", [["validate"], ["export", "--format", "json"], ["summary"], ["new-edition"]])
def test_an_edition_without_services_is_an_error(run_cli: RunCli, edition_copy: Path, damage: str,
                                                 command: list[str]) -> None:
    services = edition_copy / "services"
    for path in services.iterdir():
        path.unlink()
    services.rmdir()
    if damage == "empty":
        services.mkdir()
    elif damage == "self-link":
        services.symlink_to("services")
    extra = [str(edition_copy.parent / "2021")] if command == ["new-edition"] else []
    result = run_cli(*command, str(edition_copy), *extra)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "services" in result.stderr and result.stderr.count("\n") == 1
    assert not (edition_copy.parent / "2021").exists()


@pytest.mark.parametrize("command", [["export", "--format", "json"], ["summary"], ["validate"]])
def test_a_file_named_like_a_shipped_edition_never_falls_back_to_it(run_cli: RunCli, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("2017").write_text("x\n", encoding="utf-8")
    result = run_cli(*command[:1], "2017", *command[1:])
    assert result.exit_code == 2, result.stdout
    # validate's report shows the path it cannot check (QD006); the shipped 2017 is never checked in its stead
    shown = "2017\n  -        error   QD006"
    assert result.stdout == "" if command != ["validate"] else result.stdout.startswith(shown)
    assert result.stderr.startswith("qingdan: 2017: ") and result.stderr.count("\n") == 1


def test_new_edition_into_itself_is_refused_at_once(run_cli: RunCli, edition_copy: Path) -> None:
    started = time.monotonic()
    result = run_cli("new-edition", str(edition_copy), str(edition_copy / "2021"))
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert result.stderr == f"qingdan: {edition_copy / '2021'}: is inside {edition_copy}; a new edition goes " \
                            "beside the old one, not into it\n"
    assert not (edition_copy / "2021").exists()


@pytest.mark.parametrize("output", ["github", "sarif", "json", "text"])
def test_a_source_text_linked_out_of_the_edition_is_never_quoted(run_cli: RunCli, edition_copy: Path, secret: Path,
                                                                 output: str) -> None:
    """The official text goes through the containment check of the YAML files: its content never reaches an
    annotation (QD003 quotes the line it cannot parse)."""
    source = edition_copy / "source.txt"
    source.unlink()
    source.symlink_to(secret)
    result = run_cli("validate", "--format", output, str(edition_copy))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "hunter2" not in result.stdout + result.stderr
    assert "is a symbolic link to a file outside the edition folder; refusing to read it" in result.stdout


def _state(folder: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("where", ["2017", "policies/2017"])
@pytest.mark.parametrize("what", ["dangling link", "file", "link out of the repository",
                                  "folder linked out of the repository"])
@pytest.mark.parametrize("command", [["export", "--format", "json", "-o", "out.json"], ["summary"],
                                     ["rename-unit", "区财政局", "区财政所"], ["renumber"], ["tasks", "区财政局"]])
def test_an_edition_path_that_exists_in_any_form_never_falls_back_to_the_shipped_one(
        run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, what: str,
        command: list[str]) -> None:
    """One resolver for every command: what lies at NAME or policies/NAME (os.path.lexists, which follows no link)
    is the user's edition, wrong, and answered in one line; the shipped edition is neither read nor rewritten."""
    from qingdan.core import resources

    shipped = tmp_path / "shipped"  # the shipped editions, as a copy: a fallback must not rewrite the real ones
    shutil.copytree(resources.policies_dir() / "2017", shipped / "2017")
    monkeypatch.setattr(resources, "policies_dir", lambda: shipped)
    work = tmp_path / "work"
    (work / "policies").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(work)
    path = Path(where)
    if what == "dangling link":
        path.symlink_to("nowhere")
    elif what == "file":
        path.write_text("not an edition\n", encoding="utf-8")
    elif what == "link out of the repository":
        path.symlink_to(elsewhere)  # a folder outside the repository (here: the working folder, with no .git)
    else:  # the folder holding it is the link: policies -> elsewhere, elsewhere/2017 an edition
        shutil.copytree(shipped / "2017", elsewhere / "2017")
        if where == "2017":
            path.symlink_to(elsewhere / "2017")
        else:
            Path("policies").rmdir()
            Path("policies").symlink_to(elsewhere)
        where = "2017" if where == "2017" else "policies"
    before = _state(shipped)
    args = [*command[:1], *command[1:3], "2017", *command[3:]] if command[0] != "summary" else [*command, "2017"]
    result = run_cli(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"qingdan: {where}: ") and result.stderr.count("\n") == 1, result.stderr
    assert _state(shipped) == before
    assert not Path("out.json").exists()


@pytest.mark.parametrize("command", [["diff"], ["rename-unit", "区财政局", "区财政所"]])
def test_the_lineage_is_read_through_the_containment_check(run_cli: RunCli, tmp_path: Path, secret: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           command: list[str]) -> None:
    """diff and rename-unit read previous: before loading anything: an edition.yaml linked out of its edition is
    refused there too, never parsed (a syntax error would quote it)."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(Path(__file__).resolve().parents[2] / "policies" / "2017", "policies/2017")
    assert run_cli("new-edition", "policies/2017", "policies/2019").exit_code == 0
    secret.write_text("previous: [\nhunter2\n", encoding="utf-8")
    linked = Path("policies/2019/edition.yaml")
    linked.unlink()
    linked.symlink_to(secret)
    result = run_cli(*command)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr == "qingdan: policies/2019/edition.yaml: is a symbolic link to a file outside the edition " \
                            "folder; refusing to read it\n"
    assert "hunter2" not in result.stdout + result.stderr
