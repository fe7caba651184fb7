"""QD505: a text field the official text format cannot hold is an error, so render never writes a text that
import reads back differently; the texts the format can hold go through render and import unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qingdan.io.loading import load_document

if TYPE_CHECKING:
    from tests.conftest import RunCli

BASE = Path(__file__).parent / "cases" / "valid" / "baseline"


def _edition(tmp_path: Path, target: str) -> Path:
    edition = tmp_path / "2017"
    shutil.copytree(BASE, edition, ignore=shutil.ignore_patterns("expected", "covers.txt"))
    service = edition / "services" / "medical-aid.yaml"
    text = service.read_text(encoding="utf-8")
    assert "target: 困难群众\n" in text
    service.write_text(text.replace("target: 困难群众\n", f"target: {target}\n", 1), encoding="utf-8")
    return edition


@pytest.mark.parametrize(("target", "message"), [
    ('"困难\\n\\n群众"', "the target (服务对象) text has an empty line"),
    ('"困难\\n  \\n群众"', "the target (服务对象) text has an empty line"),
    ('"困难群众\\n"', "the target (服务对象) text starts or ends with a line break"),
    ('"\\n困难群众"', "the target (服务对象) text starts or ends with a line break"),
    ('"困难\\n\\t群众"', "a line of the target (服务对象) text starts with a tab"),
])
def test_a_text_the_official_text_cannot_hold_is_reported_and_not_rendered(
        run_cli: RunCli, tmp_path: Path, target: str, message: str) -> None:
    edition = _edition(tmp_path, target)
    validated = run_cli("validate", str(edition))
    assert validated.exit_code == 1
    assert "QD505" in validated.stdout and message in validated.stdout
    rendered = run_cli("render", str(edition), "-o", str(tmp_path / "out.txt"))
    assert rendered.exit_code == 1 and "QD505" in rendered.stderr
    assert not (tmp_path / "out.txt").exists()


def test_a_text_on_several_lines_goes_through_render_and_import(run_cli: RunCli, tmp_path: Path) -> None:
    edition = _edition(tmp_path, '"困难\\n群众"')
    assert run_cli("validate", str(edition)).exit_code == 0
    rendered = tmp_path / "rendered.txt"
    assert run_cli("render", str(edition), "-o", str(rendered)).exit_code == 0
    services = sorted((edition / "services").iterdir())
    before = [load_document(path).data for path in services]
    result = run_cli("import", str(rendered), "--edition", "2017", "--out", str(edition))
    assert result.exit_code == 0, result.stderr
    assert [load_document(path).data for path in services] == before  # every text came back as it was
