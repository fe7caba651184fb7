"""The one module that uses deepdiff: which paths of a matched row's remaining curated fields changed.

Only called once two rows are matched by id and found unequal, so deepdiff never pairs services and its import
cost is paid only when such a field changed. Its path strings are turned into ours before they leave this module.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

_KEY = re.compile(r"\['([^']*)'\]|\[(\d+)\]")


def changed_paths(old: Any, new: Any) -> list[str]:
    """Readable paths ("derivations[0].product") of what differs between two dataclass values or plain data."""
    from deepdiff import DeepDiff

    diff = DeepDiff(_plain(old), _plain(new), ignore_order=False, verbose_level=0)
    return sorted({_readable(path) for path in diff.affected_paths})


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(v) for k, v in asdict(value).items() if k != "location"}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _readable(path: str) -> str:
    text = ""
    for key, index in _KEY.findall(path.removeprefix("root")):
        text += f"[{index}]" if index else (f".{key}" if text else key)
    return text or "(whole)"
