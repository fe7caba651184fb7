"""The ``qingdan`` command group: finds its commands, loads each only when it runs, turns errors into exit codes.

A command lives in a module ``qingdan/cli/cmd_<name>.py`` (``new_edition`` becomes ``new-edition``) that defines
``command``; adding a command is adding such a module. Loading lazily keeps ``qingdan validate`` from importing
the diff or export machinery.

Exit codes: 0 success; 1 the data has errors (or what --fail-on / --strict asks to fail on); 2 bad usage, or input
that cannot be read or parsed, reported as one line on stderr; 3 an internal error (a bug), also one line unless
QINGDAN_DEBUG is set; 130 interrupted by Ctrl-C (cli/interrupt.py), one line too.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import importlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..api import EXIT_INTERNAL, QingdanError
from ..core import i18n
from ..core.i18n import N_, _
from . import console
from .interrupt import EXIT_INTERRUPTED, say_interrupted

_HERE = Path(__file__).resolve().parent


def _click_speaks(language: str) -> None:
    """Have click word its own texts (its usage errors, [required], [default: ...]) in ``language``.

    click looks its texts up with the standard library's global gettext, at the moment it words them: its way to
    be translated. The program (never the library) makes qingdan's catalog, which carries click's messages too
    (scripts/catalogs.py extracts them), the global text domain, and names the language in LANGUAGE, where global
    gettext reads it."""
    gettext.bindtextdomain(i18n.DOMAIN, str(i18n.LOCALE_DIR))
    gettext.textdomain(i18n.DOMAIN)
    os.environ["LANGUAGE"] = language
    N_("required")  # click looks "[required]"'s word up from a variable, which the extractor does not see


class Context(click.Context):
    """The context of qingdan's group and commands: its help formatter (click's own extension point) is made when
    help is shown, and only then is the wrapping machinery of wide_text imported."""

    def make_formatter(self) -> click.HelpFormatter:
        return _formatter_class()(width=self.terminal_width, max_width=self.max_content_width)


@functools.cache
def _formatter_class() -> type[click.HelpFormatter]:
    from .wide_text import WideHelpFormatter

    class Formatter(WideHelpFormatter):
        """The help layout: wrapped by terminal columns (wide_text), with the words click builds itself from
        pieces (the heading colon, "Usage:") in whole translatable texts."""

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}" + _("{heading}:").format(heading=heading) + "\n")

        def usage_prefix(self) -> str:
            return "{usage} ".format(usage=_("Usage:"))

    return Formatter


def _missing_message(error: click.exceptions.MissingParameter) -> str:
    """click's MissingParameter.format_message, in whole translatable sentences."""
    param = error.param
    hint = error.param_hint or ([] if param is None else [param.human_readable_name]
                                if isinstance(param, click.Argument) else param.opts)
    name = hint if isinstance(hint, str) else " / ".join(hint)
    kind = error.param_type or (param.param_type_name if param is not None else "parameter")
    said = (_("Missing option '{name}'.") if kind == "option" else _("Missing argument '{name}'.") if kind == "argument"
            else _("Missing parameter '{name}'.")).format(name=name)
    if param is not None and isinstance(param.type, click.Choice):
        choices = i18n.listing(str(choice) for choice in param.type.choices)
        said += _(" Choose from: {choices}.").format(choices=choices)
    return said


def _error_hint(param: click.Parameter) -> str:
    """An option's names quoted as the language quotes them (“--format”), where click quotes them in ASCII."""
    return " / ".join(_("'{key}'").format(key=name) for name in param.opts or [param.human_readable_name])


def _worded(error: click.BadParameter) -> click.UsageError:
    """A usage error about a parameter in whole translatable sentences: click builds the sentence of a missing
    parameter from pieces, and quotes an option's names in ASCII quotes (it shows the error as it shows any)."""
    if isinstance(error, click.MissingParameter):
        return click.UsageError(_missing_message(error), ctx=error.ctx)
    if error.param_hint is None and error.param is not None:
        error.param_hint = _error_hint(error.param)
    return error


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    # click's version_option words its line when the decorator runs, before the language of the run is chosen
    if value and not ctx.resilient_parsing:
        click.echo(_("%(prog)s, version %(version)s") % {"prog": "qingdan", "version": __version__})
        ctx.exit()



def command_modules() -> dict[str, str]:
    """Command name -> module name, for every cmd_*.py beside this file."""
    return {path.stem[4:].replace("_", "-"): f"qingdan.cli.{path.stem}" for path in sorted(_HERE.glob("cmd_*.py"))}


class Interrupted(click.ClickException):
    """Ctrl-C while the command line is read or the command runs: click shows it (one line) and exits 130."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self) -> None:
        super().__init__("interrupted")

    def show(self, file: Any = None) -> None:
        say_interrupted()


class LazyGroup(click.Group):
    context_class = Context

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(command_modules())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = command_modules().get(cmd_name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(module).command
        command.context_class = Context
        if not any(param.name == "lang" for param in command.params):
            # --lang after the command name works too (qingdan validate --lang zh); it is documented on qingdan --help
            command.params.append(click.Option(["--lang"], callback=_choose_language, is_eager=True,
                                               expose_value=False, hidden=True))
        return command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # before anything is printed: a console or pipe in GBK gets readable replacements, never a crash
        console.prepare_streams()
        return super().main(*args, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            raise Interrupted() from None
        except click.BadParameter as error:
            raise _worded(error) from None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # the language of the run, from --lang wherever it stands, QINGDAN_LANG or the locale: chosen before any
        # command module is imported, since help texts are translated when their module loads
        with contextlib.suppress(i18n.UnknownLanguageError):  # the --lang option reports it
            i18n.use(i18n.choose(language_from_argv(args)))
        _click_speaks(i18n.language() or "en")
        return super().parse_args(ctx, args)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # this module loads before the language is chosen, so its own texts are translated when shown
        if self.help:
            self.help = _(self.help)
        super().format_help_text(ctx, formatter)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # made when shown, like the help above: this module loads before the language is chosen
        from .options import epilog

        self.epilog = epilog(
            ["qingdan validate", "qingdan diff --base main", "qingdan --lang zh validate 2017",
             "qingdan export 2017 --format xlsx -o 清单.xlsx"],
            _("0  success\n"
              "1  the data has errors (or what --strict or --fail-on asks to fail on)\n"
              "2  bad usage, or input that cannot be read or parsed (one line on stderr)\n"
              "3  a bug in qingdan (one line; QINGDAN_DEBUG=1 shows the traceback)\n"
              "130  interrupted (Ctrl-C): one line, no file half-written"))
        super().format_epilog(ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted() from None
        except click.BadParameter as error:  # a command's parameter, read when the command is invoked
            raise _worded(error) from None
        except QingdanError as error:
            click.echo(f"qingdan: {error}", err=True)
            ctx.exit(error.exit_code)
        except BrokenPipeError:  # output piped into head and the like
            sys.stderr.close()
            ctx.exit(1)
        except OSError as error:  # a file system error the library did not name itself
            where = f"{error.filename}: " if error.filename else ""
            click.echo(f"qingdan: {where}{i18n.os_error(error)}", err=True)
            ctx.exit(2)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors and exits are click's to report
        except Exception as error:
            # A bug, not bad input: one line and exit 3 for users; QINGDAN_DEBUG=1 shows the traceback.
            if os.environ.get("QINGDAN_DEBUG"):
                raise
            click.echo("qingdan: " + _("internal error ({error}); please report it, with QINGDAN_DEBUG=1 for the "
                                       "traceback").format(error=f"{type(error).__name__}: {error}"), err=True)
            ctx.exit(EXIT_INTERNAL)


class TranslatedOption(click.Option):
    """An option of this module, whose help is translated when shown (the module loads before the language)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        if self.help:
            self.help = _(self.help)
        return super().get_help_record(ctx)


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Check --lang (the language was set from the whole command line before parsing, see LazyGroup.parse_args)
    and QINGDAN_LANG, so that a bad value is a usage error naming the option."""
    try:
        i18n.choose(value)
    except i18n.UnknownLanguageError as error:
        raise click.BadParameter(_("{value}: choose zh or en (QINGDAN_LANG, --lang)").format(value=error)) from None


def language_from_argv(argv: list[str]) -> str | None:
    """The --lang of the command line, before or after the command name, read ahead of click so that help texts
    load in that language (click reads it again and reports a bad value)."""
    for index, word in enumerate(argv):
        if word == "--":
            return None  # what follows is arguments, not options
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, cls=TranslatedOption, callback=_show_version, is_eager=True,
              expose_value=False, help=N_("Show the version and exit."))
@click.option("--lang", metavar="zh|en", cls=TranslatedOption, callback=_choose_language, is_eager=True,
              expose_value=False,
              help=N_("Language of messages and help: zh or en (default: QINGDAN_LANG, then the locale)."))
def cli() -> None:
    pass


cli.help = N_("Keep a government policy list (清单) as versioned YAML: import, validate, diff, format and export it.")

