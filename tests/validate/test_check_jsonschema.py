"""A differential check: check-jsonschema, an independent validator, gives every edition document the same
valid/invalid verdict as qingdan's schema layer (the loader's refusals and duplicate keys included).

The documents: the shipped edition, every validation case folder, and hostile variants of a real service (a
trailing newline in an id or a rule code, NaN, infinity, a duplicate key), where Python's regular expressions and
YAML loaders are known to differ from the standards check-jsonschema follows.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qingdan.errors import InputError
from qingdan.loading import load_document
from qingdan.resources import SCHEMA_FILES, schema_dir
from qingdan.schema_check import check_document

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
SERVICE = REPO / "policies" / "2017" / "services" / "medical-assistance.yaml"

VARIANTS = {  # name -> (text to replace in the real service, its replacement)
    "id-trailing-newline": ("id: medical-assistance\n", 'id: "medical-assistance\\n"\n'),
    "rule-code-newline": ("  - rule: QD201\n", '  - rule: "QD201\\n"\n'),
    "number-nan": ("number: 52\n", "number: .nan\n"),
    "value-infinity": ("number: 52\n", "number: .inf\n"),
    "duplicate-key": ("number: 52\n", "number: 52\nnumber: 53\n"),
    "id-uppercase": ("id: medical-assistance\n", "id: Medical-assistance\n"),
    "unchanged": ("", ""),
}


def _kind(path: Path) -> str:
    return "service" if path.parent.name == "services" else path.stem


def _documents(tmp_path: Path) -> list[Path]:
    # every edition folder of the cases, those of a revision case (2017/ and 2018/ inside it) included
    folders = [REPO / "policies" / "2017",
               *sorted(path.parent for path in (TESTS / "validate" / "cases").rglob("edition.yaml"))]
    files = [f for folder in folders if folder.is_dir()
             for f in [folder / "edition.yaml", folder / "units.yaml", *sorted(folder.glob("services/*.yaml"))]]
    text = SERVICE.read_text(encoding="utf-8")
    for name, (old, new) in VARIANTS.items():
        assert old in text, name
        variant = tmp_path / name / "services" / SERVICE.name
        variant.parent.mkdir(parents=True)
        variant.write_text(text.replace(old, new, 1), encoding="utf-8")
        files.append(variant)
    return files


def _qingdan_valid(path: Path) -> bool:
    try:
        document = load_document(path)
    except InputError:
        return False
    return not document.duplicates and not any(check_document(document, _kind(path)))


def _check_jsonschema_invalid(kind: str, files: list[Path]) -> set[str]:
    """The files check-jsonschema calls invalid (schema errors or files it cannot parse)."""
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile",
                           str(schema_dir() / SCHEMA_FILES[kind]), "--output-format", "json",
                           *map(str, files)], capture_output=True, text=True, check=False)
    report = json.loads(done.stdout)
    return {entry["filename"] for entry in report.get("errors", []) + report.get("parse_errors", [])}


@pytest.mark.slow
def test_check_jsonschema_agrees_with_the_schema_layer(tmp_path: Path) -> None:
    files = _documents(tmp_path)
    by_kind: dict[str, list[Path]] = {}
    for path in files:
        by_kind.setdefault(_kind(path), []).append(path)
    disagreements = []
    for kind, paths in by_kind.items():
        invalid = _check_jsonschema_invalid(kind, paths)
        for path in paths:
            theirs = str(path) not in invalid
            ours = _qingdan_valid(path)
            if theirs != ours:
                disagreements.append(f"{path}: check-jsonschema {'valid' if theirs else 'invalid'}, "
                                     f"qingdan {'valid' if ours else 'invalid'}")
    assert disagreements == []
    # the comparison is not vacuous: both verdicts occur, and every hostile variant is invalid
    verdicts = {_qingdan_valid(path) for path in files}
    assert verdicts == {True, False}
    assert [name for name in VARIANTS if _qingdan_valid(tmp_path / name / "services" / SERVICE.name)] == \
        ["unchanged"]
