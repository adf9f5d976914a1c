"""Reading RSS and Atom feeds into post links with what the feed says about each post: the one feed
reader of every platform's discovery."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
OPENSEARCH = "{http://a9.com/-/spec/opensearchrss/1.0/}"


@dataclass
class FeedItem:
    link: str
    title: str | None = None
    published: str | None = None  #: ISO 8601
    updated: str | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    id: str | None = None  #: Atom's entry id ("tag:blogger.com,1999:blog-1.post-2")


@dataclass
class FeedPage:
    """One page of a feed: its items, how many entries it held (with a link or not), and the total
    of entries the feed says it has (Blogger's ``openSearch:totalResults``), when it says."""

    items: list[FeedItem]
    entries: int
    total: int | None
    atom: bool


def read_feed(body: bytes, base_url: str = "") -> list[FeedItem] | None:
    """The items of an RSS 2.0 or Atom feed, their links resolved against ``base_url`` (a feed may
    give them relative); None when the body is not a feed."""
    page = read_feed_page(body, base_url)
    return page.items if page is not None else None


def read_feed_page(body: bytes, base_url: str = "") -> FeedPage | None:
    """``read_feed`` with the page's entry count and the feed's total; None when the body is not a feed."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, recover=True, no_network=True))
    except etree.XMLSyntaxError:
        return None
    if root is None or not isinstance(root.tag, str):
        return None
    if root.tag == f"{ATOM}feed":
        entries = root.findall(f"{ATOM}entry")
        items = [_atom_item(entry) for entry in entries if _atom_link(entry)]
        page = FeedPage(items, len(entries), _int(root.findtext(f"{OPENSEARCH}totalResults")), atom=True)
    elif root.tag == "rss" or root.find("channel") is not None:
        entries = list(root.iter("item"))
        items = [_rss_item(item) for item in entries if (item.findtext("link") or "").strip()]
        page = FeedPage(items, len(entries), None, atom=False)
    else:
        return None
    if base_url:
        for item in page.items:
            item.link = urljoin(base_url, item.link)
    return page


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
        id=entry.findtext(f"{ATOM}id"),
    )


def _atom_link(entry: Any) -> str | None:
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("type", "text/html") == "text/html":
            return link.get("href")
    return None


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def _rfc822(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return parsedate_to_datetime(text.strip()).isoformat()
    except (TypeError, ValueError):
        return None
