"""What any site's page has in common: the furniture around an article (sidebars, related lists,
comments, footers) whose metadata is never the article's own."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# Page regions that are never the article's own metadata: sidebars, related lists, comments, footers.
FURNITURE_TAGS = {"aside", "footer", "nav"}
FURNITURE_WORDS = re.compile(r"sidebar|related|comment|widget|teaser|recommend", re.I)


def in_furniture(element: HtmlElement) -> bool:
    """True when ``element`` sits in a sidebar, footer, related list or comment thread."""
    node = element
    while node is not None:
        if node.tag in FURNITURE_TAGS:
            return True
        marks = (node.get("class") or "") + " " + (node.get("id") or "")
        if marks.strip() and FURNITURE_WORDS.search(marks):
            return True
        node = node.getparent()
    return False
