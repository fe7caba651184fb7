"""``renumber``: number the services 1..N in document order after a service was inserted or removed.

Document order is the order of the categories in edition.yaml, then the numbers the services have now. An
inserted service is given the number it should have (the number of the service it goes before); where two
services share a number, the one that is new since the predecessor edition comes first, then by id. Waivers,
acceptances and source-text findings go by id, so renumbering moves no finding; texts that name an item by its
number (第52项, item 49) are listed, and rewritten with ``in_text``. Every file is written, or none.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.i18n import _
from ..core.records import frozen
from ..edition.load import EDITION_FILE, SERVICES_DIR
from ..io.loading import parse_document, read_text
from .editing import EditionEdit
from .renaming import InText, rewrite_texts


@frozen
class Moved:
    id: str
    old: int
    new: int


# Item numbers as texts write them: 第52项, 第76、77项; item 49, items 76, 77 and 86.
ITEM_NUMBERS = re.compile(r"第(\d+(?:、\d+)*)项|\b(items? \d+(?:(?:, | and |, and )\d+)*)")


def number_rewriter(numbers: dict[int, int]) -> Any:
    """text -> (text with each item number written as its new number, how many numbers changed)."""
    def rewrite(text: str) -> tuple[str, int]:
        count = 0

        def one(match: re.Match[str]) -> str:
            nonlocal count

            def number(digits: re.Match[str]) -> str:
                nonlocal count
                old = int(digits.group(0))
                if numbers.get(old, old) != old:
                    count += 1
                return str(numbers.get(old, old))
            return re.sub(r"\d+", number, match.group(0))

        return ITEM_NUMBERS.sub(one, text), count
    return rewrite


def renumber(folder: Path, *, dry_run: bool = False, in_text: bool = False
             ) -> tuple[list[Moved], list[Path], list[InText]]:
    """Renumber the services of the edition at ``folder``: the services that moved, the files written, and the
    texts that name a moved item's number (rewritten when ``in_text``, else left)."""
    with EditionEdit.editing(folder, dry_run=dry_run) as edit:
        return _renumber(folder, edit, dry_run, in_text)


def _renumber(folder: Path, edit: EditionEdit, dry_run: bool, in_text: bool
              ) -> tuple[list[Moved], list[Path], list[InText]]:
    categories = edit.edition.data.get("categories") if isinstance(edit.edition.data, dict) else None
    order = {c.get("id"): i for i, c in enumerate(categories or []) if isinstance(c, dict)}
    known = _predecessor_ids(folder, edit.edition.data)
    docs = []
    for doc in edit.services:
        data = doc.data
        if not isinstance(data, dict) or not isinstance(data.get("number"), int) or isinstance(data["number"], bool) \
                or not isinstance(data.get("id"), str):
            raise InputError(_("a service needs an integer number and an id before it can be renumbered"),
                             path=doc.path)
        if data.get("category") not in order:
            raise InputError(_("unknown category {category}: declare it in edition.yaml first")
                             .format(category=repr(data.get("category"))), path=doc.path)
        docs.append(doc)
    docs.sort(key=lambda d: (order[d.data["category"]], d.data["number"], d.data["id"] in known, d.data["id"]))
    moved = []
    for number, doc in enumerate(docs, 1):
        if doc.data["number"] != number:
            moved.append(Moved(doc.data["id"], doc.data["number"], number))
            doc.data["number"] = number
    texts = rewrite_texts(edit.documents(), number_rewriter({m.old: m.new for m in moved}), write=in_text) \
        if moved else []
    return moved, edit.save(dry_run=dry_run), texts


def _predecessor_ids(folder: Path, data: object) -> set[str]:
    """Service ids of the edition ``previous`` names (beside ``folder``); empty when there is none."""
    name = data.get("previous") if isinstance(data, dict) else None
    sibling = folder.parent / name if isinstance(name, str) else None
    if sibling is None or not (sibling / EDITION_FILE).is_file():
        return set()
    ids = set()
    for path in (sibling / SERVICES_DIR).glob("*.yaml"):
        service = parse_document(read_text(path, within=sibling), str(path)).data
        if isinstance(service, dict) and isinstance(service.get("id"), str):
            ids.add(service["id"])
    return ids
