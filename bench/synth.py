"""Synthetic editions made from the shipped one, for the benchmark: any number of services, same validate verdict.

Service ``i`` is a copy of real service ``i mod 87`` with a fresh id, its own number and a name naming a district;
copies scale every money amount (元, 万元: in the texts, the quotes and the quantities, so splits and derivations
still add up) by 1–5 and write some amounts in 元 instead of 万元, so texts differ between copies. The source text
gets one table row per service (the stray separator of item 67 repeats with every copy, and so does its waiver).
A revised copy changes about 1 % of the services (a name and a target) and inserts one service in the
middle, which renumbers every service after it.

Each distinct (service, multiplier) is written once by qingdan's own canonical writer, then copied with its id,
number and name lines replaced; editions are cached by size and generator version under the given folder.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "policies" / "2017"
VERSION = "3"

PLACES = ("万州区", "黔江区", "涪陵区", "渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区",
          "綦江区", "大足区", "渝北区", "巴南区", "长寿区", "江津区", "合川区", "永川区", "南川区", "璧山区", "铜梁区",
          "潼南区", "荣昌区", "开州区", "梁平区", "武隆区", "城口县", "丰都县", "垫江县", "忠县", "云阳县",
          "奉节县", "巫山县", "巫溪县", "石柱县", "秀山县", "酉阳县", "彭水县")
# an amount, or a range of amounts (1000―3000元), followed by its money unit
MONEY_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:([―—～~-])(\d+(?:\.\d+)?))?(万元|元)")
MONEY_UNITS = ("元", "万元")


def _scaled(number: str, factor: int) -> str:
    value = Decimal(number) * factor
    text = format(value.normalize(), "f")
    return text


def _scale_text(text: str, factor: int) -> str:
    def scale(match: re.Match[str]) -> str:
        low, dash, high, unit = match.groups()
        upper = f"{dash}{_scaled(high, factor)}" if dash else ""
        return f"{_scaled(low, factor)}{upper}{unit}"

    return MONEY_RE.sub(scale, text)


def _as_number(text: str) -> int | float:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(text)


def _scale_row(row: dict[str, Any], factor: int) -> None:
    for name in ("standard", "funding"):
        if isinstance(row.get(name), str):
            row[name] = _scale_text(row[name], factor)
    for quantity in row.get("quantities") or ():
        if quantity["unit"] not in MONEY_UNITS:
            continue
        quantity["quote"] = _scale_text(quantity["quote"], factor)
        for key in ("value", "minimum", "maximum"):
            if key in quantity:
                quantity[key] = _as_number(_scaled(repr(quantity[key]).removesuffix(".0"), factor))


def scaled_service(data: dict[str, Any], factor: int) -> dict[str, Any]:
    result = copy.deepcopy(data)
    if factor != 1:
        _scale_row(result, factor)
        for part in result.get("parts") or ():
            _scale_row(part, factor)
    return result


def _name(name: str, copy_index: int) -> str:
    if copy_index == 0:
        return name
    place = PLACES[copy_index % len(PLACES)]
    round_ = copy_index // len(PLACES)
    return f"{name}（{place}{'' if round_ == 0 else f'第{round_ + 1}批'}）"


def _blocks(text: str) -> tuple[list[str], dict[str, str], dict[int, list[str]], list[str]]:
    """The source text cut into header blocks, category blocks by numeral, row blocks by number, footer blocks."""
    blocks = text.split("\n\n")
    header: list[str] = []
    categories: dict[str, str] = {}
    rows: dict[int, list[str]] = {}
    footer: list[str] = []
    current: int | None = None
    for block in blocks:
        first = block.split("\n", 1)[0]
        if re.match(r"^\t[一二三四五六七八九十]+、", first):
            categories[first[1:].split("、", 1)[0]] = block
            current = None
        elif re.match(r"^\t\d+$", first):
            current = int(first[1:])
            rows[current] = [block]
        elif first == "\t" and current is not None:
            rows[current].append(block)
        elif not categories:
            header.append(block)
        else:
            footer.append(block)
    return header, categories, rows, footer


def _real() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from qingdan.io.loading import load_document

    services = [load_document(p).data for p in sorted((REAL / "services").glob("*.yaml"))]
    services.sort(key=lambda d: d["number"])
    return services, load_document(REAL / "edition.yaml").data


def _retitle(text: str, service_id: str, number: int, name: str) -> str:
    text = re.sub(r"^id: .*$", f"id: {service_id}", text, count=1, flags=re.M)
    text = re.sub(r"^number: .*$", f"number: {number}", text, count=1, flags=re.M)
    return re.sub(r"^name: .*$", f"name: {name}", text, count=1, flags=re.M)


def plan(size: int, services: list[dict[str, Any]], categories: list[str]) -> list[tuple[int, int, int]]:
    """(real index, copy index, multiplier) of each synthetic service, in document order."""
    real = len(services)
    picks = [(i % real, i // real) for i in range(size)]
    order = {category: index for index, category in enumerate(categories)}
    picks.sort(key=lambda p: (order[services[p[0]]["category"]], p[1], services[p[0]]["number"]))
    return [(index, copy_index, 1 + (copy_index % 5)) for index, copy_index in picks]


def generate(size: int, target: Path, *, revised: bool = False) -> Path:
    """Write a synthetic edition of ``size`` services (and, with ``revised``, its revised copy) to ``target``."""
    services, edition = _real()
    from qingdan.io.writing import dumps

    categories = [c["id"] for c in edition["categories"]]
    numerals = {c["id"]: c["numeral"] for c in edition["categories"]}
    layout = plan(size, services, categories)
    rendered: dict[tuple[int, int], str] = {}
    out_services = target / "services"
    out_services.mkdir(parents=True)
    shutil.copy(REAL / "edition.yaml", target / "edition.yaml")
    shutil.copy(REAL / "units.yaml", target / "units.yaml")
    header, category_blocks, row_blocks, footer = _blocks((REAL / "source.txt").read_text(encoding="utf-8"))
    source: list[str] = list(header)
    changed = set(range(50, size, 100)) if revised else set()  # 1 % of the services
    inserted_at = size // 2 if revised else -1
    number = 0
    last_category = None
    for position, (index, copy_index, factor) in enumerate(layout):
        data = services[index]
        if data["category"] != last_category:
            last_category = data["category"]
            source.append(category_blocks[numerals[last_category]])
        entries = [(data, copy_index, factor, False)]
        if position == inserted_at:
            entries.insert(0, (data, 9999, 7, True))
        for entry_data, entry_copy, entry_factor, is_new in entries:
            number += 1
            key = (index, entry_factor)
            if key not in rendered:
                rendered[key] = dumps(scaled_service(entry_data, entry_factor), "service")
            service_id = f"{entry_data['id']}-{entry_copy}" if entry_copy else entry_data["id"]
            name = "新增" + entry_data["name"] + "服务" if is_new else _name(entry_data["name"], entry_copy)
            text = rendered[key]
            if position in changed and not is_new:
                name += "（调整）"
                if not re.search(r"^target: (\||null|\")", text, flags=re.M):
                    text = text.replace("\ntarget: ", "\ntarget: 全体", 1)
            text = _retitle(text, service_id, number, name)
            (out_services / f"{service_id}.yaml").write_text(text, encoding="utf-8")
            for block_index, block in enumerate(row_blocks[entry_data["number"]]):
                block = _scale_text(block, entry_factor)
                if block_index == 0:
                    lines = block.split("\n")
                    lines[0], lines[1] = f"\t{number}", f"\t{name}"
                    block = "\n".join(lines)
                source.append(block)
    source.extend(footer)
    (target / "source.txt").write_text("\n\n".join(source), encoding="utf-8")
    return target


def fingerprint() -> str:
    digest = hashlib.sha256(VERSION.encode())
    for path in sorted(REAL.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]


def edition_pair(size: int, cache: Path) -> tuple[Path, Path]:
    """The synthetic edition of ``size`` services and its revised copy, generated once into ``cache``."""
    folder = cache / f"{size}-{fingerprint()}"
    old, new = folder / "old" / "edition", folder / "new" / "edition"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        generate(size, old)
        generate(size, new, revised=True)
        (folder / "done").write_text(json.dumps({"size": size}), encoding="utf-8")
    return old, new


def revise_real(target: Path) -> Path:
    """A revised copy of the shipped edition: one service changed, one inserted in the middle."""
    return generate(len(list((REAL / "services").glob("*.yaml"))), target, revised=True)
