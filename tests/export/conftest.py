"""Fixtures for the export tests: the shipped edition loaded once, and its YAML read independently of qingdan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from ruamel.yaml import YAML

if TYPE_CHECKING:
    from qingdan import Edition


@pytest.fixture(scope="session")
def edition(shipped_edition: Path) -> Edition:
    from qingdan.edition.pipeline import load_edition

    return load_edition(shipped_edition)


@pytest.fixture(scope="session")
def raw_services(shipped_edition: Path) -> list[dict[str, Any]]:
    """Every service file as plain data, read with ruamel's safe loader rather than qingdan's own loader."""
    yaml = YAML(typ="safe", pure=True)
    services = [yaml.load(path.read_text(encoding="utf-8")) for path in (shipped_edition / "services").glob("*.yaml")]
    return sorted(services, key=lambda s: s["number"])
