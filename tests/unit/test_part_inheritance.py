"""A part's empty cell is merged with the cell above it in the published table: the model reads it as shown there
(Service.inherited, Service.shown), and the diff compares parts as shown. Sheet names for the task workbook."""

from __future__ import annotations

from dataclasses import replace

from qingdan.api import load
from qingdan.core.model import Edition, Service
from qingdan.diff.compare import compare
from qingdan.output.export.sheet_names import SheetNames


def _with(edition: Edition, service: Service) -> Edition:
    return replace(edition, services=tuple(service if s.id == service.id else s for s in edition.services))


def test_item_52_first_part_shows_the_service_standard_and_funding() -> None:
    service = load().service(52)
    first, second = service.parts
    assert (first.standard, first.funding, first.payers) == (None, None, ())  # as published: merged cells
    assert service.inherited(first) == {"standard": service.standard, "funding": service.funding,
                                        "payers": service.payers}
    shown = service.shown(first)
    assert (shown.standard, shown.funding, shown.target) == (service.standard, service.funding, first.target)
    assert service.inherited(second) == {} and service.shown(second) == second
    assert [row for _, row in service.shown_rows()] == [service, shown, second]


def test_an_empty_cell_takes_the_nearest_cell_above_it() -> None:
    service = load().service(52)
    first, second = service.parts
    # the second part's standard merged with the first's, which has one of its own: that one, not the service's
    merged = replace(service, parts=(replace(first, standard="子项一的标准"), replace(second, standard=None)))
    assert merged.inherited(merged.parts[1])["standard"] == "子项一的标准"


def test_the_diff_compares_parts_as_the_table_shows_them() -> None:
    edition = load()
    service = edition.service(52)
    first, second = service.parts
    # writing the merged cell's text out in the part: the table shows the same, so no change
    written_out = replace(service, parts=(replace(first, standard=service.standard), second))
    assert not [c for c in compare(edition, _with(edition, written_out)).changes if c.part == first.id]
    # a new standard for the service: told once, on the service's row, not again on the part that shows it
    revised = replace(service, standard=f"{service.standard}另有补充。")
    changes = [c for c in compare(edition, _with(edition, revised)).changes if c.service == service.id]
    assert changes and all(c.part is None for c in changes)
    # a part that had its own funding and now leaves it to the merge above: the shown funding changed
    own = replace(service, parts=(first, replace(second, funding=None)))
    assert [c for c in compare(edition, _with(edition, own)).changes if c.part == second.id]


def test_sheet_names_follow_excels_rules_and_stay_unique() -> None:
    names = SheetNames()
    long = "区" + "城乡基本公共服务均等化工作推进领导小组办公室" * 2
    given = [names.add(n) for n in ("汇总", "'区甲局'", "区abc局", "区ABC局", long, long + "甲", "区" + "𠀀" * 20,
                                    "区[历史]:局?", "History", "")]
    assert given[:4] == ["汇总", "区甲局", "区abc局", "区ABC局_2"]
    assert len({n.lower() for n in given}) == len(given)
    assert all(len(n.encode("utf-16-le")) // 2 <= 31 and n and n[0] != "'" and n[-1] != "'" for n in given)
    assert not any(c in n for n in given for c in "[]:*?/\\") and given[8].lower() != "history"
