"""Reading RSS and Atom feeds into post links with what the feed says about each post."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


@dataclass
class FeedItem:
    link: str
    title: str | None = None
    published: str | None = None  #: ISO 8601
    updated: str | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)


def read_feed(body: bytes, base_url: str = "") -> list[FeedItem] | None:
    """The items of an RSS 2.0 or Atom feed, their links resolved against ``base_url`` (a feed may
    give them relative); None when the body is not a feed."""
    items = _items(body)
    if items is not None and base_url:
        for item in items:
            item.link = urljoin(base_url, item.link)
    return items


def _items(body: bytes) -> list[FeedItem] | None:
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, recover=True, no_network=True))
    except etree.XMLSyntaxError:
        return None
    if root is None or not isinstance(root.tag, str):
        return None
    if root.tag == f"{ATOM}feed":
        return [_atom_item(entry) for entry in root.findall(f"{ATOM}entry") if _atom_link(entry)]
    if root.tag == "rss" or root.find("channel") is not None:
        return [_rss_item(item) for item in root.iter("item") if (item.findtext("link") or "").strip()]
    return None


def _rss_item(item: Any) -> FeedItem:
    return FeedItem(
        link=item.findtext("link").strip(),
        title=(item.findtext("title") or "").strip() or None,
        published=_rfc822(item.findtext("pubDate")),
        author=(item.findtext(f"{DC}creator") or item.findtext("author") or "").strip() or None,
        tags=[c.text.strip() for c in item.findall("category") if c.text and c.text.strip()],
    )


def _atom_item(entry: Any) -> FeedItem:
    return FeedItem(
        link=_atom_link(entry) or "",
        title=(entry.findtext(f"{ATOM}title") or "").strip() or None,
        published=entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated"),
        updated=entry.findtext(f"{ATOM}updated"),
        author=(entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip() or None,
        tags=[c.get("term") for c in entry.findall(f"{ATOM}category") if c.get("term")],
    )


def _atom_link(entry: Any) -> str | None:
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("type", "text/html") == "text/html":
            return link.get("href")
    return None


def _rfc822(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return parsedate_to_datetime(text.strip()).isoformat()
    except (TypeError, ValueError):
        return None
