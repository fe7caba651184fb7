"""Parse the official document text (notice, task table, footer) into plain rows.

The text format (see docs/source-format.md): the notice in paragraphs; then the table, in which every cell is a
line that starts with a tab, a cell may continue on following lines that do not start with a tab, and rows are
separated by an empty line. Category rows (一、 … 八、) have one filled cell; item 52's two sub-rows have empty number
and name cells. The footer carries the copy-to list (抄送) and the printing date.

Text is kept exactly as published. The only normalisations are listed in ``NORMALISATIONS`` and every one applied is
reported in ``SourceDocument.normalisations`` with its line.
"""

from __future__ import annotations

import re
from collections.abc import MutableSequence, Sequence
from dataclasses import field
from typing import Any, overload

from ..core.errors import SourceFormatError
from ..core.i18n import _
from ..core.records import frozen
from ..core.vocabulary import TABLE_COLUMNS, TABLE_HEADER
from .loading import shared_text

UNIT_SEPARATOR = "、"
CATEGORY_RE = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
DOCUMENT_NUMBER_RE = re.compile(r"^\S+〔\d{4}〕\d+号$")
PARENT_RE = re.compile(r"《(?P<title>[^》]+)》（(?P<number>[^）]+〔\d{4}〕\d+号)）")
REQUIREMENT_RE = re.compile(r"^([一二三四五六七八九十]+)、([^。]+)。")
# A field of a notice not yet published, as render writes it for a revision (（文号待定）): read back as empty.
PLACEHOLDER_RE = re.compile(r"（[^（）]*待定）")


def _given(text: str) -> str | None:
    """``text``, or None where it is a placeholder for a field not yet published."""
    return None if PLACEHOLDER_RE.fullmatch(text) else text

NORMALISATIONS = {
    "continuation": "a cell continued on lines that do not start with a tab: the lines are joined with a line break",
    "empty-unit": "an empty unit name left by a trailing or doubled 、 in a unit cell is dropped",
    "cell-whitespace": "spaces and tabs at the end of a cell line are removed",
}


@frozen(slots=True)
class Normalisation:
    code: str
    line: int
    detail: str
    text: str = ""  # the line it was made on, as the text has it ("empty-unit": a finding's column is counted in it)

    def __str__(self) -> str:
        return f"line {self.line}: {self.code}: {self.detail}"


@frozen(slots=True)
class Cell:
    text: str
    line: int


@frozen(slots=True)
class TableRow:
    """A row of the task table as published: the seven cells, unit cells split on 、."""

    line: int
    number: str
    name: str
    target: str
    standard: str
    funding: str
    city_units: tuple[str, ...]
    district_units: tuple[str, ...]

    @property
    def is_part(self) -> bool:
        return not self.number and not self.name


@frozen(slots=True)
class CategoryRow:
    line: int
    numeral: str
    name: str


@frozen(slots=True)
class SourceDocument:
    """The parsed official text. A draft (the notice of a revision not yet published, as render writes it) has
    placeholders such as （文号待定） where fields are not known yet: they are None here."""

    document_number: str | None
    issuer: str | None
    title: str | None
    recipients: str | None
    preamble: str | None
    requirements: tuple[tuple[str, str], ...]
    signed: str | None
    table_title: str | None
    rows: tuple[CategoryRow | TableRow, ...]
    copy_to: tuple[str, ...]
    printer: str | None
    printed: str | None
    parent_number: str | None
    parent_title: str | None
    normalisations: tuple[Normalisation, ...] = field(default=())

    @property
    def services(self) -> tuple[TableRow, ...]:
        return tuple(r for r in self.rows if isinstance(r, TableRow) and not r.is_part)


def _iso(text: str, line: int) -> str:
    match = DATE_RE.search(text)
    if not match:
        raise SourceFormatError(_("expected a date such as 2018年1月31日, found {found}")
                                .format(found=repr(text.strip())), line=line)
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse(text: str, *, source: str = "<text>") -> SourceDocument:
    """Parse the whole official text. Raises SourceFormatError naming the line of the first malformed part."""
    try:
        return _Parser(_Lines(text.replace("\r\n", "\n"))).document()
    except SourceFormatError as error:
        error.path = error.path or source  # type: ignore[assignment]
        raise


def text_lines(text: str) -> Sequence[str]:
    """The lines of ``text`` as ``parse`` reads them (``lines[n - 1]`` is line n), cut from it when asked for."""
    return _Lines(text.replace("\r\n", "\n"))


class _Lines(Sequence[str]):
    """The lines of a text (``text.split("\n")``), each cut from the text when asked for.

    A list of 100,000 services has a text of 800,000 lines: held as a list of strings they would take twice the
    text's own memory, here the text and one offset a line.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # where each line starts, and where the text would start one line past its end
        # a large text's offsets as machine integers (8 bytes each instead of an int object and a pointer); the
        # shipped text (48 KB) needs no array module
        if len(text) > 1 << 16:
            from array import array

            self.starts: MutableSequence[int] = array("q", [0])
        else:
            self.starts = [0]
        self.starts.extend(match.end() for match in re.finditer("\n", text))
        self.starts.append(len(text) + 1)

    def __len__(self) -> int:
        return len(self.starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.text[self.starts[index]:self.starts[index + 1] - 1]


class _Parser:
    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.normalisations: list[Normalisation] = []

    def fail(self, message: str, index: int) -> SourceFormatError:
        return SourceFormatError(message, line=index + 1)

    def document(self) -> SourceDocument:
        lines = self.lines
        header_at = next((i for i, start in enumerate(lines.starts[:-1]) if lines.text.startswith("\t", start)), None)
        if header_at is None:
            raise SourceFormatError(_("no table found: no line starts with a tab"), line=1)
        notice = self.notice(lines[:header_at])
        rows, end = self.table(header_at)
        footer = self.footer(end)
        return SourceDocument(**notice, rows=tuple(rows), **footer, normalisations=tuple(self.normalisations))

    # -- the notice ---------------------------------------------------------------------------------------------
    def notice(self, head: list[str]) -> dict[str, Any]:
        paragraphs: list[tuple[int, str]] = [(i, line.strip()) for i, line in enumerate(head) if line.strip()]
        # a draft: the notice of a revision not yet published, its fields placeholders (see official_layout.render)
        draft = bool(paragraphs) and _given(paragraphs[0][1]) is None
        if len(paragraphs) < (8 if draft else 10):
            raise SourceFormatError(_("the notice before the table is incomplete"), line=len(head))
        (n0, number), (_n1, issuer), (_n2, title_rest), (n3, recipients), (n4, preamble) = paragraphs[:5]
        if not draft and not DOCUMENT_NUMBER_RE.match(number):
            raise self.fail(_("the first line should be the document number (文号), found {found}")
                            .format(found=repr(number)), n0)
        if not recipients.endswith("：") and _given(recipients) is not None:
            raise self.fail(_("expected the addressees (主送), a line ending with ："), n3)
        requirements: list[tuple[str, str]] = []
        index = 5
        while index < len(paragraphs) and REQUIREMENT_RE.match(paragraphs[index][1]):
            requirements.append((REQUIREMENT_RE.match(paragraphs[index][1]).group(2), paragraphs[index][1]))  # type: ignore[union-attr]
            index += 1
        if not requirements and not draft:
            raise self.fail(_("expected the work requirements (一、… 二、…) after the preamble"), n4 + 1)
        rest = paragraphs[index:]
        if len(rest) < (3 if draft else 4):
            raise self.fail(_("expected the signature, the date and the table title"), rest[0][0] if rest else n4)
        (s_line, signature), (d_line, signed) = rest[0], rest[1]
        if signature != issuer:
            raise self.fail(_("the signature {signature} does not match the issuer {issuer}")
                            .format(signature=repr(signature), issuer=repr(issuer)), s_line)
        parent = PARENT_RE.search(preamble)
        if not parent and _given(preamble) is not None:
            raise self.fail(_("the preamble names no parent policy 《…》（…号）"), n4)
        table_title = "".join(text for _, text in rest[2:])
        if len(rest) > 3:
            self.normalisations.append(Normalisation(
                "continuation", rest[3][0] + 1, _("the table title continues on the next line: joined")))
        given_issuer = _given(issuer)
        return {
            "document_number": _given(number),
            "issuer": given_issuer,
            "title": None if _given(title_rest) is None else (given_issuer or "") + title_rest,
            "recipients": _given(recipients),
            "preamble": _given(preamble),
            "requirements": tuple(requirements),
            "signed": None if _given(signed) is None else _iso(signed, d_line),
            "table_title": _given(table_title),
            "parent_number": parent.group("number") if parent else None,
            "parent_title": parent.group("title") if parent else None,
        }

    # -- the table ----------------------------------------------------------------------------------------------
    def blocks(self, start: int) -> tuple[list[tuple[int, int]], int]:
        """Find the rows of tab-led cells (each as the range of its lines), stopping at the first non-empty line that
        does not belong to a cell; ``cells`` then reads a row's cells. Only the ranges are held, not the cells."""
        blocks: list[tuple[int, int]] = []
        first: int | None = None  # the first line of the row being read
        last = 0  # the first line of its last cell
        index = start
        lines = self.lines
        # the lines cut from the text here, not through lines[index]: this loop meets every line of the table
        text, starts = lines.text, lines.starts
        count = len(lines)
        while index < count:
            line = text[starts[index]:starts[index + 1] - 1]
            if line.startswith("\t"):
                if first is None:
                    first = index
                last = index
            elif not line.strip():
                if first is not None:
                    blocks.append((first, index))
                    first = None
                elif blocks and index + 1 < count and not text.startswith("\t", starts[index + 1]):
                    break
            elif first is not None:  # a continuation line of the cell above
                self.normalisations.append(Normalisation(
                    "continuation", index + 1,
                    _("cell of line {line} continues here: joined with a line break").format(line=last + 1)))
            else:
                break
            index += 1
        if first is not None:
            blocks.append((first, index))
        # The table ends at the first line that belongs to no cell. A stray line inside it (a PDF page number such
        # as "— 5 —", or a row whose tabs were lost) would otherwise end the table early and an import would drop
        # every service after it: a tab-led line further down means the table did not really end here.
        later = next((i for i in range(index, count) if text.startswith("\t", starts[i])), None)
        if later is not None:
            raise self.fail(_("a line inside the table does not start with a tab (the table goes on at line "
                              "{later}): {found}").format(later=later + 1, found=repr(lines[index].strip()[:40])),
                            index)
        return blocks, index

    def cells(self, block: tuple[int, int]) -> list[Cell]:
        """The cells of the row whose lines are ``block``: a tab-led line starts a cell, the lines below it that are
        not tab-led continue it (joined with a line break); ``blocks`` has reported each continuation."""
        current: list[Cell] = []
        text, starts = self.lines.text, self.lines.starts
        for index in range(*block):
            line = text[starts[index]:starts[index + 1] - 1]
            if line.startswith("\t"):
                current.append(Cell(line[1:], index + 1))
            else:
                last = current[-1]
                current[-1] = Cell(last.text + "\n" + line, last.line)
        return current

    def table(self, header_at: int) -> tuple[list[CategoryRow | TableRow], int]:
        blocks, end = self.blocks(header_at)
        header = tuple(cell.text.strip() for cell in self.cells(blocks[0]))
        if header != TABLE_HEADER:
            raise self.fail(_("the table header should be {header}").format(header="/".join(TABLE_HEADER)), header_at)
        rows: list[CategoryRow | TableRow] = [self.row(self.cells(block)) for block in blocks[1:]]
        return rows, end

    def row(self, block: list[Cell]) -> CategoryRow | TableRow:
        line = block[0].line
        texts = []
        for cell in block:
            stripped = cell.text.rstrip(" \t")
            if stripped != cell.text:
                self.normalisations.append(Normalisation("cell-whitespace", cell.line, _("trailing spaces removed")))
            texts.append(stripped)
        filled = [t for t in texts if t]
        if len(block) <= 2 and len(filled) == 1:
            match = CATEGORY_RE.match(filled[0])
            if not match:
                raise self.fail(_("a one-cell row should be a category such as 一、基本公共教育, found {found}")
                                .format(found=repr(filled[0])), line - 1)
            return CategoryRow(line, match.group(1), match.group(2))
        if len(block) != len(TABLE_COLUMNS):
            raise self.fail(_("a table row has {expected} cells, this one has {found}")
                            .format(expected=len(TABLE_COLUMNS), found=len(block)), line - 1)
        for column in (0, 1, 5, 6):
            # Numbers, names and unit lists are one line each: a continuation there is a stray line (a page number
            # below the last cell of a row), and joining it would make it part of a unit's name.
            if "\n" in texts[column]:
                stray = block[column].line + texts[column].count("\n")
                raise self.fail(_("a line inside the table does not start with a tab: {found}")
                                .format(found=repr(texts[column].rsplit("\n", 1)[-1].strip()[:40])), stray - 1)
        number, name, target, standard, funding, city, district = texts
        if number and not number.isdigit():
            raise self.fail(_("the number cell (序号) should hold digits, found {found}").format(found=repr(number)),
                            line - 1)
        if bool(number) != bool(name):
            raise self.fail(_("a row has a number but no name, or a name but no number"), line - 1)
        # the texts the edition's files hold too: one copy of each (see loading.shared_text)
        number, name, target, standard, funding = (shared_text(text) for text in (number, name, target, standard,
                                                                                 funding))
        return TableRow(line, number, name, target, standard, funding,
                        self.units(city, block[5].line), self.units(district, block[6].line))

    def units(self, cell: str, line: int) -> tuple[str, ...]:
        names = cell.split(UNIT_SEPARATOR) if cell else []
        kept = tuple(shared_text(name) for name in names if name)
        if len(kept) != len(names):
            self.normalisations.append(Normalisation(
                "empty-unit", line, _("{cell}: an empty unit name after a stray 、 is dropped").format(cell=repr(cell)),
                self.lines[line - 1]))
        return kept

    # -- the footer ---------------------------------------------------------------------------------------------
    def footer(self, start: int) -> dict[str, Any]:
        tail = [(i, line.strip()) for i, line in enumerate(self.lines[start:], start) if line.strip()]
        copy = next(((i, t) for i, t in tail if t.startswith("抄送：")), None)
        if copy is None:
            raise self.fail(_("no copy-to line (抄送：…) after the table"), start)
        # Nothing stands between the table and the copy-to line. Rows whose cells lost their leading tab (replaced
        # by spaces, say) end the table early and land here: importing what came before would delete every service
        # after them.
        stray = next(((i, t) for i, t in tail if i < copy[0]), None)
        if stray is not None:
            raise self.fail(_("text between the end of the table (line {end}) and the copy-to line (抄送) belongs "
                              "to no table row (a row whose cells lost their leading tab?): {found}")
                            .format(end=start, found=repr(stray[1][:40])), stray[0])
        body = copy[1].removeprefix("抄送：").rstrip("。")
        printed = next(((i, t) for i, t in tail if t.endswith("印发")), None)
        if printed is None:
            raise self.fail(_("no printing line (…印发) after the table"), start)
        line = printed[1].removesuffix("印发")
        pending = line.split()
        if DATE_RE.search(line) is None and len(pending) == 2 and _given(pending[1]) is None:
            printer, day = _given(pending[0]), None  # a draft's printing line: （印发机关待定） （印发日期待定）印发
        else:
            printer, day = DATE_RE.split(printed[1])[0].strip(), _iso(printed[1], printed[0])
        return {
            "copy_to": () if _given(body) is None else tuple(body.split("，")),
            "printer": printer,
            "printed": day,
        }
