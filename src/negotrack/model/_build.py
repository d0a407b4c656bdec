"""Build model objects as attrs' ``__init__`` builds them, without the keyword call.

Readers of large records (a scenario file of 10^5 statements) build hundreds of thousands
of statements and positions; attrs' generated ``__init__`` of a frozen class sets each
field through ``object.__setattr__`` by name, which costs more than the class's own checks.
:func:`many_builder` sets the same fields through their slots, a field at a time over
many objects (the loops run in C), each value through the field's own converter, and then
runs the same ``__attrs_post_init__`` on each: the one place the class's rules are written.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def _setters(cls: type, names: Sequence[str]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """Return ``(setter, converter)`` of ``names`` and ``(setter, value)`` of the other fields.

    A converter is None where the field has none; another field's value is its default,
    converted.

    Raises TypeError unless ``cls`` can be built field by field (see :func:`many_builder`).
    """
    fields = attrs.fields(cls)
    odd = [
        f.name
        for f in fields
        if isinstance(f.converter, attrs.Converter)  # one taking the instance or field
        or f.validator is not None
        or not f.init
        or isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
        or (f.default is attrs.NOTHING and f.name not in names)
    ]
    if odd or tuple(names) != tuple(f.name for f in fields[: len(names)]):
        raise TypeError(f"cannot build {cls.__name__} field by field ({odd or list(names)})")
    if not hasattr(cls, "__attrs_post_init__") or hasattr(cls, "__attrs_pre_init__"):
        raise TypeError(f"cannot build {cls.__name__} field by field (its __init__ hooks)")
    slots: list[Any] = [cls.__dict__.get(f.name) for f in fields]
    if any(type(s).__name__ != "member_descriptor" for s in slots):
        raise TypeError(f"cannot build {cls.__name__} field by field (not slotted)")
    given = tuple(
        (s.__set__, f.converter)
        for s, f in zip(slots[: len(names)], fields[: len(names)], strict=True)
    )
    rest = tuple(
        (s.__set__, f.default if f.converter is None else f.converter(f.default))
        for s, f in zip(slots[len(names) :], fields[len(names) :], strict=True)
    )
    return given, rest


def many_builder(cls: type[T], names: Sequence[str]) -> Callable[..., list[T]]:
    """Return ``build(*columns)``: ``[cls(**dict(zip(names, row))) for row in zip(*columns)]``.

    ``names`` are the class's leading fields, in order; the others take their defaults.
    The class must be a slotted attrs class whose fields have neither validators nor
    default factories (converters are plain functions of the value), so that its
    ``__init__`` does nothing but convert and set each field and call
    ``__attrs_post_init__`` — which ``build`` does too: every object gets every field (a
    field at a time over all of them, each value through the field's converter, as
    ``__init__`` passes it, defaults included), then each one's ``__attrs_post_init__``
    runs, objects in order; the first that fails raises (a converter that fails raises at
    once, so with several bad values the error may be another object's than a loop of
    constructor calls would raise first). The columns must be lists of one length.

    Raises
    ------
    TypeError
        If ``cls`` cannot be built field by field, or the columns differ in length.
    """
    given, rest = _setters(cls, names)
    check = cls.__attrs_post_init__  # type: ignore[attr-defined]

    def build(*columns: list[Any]) -> list[T]:
        n = len(columns[0]) if columns else 0
        if len(columns) != len(given) or any(len(c) != n for c in columns):
            raise TypeError(f"{cls.__name__}: {len(given)} columns of one length expected")
        objs: list[T] = list(map(object.__new__, repeat(cls, n)))
        for (set_value, convert), column in zip(given, columns, strict=True):
            deque(map(set_value, objs, column if convert is None else map(convert, column)), 0)
        for set_value, default in rest:
            deque(map(set_value, objs, repeat(default)), maxlen=0)
        deque(map(check, objs), maxlen=0)
        return objs

    return build
