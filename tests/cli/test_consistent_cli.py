"""Every command behaves alike: help with an example and exit codes, short help that fits, editions by path or by
name, -o/--output with '-' for standard output, -q/--quiet, formats in one order, all help texts translatable."""

from __future__ import annotations

import gettext
import importlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click
import pytest

from qingdan.cli.main import cli, command_modules
from qingdan.cli.options import FORMAT_ORDER
from qingdan.core import i18n

if TYPE_CHECKING:
    from tests.conftest import RunCli

COMMANDS = sorted(command_modules())
SERVICE = "medical-assistance.yaml"

# For every command that has -o: the arguments of a run that writes something (the edition by its shipped name).
WITH_OUTPUT = {
    "validate": ["validate", "2017"],
    "diff": ["diff", "2017", "2017"],
    "changelog": ["changelog", "2017", "2017"],
    "history": ["history", "2", "2017"],
    "conform": ["conform", "2017"],
    "export": ["export", "2017", "--format", "json"],
    "render": ["render", "2017"],
    "rules": ["rules"],
    "summary": ["summary", "2017"],
    "tasks": ["tasks", "区民政局", "2017"],
    "units": ["units", "2017"],
    "textconv": ["textconv", SERVICE],
}


def _command(name: str) -> click.Command:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    return command


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped_edition: Path) -> Path:
    """A working directory without ./policies, so a name means the shipped edition, holding a copy of SERVICE."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(shipped_edition / "services" / SERVICE, work / SERVICE)
    monkeypatch.chdir(work)
    return work


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_an_example_and_the_exit_codes(run_cli: RunCli, name: str) -> None:
    result = run_cli(name, "--help")
    assert result.exit_code == 0, result.stderr
    examples = result.stdout.split("Examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert examples and all(line.strip().startswith(f"qingdan {name}") for line in examples), examples
    codes = result.stdout.split("Exit codes:\n", 1)[1].splitlines()
    assert codes[0].strip().startswith("0 "), codes
    assert "--help" in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_short_help_is_shown_whole_in_the_command_list(run_cli: RunCli, name: str) -> None:
    short = _command(name).short_help
    assert short and len(short) <= 60 and not short.endswith("..."), short
    listing = run_cli("--help").stdout.split("Commands:\n", 1)[1]
    line = next(line for line in listing.splitlines() if line.split()[0] == name)
    assert " ".join(line.split()[1:]) == short


def test_the_top_level_help_has_examples_and_exit_codes(run_cli: RunCli) -> None:
    text = run_cli("--help").stdout
    examples = text.split("Examples:", 1)[1].split("Exit codes:", 1)[0]
    assert [line.split()[0] for line in examples.splitlines() if line.strip()] == ["qingdan"] * 4
    assert [line.split()[0] for line in text.split("Exit codes:", 1)[1].splitlines() if line.strip()] == \
        ["0", "1", "2", "3", "130"]


def test_the_command_list_cuts_nothing(run_cli: RunCli) -> None:
    listing = run_cli("--help").stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0]  # up to the examples
    assert [line.split()[0] for line in listing.splitlines() if line.strip()] == COMMANDS
    assert "..." not in listing


class _Marking(gettext.NullTranslations):
    """A catalog that marks every text it is asked for, to show which texts pass through gettext."""

    def gettext(self, message: str) -> str:
        return f"⟪{message}"


@pytest.fixture
def marked_commands(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, click.Command]]:
    """Every command module loaded again while the catalog marks what it translates; reloaded plain after."""
    modules = [importlib.import_module(module) for module in command_modules().values()]
    monkeypatch.setattr(i18n, "_active", _Marking())
    try:
        yield {name: importlib.reload(module).command for name, module in zip(command_modules(), modules, strict=True)}
    finally:
        monkeypatch.undo()
        for module in sorted(modules, key=lambda m: m.__name__ != "qingdan.cli.cmd_export"):  # render reuses export
            importlib.reload(module)


def test_every_help_text_is_translatable(marked_commands: dict[str, click.Command]) -> None:
    untranslated = []
    for name, command in marked_commands.items():
        assert command.callback is not None and not command.callback.__doc__, f"{name}: help in a docstring"
        texts = {"help": command.help, "short_help": command.short_help, "epilog": command.epilog}
        texts |= {param.name or "?": param.help for param in command.params
                  if isinstance(param, click.Option) and not param.hidden}
        untranslated += [f"{name} {what}" for what, text in texts.items() if not (text or "").lstrip("\b\n")
                         .startswith("⟪")]
        assert "⟪Exit codes:" in (command.epilog or "") and "⟪Examples:" in (command.epilog or "")
    assert untranslated == []


def test_commands_with_output_are_the_ones_tested() -> None:
    with_output = {name for name in COMMANDS if any(p.name == "output" for p in _command(name).params)}
    assert with_output == set(WITH_OUTPUT) | {"import"}
    for name in with_output:
        option = next(p for p in _command(name).params if p.name == "output")
        assert isinstance(option, click.Option) and option.opts == ["-o", "--output"]


@pytest.mark.parametrize("name", sorted(WITH_OUTPUT))
def test_output_dash_is_stdout_and_a_file_gets_the_same(run_cli: RunCli, elsewhere: Path, name: str) -> None:
    plain = run_cli(*WITH_OUTPUT[name])
    dash = run_cli(*WITH_OUTPUT[name], "-o", "-")
    assert plain.exit_code == dash.exit_code == 0, dash.stderr
    assert dash.stdout and dash.stdout == plain.stdout
    assert not (elsewhere / "-").exists()
    written = run_cli(*WITH_OUTPUT[name], "--output", "out.txt")
    assert written.exit_code == 0 and written.stdout == ""
    assert (elsewhere / "out.txt").read_text(encoding="utf-8") == plain.stdout


def test_import_output_is_a_folder_and_out_still_works(run_cli: RunCli, tmp_path: Path, shipped_edition: Path) -> None:
    source = str(shipped_edition / "source.txt")
    refused = run_cli("import", source, "--edition", "2017", "-o", "-")
    assert refused.exit_code == 2 and "folder" in refused.stderr
    for option, folder in (("-o", "a"), ("--out", "b")):
        result = run_cli("import", source, "--edition", "2017", option, str(tmp_path / folder))
        assert result.exit_code == 0, result.stderr
        assert len(list((tmp_path / folder / "services").glob("*.yaml"))) == 87
    assert not re.search(r"--out\b", run_cli("import", "--help").stdout)  # the old spelling works, unlisted


@pytest.mark.parametrize("args", [["validate", "2017"], ["diff", "2017", "2017"], ["fmt", "--check", "2017"],
                                  ["summary", "2017"], ["units", "2017"], ["render", "2017"],
                                  ["new-edition", "2017", "2017"]], ids=lambda a: a[0])
def test_a_shipped_edition_by_name(run_cli: RunCli, elsewhere: Path, args: list[str]) -> None:
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr


def test_a_name_means_the_edition_under_policies_first(run_cli: RunCli, tmp_path: Path, shipped_edition: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(shipped_edition, tmp_path / "policies" / "2017")
    units = tmp_path / "policies" / "2017" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("name: 区民政局", "name: 区民政厅"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    validated = run_cli("validate", "2017")
    assert validated.exit_code == 1 and "policies/2017/services/" in validated.stdout
    changed = run_cli("diff", str(shipped_edition), "2017")
    assert "区民政厅" in changed.stdout
    assert run_cli("fmt", "--check", "2017").exit_code == 0


def test_commands_that_write_leave_the_installed_editions_alone(run_cli: RunCli, tmp_path: Path, shipped_edition: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from qingdan.core import resources

    installed = tmp_path / "site" / "qingdan" / "_data" / "policies"
    shutil.copytree(shipped_edition, installed / "2017")
    monkeypatch.setattr(resources, "policies_dir", lambda: installed)
    monkeypatch.chdir(tmp_path)
    before = {p: p.read_bytes() for p in installed.rglob("*") if p.is_file()}
    for args in (["renumber", "2017"], ["rename-unit", "区农委", "区农业农村委", "2017"], ["fmt", "2017"]):
        result = run_cli(*args)
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("qingdan: ") and len(result.stderr.splitlines()) == 1, result.stderr
        assert "2017: this is the edition installed with qingdan" in result.stderr
        assert "qingdan new-edition 2017 policies/2017" in result.stderr
    assert run_cli("fmt", "--check", "2017").exit_code == 0
    assert run_cli("validate", "2017", "-q").exit_code == 0
    assert {p: p.read_bytes() for p in installed.rglob("*") if p.is_file()} == before


def _plant_error_and_warning(edition: Path) -> None:
    """An unknown unit (an error) in one service; the shipped edition's six waived findings stay."""
    service = edition / "services" / "free-compulsory-education.yaml"
    text = service.read_text(encoding="utf-8")
    service.write_text(text.replace("  - 区教委\n", "  - 区教育局\n", 1), encoding="utf-8")


def test_validate_quiet_prints_errors_only(run_cli: RunCli, repo_root: Path, edition_copy: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    clean = run_cli("validate", "2017", "-q")
    assert (clean.exit_code, clean.stdout, clean.stderr) == (0, "", "")
    _plant_error_and_warning(edition_copy)
    full = run_cli("validate", str(edition_copy))
    quiet = run_cli("validate", str(edition_copy), "--quiet")
    assert full.exit_code == quiet.exit_code == 1
    error_lines = [line for line in full.stdout.splitlines() if re.match(r"\s+\S+\s+error ", line)]
    assert error_lines and all(line in quiet.stdout.splitlines() for line in error_lines)
    assert "waived" not in quiet.stdout and "warning" not in quiet.stdout and "FAILED" not in quiet.stdout
    assert quiet.stdout.splitlines()[-1] == error_lines[-1] and "FAILED" in full.stdout


def test_validate_hide_waived_keeps_the_count(run_cli: RunCli, repo_root: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    shown = run_cli("validate", "2017")
    hidden = run_cli("validate", "2017", "--hide-waived")
    assert len(shown.stdout.splitlines()) > 20 and hidden.exit_code == 0
    assert hidden.stdout.splitlines() == [shown.stdout.splitlines()[-1]]
    assert "6 waived" in hidden.stdout


@pytest.mark.parametrize("option", ["-q", "--hide-waived"])
def test_validate_filters_only_the_text_format(run_cli: RunCli, repo_root: Path, monkeypatch: pytest.MonkeyPatch,
                                               option: str) -> None:
    monkeypatch.chdir(repo_root)
    result = run_cli("validate", "--format", "json", option)
    assert result.exit_code == 2 and "text format" in result.stderr


def test_quiet_commands_that_write_say_nothing(run_cli: RunCli, tmp_path: Path, shipped_edition: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(shipped_edition, tmp_path / "policies" / "2017")
    monkeypatch.chdir(tmp_path)
    for args in (["new-edition", "2017", "policies/2019", "-q"], ["rename-unit", "区农委", "区农业农村委", "-q"],
                 ["renumber", "-q"], ["fmt", "-q"], ["fmt", "--check", "-q"], ["export", "2019", "--format", "json",
                                                                                "-o", "x.json", "-q"]):
        result = run_cli(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", ""), args
    assert "区农业农村委" in (tmp_path / "policies" / "2019" / "units.yaml").read_text(encoding="utf-8")
    loud = run_cli("rename-unit", "区农业农村委", "区农业委", "2019")
    assert loud.stdout.splitlines()[-1].startswith("renamed 区农业农村委 → 区农业委")


def test_formats_are_listed_in_one_order() -> None:
    seen = 0
    for name in COMMANDS:
        for param in _command(name).params:
            if param.name in ("format_", "output_format") and isinstance(param.type, click.Choice):
                choices = list(param.type.choices)
                assert choices == sorted(choices, key=FORMAT_ORDER.index), (name, choices)
                assert choices[0] == "text"
                seen += 1
    assert seen == 9  # validate, diff, changelog, history, conform, export, rules, tasks, units


def test_units_and_tasks_say_what_they_count(run_cli: RunCli) -> None:
    units = run_cli("units").stdout.splitlines()
    assert units[0].split()[2:6] == ["services", "led", "services", "carried"]
    row = next(line.split() for line in units if line.startswith("区民政局"))
    led_services, carried_services = int(row[2]), int(row[3])
    head = run_cli("tasks", "区民政局").stdout.splitlines()[0]
    rows, services, led_rows, led_in = map(int, re.findall(r"\d+", head))
    assert head == (f"区民政局 (district): {rows} tasks in {services} services; leads {led_rows} tasks in {led_in} "
                    "services")
    assert (services, led_in) == (carried_services, led_services)
    assert led_rows > led_in  # a service with parts is led in more than one row: why the two counts differ


def test_the_outputs_shown_in_the_cli_page_are_true(run_cli: RunCli, repo_root: Path, monkeypatch: pytest.MonkeyPatch
                                                    ) -> None:
    page = (repo_root / "docs" / "cli.md").read_text(encoding="utf-8")
    shown = re.findall(r"```\n\$ qingdan (.*?)\n(.*?)```", page, flags=re.S)
    assert len(shown) == 2
    monkeypatch.chdir(repo_root)
    for command, output in shown:
        words, _pipe, head = command.partition(" | head -")
        result = run_cli(*words.split())
        lines = result.stdout.splitlines()[: int(head)] if head else result.stdout.splitlines()
        assert lines == output.splitlines(), command


@pytest.mark.parametrize("args", [["units"], ["summary"], ["tasks", "区民政局"]], ids=lambda a: a[0])
def test_the_default_edition_is_the_one_under_policies_first(run_cli: RunCli, tmp_path: Path, shipped_edition: Path,
                                                             monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    shutil.copytree(shipped_edition, tmp_path / "policies" / "2017")
    edition = tmp_path / "policies" / "2017" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("万州府办发〔2018〕10号", "万州府办发〔2018〕99号"),
                       encoding="utf-8")
    for service in (tmp_path / "policies" / "2017" / "services").glob("*.yaml"):
        service.write_text(service.read_text(encoding="utf-8").replace("区民政局", "区民政厅"), encoding="utf-8")
    units = tmp_path / "policies" / "2017" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("区民政局", "区民政厅"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    local = result.exit_code == 2 if args[0] == "tasks" else "区民政厅" in result.stdout or "99号" in result.stdout
    assert local, (result.exit_code, result.stdout[:200], result.stderr)
