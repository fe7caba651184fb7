"""What every command shares: how an edition is named, ``-o/--output``, ``-q/--quiet``, and the order of formats.

An edition argument is named as the library names it (qingdan/edition/naming.py): a path (a folder, or for validate and
fmt a file in one), a bare name such as ``2017`` (the folder of that name under ./policies when there is one, the
repository being worked in, else the edition shipped with qingdan), or ``REV:PATH`` for the commands that only read an
edition (the others, given one, say in one line that they need an edition folder: ``EditionType(path=True)``). A command
given no edition means the newest (``default_edition``). Commands that write never write into the editions installed
with the package.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.core import ParameterSource

from .. import api
from ..api import EDITIONS_FOLDER, InputError
from ..core import i18n
from ..core.i18n import _

F = TypeVar("F", bound=Callable[..., Any])

# The one order of --format choices in every command: people's formats first, then programs', then files.
FORMAT_ORDER = ("text", "json", "markdown", "github", "sarif", "csv", "sqlite", "datapackage", "xlsx", "docx")


def ordered(formats: Iterable[str]) -> list[str]:
    """``formats`` in FORMAT_ORDER (any format not listed there last, alphabetically)."""
    names = list(formats)
    return sorted(names, key=lambda name: (FORMAT_ORDER.index(name) if name in FORMAT_ORDER else len(FORMAT_ORDER),
                                           name))


if TYPE_CHECKING:  # click's Choice is generic in its stubs
    _Choice = click.Choice[str]
else:
    _Choice = click.Choice


class Choice(_Choice):
    """click's Choice, whose wrong-value message lists the choices as the language lists them (a、b in Chinese)."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return _("'{value}' is not one of: {choices}.").format(
            value=value, choices=i18n.listing(str(choice) for choice in self.choices))


def format_choice(formats: Iterable[str]) -> Choice:
    return Choice(ordered(formats))


def installed_data() -> Path | None:
    """The editions installed with the package (a wheel's copy), which no command edits; None in a checkout, where
    the shipped editions are the repository's own working data."""
    folder = api.shipped_editions()
    return folder if folder.parent.name == "_data" else None


def _refuse_installed(path: Path, shown: str) -> None:
    installed = installed_data()
    if installed is not None and path.resolve().is_relative_to(installed.resolve()):
        raise InputError(_("this is the edition installed with qingdan, which is never edited in place; "
                           "copy it first: qingdan new-edition {name} policies/{name}").format(name=path.name),
                         path=shown)


def resolve_edition(value: str | None, *, writes: bool = False, at: date | None = None) -> str:
    """The edition ``value`` names: itself if anything is there, else ./policies/NAME, else the shipped edition
    NAME (the library's one resolver, api.locate_edition: a dangling link or a file is never passed over); with
    ``at`` (and no ``value``), the edition in force on that date among ./policies's editions, else the shipped ones
    (``api.edition_in_force``: from document.signed until a revision is signed).

    Anything else is returned as given, for the command to report as it reports any missing path. A command that
    ``writes`` is refused the editions installed with the package (see installed_data).
    """
    if at is not None:
        root = EDITIONS_FOLDER if api.has_editions(EDITIONS_FOLDER) else api.shipped_editions()
        value = str(api.edition_in_force(root, at))
    assert value is not None, "an edition by name or path, or a date"
    found = api.locate_edition(value)
    if found is None:
        return value
    resolved = value if found == Path(value) else str(found)
    if writes:
        _refuse_installed(Path(resolved), value)
    return resolved


def default_edition(*, writes: bool = False, quiet: bool = False) -> Path:
    """The edition a command means when it is given none (``api.default_edition``: the newest under ./policies),
    with one note on stderr saying which when there was more than one to choose from."""
    chosen = api.default_edition(writes=writes)
    if chosen.among > 1 and not quiet:
        click.echo("qingdan: " + _("no edition named: using {edition}, the newest of {count} editions").format(
            edition=chosen.path, count=chosen.among), err=True)
    return chosen.path


def refuse_installed(paths: Iterable[Path]) -> None:
    """For a command that decides late that it writes (fmt without --check)."""
    for path in paths:
        _refuse_installed(Path(path), str(path))


if TYPE_CHECKING:  # click's ParamType is generic in its stubs, and a plain class at run time before click 8.3
    _ParamType = click.ParamType[Any]
else:
    _ParamType = click.ParamType


class EditionType(_ParamType):
    """An edition by path or by name (see the module docstring); ``path=True`` gives a Path, else a str."""

    name = "edition"

    def __init__(self, *, writes: bool = False, path: bool = False) -> None:
        self.writes = writes
        self.path = path

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value is None:
            return None
        if self.path:
            api.local_path(str(value))  # REV:PATH where files are read in place: refused in one line
        resolved = resolve_edition(str(value), writes=self.writes)
        return Path(resolved) if self.path else resolved


def at_option(argument: str = "edition", *, pair: bool = False) -> Callable[[F], F]:
    """``--at DATE``: the edition in force on DATE (see resolve_edition) stands for the edition argument
    ``argument``, which must then be left out. With ``pair`` (diff, changelog), that edition's predecessor and the
    edition stand for OLD and NEW. Put it right above the command's function."""

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, at: datetime | None = None, **kwargs: Any) -> Any:
            if at is not None:
                ctx = click.get_current_context()
                if ctx.get_parameter_source(argument) is ParameterSource.COMMANDLINE:
                    raise click.UsageError(_("give an edition or --at DATE, not both"))
                resolved = resolve_edition(None, at=at.date())
                if pair:
                    previous = api.previous_edition(Path(resolved))
                    if previous is None:
                        raise click.UsageError(_("the edition in force on {date} ({edition}) is a first edition: "
                                                 "it revises none").format(date=at.date(), edition=resolved))
                    kwargs[argument] = (str(previous), resolved)
                else:
                    param = next(p for p in ctx.command.params if p.name == argument)
                    value = param.type.convert(resolved, param, ctx)
                    kwargs[argument] = (value,) if param.nargs == -1 else value
            return function(*args, **kwargs)

        option = click.option("--at", "at", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
                              help=_("The edition in force on DATE (YYYY-MM-DD): signed on or before it, and not yet "
                                     "revised by a later edition nor past its period (document.signed in "
                                     "edition.yaml)."))
        return option(wrapper)  # type: ignore[return-value]

    return decorate


def output_option(help: str | None = None, *, metavar: str = "FILE", default: str | None = None) -> Callable[[F], F]:
    """``-o/--output``: where the command writes; ``-`` is standard output."""
    return click.option("-o", "--output", "output", default=default, metavar=metavar,
                        help=help or _("Write to {metavar} (atomically) instead of standard output; "
                                       "'-' is standard output.").format(metavar=metavar))


def quiet_option(help: str | None = None) -> Callable[[F], F]:
    """``-q/--quiet``: errors only, no summary line, no progress and no warnings."""
    return click.option("-q", "--quiet", is_flag=True,
                        help=help or _("Print errors only: no summary line, no progress, no warnings."))


def say_unloaded(unloaded: Iterable[api.Result]) -> None:
    """What could not be loaded, one line each on stderr (``qingdan: FILE:LINE:COL: message``), as every command
    says it; the report in its format says it too."""
    for result in unloaded:
        where = f"{result.location}: " if result.location.path else ""
        click.echo(f"qingdan: {where}{result.text}", err=True)


def emit(text: str, output: str | None) -> None:
    """``text`` to standard output (``output`` None or ``-``) or atomically to the file ``output``."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    api.write_atomic(Path(output), text)


def epilog(examples: Iterable[str], exit_codes: str) -> str:
    """The Examples and Exit codes block every command's help ends with (texts already translated)."""
    lines = ["\b", _("Examples:"), *(f"  {example}" for example in examples), "", "\b", _("Exit codes:"),
             *(f"  {line}" for line in exit_codes.splitlines())]
    return "\n".join(lines)


def echo_completed(files: list[Path] | tuple[Path, ...], folder: Path) -> None:
    """Say (on stderr) that a write a killed run left half done was completed first, and how many files it took."""
    if files:
        click.echo(_("completed the write an interrupted run left in {folder} ({count} files)").format(
            folder=folder, count=len(files)), err=True)
