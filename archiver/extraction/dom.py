"""HTML parsing and text helpers shared by the extraction rules."""

from __future__ import annotations

import re

import lxml.html
from lxml.html import HtmlElement

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "table", "tr", "td", "section", "article", "figure", "figcaption", "pre", "hr", "dd", "dt",
}
_VISIBLE_TEXT = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"


def parse_html(html: str | bytes) -> HtmlElement:
    """Parse a page into an lxml tree; an empty or unparsable page raises ValueError."""
    if isinstance(html, bytes):
        tree = lxml.html.document_fromstring(html)
    else:
        # lxml refuses str input that carries an XML encoding declaration.
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
        if not html.strip():
            raise ValueError("empty page")
        tree = lxml.html.document_fromstring(html)
    return tree


def element_text(element: HtmlElement) -> str:
    """The visible text of an element, whitespace collapsed, scripts and styles left out."""
    pieces: list[str] = []
    for text in element.xpath(_VISIBLE_TEXT):
        parent = text.getparent()
        # Text that starts or follows a block element is a new word, even without whitespace.
        if isinstance(parent.tag, str) and parent.tag in _BLOCK_TAGS:
            pieces.append(" ")
        pieces.append(text)
    return " ".join("".join(pieces).split())


def first(tree: HtmlElement, xpath: str) -> HtmlElement | None:
    """The first element matching ``xpath``, or None."""
    found = tree.xpath(xpath)
    return found[0] if found else None


def has_class(name: str) -> str:
    """An XPath predicate matching a whole class name."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
