"""The Chinese words people read for the stable codes: column headers, payers, levels, roles, fields.

Human-facing outputs (xlsx and docx by default, CSV's list sheet with ``--headers zh``) use these words; JSON,
SQLite, the data package and CSV's machine tables keep the codes, which never change.
"""

from __future__ import annotations

from ..official_text import HEADER

# The seven columns of the published table, in order.
TABLE_HEADER = HEADER

PAYERS = {
    "central": "中央", "city": "市级", "district": "区级", "local": "地方", "employer": "用人单位",
    "employee": "职工", "individual": "个人", "fund": "社会保险基金", "society": "社会",
}
LEVELS = {"city": "市级", "district": "区级", "other": "其他"}
ROLES = {"lead": "牵头", "co": "配合"}
COLUMNS = {"city": "市级牵头责任单位", "district": "区级对接落实责任部门"}
FIELDS = {"target": "服务对象", "standard": "服务指导标准", "funding": "支出责任"}
SPLIT_KINDS = {"ratio": "比例", "amount": "金额", "rate": "费率"}

# Column headers of the one-row-per-service sheet (CSV's list.csv, the xlsx 服务 sheet).
LIST_HEADERS = {
    "number": "序号", "service_id": "服务编号", "part_id": "分项编号", "category": "类别编号", "category_name": "类别",
    "name": "服务项目", "target": "服务对象", "standard": "服务指导标准", "funding": "支出责任", "payers": "支出主体",
    "city_units": "市级牵头责任单位", "district_units": "区级对接落实责任部门",
}


def words(codes: tuple[str, ...] | list[str], vocabulary: dict[str, str]) -> tuple[str, ...]:
    """Each code as its word; a code the vocabulary lacks stays as it is."""
    return tuple(vocabulary.get(code, code) for code in codes)
