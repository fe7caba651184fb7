"""The site's pages from the gathered data (gather.py), with Jinja2 templates: every file of the site as bytes,
keyed by its path inside the site. Nothing here writes; ``build`` (in ``__init__``) writes what changed, each file
as it is made (``files``), so that a large site is never held in memory whole.

Addresses are stable and relative (the site works from file:// as from a web server): ``index.html``,
``EDITION/index.html`` (the table), ``EDITION/services/ID.html``, ``EDITION/departments/UNIT.html``,
``EDITION/revision.html``, ``EDITION/units.html``, ``EDITION/data/list.FORMAT``, ``EDITION/data/datapackage/…``,
``EDITION/data/source.zip`` and ``EDITION/source/…`` (the edition's YAML as it is kept).
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import jinja2

from ...core.i18n import ngettext
from ...core.model import MERGEABLE, Edition, Quantity, Row, Service
from ...core.records import frozen
from ...core.vocabulary import FIELD_WORDS, LEVELS, PAYERS
from ...diff.model import Amount, Change
from ...edition.shapes import shape
from ..changelog.classes import CLASSES
from ..changelog.render import HEADER as CHANGELOG_HEADER
from ..changelog.render import cells as changelog_cells
from ..export import ExportInfo, ExportOptions, export
from ..official_layout import category_label
from .gather import EditionData, SiteData, class_slug
from .words import language_tag, words

HERE = Path(__file__).resolve().parent
ASSETS = ("site.css", "site.js")
# The exports offered for download, in this order: (format, the file or folder under data/)
DOWNLOADS = (("xlsx", "list.xlsx"), ("docx", "list.docx"), ("csv", "list.csv"), ("json", "list.json"),
             ("sqlite", "list.sqlite"), ("datapackage", "datapackage"))
UNSAFE = str.maketrans({c: "-" for c in '/\\:*?"<>|#%'})
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every member of source.zip: the same data gives the same archive


def department_file(unit: str) -> str:
    """The file name of a unit's page: its name, with the characters no file name or URL path may hold replaced."""
    return unit.translate(UNSAFE).strip() + ".html"


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                     keep_trailing_newline=True)
    environment.filters["href"] = lambda path: quote(str(path))
    environment.filters["units"] = lambda names: "、".join(names)
    return environment


def _text(value: Any) -> str:
    if value is None:
        return ""
    return "、".join(value) if isinstance(value, tuple) else str(value)


def amount(quantity: Quantity) -> str:
    return f"{Amount(quantity.unit, quantity.value, quantity.minimum, quantity.maximum, quantity.per)}"


@frozen
class Cell:
    """A cell of the published table: its text, how many rows it spans, and its column."""

    column: str
    text: str
    rowspan: int = 1


def table_rows(service: Service, columns: tuple[str, ...] = MERGEABLE) -> list[list[Cell]]:
    """The service's rows as the published table lays them out: the number and name span every row, and a part's
    empty merged cell is no cell at all, the one above spanning it (``Service.inherited`` reads it so). ``columns``
    are the row columns of the edition's shape (shapes.Shape.row_columns)."""
    rows: list[Row] = [service, *service.parts]
    spans: dict[tuple[int, str], int] = {}
    for column in columns:
        anchor: int | None = None
        for index, row in enumerate(rows):
            if index and not getattr(row, column) and anchor is not None:
                spans[anchor, column] += 1
                spans[index, column] = 0
            else:
                spans[index, column] = 1
                anchor = index if getattr(row, column) else None
    out: list[list[Cell]] = []
    for index, row in enumerate(rows):
        cells = [Cell("number", str(service.number), len(rows)), Cell("name", service.name, len(rows))] \
            if index == 0 else []
        cells += [Cell(column, _text(getattr(row, column)), spans[index, column]) for column in columns
                  if spans[index, column]]
        out.append(cells)
    return out


def category_labels(edition: Edition) -> dict[str, str]:
    """Each category's heading in the edition's table: 一、基本公共教育; under its area where the shape groups by
    areas (standard-2021): 幼有所育 · （一）优孕优生服务."""
    areas = {area.id: area for area in edition.areas}
    labels = {}
    for category in edition.categories:
        area = areas.get(category.area or "")
        labels[category.id] = (f"{area.name} · {category_label(category, under_area=True)}" if area is not None
                               else category_label(category))
    return labels


def change_text(change: Change) -> dict[str, str | None]:
    """A change as the pages show it: the diff's message, and its old and new values when it has both."""
    both = change.old is not None and change.new is not None and not change.segments
    return {"message": change.text, "old": f"{change.old}" if both else None,
            "new": f"{change.new}" if both else None, "cls": change.cls.value}


class Pages:
    def __init__(self, site: SiteData, base_url: str | None) -> None:
        self.site = site
        self.base_url = (base_url.rstrip("/") + "/") if base_url else None
        self.environment = _environment()
        self.words = words()
        self.names = {data.name for data in site.editions}
        self.files: dict[str, bytes] = {}  # made and not yet handed on (``made``)
        self.paths: set[str] = set()  # every file made

    def made(self) -> Iterator[tuple[str, bytes]]:
        """The files made since the last call, handed on and forgotten."""
        files, self.files = self.files, {}
        self.paths.update(files)
        yield from files.items()

    def page(self, path: str, template: str, **context: Any) -> None:
        depth = len(PurePosixPath(path).parts) - 1
        html = self.environment.get_template(template).render(
            w=self.words, lang=language_tag(), root="../" * depth, path=path, base_url=self.base_url,
            site=self.site, in_site=self.names, **context)
        self.files[path] = html.encode("utf-8")

    def all(self) -> Iterator[tuple[str, bytes]]:
        """Every file of the site, as it is made (in no particular order)."""
        for asset in ASSETS:
            self.files[f"assets/{asset}"] = (HERE / "static" / asset).read_bytes()
        self.page("index.html", "index.html", editions=self.site.editions, summaries=[
            self.summary(data) for data in self.site.editions])
        yield from self.made()
        for data in self.site.editions:
            yield from self.edition(data)
        if self.base_url:
            self.files["sitemap.xml"] = self.environment.get_template("sitemap.xml").render(
                base_url=self.base_url, paths=sorted(p for p in self.paths if p.endswith(".html"))).encode("utf-8")
        yield from self.made()

    def summary(self, data: EditionData) -> dict[str, Any]:
        metadata = data.edition.metadata
        period = data.period
        last = None if period is None else period.end.fromordinal(period.end.toordinal() - 1)
        present = {u.level for u in data.edition.units}
        return {"levels": "、".join(word for level, word in LEVELS.items() if level in present),
                "services": ngettext("{count} service", "{count} services", len(data.edition.services)).format(
                    count=len(data.edition.services)),
                "categories": ngettext("{count} category", "{count} categories", len(data.edition.categories))
                .format(count=len(data.edition.categories)),
                "in_force": None if period is None else f"{period.start.isoformat()} — {last}",
                "period": f"{metadata.period_name}（{metadata.period_start}—{metadata.period_end}）"}

    def edition(self, data: EditionData) -> Iterator[tuple[str, bytes]]:
        name, edition = data.name, data.edition
        downloads = self.downloads(data)
        classes = [(cls.slug, cls.word) for cls in CLASSES
                   if data.revision is not None and data.revision.changelog.classes[cls.slug]]
        self.page(f"{name}/index.html", "edition.html", data=data, summary=self.summary(data), downloads=downloads,
                  groups=[(category, [self.service_row(data, s) for s in edition.services_in(category.id)])
                          for category in edition.categories],
                  header=shape(edition.shape).header,
                  labels=category_labels(edition), units=[sheet.unit for sheet in data.sheets if sheet.tasks],
                  classes=classes)
        yield from self.made()
        for service in edition.services:
            self.service(data, service)
            yield from self.made()
        for sheet in data.sheets:
            tasks = [{"service": t.service, "part": t.part_number, "column": FIELD_WORDS[f"{t.column}_units"],
                      "role": self.words[t.role], "partners": "、".join(t.partners),
                      "counterparts": "、".join(t.counterparts)} for t in sheet.tasks]
            self.page(f"{name}/departments/{department_file(sheet.unit)}", "department.html", data=data,
                      sheet=sheet, tasks=tasks, level=LEVELS.get(sheet.level or "", sheet.level or ""),
                      counts=ngettext("{rows} row in {services} service", "{rows} rows in {services} services",
                                      len({t.service.id for t in sheet.tasks})).format(
                          rows=len(sheet.tasks), services=len({t.service.id for t in sheet.tasks})))
        self.page(f"{name}/units.html", "units.html", data=data, levels=LEVELS,
                  department_file=department_file,
                  lineage=[{"kind": self.words[event.kind.value], "old": "、".join(event.old),
                            "new": "、".join(event.new)} for event in data.lineage])
        if data.revision is not None:
            changelog = data.revision.changelog
            self.page(f"{name}/revision.html", "revision.html", data=data, header=CHANGELOG_HEADER,
                      notes=[(cls.word, changelog.services_of(cls.slug)) for cls in CLASSES],
                      rows=[(*changelog_cells(row), row.service) for row in changelog.rows])
        yield from self.made()

    def service_row(self, data: EditionData, service: Service) -> dict[str, Any]:
        units = sorted({u for _p, row in service.shown_rows() for u in (*row.city_units, *row.district_units)})
        classes = data.revision.classes_of(service.id) if data.revision is not None else ()
        columns = shape(data.edition.shape).row_columns
        search = " ".join([str(service.number), service.name, *(_text(getattr(row, c)) for _p, row in
                                                                 service.rows() for c in columns)])
        return {"service": service, "rows": table_rows(service, columns), "units": "|".join(units),
                "classes": " ".join(classes) or "unchanged", "search": search}

    def fields(self, edition: Edition, service: Service, row: Row, inherited: tuple[str, ...] = ()) -> list[
            dict[str, Any]]:
        of = shape(edition.shape)
        return [{"label": of.word(c), "text": _text(getattr(row, c)) or "—", "merged": c in inherited}
                for c in of.row_columns] + [{"label": self.words["payers"], "merged": "payers" in inherited,
                                        "text": "、".join(PAYERS.get(p, p) for p in row.payers) or "—"}]

    def service(self, data: EditionData, service: Service) -> None:
        edition = data.edition
        category = next((c for c in edition.categories if c.id == service.category), None)
        parts = [{"number": index, "id": part.id,
                  "fields": self.fields(edition, service, service.shown(part), tuple(service.inherited(part)))}
                 for index, part in enumerate(service.parts, 1)]
        amounts = [{"name": q.name, "amount": amount(q), "quote": q.quote, "field": FIELD_WORDS.get(q.field, q.field),
                    "row": self.words["main_row"] if part is None else f"{self.words['part']} {index}"}
                   for index, (part, row) in enumerate(service.rows()) for q in row.quantities]
        history = data.histories[service.id]
        steps = []
        for index, step in enumerate(history.steps):
            older = history.steps[index + 1] if index + 1 < len(history.steps) else None
            moved = None if older is None or older.service.number == step.service.number else \
                (older.service.number, step.service.number)
            steps.append({"step": step, "moved": moved, "changes": [change_text(c) for c in step.changes],
                          "amounts": [(q.name, amount(q)) for _p, row in step.service.rows() for q in row.quantities],
                          "fields": self.fields(edition, step.service, step.service),
                          "first": older is None and not step.added, "classes": sorted(
                              {slug for c in step.changes if (slug := class_slug(c)) is not None})})
        source = service.location.path if service.location is not None else None
        self.page(f"{data.name}/services/{service.id}.html", "service.html", data=data, service=service,
                  category=category, fields=self.fields(edition, service, service), parts=parts, amounts=amounts,
                  steps=steps, department_file=department_file,
                  source=None if source is None else self.source_path(data, Path(source)))

    def source_path(self, data: EditionData, path: Path) -> str | None:
        try:
            relative = path.resolve().relative_to(data.folder.resolve())
        except ValueError:
            return None
        return f"source/{relative.as_posix()}"

    def sources(self, data: EditionData) -> Iterator[tuple[str, bytes]]:
        for path in sorted(data.folder.rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".txt"):
                yield path.relative_to(data.folder).as_posix(), path.read_bytes()

    def downloads(self, data: EditionData) -> list[dict[str, Any]]:
        """Export the edition in every download format, and its source, into the site's files; each file's row."""
        rows: list[dict[str, Any]] = []

        def add(path: str, content: bytes, label: str) -> None:
            self.files[f"{data.name}/{path}"] = content
            rows.append({"path": path, "format": label, "size": ngettext("{count} byte", "{count} bytes",
                                                                          len(content)).format(count=len(content)),
                         "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()})

        info = ExportInfo()
        with tempfile.TemporaryDirectory(prefix="qingdan-site-") as folder:
            for format_, target in DOWNLOADS:
                out = Path(folder) / target
                export(data.edition, format_, out, info, ExportOptions())
                if out.is_dir():
                    for path in sorted(p for p in out.rglob("*") if p.is_file()):
                        add(f"data/{target}/{path.relative_to(out).as_posix()}", path.read_bytes(), format_)
                else:
                    add(f"data/{target}", out.read_bytes(), format_)
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for relative, content in self.sources(data):
                self.files[f"{data.name}/source/{relative}"] = content
                member = zipfile.ZipInfo(f"{data.name}/{relative}", ZIP_TIME)
                member.compress_type = zipfile.ZIP_DEFLATED
                member.external_attr = 0o644 << 16
                zipped.writestr(member, content)
        add("data/source.zip", archive.getvalue(), self.words["source"])
        return rows


def files(site: SiteData, base_url: str | None = None) -> Iterable[tuple[str, bytes]]:
    """Every file of the site as it is made: its path inside the site (POSIX, relative) and its bytes."""
    return Pages(site, base_url).all()


__all__ = ["DOWNLOADS", "Cell", "department_file", "files", "table_rows"]
