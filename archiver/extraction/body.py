"""Body text: trafilatura's text of the post, then the lines that are not the piece taken off."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import lxml.html
from lxml import etree
import trafilatura
from lxml.html import HtmlElement

from archiver.extraction.byline import parse_byline_line
from archiver.extraction.dates import ParsedDate, parse_dateline

# Lines that belong to the page's furniture, not to the piece. Matched on whole lines only.
_BOILERPLATE = re.compile(
    r"^(?:no comments?:?|\d+ comments?:?|post a comment|share this:?|share on \w+|"
    r"share to (?:twitter|facebook|pinterest)|email this|blogthis!?|subscribe to:.*|"
    r"labels?:.*|related posts?:?|you may also like:?|like this:?|loading\.\.\.|"
    r"click to share on .*|leave a (?:comment|reply)|newer posts?|older posts?|home|"
    r"read more:?|advertisement|(?:follow|subscribe)(?: us)? on .*)$",
    re.I,
)
_LEAD_LINES = 6


@dataclass
class BodyParts:
    """The body text and the lead lines that were taken out of it."""

    body: str | None
    byline: list[str] = field(default_factory=list)
    byline_raw: str | None = None
    dateline: ParsedDate | None = None


def text_lines(root: HtmlElement | None, tree: HtmlElement, url: str | None) -> list[str]:
    """trafilatura's text lines: of ``root`` when the platform knows the post's element, else of the page."""
    unwrap_text(root if root is not None else tree)
    drop_standfirst(root if root is not None else tree)
    if root is not None:
        html = "<html><body><article>" + lxml.html.tostring(root, encoding="unicode") + "</article></body></html>"
        result = trafilatura.bare_extraction(
            html, url=url, favor_recall=True, include_comments=False, include_tables=True,
            with_metadata=False,
        )
    else:
        result = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=True, with_metadata=False
        )
    text = getattr(result, "text", None) or ""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


_STANDFIRST = etree.XPath(" | ".join(
    f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    for name in ("dek", "deck", "standfirst", "subheadline", "sub-headline", "article-summary")
))


def drop_standfirst(element: HtmlElement) -> None:
    """A headline's summary line (dek, standfirst) belongs to the heading, not to the body."""
    for node in _STANDFIRST(element):
        if node.getparent() is not None and len(node.text_content()) < 400:
            node.drop_tree()


def unwrap_text(element: HtmlElement) -> None:
    """Join hard-wrapped text: a newline in the HTML source is a space unless inside <pre>.

    Blogger bodies are often hard-wrapped; only markup (<br>, <p>, <div>) breaks lines.
    """
    for node in element.iter():
        if not isinstance(node.tag, str) or node.tag in ("pre", "script", "style"):
            continue
        if node.text and "\n" in node.text and not _in_pre(node):
            node.text = node.text.replace("\r", " ").replace("\n", " ")
        if node.tail and "\n" in node.tail and not _in_pre(node.getparent()):
            node.tail = node.tail.replace("\r", " ").replace("\n", " ")


def _in_pre(node: HtmlElement | None) -> bool:
    while node is not None:
        if node.tag == "pre":
            return True
        node = node.getparent()
    return False


def split_body(lines: list[str], title: str | None, reference: datetime | None) -> BodyParts:
    """Take the title, byline and dateline lines off the top, and furniture lines anywhere."""
    parts = BodyParts(body=None)
    start = 0
    for index, line in enumerate(lines[:_LEAD_LINES]):
        if title and _same_text(line, title):
            start = index + 1
            continue
        if not parts.byline:
            names = parse_byline_line(line)
            if names:
                parts.byline, parts.byline_raw = names, line
                start = index + 1
                continue
        if parts.dateline is None:
            dateline = parse_dateline(line, reference)
            if dateline is not None:
                parts.dateline = dateline
                start = index + 1
                continue
        break
    kept = [line for line in lines[start:] if not _BOILERPLATE.match(line)]
    parts.body = "\n\n".join(kept) or None
    return parts


def _same_text(a: str, b: str) -> bool:
    def squash(s: str) -> str:
        return re.sub(r"\W+", "", s).lower()

    return squash(a) == squash(b)
