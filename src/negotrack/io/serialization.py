"""The one cattrs converter of negotrack: how every model object becomes plain data and back.

Scenario files (:mod:`negotrack.io.scenario`) and the store (:mod:`negotrack.io.store`) both
go through the converter built here; nothing else in the library turns model objects into
dicts, so each rule of the file format is written once.

Why one module of about a thousand lines (over issue 17's ~900-line guide): it is one
topic, the file format in both directions, and its parts are one contract. The hooks are
registered in one place, :func:`configure_converter`; :func:`problems` is their other side,
reading exactly what they raise (wrong-type errors, item notes, the marker for a value left
unread because of another problem) and listing allowed keys in the order the hooks write
them; the region, statement and clause hooks share one scale context with :func:`structure`.
Split up, that vocabulary of a dozen private helpers would be imported from module to module
with the coupling no looser. The sections (scale context, errors, primitives, collections,
attrs classes, scales, regions, clauses, then the converter and the reading functions) are
in reading order; if the file grows, the errors section (``problems`` and its helpers) is
the first to move out.

The rules, in short:

* Scales are a tagged union with the explicit, stable tag ``kind``
  (``"numeric"``, ``"ordinal"``, ``"nominal"``, the classes' ``Scale.kind``).
* Clauses are told apart by their one required key: ``{"issue": ..., "region": ...}`` is an
  :class:`~negotrack.IssueClause`, ``{"event": ...}`` an :class:`~negotrack.EventClause`.
* Regions are written without their scale (numeric: ``[[lo, hi], ...]``; labelled: a list
  of labels), so a region, a position or a clause can only be read together with the scale
  of its issue: statements and issue clauses look their issue up in the timeline being
  built, which is passed along by :func:`structure`.
* Dates are ISO strings (``"2025-12-28"``); the TOML converter (``native_dates=True``)
  writes TOML dates instead and both read either.
* Credibility is written as its lower-case name; optional fields equal to their default are
  left out; unknown keys are errors; numbers, strings and booleans are never coerced
  (``"15"`` is not a number, ``1`` is not ``true``).
* Detailed validation is on: every problem in a document is collected, and
  :func:`problems` turns cattrs' error groups into :class:`~negotrack.errors.NegotrackError`
  objects whose ``path`` is a JSON path such as ``$.statements[3].position.ideal``.

Examples
--------
>>> import negotrack as nt
>>> from negotrack.io import serialization
>>> years = nt.NumericScale(0, 100, unit="years")
>>> serialization.unstructure(years)
{'kind': 'numeric', 'lo': 0, 'hi': 100, 'unit': 'years'}
>>> pos = nt.Position(ideal=50, acceptable=nt.Region.interval(years, 15, 100), salience=0.9)
>>> doc = serialization.unstructure(pos)
>>> doc
{'ideal': 50, 'acceptable': [[15, 100]], 'salience': 0.9}
>>> serialization.structure(doc, nt.Position, scale=years) == pos
True
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import difflib
import enum
import itertools
import math
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import partial
from itertools import compress, repeat
from operator import is_not, itemgetter
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from negotrack.errors import (
    InvalidRecordError,
    InvalidTypeError,
    NegotrackError,
    ScenarioError,
)
from negotrack.model._build import many_builder
from negotrack.model.entities import Issue, Position, Source, SourceKind
from negotrack.model.regions import Region
from negotrack.model.scales import NominalScale, NumericScale, OrdinalScale, Scale
from negotrack.timeline.records import (
    Condition,
    ConditionKind,
    Credibility,
    Event,
    EventClause,
    IssueClause,
    Statement,
)
from negotrack.timeline.timeline import Timeline

__all__ = [
    "SCALE_KINDS",
    "common_statements",
    "configure_converter",
    "converter",
    "make_converter",
    "problems",
    "structure",
    "suggest",
    "unknown_key",
    "unstructure",
]

T = TypeVar("T")

#: The scale classes by their stable tag (the ``kind`` key in files).
SCALE_KINDS: dict[str, type[Scale]] = {
    cls.kind: cls for cls in (NumericScale, OrdinalScale, NominalScale)
}

#: Largest integer a float holds exactly; integral floats below it are written as integers.
_EXACT_INT = 2**53

#: The order keys are written in (fields not listed follow in attrs order).
_KEY_ORDER: dict[type, tuple[str, ...]] = {
    Issue: ("id", "title", "description"),
    Event: ("id", "date", "title", "credibility", "disputed_by", "description"),
    Statement: ("id", "party", "issue", "date", "credibility", "supersedes", "cites"),
    Condition: ("id", "holder", "kind", "date", "credibility", "supersedes", "lifted"),
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MODEL_PATH = re.compile(r"[A-Za-z_]\w*(?:\(.*?\))?\.(.+)")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# ---------------------------------------------------------------------------- scale context
# A region is written without its scale, so reading one needs the scale of its issue.
# Statements and issue clauses find it by their ``issue`` key through ``_SCALE_OF`` (set by
# :func:`structure` from the timeline being built) and hand it to the region hook through
# ``_SCALE``. ``_UNRESOLVED`` marks a scale that cannot be known because the issue itself
# is bad; that problem is reported once, at the issue, and the region is not read.

_UNRESOLVED: Any = object()
_SCALE: contextvars.ContextVar[Any] = contextvars.ContextVar("negotrack_scale", default=None)
_SCALE_OF: contextvars.ContextVar[Callable[[str], Scale] | None] = contextvars.ContextVar(
    "negotrack_scale_of", default=None
)


class _UnreadableError(NegotrackError):
    """A value that cannot be read because another, already reported, problem prevents it."""


# ---------------------------------------------------------------------------- errors


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest choice, or ``""`` if none is close.

    Examples
    --------
    >>> from negotrack.io.serialization import suggest
    >>> suggest("idael", ["ideal", "acceptable", "salience"])
    " (did you mean 'ideal'?)"
    >>> suggest("zzz", ["ideal"])
    ''
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown_key(key: object, allowed: Iterable[str], path: str) -> InvalidRecordError:
    """Return the error for an unknown key, with a "did you mean" suggestion.

    Parameters
    ----------
    key : object
        The key found.
    allowed : iterable of str
        The keys allowed at that place.
    path : str
        JSON path of the mapping holding the key.

    Returns
    -------
    InvalidRecordError
        Whose ``path`` is the key's own path.

    Examples
    --------
    >>> from negotrack.io.serialization import unknown_key
    >>> err = unknown_key("idael", ["ideal", "acceptable"], "$.statements[0].position")
    >>> err.path, err.message
    ('$.statements[0].position.idael', "unknown key 'idael' (did you mean 'ideal'?); allowed keys: ideal, acceptable")
    """
    allowed = list(allowed)
    text = str(key)
    return InvalidRecordError(
        f"unknown key {text!r}{suggest(text, allowed)}; allowed keys: {', '.join(allowed)}",
        path=_key_path(path, text),
        value=key,
    )


def _key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if _IDENTIFIER.fullmatch(key) else f"{path}[{key!r}]"


def _here(err: NegotrackError, rel: str = "") -> NegotrackError:
    """Re-path a model error to a place relative to the value being read."""
    message = err.message
    if err.path and message.startswith(f"{err.path}="):
        message = message[len(err.path) + 1 :]
    return type(err)(message, path=rel, value=err.value)


def _relative(err: NegotrackError) -> str:
    """Return the part of a model error's path below the object that raised it."""
    path = err.path or ""
    if not path or path[0] in ".[":
        return path
    match = _MODEL_PATH.fullmatch(path)
    return f".{match.group(1)}" if match else ""


def _located(err: NegotrackError, path: str) -> NegotrackError:
    if isinstance(err, ScenarioError):
        return err
    return _here(err, path + _relative(err))


def problems(exc: BaseException, path: str = "$") -> list[NegotrackError]:
    """Turn an exception raised while structuring into problems with JSON paths.

    cattrs' error groups (with detailed validation) are walked: attributes add ``.name``,
    list items ``[i]``. Model errors raised by constructors carry paths such as
    ``"Position.ideal"``; they are re-pathed below the object (``... .position.ideal``)
    and their message loses the now redundant ``Position.ideal=`` prefix.

    Parameters
    ----------
    exc : BaseException
        What :func:`structure` (or a converter from :func:`make_converter`) raised.
    path : str, optional
        JSON path of the value that was being structured (default ``"$"``).

    Returns
    -------
    list of NegotrackError
        One per problem, in document order, each with a ``$.`` path.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io import serialization
    >>> s = nt.NumericScale(0, 100)
    >>> try:
    ...     serialization.structure({"ideal": 120, "acceptable": [[15, 100]]}, nt.Position, scale=s)
    ... except nt.errors.ScenarioError as err:
    ...     print(err.details())
    $.ideal: 120 is outside acceptable region [15, 100] on scale 0–100
    """
    out: list[NegotrackError] = []
    _walk(exc, path, out)
    return out


def _walk(exc: BaseException, path: str, out: list[NegotrackError]) -> None:  # noqa: PLR0912 - one branch per kind of error, flat on purpose
    if isinstance(exc, ClassValidationError):
        with_notes, others = exc.group_exceptions()
        for sub, note in with_notes:
            _walk(sub, _key_path(path, note.name), out)
        for sub in others:
            _walk(sub, path, out)
    elif isinstance(exc, IterableValidationError):
        items, others = exc.group_exceptions()
        for sub, item in items:
            index = item.index
            _walk(sub, f"{path}[{index}]" if isinstance(index, int) else f"{path}[{index!r}]", out)
        for sub in others:
            _walk(sub, path, out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        allowed = _allowed_keys(exc.cl)
        out.extend(unknown_key(key, allowed, path) for key in sorted(exc.extra_fields, key=str))
    elif isinstance(exc, _UnreadableError):
        return
    elif isinstance(exc, NegotrackError):
        out.append(_located(exc, path))
    elif isinstance(exc, KeyError):
        out.append(InvalidRecordError("required key is missing", path=path))
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            _walk(member, path, out)
    else:
        out.append(
            InvalidRecordError(
                f"cannot read this value ({type(exc).__name__}: {exc})", path=path, value=None
            )
        )


def _allowed_keys(cl: type) -> list[str]:
    if not attrs.has(cl):
        return []
    keys = [a.name for a in attrs.fields(cl) if a.init]
    if isinstance(cl, type) and issubclass(cl, Scale):
        keys.insert(0, "kind")
    order = _KEY_ORDER.get(cl, ())
    return [k for k in order if k in keys] + [k for k in keys if k not in order]


def _type_name(value: object) -> str:
    names = {
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        list: "an array",
        dict: "a table",
        type(None): "null",
        datetime.date: "a date",
        datetime.datetime: "a date-time",
        datetime.time: "a time",
    }
    return names.get(type(value), type(value).__name__)


def _wrong_type(value: object, expected: str) -> InvalidTypeError:
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    return InvalidTypeError(
        f"{shown} must be {expected}, not {_type_name(value)}", path="", value=value
    )


# ---------------------------------------------------------------------------- primitives


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise _wrong_type(value, "a string")
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise _wrong_type(value, "true or false")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong_type(value, "a number")
    try:
        return float(value)
    except OverflowError:
        raise InvalidTypeError(
            f"{str(value)[:20]}... is too large for a number", path="", value=None
        ) from None


def _structure_float(value: Any, _: Any) -> float:
    return _number(value)


def _unstructure_float(value: float) -> float | int:
    """Integral floats are written as integers (``15`` rather than ``15.0``)."""
    if math.isfinite(value) and value == int(value) and abs(value) < _EXACT_INT:
        return int(value)
    return value


def _structure_value(value: Any, _: Any) -> float | str:
    """Read a value on a scale: a number, or a label."""
    if type(value) is float:  # what _number returns as it is (NaN and infinities included)
        return value
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong_type(value, "a number or a label")
    if isinstance(value, int) and abs(value) <= _EXACT_INT:
        return value  # kept as written, so messages show "120", not "120.0"
    return _number(value)


def _structure_optional_value(value: Any, _: Any) -> float | str | None:
    return None if value is None else _structure_value(value, None)


#: Dates already read from ISO strings (records on one day share one object); bounded.
_DATES: dict[str, datetime.date] = {}
_SHARED_MAX = 4096


def _structure_date(value: Any, _: Any) -> datetime.date:
    if type(value) is str:
        known = _DATES.get(value)
        if known is not None:  # the same string was read (and checked) before
            return known
    if isinstance(value, datetime.datetime | datetime.time):
        raise _wrong_type(value, "a date without a time (YYYY-MM-DD)")
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise _wrong_type(value, "a date (YYYY-MM-DD)")
    if not _ISO_DATE.fullmatch(value):
        raise InvalidTypeError(
            f"{value!r} is not a date: write dates as YYYY-MM-DD", path="", value=value
        )
    try:
        date = datetime.date.fromisoformat(value)
    except ValueError as err:
        raise InvalidTypeError(
            f"{value!r} is not a valid date ({err})", path="", value=value
        ) from None
    if len(_DATES) >= _SHARED_MAX:
        _DATES.clear()
    _DATES[value] = date
    return date


def _unstructure_date_iso(value: datetime.date) -> str:
    return value.isoformat()


def _unstructure_date_native(value: datetime.date) -> datetime.date:
    return value


def _enum_hooks(
    cls: type[enum.Enum], names: Mapping[str, enum.Enum]
) -> tuple[Callable[[Any, Any], Any], Callable[[Any], str]]:
    inverse = {member: name for name, member in names.items()}

    def structure_enum(value: Any, _: Any) -> Any:
        if isinstance(value, str) and value in names:
            return names[value]
        if not isinstance(value, str):
            raise _wrong_type(value, f"one of: {', '.join(names)}")
        raise InvalidRecordError(
            f"{value!r} is not a {cls.__name__} value{suggest(value, names)}; use one of: "
            f"{', '.join(names)}",
            path="",
            value=value,
        )

    def unstructure_enum(value: Any) -> str:
        return inverse[value]

    return structure_enum, unstructure_enum


# ---------------------------------------------------------------------------- collections


def _is_list(t: Any) -> bool:
    origin: Any = get_origin(t)
    return origin is list


def _is_homogeneous_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    item = get_args(t)[0]
    as_list = conv.get_structure_hook(list[item])  # type: ignore[valid-type]

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _wrong_type(value, "an array")
        return tuple(as_list(value, list[item]))  # type: ignore[valid-type]

    return structure_tuple


def _structure_list_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    item = get_args(t)[0] if get_args(t) else Any
    hook = conv.get_structure_hook(item)

    def structure_list(value: Any, _: Any) -> list[Any]:
        if not isinstance(value, list | tuple):
            raise _wrong_type(value, "an array")
        out: list[Any] = []
        errors: list[Exception] = []
        for i, element in enumerate(value):
            try:
                out.append(hook(element, item))
            except Exception as err:
                errors.append(_item(err, i, item))
        if errors:
            raise IterableValidationError(f"While structuring a list of {item}", errors, list)
        return out

    return structure_list


# ---------------------------------------------------------------------------- attrs classes


def _attrs_structure_factory(cl: type, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cl, conv, _cattrs_forbid_extra_keys=True
    )

    def structure_attrs(value: Any, _: Any) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):  # dicts: no ABC check
            raise _wrong_type(value, "a table")
        return generated(value, cl)

    return structure_attrs


def _attrs_unstructure_factory(cl: type, conv: cattrs.Converter) -> Callable[[Any], Any]:
    generated: Callable[[Any], Any] = make_dict_unstructure_fn(
        cl, conv, _cattrs_omit_if_default=True
    )
    order = _KEY_ORDER.get(cl)
    if order is None:
        return generated

    def unstructure_ordered(value: Any) -> dict[str, Any]:
        doc = generated(value)
        first = {k: doc[k] for k in order if k in doc}
        return first | {k: v for k, v in doc.items() if k not in first}

    return unstructure_ordered


_ONLY_STR = frozenset({str})


def _shared(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Wrap the hook of an immutable class of strings (a source) to read equal documents once.

    Equal documents then share one object (several statements cite one report). A document
    holding anything but strings, or failing, goes through ``hook`` every time.
    """
    cache: dict[tuple[tuple[str, str], ...], Any] = {}

    def structure_shared(value: Any, cl: Any) -> Any:
        if type(value) is not dict:
            return hook(value, cl)
        if not _ONLY_STR.issuperset(map(type, value.values())):  # in C, no generator
            return hook(value, cl)
        key = tuple(value.items())
        known = cache.get(key)
        if known is None:
            known = hook(value, cl)
            if len(cache) >= _SHARED_MAX:
                cache.clear()
            cache[key] = known
        return known

    return structure_shared


def _needs_issue_scale(
    generated: Callable[[Any, Any], Any], what: str
) -> Callable[[Any, Any], Any]:
    """Wrap the hook of a class holding a region, so its issue's scale is looked up first."""

    def structure_with_scale(value: Any, cl: Any) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):  # dicts: no ABC check
            raise _wrong_type(value, "a table")
        scale_of = _SCALE_OF.get()
        scale = _SCALE.get()
        issue_error: NegotrackError | None = None
        if scale_of is not None:
            issue = value.get("issue")
            if isinstance(issue, str):
                try:
                    scale = scale_of(issue)
                except NegotrackError as err:
                    issue_error = _here(err, ".issue")
                    scale = _UNRESOLVED
            else:
                scale = _UNRESOLVED  # the issue's own problem is reported by its field
        token = _SCALE.set(scale)
        try:
            result = generated(value, cl)
        except ClassValidationError as group:
            if issue_error is None:
                raise
            raise ClassValidationError(
                group.message, [issue_error, *group.exceptions], cl
            ) from None
        finally:
            _SCALE.reset(token)
        if issue_error is not None:  # pragma: no cover - the region cannot be read without it
            raise ClassValidationError(f"While structuring {what}", [issue_error], cl)
        return result

    return structure_with_scale


# ---------------------------------------------------------------------------- scales


def _scale_hooks(
    conv: cattrs.Converter,
) -> tuple[Callable[[Any, Any], Scale], dict[type, Callable[[Any, Any], Any]]]:
    generated = {
        cls: make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
        for cls in SCALE_KINDS.values()
    }

    def read(value: Any, expected: type[Scale] | None) -> Scale:
        if not isinstance(value, Mapping):
            raise _wrong_type(value, "a table with a 'kind' key")
        kind = value.get("kind")
        if kind is None:
            kinds = ", ".join(SCALE_KINDS)
            raise _kind_error(InvalidRecordError(f"a scale needs a kind: one of {kinds}", path=""))
        if not isinstance(kind, str) or kind not in SCALE_KINDS:
            shown = kind if isinstance(kind, str) else repr(kind)
            err = InvalidRecordError(
                f"{shown!r} is not a scale kind{suggest(str(kind), SCALE_KINDS)}; use one of: "
                f"{', '.join(SCALE_KINDS)}",
                path="",
                value=kind,
            )
            raise _kind_error(err)
        cls = SCALE_KINDS[kind]
        if expected is not None and cls is not expected:
            err = InvalidRecordError(
                f"kind={kind!r} where a {expected.kind} scale is expected", path="", value=kind
            )
            raise _kind_error(err)
        rest = {k: v for k, v in value.items() if k != "kind"}
        result: Scale = generated[cls](rest, cls)
        return result

    def structure_scale(value: Any, _: Any) -> Scale:
        return read(value, None)

    concrete: dict[type, Callable[[Any, Any], Any]] = {}
    for cls in SCALE_KINDS.values():

        def structure_concrete(value: Any, _: Any, _cls: type[Scale] = cls) -> Scale:
            if isinstance(value, Mapping) and "kind" not in value:
                value = {"kind": _cls.kind, **value}
            return read(value, _cls)

        concrete[cls] = structure_concrete
    return structure_scale, concrete


def _kind_error(err: Exception) -> ClassValidationError:
    """Wrap a problem with a scale's ``kind`` key as cattrs would, so it is found at ``.kind``."""
    err.__notes__ = [*getattr(err, "__notes__", []), AttributeValidationNote("kind", "kind", Any)]
    return ClassValidationError("While structuring a scale", [err], Scale)


def _scale_unstructure_factory(cl: type, conv: cattrs.Converter) -> Callable[[Any], Any]:
    generated: Callable[[Any], Any] = make_dict_unstructure_fn(
        cl, conv, _cattrs_omit_if_default=True
    )

    def unstructure_scale(value: Scale) -> dict[str, Any]:
        return {"kind": value.kind, **generated(value)}

    return unstructure_scale


# ---------------------------------------------------------------------------- regions


def _structure_region(value: Any, _: Any) -> Region:
    scale = _SCALE.get()
    if scale is _UNRESOLVED:
        raise _UnreadableError("the region's scale is unknown", path="")
    if scale is None:
        raise InvalidRecordError(
            "a region can be read only with the scale of its issue; use "
            "negotrack.io.serialization.structure(..., scale=...) or issues=...",
            path="",
        )
    return region_from_document(value, scale)


def region_from_document(value: Any, scale: Scale) -> Region:
    """Read a region on ``scale``: ``[[lo, hi], ...]`` (numeric) or ``[label, ...]``.

    Parameters
    ----------
    value : list
        The document.
    scale : Scale
        The scale of the region's issue.

    Returns
    -------
    Region

    Raises
    ------
    cattrs.errors.IterableValidationError
        Holding one error per bad item (turn it into messages with :func:`problems`).
    InvalidTypeError
        If ``value`` is not a list.
    """
    if not isinstance(value, list | tuple):
        expected = "an array of labels" if scale.discrete else "an array of [lo, hi] pairs"
        raise _wrong_type(value, expected)
    try:  # a sound document is checked once, as a whole, by the region's constructors
        return _region_at_once(value, scale)
    except Exception:  # any problem: read item by item, to name every bad item
        return _region_by_item(value, scale)


def _region_by_item(value: list[Any] | tuple[Any, ...], scale: Scale) -> Region:
    """Read a region document item by item, raising one error per bad item (with its index)."""
    errors: list[Exception] = []
    if scale.discrete:
        labels: list[str] = []
        for i, item in enumerate(value):
            try:
                if not isinstance(item, str):
                    raise _wrong_type(item, f"a label of scale {scale}")
                scale.coord(item, field="label")
                labels.append(item)
            except NegotrackError as err:
                errors.append(_item(_here(err), i))
        if errors:
            raise IterableValidationError("While structuring a region", errors, list)
        return Region.labels(scale, labels)
    pairs: list[tuple[float, float]] = []
    for i, item in enumerate(value):
        try:
            if not isinstance(item, list | tuple) or len(item) != 2:
                raise _wrong_type(item, "a [lo, hi] pair")
            lo, hi = (_number(x) for x in item)
            try:
                Region.of(scale, [(item[0], item[1])])
            except NegotrackError as err:
                raise _here(
                    err, {"Region.lo": "[0]", "Region.hi": "[1]"}.get(err.path or "", "")
                ) from None
            pairs.append((lo, hi))
        except NegotrackError as err:
            errors.append(_item(err, i))
    if errors:
        raise IterableValidationError("While structuring a region", errors, list)
    return Region.of(scale, pairs)


def _region_at_once(value: list[Any] | tuple[Any, ...], scale: Scale) -> Region:
    """Read a region document in one constructor call; raise on its first problem.

    The same checks as the item-by-item reading of :func:`region_from_document` (each
    label's type here; every pair's shape, every bound's type and place and every interval
    by ``Region.labels`` / ``Region.of``, once), which runs only when this raises, to name
    each bad item in the converter's words.
    """
    if scale.discrete:
        for item in value:
            if not isinstance(item, str):
                raise _wrong_type(item, f"a label of scale {scale}")
        return Region.labels(scale, value)
    return Region.of(scale, value)


def _item(err: Exception, index: int, item_type: Any = Any) -> Exception:
    """Note on ``err`` that it is about item ``index`` of a list, as cattrs notes it."""
    err.__notes__ = [
        *getattr(err, "__notes__", []),
        IterableValidationNote(f"item {index}", index, item_type),
    ]
    return err


def _unstructure_region(region: Region) -> list[Any]:
    if region.scale.discrete:
        return region.to_data()  # the one notation: labels, or [lo, hi] pairs of numbers
    return [[_unstructure_float(lo), _unstructure_float(hi)] for lo, hi in region.parts]


# ---------------------------------------------------------------------------- clauses


def _clause_kind(value: Any) -> type[IssueClause] | type[EventClause]:
    """Tell the clause kind by its one required key: ``issue`` or ``event``."""
    if not isinstance(value, Mapping):
        raise _wrong_type(value, "a table with an 'issue' or an 'event' key")
    has_issue, has_event = "issue" in value, "event" in value
    if has_issue == has_event:
        raise InvalidRecordError(
            "a clause names either an issue (with a region) or an event, "
            "as {issue = ..., region = [...]} or {event = ...}",
            path="",
            value=None,
        )
    return IssueClause if has_issue else EventClause


# ---------------------------------------------------------------------------- the converter


def configure_converter(conv: cattrs.Converter, *, native_dates: bool = False) -> None:
    """Register negotrack's hooks on ``conv``: the one place the file format's rules live.

    Parameters
    ----------
    conv : cattrs.Converter
        A converter of one's own (never cattrs' global one).
    native_dates : bool, optional
        Unstructure dates as ``datetime.date`` (for TOML) rather than ISO strings.

    Examples
    --------
    >>> import cattrs, datetime
    >>> from negotrack.io.serialization import configure_converter
    >>> c = cattrs.Converter()
    >>> configure_converter(c)
    >>> c.unstructure(datetime.date(2025, 12, 28))
    '2025-12-28'
    """
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(float, _structure_float)
    conv.register_unstructure_hook(float, _unstructure_float)
    conv.register_structure_hook_func(lambda t: t == (float | str), _structure_value)
    conv.register_structure_hook_func(
        lambda t: t == (float | str | None), _structure_optional_value
    )
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_unstructure_hook(
        datetime.date, _unstructure_date_native if native_dates else _unstructure_date_iso
    )
    enums: list[tuple[type[enum.Enum], dict[str, Any]]] = [
        (Credibility, {c.label: c for c in Credibility}),
        (SourceKind, {k.value: k for k in SourceKind}),
        (ConditionKind, {k.value: k for k in ConditionKind}),
    ]
    for enum_cls, names in enums:
        s_hook, u_hook = _enum_hooks(enum_cls, names)
        conv.register_structure_hook(enum_cls, s_hook)
        conv.register_unstructure_hook(enum_cls, u_hook)
    list_factory: Any = _structure_list_factory
    conv.register_structure_hook_factory(_is_list, list_factory)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory)
    conv.register_unstructure_hook_factory(
        _is_homogeneous_tuple,
        lambda t, c: lambda v: [c.unstructure(x, unstructure_as=get_args(t)[0]) for x in v],
    )
    conv.register_structure_hook_factory(attrs.has, _attrs_structure_factory)
    conv.register_unstructure_hook_factory(attrs.has, _attrs_unstructure_factory)
    conv.register_structure_hook(Source, _shared(conv.get_structure_hook(Source)))

    structure_scale, concrete = _scale_hooks(conv)
    conv.register_structure_hook(Scale, structure_scale)
    for cls, hook in concrete.items():
        conv.register_structure_hook(cls, hook)
        conv.register_unstructure_hook(cls, _scale_unstructure_factory(cls, conv))
    conv.register_unstructure_hook(Scale, lambda s: conv.unstructure(s, unstructure_as=type(s)))

    conv.register_structure_hook(Region, _structure_region)
    conv.register_unstructure_hook(Region, _unstructure_region)
    for holder in (Statement, IssueClause):
        conv.register_structure_hook(
            holder,
            _needs_issue_scale(
                make_dict_structure_fn(holder, conv, _cattrs_forbid_extra_keys=True),
                holder.__name__,
            ),
        )

    def structure_clause(value: Any, _: Any) -> Any:
        return conv.structure(value, _clause_kind(value))

    conv.register_structure_hook_func(lambda t: t == (IssueClause | EventClause), structure_clause)


def make_converter(
    *, native_dates: bool = False, detailed_validation: bool = True
) -> cattrs.Converter:
    """Return a new converter configured with :func:`configure_converter`.

    Parameters
    ----------
    native_dates : bool, optional
        Unstructure dates as ``datetime.date`` (the TOML writer's converter).
    detailed_validation : bool, optional
        Collect every problem of a document with its place (default). Off, the same hooks
        and rules run without cattrs' bookkeeping, and reading stops at the first problem
        (the fast path of :func:`structure_raw`, which reads a failing document again with
        detailed validation for its messages).

    Returns
    -------
    cattrs.Converter
        With unknown keys forbidden.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.serialization import make_converter
    >>> make_converter().unstructure(nt.Party("UA", name="Ukraine"))
    {'id': 'UA', 'name': 'Ukraine'}
    """
    conv = cattrs.Converter(
        detailed_validation=detailed_validation, forbid_extra_keys=True, omit_if_default=True
    )
    configure_converter(conv, native_dates=native_dates)
    return conv


_CONVERTERS: dict[bool, cattrs.Converter] = {}
_FAST: list[cattrs.Converter] = []


def _fast_converter() -> cattrs.Converter:
    """Return the shared reading converter without detailed validation (built once)."""
    if not _FAST:
        _FAST.append(make_converter(detailed_validation=False))
    return _FAST[0]


def converter(*, native_dates: bool = False) -> cattrs.Converter:
    """Return the shared converter (built once by :func:`make_converter`).

    Examples
    --------
    >>> from negotrack.io.serialization import converter
    >>> converter() is converter()
    True
    """
    conv = _CONVERTERS.get(native_dates)
    if conv is None:
        conv = _CONVERTERS[native_dates] = make_converter(native_dates=native_dates)
    return conv


def _scale_lookup(
    issues: Timeline | Iterable[Any], unreadable: Collection[str] = ()
) -> Callable[[str], Scale]:
    agenda: Any = issues
    timeline = agenda if isinstance(agenda, Timeline) else Timeline(issues=list(agenda), parties=())

    def scale_of(issue: str) -> Scale:
        if issue in unreadable:
            raise _UnreadableError(f"issue {issue!r} could not be read", path="")
        return timeline.issue(issue).scale

    return scale_of


class _ScaleScope:
    """Set the scale context for the duration of a ``with`` block."""

    def __init__(self, scale: Scale | None, scale_of: Callable[[str], Scale] | None) -> None:
        self.scale, self.scale_of = scale, scale_of
        self.tokens: list[Any] = []

    def __enter__(self) -> None:
        self.tokens = [_SCALE.set(self.scale), _SCALE_OF.set(self.scale_of)]

    def __exit__(self, *exc: object) -> None:
        _SCALE.reset(self.tokens[0])
        _SCALE_OF.reset(self.tokens[1])


@contextlib.contextmanager
def _reader(issues: Timeline) -> Iterator[Callable[[Any, Any], Any]]:
    """Yield ``read(data, cl)`` for reading many documents against one growing timeline.

    The store's opening path: the reading converter's structure hooks (the rules of
    :func:`structure_raw`, without detailed validation), looked up once per class, with the
    scale context set once for every document rather than per document. ``read`` raises
    at the first problem; read a failing document again with :func:`structure` for its
    messages.
    """
    conv = _fast_converter()
    hooks: dict[Any, Callable[[Any, Any], Any]] = {}

    def read(data: Any, cl: Any) -> Any:
        hook = hooks.get(cl)
        if hook is None:
            hook = hooks[cl] = conv.get_structure_hook(cl)
        return hook(data, cl)

    with _ScaleScope(None, _scale_lookup(issues)):
        yield read


def structure_raw(
    data: Any,
    cl: type[T] | Any,
    *,
    issues: Timeline | Iterable[Any] | None = None,
    scale: Scale | None = None,
    unreadable: Collection[str] = (),
) -> T:
    """Like :func:`structure`, but let cattrs' error groups through (for collectors).

    ``unreadable`` names issues that exist but could not be read themselves: records on
    them are not read either, and raise only errors that :func:`problems` leaves out.

    A document is read first without detailed validation (the same hooks and rules,
    without cattrs' bookkeeping of where each problem is: about a fifth of the time); only
    if that raises is it read again with detailed validation, whose error groups (or
    result) are returned: what a caller sees is what the careful reading gives.
    """
    result: T = _many(issues=issues, scale=scale, unreadable=unreadable)(data, cl)
    return result


def _many(
    *,
    issues: Timeline | Iterable[Any] | None = None,
    scale: Scale | None = None,
    unreadable: Collection[str] = (),
) -> Callable[[Any, Any], Any]:
    """Return ``read(data, cl)``: :func:`structure_raw` with these arguments, for many documents.

    What every document shares is done once: the issues' lookup built, the hooks found.
    """
    scale_of = _scale_lookup(issues, unreadable) if issues is not None else None
    fast, careful = _fast_converter(), converter()
    hooks: dict[Any, Callable[[Any, Any], Any]] = {}

    def read(data: Any, cl: Any) -> Any:
        hook = hooks.get(cl)
        if hook is None:
            hook = hooks[cl] = fast.get_structure_hook(cl)
        scale_token, scale_of_token = _SCALE.set(scale), _SCALE_OF.set(scale_of)
        try:
            return hook(data, cl)
        except Exception:  # any problem: read again, carefully, for the messages
            return careful.structure(data, cl)
        finally:
            _SCALE.reset(scale_token)
            _SCALE_OF.reset(scale_of_token)

    return read


#: The fields of a statement of the common shape (no supersedes, citation, note or
#: uncertainty), the ones :func:`common_statements` reads: the statement's leading fields.
_COMMON_STATEMENT = ("party", "issue", "date", "position", "source", "credibility", "id")

#: Stands for a key a document leaves out.
_ABSENT: Any = object()


def common_statements(
    items: list[Any], *, issues: Timeline | Iterable[Any], unreadable: Collection[str] = ()
) -> list[Statement | None] | None:
    """Read the statement documents of the common shape in a list, a field at a time.

    The common shape is a table with keys among :data:`_COMMON_STATEMENT` whose
    ``position`` is a table of the position's own keys: nearly every statement of a large
    record. Each such document gives what :func:`structure_raw` gives for it: the fast
    converter's field hooks (a hook of a string field applied once per distinct string,
    all of whose values are strings: those hooks are functions of the string), the same
    region reading, and the same constructors' checks (``__attrs_post_init__``, run by
    :func:`~negotrack.model._build.many_builder` after setting each field as attrs'
    ``__init__`` does); only cattrs' generated code, the scale context and the calls
    between them are left out. Any other document gives None in its place (read it with
    :func:`structure_raw`); any problem, None for the whole list (read every document
    with :func:`structure_raw`, which names the problems).

    Parameters
    ----------
    items : list
        Statement documents, as a file's ``statements`` array holds them.
    issues : Timeline or iterable of Issue
        Where the statements' issues are looked up.
    unreadable : collection of str, optional
        Issues that could not be read: statements on them are not read here.

    Returns
    -------
    list of Statement or None, or None
        One entry per document, or None.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.serialization import common_statements
    >>> issue = nt.Issue("years", nt.NumericScale(0, 100))
    >>> doc = {"party": "UA", "issue": "years", "date": "2025-12-29",
    ...        "position": {"ideal": 50, "acceptable": [[15, 100]]},
    ...        "source": {"title": "Zelensky asks for 50 years"}}
    >>> [type(s).__name__ for s in common_statements([doc, {**doc, "note": "x"}], issues=[issue])]
    ['Statement', 'NoneType']
    >>> common_statements([{**doc, "date": "someday"}], issues=[issue]) is None
    True
    """
    try:
        return _common_statements(items, _scale_lookup(issues, unreadable))
    except Exception:  # any problem: each document is read again, by the converter
        return None


def _by_string(column: list[Any], hook: Callable[[Any, Any], Any], cl: Any) -> list[Any]:
    """Apply a hook to a column of strings, once per distinct string; raise on anything else."""
    if set(map(type, column)) - {str}:
        raise TypeError("not a column of strings")
    read = {value: hook(value, cl) for value in set(column)}
    return list(map(read.__getitem__, column))


#: Types of value a table may hold for :func:`_by_table` (no value of one equals one of
#: another: 1 == True == 1.0 would make two tables one).
_PLAIN_VALUES = frozenset({str, datetime.date})


def _by_table(column: list[Any], read_many: Callable[[list[Any]], list[Any]]) -> list[Any]:
    """Read a column of tables of strings (and dates), each distinct table once.

    ``read_many`` reads a list of distinct tables. Tables with the same items in the same
    order are one; anything else raises.
    """
    if (
        set(map(type, column)) - {dict}
        or set(map(type, itertools.chain.from_iterable(map(dict.values, column)))) - _PLAIN_VALUES
    ):
        raise TypeError("not a column of tables of strings")
    keys = list(map(tuple, map(dict.items, column)))
    distinct = dict(zip(keys, column, strict=True))  # one table of each content
    read = dict(zip(distinct, read_many(list(distinct.values())), strict=True))
    return list(map(read.__getitem__, keys))


def _common_sources(tables: list[dict[str, Any]]) -> list[Source]:
    """Read source tables of strings (and dates) a field at a time; raise on any problem.

    Each field's distinct values go through the converter's hook for the field's type (the
    same hooks as a table read alone), then the sources are built field by field
    (:func:`negotrack.model._build.many_builder`: the class's converters and checks).
    """
    conv = _fast_converter()
    fields = attrs.fields(attrs.resolve_types(Source))
    if not all(map(_SOURCE_KEYS.issuperset, tables)):
        raise TypeError("a source with a key that is not a field")
    columns = []
    for f in fields:
        values = list(map(dict.get, tables, repeat(f.name), repeat(_ABSENT)))
        distinct = set(values)
        hook = conv.get_structure_hook(f.type)
        read = {v: hook(v, f.type) for v in distinct if v is not _ABSENT}
        if _ABSENT in distinct:
            if f.default is attrs.NOTHING:
                raise TypeError(f"a source without its {f.name}")
            read[_ABSENT] = f.default
        columns.append(list(map(read.__getitem__, values)))
    return _build_sources(*columns)


_SOURCE_FIELDS = tuple(f.name for f in attrs.fields(Source))
_SOURCE_KEYS = frozenset(_SOURCE_FIELDS)
_build_sources = many_builder(Source, _SOURCE_FIELDS)


#: For a field's type, the types of value its reading hook returns as they are (the same
#: object): a column of only these needs no call per value. Law:
#: ``tests/test_fast_reading.py::TestColumns::test_unchanged_values_are_the_hooks_own``.
_UNCHANGED: dict[Any, frozenset[type]] = {
    str: frozenset({str}),
    str | None: frozenset({str, type(None)}),
    float: frozenset({float}),
    float | str: frozenset({float, str}),
}

#: For a field's type, the types of value its reading hook reads as one C function does,
#: and that function (which may raise OverflowError where the hook refuses a value). Law:
#: ``tests/test_fast_reading.py::TestColumns::test_values_read_by_a_function_are_the_hooks``.
_BY_FUNCTION: dict[Any, tuple[frozenset[type], Callable[[Any], Any]]] = {
    float: (frozenset({float, int}), float),
}


def _read_column(
    values: list[Any], hook: Callable[[Any, Any], Any], cl: Any, default: Any = _ABSENT
) -> list[Any]:
    """Return ``hook(value, cl)`` of each value, and ``default`` for each :data:`_ABSENT`.

    A column whose values are all of types the hook returns as they are (:data:`_UNCHANGED`)
    is returned as it is, without a call per value; one whose values the hook reads as a
    C function does (:data:`_BY_FUNCTION`), by that function.
    """
    if _ABSENT in values:  # (by identity first) the others read as a column; then the defaults
        present = iter(_read_column(list(filter(partial(is_not, _ABSENT), values)), hook, cl))
        return [default if v is _ABSENT else next(present) for v in values]
    kinds = set(map(type, values))
    if kinds <= _UNCHANGED.get(cl, frozenset()):
        return values
    types, read = _BY_FUNCTION.get(cl, (frozenset(), None))
    if read is not None and kinds <= types:
        with contextlib.suppress(OverflowError):  # the hook words it, below
            return list(map(read, values))
    return [hook(v, cl) for v in values]


def _common_statements(
    items: list[Any], scale_of: Callable[[str], Scale]
) -> list[Statement | None]:
    conv = _fast_converter()
    fields = attrs.fields(attrs.resolve_types(Statement))
    pfields = attrs.fields(attrs.resolve_types(Position))
    hooks = {f.name: (conv.get_structure_hook(f.type), f.type) for f in (*fields, *pfields)}
    keys, position_keys = frozenset(_COMMON_STATEMENT), frozenset(f.name for f in pfields)
    if set(map(type, items)) == {dict} and all(map(keys.issuperset, items)):  # no other key
        positions: list[Any] = list(map(dict.get, items, repeat("position")))
        every = set(map(type, positions)) == {dict} and all(
            map(position_keys.issuperset, positions)
        )
    else:
        every = False
    if every:  # all of the common shape (the same test as below, a column at a time)
        common, docs = [True] * len(items), items
    else:
        common = [
            type(d) is dict
            and d.keys() <= keys
            and type(d.get("position")) is dict
            and d["position"].keys() <= position_keys
            for d in items
        ]
        docs = list(compress(items, common))
        positions = [d["position"] for d in docs]

    def column(name: str, where: list[dict[str, Any]] | None = None) -> list[Any]:
        return list(map(itemgetter(name), docs if where is None else where))

    def optional(name: str, where: list[dict[str, Any]], default: Any) -> list[Any]:
        values = list(map(dict.get, where, repeat(name), repeat(_ABSENT)))
        return _read_column(values, *hooks[name], default)

    issues = _by_string(column("issue"), *hooks["issue"])
    scales = {issue: scale_of(issue) for issue in set(issues)}
    dated = column("date")
    kinds = set(map(type, dated))
    if kinds == {str}:
        dates = _by_string(dated, *hooks["date"])
    else:
        date_hook, date_cl = hooks["date"]
        dates = [date_hook(d, date_cl) for d in dated]
    levels = list(map(dict.get, docs, repeat("credibility"), repeat(_ABSENT)))
    default_level = fields.credibility.default
    if set(map(type, levels)) - {str, object}:
        raise TypeError("credibility not a string")
    read_level = {v: hooks["credibility"][0](v, None) for v in set(levels) - {_ABSENT}}
    read_level[_ABSENT] = default_level
    ids = optional("id", docs, fields.id.default)
    value_hook, value_cl = hooks["ideal"]
    build_positions = many_builder(Position, [f.name for f in pfields])
    on = list(map(scales.__getitem__, issues))
    acceptable = column("acceptable", positions)
    if any(s.discrete for s in scales.values()) or set(map(type, acceptable)) - {list, tuple}:
        regions = list(map(region_from_document, acceptable, on))
    else:  # numeric regions, a column at a time: Region.of of each, as region_from_document
        regions = Region.of_each(on, acceptable)
    stated = build_positions(
        _read_column(column("ideal", positions), value_hook, value_cl),
        regions,
        optional("salience", positions, pfields.salience.default),
        optional("red_line", positions, pfields.red_line.default),
    )
    built = many_builder(Statement, _COMMON_STATEMENT)(
        _by_string(column("party"), *hooks["party"]),
        issues,
        dates,
        stated,
        _by_table(column("source"), _common_sources),
        list(map(read_level.__getitem__, levels)),
        ids,
    )
    if len(built) == len(items):  # every statement of the common shape
        return list(built)
    out: list[Statement | None] = [None] * len(items)
    for index, statement in zip(compress(range(len(items)), common), built, strict=True):
        out[index] = statement
    return out


def structure(
    data: Any,
    cl: type[T] | Any,
    *,
    issues: Timeline | Iterable[Any] | None = None,
    scale: Scale | None = None,
    path: str = "$",
) -> T:
    """Build an object of type ``cl`` from plain data, or raise every problem at once.

    Parameters
    ----------
    data : object
        Plain data as read from JSON or TOML.
    cl : type
        The type wanted (``nt.Statement``, ``list[nt.Issue]``, ``nt.Position`` ...).
    issues : Timeline or iterable of Issue, optional
        Where statements and issue clauses look up their issue's scale.
    scale : Scale, optional
        The scale of a bare region or position.
    path : str, optional
        JSON path of ``data`` in its document, used in messages.

    Returns
    -------
    object
        An instance of ``cl``.

    Raises
    ------
    ScenarioError
        Listing every problem (``.problems``), each with a ``$.`` path.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io import serialization
    >>> serialization.structure({"id": "UA", "capability": 2}, nt.Party)
    Party(id='UA', name='', capability=2.0, group=None)
    >>> serialization.structure({"id": "UA", "capabilty": 2}, nt.Party)
    Traceback (most recent call last):
    ...
    negotrack.errors.ScenarioError: $.capabilty: unknown key 'capabilty' (did you mean 'capability'?); allowed keys: id, name, capability, group
    """
    try:
        result: T = structure_raw(data, cl, issues=issues, scale=scale)
    except Exception as exc:
        found = problems(exc, path)
        if not found:  # pragma: no cover - every exception yields at least one problem
            raise
        raise ScenarioError(found) from None
    return result


def unstructure(obj: Any, *, native_dates: bool = False) -> Any:
    """Turn a model object into plain data (dicts, lists, strings, numbers).

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> from negotrack.io import serialization
    >>> serialization.unstructure(nt.Source(title="Plan", date=datetime.date(2025, 12, 1)))
    {'title': 'Plan', 'date': '2025-12-01'}
    """
    return converter(native_dates=native_dates).unstructure(obj)
