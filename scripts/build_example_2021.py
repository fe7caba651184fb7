"""Build the example edition in the 2021 shape (tests/revision/example-2021/2021) from the shipped 2017 edition.

The example is NOT an official text. It imagines Wanzhou's list rewritten as a district implementation of a standard
in the shape of the national basic public service standard of 2021 (发改社会〔2021〕443号): 9 areas (方面) and 22
categories (大类), the names from the published table of contents (docs/data/national-standards-2021-2023.md), and
服务内容 + 服务标准 where 2017 had one 服务指导标准. No official table of that standard was available, so which
category each of our 87 services goes to is this script's reading of the names, not a published allocation. It is
made reproducibly from policies/2017:

- every service keeps its id, name, texts, amounts and units, and moves to the category below (crosswalk: moved);
  its 服务指导标准 is cut, at a sentence end, into 服务内容 (the sentences before the first one stating a number)
  and 服务标准 (the rest), so the two joined are the old text exactly;
- 医疗救助 (item 52) is split: its part 疾病应急救助 becomes a service of its own (crosswalk: split), its text kept;
- the 2023 adjustments that concern our services (docs/data/national-standards-2021-2023.md): 增补叶酸预防神经管缺陷
  服务 added under 优孕优生服务 (crosswalk: new); the rural compulsory-education nutrition subsidy raised from 800 to
  1000 元 a year (5 元 × 200 days, an inference the sources state as such); the target of 农村危房改造 widened;
- services are numbered 1..N in the order of areas, categories and their old numbers; crosswalk.yaml lists every
  old and new service with its relation, and the old column's new columns.

``python scripts/build_example_2021.py [OUT]`` writes OUT/2021 (default: tests/revision/example-2021); the test
suite rebuilds it and checks that the committed example is exactly what this script makes.
"""

from __future__ import annotations

import copy
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from qingdan.edition.shapes import shape
from qingdan.io.loading import load_document
from qingdan.io.writing import dumps

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "policies" / "2017"
DEFAULT_OUT = REPO / "tests" / "revision" / "example-2021"
NAME = "2021"
SHAPE = shape("standard-2021")

# The 9 areas and their 22 categories, as the 2021 national standard's table of contents names them.
AREAS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("childcare", "幼有所育", [("eugenics", "优孕优生服务"), ("child-health-services", "儿童健康服务"),
                           ("child-care-services", "儿童关爱服务")]),
    ("education", "学有所教", [("preschool-aid", "学前教育助学服务"), ("compulsory-education", "义务教育服务"),
                           ("high-school-aid", "普通高中助学服务"), ("vocational-aid", "中等职业教育助学服务")]),
    ("work", "劳有所得", [("employment-services", "就业创业服务"),
                      ("injury-unemployment-insurance", "工伤失业保险服务")]),
    ("medical", "病有所医", [("public-health", "公共卫生服务"), ("medical-insurance", "医疗保险服务"),
                         ("family-planning-aid", "计划生育扶助服务")]),
    ("elderly", "老有所养", [("elderly-care", "养老助老服务"), ("pension-insurance", "养老保险服务")]),
    ("housing", "住有所居", [("public-rental", "公租房服务"), ("housing-renovation", "住房改造服务")]),
    ("vulnerable", "弱有所扶", [("social-assistance", "社会救助服务"), ("public-legal-services", "公共法律服务"),
                            ("disability-services", "扶残助残服务")]),
    ("military", "优军服务保障", [("veterans-services", "优军优抚服务")]),
    ("culture-sports", "文体服务保障", [("public-culture", "公共文化服务"), ("public-sports", "公共体育服务")]),
]
NUMERALS = "一二三四五六七八九十"

# Each 2017 service's category in the example (this script's reading of the names; see the docstring).
CATEGORY = {
    "free-compulsory-education": "compulsory-education", "rural-student-nutrition": "compulsory-education",
    "boarding-student-allowance": "compulsory-education", "preschool-aid": "preschool-aid",
    "inclusive-kindergarten-funding": "preschool-aid", "rural-preschool-nutrition": "preschool-aid",
    "vocational-national-grant": "vocational-aid", "vocational-tuition-waiver": "vocational-aid",
    "vocational-lodging-aid": "vocational-aid", "high-school-national-grant": "high-school-aid",
    "high-school-fee-waiver": "high-school-aid", "poor-student-free-textbooks": "high-school-aid",
    "public-employment-service": "employment-services", "entrepreneurship-service": "employment-services",
    "employment-assistance": "employment-services", "graduate-internship": "employment-services",
    "joint-recruitment-service": "employment-services", "vocational-training-certification": "employment-services",
    "hotline-12333": "employment-services", "labour-relations": "employment-services",
    "labour-dispute-arbitration": "employment-services", "labour-inspection": "employment-services",
    "employee-pension": "pension-insurance", "resident-pension": "pension-insurance",
    "employee-medical-insurance": "medical-insurance", "maternity-insurance": "medical-insurance",
    "resident-medical-insurance": "medical-insurance", "unemployment-insurance": "injury-unemployment-insurance",
    "work-injury-insurance": "injury-unemployment-insurance", "health-records": "public-health",
    "health-education": "public-health", "vaccination": "child-health-services",
    "infectious-disease-response": "public-health", "child-health": "child-health-services",
    "maternal-health": "eugenics", "elderly-health": "elderly-care", "chronic-disease-management": "public-health",
    "severe-mental-illness-management": "public-health", "health-supervision": "public-health",
    "tuberculosis-management": "public-health", "tcm-health-management": "public-health",
    "hiv-follow-up": "public-health", "hiv-high-risk-intervention": "public-health",
    "preconception-checkup": "eugenics", "essential-medicines": "public-health",
    "family-planning-guidance": "eugenics", "rural-family-planning-reward": "family-planning-aid",
    "family-planning-special-aid": "family-planning-aid", "food-drug-safety": "public-health",
    "minimum-living-allowance": "social-assistance", "extreme-poverty-support": "social-assistance",
    "medical-assistance": "social-assistance", "temporary-assistance": "social-assistance",
    "disaster-relief": "social-assistance", "legal-aid": "public-legal-services",
    "public-legal-service": "public-legal-services", "elderly-welfare-allowance": "elderly-care",
    "children-in-difficulty": "child-care-services", "left-behind-children": "child-care-services",
    "basic-funeral-service": "social-assistance", "veterans-preferential-care": "veterans-services",
    "veterans-resettlement": "veterans-services", "veterans-collective-care": "veterans-services",
    "public-rental-housing": "public-rental", "shantytown-renovation": "housing-renovation",
    "rural-dilapidated-housing": "housing-renovation", "free-cultural-facilities": "public-culture",
    "local-opera-delivery": "public-culture", "radio-listening": "public-culture",
    "television-viewing": "public-culture", "film-screening": "public-culture", "reading": "public-culture",
    "ethnic-minority-culture": "public-culture", "cultural-sports-activities": "public-culture",
    "cultural-heritage-visits": "public-culture", "public-sports-venues": "public-sports",
    "national-fitness": "public-sports", "disability-allowances": "disability-services",
    "disabled-unemployed-minimum-living": "disability-services", "disability-insurance-aid": "disability-services",
    "disability-housing": "disability-services", "disability-day-care": "disability-services",
    "disability-rehabilitation": "disability-services", "disability-education": "disability-services",
    "disability-employment": "disability-services", "disability-culture-sports": "disability-services",
    "barrier-free-environment": "disability-services",
}

SPLIT_SERVICE, SPLIT_PART = "medical-assistance", "emergency-aid"
SPLIT_NEW = {"id": "disease-emergency-aid", "name": "疾病应急救助"}
FOLIC_ACID = {
    "id": "folic-acid-supplement", "number": 0, "category": "eugenics", "name": "增补叶酸预防神经管缺陷服务",
    "target": "农村计划怀孕妇女", "content": "为农村计划怀孕妇女免费增补叶酸，预防神经管缺陷。",
    "standard": "孕前3个月至孕早期3个月免费增补叶酸。", "funding": "中央、市和区县财政共同负责。",
    "city_units": ["市卫生计生委", "市财政局"], "district_units": ["区卫生计生委", "区财政局"],
    "payers": ["central", "city", "district"],
}
NUTRITION = ("rural-student-nutrition", "每生每年800元", "每生每年1000元", 1000)
WIDENED = ("rural-dilapidated-housing", "贫困残疾人家庭", "贫困残疾人家庭、农村低保边缘家庭")

EDITION: dict[str, Any] = {
    "shape": "standard-2021",
    "edition": NAME,
    "data_version": "2.0.0",
    "previous": "2017",
    "source": None,
    "document": {
        "number": "示例府办发〔2022〕1号",
        "issuer": "重庆市万州区人民政府办公室（示例）",
        "title": "重庆市万州区人民政府办公室（示例）关于印发万州区基本公共服务实施标准的通知（测试用示例，非官方文本）",
        "recipients": "区政府各部门，有关单位：",
        "preamble": "为落实国家基本公共服务标准（2021年版）及其2023年调整，现将万州区基本公共服务实施标准印发给你们。"
                    "本通知是按2021年版标准的结构由2017年清单改写的测试用示例，不是官方文本。",
        "requirements": [{"heading": "落实责任",
                          "text": "一、落实责任。各牵头负责单位要按照实施标准抓好落实。（示例）"}],
        "signed": "2023-10-01",
        "printed": "2023-10-08",
        "printer": "重庆市万州区人民政府办公室（示例）",
        "copy_to": ["区委办公室"],
        "table_title": "万州区基本公共服务实施标准（示例）",
    },
    "parent": {"number": "发改社会〔2021〕443号", "title": "国家基本公共服务标准（2021年版）"},
    "period": {"name": "十四五", "start": 2021, "end": 2025},
}
SENTENCE = re.compile(r"[^。；]*[。；]|[^。；]+$")
DIGIT = re.compile(r"[0-9０-９]")


def cut(text: str | None, quotes: list[str]) -> tuple[str | None, str | None]:
    """服务指导标准 as 服务内容 + 服务标准: the sentences before the first one holding a quantity's quote (or,
    without quantities, stating a number) are the content, the rest the standard; a text with neither is the first
    sentence as the content and the rest as the standard. Joined, they are ``text`` exactly."""
    if not text:
        return None, text
    pieces = SENTENCE.findall(text)
    at = next((i for i, piece in enumerate(pieces) if any(q in piece for q in quotes)), None) if quotes else \
        next((i for i, piece in enumerate(pieces) if DIGIT.search(piece)), None)
    if at is None:
        at = 1
    content, standard = "".join(pieces[:at]), "".join(pieces[at:])
    assert content + standard == text
    return content or None, standard or None


def in_shape(row: dict[str, Any]) -> dict[str, Any]:
    """A row (service or part) of the 2017 shape in the 2021 shape: its standard cut into content + standard."""
    quotes = [q["quote"] for q in row.get("quantities") or () if q["field"] == "standard"]
    content, standard = cut(row.get("standard"), quotes)
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key == "standard":
            out["content"] = content
            out["standard"] = standard
        else:
            out[key] = value
    return out


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, (old, text)
    return text.replace(old, new)


def services_2021() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The example's services in order, and the crosswalk's service entries."""
    old = sorted((load_document(p).data for p in (SHIPPED / "services").glob("*.yaml")), key=lambda s: s["number"])
    order = [category for _area, _name, categories in AREAS for category, _ in categories]
    made: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for data in old:
        data = copy.deepcopy(data)
        category = CATEGORY[data["id"]]
        relation = "moved" if category != data["category"] else "same"
        data["category"] = category
        if data["id"] == NUTRITION[0]:
            data["standard"] = edit(data["standard"], NUTRITION[1], NUTRITION[2])
            for quantity in data["quantities"]:
                if quantity["quote"] == NUTRITION[1]:
                    quantity["quote"], quantity["value"] = NUTRITION[2], NUTRITION[3]
        if data["id"] == WIDENED[0]:
            data["target"] = edit(data["target"], WIDENED[1], WIDENED[2])
        if data["id"] == SPLIT_SERVICE:
            part = next(p for p in data["parts"] if p["id"] == SPLIT_PART)
            data["parts"] = [p for p in data["parts"] if p["id"] != SPLIT_PART]
            moved_out = {"id": SPLIT_NEW["id"], "number": 0, "category": category, "name": SPLIT_NEW["name"],
                         **{k: v for k, v in part.items() if k != "id"}}
            made.append(in_shape(data))
            made.append(in_shape(moved_out))
            entries.append({"relation": "split", "old": [data["id"]], "new": [data["id"], SPLIT_NEW["id"]]})
            continue
        made.append(in_shape(data))
        entries.append({"relation": relation, "old": [data["id"]], "new": [data["id"]]})
    made.append(copy.deepcopy(FOLIC_ACID))
    entries.append({"relation": "new", "old": [], "new": [FOLIC_ACID["id"]]})
    made.sort(key=lambda s: order.index(s["category"]))  # stable: within a category, the old order
    for number, service in enumerate(made, start=1):
        service["number"] = number
    return made, entries


def edition_yaml() -> dict[str, Any]:
    data = copy.deepcopy(EDITION)
    data["areas"] = [{"id": area, "numeral": NUMERALS[i], "name": name} for i, (area, name, _) in enumerate(AREAS)]
    data["categories"] = [{"id": category, "numeral": NUMERALS[j], "name": name, "area": area}
                          for area, _name, categories in AREAS for j, (category, name) in enumerate(categories)]
    return data


def build(out: Path) -> Path:
    """Write OUT/2021, the example; return it."""
    target = out / NAME
    if target.exists():
        shutil.rmtree(target)
    (target / "services").mkdir(parents=True)
    services, entries = services_2021()
    (target / "edition.yaml").write_text(dumps(edition_yaml(), SHAPE.schema_kind("edition")), encoding="utf-8")
    shutil.copy2(SHIPPED / "units.yaml", target / "units.yaml")
    for service in services:
        (target / "services" / f"{service['id']}.yaml").write_text(dumps(service, SHAPE.schema_kind("service")),
                                                                   encoding="utf-8")
    crosswalk = {"from": "2017",
                 "columns": [{"from": "target", "to": ["target"]}, {"from": "standard", "to": ["content", "standard"]},
                             {"from": "funding", "to": ["funding"]}],
                 "services": entries}
    (target / "crosswalk.yaml").write_text(dumps(crosswalk, "crosswalk"), encoding="utf-8")
    return target


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
