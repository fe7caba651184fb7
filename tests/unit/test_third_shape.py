"""Adding a shape is adding its data file and its schemas, not editing the commands: a third shape, written into a
copy of schema/ only, is validated, formatted and exported in its own layout by the unchanged code."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.core import resources
from qingdan.edition import schema_check, shapes

if TYPE_CHECKING:
    from tests.conftest import RunCli

SCHEMA = Path(__file__).resolve().parents[2] / "schema"
SHIPPED = Path(__file__).resolve().parents[2] / "policies" / "2017"


def _clear() -> None:
    shapes.known.cache_clear()
    resources.schema.cache_clear()
    schema_check._VALIDATORS.clear()
    schema_check._PASSES.clear()


@pytest.fixture
def third_shape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """schema/ copied with one more shape, list-variant: the list-2017 columns under other headers and widths."""
    folder = tmp_path / "schema"
    shutil.copytree(SCHEMA, folder)
    edition = json.loads((folder / "edition.schema.json").read_text(encoding="utf-8"))
    edition["$id"] = "urn:qingdan:schema:edition:list-variant:1.0"
    edition["properties"]["shape"]["enum"] = ["list-variant"]
    edition["required"] = ["shape", *edition["required"]]
    (folder / "edition-list-variant.schema.json").write_text(json.dumps(edition, ensure_ascii=False),
                                                             encoding="utf-8")
    shape = json.loads((folder / "shapes" / "list-2017.json").read_text(encoding="utf-8"))
    shape["id"] = "list-variant"
    shape["schemas"]["edition"] = "edition-list-variant.schema.json"
    shape["layout"][3]["zh"] = "服务标准（变体）"
    shape["widths"] = [8, 16, 22, 50, 26, 20, 20]
    (folder / "shapes" / "list-variant.json").write_text(json.dumps(shape, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(resources, "schema_dir", lambda: folder)
    _clear()
    yield folder
    monkeypatch.undo()
    _clear()


def test_a_third_shape_is_data_only(third_shape: Path, tmp_path: Path, run_cli: RunCli) -> None:
    import openpyxl

    assert sorted(shapes.known()) == ["list-2017", "list-variant", "standard-2021"]
    edition = tmp_path / "policies" / "variant"
    shutil.copytree(SHIPPED, edition)
    text = (edition / "edition.yaml").read_text(encoding="utf-8")
    (edition / "edition.yaml").write_text(text.replace('edition: "2017"', 'shape: list-variant\nedition: variant'),
                                          encoding="utf-8")
    assert run_cli("validate", str(edition), "-q").exit_code == 0
    assert run_cli("fmt", "--check", str(edition)).exit_code == 0  # shape: stays first, as its schema orders it
    out = tmp_path / "variant.xlsx"
    assert run_cli("export", str(edition), "--format", "xlsx", "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert [cell.value for cell in sheet[2]][3] == "服务标准（变体）"
    assert sheet.column_dimensions["A"].width == pytest.approx(8, abs=1)
    # and an edition naming a shape that is not there is one finding at the key, with the known shapes
    (edition / "edition.yaml").write_text(text.replace('edition: "2017"', 'shape: list-1999\nedition: variant'),
                                          encoding="utf-8")
    result = run_cli("validate", str(edition), "--format", "json")
    findings = [f for f in json.loads(result.stdout)["findings"] if not f["waived"]]
    assert result.exit_code == 1 and [(f["code"], f["key_path"]) for f in findings] == [("QD001", ["shape"])]
    assert "list-variant" in findings[0]["message"]
