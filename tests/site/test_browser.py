"""The site in a real browser: headless Chromium (Debian's package, at /usr/bin/chromium) driven by Playwright for
Python, with axe-core (from npm) injected into the pages. The site of the shipped edition and the example revision
(conftest.py) is opened from file://; every request the pages make is recorded and must name a file of the site.

Screenshots at 1280 and 375 px wide are saved under the artifacts folder: $QINGDAN_TEST_ARTIFACTS/site when set
(CI keeps that folder), else the test session's temporary folder (the path is printed).

Skips with the reason when Playwright, Chromium or npm (for axe-core) cannot be had; .ci/run installs Chromium.
Playwright never downloads a browser here (no `playwright install`): it launches the system one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from qingdan import api

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
NUTRITION = "rural-student-nutrition"
INSERTED = "退役军人就业创业服务"  # the example revision inserts it as number 16


@pytest.fixture(scope="module")
def axe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """axe-core's axe.min.js, installed with npm into a cache folder of the session."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed: axe-core cannot be had")
    cache = tmp_path_factory.mktemp("axe")
    done = subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(cache),
                           "axe-core"], capture_output=True, text=True, timeout=300, check=False)
    script = cache / "node_modules" / "axe-core" / "axe.min.js"
    if done.returncode != 0 or not script.is_file():
        pytest.skip(f"npm could not install axe-core: {(done.stderr or done.stdout).strip()[:200]}")
    return script


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("QINGDAN_TEST_ARTIFACTS")
    folder = Path(chosen) / "site" if chosen else tmp_path_factory.getbasetemp() / "artifacts" / "site"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {folder}")
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Visit:
    """A browser page that records every request it makes."""

    def __init__(self, browser: Any, site: Path, width: int = 1280) -> None:
        self.site = site
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))

    def open(self, path: str) -> Any:
        self.page.goto((self.site / path).as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def outside(self) -> list[str]:
        """The requests that named anything but a file of the site."""
        root = self.site.resolve()
        bad = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme != "file" or not Path(unquote(parts.path)).resolve().is_relative_to(root):
                bad.append(url)
        return bad


@pytest.fixture
def visit(browser: Any, site: Path) -> Iterator[Visit]:
    opened = Visit(browser, site)
    yield opened
    assert opened.requests, "the page made requests (its own file, its style, its script)"
    assert opened.outside() == []
    opened.context.close()


def visible_services(page: Any) -> list[str]:
    ids: list[str] = page.eval_on_selector_all("tbody.service:not([hidden])", "bodies => bodies.map(b => b.id)")
    return ids


def test_the_index_lists_the_editions(visit: Visit) -> None:
    page = visit.open("index.html")
    assert page.locator("table.editions tbody th a").all_inner_texts() == ["2017", "2019"]
    assert page.locator("tr.current th a").inner_text() == "2019"
    assert page.title() == "版本 · 基本公共服务清单"


def test_searching_finds_the_inserted_service(visit: Visit) -> None:
    page = visit.open("2019/index.html")
    assert len(visible_services(page)) == 88
    page.fill("#q", INSERTED)
    assert visible_services(page) == ["s-veterans-employment-service"]
    assert page.locator("#s-veterans-employment-service th.number").inner_text() == "16"
    assert page.locator("#count").inner_text() == "服务项目: 1"
    assert page.locator("#none").is_hidden()


def test_searching_folic_acid_finds_nothing_yet(visit: Visit, site: Path) -> None:
    """No edition of the 2017 shape has a 叶酸 (folic acid) service: the search says that no service matches."""
    for edition in ("2017", "2019"):
        assert "叶酸" not in "".join(s.name + (s.target or "") + (s.standard or "")
                                   for s in api.load(site.parent / "policies" / edition).services)
        page = visit.open(f"{edition}/index.html")
        page.fill("#q", "叶酸")
        assert visible_services(page) == []
        assert page.locator("#none").is_visible() and page.locator("#none").inner_text() == "没有符合条件的服务项目。"
        assert page.locator("tbody.category:not([hidden])").count() == 0


def test_searching_folic_acid_finds_the_inserted_service_in_the_2021_shape(browser: Any, site_2021: Path) -> None:
    """The example in the 2021 shape adds 增补叶酸预防神经管缺陷服务 (a 2023 adjustment): searching 叶酸 finds it,
    in a table with the 2021 columns."""
    visit = Visit(browser, site_2021)
    page = visit.open("2021/index.html")
    assert page.locator("table.list thead th").all_inner_texts() == ["序号", "服务项目", "服务对象", "服务内容",
                                                                      "服务标准", "支出责任", "牵头负责单位"]
    assert len(visible_services(page)) == 89
    assert page.locator("#c-eugenics").inner_text() == "幼有所育 · （一）优孕优生服务"  # grouped by area and category
    page.fill("#q", "叶酸")
    assert visible_services(page) == ["s-folic-acid-supplement"]
    assert page.locator("#s-folic-acid-supplement th.number").inner_text() == "4"
    assert page.locator("#count").inner_text() == "服务项目: 1"
    assert page.locator("#none").is_hidden()
    assert visit.outside() == []
    visit.context.close()


def test_the_filters_and_the_keyboard(visit: Visit) -> None:
    page = visit.open("2019/index.html")
    page.select_option("#department", "区民政局")
    assert len(visible_services(page)) == 15  # 17 rows in 15 services: the department page's count
    page.select_option("#department", "")
    page.select_option("#change", "raised")
    assert visible_services(page) == [f"s-{NUTRITION}"]
    page.select_option("#change", "")
    page.select_option("#category", "housing")
    assert len(visible_services(page)) == 3
    page.goto(page.url)
    for _ in range(12):  # the search is reached from the keyboard
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("医疗救助")
    assert "s-medical-assistance" in visible_services(page)


def test_item_52_shows_its_two_parts_with_the_main_rows_standard(visit: Visit, site: Path) -> None:
    service = api.load(site.parent / "policies" / "2017").service(52)
    page = visit.open("2017/services/medical-assistance.html")
    assert page.locator("h2#parts + h3").inner_text() == "子项 1"
    assert page.locator("h3[id^=part-]").all_inner_texts() == ["子项 1", "子项 2"]
    first = page.locator("table.fields").nth(1)
    assert service.standard is not None and service.standard in first.inner_text()
    assert "合并单元格，同上一行" in first.inner_text()
    assert service.parts[1].standard is not None and service.parts[1].standard in page.locator(
        "table.fields").nth(2).inner_text()


def test_the_history_of_the_nutrition_subsidy_shows_800_to_1000(visit: Visit) -> None:
    page = visit.open(f"2019/services/{NUTRITION}.html")
    assert page.locator("h1").inner_text() == "2 农村义务教育学生营养改善"
    change = page.locator(".history .oldnew").first
    assert change.locator("del").inner_text().startswith("800 元")
    assert change.locator("ins").inner_text().startswith("1000 元")
    assert change.locator("ins").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_the_revision_page_shows_the_counts_of_the_revision_notes(visit: Visit, site: Path) -> None:
    changelog = api.changelogs(("2017", "2019"), cwd=site.parent / "policies").changelogs[0]
    page = visit.open("2019/revision.html")
    counts = page.locator("ul.notes li strong").all_inner_texts()
    from qingdan.output.changelog.classes import CLASSES  # the official words, in the 修订说明's order

    assert counts == [f"{cls.word} {changelog.classes[cls.slug]} 项" for cls in CLASSES]
    assert page.locator("table.revision tbody tr").count() == len(changelog.rows)


def test_the_department_page_lists_its_17_rows_in_15_services(visit: Visit) -> None:
    page = visit.open("2017/departments/区民政局.html")
    assert page.locator("#counts").inner_text() == "17 行，涉及 15 项服务"
    assert page.locator("table.tasks tbody tr").count() == 17
    assert len(set(page.locator("table.tasks tbody td a").all_inner_texts())) == 15


PAGES = ("index.html", "2017/index.html", "2019/index.html", "2017/services/medical-assistance.html",
         f"2019/services/{NUTRITION}.html", "2019/revision.html", "2017/departments/区民政局.html", "2019/units.html")


def test_axe_finds_no_serious_or_critical_violation(visit: Visit, axe: Path) -> None:
    found = {}
    for path in PAGES:
        page = visit.open(path)
        page.add_script_tag(content=axe.read_text(encoding="utf-8"))  # inline: no request for the script
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        if serious:
            found[path] = serious
    assert found == {}


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_and_one_column_on_a_phone(browser: Any, site: Path, artifacts: Path, width: int) -> None:
    visit = Visit(browser, site, width)
    try:
        for path, name in (("index.html", "index"), ("2019/index.html", "edition"),
                           ("2017/services/medical-assistance.html", "service"), ("2019/revision.html", "revision")):
            page = visit.open(path)
            shot = artifacts / f"{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=name != "edition")
            assert shot.stat().st_size > 1000
            if width == 375 and name in ("edition", "service"):
                assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        assert visit.outside() == []
    finally:
        visit.context.close()
