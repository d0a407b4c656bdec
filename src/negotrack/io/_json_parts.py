r"""A large scenario file's statements array, cut into parts to be parsed one at a time.

``json.loads`` builds a whole document before any of it can be read: for a file of 10^5
statements, some 300,000 tables that all live at once (the reading's peak memory), which
the reading then walks in a second pass, long after they have left the processor's caches.
Files written by negotrack (``nt.dump``, ``negotrack export``) lay their statements out one
table per block, indented by four spaces under a ``"statements"`` key indented by two.
:func:`split` finds that array; :func:`parts` cuts its text between two statements, about
every ``size`` characters, so that each part is parsed and read while the rest is still
text (``negotrack.io.scenario`` does the reading, and reads the file whole when any of this
does not apply or anything fails).

Why the parts give the file's own document. :func:`split` returns the ``head``: the file
with the array's contents replaced by one string, :data:`MARKER`, which begins with a NUL.
JSON text can put a NUL in a string only as the escape ``\u0000``, which :func:`split`
makes sure the head holds once, in the marker: no other string of the head can equal it.
So if the head parses to a table whose ``statements`` is ``[MARKER]``, that item is the
marker put in place of the contents, and the file is the head with that one value replaced
by the contents; JSON's grammar is context-free, so the file parses to the head's table
with ``statements`` holding what the contents hold — when they are a list of values. Each
part is such a list cut between two values (where a ``,`` separates them), put in
brackets: if every part parses, the contents are those lists joined by commas, a list of
values whose items are the parts' items, in order. A cut that fell inside a value (a file
laid out otherwise) leaves a part whose brackets do not balance, which does not parse.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["MARKER", "parts", "split"]

#: The one statement of the head: a string no scenario holds (a NUL begins it).
MARKER = "\x00negotrack: the statements, read in parts"
_MARKER_JSON = '"\\u0000negotrack: the statements, read in parts"'
_NUL = "\\u0000"
#: Where the array begins and ends, in negotrack's layout (a key indented by two spaces).
_OPEN = '\n  "statements": ['
_CLOSE = "\n  ]"
#: Between two statements (each a table indented by four spaces): the cut is at the comma.
_BETWEEN = "\n    },\n    {"
_COMMA = _BETWEEN.index(",")


def split(text: str) -> tuple[str, int, int] | None:
    r"""Return ``(head, begin, end)`` of a document's statements array, or None.

    Parameters
    ----------
    text : str
        A JSON scenario document.

    Returns
    -------
    tuple of (str, int, int), or None
        The document with the array holding only :data:`MARKER`, and where the text
        between the array's brackets (its contents) begins and ends in ``text`` — not
        copied: :func:`parts` cuts them from ``text`` itself. None when the document is not
        laid out as negotrack lays it out, or holds a NUL (``\u0000``) already.

    Examples
    --------
    >>> from negotrack.io._json_parts import split
    >>> text = '{\n  "statements": [\n    {"a": 1}\n  ]\n}'
    >>> head, begin, end = split(text)
    >>> head
    '{\n  "statements": ["\\u0000negotrack: the statements, read in parts"\n  ]\n}'
    >>> text[begin:end]
    '\n    {"a": 1}'
    >>> split('{"statements": []}') is None
    True
    """
    start = text.find(_OPEN)
    if start < 0:
        return None
    begin = start + len(_OPEN)
    end = text.find(_CLOSE, begin)
    if end < 0:
        return None
    head = text[:begin] + _MARKER_JSON + text[end:]
    if head.count(_NUL) != 1:  # the marker's: no other string holds a NUL
        return None
    return head, begin, end


def parts(text: str, size: int, begin: int = 0, end: int | None = None) -> Iterator[str]:
    r"""Yield the contents of an array as arrays of consecutive items, about ``size`` long.

    Parameters
    ----------
    text : str
        Text holding the contents of an array: the text between its brackets.
    size : int
        How many characters a part holds at least (but the last), before its cut.
    begin, end : int, optional
        Where the contents lie in ``text``, as :func:`split` gives them (default: all of
        ``text``).

    Yields
    ------
    str
        ``"[" + some items + "]"``: joined by commas, the parts' contents are
        ``text[begin:end]``.

    Examples
    --------
    >>> from negotrack.io._json_parts import parts
    >>> text = '\n    {"a": 1\n    },\n    {"a": 2\n    },\n    {"a": 3\n    }'
    >>> [p.replace("\n", "").replace(" ", "") for p in parts(text, 1)]
    ['[{"a":1}]', '[{"a":2}]', '[{"a":3}]']
    >>> len(list(parts(text, 10**6)))
    1
    """
    start, stop = begin, len(text) if end is None else end
    while True:
        cut = text.find(_BETWEEN, start + size, stop)
        if cut < 0:
            yield f"[{text[start:stop]}]"
            return
        yield f"[{text[start : cut + _COMMA]}]"
        start = cut + _COMMA + 1
