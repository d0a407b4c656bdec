"""Choosing the parties an analysis covers: the one check behind ``parties=`` and ``--parties``.

Every analysis that takes ``parties`` (and the command line's ``--parties`` and
``--exclude-group``) reads it with :func:`select_parties`, so the option means the same
everywhere: known party ids, in any order, kept in the record's party order, each once,
less the members of any group left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from negotrack.errors import AnalysisError, InvalidTypeError, UnknownReferenceError
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline

__all__ = ["select_parties"]


def select_parties(
    source: Snapshot | Timeline | Sequence[str],
    parties: Iterable[str] | None,
    *,
    path: str = "parties",
    of: str = "the timeline",
    exclude_groups: Iterable[str] = (),
    group_path: str = "exclude_groups",
) -> tuple[str, ...]:
    """Return the chosen party ids in the record's party order, checking each is known.

    Parameters
    ----------
    source : Snapshot, Timeline or sequence of str
        Where the known parties come from: a snapshot's or a timeline's parties, or the
        party ids themselves (the parties a gap series analysed, say), in order.
    parties : iterable of str or None
        The ids asked for, in any order (repeats count once); None chooses every party.
    path : str, optional
        The name of the argument, for the error (default ``"parties"``; the command line
        passes ``"--parties"``).
    of : str, optional
        What the known parties are the parties of, for the error (default
        ``"the timeline"``).
    exclude_groups : iterable of str, optional
        Leave out the parties whose ``group`` is one of these (observers, say); each group
        must be the group of some party. Needs a Snapshot or Timeline as ``source``. The
        command line's ``--exclude-group``.
    group_path : str, optional
        The name of that argument, for errors (the command line passes
        ``"--exclude-group"``).

    Returns
    -------
    tuple of str
        The chosen ids, in the order of ``source``.

    Raises
    ------
    InvalidTypeError
        If ``parties`` is a single string (a common slip for a list of one).
    UnknownReferenceError
        If ``parties`` holds an id that is not among the known parties, or
        ``exclude_groups`` a group no party belongs to; the message names the argument,
        the value and the known ones, and ``.path`` / ``.value`` hold the first two.
    AnalysisError
        If ``parties`` names a party that ``exclude_groups`` leaves out.

    Notes
    -----
    The result does not depend on the order of ``parties``, so neither does any analysis
    that reads its parties here.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.timeline.parties import select_parties
    >>> tl = nt.Timeline(issues=[], parties=[nt.Party("RU"), nt.Party("UA"), nt.Party("US")])
    >>> select_parties(tl, ["US", "RU", "US"]), select_parties(tl, None)
    (('RU', 'US'), ('RU', 'UA', 'US'))
    >>> select_parties(tl, ["RU", "XX"])
    Traceback (most recent call last):
    ...
    negotrack.errors.UnknownReferenceError: parties: 'XX' is not a party of the timeline; known parties: RU, UA, US

    Leaving out a group:

    >>> tl = nt.Timeline(issues=[], parties=[nt.Party("RU"), nt.Party("UA"),
    ...                                      nt.Party("EU", group="Europe")])
    >>> select_parties(tl, None, exclude_groups=["Europe"])
    ('RU', 'UA')
    """
    if isinstance(source, Snapshot):
        known: Sequence[str] = source.party_ids
    elif isinstance(source, Timeline):
        known = tuple(p.id for p in source.parties)
    else:
        known = source
    left_out = _group_members(source, exclude_groups, of, group_path)
    if left_out:
        known = tuple(p for p in known if p not in left_out)
    if parties is None:
        return tuple(known)
    _not_one_string(parties, path, "party ids")
    chosen = set()
    for p in parties:
        if p in left_out:
            raise AnalysisError(
                f"{path}: {p!r} is in a group {group_path} leaves out; choose one or the other",
                path=path,
                value=p,
            )
        if p not in known:
            raise UnknownReferenceError(
                f"{path}: {p!r} is not a party of {of}; known parties: "
                f"{', '.join(known) or 'none'}",
                path=path,
                value=p,
            )
        chosen.add(p)
    return tuple(p for p in known if p in chosen)


def _group_members(
    source: Snapshot | Timeline | Sequence[str], groups: Iterable[str], of: str, path: str
) -> frozenset[str]:
    """Return the ids of the parties in ``groups``, checking each group has a member."""
    _not_one_string(groups, path, "group names")
    wanted = list(groups)
    if not wanted:
        return frozenset()
    if not isinstance(source, Snapshot | Timeline):
        raise InvalidTypeError(
            f"{path} needs the parties themselves (a Snapshot or Timeline), not ids",
            path=path,
            value=wanted,
        )
    known = sorted({p.group for p in source.parties if p.group is not None})
    for group in wanted:
        if group not in known:
            raise UnknownReferenceError(
                f"{path}: {group!r} is not the group of any party of {of}; known "
                f"groups: {', '.join(known) or 'none'}",
                path=path,
                value=group,
            )
    return frozenset(p.id for p in source.parties if p.group in wanted)


def _not_one_string(value: object, path: str, what: str) -> None:
    """Refuse one string where a sequence is wanted (a common slip for a list of one)."""
    if isinstance(value, str):
        raise InvalidTypeError(
            f"{path}={value!r} must be a sequence of {what}, not one string "
            f"(write {path}=[{value!r}])",
            path=path,
            value=value,
        )
