"""Maintain qingdan's message catalogs with Babel: extract the English messages, update the translations, compile.

    python scripts/catalogs.py extract   # tools/qingdan/locale/qingdan.pot from the code and the code declarations
    python scripts/catalogs.py update    # merge the template into every <lang>/LC_MESSAGES/qingdan.po
    python scripts/catalogs.py compile   # write the .mo files beside the .po files
    python scripts/catalogs.py check     # exit 1 if a message is untranslated, a placeholder differs, or a .mo is stale
    python scripts/catalogs.py merge zh FILE.po ...   # take a translator's copy back, entry by entry

Messages come from three places:
- calls of ``_``, ``N_`` and ``ngettext`` in tools/qingdan (Babel's Python extractor);
- the declarations of finding codes and change kinds: titles, descriptions and message templates live in data
  (findings.Code, diff.model.Kind), not in calls, so they are read from the registries themselves;
- click's own texts (Usage:, Options:, usage errors), which cli/main.py has click look up in this catalog.

Translators edit the .po file (any PO editor, or a text editor); ``update`` keeps their work and marks changed
English as fuzzy; ``check`` is what the tests run, so a message without its Chinese fails the suite.
"""

from __future__ import annotations

import io
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "tools" / "qingdan"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "qingdan.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}

sys.path.insert(0, str(REPO / "tools"))


def declared() -> Iterator[tuple[str, str]]:
    """(message, where) for every title, description and template of a finding code or change kind."""
    from qingdan.check.rules import all_codes
    from qingdan.diff.codes import KINDS

    for code in all_codes():
        yield code.title, f"finding {code.code} title"
        yield code.description, f"finding {code.code} description"
        for key, template in code.messages.items():
            yield template, f"finding {code.code} message {key or '-'}"
    for kind in KINDS.values():
        yield kind.description, f"change {kind.code} description"
        for key, template in getattr(kind, "messages", {}).items():
            yield template, f"change {kind.code} message {key or '-'}"


def extract() -> Catalog:
    from qingdan import __version__

    catalog = Catalog(project="qingdan", version=__version__, domain="qingdan", charset="utf-8",
                      copyright_holder="the qingdan authors", msgid_bugs_address="")
    for filename, lineno, message, _comments, _context in extract_from_dir(
            PACKAGE, keywords=KEYWORDS, directory_filter=lambda d: "__pycache__" not in d):
        catalog.add(message, locations=[(f"tools/qingdan/{filename}", lineno)])
    import click

    # click's own texts (Usage:, Options:, usage errors): cli/main.py has click look them up in this catalog
    for filename, lineno, message, _comments, _context in extract_from_dir(
            Path(click.__file__).parent, keywords=KEYWORDS, directory_filter=lambda d: "__pycache__" not in d):
        if catalog.get(message) is None:
            catalog.add(message, locations=[(f"click/{filename}", lineno)])
    for message, where in declared():
        existing = catalog.get(message)
        if existing is not None:
            existing.auto_comments.append(where)
        else:
            catalog.add(message, auto_comments=[where])
    return catalog


def _write_po(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=120, sort_output=False, omit_header=False, include_previous=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


TRANSLATED = ("zh",)  # the languages with a catalog; English is the source


def translations() -> list[Path]:
    return [LOCALE / language / "LC_MESSAGES" / "qingdan.po" for language in TRANSLATED]


def update(template: Catalog) -> None:
    for path in translations():
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=path.parent.parent.name)
        else:
            catalog = Catalog(locale=path.parent.parent.name, project="qingdan", domain="qingdan", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=False)
        catalog.obsolete.clear()
        _write_po(catalog, path)


def compiled(path: Path) -> bytes:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.parent.parent.name)
    for message in list(catalog):
        # Babel writes a plural entry with empty forms as if translated; leave it out, so English shows instead
        if message.id and isinstance(message.string, (tuple, list)) and not all(message.string):
            catalog.delete(message.id)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for path in translations():
        path.with_suffix(".mo").write_bytes(compiled(path))


def placeholders(template: str) -> frozenset[tuple[str, str]]:
    """The parameters of a brace template with their format specs, as msgfmt compares them: ``{old:bare}`` ->
    ("old", "bare"); a conversion (``!r``) is not compared. A template that is no valid format string has none."""
    try:
        return frozenset((name, spec or "") for _text, name, spec, _conversion in string.Formatter().parse(template)
                         if name is not None)
    except ValueError:
        return frozenset()


def problems() -> list[str]:
    """What is wrong with the catalogs: missing or fuzzy translations, placeholders that differ, stale .mo files."""
    sys.path.insert(0, str(PACKAGE.parent))
    from qingdan.core.i18n import fields

    found: list[str] = []
    wanted = [m.id for m in extract() if m.id]
    for path in translations():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.parent.parent.name)
        for msgid in wanted:
            entry: Message | None = catalog.get(msgid)
            label = f"{path.relative_to(REPO)}: {str(msgid)[:60]!r}"
            if entry is None or not entry.string:
                found.append(f"{label}: not translated")
            elif entry.fuzzy:
                found.append(f"{label}: fuzzy (the English changed): review it")
            elif isinstance(msgid, str) and isinstance(entry.string, str) and placeholders(entry.string) != (
                    wanted_here := placeholders(msgid)):
                # as msgfmt -c checks a python-brace-format entry: the translation takes every parameter with the
                # same format spec ({title:.0} and {title} differ), no more and no fewer; where a language cannot
                # say one, the English is worded so that neither needs it
                found.append(f"{label}: placeholders {sorted(placeholders(entry.string))} != {sorted(wanted_here)}")
            elif isinstance(entry.id, (tuple, list)):
                # a plural: Chinese has one form, which may use the placeholders of either English form (the
                # callers pass both), and nothing else
                allowed = frozenset().union(*(fields(form) for form in entry.id))
                for form in entry.string:
                    if not fields(form) <= allowed:
                        found.append(f"{label}: placeholders {sorted(fields(form))} not among {sorted(allowed)}")
        mo = path.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compiled(path):
            found.append(f"{mo.relative_to(REPO)}: stale: run python scripts/catalogs.py compile")
    return found


def merge(language: str, sources: list[Path]) -> None:
    """Copy the translations of ``sources`` (.po files, such as a translator's copy) into the catalog of
    ``language`` wherever the English is the same; the catalog's own entries are kept where a source has none."""
    path = LOCALE / language / "LC_MESSAGES" / "qingdan.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    for source in sources:
        with source.open("rb") as handle:
            for entry in read_po(handle, locale=language):
                if entry.id and entry.string and not entry.fuzzy and (target := catalog.get(entry.id)) is not None:
                    target.string = entry.string
                    target.flags.discard("fuzzy")
    _write_po(catalog, path)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        _write_po(extract(), TEMPLATE)
    elif command == "update":
        template = extract()
        _write_po(template, TEMPLATE)
        update(template)
    elif command == "merge":  # copy translations from other .po files, by msgid: merge zh FILE...
        merge(argv[1], [Path(name) for name in argv[2:]])
    elif command == "compile":
        compile_all()
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        print(f"{len(found)} problems" if found else "catalogs complete")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
