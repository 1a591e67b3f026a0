"""Frozen value classes for the core types on `trainer score`'s path, without `dataclasses`.

`dataclasses` imports `inspect` (and with it `ast`, `dis`, `tokenize`): ≈ 8 ms of every
`trainer score` process, a fifth of what the command adds to reading its two files
(DESIGN §9, docs/PERFORMANCE.md). The types the command loads (Problem, Taxonomy, Span,
Counts, StudentScore, DiscernmentCounts, KeyArticle, …) are made with `record` instead: what
`@dataclass(frozen=True)` gives them — an `__init__` taking the fields in order (with their
defaults, a `field(default_factory=…)`, and `__post_init__` if the class has one), `__repr__`,
`__eq__` and `__hash__` over the fields in order, `__match_args__`, assignment refused with
FrozenInstanceError — and, with `ordered_record`, the comparisons of `order=True`.
`replace(obj, **changes)` is dataclasses.replace for them. tests/test_record.py checks each
against a dataclass of the same fields. mypy reads both decorators as dataclasses
(`typing.dataclass_transform`).

Only what these types use is supported: no inheritance of fields, no `init=False` or
keyword-only fields, no slots (cached_property needs the instance dict).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform

    _T = TypeVar("_T")
    _C = TypeVar("_C", bound=type)
else:
    def dataclass_transform(**_options: object) -> Callable[[object], object]:
        """typing.dataclass_transform does nothing at run time either: it tells mypy."""
        return lambda decorator: decorator

_FIELDS = "__record_fields__"
_MISSING = object()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a record (dataclasses.FrozenInstanceError's counterpart)."""


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], object]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], _T]) -> _T:
    """A field whose default is made afresh for each instance (as dataclasses.field)."""
    return _Factory(default_factory)  # type: ignore[return-value]  # record replaces it


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _field_values(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """A record's field values as a tuple, in field order (attrgetter of one name gives the
    bare value, of none it cannot be made)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _compared_by(values: Callable[[object], tuple[Any, ...]], names: tuple[str, ...],
                 order: bool) -> dict[str, Callable[..., Any]]:
    """__repr__, __eq__, __hash__ and (with `order`) the order methods over the fields'
    values, as @dataclass(frozen=True, order=order) makes them. Closures, not compiled source: only
    __init__ is compiled (compiling each class's methods was most of the cost of importing a
    module of records)."""

    def __repr__(self: object) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(names, values(self),
                                                                     strict=True))
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    def __hash__(self: object) -> int:
        return hash(values(self))

    def __lt__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) < values(other)
        return NotImplemented

    def __le__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) <= values(other)
        return NotImplemented

    def __gt__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) > values(other)
        return NotImplemented

    def __ge__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) >= values(other)
        return NotImplemented

    made: dict[str, Callable[..., Any]] = {"__repr__": __repr__, "__eq__": __eq__,
                                           "__hash__": __hash__}
    if order:
        made |= {"__lt__": __lt__, "__le__": __le__, "__gt__": __gt__, "__ge__": __ge__}
    return made


def _build(cls: _C, order: bool) -> _C:
    # Not inspect.get_annotations: importing inspect is what this module avoids.
    annotations: dict[str, str] = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    names = tuple(n for n, a in annotations.items() if not str(a).startswith("ClassVar"))
    namespace: dict[str, Any] = {"_MISSING": _MISSING}
    params, body = [], []
    for name in names:
        default = cls.__dict__.get(name, _MISSING)
        if isinstance(default, _Factory):
            namespace[f"_make_{name}"] = default.make
            params.append(f"{name}=_MISSING")
            body.append(f"  if {name} is _MISSING: {name} = _make_{name}()")
            delattr(cls, name)  # as dataclasses does: no class attribute for a factory field
        elif default is not _MISSING:
            namespace[f"_default_{name}"] = default
            params.append(f"{name}=_default_{name}")
        else:
            if any("=" in p for p in params):
                raise TypeError(f"non-default argument {name!r} follows default argument")
            params.append(name)
    # Straight into the instance dict: the frozen __setattr__ refuses, and this is faster.
    body.append("  _d = self.__dict__")
    body.extend(f"  _d[{name!r}] = {name}" for name in names)
    if "__post_init__" in cls.__dict__:
        body.append("  self.__post_init__()")
    exec("\n".join([f"def __init__(self, {', '.join(params)}) -> None:", *body]), namespace)
    methods = {"__init__": namespace["__init__"],
               **_compared_by(_field_values(names), names, order)}
    for method, function in methods.items():
        function.__qualname__ = f"{cls.__qualname__}.{method}"
        own = cls.__dict__.get(method, _MISSING)
        # A class defining __eq__ gets __hash__ = None from Python: not a hash of its own.
        if own is _MISSING or (method == "__hash__" and own is None
                               and "__eq__" in cls.__dict__):
            setattr(cls, method, function)
    cls.__setattr__ = _frozen_setattr  # type: ignore[assignment,method-assign]
    cls.__delattr__ = _frozen_delattr  # type: ignore[assignment,method-assign]
    setattr(cls, "__match_args__", names)  # noqa: B010 — mypy refuses the plain assignment
    setattr(cls, _FIELDS, names)
    return cls


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: _C) -> _C:
    """@dataclass(frozen=True), without importing dataclasses (see the module docstring)."""
    return _build(cls, order=False)


@dataclass_transform(frozen_default=True, order_default=True, field_specifiers=(field,))
def ordered_record(cls: _C) -> _C:
    """@dataclass(frozen=True, order=True), without importing dataclasses."""
    return _build(cls, order=True)


def replace(obj: _T, **changes: Any) -> _T:
    """A copy of the record `obj` with some fields changed (dataclasses.replace)."""
    names: tuple[str, ...] = getattr(type(obj), _FIELDS)
    unknown = set(changes) - set(names)
    if unknown:
        raise TypeError(f"{type(obj).__qualname__} has no field {sorted(unknown)[0]!r}")
    return type(obj)(**{n: changes[n] if n in changes else getattr(obj, n) for n in names})
