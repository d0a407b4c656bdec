"""Choosing the parties an analysis covers: the one check behind ``parties=`` and ``--parties``.

Every analysis that takes ``parties`` (and the command line's ``--parties``) reads it with
:func:`select_parties`, so the option means the same everywhere: known party ids, in any
order, kept in the record's party order, each once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from negotrack.errors import InvalidTypeError, UnknownReferenceError
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline

__all__ = ["select_parties"]


def select_parties(
    source: Snapshot | Timeline | Sequence[str],
    parties: Iterable[str] | None,
    *,
    path: str = "parties",
    of: str = "the timeline",
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

    Returns
    -------
    tuple of str
        The chosen ids, in the order of ``source``.

    Raises
    ------
    InvalidTypeError
        If ``parties`` is a single string (a common slip for a list of one).
    UnknownReferenceError
        If ``parties`` holds an id that is not among the known parties; the message names
        the argument, the id and the known parties, and ``.path`` / ``.value`` hold the
        first two.

    Notes
    -----
    The result does not depend on the order of ``parties``, so neither does any analysis
    that reads its parties here.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.parties import select_parties
    >>> tl = nt.Timeline(issues=[], parties=[nt.Party("RU"), nt.Party("UA"), nt.Party("US")])
    >>> select_parties(tl, ["US", "RU", "US"]), select_parties(tl, None)
    (('RU', 'US'), ('RU', 'UA', 'US'))
    >>> select_parties(tl, ["RU", "XX"])
    Traceback (most recent call last):
    ...
    negotrack.errors.UnknownReferenceError: parties: 'XX' is not a party of the timeline; known parties: RU, UA, US
    """
    if isinstance(source, Snapshot):
        known: Sequence[str] = source.party_ids
    elif isinstance(source, Timeline):
        known = tuple(p.id for p in source.parties)
    else:
        known = source
    if parties is None:
        return tuple(known)
    if isinstance(parties, str):
        raise InvalidTypeError(
            f"{path}={parties!r} must be a sequence of party ids, not one string "
            f"(write {path}=[{parties!r}])",
            path=path,
            value=parties,
        )
    chosen = set()
    for p in parties:
        if p not in known:
            raise UnknownReferenceError(
                f"{path}: {p!r} is not a party of {of}; known parties: "
                f"{', '.join(known) or 'none'}",
                path=path,
                value=p,
            )
        chosen.add(p)
    return tuple(p for p in known if p in chosen)
