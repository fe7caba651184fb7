"""What an editor most likely did wrong where a file fails to load: the hint that replaces the parser's message.

The editors type Chinese with an input method that stays in full-width mode (``funding：``, ``name，``, an
ideographic space before a key), indent with the Tab key, and save from WPS or Notepad in the Windows code page
(GBK/GB18030, shown as "ANSI") or as "Unicode" (UTF-16). The YAML parser then reports the symptom, often on the
next line ("could not find expected ':'"); these functions look at the text around the parser's marks and name the
cause, at its own line and column. Each returns None where it recognises nothing, and the parser's words stand.
"""

from __future__ import annotations

import re

from ..core.i18n import N_, _, ngettext
from ..core.records import frozen

# An edition's keys are ASCII words (id, funding, city_units); a key line may sit in a sequence ("- name：…").
_KEY_THEN_FULL_WIDTH = re.compile(r"[ \t]*(?:-[ \t]+)*(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*(?P<mark>[：，])")
_FULL_WIDTH_SPACE_BEFORE_KEY = re.compile(r"(?P<lead>[ \t\u3000]*?)\u3000[ \t\u3000]*(?:-[ \t]+)*"
                                          r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*:")
_INDENT = re.compile(r"[ \t\u3000]*")
_NO_SPACE_AFTER_COLON = re.compile(r"[ ]*(?:-[ ]+)*(?P<key>[A-Za-z_][A-Za-z0-9_-]*):[^\s:/]")
_NO_SPACE_AFTER_DASH = re.compile(r"(?P<indent>[ ]*)-[^\s\-.0-9]")
_QUOTED_VALUE = re.compile(r"[ ]*(?:-[ ]+)*(?:[A-Za-z_][A-Za-z0-9_-]*:[ ]+)?(?P<quote>['\"])")
_CONTENT = re.compile(r"[ ]*(?:-[ ]+)*")
_KEY_COLON = re.compile(r"[ ]*(?:-[ ]+)*(?P<key>[A-Za-z_][A-Za-z0-9_-]*):")
_CJK = re.compile("[\u3400-\u9fff]")


@frozen
class Hint:
    """The cause of a load failure, in words for the editor, and where it is (1-based line and column)."""

    message: str
    line: int
    column: int | None = None


def syntax_hint(text: str, problem_line: int, context_line: int | None = None, *, problem: str = "",
                context: str = "", problem_column: int | None = None,
                context_column: int | None = None) -> Hint | None:
    """The likely cause of a YAML syntax error the parser reports as ``problem`` at ``problem_line`` (while
    ``context``, from ``context_line``): at the line and column where the editor made the mistake.

    The parser names the symptom, often lines later: a key line with a full-width colon, or with no space after its
    colon, reads as text that runs on until the parser meets the next key; an unclosed quote runs to the next quote
    or the end of the file. The cause is looked for where the parser's context says it is (a quote or a bracket it
    was scanning), then on the lines from the context mark (or the line before the problem) to the problem's line,
    then at the problem itself (a second colon in a value, a key out of line with the one above it).
    """
    lines = text.splitlines()
    if context_line is not None and context_column is not None and context_line <= len(lines):
        hint = _opened_hint(lines[context_line - 1], context, context_line, context_column)
        if hint is not None:
            return hint
    first = max(1, min(context_line or problem_line, problem_line - 1))
    for number in range(first, min(problem_line, len(lines)) + 1):
        hint = _line_hint(lines[number - 1], number, lines)
        if hint is not None:
            return hint
    hint = _unclosed_quote(lines[:problem_line])
    if hint is not None:
        return hint
    if problem_column is not None and 0 < problem_line <= len(lines):
        return _problem_hint(lines, problem_line, problem_column, problem)
    return None


def key_hint(key: str, line: int, column: int) -> Hint | None:
    """The cause of a key the loader refuses: a full-width space (U+3000) typed before or after it."""
    stripped = key.strip("\u3000")
    if stripped == key or not stripped or not stripped.isascii():
        return None
    if key.startswith("\u3000"):
        return Hint(_("full-width space before key '{key}': indent with ASCII spaces").format(key=stripped),
                    line, column)
    return Hint(_("full-width space after key '{key}': delete it").format(key=stripped),
                line, column + len(key.rstrip("\u3000")))


def _line_hint(line: str, number: int, lines: list[str]) -> Hint | None:
    match = _KEY_THEN_FULL_WIDTH.match(line)
    if match is not None:
        key = match.group("key")
        column = match.start("mark") + 1
        if match.group("mark") == "：":
            message = _("full-width colon ： after key '{key}': write an ASCII colon and a space, '{key}: '")
        else:
            message = _("full-width comma ， after key '{key}': write an ASCII colon and a space, '{key}: '")
        return Hint(message.format(key=key), number, column)
    match = _FULL_WIDTH_SPACE_BEFORE_KEY.match(line)
    if match is not None:
        return Hint(_("full-width space before key '{key}': indent with ASCII spaces").format(key=match.group("key")),
                    number, len(match.group("lead")) + 1)
    indent = _INDENT.match(line)
    tab = line.find("\t", 0, indent.end() if indent else 0)
    if tab >= 0:
        return Hint(_("a tab indents this line, and YAML indents with spaces only: qingdan fmt cannot repair it, "
                      "but your editor's \"convert tabs to spaces\" can"), number, tab + 1)
    wide = line.find("\u3000", 0, indent.end() if indent else 0)
    if wide >= 0 and line[indent.end() if indent else 0:].strip():
        return Hint(_("a full-width space (the input method's wide space) indents this line: indent with ASCII "
                      "spaces"), number, wide + 1)
    match = _NO_SPACE_AFTER_COLON.match(line)
    if match is not None:
        key = match.group("key")
        return Hint(_("no space after the colon of '{key}': write '{key}: ' (a colon, then a space) before the "
                      "value").format(key=key), number, match.end("key") + 1)
    match = _NO_SPACE_AFTER_DASH.match(line)
    if match is not None and any(other.startswith(match.group("indent") + "- ") for other in lines):
        return Hint(_("no space after the dash: write '- ' (a dash, then a space) before each entry of a list"),
                    number, match.end("indent") + 1)
    return None


def _opened_hint(line: str, context: str, number: int, column: int) -> Hint | None:
    """A quote or bracket the parser was inside when the file ended or the next line began."""
    opened = line[column - 1:column]
    if context == "while scanning a quoted scalar" and opened in ("'", '"'):
        return _quote_hint(opened, number, column)
    if context in ("while parsing a flow sequence", "while parsing a flow mapping") and opened in ("[", "{"):
        closing = "]" if opened == "[" else "}"
        return Hint(_("the {opening} opened here is not closed on its line: close it with {closing} on the same "
                      "line").format(opening=opened, closing=closing),
                    number, column)
    return None


def _quote_hint(quote: str, number: int, column: int) -> Hint:
    return Hint(_("the quote {quote} opened here is not closed: end the value with {quote} on the same line, or "
                  "remove the quote").format(quote=quote), number, column)


def _unclosed_quote(lines: list[str]) -> Hint | None:
    """The first value that opens a quote it does not close on its line (edition YAML has one line per value)."""
    for number, line in enumerate(lines, start=1):
        match = _QUOTED_VALUE.match(line)
        if match is None:
            continue
        quote, rest = match.group("quote"), line[match.end():]
        closed = rest.replace("''", "") if quote == "'" else re.sub(r"\\.", "", rest)
        if quote not in closed:
            return _quote_hint(quote, number, match.start("quote") + 1)
    return None


def _indentation(line: str, above: str) -> tuple[int, int]:
    """How far ``line`` and the line ``above`` it are indented: the dashes of two list entries, else where their
    content starts (a key after '- ' lines up with the key of the entry's next line)."""
    if line.lstrip(" ").startswith("- ") and above.lstrip(" ").startswith("- "):
        return len(line) - len(line.lstrip(" ")), len(above) - len(above.lstrip(" "))
    here, there = _CONTENT.match(line), _CONTENT.match(above)
    return (here.end() if here else 0), (there.end() if there else 0)


def _problem_hint(lines: list[str], number: int, column: int, problem: str) -> Hint | None:
    """A mistake at the parser's problem mark: a second colon in a value, text after a closing quote, or a line
    out of line with the one above it."""
    line = lines[number - 1]
    key = _KEY_COLON.match(line)
    if problem == "mapping values are not allowed here" and key is not None and key.end() < column - 1:
        return Hint(_("a colon and a space inside the value of '{key}' start a new key: write the colon full-width "
                      "(：) or put the whole value in quotes").format(key=key.group("key")), number, column)
    if problem.startswith("expected <block end>") and key is not None and column - 2 >= 0 \
            and line[column - 2] in ("'", '"') and column - 1 > key.end():
        return Hint(_("text after the closing quote of '{key}': put the whole value inside the quotes, or remove "
                      "them").format(key=key.group("key")), number, column)
    if problem == "mapping values are not allowed here" or problem.startswith("expected <block end>"):
        above = next((other for other in reversed(lines[:number - 1]) if other.strip()
                      and not other.lstrip().startswith("#")), None)
        found, expected = _indentation(line, above) if above is not None else (0, 0)
        if found != expected:
            return Hint(ngettext("this line is indented {found} space and the line above {expected}: entries of one "
                                 "mapping or list line up, so indent it as the line above (or as the key it "
                                 "belongs to)",
                                 "this line is indented {found} spaces and the line above {expected}: entries of one "
                                 "mapping or list line up, so indent it as the line above (or as the key it "
                                 "belongs to)", found).format(found=found, expected=expected),
                        number, len(line) - len(line.lstrip(" ")) + 1)
    return None


# The parser's own words for the problems it reports most, shown (translated) where no hint names the cause.
_PARSER_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"could not find expected ':'$"), N_("a key without its colon (expected ':')")),
    (re.compile(r"mapping values are not allowed here$"), N_("a colon where no key can start")),
    (re.compile(r"found unexpected end of stream$"), N_("the file ends inside a value")),
    (re.compile(r"expected <block end>, but found .*$"), N_("a line out of line with the indentation above it")),
    (re.compile(r"expected ',' or '(?P<closing>[\]}])', but got .*$"), N_("a list or mapping in brackets is not "
                                                                       "closed with {closing}")),
    (re.compile(r"found character (?P<character>'.+') that cannot start any token$"),
     N_("the character {character} cannot start a value: put the value in quotes")),
    (re.compile(r"found undefined alias '?(?P<alias>[^']+)'?$"), N_("an alias (*{alias}) that no anchor (&) defines")),
)


def parser_problem(problem: str) -> str:
    """The parser's description of a syntax error, in the language of the run where it is a common one."""
    for pattern, message in _PARSER_PROBLEMS:
        match = pattern.match(problem)
        if match is not None:
            return _(message).format(**match.groupdict())
    return problem


def encoding_hint(raw: bytes, error_start: int) -> str | None:
    """What a file that is not UTF-8 was saved as, with how to save it as UTF-8; None where it is not clear.

    UTF-16 starts with its byte-order mark (Notepad's "Unicode"). A GBK/GB18030 file (WPS's and Notepad's "ANSI"
    on a Chinese Windows) fails as UTF-8 at or near its first Chinese character and reads as Chinese text in
    GB18030; a UTF-8 file with one bad passage pasted in gets no hint, since saving it again would not mend it.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _("saved as UTF-16 (\"Unicode\"), not UTF-8: save it as UTF-8 "
                 "(WPS Writer or Notepad: File → Save As → Encoding: UTF-8)")
    # GBK's first bytes may pass as UTF-8 by chance, but never as Chinese: UTF-8 Chinese before the failure means a
    # UTF-8 file with a bad passage
    if _CJK.search(raw[:error_start].decode("utf-8", "replace")):
        return None
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if not _CJK.search(text):
        return None
    return _("saved as GBK/GB18030 (\"ANSI\"), not UTF-8: save it as UTF-8 "
             "(WPS Writer or Notepad: File → Save As → Encoding: UTF-8)")
