"""The language qingdan speaks: English or Chinese, from gettext catalogs maintained with Babel.

The catalogs live in ``qingdan/locale/<lang>/LC_MESSAGES/qingdan.po`` (the source, edited by translators) and
``.mo`` beside it (compiled by ``scripts/catalogs.py compile`` and shipped in the wheel; the suite fails when it is
stale). English is the source language: a message is written in English in the code and looked up in the catalog
of the chosen language, so a message missing from a catalog shows in English rather than not at all.

The language is chosen once per run, before any command module is imported (help texts are translated when their
module loads): ``--lang``, else ``QINGDAN_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``zh*``
is Chinese), else English.

Translatable text is marked in three ways, all found by ``python scripts/catalogs.py extract``:
- ``_("...")`` translates now: errors, help texts, headings;
- ``N_("...")`` only marks a string that is translated where it is shown (declarations made at import time);
- finding and change templates are declared with their codes (findings.Code, diff.model.Kind, see
  declarations.py) and kept as a :class:`Message`, so a template and its parameters stay apart until a renderer
  asks for the text.
"""

from __future__ import annotations

import errno
import functools
import gettext
import os
import string
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .records import frozen

LANGUAGES = ("zh", "en")
DOMAIN = "qingdan"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_active: gettext.NullTranslations = gettext.NullTranslations()
_language: str | None = None  # chosen by use(); None until then


class UnknownLanguageError(ValueError):
    pass


def normalise(value: str) -> str:
    """``zh``, ``zh_CN.UTF-8``, ``zh-Hans`` -> ``zh``; ``en``, ``en_US``, ``C``, ``POSIX`` -> ``en``."""
    head = value.strip().replace("-", "_").split(".")[0].split("_")[0].lower()
    if head == "zh":
        return "zh"
    if head in ("en", "c", "posix", ""):
        return "en"
    raise UnknownLanguageError(value)


def choose(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of this run: ``option`` (--lang), QINGDAN_LANG, then the locale; English by default.

    An unknown --lang or QINGDAN_LANG is an error (UnknownLanguageError); a locale that is neither Chinese nor
    English means English, as gettext programs do.
    """
    environ = os.environ if environ is None else environ
    if option:
        return normalise(option)
    chosen = environ.get("QINGDAN_LANG", "")
    if chosen:
        return normalise(chosen)
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def use(language: str) -> None:
    """Speak ``language`` from now on in this process."""
    global _active, _language
    if language not in LANGUAGES:
        raise UnknownLanguageError(language)
    _language = language
    _active = (gettext.NullTranslations() if language == "en"
               else gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True))


def language() -> str | None:
    """The language this process speaks, once ``use`` has chosen one; None before."""
    return _language


def _(message: str) -> str:
    """``message`` in the language of this run."""
    return _active.gettext(message) if message else message  # gettext("") is the catalog header


def ngettext(singular: str, plural: str, count: int) -> str:
    return _active.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks ``message`` for the catalog; it is translated where it is shown."""
    return message


def listing(items: Iterable[str]) -> str:
    """Items of an enumeration joined as the language joins them: ``a, b, c``; in Chinese ``a、b、c``."""
    words = list(items)
    if not words:
        return ""
    return functools.reduce(lambda before, after: _("{before}, {after}").format(before=before, after=after), words)


class Keyword(str):
    """A key of the data (``target``) that a message shows with its column title: ``服务对象（target）``; JSON
    consumers get the key itself.

    The column titles are the table's Chinese words, which an English message shows too (``target (服务对象)``),
    so that a reader finds the column in the published table."""

    heading: str | None  # the column title (``title`` is str's own method)

    def __new__(cls, key: str, heading: str | None) -> Keyword:
        word = super().__new__(cls, key)
        word.heading = heading
        return word

    def __format__(self, spec: str) -> str:
        return _("{key} ({title})").format(key=str(self), title=self.heading) if self.heading else str(self)


LEVEL_WORDS = {"city": N_("city"), "district": N_("district"), "other": N_("other")}  # a unit's level, as shown


def level_word(level: str) -> str:
    """A unit's level code as a word of the run's language (市级); an unknown code as it is."""
    return _(LEVEL_WORDS[level]) if level in LEVEL_WORDS else level


# The operating system's own words for a failed file operation are English (or the console's code page); the
# common ones are said in the catalog, the rare ones as the system says them.
OS_ERRORS = {
    errno.ENOENT: N_("no such file or folder"), errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"), errno.EISDIR: N_("is a folder, not a file"),
    errno.ENOTDIR: N_("not a folder"), errno.ENOSPC: N_("no space left on the disk"),
    errno.EEXIST: N_("already exists"), errno.EROFS: N_("the disk is read-only"),
    errno.ENOTEMPTY: N_("the folder is not empty"), errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EXDEV: N_("cannot move between disks"), errno.EBUSY: N_("in use by another program"),
    errno.EINVAL: N_("invalid argument"), errno.ELOOP: N_("too many levels of symbolic links"),
    errno.EMFILE: N_("too many open files"), errno.EIO: N_("input/output error"),
}


def os_error(error: OSError) -> str:
    """What went wrong in a file operation, in the language of the run: 没有该文件或文件夹."""
    if error.errno in OS_ERRORS:
        return _(OS_ERRORS[error.errno])
    return error.strerror or str(error)


def columns(text: str) -> int:
    """The columns a terminal gives ``text``: two for a wide character (Chinese), one for any other."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    """``text`` filled with spaces to ``width`` terminal columns, so that Chinese and English words line up."""
    return text + " " * max(0, width - columns(text))


def fields(template: str) -> frozenset[str]:
    """The parameters a template takes: ``"{name} has no {what}"`` -> {name, what}."""
    return frozenset(name for _text, name, _spec, _conv in string.Formatter().parse(template) if name)


@frozen
class Message:
    """A message kept as its English template and typed parameters; its text is built when it is shown.

    JSON consumers get ``params`` as values (numbers stay numbers); a renderer gets the text in the language of the
    run with ``str(message)``.
    """

    template: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, template: str, **params: Any) -> Message:
        return cls(template, tuple(params.items()))

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.params)

    def text(self) -> str:
        return _(self.template).format(**self.values)

    def __str__(self) -> str:
        return self.text()
