r"""Visible text: free text from a record, made safe to show on a terminal or a page.

Titles, names, quotes and labels come from files and stores that anyone may have written.
Shown raw, a control character or an escape sequence acts instead of being read: ``ESC[2J``
clears a terminal, an OSC sequence sets its window title, a carriage return lets later text
overwrite a line, a bidirectional override reorders what a reader sees. :func:`visible` is
the one rule every human-readable writer (text, Markdown, HTML) applies before its own
escaping; JSON keeps every character exactly (``json.dumps`` escapes what it must).

The rule:

* a line break or tab (``\\n``, ``\\r\\n``, ``\\t``, U+2028, U+2029) becomes a space, so
  free text never starts a new line of a report;
* every other control character (C0, DEL, C1: NUL, BEL, backspace, a lone CR, ESC ...),
  every bidirectional control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and
  every lone surrogate is shown as its escape, ``\\x1b``, ``\\u202e``, ``\\ud800``: the
  text keeps its meaning, visibly, and does nothing.
"""

from __future__ import annotations

import re

__all__ = ["visible"]

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SPACES = re.compile("\r\n|[\n\t\u2028\u2029]")
_HIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    r"""Return ``text`` with line breaks as spaces and other controls shown as escapes.

    Parameters
    ----------
    text : str
        Free text from a record (a title, a quote, a label ...).

    Returns
    -------
    str
        Text with no control character, bidirectional control or lone surrogate left in it.

    Examples
    --------
    >>> from negotrack.io.reports.visible import visible
    >>> visible("Talks\x1b[2J resumed\r\n(in Geneva)")
    'Talks\\x1b[2J resumed (in Geneva)'
    >>> visible("abc\u202edef")
    'abc\\u202edef'
    >>> visible("Zelensky: “50 years”")
    'Zelensky: “50 years”'
    """
    if text.isprintable():  # the common case: nothing to do
        return text
    return _HIDDEN.sub(_escape, _SPACES.sub(" ", text))
