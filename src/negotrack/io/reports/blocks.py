"""Blocks: the pieces every report is made of, whatever the format — headings, tables, lists.

A *view* turns a report document into a list of blocks; a *writer* turns blocks into one
format (plain text, Markdown, HTML). Blocks say what a piece is, never how it looks:
the text writer underlines a title where the Markdown writer puts a ``#`` before it.

Words inside a block are *inline* text: a tuple of plain strings and two kinds of span,
:class:`Strong` (words to stress) and :class:`Code` (a literal: a file name, a clause). A
plain ``str`` is accepted wherever inline text is, so ``Paragraph("No deadlock.")`` works.
The type aliases ``Inline`` (inline text) and ``Block`` (any block) are for annotations.

Examples
--------
>>> from negotrack.io.reports.blocks import Bullets, Code, Heading, Paragraph, Table
>>> from negotrack.io.reports.writers import text
>>> print(text.write_blocks([
...     Heading(1, "Talks"),
...     Paragraph(("Checked ", Code("talks.toml"), ".")),
...     Table(["Issue", "Status"], [["ceasefire", "NO OVERLAP"]]),
...     Bullets(["one", "two"], lead="Steps"),
... ]))
Talks
=====
<BLANKLINE>
Checked talks.toml.
<BLANKLINE>
  Issue      Status
  ---------  ----------
  ceasefire  NO OVERLAP
<BLANKLINE>
Steps
  one
  two
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias, cast

import attrs

from negotrack.errors import InvalidTypeError, ValidationError

__all__ = [
    "Bullet",
    "Bullets",
    "Code",
    "Figure",
    "Heading",
    "Link",
    "Paragraph",
    "Preformatted",
    "Strong",
    "Table",
    "inline",
    "plain_text",
]


@attrs.frozen
class Strong:
    """Words to stress inside a line (bold in Markdown, plain in text).

    Attributes
    ----------
    text : str
        The words.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Paragraph, Strong
    >>> Paragraph((Strong("Linkage conflict"), ": ceasefire needs withdrawal")).text[0]
    Strong(text='Linkage conflict')
    """

    text: str


@attrs.frozen
class Code:
    """A literal inside a line: a file name, a clause (a code span in Markdown).

    Attributes
    ----------
    text : str
        The literal, as it is.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Code, plain_text
    >>> plain_text(("accepts ", Code("ceasefire ∈ {yes}"), " only after"))
    'accepts ceasefire ∈ {yes} only after'
    """

    text: str


@attrs.frozen
class Link:
    """Words that point to a source's own address (a link in Markdown; ``text <url>`` in text).

    Only ``http``, ``https`` and ``mailto`` addresses are links; any other is shown as the
    words alone, so a record cannot smuggle a ``javascript:`` link into a report.

    Attributes
    ----------
    text : str
        The words (a citation).
    url : str
        The address.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Link, plain_text
    >>> plain_text(("see ", Link("AP", "https://apnews.com/x")))
    'see AP'
    >>> Link("AP", "javascript:alert(1)").safe_url
    ''
    """

    text: str
    url: str = ""

    @property
    def safe_url(self) -> str:
        """Return the address if it is an http(s) or mailto one, else ``""``."""
        url = self.url.strip()
        return url if url.lower().startswith(("http://", "https://", "mailto:")) else ""


#: Inline text: plain strings and spans, in reading order.
Inline: TypeAlias = tuple[str | Strong | Code | Link, ...]


def inline(
    value: str | Strong | Code | Link | Iterable[str | Strong | Code | Link],
) -> Inline:
    """Return inline text from a string, a span, or a sequence of strings and spans.

    Parameters
    ----------
    value : str, Strong, Code or iterable of them
        The words.

    Returns
    -------
    tuple
        The strings and spans, empty strings left out.

    Raises
    ------
    InvalidTypeError
        If a part is neither a string nor a span.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Strong, inline
    >>> inline("plain"), inline((Strong("Events"), ""))
    (('plain',), (Strong(text='Events'),))
    """
    if type(value) is str:  # the common cases first, by exact type
        return (value,) if value else ()
    if type(value) is tuple and _all_parts(map(type, value)):
        for part in value:  # most inline text has no empty part: kept as it is
            if not (part if type(part) is str else part.text):
                return tuple([part for part in value if (part if type(part) is str else part.text)])
        return value
    parts: Iterable[object] = (value,) if isinstance(value, str | Strong | Code | Link) else value
    out: list[str | Strong | Code | Link] = []
    for part in parts:
        if not isinstance(part, str | Strong | Code | Link):
            raise InvalidTypeError(
                f"inline text is made of str, Strong, Code and Link, not {type(part).__name__}",
                path="text",
                value=part,
            )
        if part if isinstance(part, str) else part.text:  # an empty string or span says nothing
            out.append(part)
    return tuple(out)


def plain_text(text: Inline) -> str:
    """Return inline text as plain words, its spans unmarked.

    Parameters
    ----------
    text : tuple of str, Strong and Code
        Inline text (from :func:`inline` or a block's ``text``).

    Returns
    -------
    str

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Paragraph, Strong, plain_text
    >>> plain_text(Paragraph((Strong("Event"), ": a summit")).text)
    'Event: a summit'
    """
    if _all_strings(map(type, text)):
        return "".join(cast("tuple[str, ...]", text))  # every part a str
    return "".join(part if isinstance(part, str) else part.text for part in text)


#: Whether every part of inline text is exactly a string (a one-pass check in C).
_all_strings = frozenset({str}).issuperset
#: Whether every part is exactly of a type inline text is made of.
_all_parts = frozenset({str, Strong, Code, Link}).issuperset


def _level(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3:
        raise ValidationError(
            f"Heading.level={value!r} must be 1 (a title), 2 (a section) or 3 (a subsection)",
            path="level",
            value=value,
        )


@attrs.frozen
class Heading:
    """A heading: level 1 is the report's title, 2 a section, 3 a subsection.

    Attributes
    ----------
    level : int
        1, 2 or 3.
    text : inline text
        The heading.

    Raises
    ------
    ValidationError
        If the level is not 1, 2 or 3.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Heading
    >>> Heading(2, "Issues, hardest first")
    Heading(level=2, text=('Issues, hardest first',))
    """

    level: int = attrs.field(validator=_level)
    text: Inline = attrs.field(converter=inline)


@attrs.frozen
class Paragraph:
    """A paragraph of running text.

    Attributes
    ----------
    text : inline text
        Its words.
    aside : bool
        Whether it speaks of the report rather than of the negotiation (what it covers):
        HTML sets it apart; text and Markdown write it as any paragraph (not compared, not
        shown in the repr).

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Paragraph
    >>> Paragraph("Nothing changed.")
    Paragraph(text=('Nothing changed.',))
    """

    text: Inline = attrs.field(converter=inline)
    aside: bool = attrs.field(default=False, kw_only=True, eq=False, repr=False)


def _cells(values: Iterable[str]) -> tuple[str, ...]:
    cells = tuple(values)
    for cell in cells:
        if not isinstance(cell, str):
            raise InvalidTypeError(
                f"a table cell is a str (format numbers first), not {type(cell).__name__}: "
                f"{cell!r}",
                path="cell",
                value=cell,
            )
    return cells


def _rows(values: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(_cells(row) for row in values)


@attrs.frozen
class Table:
    """A table: a header row and rows of cells, every cell already in words.

    Attributes
    ----------
    headers : tuple of str
        The column headers.
    rows : tuple of tuple of str
        The rows, each with one cell per header.

    Raises
    ------
    ValidationError
        If a row has more or fewer cells than there are headers.
    InvalidTypeError
        If a cell is not a string.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Table
    >>> Table(["Party", "Wants"], [["Ukraine", "50 years"]]).rows
    (('Ukraine', '50 years'),)
    """

    headers: tuple[str, ...] = attrs.field(converter=_cells)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)

    def __attrs_post_init__(self) -> None:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.headers):
                raise ValidationError(
                    f"Table.rows[{i}] has {len(row)} cells for {len(self.headers)} headers",
                    path=f"rows[{i}]",
                    value=row,
                )


def _bullets(
    items: Iterable[Bullet | str | Strong | Code | Link | Iterable[str | Strong | Code | Link]],
) -> tuple[Bullet, ...]:
    if type(items) is tuple and _all_bullets(map(type, items)):
        return items
    return tuple(item if isinstance(item, Bullet) else Bullet(item) for item in items)


@attrs.frozen
class Bullet:
    """One item of a list, possibly with a list of its own below it.

    Attributes
    ----------
    text : inline text
        The item.
    children : tuple of Bullet
        Items nested under it (strings are accepted and made bullets).

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Bullet
    >>> Bullet("Ukraine on the ceasefire", children=["AP: quote"]).children
    (Bullet(text=('AP: quote',), children=()),)
    """

    text: Inline = attrs.field(converter=inline)
    children: tuple[Bullet, ...] = attrs.field(default=(), converter=_bullets, kw_only=True)

    @classmethod
    def of(cls, text: Inline, children: tuple[Bullet, ...] = ()) -> Bullet:
        """Return a bullet made of parts already in their form: no conversion, for many items.

        ``Bullet.of(inline(x), tuple(bullets)) == Bullet(x, children=bullets)``, about
        five times as fast: a view that lists 10^5 records makes them this way. ``text``
        must be what :func:`inline` returns (a tuple with no empty part) and ``children``
        a tuple of bullets; anything else goes through the converters, as ``Bullet(...)``.

        Parameters
        ----------
        text : tuple of str and spans
            Inline text from :func:`inline`.
        children : tuple of Bullet, optional
            The items nested under it.

        Returns
        -------
        Bullet

        Examples
        --------
        >>> from negotrack.io.reports.blocks import Bullet, inline
        >>> Bullet.of(inline("Ukraine on the ceasefire"), (Bullet.of(inline("AP: quote")),))
        Bullet(text=('Ukraine on the ceasefire',), children=(Bullet(text=('AP: quote',), children=()),))
        >>> Bullet.of("plain", ["its source"]) == Bullet("plain", children=["its source"])
        True
        """
        if type(text) is not tuple or type(children) is not tuple:
            return cls(text, children=children)
        bullet = _new(cls)
        _set(bullet, "text", text)
        _set(bullet, "children", children)
        return bullet


#: How :meth:`Bullet.of` makes a bullet without its converters (as attrs' own init does).
_new = object.__new__
_set = object.__setattr__


#: Whether every item is exactly a Bullet (a one-pass check in C).
_all_bullets = frozenset({Bullet}).issuperset


@attrs.frozen
class Bullets:
    """A list of items, optionally introduced by a lead line written just above it.

    Attributes
    ----------
    items : tuple of Bullet
        The items (strings and inline text are accepted and made bullets).
    lead : inline text
        A line introducing the list ("Events", "x.toml has 2 problems:"); empty for none.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Bullets, Strong
    >>> Bullets(["2025-12-29: a drone claim"], lead=Strong("Events")).lead
    (Strong(text='Events'),)
    """

    items: tuple[Bullet, ...] = attrs.field(converter=_bullets)
    lead: Inline = attrs.field(default=(), converter=inline, kw_only=True)


@attrs.frozen
class Preformatted:
    r"""Text kept exactly as it is, line breaks and spacing included.

    Attributes
    ----------
    text : str
        The text.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Preformatted
    >>> from negotrack.io.reports.writers import markdown
    >>> print(markdown.write_blocks([Preformatted("a  b\n  c")]))
    ```text
    a  b
      c
    ```
    """

    text: str


@attrs.frozen
class Figure:
    """A figure: the HTML writer draws it from its data; text and Markdown leave it out.

    Attributes
    ----------
    name : str
        What to draw: ``"positions"``, ``"gaps_over_time"``, ``"distances"`` or
        ``"conditions"`` (see :mod:`negotrack.io.reports.svg`).
    caption : inline text
        What the figure shows, in words.
    data : dict
        What to draw it from: plain data, as a document has it (not compared, not shown
        in the repr).

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Figure, Paragraph
    >>> from negotrack.io.reports.writers import text
    >>> print(text.write_blocks([Figure("distances", "How far apart"), Paragraph("Next.")]))
    Next.
    """

    name: str
    caption: Inline = attrs.field(converter=inline)
    data: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False, kw_only=True)


#: Any block a view may produce and every writer must write.
Block: TypeAlias = Heading | Paragraph | Table | Bullets | Preformatted | Figure
