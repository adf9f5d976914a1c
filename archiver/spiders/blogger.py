"""Blogger: every post through the feed and the sitemap, and through the blog's archive pages when they fall short."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy.http import Response

from archiver.extraction.dates import parse_iso
from archiver.extraction.dom import has_class
from archiver.spiders.base import BaseBlogSpider, Blog, Discovery
from archiver.spiders.detect import BLOGGER
from archiver.spiders.feeds import FeedItem, read_feed_page
from archiver.spiders.walk import RANK_DATE, RANK_OTHER, RANK_PAGER, RANK_SECTION
from archiver.urls import canonicalize_url, is_blogger_post_url, is_blogger_static_page_url, post_key

logger = logging.getLogger(__name__)

_POST_ID = re.compile(r"\.post-(\d+)$")
_MONTH_ARCHIVE = re.compile(r"^/\d{4}/\d{2}/$|^/\d{4}_\d{2}_\d{2}_archive\.html$")
_YEAR_ARCHIVE = re.compile(r"^/\d{4}/$")


def feed_page(start: int, page_size: int) -> str:
    """The address, below the blog's root, of the posts feed's page from entry ``start`` (1-based).

    Newest first by publication (the early stop for ``since`` counts on it), and never the
    FeedBurner address a blog may redirect its feed to.
    """
    query = urlencode({"start-index": start, "max-results": page_size, "orderby": "published", "redirect": "false"})
    return f"feeds/posts/default?{query}"


class BloggerDiscovery(Discovery):
    """The feed (``/feeds/posts/default``, paged), then ``/sitemap.xml``; the archive walk when they fall
    short of the blog's count (the feed's total, the archive widget's counts) or break.

    Settings: ``ARCHIVER_FEED_PAGE_SIZE``, entries per feed request (Blogger serves at most 100);
    ``ARCHIVER_FEED_MAX_PAGES``, feed pages read at most when the feed gives no total (default 200).
    Label and "Older posts" pages live under ``/search``, which Blogger's robots.txt forbids: on
    blogspot the walk reads month archives and each post's older and newer links, and a post page's archive
    widget where the home page shows none.
    """

    platform = BLOGGER
    leaves_pages_undecided = False  # a Blogger post is known by its address

    def __init__(self, spider: BaseBlogSpider) -> None:
        super().__init__(spider)
        self.feed_page_size = spider.crawler.settings.getint("ARCHIVER_FEED_PAGE_SIZE")
        self.feed_max_pages = spider.crawler.settings.getint("ARCHIVER_FEED_MAX_PAGES")

    def begin(self, response: Response, blog: Blog) -> Iterable[Any]:
        blog.claim(archive_widget_total(response), "the archive widget's counts")
        yield self._feed_request(blog, 1, 1)

    def wanted_post(self, url: str, blog: Blog) -> bool:
        return is_blogger_post_url(url) or (blog.config.include_pages and is_blogger_static_page_url(url))

    def walk_link(self, url: str, blog: Blog) -> tuple[str, int] | None:
        if self.wanted_post(url, blog):
            return ("post", 0)
        parts = urlsplit(url)
        path = parts.path
        if path == "/":
            return ("listing", RANK_PAGER if parts.query else RANK_DATE)
        if _MONTH_ARCHIVE.match(path):
            return ("listing", RANK_DATE)
        if _YEAR_ARCHIVE.match(path):
            return ("listing", RANK_PAGER)
        if path.startswith(("/search/label/", "/labels/")):
            return ("listing", RANK_SECTION)
        if path.startswith("/search"):  # pagers, also as mirrors save them ("/search%3Fupdated-max=...html")
            return ("listing", RANK_PAGER)
        if path.startswith(("/feeds/", "/p/", "/b/")):
            return None
        return ("listing", RANK_OTHER)

    def is_post_page(self, response: Response, blog: Blog) -> bool | None:
        return False  # a Blogger post is known by its address

    def not_a_post(self, response: Response) -> str | None:
        # A post's page holds one post body and names itself (og:url) by a post's address; an archive, label or
        # home page holds several, and names a listing's address (a saved copy may keep a month's archive
        # under a post-shaped name, "2006/05/05.html").
        bodies = len(response.xpath(f"//*[{has_class('post-body')}]"))
        if bodies > 1:
            return f"a Blogger listing page: it shows {bodies} posts"
        named = response.xpath("//meta[@property='og:url']/@content").get()
        if named and urlsplit(named).path not in ("", "/") and not is_blogger_post_url(named) \
                and not is_blogger_static_page_url(named):
            return f"a Blogger listing page: it names itself {named}"
        return None

    # -- the feed ---------------------------------------------------------------------------

    def _feed_request(self, blog: Blog, start: int, page: int) -> scrapy.Request:
        # The first page missing means the blog's feed is switched off; a later one missing breaks it.
        return self.listing_request(blog.root + feed_page(start, self.feed_page_size), blog, self.parse_feed, "feed",
                                    absent_ok=start == 1, errback=self.feed_failed, start=start, page=page)

    def parse_feed(self, response: Response, blog: Blog, start: int, page: int) -> Iterable[Any]:
        feed = read_feed_page(response.body, response.url)
        if feed is None or not feed.atom:
            if start > 1:
                self.spider.listing_broke(blog, response.url, "not an Atom feed", "feed")
            logger.warning("feed at %s is not an Atom feed; reading the sitemap", response.url)
            yield self.root_sitemap(blog)
            return
        self.stats.inc_value("archiver/listings/fetched")
        total, entries = feed.total, feed.entries
        blog.claim(total, "the feed's total")
        new = 0
        for item in feed.items:
            if self.wanted_post(item.link, blog):
                new += post_key(item.link) not in blog.channels.get("feed", set())
                validators = {"feed_updated": item.updated}
                request = self.spider.post_request(item.link, blog, _item_hints(item), validators, channel="feed")
                if request is not None:
                    yield request
        next_start = start + entries
        # The feed's total says whether more follow. Without it, only an empty page ends the feed:
        # Blogger has lowered its page cap before, so a page shorter than asked for need not be the last.
        more = next_start <= total if total is not None else entries > 0
        if more and total is None and page >= self.feed_max_pages:
            self.spider.listing_broke(blog, response.url, f"feed without a total read to its {self.feed_max_pages}-page "
                                      "limit (ARCHIVER_FEED_MAX_PAGES)", "feed")
            more = False
        since = max([d for d in (self.spider.since, blog.config.since) if d], default=None)
        if entries and not new and start > 1:
            # A static copy or a broken server answers any page with the first: the rest is unread.
            self.spider.listing_broke(blog, response.url, f"feed page from entry {start} repeats entries already read", "feed")
        elif more and since and _all_before(feed.items, since):
            blog.exhaustive.add("feed")  # the feed runs newest first: the rest is older still
        elif entries and more:
            yield self._feed_request(blog, next_start, page + 1)
            return
        elif total is not None or not entries:
            blog.exhaustive.add("feed")
        # The feed is done; the sitemap adds whatever the feed left out.
        yield self.root_sitemap(blog)

    def feed_failed(self, failure: Any) -> Iterable[Any]:
        self.spider.listing_failed(failure)
        yield self.root_sitemap(failure.request.cb_kwargs["blog"])

    # -- sitemaps -----------------------------------------------------------------------------

    def parse_sitemap(self, response: Response, blog: Blog, depth: int = 0) -> Iterable[Any]:
        yield from super().parse_sitemap(response, blog, depth)
        if blog.config.include_pages and response.url.endswith("/sitemap.xml"):
            yield self.sitemap_request(f"{blog.root}sitemap-pages.xml", blog, absent_ok=True)


class BloggerSpider(BaseBlogSpider):
    """Archives every post of a Blogger blog (blogspot or a custom domain).

    Usage: ``scrapy crawl blogger -a url=https://example.blogspot.com/``.
    Arguments: ``url`` (comma-separated for several blogs), ``source`` (the records' source
    name; the host by default), ``include_pages`` (also archive static ``/p/`` pages).
    """

    name = "blogger"
    forced_platform = BLOGGER
    discoveries = {BLOGGER: BloggerDiscovery}


def archive_widget_total(response: Response) -> int | None:
    """The number of posts Blogger's archive widget counts: the sum of its years' counts (of its
    months' when it lists no years, as in its flat and drop-down styles); None without the widget."""
    counts: dict[str, int] = {}
    for anchor in response.css("a.post-count-link"):
        count = anchor.xpath("following-sibling::span[contains(@class, 'post-count')][1]/text()").re_first(r"\d+")
        if count is not None:
            counts.setdefault(urlsplit(canonicalize_url(response.urljoin(anchor.attrib.get("href", "")))).path, int(count))
    for option in response.css("select option"):
        printed = re.search(r"\((\d+)\)\s*$", option.xpath("string()").get(""))
        if printed and option.attrib.get("value"):
            counts.setdefault(urlsplit(canonicalize_url(response.urljoin(option.attrib["value"]))).path,
                              int(printed.group(1)))
    years = [n for path, n in counts.items() if _YEAR_ARCHIVE.match(path)]
    months = [n for path, n in counts.items() if _MONTH_ARCHIVE.match(path)]
    return sum(years) if years else (sum(months) if months else None)


def _item_hints(item: FeedItem) -> dict[str, Any]:
    """What a feed entry says about its post; extraction uses it where the page is silent."""
    post_id = _POST_ID.search(item.id or "")
    return {
        "post_id": post_id.group(1) if post_id else None, "title": item.title, "published": item.published,
        "updated": item.updated, "poster": item.author, "tags": item.tags,
    }


def _all_before(items: list[FeedItem], since: Any) -> bool:
    dates = [parse_iso(item.published) for item in items]
    return all(d is not None and d.tzinfo is not None and d < since for d in dates)
