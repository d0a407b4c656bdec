"""Genius XML: ANAC negotiation domains and utility profiles (read and write).

A Genius domain is a directory holding one domain file (root ``<negotiation_template>``:
``<utility_space>`` → ``<objective>`` → ``<issue name vtype>`` with ``<item value>``s, or
``lowerbound``/``upperbound`` for ``integer``/``real`` issues) and one profile per party
(root ``<utility_space>``: per issue ``<item value evaluation>`` or an ``<evaluator
ftype="linear" offset slope>``; ``<weight index value>``; optional ``<reservation value>``
and ``<discount_factor value>``).

Utilities follow Genius exactly: ``u = Σ weight_i × evaluation_i(value) / max evaluation_i``
on discrete issues, ``offset + slope × x`` on numeric ones; the reservation value is the
utility's reserved value; the discount factor is kept as metadata. XML is parsed with
:mod:`defusedxml`: no DTD, entity or external reference is resolved.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import shutil
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from negotrack.analysis.utilities import UtilityFunction, ValueFunction
from negotrack.errors import DataError
from negotrack.io.atomic import atomic_write
from negotrack.io.formats import FileFormat, register
from negotrack.io.scenario import Scenario
from negotrack.io.utility_domain import (
    WEIGHT_TOLERANCE,
    DomainIssue,
    Linear,
    UtilityDomain,
    finite_number,
)

__all__ = ["parse_xml", "read_genius", "write_genius"]


def parse_xml(path: Path) -> ET.Element:
    """Parse an XML file safely (no DTD, entities or external references), or raise.

    Raises
    ------
    DataError
        If the file is not well-formed XML or declares a DTD or entities (forbidden).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from negotrack.io.genius import parse_xml
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d) / "bad.xml"
    ...     _ = p.write_text("<a><b></a>")
    ...     parse_xml(p)
    Traceback (most recent call last):
    ...
    negotrack.errors.DataError: .../bad.xml: malformed XML (mismatched tag: line 1, column 8)
    """
    try:
        return SafeET.parse(path, forbid_dtd=True).getroot()  # type: ignore[no-any-return]
    except DefusedXmlException as exc:
        raise DataError(
            f"refused XML: {type(exc).__name__} ({exc}); DTDs, entities and external "
            f"references are not allowed",
            path="$",
            value=type(exc).__name__,
            file=str(path),
        ) from None
    except ET.ParseError as exc:
        msg = str(exc).split(": line")[0]
        line, col = exc.position
        raise DataError(
            f"malformed XML ({msg}: line {line}, column {col})",
            path=f"line {line}",
            value=msg,
            file=str(path),
        ) from None


def _attr(el: ET.Element, name: str, file: Path, where: str) -> str:
    value = el.get(name)
    if value is None:
        raise DataError(
            f"{where}: <{el.tag}> has no {name!r} attribute", path=where, value=None, file=str(file)
        )
    return value


def _number(text: str, file: Path, where: str, *, lo: float = -math.inf) -> float:
    return finite_number(text, file, where, lo=lo)


def _domain_issues(root: ET.Element, file: Path) -> tuple[list[DomainIssue], dict[str, str]]:
    """Return the issues and index → name of a domain file's ``<negotiation_template>``."""
    issues: list[DomainIssue] = []
    index: dict[str, str] = {}
    for el in root.iter("issue"):
        name = _attr(el, "name", file, "issue")
        where = f"issue[{name!r}]"
        kind = el.get("vtype") or el.get("type") or "discrete"
        if kind == "discrete":
            values = tuple(_attr(it, "value", file, f"{where}/item") for it in el.findall("item"))
            if not values or len(set(values)) != len(values):
                raise DataError(
                    f"{where}: a discrete issue needs one or more distinct <item value>s",
                    path=where,
                    value=values,
                    file=str(file),
                )
            issue = DomainIssue(name=name, kind="discrete", values=values)
        elif kind in ("integer", "real"):
            lo = _number(_attr(el, "lowerbound", file, where), file, f"{where}.lowerbound")
            hi = _number(_attr(el, "upperbound", file, where), file, f"{where}.upperbound")
            if not lo < hi:
                raise DataError(
                    f"{where}: lowerbound {lo:g} must be below upperbound {hi:g}",
                    path=where,
                    value=(lo, hi),
                    file=str(file),
                )
            issue = DomainIssue(name=name, kind=kind, lower=lo, upper=hi)  # type: ignore[arg-type]
        else:
            raise DataError(
                f"{where}.vtype={kind!r} must be discrete, integer or real",
                path=f"{where}.vtype",
                value=kind,
                file=str(file),
            )
        if name in index.values():
            raise DataError(
                f"{where}: two issues are named {name!r}", path=where, value=name, file=str(file)
            )
        index[el.get("index", str(len(issues) + 1))] = name
        issues.append(issue)
    if not issues:
        raise DataError("the domain has no <issue>", path="issue", value=None, file=str(file))
    return issues, index


def _profile(  # noqa: PLR0912 - one check per rule of the format, in file order
    root: ET.Element, issues: list[DomainIssue], index: dict[str, str], file: Path
) -> tuple[UtilityFunction, float]:
    """Return a profile's utility function and discount factor."""
    by_name = {i.name: i for i in issues}
    values: dict[str, ValueFunction] = {}
    for el in root.iter("issue"):
        name = _attr(el, "name", file, "issue")
        where = f"issue[{name!r}]"
        if name not in by_name:
            raise DataError(
                f"{where}: the domain has no issue {name!r} (it has "
                f"{', '.join(map(repr, by_name))}); is this a profile for another domain?",
                path=where,
                value=name,
                file=str(file),
            )
        di = by_name[name]
        evaluator = el.find("evaluator")
        if di.kind == "discrete":
            table: dict[str, float] = {}
            for it in el.findall("item"):  # not those of a nested <similarity_function>
                value = _attr(it, "value", file, f"{where}/item")
                at = f"{where}/item[{value!r}].evaluation"
                if value not in di.values:
                    raise DataError(
                        f"{where}: the domain's issue has no value {value!r}",
                        path=f"{where}/item",
                        value=value,
                        file=str(file),
                    )
                ev = _number(_attr(it, "evaluation", file, at), file, at, lo=0.0)
                table[value] = ev
            missing = [v for v in di.values if v not in table]
            if missing:
                raise DataError(
                    f"{where}: no evaluation for {', '.join(map(repr, missing))}; every value "
                    f"of the domain's issue needs one",
                    path=where,
                    value=missing,
                    file=str(file),
                )
            top = max(table.values())
            values[name] = {v: (e / top if top > 0 else 0.0) for v, e in table.items()}
        else:
            if evaluator is None or evaluator.get("ftype") != "linear":
                raise DataError(
                    f'{where}: a numeric issue needs <evaluator ftype="linear"> (got '
                    f"{None if evaluator is None else evaluator.get('ftype')!r})",
                    path=f"{where}/evaluator",
                    value=None if evaluator is None else evaluator.get("ftype"),
                    file=str(file),
                )
            offset = evaluator.get("offset", evaluator.get("parameter0", "0"))
            slope = evaluator.get("slope", evaluator.get("parameter1", "1"))
            values[name] = Linear(
                offset=_number(offset, file, f"{where}/evaluator.offset"),
                slope=_number(slope, file, f"{where}/evaluator.slope"),
            )
    weights: dict[str, float] = {}
    objectives = {o.get("index") for o in root.iter("objective")}
    for el in root.iter("weight"):
        idx = _attr(el, "index", file, "weight")
        where = f"weight[index={idx}]"
        if idx in objectives and idx not in index:
            continue  # the objective's own weight (Genius ignores the root's)
        if idx not in index:
            raise DataError(
                f"{where}: the domain has no issue with index {idx}",
                path=where,
                value=idx,
                file=str(file),
            )
        weights[index[idx]] = _number(
            _attr(el, "value", file, where), file, f"{where}.value", lo=0.0
        )
    for name in weights:
        if name not in values:
            raise DataError(
                f"issue[{name!r}]: weighted but has no evaluations in the profile",
                path=f"issue[{name!r}]",
                value=name,
                file=str(file),
            )
    if not weights:  # some ANAC profiles (Fitness) give no <weight>: equal weights
        weights = {name: 1.0 / len(values) for name in values}
    total = math.fsum(weights.values())
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        raise DataError(
            f"weight: the weights sum to {total!r}; they must sum to 1 (within "
            f"{WEIGHT_TOLERANCE:g})",
            path="weight",
            value=total,
            file=str(file),
        )
    reserved, discount = 0.0, 1.0
    if (res := root.find("reservation")) is not None:
        reserved = _number(_attr(res, "value", file, "reservation"), file, "reservation.value")
    if (dis := root.find("discount_factor")) is not None:
        discount = _number(
            _attr(dis, "value", file, "discount_factor"), file, "discount_factor.value"
        )
    ordered = {i.name: weights[i.name] for i in issues if i.name in weights}
    return UtilityFunction(weights=ordered, values=values, reserved=reserved), discount


def _files(path: Path) -> tuple[Path, list[Path]]:
    """Return the domain file and the profile files of a Genius directory (or domain file)."""
    if not path.exists():
        raise DataError("no such file or directory", path="$", value=str(path), file=str(path))
    folder = path if path.is_dir() else path.parent
    domain: Path | None = path if path.is_file() else None
    profiles: list[Path] = []
    for f in sorted(f for f in folder.glob("*.xml") if f.is_file()):
        root = parse_xml(f)
        if root.tag == "negotiation_template":
            if domain is None:
                domain = f
            elif f != domain:
                raise DataError(
                    f"two domain files: {domain.name} and {f.name}; a Genius directory holds one",
                    path="$",
                    value=f.name,
                    file=str(folder),
                )
        elif root.tag == "utility_space":
            profiles.append(f)
    if domain is None:
        raise DataError(
            "no Genius domain file (an XML file whose root is <negotiation_template>)",
            path="$",
            value=None,
            file=str(path),
        )
    return domain, profiles


def read_genius(path: str | os.PathLike[str]) -> UtilityDomain:
    """Read a Genius domain directory (or its domain file) with every profile beside it.

    Parameters
    ----------
    path : str or PathLike
        The directory, or the domain XML file in it.

    Returns
    -------
    UtilityDomain
        Issues, each profile's exact utility (named by the profile file's stem, with
        ``%XX`` escapes decoded: see :func:`write_genius`) and its discount factor.

    Raises
    ------
    DataError
        If a file is malformed or unsafe XML, or a profile breaks a rule (unknown issue or
        value, missing evaluation, weights not summing to 1); the message names the file,
        the element, the value and the rule.

    Examples
    --------
    >>> from negotrack.io.genius import read_genius
    >>> d = read_genius("examples/formats/genius_fruit")
    >>> [i.name for i in d.issues], sorted(d.utilities)
    (['fruit', 'boxes', 'delivery'], ['buyer', 'seller'])
    >>> u = d.utilities["buyer"]    # 0.5 × 5/10 + 0.3 × (-0.25 + 0.25 × 3) + 0.2 × 1/4
    >>> round(u({"fruit": "pear", "boxes": 3, "delivery": "friday"}), 12)
    0.45
    >>> u.reserved, d.discount["buyer"]
    (0.2, 0.9)
    """
    domain_file, profile_files = _files(Path(path))
    root = parse_xml(domain_file)
    issues, index = _domain_issues(root, domain_file)
    utilities: dict[str, UtilityFunction] = {}
    discount: dict[str, float] = {}
    for f in profile_files:
        party = urllib.parse.unquote(f.stem)  # as write_genius named it (see _file_stem)
        utilities[party], discount[party] = _profile(parse_xml(f), issues, index, f)
    name = domain_file.parent.name if Path(path).is_dir() else domain_file.stem
    return UtilityDomain(
        name=name, issues=tuple(issues), utilities=utilities, discount=discount, format="genius"
    )


def _fmt(x: float) -> str:
    return repr(float(x))


def _issue_el(parent: ET.Element, k: int, di: DomainIssue) -> ET.Element:
    el = ET.SubElement(
        parent, "issue", index=str(k), name=di.name, etype=di.kind, type=di.kind, vtype=di.kind
    )
    if di.kind != "discrete":
        el.set("lowerbound", _fmt(di.lower) if di.kind == "real" else str(int(di.lower)))
        el.set("upperbound", _fmt(di.upper) if di.kind == "real" else str(int(di.upper)))
    return el


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return ET.tostring(root, encoding="unicode") + "\n"


#: A name used as a file name as it is: a word character first, then words, spaces and
#: a few marks; anything else (``/``, ``..``, ``:``, control characters) is %-escaped.
_PLAIN_NAME = re.compile(r"\w[\w .()+,=@-]*")


def _file_stem(name: str) -> str:
    """Return a file name stem for a party id or domain name that stays in its folder.

    Plain names are kept; others are %-escaped (``U/S`` → ``U%2FS``, ``../x`` →
    ``..%2Fx`` with its leading dot escaped too), which :func:`read_genius` decodes.

    Examples
    --------
    >>> from negotrack.io.genius import _file_stem
    >>> _file_stem("buyer"), _file_stem("U/S"), _file_stem("../../ua")
    ('buyer', 'U%2FS', '%2E.%2F..%2Fua')
    """
    if _PLAIN_NAME.fullmatch(name) and not name.endswith((" ", ".")):
        return name
    quoted = urllib.parse.quote(name, safe="")
    return "%2E" + quoted[1:] if quoted.startswith(".") else quoted


def _xml_files(domain: UtilityDomain) -> dict[str, bytes]:
    """Return the Genius files of a domain: file name → content."""
    files: dict[str, bytes] = {}
    template = ET.Element("negotiation_template")
    space = ET.SubElement(template, "utility_space", number_of_issues=str(len(domain.issues)))
    objective = ET.SubElement(
        space, "objective", index="0", etype="objective", type="objective", name=domain.name
    )
    for k, di in enumerate(domain.issues, start=1):
        el = _issue_el(objective, k, di)
        for j, v in enumerate(di.values, start=1):
            ET.SubElement(el, "item", index=str(j), value=v)
    files[f"{_file_stem(domain.name)}_domain.xml"] = _xml(template).encode()
    for party, u in domain.utilities.items():
        root = ET.Element("utility_space")
        obj = ET.SubElement(
            root, "objective", index="0", etype="objective", type="objective", name=domain.name
        )
        for k, di in enumerate(domain.issues, start=1):
            if di.name not in u.weights:
                continue
            el = _issue_el(obj, k, di)
            fn = u.values[di.name]
            if di.kind == "discrete":
                for j, v in enumerate(di.values, start=1):
                    ET.SubElement(
                        el, "item", index=str(j), value=v, evaluation=_fmt(u.value(di.name, v))
                    )
            else:
                assert isinstance(fn, Linear)  # numeric Genius issues have linear evaluators
                ET.SubElement(
                    el, "evaluator", ftype="linear", offset=_fmt(fn.offset), slope=_fmt(fn.slope)
                )
        for k, di in enumerate(domain.issues, start=1):
            if di.name in u.weights:
                ET.SubElement(obj, "weight", index=str(k), value=_fmt(u.weights[di.name]))
        ET.SubElement(root, "reservation", value=_fmt(u.reserved))
        if (df := domain.discount.get(party, 1.0)) != 1.0:
            ET.SubElement(root, "discount_factor", value=_fmt(df))
        files[f"{_file_stem(party)}.xml"] = _xml(root).encode()
    return files


def write_genius(domain: UtilityDomain, directory: str | os.PathLike[str]) -> None:
    """Write a domain as a Genius directory: ``<name>_domain.xml`` and one file per profile.

    Discrete evaluations are written as the normalised values (the largest is 1), which
    Genius reads back to the same utilities; discount factors other than 1 are written.
    Every file stays inside ``directory``: a party id or domain name that is not a plain
    file name (``U/S``, ``../x``, ``a: b``) is %-escaped in the file name, and
    :func:`read_genius` decodes it back.

    Parameters
    ----------
    domain : UtilityDomain
        What to write (from :func:`read_genius`, or built by hand).
    directory : str or PathLike
        A new or empty directory. The files are written in a temporary directory beside it,
        which then takes its place in one rename: a failed write leaves nothing half written.

    Raises
    ------
    DataError
        If ``directory`` exists and is not an empty directory (a Genius directory holds
        one domain: writing into an old one would mix two), or its name ends in ``.xml``.
    OSError
        If it cannot be written; nothing is left behind.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from negotrack.io.genius import read_genius, write_genius
    >>> d = read_genius("examples/formats/genius_fruit")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_genius(d, tmp)
    ...     back = read_genius(tmp)
    >>> back.agreement_space().frontier().points == d.agreement_space().frontier().points
    True
    """
    folder = Path(directory)
    if folder.suffix.lower() == ".xml":
        raise DataError(
            "a Genius domain is a directory of XML files, not one file: name a directory "
            "(without .xml)",
            path="$",
            value=str(folder),
            file=str(folder),
        )
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise DataError(
            "a Genius domain is written into a new or empty directory; this one is not empty"
            if folder.is_dir()
            else "a Genius domain is a directory; this is a file",
            path="$",
            value=str(folder),
            file=str(folder),
        )
    files = _xml_files(domain)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f".{folder.name}.{secrets.token_hex(8)}.tmp")
    try:
        tmp.mkdir()
        for name, data in files.items():
            atomic_write(tmp / name, data)
        os.replace(tmp, folder)  # an empty directory is replaced in one step
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _recognises(path: Path) -> bool:
    for f in sorted(path.glob("*.xml")) if path.is_dir() else [path]:
        try:
            with f.open("rb") as fh:
                head = fh.read(4096)
        except OSError:
            continue
        if b"<negotiation_template" in head:
            return True
    return False


def _read(path: Path) -> Scenario:
    return read_genius(path).scenario()


def _write(scenario: Scenario, path: Path) -> None:
    write_genius(UtilityDomain.from_scenario(scenario), path)


GENIUS = register(
    FileFormat(
        name="genius",
        suffixes=(".xml",),
        description="a Genius domain directory (domain XML + one profile XML per party)",
        reader=_read,
        writer=_write,
        recognises=_recognises,
    )
)
