"""The plain-text writer: a brief to read in a terminal, with underlined titles and aligned tables.

Free text is shown through :func:`~negotrack.io.reports.visible.visible`: no control
character or escape sequence from a record reaches the terminal.

Layout: a title is underlined with ``=``, a section with ``-``; a subsection is a bare line
with its paragraphs indented under it; tables are indented and aligned in columns; list items
are indented, one more step per level of nesting, without bullets. Blocks are separated by
one blank line, except that a subsection's heading and its paragraphs sit directly above
what follows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

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

__all__ = ["write", "write_blocks"]

_UNDERLINE = {1: "=", 2: "-"}


def write(document: Mapping[str, Any]) -> str:
    r"""Write a report document as plain text.

    Parameters
    ----------
    document : dict
        A document from one of the ``*_document`` functions.

    Returns
    -------
    str
        The text, ending with one newline.

    Raises
    ------
    InvalidTypeError
        If the document has no known ``kind``.

    Examples
    --------
    >>> from negotrack.io.reports import validation_document
    >>> from negotrack.io.reports.writers import text
    >>> text.write(validation_document("x.toml", [], summary={"issues": 2}))
    'x.toml is valid: 2 issues.\n'
    """
    return write_blocks(view(document))


def write_blocks(blocks: Iterable[Block]) -> str:
    """Write blocks as plain text.

    Parameters
    ----------
    blocks : iterable of Block
        Headings, paragraphs, tables, lists ... in reading order.

    Returns
    -------
    str
        The text, ending with one newline.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Heading, Paragraph, Table
    >>> from negotrack.io.reports.writers import text
    >>> print(text.write_blocks([
    ...     Heading(3, "Duration of the guarantees (0–100 years)"),
    ...     Paragraph("No overlap."),
    ...     Table(["Party", "Wants"], [["Ukraine", "50 years"], ["United States", "15 years"]]),
    ... ]))
    Duration of the guarantees (0–100 years)
      No overlap.
      Party          Wants
      -------------  --------
      Ukraine        50 years
      United States  15 years
    """
    blocks = [b for b in blocks if not isinstance(b, Figure)]  # drawn only in HTML
    lines: list[str] = []
    section = 0  # the level of the heading the block is under
    previous: Block | None = None
    for block in blocks:
        if previous is not None and not _tight(previous, block, section):
            lines.append("")
        lines += _lines(block, section)
        if isinstance(block, Heading):
            section = block.level
        previous = block
    return "\n".join(lines).rstrip() + "\n"


def _tight(previous: Block, block: Block, section: int) -> bool:
    """Whether ``block`` follows ``previous`` on the next line, without a blank line."""
    if isinstance(previous, Heading):
        return previous.level == 3
    return isinstance(previous, Paragraph) and section == 3 and not isinstance(block, Heading)


def _lines(block: Block, section: int) -> list[str]:
    if isinstance(block, Heading):
        words = _shown(block.text)
        if block.level in _UNDERLINE:
            return [words, _UNDERLINE[block.level] * len(words)]
        return [words]
    if isinstance(block, Paragraph):
        return [("  " if section == 3 else "") + _shown(block.text)]
    if isinstance(block, Table):
        return _table(
            [visible(h) for h in block.headers], [[visible(c) for c in r] for r in block.rows]
        )
    if isinstance(block, Bullets):
        lead = [_shown(block.lead)] if block.lead else []
        return lead + _items(block.items, 0)
    if isinstance(block, Preformatted):
        return [visible(line) for line in block.text.split("\n")]
    raise AssertionError(f"unknown block {block!r}")  # pragma: no cover - Block is closed


def _shown(text: Inline) -> str:
    # A link shows its address after the words: text is read where links cannot be followed.
    if _all_strings(map(type, text)):  # no link: nothing to add
        return visible("".join(cast("tuple[str, ...]", text)))
    return visible("".join([part if type(part) is str else _words(part) for part in text]))


def _words(part: str | Strong | Code | Link) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, Link) and part.safe_url:
        return f"{part.text} <{part.safe_url}>"
    return part.text


#: Whether every part of inline text is exactly a string (a one-pass check in C).
_all_strings = frozenset({str}).issuperset


def _items(items: Sequence[Bullet], depth: int) -> list[str]:
    lines: list[str] = []
    pad = "  " * (depth + 1)
    for item in items:
        lines.append(pad + _shown(item.text))
        if item.children:
            lines += _items(item.children, depth + 1)
    return lines


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = ["  " + fmt.format(*headers).rstrip(), "  " + "  ".join("-" * w for w in widths)]
    out += ["  " + fmt.format(*r).rstrip() for r in rows]
    return out
