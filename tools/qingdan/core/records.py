"""Immutable, typed records that cost little to declare: ``@frozen`` is ``@dataclass(frozen=True)``, built cheaply.

A frozen dataclass compiles six methods from generated source while its module is imported (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``): about 0.6 ms a class, a fifth of a run of
``qingdan validate`` on the shipped edition for the classes it imports. A ``@frozen`` class is the same dataclass to
whatever reads one (``dataclasses.fields``, ``replace``, ``asdict``, ``is_dataclass``, ``__match_args__``; the type
checker sees a frozen dataclass, through ``dataclass_transform``) and just as immutable, but its ``__init__``,
``__eq__``, ``__hash__`` (and with ``order`` its comparisons) are compiled, from the same source dataclasses would
write, only when each is first called: a run builds and compares instances of few of the classes it imports. The
repr lists the fields as dataclasses' does, and assigning or deleting a field raises
``dataclasses.FrozenInstanceError``.

A subclass of a ``@frozen`` class is declared ``@frozen`` too (dataclasses refuses a ``@dataclass(frozen=True)``
over one: it records the class as not frozen, since the refusal to assign is the record's own).
``tests/unit/test_records.py`` holds records to dataclasses' behaviour.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")

_FACTORY: Any = object()  # the default of a parameter whose field has a default_factory (as in dataclasses)


def _refuse_set(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:  # a record with __slots__ is copied and pickled as dataclasses does it
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=False):
        object.__setattr__(self, f.name, value)


def _repr(shown: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({fields})"

    return __repr__


_ORDER = {"__lt__": "<", "__le__": "<=", "__gt__": ">", "__ge__": ">="}


def _fields_tuple(owner: str, names: list[str]) -> str:
    return "(" + "".join(f"{owner}.{name}," for name in names) + ")"


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


def _source(cls: type, name: str) -> tuple[str, dict[str, Any]]:
    """The source of ``cls``'s method ``name`` as dataclasses writes it for a frozen dataclass, and its globals."""
    if name == "__init__":
        return _init_source(cls)
    fields = dataclasses.fields(cls)
    if name == "__hash__":
        hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
        return f"def __hash__(self):\n    return hash({_fields_tuple('self', hashed)})\n", {}
    compared = [f.name for f in fields if f.compare]
    operation = "==" if name == "__eq__" else _ORDER[name]
    return (f"def {name}(self, other):\n"
            f"    if other.__class__ is self.__class__:\n"
            f"        return {_fields_tuple('self', compared)} {operation} {_fields_tuple('other', compared)}\n"
            f"    return NotImplemented\n"), {}


def _compile(cls: type, name: str) -> Callable[..., Any]:
    source, names = _source(cls, name)
    exec(source, names)  # source built from the class's own field names, as dataclasses builds it
    method: Callable[..., Any] = names[name]
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    return method


def _lazy(cls: type, name: str) -> Callable[..., Any]:
    """A method that compiles ``cls``'s own ``name`` the first time it is called, puts it in its place and runs it."""

    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        compiled = _compile(cls, name)
        type.__setattr__(cls, name, compiled)
        return compiled(self, *args, **kwargs)

    method.__name__, method.__qualname__ = name, f"{cls.__qualname__}.{name}"
    return method


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
    # an InitVar is a parameter of dataclasses' __init__ only, which the lazily compiled one does not take: refused
    # here, where the class is declared, not at its first construction
    if any(f._field_type is dataclasses._FIELD_INITVAR for f in built.__dataclass_fields__.values()):  # type: ignore[attr-defined]
        raise TypeError(f"@frozen does not take InitVar fields ({cls.__name__}): use @dataclass(frozen=True)")
    if undocumented:
        built.__doc__ = f"{cls.__name__}({', '.join(f.name for f in fields if f.init)})"
    _check_defaults(built)
    methods: dict[str, Any] = {name: _lazy(built, name) for name in ("__init__", "__eq__", "__hash__",
                                                                     *(_ORDER if order else ()))}
    methods.update(__repr__=_repr(tuple(f.name for f in fields if f.repr)), __setattr__=_refuse_set,
                   __delattr__=_refuse_delete)
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
