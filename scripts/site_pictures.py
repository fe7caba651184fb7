"""Regenerate the pictures of the web site in docs/images (docs/site.md and docs/zh/site.md show them).

Builds the site of the shipped edition and the example revision (tests/revision/example/2019) in Chinese, opens it
in headless Chromium (Debian's chromium package, driven by Playwright for Python: no browser is downloaded) and
saves the index, a service's page and the revision's page at 1280 px wide:

    .venv/bin/python scripts/site_pictures.py

The pictures depend on the fonts installed (fonts-noto-cjk): review them before committing.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from qingdan import api, i18n  # noqa: E402

IMAGES = ROOT / "docs" / "images"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
# picture -> (page, height in px: the top of the page down to what it shows; the service's history is below the fold)
PICTURES = {"site-index.png": ("index.html", 420),
            "site-service.png": ("2019/services/rural-student-nutrition.html", 1250),
            "site-revision.png": ("2019/revision.html", 900)}


def main() -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("site_pictures: Playwright for Python is not installed (pip install playwright)")
    if not CHROMIUM.is_file():
        sys.exit(f"site_pictures: {CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)")
    with tempfile.TemporaryDirectory() as temporary:
        policies = Path(temporary) / "policies"
        shutil.copytree(ROOT / "policies" / "2017", policies / "2017")
        shutil.copytree(ROOT / "tests" / "revision" / "example" / "2019", policies / "2019")
        i18n.use("zh")
        api.build_site(policies, Path(temporary) / "site")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            for name, (path, height) in PICTURES.items():
                page.set_viewport_size({"width": 1280, "height": height})
                page.goto((Path(temporary) / "site" / path).as_uri())
                page.screenshot(path=str(IMAGES / name))
                print(IMAGES / name)
            browser.close()


if __name__ == "__main__":
    main()
