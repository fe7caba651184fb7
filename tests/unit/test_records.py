"""A ``@frozen`` record (qingdan.core.records) behaves as the frozen dataclass it stands for: the same fields,
constructor, equality, hash, order, repr, immutability, copies and ``dataclasses`` functions, on twin classes
declared both ways and on the model's own classes built from the shipped edition."""

from __future__ import annotations

import ast
import copy
import dataclasses
import pickle
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from qingdan import api
from qingdan.core import model, results
from qingdan.core.records import frozen

PACKAGE = Path(__file__).resolve().parents[2] / "tools" / "qingdan"


@dataclass(frozen=True)
class PlainRow:
    target: str | None
    units: tuple[str, ...] = ()
    note: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PlainPart(PlainRow):
    id: str = ""
    seen: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    number: float = 0.0


@frozen
class Row:
    target: str | None
    units: tuple[str, ...] = ()
    note: str | None = field(default=None, compare=False)


@frozen
class Part(Row):
    id: str = ""
    seen: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    number: float = 0.0


@dataclass(frozen=True, order=True, slots=True)
class PlainPlace:
    path: str
    line: int | None = None
    key: tuple[str, ...] = field(default=(), compare=False)


@frozen(order=True, slots=True)
class Place:
    path: str
    line: int | None = None
    key: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlainMark(PlainPlace):
    weight: int


@frozen(slots=True, kw_only=True)
class Mark(Place):
    weight: int


@dataclass(frozen=True)
class PlainSingle:
    value: float


@frozen
class Single:
    value: float


@frozen
class Empty:
    pass


TWINS: list[tuple[type, type, list[tuple[tuple[Any, ...], dict[str, Any]]]]] = [
    (PlainRow, Row, [(("a",), {}), (("a", ("x", "y")), {"note": "n"}), ((None,), {"units": ()})]),
    (PlainPart, Part, [(("a",), {"id": "p"}), (("a", ("u",), "n", "p", {"k": 1}, 2.5), {}),
                       ((), {"target": "b", "number": 1.5})]),
    (PlainPlace, Place, [(("f.yaml",), {}), (("f.yaml", 3), {"key": ("a", 1)}), (("g.yaml", None), {})]),
    (PlainMark, Mark, [(("f.yaml",), {"weight": 2}), (("f.yaml", 4, ("k",)), {"weight": 1})]),
]


def _fields(cls: type) -> list[tuple[Any, ...]]:
    return [(f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare, f.kw_only)
            for f in dataclasses.fields(cls)]


@pytest.mark.parametrize(("plain", "ours", "calls"), TWINS, ids=[twin[1].__name__ for twin in TWINS])
def test_a_record_behaves_as_its_frozen_dataclass(plain: Any, ours: Any, calls: list[tuple[tuple[Any, ...],
                                                                                            dict[str, Any]]]) -> None:
    assert _fields(ours) == _fields(plain)
    assert ours.__match_args__ == plain.__match_args__
    assert hasattr(ours, "__slots__") == hasattr(plain, "__slots__")
    a = [plain(*args, **kwargs) for args, kwargs in calls]
    b = [ours(*args, **kwargs) for args, kwargs in calls]
    for x, y in zip(a, b, strict=True):
        assert repr(y) == repr(x).replace(plain.__name__ + "(", ours.__name__ + "(")
        assert hash(y) == hash(x)
        assert dataclasses.asdict(y) == dataclasses.asdict(x)
        assert dataclasses.astuple(y) == dataclasses.astuple(x)
        assert y == y and y == copy.copy(y) and y == copy.deepcopy(y) and y == pickle.loads(pickle.dumps(y))
        assert (y == x) is False and y != x  # another class, as two dataclasses
        with pytest.raises(dataclasses.FrozenInstanceError, match=r"cannot assign to field '(target|path)'"):
            setattr(y, "target" if "target" in y.__match_args__ else "path", "changed")
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(y, y.__match_args__[0])
        changed = dataclasses.replace(y, **{y.__match_args__[0]: "other"})
        assert type(changed) is ours and changed != y
        assert changed == dataclasses.replace(changed)
    # equality and hash over the compared fields only, in both
    for i, (x1, y1) in enumerate(zip(a, b, strict=True)):
        for x2, y2 in zip(a[i:], b[i:], strict=True):
            assert (y1 == y2) == (x1 == x2) and (hash(y1) == hash(y2)) == (hash(x1) == hash(x2))
    # the same errors for a wrong call
    for args, kwargs in [((), {}), (("a", "b", "c", "d", "e", "f", "g"), {}), (("a",), {"nope": 1})]:
        with pytest.raises(TypeError) as expected:
            plain(*args, **kwargs)
        with pytest.raises(TypeError) as got:
            ours(*args, **kwargs)
        assert str(got.value).split("() ", 1)[-1].replace("__record_self__", "self") == \
            str(expected.value).split("() ", 1)[-1]


def test_order_and_a_single_or_no_field_as_dataclasses_order_them() -> None:
    places = [Place("b.yaml", 2), Place("a.yaml", None, ("k",)), Place("a.yaml", 1), Place("b.yaml", 1)]
    plain = [PlainPlace("b.yaml", 2), PlainPlace("a.yaml", None, ("k",)), PlainPlace("a.yaml", 1),
             PlainPlace("b.yaml", 1)]
    with pytest.raises(TypeError):  # None against 1, in both
        sorted(plain)
    with pytest.raises(TypeError):
        sorted(places)
    places, plain = places[:1] + places[2:], plain[:1] + plain[2:]
    assert [repr(p) for p in sorted(places)] == [repr(p).replace("PlainPlace", "Place") for p in sorted(plain)]
    assert Place("a.yaml", 1) <= Place("a.yaml", 1, ("other",)) and not Place("a.yaml", 1) < Place("a.yaml", 1)
    assert Place("a.yaml").__lt__(PlainPlace("a.yaml")) is NotImplemented  # type: ignore[operator]
    nan = float("nan")  # the tuples compared hold the same object: equal, as in a dataclass
    assert (Single(nan) == Single(nan)) == (PlainSingle(nan) == PlainSingle(nan)) is True
    assert (Single(nan) == Single(float("nan"))) == (PlainSingle(nan) == PlainSingle(float("nan"))) is False
    assert Single(1.0) == Single(1) and hash(Single(2.0)) == hash(PlainSingle(2.0))
    assert Empty() == Empty() and hash(Empty()) == hash(()) and repr(Empty()) == "Empty()"


def test_a_field_without_a_default_after_one_with_a_default_is_refused_as_dataclasses_refuses_it() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        @frozen
        class Wrong:
            a: int = 0
            b: int  # type: ignore[misc]


def test_an_init_var_is_refused_where_the_record_is_declared() -> None:
    """dataclasses' __init__ takes an InitVar; the record's would not, and fail only at its first construction."""
    with pytest.raises(TypeError, match="InitVar"):
        @frozen
        class Wrong:
            a: int
            b: dataclasses.InitVar[int]


def test_the_models_records_hold_the_shipped_edition_as_before() -> None:
    edition = api.load("2017")
    service = edition.service("medical-assistance")
    assert dataclasses.is_dataclass(service) and isinstance(service, model.Row)
    assert service == dataclasses.replace(service) and hash(service) == hash(dataclasses.replace(service))
    assert service == dataclasses.replace(service, location=None)  # not compared, as declared
    assert service != dataclasses.replace(service, standard="changed")
    first = service.parts[0]
    assert service.shown(dataclasses.replace(first, standard=None)).standard == service.standard  # a Part's replace
    with pytest.raises(dataclasses.FrozenInstanceError):
        service.name = "changed"  # type: ignore[misc]
    unit = model.Unit("区民政局", "district", since=date(2018, 1, 1))
    assert repr(unit) == ("Unit(name='区民政局', level='district', counterpart=None, note=None, replaces=(), "
                          "since=datetime.date(2018, 1, 1), basis=None, location=None)")
    where = results.Location("a.yaml", 3, 5, ("services", 1))
    assert sorted([where, results.Location("a.yaml", 2)])[0].line == 2
    assert copy.deepcopy(where) == where and not hasattr(where, "__dict__")


def test_the_library_declares_its_immutable_classes_with_frozen() -> None:
    # a @dataclass(frozen=True) costs five times a @frozen class when its module is imported (every command imports
    # the model, the results and the loader's types), and dataclasses refuses one as a subclass of a @frozen class
    declared = [(path, node) for path in sorted(PACKAGE.rglob("*.py"))
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.ClassDef)]
    frozen_dataclasses = [f"{path.relative_to(PACKAGE)}: {node.name}" for path, node in declared
                          for decorator in node.decorator_list if isinstance(decorator, ast.Call)
                          and ast.unparse(decorator.func).endswith("dataclass")
                          and any(k.arg == "frozen" and ast.unparse(k.value) == "True" for k in decorator.keywords)]
    assert frozen_dataclasses == [], "declare these @frozen (qingdan.core.records)"
    records = [node.name for _, node in declared
               if any(ast.unparse(d).startswith("frozen") for d in node.decorator_list)]
    assert {"Service", "Part", "Edition", "Result", "Location"} <= set(records)
