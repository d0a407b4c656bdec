r"""The Markdown writer: a memo with ``#`` headings, pipe tables and ``-`` lists, ready to paste.

Every block is followed by one blank line; a list's lead line sits directly above its items.

Free text from a record is written so that it reads as the words it is and nothing else
(:func:`escape`): first made visible (:func:`~negotrack.io.reports.visible.visible`: no
line break, control character or bidirectional control survives), then every character
Markdown would act on is backslash-escaped: ``\\ ` * ~``, a ``|`` in a table cell, an ``_`` that is not inside a
word, a ``<`` that would open a tag, a ``]`` that would close a link, an ``&`` that would
start an entity, and a ``#``, ``>``, ``+``, ``-``, ``=``
or ``1.`` that would open a heading, quote, list or rule at the start of a block. A name or
quote therefore never breaks a table, injects a heading or opens a code fence. Code spans
take a fence longer than any run of backticks inside them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from negotrack.io.reports.blocks import (
    Block,
    Bullet,
    Bullets,
    Code,
    Figure,
    Heading,
    Inline,
    Link,
    Paragraph,
    Preformatted,
    Strong,
    Table,
)
from negotrack.io.reports.views import view
from negotrack.io.reports.visible import visible

__all__ = ["escape", "write", "write_blocks"]

#: Characters Markdown acts on anywhere in a line: ``_`` only at a word's edge, ``<`` only
#: where a tag or an autolink could start, ``]`` only where a link could.
_SPECIAL = re.compile(
    r"[\\`*~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|<(?=[A-Za-z/!?])|\](?=[(\[:])|&(?=#?\w+;)"
)
#: What opens a block at the start of a line: heading, quote, list, rule, setext underline.
_OPENER = re.compile(r"^[ ]*(?:([#>+=-])|(\d+)([.)]))")


def escape(text: str, *, start: bool = False) -> str:
    r"""Return free text as Markdown that shows exactly these words.

    Parameters
    ----------
    text : str
        A name, label, quote ... from a record.
    start : bool, optional
        Whether the text begins a block (a paragraph, heading, list item), where ``#``,
        ``>``, ``-``, ``+``, ``=`` and ``1.`` would open a heading, a quote or a list.

    Returns
    -------
    str

    Examples
    --------
    >>> from negotrack.io.reports.writers.markdown import escape
    >>> print(escape("Ukraine | EU *and* <b>US</b> [x](y) a < b"))
    Ukraine | EU \*and\* \<b>US\</b> [x\](y) a < b
    >>> print(escape("# not a heading", start=True), escape("donbas_withdrawal"))
    \# not a heading donbas_withdrawal
    >>> print(escape("```fence\nend"))
    \`\`\`fence end
    """
    out = visible(text)
    if _ANY_SPECIAL(out) is not None or (  # most text has none of them: no pattern to run
        "]" in out and ("](" in out or "][" in out or "]:" in out)
    ):
        out = _SPECIAL.sub(lambda m: "\\" + m.group(), out)
    if start:
        first = out.lstrip(" ")[:1]
        if first in "#>+=-" or first.isdecimal():  # what _OPENER can match first
            out = _OPENER.sub(_unopen, out, count=1)
    return out


#: Finds a character _SPECIAL may match but ``]`` (one scan in C, faster than a set test per
#: character); a ``]`` is special only before ``(``, ``[`` or ``:`` (``[confirmed]`` is not).
_ANY_SPECIAL = re.compile(r"[\\`*~_<&]").search


def _unopen(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def write(document: Mapping[str, Any]) -> str:
    r"""Write a report document as Markdown.

    Parameters
    ----------
    document : dict
        A document from one of the ``*_document`` functions.

    Returns
    -------
    str
        The Markdown, ending with one newline.

    Raises
    ------
    InvalidTypeError
        If the document has no known ``kind``.

    Examples
    --------
    >>> from negotrack.io.reports import validation_document
    >>> from negotrack.io.reports.writers import markdown
    >>> markdown.write(validation_document("x.toml", [], summary={"issues": 2}))
    '`x.toml` is valid: 2 issues.\n'
    """
    return write_blocks(view(document))


def write_blocks(blocks: Iterable[Block]) -> str:
    r"""Write blocks as Markdown.

    Parameters
    ----------
    blocks : iterable of Block
        Headings, paragraphs, tables, lists ... in reading order.

    Returns
    -------
    str
        The Markdown, ending with one newline.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Bullet, Bullets, Heading, Strong, Table
    >>> from negotrack.io.reports.writers import markdown
    >>> print(markdown.write_blocks([
    ...     Heading(2, "Forecasts"),
    ...     Table(["Issue", "Outcome"], [["bodies", "US | EU"]]),
    ...     Bullets([Bullet("a statement", children=["its source"])], lead=Strong("Records")),
    ... ]))
    ## Forecasts
    <BLANKLINE>
    | Issue | Outcome |
    |---|---|
    | bodies | US \| EU |
    <BLANKLINE>
    **Records**
    - a statement
      - its source
    """
    lines: list[str] = []
    drawn = [b for b in blocks if not isinstance(b, Figure)]  # drawn only in HTML
    for i, block in enumerate(drawn):
        if i:
            lines.append("")
        lines += _lines(block)
    return "\n".join(lines).rstrip() + "\n"


def _lines(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _inline(block.text, start=True)]
    if isinstance(block, Paragraph):
        return [_inline(block.text, start=True)]
    if isinstance(block, Table):
        out = [_row(block.headers), "|" + "|".join("---" for _ in block.headers) + "|"]
        return out + [_row(r) for r in block.rows]
    if isinstance(block, Bullets):
        lead = [_inline(block.lead, start=True)] if block.lead else []
        return lead + _items(block.items, 0)
    if isinstance(block, Preformatted):
        fence = "`" * max(3, _longest_run(block.text, "`") + 1)
        lines = [visible(line) for line in block.text.split("\n")]
        return [f"{fence}text", *lines, fence]
    raise AssertionError(f"unknown block {block!r}")  # pragma: no cover - Block is closed


def _inline(text: Inline, *, start: bool = False) -> str:
    if len(text) == 1 and type(text[0]) is str:  # the common case: one plain part
        return escape(text[0], start=start)
    out = []
    for i, part in enumerate(text):
        if type(part) is str:
            out.append(escape(part, start=start and i == 0))
        elif isinstance(part, Strong):
            out.append(_strong(part.text))
        elif isinstance(part, Code):
            out.append(_code(visible(part.text)))
        elif isinstance(part, Link):
            url = part.safe_url
            # brackets escaped so the words cannot end the link text early; <...> keeps
            # spaces and parentheses of the address inside the link
            words = _bracketed(escape(part.text))
            out.append(f"[{words}](<{_link_target(url)}>)" if url else words)
        else:
            out.append(escape(part, start=start and i == 0))
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def _strong(text: str) -> str:
    """Return stressed words (names, mostly: a report repeats them on every line)."""
    return f"**{escape(text)}**"


def _bracketed(escaped: str) -> str:
    """Escape every bracket not escaped already (an even run of backslashes before it)."""
    out: list[str] = []
    run = 0
    for char in escaped:
        if char in "[]" and run % 2 == 0:
            out.append("\\")
        out.append(char)
        run = run + 1 if char == "\\" else 0
    return "".join(out)


def _link_target(url: str) -> str:
    """Return an address safe inside ``<...>``: angle brackets and controls percent-encoded."""
    return "".join(
        f"%{ord(c):02X}" if c in "<>\\" or ord(c) < 0x20 or ord(c) == 0x7F else c for c in url
    )


def _code(text: str) -> str:
    """Return a code span, with a longer fence (and spaces) if the text holds backticks."""
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (_longest_run(text, "`") + 1)
    return f"{fence} {text} {fence}"


def _longest_run(text: str, char: str) -> int:
    longest = run = 0
    for c in text:
        run = run + 1 if c == char else 0
        longest = max(longest, run)
    return longest


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(escape(c).replace("|", "\\|") for c in cells) + " |"


def _items(items: Sequence[Bullet], depth: int) -> list[str]:
    lines: list[str] = []
    mark = "  " * depth + "- "
    for item in items:
        lines.append(mark + _inline(item.text, start=True))
        if item.children:
            lines += _items(item.children, depth + 1)
    return lines
