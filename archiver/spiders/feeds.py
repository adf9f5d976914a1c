"""Reading feeds into post links with what the feed says about each post: the one feed reader of every
platform's discovery. feedparser reads every format blogs publish (RSS 0.9x, 1.0 and 2.0, Atom 0.3 and
1.0: an old Movable Type blog's only linked feed is Atom 0.3)."""

from __future__ import annotations

import calendar
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import etree


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
    """The items of a feed (RSS or Atom, any version), their links resolved against ``base_url`` (a feed may
    give them relative); None when the body is not a feed."""
    page = read_feed_page(body, base_url)
    return page.items if page is not None else None


def read_feed_page(body: bytes, base_url: str = "") -> FeedPage | None:
    """``read_feed`` with the page's entry count and the feed's total; None when the body is not a feed."""
    # Bytes in a stream: feedparser reads a string it is given as an address or a file name. Entries' HTML
    # is neither sanitized nor resolved: only their links, titles, dates, authors and terms are read. Nor is it
    # told the feed's address: it would resolve every link of every entry against it (a fifth of its time on a
    # Blogger feed page), where only the post's link is wanted, resolved below. Nor is it given what is not read.
    parsed = feedparser.parse(io.BytesIO(_only_what_is_read(body)), sanitize_html=False, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not version:
        return None
    items = [_item(entry) for entry in parsed.entries if (entry.get("link") or "").strip()]
    if base_url:
        for item in items:
            item.link = urljoin(base_url, item.link)
    return FeedPage(items, len(parsed.entries), _int(parsed.feed.get("opensearch_totalresults")),
                    atom=version.startswith("atom"))


# Of an entry, only the elements _item reads reach feedparser: its text (Atom content, RSS description and
# content:encoded) is most of a feed's bytes, and its other links, comment counts, thumbnails and author profile
# many of its elements, feedparser taking about as long for each. Dropped where the feed is well-formed XML.
_READ = frozenset({"id", "guid", "title", "link", "published", "updated", "pubDate", "date", "issued", "modified",
                   "author", "creator", "name", "category", "subject"})
_ENTRIES = frozenset({"entry", "item"})
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def _only_what_is_read(body: bytes) -> bytes:
    try:
        root = etree.fromstring(body, _XML)
    except etree.XMLSyntaxError:
        return body  # feedparser reads what is not well-formed its own way
    for entry in root.iter():
        if isinstance(entry.tag, str) and etree.QName(entry).localname in _ENTRIES:
            for child in list(entry):
                if not isinstance(child.tag, str) or etree.QName(child).localname not in _READ \
                        or child.get("rel", "alternate") != "alternate":
                    entry.remove(child)
    return etree.tostring(root)


def _item(entry: Any) -> FeedItem:
    updated = _moment(entry.get("updated"), entry.get("updated_parsed"))
    return FeedItem(
        link=entry.get("link").strip(),
        title=(entry.get("title") or "").strip() or None,
        published=_moment(entry.get("published"), entry.get("published_parsed")) or updated,
        updated=updated,
        author=((entry.get("author_detail") or {}).get("name") or entry.get("author") or "").strip() or None,
        tags=[tag.term.strip() for tag in entry.get("tags") or [] if (tag.get("term") or "").strip()],
        id=entry.get("id"),
    )


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def _moment(text: str | None, parsed: Any) -> str | None:
    """A feed's date as ISO 8601, with the offset it was written with (W3C dates as given, RFC 822 dates
    converted); feedparser's UTC reading of any other form it knows."""
    text = (text or "").strip()
    if text:
        try:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
            return text
        except ValueError:
            pass
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError):
            pass
    if parsed:
        return datetime.fromtimestamp(calendar.timegm(parsed), timezone.utc).isoformat()
    return None
