"""Office files (xlsx and docx are zip packages of XML parts) finished after their writer is done: parts edited where
the writer cannot say what is true (the application that made the file, the language), and every zip entry dated,
so that the same data always gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from datetime import date

Stamp = tuple[int, int, int, int, int, int]
FIXED: Stamp = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry, for a file with no date of its own
APPLICATION = b"<Application>qingdan</Application>"


def stamp(day: date | None) -> Stamp:
    """A zip entry's date: ``day`` at midnight, or the fixed earliest date."""
    return (day.year, day.month, day.day, 0, 0, 0) if day else FIXED


def rewrite(data: bytes, when: Stamp | None = None,
            edits: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The package ``data`` with ``edits`` applied to the parts they name, its entries in the same order, dated
    ``when`` (or as they were)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if edits and entry.filename in edits:
                content = edits[entry.filename](content)
            target.writestr(zipfile.ZipInfo(entry.filename, when or entry.date_time), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def our_application(xml: bytes) -> bytes:
    """docProps/app.xml naming qingdan as the application that made the file (a writer names an office suite)."""
    start, end = xml.find(b"<Application>"), xml.find(b"</Application>")
    if start < 0 or end < 0:
        return xml
    return xml[:start] + APPLICATION + xml[end + len(b"</Application>"):]


def chinese_language(xml: bytes) -> bytes:
    """docProps/core.xml with the document's language, zh-CN (dc:language), where the writer sets none."""
    if b"<dc:language>" in xml:
        return xml
    return xml.replace(b"</cp:coreProperties>", b"<dc:language>zh-CN</dc:language></cp:coreProperties>")
