"""The vocabulary every module shares: the table's Chinese words, labels, key paths, money tokens, the editions folder.

One place for what used to be spelt out in several: how a service is named in a message ("52 医疗救助"), how a key
path is written for an editor (``parts[1].funding``), what a money or percentage token is, how 万元 compares with
元, where the editions live, and the Chinese words of the published table for the stable codes. Human-facing
outputs (xlsx and docx by default, CSV's list sheet with ``--headers zh``, task sheets, textconv) use these words;
JSON, SQLite, the data package and CSV's machine tables keep the codes, which never change.

These are the words of the official text and of the data, not of qingdan's interface: they are the same in every
language of the run (the interface's own words are in the message catalogs, see i18n.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

KeyPath = tuple[str | int, ...]  # keys and list indexes from a document's root to a node

EDITIONS_FOLDER = Path("policies")  # where a repository keeps its editions, relative to where qingdan runs

# The seven columns of the published table, in order, and the keys that hold them.
TABLE_COLUMNS = ("number", "name", "target", "standard", "funding", "city_units", "district_units")
TABLE_HEADER = ("序号", "服务项目", "服务对象", "服务指导标准", "支出责任", "市级牵头责任单位", "区级对接落实责任部门")
FIELD_WORDS = dict(zip(TABLE_COLUMNS, TABLE_HEADER, strict=True)) | {"category": "类别", "content": "服务内容"}

# A money amount or a percentage as the texts write them: 800元, 1.5万元, 0.5%.
MONEY_TOKEN = re.compile(r"(\d+(?:\.\d+)?)(万元|元|%)")
# Units counted in another one for comparison: 1.5万元 is 15000元, so 1.5万元 → 15000元 is no change.
SCALES = {"万元": ("元", 10000.0)}


def in_base_unit(value: float, unit: str) -> tuple[float, str]:
    """``value`` in ``unit`` as a value in the unit it compares in (万元 → 元)."""
    base, factor = SCALES.get(unit, (unit, 1.0))
    return value * factor, base


def service_label(number: object, name: object) -> str:
    """How a message names a service: number and name, as in the table ("52 医疗救助")."""
    return f"{number} {name}"


def key_path_text(path: KeyPath) -> str:
    """A key path as an editor reads it: ``parts[1].funding``; "" for the document itself."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text

PAYERS = {
    "central": "中央", "city": "市级", "district": "区级", "local": "地方", "employer": "用人单位",
    "employee": "职工", "individual": "个人", "fund": "社会保险基金", "society": "社会",
}
LEVELS = {"city": "市级", "district": "区级", "other": "其他"}
ROLES = {"lead": "牵头", "co": "配合"}
COLUMNS = {"city": "市级牵头责任单位", "district": "区级对接落实责任部门"}
FIELDS = {"target": "服务对象", "standard": "服务指导标准", "funding": "支出责任"}
SPLIT_KINDS = {"ratio": "比例", "amount": "金额", "rate": "费率"}

# The task sheets' column words, the same in every format (text, Markdown, xlsx, docx): the published table's words
# where it has one; the other units of a unit's own column, and those of the other column (its 对接 units).
TASK_WORDS = {
    "number": "序号", "name": "服务项目", "part": "子项", "role": "职责", "column": "栏目", "partners": "同栏其他单位",
    "counterparts": "对接单位", "target": "服务对象", "standard": "服务指导标准", "funding": "支出责任",
}


def part_label(number: int) -> str:
    """How a part is named for people: its place under the service, 子项1, 子项2 (its id is for machines)."""
    return f"子项{number}"

# Column headers of the one-row-per-service sheet (CSV's list.csv, the xlsx 服务 sheet).
LIST_HEADERS = {
    "number": "序号", "service_id": "服务编号", "part_id": "子项", "category": "类别编号", "category_name": "类别",
    "name": "服务项目", "target": "服务对象", "standard": "服务指导标准", "funding": "支出责任", "payers": "出资方",
    "city_units": "市级牵头责任单位", "district_units": "区级对接落实责任部门", "merged": "合并单元格",
}


def words(codes: tuple[str, ...] | list[str], vocabulary: dict[str, str]) -> tuple[str, ...]:
    """Each code as its word; a code the vocabulary lacks stays as it is."""
    return tuple(vocabulary.get(code, code) for code in codes)


# Unit names are a few dozen characters; difflib's cost grows with the product of the lengths, so a hostile
# multi-megabyte "unit name" compared in full took most of a minute. Its head is enough to suggest a neighbour.
CLOSEST_PREFIX = 64


def nearest_names(name: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.5) -> list[str]:
    """The ``known`` names spelt most nearly like ``name``, closest first (difflib's ratio at least ``cutoff``):
    the suggestion validate (QD102), tasks and rename-unit make for a unit name they do not know."""
    import difflib

    return difflib.get_close_matches(name[:CLOSEST_PREFIX], list(known), n=n, cutoff=cutoff)
