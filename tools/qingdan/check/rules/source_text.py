"""The official text an edition names must be there and parse (QD003): a finding, so validation goes on.

The loading stage (validation.py) reads and parses the text before the rules run; what stops it (a missing or
unreadable file, text that is not UTF-8, a table the parser does not recognise) is recorded on the Context, and this
rule reports it. The rules that read the text (QD501) are then skipped, as for an edition without one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.findings import Code
from ...core.results import Result
from .context import Context
from .registry import rule

SOURCE_UNREADABLE = Code(
    "QD003", "official text cannot be read",
    "The official text that edition.yaml names in source cannot be read or parsed: it is missing, not a regular "
    "file inside the edition folder, not UTF-8, or not in the format qingdan import reads (docs/source-format.md). "
    "The rules that read the text are skipped until it is fixed.", waivable=False,
    messages={
        "outside": "the official text {name!r} must be a file inside the edition folder",
        "parse": "the official text does not parse: {problem}",
        "read-at": "the official text cannot be read: {problem}",
        "read": "the official text {name} cannot be read: {problem}",
    })


@rule(SOURCE_UNREADABLE)
def official_text_readable(ctx: Context) -> Iterator[Result]:
    if ctx.source_problem is not None:
        location, (key, params) = ctx.source_problem
        yield ctx.finding(SOURCE_UNREADABLE, location, key, **params)
