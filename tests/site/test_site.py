"""The static site of policies/2017 and the example revision, read back with HTML parsers: every page is valid
HTML5 (html5lib's parser in strict mode raises on any parse error: a bad doctype, a misnested or unclosed element,
an unknown or duplicate attribute, a stray end tag), its headings go down one level at a time, every table has a
caption and header cells, every link and resource names a file of the site, and nothing is fetched from outside it.
A second build gives the same bytes and writes nothing."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest

from qingdan import api
from qingdan.core import i18n
from qingdan.output.site import MANIFEST

# every test here builds or reads a whole site of the shipped editions: a workflow, run in the full suite
pytestmark = pytest.mark.slow


class Page(HTMLParser):
    """What the checks need of a page: headings, tables, links and the text of elements by id."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.tables: list[dict[str, int]] = []
        self.links: list[str] = []
        self.lang = ""
        self.text: list[str] = []
        self._heading: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = int(tag[1])
            self.headings.append((self._heading, ""))
        if tag == "table":
            self.tables.append({"caption": 0, "th": 0})
        if tag in ("caption", "th") and self.tables:
            self.tables[-1][tag] += 1
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append(str(attributes[name]))

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_site_has_the_pages_at_their_documented_addresses(site: Path) -> None:
    for path in ("index.html", "2017/index.html", "2017/services/medical-assistance.html", "2017/data/list.json",
                 "2017/data/list.xlsx", "2017/data/list.docx", "2017/data/list.csv", "2017/data/list.sqlite",
                 "2017/data/datapackage/datapackage.json", "2017/data/source.zip", "2017/units.html",
                 "2017/departments/区民政局.html", "2019/revision.html",
                 "2019/services/veterans-employment-service.html",
                 "assets/site.css", "assets/site.js"):
        assert (site / path).is_file(), path
    assert not (site / "2017" / "revision.html").exists()  # the first edition revises nothing
    edition = api.load(site.parent / "policies" / "2017")
    assert len(list((site / "2017" / "services").glob("*.html"))) == len(edition.services) == 87


def test_every_page_is_valid_html5(site: Path) -> None:
    parser = html5lib.HTMLParser(strict=True)
    for path in pages(site):
        parser.parse(path.read_text(encoding="utf-8"))  # raises html5lib.html5parser.ParseError at the first error


def test_the_strict_parser_refuses_broken_html() -> None:
    with pytest.raises(html5lib.html5parser.ParseError):
        html5lib.HTMLParser(strict=True).parse("<!DOCTYPE html><title>x</title><p><table><td>a</b></table>")


def test_pages_are_chinese_with_headings_in_order_and_tables_with_captions(site: Path) -> None:
    for path in pages(site):
        page = parse(path)
        assert page.lang == "zh-CN", path
        levels = [level for level, _ in page.headings]
        assert levels and levels[0] == 1 and levels.count(1) == 1, path
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (path, page.headings)
        for table in page.tables:
            assert table["caption"] == 1 and table["th"] > 0, path


def test_every_link_names_a_file_of_the_site_and_nothing_leaves_it(site: Path) -> None:
    for path in pages(site):
        for link in parse(path).links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), (path, link)
            if parts.path:
                target = (path.parent / unquote(parts.path)).resolve()
                assert target.is_file(), (path, link)
                assert target.is_relative_to(site.resolve()), (path, link)
    for path in (site / "assets").iterdir():  # the style and the script fetch nothing either
        assert not re.search(r"url\(|@import|https?:|fetch\(|XMLHttpRequest", path.read_text(encoding="utf-8"))


def test_the_index_lists_the_editions_with_their_numbers_and_dates(site: Path) -> None:
    text = "".join(parse(site / "index.html").text)
    assert "万州府办发〔2018〕10号" in text
    assert "2018-01-31 — 2019-05-31" in text  # 2017 is in force until the revision is signed
    assert "2019-06-01 — 2020-12-31" in text  # the revision until the end of the plan period
    assert text.count("现行") == 1  # the edition signed last


def test_item_52_shows_its_parts_with_the_main_rows_standard(site: Path) -> None:
    edition = api.load(site.parent / "policies" / "2017")
    service = edition.service(52)
    page = parse(site / "2017" / "services" / "medical-assistance.html")
    text = "".join(page.text)
    assert [h for level, h in page.headings if level == 3][:2] == ["子项 1", "子项 2"]
    assert service.standard and text.count(service.standard) == 2  # the service's row and the merged cell below
    assert "合并单元格" in text
    table = (site / "2017" / "index.html").read_text(encoding="utf-8")
    body = table[table.index('id="s-medical-assistance"'):]
    body = body[:body.index("</tbody>")]
    assert body.count("<tr>") == 3 and 'rowspan="3"' in body and 'rowspan="2"' in body


def test_the_history_of_the_nutrition_subsidy_shows_800_to_1000(site: Path) -> None:
    html = (site / "2019" / "services" / "rural-student-nutrition.html").read_text(encoding="utf-8")
    assert re.search(r"<del>800 元[^<]*</del> → <ins>1000 元[^<]*</ins>", html)
    assert '<a href="../../2017/services/rural-student-nutrition.html">2017</a>' in html


def test_the_history_holds_what_qingdan_history_finds(site: Path) -> None:
    from qingdan.output.site.gather import gather

    policies = site.parent / "policies"
    data = gather(policies)
    for key in ("rural-student-nutrition", "medical-assistance", "veterans-employment-service"):
        ours, theirs = data.editions[1].histories[key], api.service_history(key, policies / "2019", cwd=policies)
        assert [(s.edition, s.service, [(c.code, c.field, c.old, c.new) for c in s.changes], s.added)
                for s in ours.steps] == \
            [(Path(s.edition).name, s.service, [(c.code, c.field, c.old, c.new) for c in s.changes], s.added)
             for s in theirs.steps]
        assert len(ours.steps) == (1 if key == "veterans-employment-service" else 2)


def test_the_revision_page_shows_the_counts_of_the_revision_notes(site: Path) -> None:
    changelog = api.changelogs(("2017", "2019"), cwd=site.parent / "policies").changelogs[0]
    text = "".join(parse(site / "2019" / "revision.html").text)
    for slug, count in changelog.classes.items():
        word = {"added": "新增", "raised": "提标", "reform": "机构改革"}.get(slug)
        if word:
            assert f"{word} {count} 项" in text
    assert changelog.classes["added"] == 1 and "16 退役军人就业创业服务" in text


def test_the_department_page_lists_its_task_sheet(site: Path) -> None:
    page = parse(site / "2017" / "departments" / "区民政局.html")
    assert "17 行，涉及 15 项服务" in "".join(page.text)
    html = (site / "2017" / "departments" / "区民政局.html").read_text(encoding="utf-8")
    rows = html[html.index("<tbody>"):html.index("</tbody>")]
    assert rows.count("<tr>") == 17


def test_downloads_carry_their_size_and_sha256(site: Path) -> None:
    import hashlib

    html = (site / "2017" / "index.html").read_text(encoding="utf-8")
    for name in ("list.xlsx", "list.json", "source.zip"):
        content = (site / "2017" / "data" / name).read_bytes()
        assert hashlib.sha256(content).hexdigest() in html
        assert f"{len(content)} " in html


@pytest.mark.slow  # a second whole build, compared byte by byte (a workflow; .ci/run runs it)
def test_a_rebuild_gives_the_same_bytes_and_writes_nothing(tmp_path: Path, site: Path, policies: Path) -> None:
    i18n.use("zh")
    try:
        first = api.build_site(policies, tmp_path / "out")
        before = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")}
        again = api.build_site(policies, tmp_path / "out")
    finally:
        i18n.use("en")
    assert again.written == () and again.removed == ()
    assert before == {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*")}
    assert len(first.written) == len(first.files)
    for relative in first.files:  # a build elsewhere, another day, gives the same bytes
        assert (tmp_path / "out" / relative).read_bytes() == (site / relative).read_bytes(), relative


@pytest.mark.slow  # two whole builds (a workflow; .ci/run runs it)
def test_a_rebuild_of_fewer_editions_removes_only_what_it_made(tmp_path: Path, policies: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "CNAME").write_text("example.org\n", encoding="utf-8")
    api.build_site(policies, out)
    built = api.build_site(policies, out, ("2017",))
    assert not (out / "2019").exists() or not any(p.is_file() for p in (out / "2019").rglob("*"))
    assert "2019/revision.html" in built.removed and (out / "CNAME").is_file()
    assert (out / MANIFEST).read_text(encoding="utf-8").splitlines() == list(built.files)


def test_a_manifest_naming_a_file_outside_the_site_never_removes_it(tmp_path: Path) -> None:
    """The manifest is a file in DIR that anyone can edit: an entry that climbs out of DIR is never followed."""
    from qingdan.output.site import write_site

    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "keep.txt"
    outside.write_text("not the site's\n", encoding="utf-8")
    (out / "old.html").write_text("an earlier build's page\n", encoding="utf-8")
    (out / MANIFEST).write_text("../keep.txt\nold.html\n", encoding="utf-8")
    built = write_site(out, {"index.html": b"<!doctype html>\n"})
    assert outside.read_text(encoding="utf-8") == "not the site's\n"
    assert built.removed == ("old.html",) and not (out / "old.html").exists()


def test_a_site_build_removes_what_a_killed_write_of_its_page_left(tmp_path: Path) -> None:
    """Beside the file it writes (a linked page's target): a leftover of this page goes, another page's stays."""
    from qingdan.output.site import write_site

    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    (out / "2019").mkdir(parents=True)
    elsewhere.mkdir()
    (out / "2019" / ".index.html.abcd1234.tmp").write_text("half", encoding="utf-8")
    (out / "2019" / ".other.html.abcd1234.tmp").write_text("not this build's", encoding="utf-8")
    (elsewhere / "linked.html").write_text("old", encoding="utf-8")
    (elsewhere / ".linked.html.abcd1234.tmp").write_text("half", encoding="utf-8")
    (out / "2019" / "linked.html").symlink_to(elsewhere / "linked.html")
    write_site(out, {"2019/index.html": b"<!doctype html>\n", "2019/linked.html": b"<!doctype html>\n"})
    assert not (out / "2019" / ".index.html.abcd1234.tmp").exists()
    assert (out / "2019" / ".other.html.abcd1234.tmp").exists()
    assert not (elsewhere / ".linked.html.abcd1234.tmp").exists()
    assert (elsewhere / "linked.html").read_bytes() == b"<!doctype html>\n"
