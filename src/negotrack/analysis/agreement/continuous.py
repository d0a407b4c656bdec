"""Exact frontier and solutions when numeric issues take every value of their range.

A *continuous* issue is a numeric issue whose outcome may be any number between its lowest
and highest breakpoint. Each party's contribution on it is linear between consecutive
breakpoints (the parties' ideals and region bounds, where the documented utilities of
:class:`~negotrack.analysis.utilities.PositionValue` bend or jump), and at a breakpoint it is
at least the limit from either side (a closed acceptable range holds its bounds). So per
issue the set of utility vectors is covered by *points* (the breakpoints) and *segments*
(the lines between the limits at the ends of each elementary interval), every segment end
being weakly dominated by the breakpoint there.

On a product of elementary intervals the utility vector is an affine image of a box (a
zonotope). Every optimum of Nash, Kalai–Smorodinsky (the ray reading, a max–min of
normalised gains), egalitarian and utilitarian over it can be reached with at most
``n_parties - 1`` issues strictly inside their interval (proof in ``docs/agreement.md``).
For two parties every frontier piece therefore moves one issue at most: the frontier is
built by merging issues one at a time like :func:`~negotrack.analysis.agreement.frontier.
merge_frontier`, keeping points and segments, each merge ending with the exact upper
envelope of the candidate pieces. The solutions then read each piece in closed form: Nash
on a segment is a concave quadratic, KS and egalitarian the crossing of two lines,
utilitarian an end.

Pieces are plain tuples ``(x0, y0, x1, y1, package, moving)``: the two parties' utilities at
the left end (smaller first utility) and at the right end (equal for a point); ``package`` a
linked list ``(previous, issue index, outcome)`` whose later entries win; ``moving`` None
for a point, else ``(issue index, outcome at the left end, outcome at the right end)``.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from typing import Any

from negotrack._collector import collector_paused
from negotrack.model.scales import Value

#: A frontier piece: (x0, y0, x1, y1, package links, moving issue or None).
Piece = tuple[float, float, float, float, Any, Any]
#: One issue's pieces as the space builds them: points (outcome, vector) and segments
#: (outcome at lo, outcome at hi, limit vector at lo, limit vector at hi).
IssuePoints = Sequence[tuple[Value, tuple[float, float]]]
IssueSegments = Sequence[tuple[float, float, tuple[float, float], tuple[float, float]]]

_NEG = -math.inf


def _link(prev: Any, issue: int, outcome: Value) -> tuple[Any, int, Value, int]:
    """Return a package link: ``issue`` set to ``outcome`` on top of ``prev``.

    The last field fingerprints the package so far (each issue enters a package once, so
    the sum of the entries' hashes names it whatever the order they were added in).
    """
    base = 0 if prev is None else prev[3]
    return (prev, issue, outcome, (base + hash((issue, outcome))) & 0xFFFFFFFFFFFFFFFF)


def _segment(
    s: tuple[float, float], e: tuple[float, float], pkg: Any, mov: tuple[int, float, float]
) -> Piece:
    """Return a segment piece oriented left to right, or its dominating end as a point."""
    issue, xs, xe = mov
    if e[0] < s[0]:
        s, e, xs, xe = e, s, xe, xs
    dx, dy = e[0] - s[0], e[1] - s[1]
    if dx > 0 and dy < 0:
        return (s[0], s[1], e[0], e[1], pkg, (issue, xs, xe))
    if dy >= 0:  # the right end is at least as good for both parties
        return (e[0], e[1], e[0], e[1], _link(pkg, issue, xe), None)
    return (s[0], s[1], s[0], s[1], _link(pkg, issue, xs), None)


def _vertices(piece: Piece) -> list[Piece]:
    """Return a piece's ends as points (a segment's moving issue fixed at each end)."""
    x0, y0, x1, y1, pkg, mov = piece
    if mov is None:
        return [piece]
    issue, xs, xe = mov
    return [
        (x0, y0, x0, y0, _link(pkg, issue, xs), None),
        (x1, y1, x1, y1, _link(pkg, issue, xe), None),
    ]


# ---------------------------------------------------------------------- upper envelope
# An envelope is a list of parts (l, r, yl, yr, tags) covering (-inf, X] left to right,
# with tags a tuple of (piece index, is_tail): the piece's flat tail (every x left of its
# start, where its start dominates) or the piece itself.


def _single(k: int, piece: Piece) -> list[tuple[float, float, float, float, tuple[Any, ...]]]:
    x0, y0, x1, y1 = piece[0], piece[1], piece[2], piece[3]
    parts = [(_NEG, x0, y0, y0, ((k, True),))]
    if x1 > x0:
        parts.append((x0, x1, y0, y1, ((k, False),)))
    return parts


def _at(part: tuple[float, float, float, float, Any], x: float) -> float:
    lo, hi, ylo, yhi, _ = part
    if lo in {_NEG, hi} or x <= lo:
        return ylo
    if x >= hi:
        return yhi
    return ylo + (yhi - ylo) * (x - lo) / (hi - lo)


def _merge_env(
    a: list[tuple[float, float, float, float, Any]],
    b: list[tuple[float, float, float, float, Any]],
) -> list[tuple[float, float, float, float, Any]]:
    """Return the pointwise maximum of two envelopes."""
    cuts = sorted({p[1] for p in a} | {p[1] for p in b})
    out: list[tuple[float, float, float, float, Any]] = []
    ia = ib = 0
    left = _NEG
    for right in cuts:
        while ia < len(a) and a[ia][1] < right:
            ia += 1
        while ib < len(b) and b[ib][1] < right:
            ib += 1
        pa = a[ia] if ia < len(a) else None
        pb = b[ib] if ib < len(b) else None
        if pa is None or pb is None:
            p = pa if pb is None else pb
            assert p is not None
            _emit(out, (left, right, _at(p, left), _at(p, right), p[4]))
        else:
            al, ar = _at(pa, left), _at(pa, right)
            bl, br = _at(pb, left), _at(pb, right)
            if al >= bl and ar >= br:
                tags = pa[4] + pb[4] if (al == bl and ar == br) else pa[4]
                _emit(out, (left, right, al, ar, tags))
            elif bl >= al and br >= ar:
                _emit(out, (left, right, bl, br, pb[4]))
            else:  # they cross inside (left, right); left is finite since tails are flat
                x = left + (right - left) * (al - bl) / ((al - bl) - (ar - br))
                x = min(max(x, left), right)
                y = _at(pa, x)
                first, second = (pa, pb) if al > bl else (pb, pa)
                _emit(out, (left, x, max(al, bl), y, first[4]))
                _emit(out, (x, right, y, max(ar, br), second[4]))
        left = right
    return out


def _emit(out: list[Any], part: tuple[float, float, float, float, Any]) -> None:
    """Append a part to an envelope, joined to the previous one when they are one piece."""
    lo, hi, _, yhi, tags = part
    if hi <= lo and lo != _NEG:
        return
    if out and out[-1][4] == tags and out[-1][1] == lo:
        out[-1] = (out[-1][0], hi, out[-1][2], yhi, tags)
    else:
        out.append(part)


def _prune(pieces: list[Piece]) -> list[Piece]:
    """Drop the pieces one vertex of another piece dominates outright (a fast first pass).

    A point is dropped when some vertex (a point or a segment's end) is at least as good
    for both parties and better for one; a segment when one vertex is that good compared
    with its corner ``(largest first utility, largest second utility)``, hence with every
    point of it.
    """
    verts = sorted({(p[0], p[1]) for p in pieces} | {(p[2], p[3]) for p in pieces}, reverse=True)
    keys = [-v[0] for v in verts]  # ascending
    top: list[float] = []
    best = -math.inf
    for _, y in verts:
        best = max(best, y)
        top.append(best)

    def beaten(x: float, y: float) -> bool:
        k = bisect.bisect_right(keys, -x)  # vertices with first utility >= x
        if k and top[k - 1] > y:
            return True
        j = bisect.bisect_left(keys, -x)  # vertices with first utility > x
        return bool(j) and top[j - 1] >= y

    return [p for p in pieces if not beaten(p[2], p[1])]


def pareto_pieces(pieces: list[Piece]) -> list[Piece]:
    """Return the exact Pareto frontier of points and segments (2 parties), left to right.

    Each returned piece is a non-dominated point or the non-dominated part of a segment;
    pieces reaching the same point are all kept (ties).
    """
    # the same package reached twice (a segment's end and the breakpoint point) counts once
    unique = {(*p[:4], None if p[4] is None else p[4][3], p[5]): p for p in pieces}
    pieces = _prune(list(unique.values()))
    if not pieces:
        return []
    envs = [_single(k, p) for k, p in enumerate(pieces)]
    while len(envs) > 1:
        envs = [
            _merge_env(envs[k], envs[k + 1]) if k + 1 < len(envs) else envs[k]
            for k in range(0, len(envs), 2)
        ]
    env = envs[0]
    out: list[Piece] = []
    for n, (lo, hi, ylo, _, tags) in enumerate(env):
        nxt = env[n + 1] if n + 1 < len(env) else None
        for k, tail in tags:
            x0 = pieces[k][0]
            if tail:
                # attained only at the piece's start, and Pareto only if nothing to its
                # right is as high (a segment's start is listed with the segment)
                if hi != x0 or (
                    nxt is not None
                    and ((k, False) in nxt[4] or (nxt[2] >= ylo and all(t for _, t in nxt[4])))
                ):
                    continue
                out.append(_cut(pieces[k], x0, x0))
            else:
                out.append(_cut(pieces[k], lo, hi))
    return out


def _cut(piece: Piece, lo: float, hi: float) -> Piece:
    """Return the part of ``piece`` between first utilities ``lo`` and ``hi``."""
    x0, y0, x1, y1, pkg, mov = piece
    if mov is None or (lo <= x0 and hi >= x1):
        return piece
    issue, xs, xe = mov

    def at(x: float) -> tuple[float, float]:
        t = (x - x0) / (x1 - x0)
        return y0 + (y1 - y0) * t, _between(xs, xe, t)

    ly, lx = (y0, xs) if lo <= x0 else at(lo)
    ry, rx = (y1, xe) if hi >= x1 else at(hi)
    lo, hi = max(lo, x0), min(hi, x1)
    if hi == lo:
        return (lo, ly, lo, ly, _link(pkg, issue, lx), None)
    return (lo, ly, hi, ry, pkg, (issue, lx, rx))


# ---------------------------------------------------------------------- the merge
def merge_pieces(
    issues: Sequence[tuple[IssuePoints, IssueSegments]],
    reserved: tuple[float, float],
    *,
    issue_fronts: bool = True,
) -> list[Piece]:
    """Return the exact rational Pareto frontier (2 parties) of a product of issues.

    Parameters
    ----------
    issues : sequence of (points, segments)
        Per issue, its feasible points ``(outcome, (u1, u2))`` and its feasible segments
        ``(lo, hi, limits at lo, limits at hi)`` (empty for a discrete issue).
    reserved : (float, float)
        The parties' reserved values: only pieces where both reach them are kept.
    issue_fronts : bool, optional
        Merge each issue's own frontier (:func:`issue_frontier`, the default) rather than
        every piece of it: the same frontier, with less work (False: for the tests).

    Returns
    -------
    list of Piece
        Points and segments, left to right (increasing first utility).
    """
    # the merge builds millions of small acyclic tuples (pieces, package links): the cyclic
    # collector finds nothing among them but rescans the growing heap (at 100 issues 40 %
    # of the time, at 200 most of it), so it is paused; reference counting frees the rest
    with collector_paused(promote=False):
        return _merge(issues, reserved, issue_fronts=issue_fronts)


def _merge(
    issues: Sequence[tuple[IssuePoints, IssueSegments]],
    reserved: tuple[float, float],
    *,
    issue_fronts: bool,
) -> list[Piece]:
    """Return :func:`merge_pieces`' frontier (the collector paused by the caller)."""
    # best possible contribution of the issues after each step, per party (for pruning)
    best: list[tuple[float, float]] = []
    for pts, segs in issues:
        ends = [v for _, v in pts] + [e for s in segs for e in (s[2], s[3])]
        if not ends:
            return []
        best.append((max(v[0] for v in ends), max(v[1] for v in ends)))
    rest = [(0.0, 0.0)] * len(issues)
    acc = (0.0, 0.0)
    for s in range(len(issues) - 1, -1, -1):
        rest[s] = acc
        acc = (acc[0] + best[s][0], acc[1] + best[s][1])
    slack = tuple(1e-9 * (1.0 + abs(r) + abs(a)) for r, a in zip(reserved, acc, strict=True))

    front: list[Piece] = [(0.0, 0.0, 0.0, 0.0, None, None)]
    for s, (given_pts, given_segs) in enumerate(issues):
        own = issue_frontier(s, given_pts, given_segs) if issue_fronts else (given_pts, given_segs)
        cands = _combine(front, s, *own)
        if s == len(issues) - 1:  # rational packages only, before the last Pareto filter
            clipped = (_clip(piece, reserved) for piece in cands)
            front = pareto_pieces([c for c in clipped if c is not None])
            break
        front = pareto_pieces(cands)
        bound = rest[s]
        kept = [
            piece
            for piece in front
            if piece[2] + bound[0] >= reserved[0] - slack[0]
            and piece[1] + bound[1] >= reserved[1] - slack[1]
        ]
        front = kept
        if not front:
            return []
    return front


def issue_frontier(
    s: int, pts: IssuePoints, segs: IssueSegments
) -> tuple[IssuePoints, IssueSegments]:
    """Return issue ``s``'s own Pareto frontier as points and segments (ties kept).

    A package's issue ``s`` part that another outcome of that issue beats for both parties
    can never be on the frontier of the product (adding the same rest to both keeps the
    order), so each merge combines the frontier so far with this frontier of the issue
    alone, not with every point and segment of it: on the benchmark's issues that is a
    third of the pieces, and the merge's work is proportional to them.

    Examples
    --------
    >>> pts = [(0.0, (1.0, 0.0)), (50.0, (0.5, 0.5)), (100.0, (0.0, 0.2))]
    >>> segs = [(0.0, 50.0, (1.0, 0.0), (0.5, 0.5)), (50.0, 100.0, (0.5, 0.5), (0.0, 0.2))]
    >>> issue_frontier(0, pts, segs)  # outcome 100 is worse for both than 50
    ([(50.0, (0.5, 0.5)), (0.0, (1.0, 0.0))], [(50.0, 0.0, (0.5, 0.5), (1.0, 0.0))])
    """
    front = pareto_pieces(_combine([(0.0, 0.0, 0.0, 0.0, None, None)], s, pts, segs))
    given = dict(pts)
    points: dict[Value, tuple[float, float]] = {}
    segments: list[tuple[float, float, tuple[float, float], tuple[float, float]]] = []
    for x0, y0, x1, y1, pkg, mov in front:
        if mov is None:
            points[pkg[2]] = (x0, y0)
            continue
        segments.append((float(mov[1]), float(mov[2]), (x0, y0), (x1, y1)))
        # each end as a point too, which the merge relies on (a segment's end is weakly
        # dominated by a point there): the breakpoint's own value, or inside the interval
        # (a cut end) the segment's value there, which the package takes
        for outcome, vec in ((mov[1], (x0, y0)), (mov[2], (x1, y1))):
            points.setdefault(outcome, given.get(outcome, vec))
    return list(points.items()), segments


def _combine(front: list[Piece], s: int, pts: IssuePoints, segs: IssueSegments) -> list[Piece]:
    """Return every piece of the front plus issue ``s`` where at most one issue moves.

    A vertex of the front (a point, or a segment's end) with each point or segment of the
    issue, and each segment of the front with each point of the issue: the two edges of a
    segment-plus-segment parallelogram that can be Pareto-optimal are among them.
    """
    cands: list[Piece] = []
    for f in front:
        for v in _vertices(f):
            vx, vy, pkg = v[0], v[1], v[4]
            for outcome, (c1, c2) in pts:
                cands.append((vx + c1, vy + c2, vx + c1, vy + c2, _link(pkg, s, outcome), None))
            for lo, hi, p, q in segs:
                ends = ((vx + p[0], vy + p[1]), (vx + q[0], vy + q[1]))
                cands.append(_segment(*ends, pkg, (s, lo, hi)))
        if f[5] is not None:  # a segment of the front with the issue at a breakpoint
            x0, y0, x1, y1, pkg, mov = f
            for outcome, (c1, c2) in pts:
                ends = ((x0 + c1, y0 + c2), (x1 + c1, y1 + c2))
                cands.append(_segment(*ends, _link(pkg, s, outcome), mov))
    return cands


def _clip(piece: Piece, reserved: tuple[float, float]) -> Piece | None:
    """Return the part of a piece where both parties reach their reserved values, or None."""
    x0, y0, x1, y1 = piece[0], piece[1], piece[2], piece[3]
    if x1 == x0:
        return piece if x0 >= reserved[0] and y0 >= reserved[1] else None
    lo = max(x0, reserved[0])
    # y decreases with x: y >= r2 up to x where the line meets r2
    hi = x1 if y1 >= reserved[1] else x0 + (x1 - x0) * (y0 - reserved[1]) / (y0 - y1)
    if y0 < reserved[1] or lo > hi:
        return None
    return _cut(piece, lo, hi)


def _between(xs: float, xe: float, t: float) -> float:
    """Return the outcome a share ``t`` of the way from ``xs`` to ``xe``, never beyond them."""
    if t <= 0:
        return xs
    if t >= 1:
        return xe
    return min(max(xs * (1 - t) + xe * t, min(xs, xe)), max(xs, xe))


def package_of(piece: Piece, t: float, issues: Sequence[str]) -> dict[str, Value]:
    """Return the package at parameter ``t`` in [0, 1] of a piece (its left end at 0)."""
    chosen: dict[int, Value] = {}
    mov = piece[5]
    if mov is not None:
        issue, xs, xe = mov
        chosen[issue] = _between(xs, xe, t)
    link = piece[4]
    while link is not None:
        prev, issue, outcome, _ = link
        if issue not in chosen:
            chosen[issue] = outcome
        link = prev
    return {i: chosen[s] for s, i in enumerate(issues)}


# ---------------------------------------------------------------------- solutions per piece
def best_on_piece(
    name: str, piece: Piece, disagreement: tuple[float, float], ideal: tuple[float, float]
) -> tuple[float, float, bool]:
    """Return ``(score, t, flat)``: the solution's best score on a piece and where.

    ``flat`` says the score is the same along the whole piece (every point ties).
    Scores: Nash the product of gains, egalitarian the smaller gain, Kalai–Smorodinsky the
    smaller normalised gain (the ray reading), utilitarian the sum of utilities.
    """
    x0, y0, x1, y1 = piece[0], piece[1], piece[2], piece[3]
    a = (x0 - disagreement[0], y0 - disagreement[1])
    d = (x1 - x0, y1 - y0)
    if name == "nash":
        if d[0] * d[1] >= 0:  # a point (or a segment flattened by rounding): its ends
            return (*max((a[0] * a[1], 0.0), ((a[0] + d[0]) * (a[1] + d[1]), 1.0)), False)
        t = -(a[0] * d[1] + a[1] * d[0]) / (2 * d[0] * d[1])
        t = min(max(t, 0.0), 1.0)
        return (*max(((a[0] + u * d[0]) * (a[1] + u * d[1]), u) for u in (0.0, t, 1.0)), False)
    if name == "utilitarian":
        s0, s1 = x0 + y0, x1 + y1
        flat = x1 != x0 and abs(s1 - s0) <= 1e-12 * max(1.0, abs(s0))
        return (s1, 1.0, flat) if s1 >= s0 else (s0, 0.0, flat)
    scale = [1.0, 1.0]
    if name == "kalai_smorodinsky":
        scale = [
            (i - r) if i - r > 0 else math.inf for i, r in zip(ideal, disagreement, strict=True)
        ]
    lines = [(a[p] / scale[p], d[p] / scale[p]) for p in (0, 1) if scale[p] != math.inf]
    if not lines:
        return 0.0, 0.0, d != (0.0, 0.0)
    ts = [0.0, 1.0]
    if len(lines) == 2 and lines[0][1] != lines[1][1]:
        tc = (lines[1][0] - lines[0][0]) / (lines[0][1] - lines[1][1])
        if 0.0 < tc < 1.0:
            ts.append(tc)
    return (*max((min(c + u * k for c, k in lines), u) for u in ts), False)


def point_at(piece: Piece, t: float) -> tuple[float, float]:
    """Return the utility vector at parameter ``t`` of a piece."""
    x0, y0, x1, y1 = piece[0], piece[1], piece[2], piece[3]
    if t >= 1.0:
        return (x1, y1)
    return (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)


def dominance_test(pieces: Sequence[Piece]) -> Callable[[float, float], bool]:
    """Return a test of whether a point or segment end of ``pieces`` dominates ``(x, y)``.

    Dominated means another vertex is at least as good for both parties and better for
    one. Used to mark a frontier segment's end that only a limit reaches (the segment
    comes up to a point level with it on its right, which is better for the first party).
    """
    verts = sorted(
        ((p[0], p[1]) for p in pieces for p in _vertices(p)),
        key=lambda v: -v[0],
    )
    xs = [-v[0] for v in verts]  # ascending, for bisect
    top: list[float] = []
    best = -math.inf
    for _, y in verts:
        best = max(best, y)
        top.append(best)

    def dominated(x: float, y: float) -> bool:
        ex, ey = 1e-14 * (1.0 + abs(x)), 1e-14 * (1.0 + abs(y))  # rounding of cut points
        k = bisect.bisect_right(xs, -x + ex)  # vertices with first utility >= x (nearly)
        if k and top[k - 1] > y + ey:
            return True
        j = bisect.bisect_left(xs, -x - ex)  # vertices with first utility > x
        return bool(j) and top[j - 1] >= y - ey

    return dominated
