"""GeniusWeb JSON: a domain file and linear-additive utility profiles (read only).

A GeniusWeb domain is a directory holding the domain (``{"name", "issuesValues": {issue:
{"values": [...]}}}``) and one profile per party (``{"LinearAdditiveUtilitySpace":
{"issueUtilities", "issueWeights", "domain", "name", "reservationBid"}}``). Issue
utilities are spelled ``discreteutils`` / ``DiscreteValueSetUtilities`` (``valueUtilities``:
value → utility) or ``numberutils`` / ``NumberValueSetUtilities`` (``lowValue``,
``lowUtility``, ``highValue``, ``highUtility``: linear between them). Utilities are used as
written (GeniusWeb does not rescale them); the reserved value is the utility of the
``reservationBid`` (0 without one).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from negotrack.analysis.utilities import UtilityFunction, ValueFunction
from negotrack.errors import DataError
from negotrack.io.formats import FileFormat, register
from negotrack.io.scenario import Scenario
from negotrack.io.utility_domain import (
    WEIGHT_TOLERANCE,
    DomainIssue,
    Linear,
    UtilityDomain,
    finite_number,
    read_text,
)
from negotrack.model.scales import Value

__all__ = ["read_geniusweb"]

_DISCRETE = ("discreteutils", "DiscreteValueSetUtilities")
_NUMBER = ("numberutils", "NumberValueSetUtilities")


def _load(path: Path) -> Any:
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise DataError(
            f"malformed JSON ({exc.msg}: line {exc.lineno}, column {exc.colno})",
            path=f"line {exc.lineno}",
            value=exc.msg,
            file=str(path),
        ) from None


def _fail(path: Path, where: str, value: Any, rule: str) -> DataError:
    return DataError(f"{where}={value!r}: {rule}", path=where, value=value, file=str(path))


def _number(path: Path, where: str, value: Any) -> float:
    if isinstance(value, str):  # a JSON number, not text that reads as one
        raise _fail(path, where, value, "must be a finite number")
    return finite_number(value, path, where)


def _issues(doc: Any, path: Path, where: str) -> list[DomainIssue]:
    iv = doc.get("issuesValues") if isinstance(doc, Mapping) else None
    if not isinstance(iv, Mapping) or not iv:
        raise _fail(path, f"{where}.issuesValues", iv, "must map each issue to its values")
    out: list[DomainIssue] = []
    for name, spec in iv.items():
        at = f"{where}.issuesValues[{name!r}]"
        if isinstance(spec, Mapping) and isinstance(spec.get("values"), list) and spec["values"]:
            values = spec["values"]
            if not all(isinstance(v, str) for v in values) or len(set(values)) != len(values):
                raise _fail(path, f"{at}.values", values, "must be distinct strings")
            out.append(DomainIssue(name=name, kind="discrete", values=tuple(values)))
        elif isinstance(spec, Mapping) and isinstance(spec.get("range"), Mapping):
            rng = spec["range"]
            lo = _number(path, f"{at}.range.low", rng.get("low"))
            hi = _number(path, f"{at}.range.high", rng.get("high"))
            step = _number(path, f"{at}.range.step", rng.get("step", 1))
            if not lo < hi:
                raise _fail(path, f"{at}.range", dict(rng), "low must be below high")
            whole = lo.is_integer() and hi.is_integer() and step == 1
            out.append(
                DomainIssue(name=name, kind="integer" if whole else "real", lower=lo, upper=hi)
            )
        else:
            raise _fail(path, at, spec, 'must be {"values": [...]} or {"range": {...}}')
    return out


def _profile(  # noqa: PLR0912, PLR0915 - one check per rule of the format, in file order
    doc: Any, issues: list[DomainIssue], domain: str, path: Path
) -> UtilityFunction:
    space = doc.get("LinearAdditiveUtilitySpace") if isinstance(doc, Mapping) else None
    if not isinstance(space, Mapping):
        raise _fail(path, "$", type(doc).__name__, 'must hold "LinearAdditiveUtilitySpace"')
    where = "$.LinearAdditiveUtilitySpace"
    own = space.get("domain", {})
    if isinstance(own, Mapping) and own.get("name") not in (None, domain):
        raise _fail(
            path,
            f"{where}.domain.name",
            own.get("name"),
            f"is not this domain ({domain!r}): a profile for another domain",
        )
    by_name = {i.name: i for i in issues}
    utils = space.get("issueUtilities")
    if not isinstance(utils, Mapping):
        raise _fail(path, f"{where}.issueUtilities", utils, "must map each issue to its utilities")
    values: dict[str, ValueFunction] = {}
    for name, spec in utils.items():
        at = f"{where}.issueUtilities[{name!r}]"
        if name not in by_name:
            raise _fail(
                path,
                at,
                name,
                f"the domain has no such issue (it has {', '.join(map(repr, by_name))})",
            )
        kind = next(
            (k for k in (*_DISCRETE, *_NUMBER) if isinstance(spec, Mapping) and k in spec), None
        )
        if kind is None:
            raise _fail(path, at, spec, f"must hold one of {', '.join(_DISCRETE + _NUMBER)}")
        body = spec[kind]
        if kind in _DISCRETE:
            table = body.get("valueUtilities") if isinstance(body, Mapping) else None
            if not isinstance(table, Mapping):
                raise _fail(
                    path, f"{at}.{kind}.valueUtilities", table, "must map values to utilities"
                )
            known = by_name[name].values
            for v in table:
                if v not in known:
                    raise _fail(
                        path,
                        f"{at}.{kind}.valueUtilities",
                        v,
                        "is not a value of the domain's issue",
                    )
            missing = [v for v in known if v not in table]
            if missing:
                raise _fail(
                    path,
                    f"{at}.{kind}.valueUtilities",
                    missing,
                    "have no utility; every value needs one",
                )
            values[name] = {
                v: _number(path, f"{at}.{kind}.valueUtilities[{v!r}]", u) for v, u in table.items()
            }
        else:
            b = body if isinstance(body, Mapping) else {}
            lv, lu = (
                _number(path, f"{at}.{kind}.{k}", b.get(k)) for k in ("lowValue", "lowUtility")
            )
            hv, hu = (
                _number(path, f"{at}.{kind}.{k}", b.get(k)) for k in ("highValue", "highUtility")
            )
            if lv == hv:
                raise _fail(path, f"{at}.{kind}", dict(b), "lowValue and highValue must differ")
            slope = (hu - lu) / (hv - lv)
            values[name] = Linear(offset=lu - slope * lv, slope=slope)
    weights_in = space.get("issueWeights")
    if not isinstance(weights_in, Mapping):
        raise _fail(path, f"{where}.issueWeights", weights_in, "must map each issue to its weight")
    weights: dict[str, float] = {}
    for name in by_name:
        if name in weights_in:
            if name not in values:
                raise _fail(
                    path, f"{where}.issueUtilities", name, "is weighted but has no utilities"
                )
            weights[name] = _number(path, f"{where}.issueWeights[{name!r}]", weights_in[name])
    for name in weights_in:
        if name not in by_name:
            raise _fail(path, f"{where}.issueWeights", name, "is not an issue of the domain")
    total = math.fsum(weights.values())
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        raise _fail(
            path,
            f"{where}.issueWeights",
            total,
            f"the weights must sum to 1 (within {WEIGHT_TOLERANCE:g})",
        )
    u = UtilityFunction(weights=weights, values=values)
    bid = space.get("reservationBid")
    if isinstance(bid, Mapping) and isinstance(bid.get("issuevalues"), Mapping):
        package: dict[str, Value] = dict(bid["issuevalues"])
        for name in weights:
            if name not in package:
                raise _fail(path, f"{where}.reservationBid.issuevalues", name, "lacks this issue")
        u = UtilityFunction(weights=weights, values=values, reserved=u(package))
    return u


def _files(path: Path) -> tuple[Path, dict[Path, Any], Any]:
    if not path.exists():
        raise DataError("no such file or directory", path="$", value=str(path), file=str(path))
    folder = path if path.is_dir() else path.parent
    domain: tuple[Path, Any] | None = None
    profiles: dict[Path, Any] = {}
    for f in sorted(f for f in folder.glob("*.json") if f.is_file()):
        doc = _load(f)
        if isinstance(doc, Mapping) and "issuesValues" in doc:
            if domain is not None:
                raise DataError(
                    f"two domain files: {domain[0].name} and {f.name}",
                    path="$",
                    value=f.name,
                    file=str(folder),
                )
            domain = (f, doc)
        elif isinstance(doc, Mapping) and "LinearAdditiveUtilitySpace" in doc:
            profiles[f] = doc
    if domain is None:
        raise DataError(
            'no GeniusWeb domain file (JSON with "issuesValues")',
            path="$",
            value=None,
            file=str(path),
        )
    return domain[0], profiles, domain[1]


def read_geniusweb(path: str | os.PathLike[str]) -> UtilityDomain:
    """Read a GeniusWeb domain directory (or its domain file) with every profile beside it.

    Parameters
    ----------
    path : str or PathLike
        The directory, or the domain JSON file in it.

    Returns
    -------
    UtilityDomain
        Issues and each profile's utility (named by the profile file's stem).

    Raises
    ------
    DataError
        If a file is malformed, or a profile names an unknown issue or value, lacks a
        utility, has weights not summing to 1, or belongs to another domain.

    Examples
    --------
    >>> from negotrack.io.geniusweb import read_geniusweb
    >>> d = read_geniusweb("examples/formats/geniusweb_fruit")
    >>> sorted(d.utilities), d.utilities["buyer"].reserved   # u(pear, friday)
    (['buyer', 'seller'], 0.4)
    """
    domain_file, profiles, doc = _files(Path(path))
    issues = _issues(doc, domain_file, "$")
    name = str(doc.get("name") or domain_file.stem)
    utilities = {f.stem: _profile(p, issues, name, f) for f, p in profiles.items()}
    return UtilityDomain(name=name, issues=tuple(issues), utilities=utilities, format="geniusweb")


def _recognises(path: Path) -> bool:
    folder = path if path.is_dir() else None
    if folder is None:
        return False
    for f in folder.glob("*.json"):
        try:
            head = f.read_text(encoding="utf-8", errors="replace")[:4096]
        except OSError:
            continue
        if '"issuesValues"' in head:
            return True
    return False


def _read(path: Path) -> Scenario:
    return read_geniusweb(path).scenario()


GENIUSWEB = register(
    FileFormat(
        name="geniusweb",
        suffixes=(".json",),
        description="a GeniusWeb domain directory (domain JSON + one profile JSON per party)",
        reader=_read,
        recognises=_recognises,
    )
)
