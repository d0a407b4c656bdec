"""How negotrack treats Python's cyclic garbage collector while it builds large results.

A gap series and a store's timeline are many small, acyclic, long-lived objects. The
collector finds nothing to free among them, yet it rescans them (and whatever else the
process holds) as they pile up, and scans each of them twice more before it moves them to
its oldest generation. :func:`collector_paused` spares that work, and nothing else: no
object is kept alive by it and every full collection still scans everything.

This module imports nothing from negotrack, so every part of the package may use it.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["PROMOTE_FROM", "collector_paused"]

#: From how many objects' worth of input (records) a result is worth promoting: below it,
#: the young collection that makes promotion safe costs more than the scans it saves.
PROMOTE_FROM = 2_000


@contextlib.contextmanager
def collector_paused(*, promote: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector while the block runs; restore it afterwards.

    Reference counting still frees what is dropped meanwhile; the collector is switched
    back on only if it was on.

    With ``promote``, when the block succeeds, the objects it built are moved straight to
    the collector's oldest generation: ``gc.freeze()`` then ``gc.unfreeze()``, which by
    its documentation puts the frozen objects in the oldest generation. Switched back on,
    the collector would otherwise scan each of them as young, then as middle-aged, before
    moving them there (about 15 % of a large gap series' time, finding nothing). So that
    only the block's own objects move, the process' young objects are collected first, as
    the collector would do anyway (``gc.collect(1)``); nothing is promoted when the
    collector is off or the process has frozen objects of its own (``unfreeze`` would thaw
    them).

    Parameters
    ----------
    promote : bool
        Whether to promote what the block built (worth it for large results: see
        :data:`PROMOTE_FROM`).

    Examples
    --------
    >>> import gc
    >>> from negotrack._collector import collector_paused
    >>> with collector_paused(promote=False):
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    collecting = gc.isenabled()
    promote = promote and collecting and gc.get_freeze_count() == 0
    if promote:
        gc.collect(1)
    gc.disable()
    try:
        yield
        if promote:
            gc.freeze()
            gc.unfreeze()
    finally:
        if collecting:
            gc.enable()
