"""Blogger: find every post through the feed, then the sitemap, then month archives as a fallback."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

import scrapy
from lxml import etree
from scrapy.http import Response

from archiver.extraction.dates import parse_iso
from archiver.spiders.base import LISTING_PRIORITY, ArchiverSpider, Blog, Discovery
from archiver.spiders.detect import BLOGGER
from archiver.urls import is_blogger_post_url, is_blogger_static_page_url, same_site

logger = logging.getLogger(__name__)

ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearchrss/1.0/}"
_POST_ID = re.compile(r"\.post-(\d+)$")
_MONTH_ARCHIVE = re.compile(r"^/\d{4}/\d{2}/$|^/\d{4}_\d{2}_\d{2}_archive\.html$")


def feed_page(start: int, page_size: int) -> str:
    """The address, below the blog's root, of the posts feed's page from entry ``start`` (1-based).

    Newest first by publication (the early stop for ``since`` counts on it), and never the
    FeedBurner address a blog may redirect its feed to.
    """
    query = urlencode({"start-index": start, "max-results": page_size, "orderby": "published", "redirect": "false"})
    return f"feeds/posts/default?{query}"


class BloggerDiscovery(Discovery):
    """The feed (``/feeds/posts/default``, paged), then ``/sitemap.xml``; month archives if both are empty.

    Setting ``ARCHIVER_FEED_PAGE_SIZE``: entries per feed request (Blogger serves at most 100).
    Label and "Older posts" pages live under ``/search``, which Blogger's robots.txt forbids.
    """

    platform = BLOGGER

    def __init__(self, spider: ArchiverSpider) -> None:
        super().__init__(spider)
        self.feed_page_size = spider.crawler.settings.getint("ARCHIVER_FEED_PAGE_SIZE", 100)

    def begin(self, response: Response, blog: Blog) -> Iterable[Any]:
        blog.listing_urls = _archive_links(response, blog)
        yield self._feed_request(blog, 1)

    def fallback(self, blog: Blog) -> Iterable[Any]:
        logger.info("no feed or sitemap posts on %s: walking its archive pages", blog.root)
        for url in blog.listing_urls or [blog.root]:
            yield self._listing_request(url, blog)

    def wanted_post(self, url: str, blog: Blog) -> bool:
        return is_blogger_post_url(url) or (blog.config.include_pages and is_blogger_static_page_url(url))

    # -- the feed ---------------------------------------------------------------------------

    def _feed_request(self, blog: Blog, start: int) -> scrapy.Request:
        return scrapy.Request(
            blog.root + feed_page(start, self.feed_page_size),
            callback=self.parse_feed,
            errback=self.feed_failed,
            cb_kwargs={"blog": blog, "start": start},
            dont_filter=True,
            priority=LISTING_PRIORITY,
        )

    def parse_feed(self, response: Response, blog: Blog, start: int) -> Iterable[Any]:
        try:
            feed = etree.fromstring(response.body, parser=etree.XMLParser(resolve_entities=False, recover=True))
        except etree.XMLSyntaxError:
            feed = None
        if feed is None or not is_atom(feed):
            logger.info("feed at %s is not Atom; using the sitemap", response.url)
            yield self.root_sitemap(blog)
            return
        self.stats.inc_value("archiver/listings/fetched")
        entries = feed.findall(f"{ATOM}entry")
        for entry in entries:
            link = _alternate_link(entry)
            if link and self.wanted_post(link, blog):
                validators = {"feed_updated": entry.findtext(f"{ATOM}updated")}
                request = self.spider.post_request(link, blog, _entry_hints(entry), validators)
                if request is not None:
                    yield request
        total = _int(feed.findtext(f"{OPENSEARCH}totalResults"))
        next_start = start + len(entries)
        # The feed's total says whether more follow (Blogger has lowered its page cap before: a page
        # shorter than asked for need not be the last); without it, a full page does.
        more = next_start <= total if total is not None else len(entries) >= self.feed_page_size
        since = max([d for d in (self.spider.since, blog.config.since) if d], default=None)
        if more and since and _all_before(entries, since):
            more = False  # the feed runs newest first: the rest is older still
        if entries and more:
            yield self._feed_request(blog, next_start)
        else:
            # The feed is done; the sitemap adds whatever the feed left out.
            yield self.root_sitemap(blog)

    def feed_failed(self, failure: Any) -> Iterable[Any]:
        self.spider.listing_failed(failure)
        yield self.root_sitemap(failure.request.cb_kwargs["blog"])

    # -- sitemaps -----------------------------------------------------------------------------

    def parse_sitemap(self, response: Response, blog: Blog) -> Iterable[Any]:
        yield from super().parse_sitemap(response, blog)
        if blog.config.include_pages and response.url.endswith("/sitemap.xml"):
            yield self.sitemap_request(f"{blog.root}sitemap-pages.xml", blog)

    # -- fallback: month archives and "Older posts" -----------------------------------------

    def _listing_request(self, url: str, blog: Blog) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_listing, errback=self.spider.listing_failed, cb_kwargs={"blog": blog})

    def parse_listing(self, response: Response, blog: Blog) -> Iterable[Any]:
        if not hasattr(response, "text"):
            return
        self.stats.inc_value("archiver/listings/fetched")
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if same_site(url, blog.root) and self.wanted_post(url, blog):
                request = self.spider.post_request(url, blog)
                if request is not None:
                    yield request
        for url in _archive_links(response, blog):
            yield self._listing_request(url, blog)


class BloggerSpider(ArchiverSpider):
    """Archives every post of a Blogger blog (blogspot or a custom domain).

    Usage: ``scrapy crawl blogger -a url=https://example.blogspot.com/``.
    Arguments: ``url`` (comma-separated for several blogs), ``source`` (the records' source
    name; the host by default), ``include_pages`` (also archive static ``/p/`` pages).
    """

    name = "blogger"
    forced_platform = BLOGGER
    discoveries = {BLOGGER: BloggerDiscovery}


def is_atom(feed: Any) -> bool:
    return isinstance(feed.tag, str) and feed.tag == f"{ATOM}feed"


def _archive_links(response: Response, blog: Blog) -> list[str]:
    """Month archive pages and the "Older posts" pager of a Blogger page."""
    links = response.css("a.post-count-link::attr(href), a.blog-pager-older-link::attr(href)").getall()
    links += [h for h in response.css("a::attr(href)").getall() if _MONTH_ARCHIVE.match(_path(h))]
    urls = [response.urljoin(h) for h in links]
    return list(dict.fromkeys(u for u in urls if same_site(u, blog.root or response.url)))


def _path(href: str) -> str:
    return re.sub(r"^[a-z]+://[^/]+", "", href).split("?", 1)[0]


def _alternate_link(entry: Any) -> str | None:
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel") == "alternate" and link.get("type", "text/html") == "text/html":
            return link.get("href")
    return None


def _entry_hints(entry: Any) -> dict[str, Any]:
    """What a feed entry says about its post; extraction uses it where the page is silent."""
    post_id = _POST_ID.search(entry.findtext(f"{ATOM}id") or "")
    return {
        "post_id": post_id.group(1) if post_id else None,
        "title": (entry.findtext(f"{ATOM}title") or "").strip() or None,
        "published": entry.findtext(f"{ATOM}published"),
        "updated": entry.findtext(f"{ATOM}updated"),
        "poster": (entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip() or None,
        "tags": [c.get("term") for c in entry.findall(f"{ATOM}category") if c.get("term")],
    }


def _all_before(entries: list[Any], since: Any) -> bool:
    dates = [parse_iso(e.findtext(f"{ATOM}published")) for e in entries]
    return all(d is not None and d.tzinfo is not None and d < since for d in dates)


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None
