"""The shapes a list can take: each a data file in ``schema/shapes/`` naming its schemas, its grouping and its layout.

A shape is what the table looks like: which columns a service has, how services are grouped (categories; or areas
and the categories under them) and the published layout (the columns in order, with their Chinese and English
headers and their widths). ``list-2017`` is the shape of the 13th Five-Year lists (the shipped edition);
``standard-2021`` the shape of the 2021 national standard (服务内容 and 服务标准 where 2017 had 服务指导标准,
areas above the categories, one 牵头负责单位 column). An edition names its shape in edition.yaml (``shape:``); an
edition without the key is ``list-2017``. Adding a shape is adding its data file and its schemas: the commands read
the shape from here and never name one.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from ..core import resources
from ..core.errors import InputError
from ..core.i18n import _
from ..core.records import frozen

DEFAULT_SHAPE = "list-2017"
SHAPES_FOLDER = "shapes"


@frozen
class Column:
    """A column of the published layout: the key that holds it and its header in Chinese and English."""

    key: str
    zh: str
    en: str


@frozen
class Shape:
    id: str
    version: str
    title: str
    description: str
    schemas: dict[str, str]  # document kind (edition, service, units) -> schema file in schema/
    grouping: tuple[str, ...]  # ("categories",) or ("areas", "categories")
    text_fields: tuple[str, ...]  # the text columns of a row (target, standard, funding; or with content)
    layout: tuple[Column, ...]
    widths: tuple[int, ...]  # the layout's column widths in characters (xlsx)
    widths_cm: tuple[float, ...]  # and in centimetres on an A4 landscape page (docx: 26.5 cm in all)
    task_widths: dict[str, int]  # the text columns' widths on a task sheet, in characters (xlsx)
    task_widths_cm: dict[str, float]  # and in centimetres (docx; 13.0 cm together)
    # how the diff reads this shape's columns in the columns it compares (target, standard, funding): each
    # compared column with the columns whose texts, joined in order, it reads (standard ← content + standard)
    compare_as: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def header(self) -> tuple[str, ...]:
        """The published table's header row."""
        return tuple(column.zh for column in self.layout)

    @property
    def columns(self) -> tuple[str, ...]:
        """The keys of the published columns, in order."""
        return tuple(column.key for column in self.layout)

    @property
    def row_columns(self) -> tuple[str, ...]:
        """The published columns a row (a service or a part) fills: all but 序号 and 服务项目."""
        return tuple(key for key in self.columns if key not in ("number", "name"))

    @property
    def has_areas(self) -> bool:
        return "areas" in self.grouping

    def schema_kind(self, kind: str) -> str:
        """The schema file (in schema/) a document of ``kind`` of this shape is checked against (a kind the shape
        does not name, such as crosswalk, has the one schema of resources.SCHEMA_FILES)."""
        return self.schemas.get(kind, resources.SCHEMA_FILES.get(kind, kind))

    def word(self, key: str) -> str:
        """The Chinese header of the column ``key`` in this shape (服务指导标准 or 服务标准 for standard)."""
        return next((column.zh for column in self.layout if column.key == key), key)


def _read(data: dict[str, Any]) -> Shape:
    return Shape(id=data["id"], version=data["version"], title=data["title"], description=data["description"],
                 schemas=dict(data["schemas"]), grouping=tuple(data["grouping"]),
                 text_fields=tuple(data["text_fields"]),
                 layout=tuple(Column(c["key"], c["zh"], c["en"]) for c in data["layout"]),
                 widths=tuple(data["widths"]), widths_cm=tuple(data["widths_cm"]),
                 task_widths=dict(data["task_widths"]), task_widths_cm=dict(data["task_widths_cm"]),
                 compare_as=tuple((c["from"], tuple(c["to"])) for c in data.get("compare_as", ())))


@cache
def known() -> dict[str, Shape]:
    """Every shape shipped in schema/shapes/, by id."""
    found = {}
    for path in sorted((resources.schema_dir() / SHAPES_FOLDER).glob("*.json")):
        with open(path, encoding="utf-8") as handle:
            shape = _read(json.load(handle))
        found[shape.id] = shape
    return found


def shape(name: str | None) -> Shape:
    """The shape ``name`` (None: the default, list-2017); an unknown name is refused in one line (InputError)."""
    shapes = known()
    if name is None:
        return shapes[DEFAULT_SHAPE]
    if not isinstance(name, str) or name not in shapes:
        raise InputError(_("shape: {name} is not a known shape; known shapes: {known}")
                         .format(name=name, known=", ".join(shapes)))
    return shapes[name]


def shape_of(data: Any) -> Shape:
    """The shape an edition.yaml's parsed ``data`` names (list-2017 when it names none)."""
    name = data.get("shape") if isinstance(data, dict) else None
    return shape(name)


def schema_file(kind: str, folder: Path) -> str:
    """The schema file a document of ``kind`` in the edition ``folder`` is written and checked by: its shape's
    (edition.yaml's ``shape:``, read without checking; an edition.yaml that cannot be read, or an unknown shape, is
    the list-2017 shape's, and validate reports it)."""
    from ..io.loading import load_document

    try:
        data = load_document(folder / "edition.yaml").data
        return shape_of(data).schema_kind(kind)
    except (InputError, OSError):
        return known()[DEFAULT_SHAPE].schema_kind(kind)
