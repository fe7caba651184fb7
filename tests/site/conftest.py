"""The site of the shipped edition and the example revision (tests/revision/example/2019), built once per module
into a temporary folder in Chinese, the way ``qingdan --lang zh site -o DIR`` builds it in an editor's repository;
and the site of the shipped edition with the example in the 2021 shape (tests/revision/example-2021/2021)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from qingdan import api
from qingdan.core import i18n

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "revision" / "example" / "2019"
SHIPPED = ROOT / "policies" / "2017"
EXAMPLE_2021 = ROOT / "tests" / "revision" / "example-2021" / "2021"


def editions(tmp: Path) -> Path:
    policies = tmp / "policies"
    shutil.copytree(SHIPPED, policies / "2017")
    shutil.copytree(EXAMPLE, policies / "2019")
    return policies


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("site")
    i18n.use("zh")
    try:
        api.build_site(editions(tmp), tmp / "out")
    finally:
        i18n.use("en")
    yield tmp / "out"


@pytest.fixture(scope="module")
def site_2021(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The site of 2017 and the example in the 2021 shape (its revision), built in Chinese."""
    tmp = tmp_path_factory.mktemp("site-2021")
    shutil.copytree(SHIPPED, tmp / "policies" / "2017")
    shutil.copytree(EXAMPLE_2021, tmp / "policies" / "2021")
    i18n.use("zh")
    try:
        api.build_site(tmp / "policies", tmp / "out")
    finally:
        i18n.use("en")
    yield tmp / "out"


@pytest.fixture
def policies(tmp_path: Path) -> Path:
    """A fresh folder of the two editions, for a test that builds its own site."""
    return editions(tmp_path)
