r"""The HTML writer: one self-contained page, readable on a phone and printable.

Everything the page needs is inside it — the style sheet, the figures (inline SVG, drawn by
:mod:`negotrack.io.reports.svg`) and any script — so it can be mailed or archived and opened
anywhere with no network request of any kind. A Content-Security-Policy in the page forbids
every request (``default-src 'none'``) and allows only the page's own style and, by its
hash, its own script. Source links are plain ``<a href>`` to the sources' own ``http(s)``
addresses.

Free text from a record is shown as the words it is (:func:`escape`): first made visible
(:func:`~negotrack.io.reports.visible.visible`), then ``<``, ``>``, ``&`` and both quotes
are written as entities, so a name or quote can neither open a tag nor end an attribute.

Examples
--------
>>> from negotrack.io.reports.blocks import Heading, Paragraph
>>> from negotrack.io.reports.writers import html
>>> print(html.write_blocks([Heading(2, "Talks <b>"), Paragraph("A & B")]))
<h2>Talks &lt;b&gt;</h2>
<p>A &amp; B</p>
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
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
from negotrack.io.reports.svg import draw
from negotrack.io.reports.views import view
from negotrack.io.reports.visible import visible

__all__ = ["STYLE", "escape", "page", "write", "write_blocks"]

#: The page's style sheet: readable type, tables that scroll sideways on a phone, print rules.
STYLE = """
:root{color-scheme:light;--ink:#222;--muted:#5b5b5b;--rule:#d9d9d9;--red:#b2182b;--bg:#fff}
*{box-sizing:border-box}
body{margin:0 auto;max-width:62rem;padding:1rem 1.25rem 3rem;color:var(--ink);background:var(--bg);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 .75rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:2px solid var(--rule)}
h3{font-size:1.05rem;margin:1.5rem 0 .35rem}
p{margin:.4rem 0 .8rem}
.coverage,.lead{color:var(--muted)}
.table{overflow-x:auto;margin:.5rem 0 1rem}
table{border-collapse:collapse;font-size:.92rem;min-width:50%}
th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid var(--rule);vertical-align:top}
th{border-bottom:2px solid #999}
ul{margin:.3rem 0 1rem;padding-left:1.3rem}
li{margin:.2rem 0}
code{font-size:.9em;background:#f3f3f3;padding:0 .2em;border-radius:3px;overflow-wrap:anywhere}
pre{overflow-x:auto;background:#f6f6f6;padding:.6rem}
figure{margin:.75rem 0 1.25rem}
figure svg{display:block;height:auto}
figcaption{font-size:.85rem;color:var(--muted)}
a{color:#0b5cad}
.controls{position:sticky;top:0;z-index:1;background:var(--bg);display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;
padding:.5rem 0;border-bottom:1px solid var(--rule)}
.controls label{font-size:.9rem}
select{font:inherit;padding:.15rem .3rem}
.contested{color:var(--red);font-weight:600}
.tag{font-size:.8rem;color:var(--muted)}
.record{margin:.25rem 0 .6rem}
.record blockquote{margin:.2rem 0 .2rem 1rem;padding-left:.6rem;border-left:3px solid var(--rule);color:#333}
@media (max-width:600px){body{font-size:15px;padding:.5rem .75rem 2rem}h1{font-size:1.35rem}}
@media print{.controls{display:none}h2{break-after:avoid}figure,table{break-inside:avoid}
a{color:inherit}body{max-width:none}}
"""


def escape(text: str) -> str:
    r"""Return free text as HTML that shows exactly these words (also safe in attributes).

    Parameters
    ----------
    text : str
        A name, label, quote ... from a record.

    Returns
    -------
    str

    Examples
    --------
    >>> from negotrack.io.reports.writers.html import escape
    >>> escape('<script>alert("x")</script> & \x1b[2J')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; \\x1b[2J'
    """
    return _html.escape(visible(text), quote=True)


def write(document: Mapping[str, Any]) -> str:
    """Write a report document as a self-contained HTML page.

    Parameters
    ----------
    document : dict
        A document from one of the ``*_document`` functions.

    Returns
    -------
    str
        The page, ending with one newline.

    Raises
    ------
    InvalidTypeError
        If the document has no known ``kind``.

    Examples
    --------
    >>> from negotrack.io.reports import validation_document
    >>> from negotrack.io.reports.writers import html
    >>> page = html.write(validation_document("x.toml", [], summary={"issues": 2}))
    >>> page.startswith("<!DOCTYPE html>"), "<code>x.toml</code> is valid: 2 issues." in page
    (True, True)
    """
    title = str(document.get("title") or document.get("kind") or "negotrack report")
    return page(title, write_blocks(view(document)))


def page(title: str, body: str, *, script: str = "", head: str = "") -> str:
    """Return a whole HTML page around ``body`` with the style sheet and, if any, a script.

    Parameters
    ----------
    title : str
        The page's title (free text: escaped).
    body : str
        HTML for the page's body (already written, e.g. by :func:`write_blocks`).
    script : str, optional
        JavaScript to run in the page; the page's Content-Security-Policy allows this
        script alone, by its SHA-256 hash.
    head : str, optional
        More HTML for the ``<head>`` (already written).

    Returns
    -------
    str

    Examples
    --------
    >>> from negotrack.io.reports.writers.html import page
    >>> p = page("Talks & more", "<p>Hi</p>")
    >>> "<title>Talks &amp; more</title>" in p, "default-src 'none'" in p
    (True, True)
    """
    scripts = ""
    allowed = "'none'"
    if script:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        allowed = f"'sha256-{digest}'"
        scripts = f"<script>{script}</script>"
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {allowed}; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="negotrack">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n{head}</head>\n"
        f"<body>\n{body}{scripts}\n</body>\n</html>\n"
    )


def write_blocks(blocks: Iterable[Block]) -> str:
    """Write blocks as an HTML fragment (figures drawn as inline SVG).

    Parameters
    ----------
    blocks : iterable of Block
        Headings, paragraphs, tables, lists, figures ... in reading order.

    Returns
    -------
    str
        The HTML, one element per line, ending with a newline.

    Examples
    --------
    >>> from negotrack.io.reports.blocks import Bullets, Link, Table
    >>> from negotrack.io.reports.writers import html
    >>> print(html.write_blocks([
    ...     Table(["Issue"], [["a < b"]]),
    ...     Bullets([("see ", Link("AP", "https://apnews.com/x"))]),
    ... ]))
    <div class="table"><table><thead><tr><th>Issue</th></tr></thead><tbody><tr><td>a &lt; b</td></tr></tbody></table></div>
    <ul><li>see <a href="https://apnews.com/x" rel="noopener noreferrer">AP</a></li></ul>
    """
    return "".join(_element(block) + "\n" for block in blocks)


def _element(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_inline(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        cls = ' class="coverage"' if block.aside else ""
        return f"<p{cls}>{_inline(block.text)}</p>"
    if isinstance(block, Table):
        head = "".join(f"<th>{escape(h)}</th>" for h in block.headers)
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows
        )
        return (
            f'<div class="table"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
        )
    if isinstance(block, Bullets):
        lead = f'<p class="lead">{_inline(block.lead)}</p>' if block.lead else ""
        return lead + _items(block.items)
    if isinstance(block, Preformatted):
        lines = "\n".join(escape(line) for line in block.text.split("\n"))
        return f"<pre>{lines}</pre>"
    if isinstance(block, Figure):
        return (
            f'<figure data-figure="{escape(block.name)}">{draw(block.name, block.data)}'
            f"<figcaption>{_inline(block.caption)}</figcaption></figure>"
        )
    raise AssertionError(f"unknown block {block!r}")  # pragma: no cover - Block is closed


def _inline(text: Inline) -> str:
    out: list[str] = []
    for part in text:
        if isinstance(part, Strong):
            out.append(f"<strong>{escape(part.text)}</strong>")
        elif isinstance(part, Code):
            out.append(f"<code>{escape(part.text)}</code>")
        elif isinstance(part, Link):
            url = part.safe_url
            words = escape(part.text)
            out.append(
                f'<a href="{_html.escape(url, quote=True)}" rel="noopener noreferrer">{words}</a>'
                if url
                else words
            )
        else:
            out.append(escape(part))
    return "".join(out)


def _items(items: Sequence[Bullet]) -> str:
    if not items:
        return ""
    inner = "".join(f"<li>{_inline(item.text)}{_items(item.children)}</li>" for item in items)
    return f"<ul>{inner}</ul>"
