"""Checks of the position algebra's laws that run on any regions, without pytest.

:func:`check_region_laws` takes three regions on one scale (and optionally some values on
it) and checks every law that ``docs/concepts.md`` lists: the lattice laws of ``&`` and
``|``, the order laws, canonical form, the measure, and the metric laws of ``gap``,
``hausdorff`` and the scale's value distance. The first law that fails raises
:class:`LawViolation`, an ``AssertionError`` whose message names the law and the regions,
so the check reads well inside any test runner (or none).

Use it on your own data, or on a ``Region`` subclass you wrote::

    from negotrack.testing.laws import check_region_laws
    check_region_laws(ua_region, ru_region, us_region)

Nothing here imports pytest or hypothesis; nothing is registered anywhere.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence

from negotrack.errors import InvalidTypeError, ScaleMismatchError
from negotrack.model.regions import Region
from negotrack.model.scales import NominalScale, NumericScale, OrdinalScale, Scale, Value

__all__ = ["REGION_LAWS", "LawViolation", "check_region_laws"]

#: A region with the name it is shown under in messages (``"a"``, ``"b"``, ``"c"``).
_Named = tuple[str, Region]


class LawViolation(AssertionError):  # noqa: N818 - a failed assertion, named for what it reports
    """A law of the position algebra does not hold for the given regions.

    Parameters
    ----------
    law : str
        The law's name, one of :data:`REGION_LAWS`.
    detail : str
        What was computed and why it breaks the law.

    Attributes
    ----------
    law : str
        The law's name.
    detail : str
        What went wrong.

    Examples
    --------
    >>> from negotrack.testing.laws import LawViolation
    >>> err = LawViolation("union_is_commutative", "a ∪ b != b ∪ a")
    >>> err.law, str(err)
    ('union_is_commutative', 'law union_is_commutative does not hold: a ∪ b != b ∪ a')
    >>> isinstance(err, AssertionError)
    True
    """

    def __init__(self, law: str, detail: str) -> None:
        super().__init__(f"law {law} does not hold: {detail}")
        self.law = law
        self.detail = detail


class _Checker:
    """Holds the regions, values and tolerance; one method per law."""

    def __init__(
        self, regions: Sequence[_Named], values: Sequence[Value], tolerance: float
    ) -> None:
        self.regions = list(regions)
        self.values = list(values)
        self.tol = tolerance
        self.scale = regions[0][1].scale

    # ------------------------------------------------------------------ helpers
    def shown(self, *named: _Named) -> str:
        return ", ".join(f"{n}={r!r}" for n, r in named)

    def singles(self) -> list[tuple[_Named]]:
        return [(x,) for x in self.regions]

    def pairs(self, *, non_empty: bool = False) -> list[tuple[_Named, _Named]]:
        rs = [x for x in self.regions if not (non_empty and x[1].is_empty)]
        return list(itertools.permutations(rs, 2))

    def triples(self, *, non_empty: bool = False) -> list[tuple[_Named, _Named, _Named]]:
        rs = [x for x in self.regions if not (non_empty and x[1].is_empty)]
        return list(itertools.permutations(rs, 3))

    # ------------------------------------------------------------------ lattice
    def intersection_is_commutative(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            if (x & y) != (y & x):
                return f"{xn} ∩ {yn} = {x & y!r} but {yn} ∩ {xn} = {y & x!r}"
        return None

    def union_is_commutative(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            if (x | y) != (y | x):
                return f"{xn} ∪ {yn} = {x | y!r} but {yn} ∪ {xn} = {y | x!r}"
        return None

    def intersection_is_associative(self) -> str | None:
        for (xn, x), (yn, y), (zn, z) in self.triples():
            left, right = (x & y) & z, x & (y & z)
            if left != right:
                return f"({xn} ∩ {yn}) ∩ {zn} = {left!r} but {xn} ∩ ({yn} ∩ {zn}) = {right!r}"
        return None

    def union_is_associative(self) -> str | None:
        for (xn, x), (yn, y), (zn, z) in self.triples():
            left, right = (x | y) | z, x | (y | z)
            if left != right:
                return f"({xn} ∪ {yn}) ∪ {zn} = {left!r} but {xn} ∪ ({yn} ∪ {zn}) = {right!r}"
        return None

    def intersection_is_idempotent(self) -> str | None:
        for ((xn, x),) in self.singles():
            if (x & x) != x:
                return f"{xn} ∩ {xn} = {x & x!r}, not {xn} = {x!r}"
        return None

    def union_is_idempotent(self) -> str | None:
        for ((xn, x),) in self.singles():
            if (x | x) != x:
                return f"{xn} ∪ {xn} = {x | x!r}, not {xn} = {x!r}"
        return None

    def intersection_absorbs_union(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            got = x & (x | y)
            if got != x:
                return f"{xn} ∩ ({xn} ∪ {yn}) = {got!r}, not {xn}; {self.shown((xn, x), (yn, y))}"
        return None

    def union_absorbs_intersection(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            got = x | (x & y)
            if got != x:
                return f"{xn} ∪ ({xn} ∩ {yn}) = {got!r}, not {xn}; {self.shown((xn, x), (yn, y))}"
        return None

    def intersection_distributes_over_union(self) -> str | None:
        for (xn, x), (yn, y), (zn, z) in self.triples():
            left, right = x & (y | z), (x & y) | (x & z)
            if left != right:
                return (
                    f"{xn} ∩ ({yn} ∪ {zn}) = {left!r} but ({xn} ∩ {yn}) ∪ ({xn} ∩ {zn}) = {right!r}"
                )
        return None

    def union_distributes_over_intersection(self) -> str | None:
        for (xn, x), (yn, y), (zn, z) in self.triples():
            left, right = x | (y & z), (x | y) & (x | z)
            if left != right:
                return (
                    f"{xn} ∪ ({yn} ∩ {zn}) = {left!r} but ({xn} ∪ {yn}) ∩ ({xn} ∪ {zn}) = {right!r}"
                )
        return None

    def empty_is_identity_of_union(self) -> str | None:
        for ((xn, x),) in self.singles():
            empty = Region.empty(x.scale)
            if (x | empty) != x or (empty | x) != x:
                return f"{xn} ∪ ∅ = {x | empty!r}, ∅ ∪ {xn} = {empty | x!r}, not {xn} = {x!r}"
        return None

    def empty_absorbs_intersection(self) -> str | None:
        for ((xn, x),) in self.singles():
            empty = Region.empty(x.scale)
            if not (x & empty).is_empty or not (empty & x).is_empty:
                return f"{xn} ∩ ∅ = {x & empty!r}, ∅ ∩ {xn} = {empty & x!r}; {xn} = {x!r}"
        return None

    def full_is_identity_of_intersection(self) -> str | None:
        for ((xn, x),) in self.singles():
            full = Region.full(x.scale)
            if (x & full) != x or (full & x) != x:
                return f"{xn} ∩ full = {x & full!r}, full ∩ {xn} = {full & x!r}, not {x!r}"
        return None

    def full_absorbs_union(self) -> str | None:
        for ((xn, x),) in self.singles():
            full = Region.full(x.scale)
            if (x | full) != full:
                return f"{xn} ∪ full = {x | full!r}, not the full scale; {xn} = {x!r}"
        return None

    # ------------------------------------------------------------------ order
    def intersection_is_subset_of_operand(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            if not (x & y).is_subset(x):
                return f"{xn} ∩ {yn} = {x & y!r} is not a subset of {xn} = {x!r}"
        return None

    def operand_is_subset_of_union(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            if not x.is_subset(x | y):
                return f"{xn} = {x!r} is not a subset of {xn} ∪ {yn} = {x | y!r}"
        return None

    def union_is_subset_of_its_hull(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            u = x | y
            if not u.is_subset(u.hull()):
                return f"{xn} ∪ {yn} = {u!r} is not a subset of its hull {u.hull()!r}"
        return None

    def subset_iff_intersection_is_self(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            # From the parts: canonical parts are maximal pieces, so x ⊆ y iff each fits in one.
            scratch = all(any(bl <= al and ah <= bh for bl, bh in y.parts) for al, ah in x.parts)
            if not x.is_subset(y) == ((x & y) == x) == scratch:
                return (
                    f"{xn}.is_subset({yn}) is {x.is_subset(y)}, ({xn} ∩ {yn} == {xn}) is "
                    f"{(x & y) == x}, but the parts say {scratch}; {self.shown((xn, x), (yn, y))}"
                )
        return None

    def disjoint_iff_intersection_is_empty(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            if not x.is_disjoint(y) == (x & y).is_empty == y.is_disjoint(x):
                return (
                    f"{xn}.is_disjoint({yn}) is {x.is_disjoint(y)} but {xn} ∩ {yn} = {x & y!r}"
                    f" and {yn}.is_disjoint({xn}) is {y.is_disjoint(x)}"
                )
        return None

    def contains_agrees_with_intersection(self) -> str | None:
        for xn, x in self.regions:
            for v in self.values:
                met = not (x & Region.point(x.scale, v)).is_empty
                if (v in x) != met or x.contains(v) != met:
                    return (
                        f"{v!r} in {xn} is {v in x} but {xn} ∩ point({v!r}) is "
                        f"{'non-empty' if met else 'empty'}; {xn} = {x!r}"
                    )
        return None

    def hull_is_idempotent(self) -> str | None:
        for ((xn, x),) in self.singles():
            if x.hull().hull() != x.hull():
                return f"hull(hull({xn})) = {x.hull().hull()!r} but hull({xn}) = {x.hull()!r}"
        return None

    def hull_is_the_smallest_interval_holding_the_region(self) -> str | None:
        if not self.scale.ordered:
            return None
        for ((xn, x),) in self.singles():
            want = () if x.is_empty else ((x.parts[0][0], x.parts[-1][1]),)
            if x.hull().parts != want:
                return f"hull({xn}) = {x.hull()!r} for {xn} = {x!r}"
        return None

    def hull_is_identity_on_nominal_scales(self) -> str | None:
        if self.scale.ordered:
            return None
        for ((xn, x),) in self.singles():
            if x.hull() != x:
                return f"hull({xn}) = {x.hull()!r} on a nominal scale, not {xn} = {x!r}"
        return None

    # ------------------------------------------------------------------ canonical form
    def canonical_form_is_idempotent(self) -> str | None:
        for ((xn, x),) in self.singles():
            again = type(x)(x.scale, x.parts)
            if again != x or again.parts != x.parts or hash(again) != hash(x):
                return f"rebuilding {xn} = {x!r} from its parts gives {again!r}"
        return None

    def equal_sets_are_equal_regions(self) -> str | None:
        for ((xn, x),) in self.singles():
            pieces = _split(x)
            again = type(x)(x.scale, pieces)
            if again != x or hash(again) != hash(x):
                return (
                    f"{xn} = {x!r} rebuilt from the same set as pieces {pieces!r} gives "
                    f"{again!r}" + (" (different hash)" if again == x else "")
                )
        return None

    # ------------------------------------------------------------------ measure
    def measure_lies_in_unit_interval(self) -> str | None:
        for ((xn, x),) in self.singles():
            if not 0.0 <= x.measure <= 1.0:
                return f"measure({xn}) = {x.measure!r} for {xn} = {x!r}"
        empty, full = Region.empty(self.scale), Region.full(self.scale)
        if empty.measure != 0.0 or full.measure != 1.0:
            return f"measure(∅) = {empty.measure!r} and measure(full) = {full.measure!r}"
        return None

    def measure_is_monotone(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            cases = ((x & y, x, f"{xn} ∩ {yn} ⊆ {xn}"), (x, x | y, f"{xn} ⊆ {xn} ∪ {yn}"))
            for small, big, how in cases:
                if small.measure > big.measure + self.tol:
                    return f"{how} yet measures {small.measure!r} > {big.measure!r}"
        return None

    def measure_is_subadditive(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs():
            if (x | y).measure > x.measure + y.measure + self.tol:
                return (
                    f"measure({xn} ∪ {yn}) = {(x | y).measure!r} > measure({xn}) + "
                    f"measure({yn}) = {x.measure!r} + {y.measure!r}"
                )
        return None

    # ------------------------------------------------------------------ value distance
    def value_distance_identity(self) -> str | None:
        s = self.scale
        for u, v in itertools.product(self.values, repeat=2):
            same = s.coord(u) == s.coord(v)
            if s.distance(u, u) != 0.0 or (s.distance(u, v) == 0.0) != same:
                return f"distance({u!r}, {v!r}) = {s.distance(u, v)!r} on scale {s}"
        return None

    def value_distance_is_symmetric(self) -> str | None:
        s = self.scale
        for u, v in itertools.combinations(self.values, 2):
            if s.distance(u, v) != s.distance(v, u):
                return f"distance({u!r}, {v!r}) = {s.distance(u, v)!r} but reversed {s.distance(v, u)!r}"
        return None

    def value_distance_triangle_inequality(self) -> str | None:
        s = self.scale
        for u, v, w in itertools.product(self.values, repeat=3):
            if s.distance(u, w) > s.distance(u, v) + s.distance(v, w) + self.tol:
                return (
                    f"distance({u!r}, {w!r}) = {s.distance(u, w)!r} > distance({u!r}, {v!r}) + "
                    f"distance({v!r}, {w!r}) = {s.distance(u, v)!r} + {s.distance(v, w)!r}"
                )
        return None

    def value_distance_lies_in_unit_interval(self) -> str | None:
        s = self.scale
        for u, v in itertools.product(self.values, repeat=2):
            if not 0.0 <= s.distance(u, v) <= 1.0:
                return f"distance({u!r}, {v!r}) = {s.distance(u, v)!r} on scale {s}"
        return None

    # ------------------------------------------------------------------ region metrics
    def hausdorff_identity(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs(non_empty=True):
            if x.hausdorff(x) != 0.0:
                return f"hausdorff({xn}, {xn}) = {x.hausdorff(x)!r}; {xn} = {x!r}"
            if (x.hausdorff(y) == 0.0) != (x == y):
                return (
                    f"hausdorff({xn}, {yn}) = {x.hausdorff(y)!r} although {xn} "
                    f"{'==' if x == y else '!='} {yn}; {self.shown((xn, x), (yn, y))}"
                )
        return None

    def hausdorff_is_symmetric(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs(non_empty=True):
            if x.hausdorff(y) != y.hausdorff(x):
                return (
                    f"hausdorff({xn}, {yn}) = {x.hausdorff(y)!r} but hausdorff({yn}, {xn}) = "
                    f"{y.hausdorff(x)!r}; {self.shown((xn, x), (yn, y))}"
                )
        return None

    def hausdorff_triangle_inequality(self) -> str | None:
        for (xn, x), (yn, y), (zn, z) in self.triples(non_empty=True):
            if x.hausdorff(z) > x.hausdorff(y) + y.hausdorff(z) + self.tol:
                return (
                    f"hausdorff({xn}, {zn}) = {x.hausdorff(z)!r} > hausdorff({xn}, {yn}) + "
                    f"hausdorff({yn}, {zn}) = {x.hausdorff(y)!r} + {y.hausdorff(z)!r}; "
                    f"{self.shown((xn, x), (yn, y), (zn, z))}"
                )
        return None

    def hausdorff_lies_in_unit_interval(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs(non_empty=True):
            if not 0.0 <= x.hausdorff(y) <= 1.0:
                return f"hausdorff({xn}, {yn}) = {x.hausdorff(y)!r}"
        return None

    def gap_lies_in_unit_interval(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs(non_empty=True):
            if not 0.0 <= x.gap(y) <= 1.0:
                return f"gap({xn}, {yn}) = {x.gap(y)!r}"
        return None

    def gap_is_symmetric(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs(non_empty=True):
            if x.gap(y) != y.gap(x):
                return (
                    f"gap({xn}, {yn}) = {x.gap(y)!r} but gap({yn}, {xn}) = {y.gap(x)!r}; "
                    f"{self.shown((xn, x), (yn, y))}"
                )
        return None

    def gap_is_zero_iff_closures_meet(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs(non_empty=True):
            meet = not (x & y).is_empty
            if (x.gap(y) == 0.0) != meet:
                return (
                    f"gap({xn}, {yn}) = {x.gap(y)!r} but the regions "
                    f"{'meet' if meet else 'do not meet'}; {self.shown((xn, x), (yn, y))}"
                )
        return None

    def gap_is_at_most_hausdorff(self) -> str | None:
        for (xn, x), (yn, y) in self.pairs(non_empty=True):
            if x.gap(y) > x.hausdorff(y) + self.tol:
                return (
                    f"gap({xn}, {yn}) = {x.gap(y)!r} > hausdorff({xn}, {yn}) = "
                    f"{x.hausdorff(y)!r}; {self.shown((xn, x), (yn, y))}"
                )
        return None

    def distances_are_discrete_on_nominal_scales(self) -> str | None:
        if self.scale.ordered:
            return None
        for (xn, x), (yn, y) in self.pairs(non_empty=True):
            gap = 0.0 if not (x & y).is_empty else 1.0
            haus = 0.0 if x == y else 1.0
            if x.gap(y) != gap or x.hausdorff(y) != haus:
                return (
                    f"on a nominal scale gap({xn}, {yn}) = {x.gap(y)!r} and hausdorff = "
                    f"{x.hausdorff(y)!r}, expected {gap} and {haus}"
                )
        for u, v in itertools.product(self.values, repeat=2):
            if self.scale.distance(u, v) != (0.0 if u == v else 1.0):
                return f"distance({u!r}, {v!r}) = {self.scale.distance(u, v)!r} on a nominal scale"
        return None

    # ------------------------------------------------------------------ scales
    def operands_on_different_scales_raise_scale_mismatch(self) -> str | None:
        other = _other_scale(self.scale)
        if other is None:
            return None
        foreign = Region.full(other)
        ops: dict[str, Callable[[Region], object]] = {
            "∩": lambda x: x & foreign,
            "∪": lambda x: x | foreign,
            "is_subset": lambda x: x.is_subset(foreign),
            "is_disjoint": lambda x: x.is_disjoint(foreign),
            "gap": lambda x: x.gap(foreign),
            "hausdorff": lambda x: x.hausdorff(foreign),
        }
        for xn, x in self.regions:
            for name, op in ops.items():
                try:
                    op(x)
                except ScaleMismatchError:
                    continue
                except Exception as err:  # any other outcome breaks the law
                    return f"{xn} {name} a region on {other} raised {type(err).__name__}: {err}"
                return f"{xn} {name} a region on {other} raised no ScaleMismatchError; {xn} = {x!r}"
        return None


def _split(region: Region) -> list[tuple[float, float]]:
    """Cut the region's parts in two, reorder and repeat them: the same set, given differently."""
    pieces: list[tuple[float, float]] = []
    for lo, hi in region.parts:
        mid = lo + (hi - lo) / 2
        if region.scale.discrete:
            mid = float(math.floor(mid))
        pieces += [(mid, hi), (lo, mid)]
    return pieces[::-1] + pieces[:1]


def _other_scale(scale: Scale) -> Scale | None:
    """Return a scale of the same kind that differs from ``scale`` (for the mismatch law)."""
    if isinstance(scale, NumericScale):
        return NumericScale(scale.lo, scale.hi, unit=scale.unit + " (other)")
    if isinstance(scale, OrdinalScale | NominalScale):
        extra = "other"
        while extra in scale.labels:
            extra += "'"
        return type(scale)([*scale.labels, extra])
    return None


#: Every law :func:`check_region_laws` checks, in the order it checks them.
REGION_LAWS: tuple[str, ...] = (
    # lattice
    "intersection_is_commutative",
    "union_is_commutative",
    "intersection_is_associative",
    "union_is_associative",
    "intersection_is_idempotent",
    "union_is_idempotent",
    "intersection_absorbs_union",
    "union_absorbs_intersection",
    "intersection_distributes_over_union",
    "union_distributes_over_intersection",
    "empty_is_identity_of_union",
    "empty_absorbs_intersection",
    "full_is_identity_of_intersection",
    "full_absorbs_union",
    # order
    "intersection_is_subset_of_operand",
    "operand_is_subset_of_union",
    "union_is_subset_of_its_hull",
    "subset_iff_intersection_is_self",
    "disjoint_iff_intersection_is_empty",
    "contains_agrees_with_intersection",
    "hull_is_idempotent",
    "hull_is_the_smallest_interval_holding_the_region",
    "hull_is_identity_on_nominal_scales",
    # canonical form
    "canonical_form_is_idempotent",
    "equal_sets_are_equal_regions",
    # measure
    "measure_lies_in_unit_interval",
    "measure_is_monotone",
    "measure_is_subadditive",
    # metrics
    "value_distance_identity",
    "value_distance_is_symmetric",
    "value_distance_triangle_inequality",
    "value_distance_lies_in_unit_interval",
    "hausdorff_identity",
    "hausdorff_is_symmetric",
    "hausdorff_triangle_inequality",
    "hausdorff_lies_in_unit_interval",
    "gap_lies_in_unit_interval",
    "gap_is_symmetric",
    "gap_is_zero_iff_closures_meet",
    "gap_is_at_most_hausdorff",
    "distances_are_discrete_on_nominal_scales",
    # scales
    "operands_on_different_scales_raise_scale_mismatch",
)


def _probe_values(scale: Scale, regions: Iterable[Region]) -> list[Value]:
    """Values worth probing: the scale's ends, every endpoint, and points between them."""
    if scale.discrete and scale.highest < 64:
        return [scale.value(float(i)) for i in range(int(scale.highest) + 1)]
    coords = {scale.lowest, scale.highest}
    for r in regions:
        for lo, hi in r.parts:
            coords.update((lo, hi))
    ordered = sorted(coords)
    between = [lo + (hi - lo) / 2 for lo, hi in itertools.pairwise(ordered)]
    if scale.discrete:
        between = [float(math.floor(c)) for c in between]
    return [scale.value(c) for c in sorted({*ordered, *between})]


def check_region_laws(
    a: Region,
    b: Region,
    c: Region,
    *,
    values: Iterable[Value] = (),
    laws: Iterable[str] | None = None,
    tolerance: float = 1e-9,
) -> None:
    """Check every law of the position algebra on three regions of one scale.

    Binary and ternary laws are checked on every ordering of ``a``, ``b`` and ``c``; the
    metric laws on the non-empty ones among them.

    Parameters
    ----------
    a, b, c : Region
        Regions on one scale (empty regions are fine).
    values : iterable of float or str, optional
        Values on the scale to check membership and the value distance with. When none are
        given, the scale's ends, the regions' endpoints and points between them are used
        (every label on a labelled scale of fewer than 64 labels).
    laws : iterable of str, optional
        Check only these laws (names from :data:`REGION_LAWS`); default all.
    tolerance : float, optional
        Slack allowed in inequalities between floating-point distances and measures.

    Raises
    ------
    LawViolation
        For the first law (in :data:`REGION_LAWS` order) that does not hold; the message
        names the law, the operands and what was computed. If checking a law raises an
        unexpected error, that is reported as a violation of the law too.
    ScaleMismatchError
        If the regions do not share one scale.
    InvalidTypeError
        If an operand is not a Region, or a law name is unknown.
    OffScaleError
        If a value in ``values`` is not on the scale.

    Notes
    -----
    The laws are those listed in ``docs/concepts.md``: ∩ and ∪ form a distributive lattice
    with ∅ as bottom and the full scale as top; ``a ∩ b ⊆ a ⊆ a ∪ b ⊆ hull(a ∪ b)``;
    ``a ⊆ b`` iff ``a ∩ b == a``; ``x in a`` iff ``point(x) ∩ a`` is non-empty; canonical
    form makes equal sets equal (and hash equal); ``measure`` lies in [0, 1], is monotone
    and subadditive; ``gap``, ``hausdorff`` and the value distance lie in [0, 1],
    ``hausdorff`` and the value distance are metrics, ``gap`` is symmetric, 0 exactly when
    the regions meet, and at most ``hausdorff``; on nominal scales ``hull`` is the identity
    and distances are 0 or 1; operands on different scales raise ``ScaleMismatchError``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.testing.laws import check_region_laws
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> us = nt.Region.interval(years, 0, 15)
    >>> ua = nt.Region.interval(years, 50, 100)
    >>> eu = nt.Region.of(years, [(10, 20), (40, 60)])
    >>> check_region_laws(us, ua, eu, values=[0, 15, 30, 100])

    A region class that gets intersection wrong is caught, and the law is named:

    >>> class Careless(nt.Region):
    ...     def intersection(self, other):
    ...         return self
    >>> check_region_laws(Careless(years, us.parts), ua, eu)
    Traceback (most recent call last):
    ...
    negotrack.testing.laws.LawViolation: law intersection_is_commutative does not hold: a ∩ b = ...
    """
    named: list[_Named] = [("a", a), ("b", b), ("c", c)]
    for name, region in named:
        if not isinstance(region, Region):
            raise InvalidTypeError(
                f"check_region_laws: {name}={region!r} must be a Region",
                path=name,
                value=region,
            )
    for name, region in named[1:]:
        if region.scale != a.scale:
            raise ScaleMismatchError(
                f"check_region_laws: {name} lies on scale {region.scale}, a on {a.scale}; "
                f"the laws are checked on regions of one scale",
                path=name,
                value=region.scale,
            )
    if not (isinstance(tolerance, int | float) and 0.0 <= tolerance < 1.0):
        raise InvalidTypeError(
            f"check_region_laws: tolerance={tolerance!r} must be a number in [0, 1)",
            path="tolerance",
            value=tolerance,
        )
    selected = REGION_LAWS if laws is None else tuple(laws)
    unknown = [law for law in selected if law not in REGION_LAWS]
    if unknown or isinstance(laws, str):
        raise InvalidTypeError(
            f"check_region_laws: laws={laws!r} names unknown laws {unknown}; "
            f"see negotrack.testing.laws.REGION_LAWS",
            path="laws",
            value=laws,
        )
    scale = a.scale
    given = list(values)
    for v in given:
        scale.coord(v, field="check_region_laws.values")
    probes = given or _probe_values(scale, (a, b, c))
    checker = _Checker(named, probes, float(tolerance))
    for law in REGION_LAWS:
        if law not in selected:
            continue
        check: Callable[[], str | None] = getattr(checker, law)
        try:
            detail = check()
        except Exception as err:  # a broken region class may fail in any way
            raise LawViolation(law, f"raised {type(err).__name__}: {err}") from err
        if detail is not None:
            raise LawViolation(law, detail)
