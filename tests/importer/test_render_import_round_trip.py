"""render → import → validate: the official text qingdan writes from an edition imports back into an edition that
passes validate, for the shipped edition and for the example revision (which has no official text of its own)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["2017", "2019"])
def test_render_import_validate_passes(name: str, run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copytree(REPO / "policies" / "2017", tmp_path / "2017")
    if name == "2019":  # the example revision, beside the edition it revises
        shutil.copytree(REPO / "tests" / "revision" / "example" / "2019", tmp_path / "2019")
    edition = tmp_path / name
    before = (edition / "edition.yaml").read_text(encoding="utf-8")
    assert run_cli("validate", str(edition)).exit_code == 0
    rendered = tmp_path / f"rendered-{name}.txt"
    assert run_cli("render", str(edition), "-o", str(rendered)).exit_code == 0
    imported = run_cli("import", str(rendered), "--edition", name, "-o", str(edition))
    assert imported.exit_code == 0, imported.stderr
    # the rendered text has no stray 、 (the data never held one): the waiver about item 67's goes with it
    assert "dropped the waiver of QD501 of" in imported.stdout
    validated = run_cli("validate", str(edition))
    assert validated.exit_code == 0, validated.stdout
    assert "0 errors, 0 warnings" in validated.stdout
    # what curators own in edition.yaml survives: the revision still names the edition it revises
    if name == "2019":
        assert 'previous: "2017"' in before and 'previous: "2017"' in (edition / "edition.yaml").read_text("utf-8")
    # and a second round changes nothing
    again = run_cli("render", str(edition), "-o", str(rendered))
    assert again.exit_code == 0
    second = run_cli("import", str(rendered), "--edition", name, "-o", str(edition))
    assert second.exit_code == 0 and "; wrote 0 files," in second.stdout, second.stdout
