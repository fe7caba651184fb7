"""A differential test over mutated documents: check-jsonschema, an independent validator (ECMA-262 patterns via
regress, its own format checks), and qingdan's schema layer give every mutated document the same verdict.

The mutations (seed ``SEED``; QINGDAN_DIFFERENTIAL_MUTATIONS=N for another number) replace one value of a real
document — the shipped edition.yaml, units.yaml with a lineage entry, and services — with a hostile one (unit names
with 、, control, invisible or line-separating characters; dates such as 20190301, 2019-W01-1 and 2019-02-30; ids
with capitals or a trailing newline; empty and blank texts; wrong types), remove a key or add an unknown one. Each
is written as JSON, which both read the same way, so that only the schemas' semantics are compared. A document
qingdan's loader refuses before any schema check (a character it does not allow in a file) is counted, not compared.
"""

from __future__ import annotations

import copy
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from qingdan.core.errors import InputError
from qingdan.core.resources import SCHEMA_FILES, schema_dir
from qingdan.edition.schema_check import check_document
from qingdan.io.loading import parse_document

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "policies" / "2017"
SEED = 20260301
MUTATIONS = int(os.environ.get("QINGDAN_DIFFERENTIAL_MUTATIONS", "400"))

HOSTILE: list[Any] = [
    "区卫生、健康委", "区卫生\n健康委", "区卫生\t健康委", "区卫生\u200b健康委", "\ufeff区卫生健康委",
    "区卫生\x85健康委", "区卫生\u2028健康委", "区卫生\u2029", "区卫生\x07健康委", " 区卫生健康委",
    "区卫生健康委\u3000", "区卫生健康委 ", "区 卫生健康委", "\u00ad区", "区\u202e委", "区\u2060委", "",
    " ", "\u3000", "x", "2019-03-01", "20190301", "2019-W01-1", "2019-02-30", "2019-3-1", "2019-03-01\n",
    "medical-aid", "Medical-aid", "medical-aid\n", "medical--aid", "-aid", "QD101", "QD101\n", "QC103", "QC1034",
    "city", "district", "other", "CITY", 0, -1, 1.5, 10**20, True, None, [], ["x"], {}, {"x": 1},
]


def _documents() -> list[tuple[str, Any]]:
    def read(path: Path) -> Any:
        return parse_document(path.read_text(encoding="utf-8"), str(path)).data

    units = read(SHIPPED / "units.yaml")
    lineage = copy.deepcopy(units)
    lineage["units"][0].update({"replaces": ["市卫生计生委"], "since": "2019-03-01", "basis": "机构改革方案"})
    edition = read(SHIPPED / "edition.yaml")
    edition["accepted"] = [{"code": "QC103", "service": "medical-assistance", "reason": "更名"}]
    services = [read(path) for path in sorted((SHIPPED / "services").glob("*.yaml"))[::9]]
    return [("edition", edition), ("units", units), ("units", lineage), *(("service", s) for s in services)]


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [path] + [leaf for key, value in node.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(node, list):
        return [path] + [leaf for index, value in enumerate(node) for leaf in _leaves(value, (*path, index))]
    return [path]


def _mutate(data: Any, rng: random.Random) -> Any:
    data = copy.deepcopy(data)
    path = rng.choice([p for p in _leaves(data) if p])
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    action = rng.random()
    if action < 0.8:
        parent[path[-1]] = copy.deepcopy(rng.choice(HOSTILE))
    elif action < 0.9 and isinstance(parent, dict):
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[rng.choice(["unknown", "Name", "since", "replaces", "basis"])] = copy.deepcopy(rng.choice(HOSTILE))
    else:
        parent.append(copy.deepcopy(rng.choice(HOSTILE)))
    return data


def _qingdan_valid(path: Path, kind: str) -> bool | None:
    """qingdan's verdict, or None when its loader refuses the document before the schema check."""
    try:
        document = parse_document(path.read_text(encoding="utf-8"), str(path))
    except InputError:
        return None
    return not document.duplicates and not any(check_document(document, kind))


def _check_jsonschema_invalid(kind: str, files: list[Path]) -> set[str]:
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile",
                           str(schema_dir() / SCHEMA_FILES[kind]), "--output-format", "json", *map(str, files)],
                          capture_output=True, text=True, check=False)
    report = json.loads(done.stdout)
    return {entry["filename"] for entry in report.get("errors", []) + report.get("parse_errors", [])}


@pytest.mark.slow
def test_check_jsonschema_and_qingdan_agree_on_mutated_documents(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    documents = _documents()
    by_kind: dict[str, list[Path]] = {}
    for number in range(MUTATIONS):
        kind, data = rng.choice(documents)
        path = tmp_path / kind / f"{number:05}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(_mutate(data, rng), ensure_ascii=True), encoding="utf-8")
        by_kind.setdefault(kind, []).append(path)
    figures = {"mutated": MUTATIONS, "valid": 0, "invalid": 0, "refused by the loader": 0, "disagreements": 0}
    disagreements = []
    for kind, paths in by_kind.items():
        invalid = _check_jsonschema_invalid(kind, paths)
        for path in paths:
            ours = _qingdan_valid(path, kind)
            if ours is None:
                figures["refused by the loader"] += 1
                continue
            figures["valid" if ours else "invalid"] += 1
            theirs = str(path) not in invalid
            if theirs != ours:
                disagreements.append(f"{kind} {path.name}: check-jsonschema {'valid' if theirs else 'invalid'}, "
                                     f"qingdan {'valid' if ours else 'invalid'}: {path.read_text(encoding='utf-8')}")
    figures["disagreements"] = len(disagreements)
    print(f"check-jsonschema and qingdan on {MUTATIONS} mutated documents (seed {SEED}): {figures}")
    assert disagreements == []
    assert figures["valid"] > MUTATIONS // 10 and figures["invalid"] > MUTATIONS // 3  # not vacuous
