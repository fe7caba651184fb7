"""Properties of compare() on mutated copies of the real edition: nothing from nothing, every edit seen, symmetry."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan.core import i18n
from qingdan.core.model import Edition, Service
from qingdan.diff import compare, mirror
from qingdan.edition.pipeline import load_edition

SHIPPED = Path(__file__).resolve().parents[2] / "policies" / "2017"


@cache
def real() -> Edition:
    return load_edition(SHIPPED)


def _renumber(services: list[Service]) -> tuple[Service, ...]:
    return tuple(replace(s, number=i) for i, s in enumerate(services, 1))


def _edit(edition: Edition, sid: str, **changes: Any) -> Edition:
    return replace(edition, services=tuple(replace(s, **changes) if s.id == sid else s for s in edition.services))


# Each mutation takes (edition, service, data) and returns the new edition and the (code, service id) it must cause.
def raise_or_lower(edition: Edition, service: Service, data: st.DataObject) -> tuple[Edition, str]:
    if not service.quantities:  # a row whose text states no amount
        return rename(edition, service, data)
    index = data.draw(st.integers(0, len(service.quantities) - 1))
    quantity = service.quantities[index]
    factor = data.draw(st.sampled_from([0.5, 0.9, 1.1, 2.0]))
    if quantity.value is not None:
        changed = replace(quantity, value=quantity.value * factor)
    else:
        changed = replace(quantity, minimum=(quantity.minimum or 0) * factor, maximum=(quantity.maximum or 0) * factor)
    quantities = tuple(changed if i == index else q for i, q in enumerate(service.quantities))
    return _edit(edition, service.id, quantities=quantities), "QC401" if factor > 1 else "QC402"


def rename(edition: Edition, service: Service, data: st.DataObject) -> tuple[Edition, str]:
    suffix = data.draw(st.sampled_from(["服务", "（试点）", "补助"]))
    return _edit(edition, service.id, name=service.name + suffix), "QC103"


def move(edition: Edition, service: Service, data: st.DataObject) -> tuple[Edition, str]:
    others = [c.id for c in edition.categories if c.id != service.category]
    return _edit(edition, service.id, category=data.draw(st.sampled_from(others))), "QC104"


def drop_unit(edition: Edition, service: Service, data: st.DataObject) -> tuple[Edition, str]:
    units = service.district_units
    if len(units) < 2:
        return add_unit(edition, service, data)
    index = data.draw(st.integers(1, len(units) - 1))  # not the lead: that is its own event
    return _edit(edition, service.id, district_units=units[:index] + units[index + 1:]), "QC302"


def add_unit(edition: Edition, service: Service, data: st.DataObject) -> tuple[Edition, str]:
    spare = [u.name for u in edition.units if u.level == "district" and u.name not in service.district_units]
    unit = data.draw(st.sampled_from(spare))
    return _edit(edition, service.id, district_units=(*service.district_units, unit)), "QC301"


def edit_target(edition: Edition, service: Service, data: st.DataObject) -> tuple[Edition, str]:
    text = service.target or ""
    # two characters cut where no number is touched: cutting into "12个" turns 12 into 1, which the diff rightly
    # reads as a number replaced (a rewording, QC203), not as text only removed; and a cut of punctuation alone
    # ("），") is rightly QC208, so the cut takes at least one word character
    starts = [i for i in range(len(text) - 2) if not any(c.isdigit() for c in text[max(0, i - 1):i + 3])
              and any(c.isalnum() for c in text[i:i + 2])]
    if len(text) > 4 and starts and data.draw(st.booleans()):
        start = data.draw(st.sampled_from(starts))
        return _edit(edition, service.id, target=text[:start] + text[start + 2:]), "QC202"
    return _edit(edition, service.id, target=text + "及其共同生活的家庭成员"), "QC201"


FIELD_MUTATIONS = [raise_or_lower, rename, move, drop_unit, add_unit, edit_target]


def mutated(data: st.DataObject) -> tuple[Edition, list[tuple[str, str]]]:
    """The real edition with one to three field edits on distinct services, then maybe an insertion or removal.

    Drawn inside the test (not as one strategy value) so that Hypothesis reports the small draws, not the edition.
    """
    edition = real()
    draw = data.draw
    ids = draw(st.lists(st.sampled_from([s.id for s in edition.services]), min_size=1, max_size=3, unique=True))
    expected = []
    for sid in ids:
        mutation = draw(st.sampled_from(FIELD_MUTATIONS))
        edition, code = mutation(edition, edition.service(sid), data)
        expected.append((code, sid))
    services = list(edition.services)
    structure = draw(st.sampled_from(["none", "insert", "remove"]))
    if structure == "insert":
        at = draw(st.integers(0, len(services)))
        template = services[min(at, len(services) - 1)]
        services.insert(at, replace(template, id="inserted-service", name="新增测试服务"))
        expected.append(("QC101", "inserted-service"))
    elif structure == "remove":
        victim = draw(st.sampled_from([s for s in services if s.id not in ids]))
        services.remove(victim)
        expected.append(("QC102", victim.id))
    return replace(edition, services=_renumber(services)), expected


def test_an_edition_compared_with_itself_is_empty() -> None:
    report = compare(real(), real())
    assert report.empty and report.bump == "none" and report.exit_code("any") == 0


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_mutation_is_reported(data: st.DataObject) -> None:
    edition, expected = mutated(data)
    seen = {(c.code, c.service) for c in compare(real(), edition).changes}
    for code, sid in expected:
        assert (code, sid) in seen
    assert compare(edition, edition).empty


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_swapping_the_sides_mirrors_the_report(data: st.DataObject) -> None:
    edition, _ = mutated(data)
    forward = compare(real(), edition)
    backward = compare(edition, real())
    assert Counter(mirror(c.code) for c in forward.changes) == Counter(c.code for c in backward.changes)
    assert {c.service for c in forward.changes} == {c.service for c in backward.changes}


def test_an_inserted_service_is_one_renumbering_line_not_dozens() -> None:
    services = list(real().services)
    services.insert(52, replace(services[52], id="inserted-service", name="新增测试服务"))
    report = compare(real(), replace(real(), services=_renumber(services)))
    assert [(c.code, c.text) for c in report.changes] == [
        ("QC105", "numbers 53–87 each up by 1 (35 services)"), ("QC101", "service added: 53 新增测试服务")]
    i18n.use("zh")  # the same changes in Chinese, worded as the notice's readers know them
    assert [c.text for c in report.changes] == ["第 53–87 项序号各加 1（共 35 项）", "新增服务项目 53 新增测试服务"]


def test_one_row_with_a_changed_and_an_added_quantity() -> None:
    """Both kinds in one row, the added one after the changed one (each classified on its own)."""
    service = next(s for s in real().services if len(s.quantities) >= 2)
    first = replace(service.quantities[0], value=(service.quantities[0].value or 1) * 2, minimum=None, maximum=None)
    old = _edit(real(), service.id, quantities=service.quantities[:1])
    new = _edit(real(), service.id, quantities=(first, *service.quantities[1:]))
    codes = [c.code for c in compare(old, new).changes]
    assert codes[0] == "QC401" and set(codes[1:]) == {"QC406"}
