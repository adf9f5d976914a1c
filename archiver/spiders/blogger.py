"""Blogger: find every post through the feed, then the sitemap, then month archives as a fallback."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

import scrapy
from lxml import etree
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap

from archiver.extraction.dates import parse_iso
from archiver.spiders.base import ArchiverSpider, Blog
from archiver.urls import is_blogger_post_url, is_blogger_static_page_url, same_site, site_root

logger = logging.getLogger(__name__)

ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearchrss/1.0/}"
_POST_ID = re.compile(r"\.post-(\d+)$")
_MONTH_ARCHIVE = re.compile(r"^/\d{4}/\d{2}/$|^/\d{4}_\d{2}_\d{2}_archive\.html$")


class BloggerSpider(ArchiverSpider):
    """Archives every post of a Blogger blog (blogspot or a custom domain).

    Usage: ``scrapy crawl blogger -a url=https://example.blogspot.com/``.
    Arguments: ``url`` (comma-separated for several blogs), ``source`` (the records' source
    name; the host by default), ``include_pages`` (also archive static ``/p/`` pages).
    Setting ``ARCHIVER_FEED_PAGE_SIZE``: entries per feed request (Blogger serves at most 100).
    """

    name = "blogger"
    platform = "blogger"

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "BloggerSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.feed_page_size = crawler.settings.getint("ARCHIVER_FEED_PAGE_SIZE", 100)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider  # type: ignore[return-value]

    # -- the start page: is it Blogger? ---------------------------------------------------

    def parse_start(self, response: Response, blog: Blog) -> Iterable[Any]:
        blog.root = site_root(response.url)
        if hasattr(response, "text") and _looks_like_blogger(response):
            yield from self._discover(response, blog)
        else:
            # A custom-domain homepage may not be a Blogger page; the blog's feed tells.
            yield self._feed_request(blog, 1, callback=self.parse_probe)

    def parse_probe(self, response: Response, blog: Blog, start: int) -> Iterable[Any]:
        if b"tag:blogger.com,1999:blog-" not in response.body[:4000]:
            blog.error = f"{blog.start_url} is not a Blogger blog (no Blogger markup or feed)"
            self.crawler.stats.inc_value("archiver/blogs/failed")
            logger.info("%s", blog.error)  # the CLI reports it; the log keeps it
            return
        blog.platform = "blogger"
        yield from self.parse_feed(response, blog, start)

    def probe_failed(self, failure: Any) -> None:
        blog: Blog = failure.request.cb_kwargs["blog"]
        blog.error = f"{blog.start_url} is not a Blogger blog (no Blogger markup or feed)"
        self.crawler.stats.inc_value("archiver/blogs/failed")
        logger.info("%s", blog.error)  # the CLI reports it; the log keeps it

    def _discover(self, response: Response, blog: Blog) -> Iterable[Any]:
        blog.platform = "blogger"
        blog.listing_urls = _archive_links(response, blog)
        yield self._feed_request(blog, 1)

    # -- the feed ---------------------------------------------------------------------------

    def _feed_request(self, blog: Blog, start: int, callback: Any = None) -> scrapy.Request:
        query = urlencode({"start-index": start, "max-results": self.feed_page_size})
        probing = callback == self.parse_probe
        return scrapy.Request(
            f"{blog.root}feeds/posts/default?{query}",
            callback=callback or self.parse_feed,
            errback=self.probe_failed if probing else self.feed_failed,
            cb_kwargs={"blog": blog, "start": start},
            dont_filter=True,
            priority=10,
        )

    def parse_feed(self, response: Response, blog: Blog, start: int) -> Iterable[Any]:
        try:
            feed = etree.fromstring(response.body, parser=etree.XMLParser(resolve_entities=False, recover=True))
        except etree.XMLSyntaxError:
            feed = None
        if feed is None:
            logger.info("feed at %s is not Atom; using the sitemap", response.url)
            yield self._sitemap_request(blog)
            return
        self.crawler.stats.inc_value("archiver/listings/fetched")
        entries = feed.findall(f"{ATOM}entry")
        for entry in entries:
            link = _alternate_link(entry)
            if link and (is_blogger_post_url(link) or (self.include_pages and is_blogger_static_page_url(link))):
                validators = {"feed_updated": entry.findtext(f"{ATOM}updated")}
                request = self.post_request(link, blog, _entry_hints(entry), validators)
                if request is not None:
                    yield request
        total = _int(feed.findtext(f"{OPENSEARCH}totalResults"))
        next_start = start + len(entries)
        more = len(entries) >= self.feed_page_size and (total is None or next_start <= total)
        if more and self.since and _all_before(entries, self.since):
            more = False  # the feed runs newest first: the rest is older still
        if entries and more:
            yield self._feed_request(blog, next_start)
        else:
            # The feed is done; the sitemap adds whatever the feed left out.
            yield self._sitemap_request(blog)

    def feed_failed(self, failure: Any) -> Iterable[Any]:
        self.listing_failed(failure)
        yield self._sitemap_request(failure.request.cb_kwargs["blog"])

    # -- sitemaps -----------------------------------------------------------------------------

    def _sitemap_request(self, blog: Blog, url: str | None = None) -> scrapy.Request:
        return scrapy.Request(
            url or f"{blog.root}sitemap.xml",
            callback=self.parse_sitemap,
            errback=self.listing_failed,
            cb_kwargs={"blog": blog},
            priority=5,
        )

    def parse_sitemap(self, response: Response, blog: Blog) -> Iterable[Any]:
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # noqa: BLE001 - any unparsable body: the sitemap is just unavailable
            logger.info("sitemap at %s is not readable", response.url)
            return
        self.crawler.stats.inc_value("archiver/listings/fetched")
        if sitemap.type == "sitemapindex":
            for entry in sitemap:
                yield self._sitemap_request(blog, entry["loc"])
            return
        for entry in sitemap:
            loc = entry.get("loc", "")
            if is_blogger_post_url(loc) or (self.include_pages and is_blogger_static_page_url(loc)):
                request = self.post_request(loc, blog, validators={"sitemap_lastmod": entry.get("lastmod")})
                if request is not None:
                    yield request
        if self.include_pages and response.url.endswith("/sitemap.xml"):
            yield self._sitemap_request(blog, f"{blog.root}sitemap-pages.xml")

    # -- fallback: month archives and "Older posts" -----------------------------------------

    def on_idle(self) -> None:
        """When feed and sitemap found nothing for a blog, walk its archive pages instead."""
        pending = [b for b in self.blogs if b.platform and not b.post_keys and not b.fallback_started]
        for blog in pending:
            blog.fallback_started = True
            logger.info("no feed or sitemap posts on %s: walking its archive pages", blog.root)
            for url in blog.listing_urls or [blog.root]:
                self.crawler.engine.crawl(self._listing_request(url, blog))
        if pending:
            raise DontCloseSpider

    def _listing_request(self, url: str, blog: Blog) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_listing, errback=self.listing_failed, cb_kwargs={"blog": blog})

    def parse_listing(self, response: Response, blog: Blog) -> Iterable[Any]:
        if not hasattr(response, "text"):
            return
        self.crawler.stats.inc_value("archiver/listings/fetched")
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if not same_site(url, blog.root):
                continue
            if is_blogger_post_url(url) or (self.include_pages and is_blogger_static_page_url(url)):
                request = self.post_request(url, blog)
                if request is not None:
                    yield request
        for url in _archive_links(response, blog):
            yield self._listing_request(url, blog)


def _looks_like_blogger(response: Response) -> bool:
    generator = " ".join(response.xpath("//meta[@name='generator']/@content").getall()).lower()
    return "blogger" in generator or bool(response.xpath("//link[contains(@href, 'blogger.com/feeds/')]"))


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
