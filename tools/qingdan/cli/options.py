"""What every command shares: how an edition is named, ``-o/--output``, ``-q/--quiet``, and the order of formats.

An edition argument is a path (a folder, or for validate and fmt a file in one) or a bare name such as ``2017``:
the folder of that name under ./policies when there is one (the repository being worked in), else the edition
shipped with qingdan. A command given no edition means the newest (``default_edition``). Commands that write never
write into the editions installed with the package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .. import api
from ..api import EDITIONS_FOLDER, InputError
from ..i18n import _

F = TypeVar("F", bound=Callable[..., Any])

# The one order of --format choices in every command: people's formats first, then programs', then files.
FORMAT_ORDER = ("text", "json", "markdown", "github", "sarif", "csv", "sqlite", "datapackage", "xlsx", "docx")


def ordered(formats: Iterable[str]) -> list[str]:
    """``formats`` in FORMAT_ORDER (any format not listed there last, alphabetically)."""
    names = list(formats)
    return sorted(names, key=lambda name: (FORMAT_ORDER.index(name) if name in FORMAT_ORDER else len(FORMAT_ORDER),
                                           name))


def format_choice(formats: Iterable[str]) -> click.Choice[str]:
    return click.Choice(ordered(formats))


def _is_name(value: str) -> bool:
    return bool(value) and "/" not in value and "\\" not in value and ":" not in value and value not in (".", "..")


def _shipped(name: str) -> Path:
    return api.shipped_editions() / name


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


def resolve_edition(value: str, *, writes: bool = False) -> str:
    """The edition ``value`` names: itself if it exists, else ./policies/NAME, else the shipped edition NAME.

    Anything else is returned as given, for the command to report as it reports any missing path. A command that
    ``writes`` is refused the editions installed with the package (see installed_data).
    """
    if Path(value).exists() or not _is_name(value):
        resolved = value
    elif (EDITIONS_FOLDER / value).is_dir():
        resolved = str(EDITIONS_FOLDER / value)
    elif _shipped(value).is_dir():
        resolved = str(_shipped(value))
    else:
        return value
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
        resolved = resolve_edition(str(value), writes=self.writes)
        return Path(resolved) if self.path else resolved


def output_option(help: str | None = None, *, metavar: str = "FILE", default: str | None = None) -> Callable[[F], F]:
    """``-o/--output``: where the command writes; ``-`` is standard output."""
    return click.option("-o", "--output", "output", default=default, metavar=metavar,
                        help=help or _("Write to {metavar} (atomically) instead of standard output; "
                                       "'-' is standard output.").format(metavar=metavar))


def quiet_option(help: str | None = None) -> Callable[[F], F]:
    """``-q/--quiet``: errors only, no summary line, no progress and no warnings."""
    return click.option("-q", "--quiet", is_flag=True,
                        help=help or _("Print errors only: no summary line, no progress, no warnings."))


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
