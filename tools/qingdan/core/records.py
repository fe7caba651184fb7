"""Immutable, typed records that cost little to declare: ``@frozen`` is ``@dataclass(frozen=True)``, built cheaply.

A frozen dataclass compiles six methods from generated source while its module is imported (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``): about 0.6 ms a class, a fifth of a run of
``qingdan validate`` on the shipped edition for the classes it imports. A ``@frozen`` class is the same dataclass to
whatever reads one (``dataclasses.fields``, ``replace``, ``asdict``, ``is_dataclass``, ``__match_args__``; the type
checker sees a frozen dataclass, through ``dataclass_transform``) and just as immutable, but only its ``__init__`` is
compiled, from the same source dataclasses would write, and only when its first instance is built (a run builds
instances of few of the classes it imports). The other methods are shared by every such record and behave as
dataclasses' do: equality, hashing and order compare the tuple of the compared fields (``operator.attrgetter``),
the repr lists the fields, and assigning or deleting a field raises ``dataclasses.FrozenInstanceError``.

A subclass of a ``@frozen`` class is declared ``@frozen`` too (dataclasses refuses a ``@dataclass(frozen=True)``
over one: it records the class as not frozen, since the refusal to assign is the record's own).
``tests/unit/test_records.py`` holds records to dataclasses' behaviour.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")

_FACTORY: Any = object()  # the default of a parameter whose field has a default_factory (as in dataclasses)


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of the fields ``names`` of an object, as dataclasses' methods build it."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        key = self.__record_compared__
        return key(self) == key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__record_hashed__(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_shown__)
    return f"{self.__class__.__qualname__}({shown})"


def _refuse_set(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:  # a record with __slots__ is copied and pickled as dataclasses does it
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=False):
        object.__setattr__(self, f.name, value)


def _order(compare: Callable[[tuple[Any, ...], tuple[Any, ...]], bool]) -> Callable[[Any, Any], Any]:
    def method(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            key = self.__record_compared__
            return compare(key(self), key(other))
        return NotImplemented

    return method


_ORDER = {"__lt__": _order(lambda a, b: a < b), "__le__": _order(lambda a, b: a <= b),
          "__gt__": _order(lambda a, b: a > b), "__ge__": _order(lambda a, b: a >= b)}


def _init_source(cls: type) -> tuple[str, dict[str, Any]]:
    """The source of ``cls``'s __init__, as dataclasses writes a frozen dataclass's, and the names it uses."""
    names: dict[str, Any] = {"__record_set__": object.__setattr__, "__record_factory__": _FACTORY}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for f in dataclasses.fields(cls):
        default = f"__record_default_{f.name}__"
        if f.default is not dataclasses.MISSING:
            names[default] = f.default
            value = default
        elif f.default_factory is not dataclasses.MISSING:
            names[default] = f.default_factory
            value = "__record_factory__"
        else:
            value = ""
        if f.init:
            (keyword if f.kw_only else positional).append(f"{f.name}={value}" if value else f.name)
            given = (f"{default}() if {f.name} is __record_factory__ else {f.name}"
                     if value == "__record_factory__" else f.name)
        elif value:
            given = f"{default}()" if value == "__record_factory__" else default
        else:
            continue
        body.append(f"    __record_set__(__record_self__, {f.name!r}, {given})")
    if hasattr(cls, "__post_init__"):
        body.append("    __record_self__.__post_init__()")
    parameters = ", ".join(["__record_self__", *positional, *(["*", *keyword] if keyword else [])])
    return f"def __init__({parameters}):\n" + ("\n".join(body) or "    pass") + "\n", names


def _compile_init(cls: type) -> Callable[..., None]:
    source, names = _init_source(cls)
    exec(source, names)  # source built from the class's own field names, as dataclasses builds it
    init: Callable[..., None] = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _lazy_init(cls: type) -> Callable[..., None]:
    """An __init__ that compiles ``cls``'s own the first time it is called, puts it in its place and runs it."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        init = _compile_init(cls)
        type.__setattr__(cls, "__init__", init)
        init(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _check_defaults(cls: type) -> None:
    """dataclasses' refusal of a field without a default after one with a default (keyword-only ones aside)."""
    seen_default = False
    for f in dataclasses.fields(cls):
        if not f.init or f.kw_only:
            continue
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            if seen_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
        else:
            seen_default = True


def _build(cls: type[_T], order: bool, slots: bool, kw_only: bool) -> type[_T]:
    own = cls.__dict__
    if "__setattr__" in own or "__delattr__" in own:
        raise TypeError(f"cannot overwrite attribute __setattr__ or __delattr__ in {cls.__name__}")
    # dataclasses words a missing docstring from inspect.signature (a third of the cost): worded from the fields
    undocumented = not cls.__doc__
    if undocumented:
        cls.__doc__ = cls.__name__
    built: type[_T] = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=slots, kw_only=kw_only)
    fields = dataclasses.fields(built)  # type: ignore[arg-type]
    if undocumented:
        built.__doc__ = f"{cls.__name__}({', '.join(f.name for f in fields if f.init)})"
    _check_defaults(built)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    # class attributes, not fields (static: a lambda would be bound to the instance)
    setattr(built, "__record_compared__", staticmethod(_key(compared)))  # noqa: B010
    setattr(built, "__record_hashed__", staticmethod(_key(hashed)))  # noqa: B010
    setattr(built, "__record_shown__", tuple(f.name for f in fields if f.repr))  # noqa: B010
    methods: dict[str, Any] = {"__init__": _lazy_init(built), "__repr__": _repr, "__eq__": _eq, "__hash__": _hash,
                               "__setattr__": _refuse_set, "__delattr__": _refuse_delete}
    if order:
        methods.update(_ORDER)
    if slots:
        methods.update(__getstate__=_getstate, __setstate__=_setstate)
    # a __hash__ of the class's own is kept; Python's None for a class that defines __eq__ alone is not
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    for name, method in methods.items():
        if name in ("__setattr__", "__delattr__") or (not explicit_hash if name == "__hash__" else name not in own):
            type.__setattr__(built, name, method)
    return built


@overload
def frozen(cls: type[_T], /) -> type[_T]: ...


@overload
def frozen(*, order: bool = False, slots: bool = False, kw_only: bool = False) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: type[_T] | None = None, /, *, order: bool = False, slots: bool = False, kw_only: bool = False
           ) -> type[_T] | Callable[[type[_T]], type[_T]]:
    """``@frozen`` or ``@frozen(order=..., slots=..., kw_only=...)``: the class as a frozen dataclass (see the
    module docstring), with ``dataclasses.field`` for its fields' options."""

    def wrap(cls: type[_T]) -> type[_T]:
        return _build(cls, order, slots, kw_only)

    return wrap if cls is None else wrap(cls)


__all__ = ["frozen"]
