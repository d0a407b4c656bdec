"""The EU Council's voting rules by date, and the voting power they give each member state.

For an EU legislative issue decided by the Council (``counvte`` in the DEU data:
``"QMV"`` or ``"Unan"``), :func:`council_power` returns each member state's Shapley–Shubik
index (:func:`negotrack.analysis.voting_power.shapley_shubik`, computed exactly) under the
rule in force on a date (the proposal's introduction):

* unanimity: every member a veto player, index 1/n;
* qualified majority, by the treaty in force and the membership on that date:

  - EU-15 (to 30 April 2004): the Amsterdam weights, 62 of 87 votes;
  - EU-25 (1 May – 31 October 2004): the accession treaty's interim weights, 88 of 124;
  - the Nice weights (1 November 2004 – 31 October 2014): 232 of 321 votes (EU-25),
    255 of 345 (EU-27, from 2007), 260 of 352 (EU-28, from July 2013), and a majority of
    the members (the Nice rule's optional 62 % population check is left out);
  - the Lisbon double majority (from 1 November 2014): ≥ 55 % of the members holding
    ≥ 65 % of the population, or all members but three (a blocking minority needs four).

Populations are in thousands, 1 January 2014 (Eurostat), rounded: one table for the whole
Lisbon period. The Commission and the European Parliament, which do not vote in the
Council, are given each the largest member's index (as the data set's GDP row gives them
the largest member's figure), so the three institutions keep a voice in the compromise.

References
----------
Treaty of Nice (2001), Protocol on enlargement, art. 3; Treaty of Lisbon (2007), TEU art. 16
and TFEU art. 238. Felsenthal, D. S. & Machover, M. (2001). The Treaty of Nice and
qualified majority voting. *Social Choice and Welfare* 18, 431-464.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Mapping
from types import MappingProxyType

from negotrack.analysis.voting_power import shapley_shubik
from negotrack.errors import DataError

__all__ = ["COUNCIL_RULES", "council_power", "council_regime", "members_on"]

#: The Council voting rules :func:`council_power` knows (the DEU ``counvte`` codes).
COUNCIL_RULES: tuple[str, ...] = ("QMV", "Unan")

_EU15 = ("at", "be", "de", "dk", "el", "es", "fi", "fr", "ie", "it", "lu", "nl", "pt", "se", "uk")
_EU25 = (*_EU15, "cy", "cz", "ee", "hu", "lt", "lv", "mt", "pl", "si", "sk")
_EU27 = (*_EU25, "bu", "ro")
_EU28 = (*_EU27, "cr")

_AMSTERDAM = {
    "de": 10,
    "fr": 10,
    "it": 10,
    "uk": 10,
    "es": 8,
    "be": 5,
    "el": 5,
    "nl": 5,
    "pt": 5,
    "at": 4,
    "se": 4,
    "dk": 3,
    "ie": 3,
    "fi": 3,
    "lu": 2,
}
_INTERIM_2004 = {
    **_AMSTERDAM,
    "pl": 8,
    "cz": 5,
    "hu": 5,
    "sk": 3,
    "lt": 3,
    "lv": 3,
    "si": 3,
    "ee": 3,
    "cy": 2,
    "mt": 2,
}
_NICE = {
    "de": 29,
    "fr": 29,
    "it": 29,
    "uk": 29,
    "es": 27,
    "pl": 27,
    "ro": 14,
    "nl": 13,
    "be": 12,
    "cz": 12,
    "el": 12,
    "hu": 12,
    "pt": 12,
    "at": 10,
    "se": 10,
    "bu": 10,
    "dk": 7,
    "ie": 7,
    "lt": 7,
    "sk": 7,
    "fi": 7,
    "cr": 7,
    "cy": 4,
    "ee": 4,
    "lv": 4,
    "lu": 4,
    "si": 4,
    "mt": 3,
}
_NICE_QUOTA = {25: 232, 27: 255, 28: 260}
_POPULATION = {
    "de": 80767,
    "fr": 65857,
    "uk": 64308,
    "it": 60783,
    "es": 46508,
    "pl": 38018,
    "ro": 19947,
    "nl": 16829,
    "be": 11204,
    "el": 10993,
    "cz": 10512,
    "pt": 10427,
    "hu": 9877,
    "se": 9645,
    "at": 8508,
    "bu": 7246,
    "dk": 5627,
    "fi": 5451,
    "sk": 5416,
    "ie": 4604,
    "cr": 4247,
    "lt": 2944,
    "si": 2061,
    "lv": 2002,
    "ee": 1316,
    "cy": 858,
    "lu": 550,
    "mt": 425,
}

_ENLARGED_2004 = datetime.date(2004, 5, 1)
_NICE_FROM = datetime.date(2004, 11, 1)
_ENLARGED_2007 = datetime.date(2007, 1, 1)
_ENLARGED_2013 = datetime.date(2013, 7, 1)
_LISBON_FROM = datetime.date(2014, 11, 1)
_BREXIT = datetime.date(2020, 2, 1)  # the United Kingdom left on 31 January 2020


def members_on(date: datetime.date) -> tuple[str, ...]:
    """Return the member states on ``date`` (DEU actor codes, sorted).

    Enlargements of 2004, 2007 and 2013; the United Kingdom is a member until 31 January
    2020.

    Parameters
    ----------
    date : datetime.date
        The day asked about.

    Returns
    -------
    tuple of str
        The members' DEU codes (``"de"``, ``"fr"``, ...), sorted.

    Examples
    --------
    >>> import datetime
    >>> from negotrack.io.eu_council import members_on
    >>> len(members_on(datetime.date(2000, 1, 1))), len(members_on(datetime.date(2015, 1, 1)))
    (15, 28)
    """
    if date < _ENLARGED_2004:
        return tuple(sorted(_EU15))
    if date < _ENLARGED_2007:
        return tuple(sorted(_EU25))
    if date < _ENLARGED_2013:
        return tuple(sorted(_EU27))
    if date < _BREXIT:
        return tuple(sorted(_EU28))
    return tuple(sorted(m for m in _EU28 if m != "uk"))


def council_regime(rule: str, date: datetime.date) -> str:
    """Return the name of the Council voting rule in force for ``rule`` on ``date``.

    One of ``"unanimity"``, ``"amsterdam"``, ``"interim-2004"``, ``"nice"``, ``"lisbon"``.

    Parameters
    ----------
    rule : str
        The DEU ``counvte`` code: ``"QMV"`` or ``"Unan"``.
    date : datetime.date
        When the proposal was introduced.

    Returns
    -------
    str
        The rule's name.

    Raises
    ------
    DataError
        For a code other than those of :data:`COUNCIL_RULES`.

    Examples
    --------
    >>> import datetime
    >>> from negotrack.io.eu_council import council_regime
    >>> council_regime("QMV", datetime.date(2010, 3, 1)), council_regime("Unan", datetime.date(2010, 3, 1))
    ('nice', 'unanimity')
    """
    _check_rule(rule)
    if rule == "Unan":
        return "unanimity"
    if date < _ENLARGED_2004:
        return "amsterdam"
    if date < _NICE_FROM:
        return "interim-2004"
    if date < _LISBON_FROM:
        return "nice"
    return "lisbon"


def _check_rule(rule: str) -> None:
    if rule not in COUNCIL_RULES:
        raise DataError(
            f"Council voting rule {rule!r} is unknown; use one of {', '.join(COUNCIL_RULES)}",
            path="counvte",
            value=rule,
        )


@functools.cache
def _power(regime: str, members: tuple[str, ...]) -> Mapping[str, float]:
    n = len(members)
    if regime == "unanimity":
        index = shapley_shubik([1] * n, n)
    elif regime == "lisbon":
        pop = [_POPULATION[m] for m in members]
        index = shapley_shubik(
            pop, math.ceil(0.65 * sum(pop)), min_members=math.ceil(0.55 * n), enough_members=n - 3
        )
    elif regime == "nice":
        index = shapley_shubik([_NICE[m] for m in members], _NICE_QUOTA[n], min_members=n // 2 + 1)
    else:
        table, quota = (_AMSTERDAM, 62) if regime == "amsterdam" else (_INTERIM_2004, 88)
        index = shapley_shubik([table[m] for m in members], quota)
    return MappingProxyType(dict(zip(members, index, strict=True)))


def council_power(rule: str, date: datetime.date) -> dict[str, float]:
    """Return each actor's voting power under the Council rule in force on ``date``.

    Parameters
    ----------
    rule : str
        ``"QMV"`` (qualified majority) or ``"Unan"`` (unanimity), as DEU's ``counvte``.
    date : datetime.date
        When the rule is read (a proposal's introduction).

    Returns
    -------
    dict of str to float
        Member state (DEU code) to its exact Shapley–Shubik index (summing to 1 over the
        members), plus ``"com"`` and ``"ep"`` with the largest member's index; states not
        members on ``date`` are absent.

    Raises
    ------
    DataError
        If ``rule`` is not one of :data:`COUNCIL_RULES`.

    Examples
    --------
    >>> import datetime
    >>> from negotrack.io.eu_council import council_power
    >>> power = council_power("QMV", datetime.date(2015, 6, 1))   # Lisbon, EU-28
    >>> round(power["de"], 4), round(power["mt"], 4), power["com"] == power["de"]
    (0.1441, 0.0087, True)
    >>> council_power("Unan", datetime.date(2000, 1, 1))["lu"]
    0.06666666666666667
    """
    members = members_on(date)
    power = dict(_power(council_regime(rule, date), members))
    top = max(power.values())
    return {**power, "com": top, "ep": top}
