"""Every message template a kind declares is said by compare() on some edit of the real edition, with exactly the
parameters the template takes (Kind.say refuses any other set), in both directions (old and new swapped)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from qingdan.core.model import Acceptance, Category, Crosswalk, CrosswalkEntry, Edition, Service, Unit
from qingdan.diff import KINDS, compare
from qingdan.diff.codes import message_key
from qingdan.edition.pipeline import load_edition
from qingdan.output.diff_render import render

SHIPPED = Path(__file__).resolve().parents[2] / "policies" / "2017"
EXAMPLE_2021 = Path(__file__).resolve().parents[1] / "revision" / "example-2021" / "2021"
Pair = tuple[Edition, Edition]


@cache
def real() -> Edition:
    return load_edition(SHIPPED)


def service(sid: str) -> Service:
    return next(s for s in real().services if s.id == sid)


def edit(sid: str, **changes: Any) -> Edition:
    edition = real()
    return replace(edition, services=tuple(replace(s, **changes) if s.id == sid else s for s in edition.services))


def renumbered(services: list[Service]) -> tuple[Service, ...]:
    return tuple(replace(s, number=i) for i, s in enumerate(services, 1))


def services() -> Iterator[Pair]:
    edition = real()
    kept = [s for s in edition.services if s.id != "film-screening"]
    yield edition, replace(edition, services=renumbered(kept))                                 # QC102 + a run
    last_but_one = [s for s in edition.services if s.number != 86]
    yield edition, replace(edition, services=renumbered(last_but_one))                         # a run of one
    moved = [s for s in edition.services if s.number != 10] + [service("high-school-national-grant")]
    yield edition, replace(edition, services=tuple(moved))                                     # QC106
    yield edition, edit("reading", name="阅读服务")
    yield edition, edit("reading", category="employment")
    medical = service("medical-assistance")
    yield edition, edit("medical-assistance", parts=medical.parts[:1])


def texts() -> Iterator[Pair]:
    s = service("boarding-student-allowance")
    assert s.target and s.standard and s.funding
    yield real(), edit(s.id, target=s.target + "和走读生")                                       # widened
    yield real(), edit(s.id, target=s.target.replace("家庭经济困难", "低收入家庭"))                   # reworded
    yield real(), edit(s.id, target=s.target + "。")                                           # punctuation
    for name in ("standard", "funding"):
        text = getattr(s, name)
        yield real(), edit(s.id, **{name: text + "另按规定执行补充条款。"})                       # a clause added
        raised = text.replace("1000元", "1100元") if name == "standard" else text.replace("5∶5", "6∶5")
        yield real(), edit(s.id, **{name: raised})                                             # a number, no quantity
    quantity = s.quantities[1]
    restated = (s.standard.replace("1000元", "1200元"),
                tuple(replace(q, value=1200, quote=q.quote.replace("1000", "1200")) if q is quantity else q
                      for q in s.quantities))
    yield real(), edit(s.id, standard=restated[0], quantities=restated[1])
    pension = service("resident-pension")
    assert pension.funding
    first = next(q for q in pension.quantities if q.field == "funding" and q.value is not None)
    value = int(first.value) if first.value == int(first.value or 0) else first.value
    yield real(), edit(pension.id, funding=pension.funding.replace(f"{value}", f"{value}0", 1),
                       quantities=tuple(replace(q, value=(q.value or 0) * 10) if q is first else q
                                        for q in pension.quantities))


def units() -> Iterator[Pair]:
    s = service("disability-insurance-aid")
    for name in ("city_units", "district_units"):
        a, b, c, *rest = getattr(s, name)
        outsider = "人行万州中心支行" if name == "district_units" else "市通信管理局"
        for listed in ((a, b, c, *rest, outsider),      # added
                       (a, b, outsider, *rest),         # c left, outsider came: a transfer
                       (b, a, c, *rest),                # lead handed to b, a stays
                       (b, c, *rest),                   # lead handed to b, a gone
                       (outsider, a, b, c, *rest),      # a new lead, a stays
                       (outsider, b, c, *rest),         # a new lead, a gone
                       (a, c, b, *rest)):               # reordered
            yield real(), edit(s.id, **{name: listed})


def quantities() -> Iterator[Pair]:
    s = service("boarding-student-allowance")
    q = s.quantities[1]
    assert s.standard
    with_text = s.standard + "另有补充。"
    yield real(), edit(s.id, quantities=tuple(replace(x, value=(x.value or 0) * 2) if x is q else x
                                             for x in s.quantities))                          # raised, relative
    yield real(), edit(s.id, quantities=s.quantities[:1], standard=with_text)                 # removed with the text
    yield real(), edit(s.id, quantities=s.quantities[:1])                                     # curated
    yield real(), edit(s.id, quantities=tuple(replace(x, unit="%") if x is q else x for x in s.quantities))
    yield real(), edit(s.id, quantities=tuple(replace(x, quote=x.quote + "。") if x is q else x
                                             for x in s.quantities))                          # restated
    ranged = service("high-school-national-grant")
    r = next(x for x in ranged.quantities if x.value is None)
    yield real(), edit(ranged.id, quantities=tuple(replace(x, maximum=(x.maximum or 0) * 2) if x is r else x
                                                  for x in ranged.quantities))                # a range raised
    for factor in (2, 0.5):  # a range raised and lowered, counted per something else: 每 … said on each side
        yield real(), edit(ranged.id, quantities=tuple(replace(x, maximum=(x.maximum or 0) * factor, per="每人每年")
                                                      if x is r else x for x in ranged.quantities))
    yield real(), edit(ranged.id, quantities=tuple(replace(x, quote=x.quote + "。") if x is r else x
                                                  for x in ranged.quantities))                # a range restated
    split = s.splits[0]
    shares = (replace(split.shares[0], value=6), *split.shares[1:])
    yield real(), edit(s.id, splits=(replace(split, shares=shares),))
    yield real(), edit(s.id, splits=())
    yield real(), edit(s.id, payers=s.payers[:1])
    yield real(), edit(s.id, payers=())


def curated() -> Iterator[Pair]:
    nutrition = service("rural-preschool-nutrition")
    yield real(), edit(nutrition.id, derivations=())
    medical = service("medical-assistance")
    yield real(), edit(medical.id, waivers=tuple(replace(w, reason=w.reason + "。") for w in medical.waivers))


LONG = "这是一段用于测试的很长的文字，" * 4


def metadata() -> Iterator[Pair]:
    meta = real().metadata
    parent = meta.parent
    assert parent is not None
    values: dict[str, tuple[Any, Any, Any, Any]] = {
        # field: (short old, short new, long old, long new)
        "requirements": ((("一", "甲"),), (("一", "乙"),), (("一", LONG),), (("一", LONG + "乙"),)),
        "signed": (date(2018, 1, 1), date(2018, 1, 2), None, None),
        "printed": (date(2018, 1, 1), date(2018, 1, 2), None, None),
        "copy_to": (("甲",), ("乙",), (LONG,), (LONG + "乙",)),
        "parent": (replace(parent, title="甲"), replace(parent, title="乙"),
                   replace(parent, title=LONG), replace(parent, title=LONG + "乙")),
        "period_start": (2016, 2017, 10 ** 41, 10 ** 41 + 1),
        "period_end": (2020, 2021, 10 ** 41, 10 ** 41 + 1),
        "accepted": ((Acceptance("QC102", "a", "甲"),), (Acceptance("QC102", "a", "乙"),),
                     (Acceptance("QC102", "a", LONG),), (Acceptance("QC102", "a", LONG + "乙"),)),
    }
    for name in ("edition", "data_version", "document_number", "issuer", "title", "table_title", "recipients",
                 "preamble", "signed", "printed", "requirements", "copy_to", "printer", "parent", "period_name",
                 "period_start", "period_end", "previous", "source", "accepted"):
        short_a, short_b, long_a, long_b = values.get(name, ("甲", "乙", LONG, LONG + "乙"))
        for a, b in ((short_a, short_b), (long_a, long_b)):
            if a is None:
                a, b = LONG, LONG + "乙"  # a date is never long: its long form is tried as text
            yield (replace(real(), metadata=replace(meta, **{name: a})),
                   replace(real(), metadata=replace(meta, **{name: b})))


def edition_level() -> Iterator[Pair]:
    edition = real()
    yield edition, replace(edition, categories=(*edition.categories, Category("extra", "九", "其他")))
    first, second, *rest = edition.categories
    yield edition, replace(edition, categories=(replace(first, name=first.name + "服务"), second, *rest))
    yield edition, replace(edition, categories=(second, first, *rest))
    units = edition.units
    yield edition, replace(edition, units=(*units, Unit("区新设局", "district")))
    index, _unit = next((i, u) for i, u in enumerate(units) if u.note is None)
    for before, after in ((None, "甲"), ("甲", None), ("甲", "乙")):
        changed = [replace(u, note=before) if i == index else u for i, u in enumerate(units)]
        again = [replace(u, note=after) if i == index else u for i, u in enumerate(units)]
        yield replace(edition, units=tuple(changed)), replace(edition, units=tuple(again))
    yield from lineage()


def lineage() -> Iterator[Pair]:
    """A rename, a merge and a split in the new registry (replaces), with every row naming the successors."""
    edition = real()
    names = [u.name for u in edition.units if u.level == "district"]
    a, b, c = names[0], names[1], names[2]

    def reform(successors: dict[str, tuple[str, ...]], new_units: list[Unit]) -> Edition:
        kept = [u for u in edition.units if u.name not in successors]
        rows = tuple(replace(s, district_units=tuple(dict.fromkeys(n for u in s.district_units
                                                                   for n in successors.get(u, (u,)))))
                     for s in edition.services)
        return replace(edition, units=tuple(kept + new_units), services=rows)

    yield edition, reform({a: (a + "新",)}, [Unit(a + "新", "district", replaces=(a,))])
    yield edition, reform({a: ("合并局",), b: ("合并局",)}, [Unit("合并局", "district", replaces=(a, b))])
    yield edition, reform({c: (c + "一",)}, [Unit(c + "一", "district", replaces=(c,)),
                                             Unit(c + "二", "district", replaces=(c,))])
    # with the date and the basis of the reform
    dated = Unit(a + "新", "district", replaces=(a,), since=date(2019, 3, 1), basis="改革方案")
    yield edition, reform({a: (a + "新",)}, [dated])
    yield edition, reform({a: ("合并局",), b: ("合并局",)}, [replace(dated, name="合并局", replaces=(a, b))])
    yield edition, reform({c: (c + "一",)}, [replace(dated, name=c + "一", replaces=(c,)),
                                             replace(dated, name=c + "二", replaces=(c,))])
    # the renamed unit inside the texts, written as its successor there too (QC210)
    first = edition.services[0]

    def named(s: Service, unit: str) -> Service:
        if s.id != first.id:
            return s
        return replace(s, target=f"{first.target}报{unit}审核。", standard=f"{first.standard}报{unit}审核。",
                       funding=f"{first.funding}报{unit}审核。")

    before = replace(edition, services=tuple(named(s, a) for s in edition.services))
    renamed = reform({a: (a + "新",)}, [Unit(a + "新", "district", replaces=(a,))])
    yield before, replace(renamed, services=tuple(named(s, a + "新") for s in renamed.services))


def crosswalks() -> Iterator[Pair]:
    """The example in the 2021 shape (a shape change, a split), and a merge and a split that loses text."""
    example = load_edition(EXAMPLE_2021)
    assert example.crosswalk is not None
    old = replace(real(), path=real().path.parent / example.crosswalk.previous)
    yield old, example
    pension, resident = service("employee-pension"), service("resident-pension")
    merged = replace(real(), services=renumbered([s for s in real().services if s.id != resident.id]),
                     crosswalk=Crosswalk("2017", (), (CrosswalkEntry("merged", (pension.id, resident.id),
                                                                     (pension.id,)),)))
    yield old, merged  # the resident pension's row is in no new row: QC113 besides QC112


EDITS: tuple[Callable[[], Iterator[Pair]], ...] = (services, texts, units, quantities, curated, metadata,
                                                    edition_level, crosswalks)


def test_every_declared_template_is_said_by_some_edit() -> None:
    said: set[tuple[str, str]] = set()
    reports = []
    for make in EDITS:
        for old, new in make():
            for a, b in ((old, new), (new, old)):
                reports.append(compare(a, b))
                for change in reports[-1].changes:
                    said.add((change.code, message_key(change.code, change.message.template)))
    declared = {(code, key) for code, kind in KINDS.items() for key in kind.messages}
    assert declared - said == set()
    # and every typed value of every kind has the shape the diff JSON schema gives it
    schema = json.loads((SHIPPED.parents[1] / "schema" / "diff.schema.json").read_text(encoding="utf-8"))
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(json.loads(render("json", reports)))]
    assert errors == []
