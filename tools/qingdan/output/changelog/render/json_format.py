"""The 修订说明 and 修订对照表 as JSON (schema/changelog.schema.json): class slugs as keys, services by stable id.

One revision is one object; several (each edition against its predecessor) are an array of them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import Changelog
from . import ChangelogFormat


def as_data(changelog: Changelog) -> dict[str, Any]:
    return {
        "old": changelog.old_name,
        "new": changelog.new_name,
        "classes": changelog.classes,
        "services": {slug: [n.id for n in named] for slug, named in changelog.services},
        "rows": [{"class": row.cls, "service": row.service, "number": row.number, "column": row.column,
                  "old": row.old, "new": row.new, "note": row.note} for row in changelog.rows],
    }


def render(changelogs: Sequence[Changelog]) -> str:
    data: Any = as_data(changelogs[0]) if len(changelogs) == 1 else [as_data(c) for c in changelogs]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


REGISTERED = ChangelogFormat(render=render)
