"""The one module that uses deepdiff: what changed, path by path with old and new values, in a matched row's
remaining curated fields (derivations, waivers).

Only called once two rows are matched by id and found unequal, so deepdiff never pairs services and its import
cost is paid only when such a field changed. Its paths and levels are turned into ours before they leave here.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from .values import Edit

_KEY = re.compile(r"\['([^']*)'\]|\[(\d+)\]")


def changed(old: Any, new: Any) -> list[Edit]:
    """Every changed path between two dataclass values or plain data, with its old and new value."""
    from deepdiff import DeepDiff

    diff = DeepDiff(plain(old), plain(new), ignore_order=False, view="tree")
    edits = []
    for levels in diff.values():
        for level in levels:
            a = None if _absent(level.t1) else level.t1
            b = None if _absent(level.t2) else level.t2
            edits.append(Edit(_readable(level.path()), a, b))
    return sorted(edits, key=lambda e: e.path)


def _absent(value: Any) -> bool:
    return type(value).__name__ == "NotPresent"


def plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain(v) for k, v in asdict(value).items() if k != "location"}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _readable(path: str) -> str:
    text = ""
    for key, index in _KEY.findall(path.removeprefix("root")):
        text += f"[{index}]" if index else (f".{key}" if text else key)
    return text or "(whole)"
