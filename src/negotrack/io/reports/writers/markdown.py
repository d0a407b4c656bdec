"""The Markdown writer: a memo with ``#`` headings, pipe tables and ``-`` lists, ready to paste.

Every block is followed by one blank line; a list's lead line sits directly above its items.
The writer escapes what Markdown would misread: ``|`` (and line breaks) in table cells, and
backticks inside code spans. Other text is written as it is.
"""

from __future__ import annotations

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
    Paragraph,
    Preformatted,
    Strong,
    Table,
)
from negotrack.io.reports.views import view

__all__ = ["write", "write_blocks"]


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
    for i, block in enumerate(blocks):
        if i:
            lines.append("")
        lines += _lines(block)
    return "\n".join(lines).rstrip() + "\n"


def _lines(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _inline(block.text)]
    if isinstance(block, Paragraph):
        return [_inline(block.text)]
    if isinstance(block, Table):
        out = [_row(block.headers), "|" + "|".join("---" for _ in block.headers) + "|"]
        return out + [_row(r) for r in block.rows]
    if isinstance(block, Bullets):
        lead = [_inline(block.lead)] if block.lead else []
        return lead + _items(block.items, 0)
    if isinstance(block, Preformatted):
        fence = "`" * max(3, _longest_run(block.text, "`") + 1)
        return [f"{fence}text", block.text, fence]
    if isinstance(block, Figure):
        return [f"[Figure: {_inline(block.caption)}]"]
    raise AssertionError(f"unknown block {block!r}")  # pragma: no cover - Block is closed


def _inline(text: Inline) -> str:
    out = []
    for part in text:
        if isinstance(part, Strong):
            out.append(f"**{part.text}**")
        elif isinstance(part, Code):
            out.append(_code(part.text))
        else:
            out.append(part)
    return "".join(out)


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


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _items(items: Sequence[Bullet], depth: int) -> list[str]:
    lines: list[str] = []
    for item in items:
        lines.append("  " * depth + "- " + _inline(item.text))
        lines += _items(item.children, depth + 1)
    return lines
