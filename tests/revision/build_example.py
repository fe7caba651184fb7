"""Build the example revision (tests/revision/example/2019) from the shipped 2017 edition, as an editor would.

The example is NOT an official text: it imagines the list after the 2018–2019 institutional reform, to prove the
revision workflow end to end. It is made only with qingdan's own commands plus the hand edits an editor makes:

- ``new-edition`` 2017 → 2019 (previous: 2017, the notice cleared, no official text yet), then an example notice
  filled in, labelled as an example in its number, issuer, title and preamble;
- ``rename-unit --in-text`` six times (卫生计生委 → 卫生健康委, 文化委 → 文化旅游委, 农委 → 农业农村委, city and
  district) and twice into one name, a merge (区城乡建委 + 区国土房管局 → 区住房城乡建委); --in-text also writes the
  new name inside the texts (报市卫生计生委 in 医疗救助's second part becomes 报市卫生健康委);
- by hand: a note on the renamed 市农业农村委 (a registry edit the rename must not hide), the medical insurance bureaus take the lead of 医疗救助 (a transfer: 市民政局/区民政局 stay as partners),
  the nutrition subsidy rises from 800 to 1000 元, 无障碍环境支持 widens its target, and a new service for veterans
  is inserted as number 16 of 基本劳动就业创业, with the units it needs registered;
- ``renumber --in-text`` then numbers the services 1..88, and the item numbers in unit notes and waiver reasons
  with them.

``python tests/revision/build_example.py OUT`` writes OUT/2017 and OUT/2019; the test suite rebuilds it and checks
that the committed example is exactly what these steps make.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from qingdan.edit.new_edition import new_edition
from qingdan.edit.renaming import rename_unit
from qingdan.edit.renumbering import renumber

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "policies" / "2017"
BASIS = "示例：区级机构改革方案（测试用示例，非官方文本）"
RENAMES = [
    ("市卫生计生委", "市卫生健康委"), ("区卫生计生委", "区卫生健康委"),
    ("市文化委", "市文化旅游委"), ("区文化委", "区文化旅游委"),
    ("市农委", "市农业农村委"), ("区农委", "区农业农村委"),
    ("区城乡建委", "区住房城乡建委"), ("区国土房管局", "区住房城乡建委"),  # the second one merges
]
NOTICE = '''document:
  number: 示例府办发〔2019〕1号
  issuer: 重庆市万州区人民政府办公室（示例）
  title: 重庆市万州区人民政府办公室（示例）关于调整落实重庆市“十三五”基本公共服务清单任务分工的通知（测试用示例，非官方文本）
  recipients: 区政府各部门，有关单位：
  preamble: 为落实《重庆市人民政府办公厅关于印发重庆市“十三五”基本公共服务清单的通知》（渝府办发〔2017〕184号）精神，根据区级机构改革，现将调整后的任务分工印发给你们。本通知是测试用示例，不是官方文本。
  requirements:
    - heading: 落实责任
      text: 一、落实责任。机构改革后承接职责的部门要按照清单任务抓好落实。（示例）
  signed: "2019-06-01"
  printed: "2019-06-03"
  printer: 重庆市万州区人民政府办公室（示例）
  copy_to:
    - 区委办公室
  table_title: 万州区落实重庆市“十三五”基本公共服务清单任务分工（示例）
'''
NEW_SERVICE = '''id: veterans-employment-service
number: 16
category: employment
name: 退役军人就业创业服务
target: 退役军人
standard: 提供就业指导、职业介绍、技能培训和创业扶持等服务。
funding: 市和区县政府共同负责。
city_units:
  - 市退役军人事务局
  - 市人力社保局
district_units:
  - 区退役军人事务局
  - 区人力社保局
payers:
  - city
  - district
'''
RENAMED_UNIT_NOTE = "    note: 示例（非官方文本）：同时承担农村扶贫开发任务。\n"
NEW_UNITS = {
    "city": '''  - name: 市医保局
    level: city
    counterpart: 区医保局
  - name: 市退役军人事务局
    level: city
    counterpart: 区退役军人事务局
''',
    "district": '''  - name: 区医保局
    level: district
  - name: 区退役军人事务局
    level: district
''',
}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def build(out: Path) -> Path:
    """Make OUT/2017 (a copy of the shipped edition) and OUT/2019 (the example revision); return OUT/2019."""
    shutil.copytree(SHIPPED, out / "2017")
    revision = new_edition(out / "2017", out / "2019")
    for old, new in RENAMES:
        rename_unit(revision, old, new, since="2019-03-01", basis=BASIS, in_text=True)
    edit(revision / "edition.yaml", "data_version: 1.0.0", "data_version: 1.1.0")
    edition = revision / "edition.yaml"
    text = edition.read_text(encoding="utf-8")
    start, end = text.index("document:\n"), text.index("parent:\n")
    edition.write_text(text[:start] + NOTICE + text[end:], encoding="utf-8")
    units = revision / "units.yaml"
    # a registry edit of a renamed unit, which the diff reports besides the rename
    edit(units, "    counterpart: 区农业农村委\n", "    counterpart: 区农业农村委\n" + RENAMED_UNIT_NOTE)
    edit(units, "  - name: 区财政局\n", NEW_UNITS["city"] + "  - name: 区财政局\n")
    text = units.read_text(encoding="utf-8")
    units.write_text(text + NEW_UNITS["district"], encoding="utf-8")
    services = revision / "services"
    # a transfer: the medical insurance bureaus lead medical assistance; civil affairs stay as partners
    edit(services / "medical-assistance.yaml", "city_units:\n  - 市民政局\n",
         "city_units:\n  - 市医保局\n  - 市民政局\n")
    edit(services / "medical-assistance.yaml", "district_units:\n  - 区民政局\n",
         "district_units:\n  - 区医保局\n  - 区民政局\n")
    # a raised amount
    nutrition = services / "rural-student-nutrition.yaml"
    edit(nutrition, "提供每生每年800元的营养膳食补助", "提供每生每年1000元的营养膳食补助")
    edit(nutrition, "quote: 每生每年800元\n    value: 800", "quote: 每生每年1000元\n    value: 1000")
    # a widened target
    edit(services / "barrier-free-environment.yaml", "target: 残疾人、老年人等",
         "target: 残疾人、老年人、孕妇、儿童等")
    # a service inserted mid-list, then everything renumbered
    (services / "veterans-employment-service.yaml").write_text(NEW_SERVICE, encoding="utf-8")
    renumber(revision, in_text=True)
    return revision


if __name__ == "__main__":
    build(Path(sys.argv[1]))
