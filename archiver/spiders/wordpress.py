"""WordPress: the REST API, else the sitemaps (core or Yoast), else the feed; the archive walk when they fall short."""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterable
from typing import Any

import scrapy
from scrapy.http import Response

from archiver.spiders.base import BaseBlogSpider, Blog, Discovery
from archiver.spiders.detect import WORDPRESS
from archiver.spiders.feeds import read_feed
from archiver.spiders.links import is_post_path
from archiver.spiders.pages import body_classes, is_wordpress_post, wordpress_non_writing_type
from archiver.spiders.sitemaps import sitemap_entries
from archiver.urls import post_key, scope_path

logger = logging.getLogger(__name__)

_SITEMAPS = ("wp-sitemap.xml", "sitemap_index.xml", "sitemap.xml")


class WordPressDiscovery(Discovery):
    """Lists a WordPress blog's posts, with dates and authors when the REST API gives them.

    Settings: ``ARCHIVER_WP_PAGE_SIZE`` (posts per REST page, default 100),
    ``ARCHIVER_FEED_MAX_PAGES`` (``?paged=N`` feed pages at most, default 200).
    """

    platform = WORDPRESS

    def __init__(self, spider: BaseBlogSpider) -> None:
        super().__init__(spider)
        settings = spider.crawler.settings
        self.page_size = settings.getint("ARCHIVER_WP_PAGE_SIZE")
        self.feed_max_pages = settings.getint("ARCHIVER_FEED_MAX_PAGES")

    def begin(self, response: Response, blog: Blog) -> Iterable[Any]:
        blog.api_root = api_root(response, blog.root)
        # A blog installed in a folder ("/blog/wp-json/") has its sitemaps and feed there too.
        blog.scope = scope_path(blog.api_root.removesuffix("wp-json/")) if blog.api_root.endswith("/wp-json/") else "/"
        yield self._rest_request(blog, 1)

    def walk_link(self, url: str, blog: Blog) -> tuple[str, int] | None:
        found = super().walk_link(url, blog)
        if found is not None and found[0] == "page" and not is_post_path(url):
            return None
        return found

    def not_a_post(self, response: Response) -> str | None:
        if body_classes(response) & {"attachment", "single-attachment"}:
            return "a WordPress attachment page: one uploaded file"
        kind = wordpress_non_writing_type(response)
        if kind:
            return f"a WordPress page of the theme's type {kind!r}, no piece of writing"
        return None

    def is_post_page(self, response: Response, blog: Blog) -> bool | None:
        single = is_wordpress_post(response)
        return super().is_post_page(response, blog) if single is None else single

    # -- REST API -----------------------------------------------------------------------------

    def _rest_request(self, blog: Blog, page: int) -> scrapy.Request:
        separator = "&" if "?" in blog.api_root else "?"
        url = f"{blog.api_root}wp/v2/posts{separator}per_page={self.page_size}&page={page}&orderby=date&order=desc&_embed=author"
        return self.listing_request(url, blog, self.parse_rest, "api", absent_ok=page == 1, errback=self.rest_failed,
                                    page=page)

    def parse_rest(self, response: Response, blog: Blog, page: int) -> Iterable[Any]:
        try:
            posts = json.loads(response.body)
        except ValueError:
            posts = None
        if not isinstance(posts, list) or (page == 1 and not posts):
            log = logger.info if isinstance(posts, list) else logger.warning
            log("REST API at %s gives no list of posts; reading the sitemaps", response.url)
            yield from self._sitemaps(blog)
            return
        self.stats.inc_value("archiver/listings/fetched")
        blog.claim(_int(response.headers.get(b"X-WP-Total")), "the REST API's X-WP-Total")
        for post in posts:
            if isinstance(post, dict) and post.get("link") and post.get("type", "post") == "post":
                hints = _rest_hints(post)
                request = self.spider.post_request(post["link"], blog, hints, {"feed_updated": hints.get("updated")},
                                                   channel="api")
                if request is not None:
                    yield request
        total = _int(response.headers.get(b"X-WP-TotalPages"))
        if posts and (page < total if total is not None else len(posts) >= self.page_size):
            yield self._rest_request(blog, page + 1)
        elif total is not None or len(posts) < self.page_size:
            blog.exhaustive.add("api")

    def rest_failed(self, failure: Any) -> Iterable[Any]:
        # A later page can fail too (a slow host timing out on a page of 100 posts): the sitemaps list
        # the rest, and the posts already asked for are not asked for twice.
        blog: Blog = failure.request.cb_kwargs["blog"]
        self.spider.listing_failed(failure)
        logger.info("REST API of %s failed on page %d; using its sitemaps", blog.root, failure.request.cb_kwargs["page"])
        yield from self._sitemaps(blog)

    # -- sitemaps, then the feed ------------------------------------------------------------------

    def _sitemaps(self, blog: Blog, tried: int = 0) -> Iterable[Any]:
        if tried < len(_SITEMAPS):
            yield self.listing_request(f"{blog.home}{_SITEMAPS[tried]}", blog, self.parse_first_sitemap, "sitemap",
                                       absent_ok=True, errback=self.sitemap_failed, tried=tried)
        else:
            yield self._feed_request(blog, 1)

    def parse_first_sitemap(self, response: Response, blog: Blog, tried: int) -> Iterable[Any]:
        """The first sitemap name that answers with a sitemap is the blog's; else try the next."""
        entries, children = sitemap_entries(response)
        if entries is None or (not entries and not children):
            yield from self._sitemaps(blog, tried + 1)
            return
        yield from self.parse_sitemap(response, blog)

    def freshness_check(self, blog: Blog) -> Iterable[Any]:
        # The feed's first page names the newest posts: a stale sitemap lacks them, and then cannot be trusted.
        if "sitemap" in blog.exhaustive and "feed" not in blog.channels:
            yield self._feed_request(blog, 1, last_page=1)

    def sitemap_failed(self, failure: Any) -> Iterable[Any]:
        self.spider.listing_failed(failure)
        yield from self._sitemaps(failure.request.cb_kwargs["blog"], failure.request.cb_kwargs["tried"] + 1)

    def _feed_request(self, blog: Blog, page: int, first_size: int = 0, last_page: int = 0) -> scrapy.Request:
        url = f"{blog.home}feed/" + (f"?paged={page}" if page > 1 else "")
        # WordPress answers 404 past the feed's last page: after page 1 that is how the feed ends.
        return self.listing_request(url, blog, self.parse_feed, "feed", absent_ok=True, errback=self.feed_ended,
                                    page=page, first_size=first_size, last_page=last_page or self.feed_max_pages)

    def parse_feed(self, response: Response, blog: Blog, page: int, first_size: int = 0, last_page: int = 0) -> Iterable[Any]:
        items = read_feed(response.body, response.url)
        if items is None:
            if page > 1:
                self.spider.listing_broke(blog, response.url, "not a feed", "feed")
            else:
                logger.warning("feed at %s is not a feed", response.url)
            return
        self.stats.inc_value("archiver/listings/fetched")
        first_size = first_size or len(items)
        new = 0
        for item in items:
            new += post_key(item.link) not in blog.channels.get("feed", set())
            hints = {"title": item.title, "published": item.published, "poster": item.author, "tags": item.tags}
            # A feed that gives only a publication date cannot tell an edit: that date is its validator.
            request = self.spider.post_request(item.link, blog, hints, {"feed_updated": item.updated or item.published},
                                               channel="feed")
            if request is not None:
                yield request
        if items and not new:
            self.spider.listing_broke(blog, response.url, f"feed page {page} repeats posts already read", "feed")
        elif new and page < (last_page or self.feed_max_pages) and len(items) >= first_size:
            yield self._feed_request(blog, page + 1, first_size, last_page)
        elif new and len(items) >= first_size:
            # Older posts lie past the last page read: this listing cannot tell that a post is gone.
            logger.info("feed of %s read to page %d of its pages (ARCHIVER_FEED_MAX_PAGES)", blog.root, page)
        else:
            blog.exhaustive.add("feed")  # a page shorter than the first is the last

    def feed_ended(self, failure: Any) -> None:
        """The feed page after the last answers 404; a full last page leaves doubt that it was the last."""
        self.spider.listing_failed(failure)


class WordPressSpider(BaseBlogSpider):
    """Archives every post of a WordPress blog: ``scrapy crawl wordpress -a url=https://blog.example.org/``."""

    name = "wordpress"
    forced_platform = WORDPRESS
    discoveries = {WORDPRESS: WordPressDiscovery}


def _rest_hints(post: dict[str, Any]) -> dict[str, Any]:
    """What a REST post object says: GMT dates, title, the posting account and any co-authors."""
    embedded = post.get("_embedded") or {}
    authors = [a.get("name") for a in embedded.get("author") or [] if isinstance(a, dict) and a.get("name")]
    coauthors = [_name(c) for c in post.get("coauthors") or []]
    return {
        "post_id": str(post.get("id")) if post.get("id") is not None else None,
        "title": _text(post.get("title")),
        "published": _gmt(post.get("date_gmt")),
        "updated": _gmt(post.get("modified_gmt")),
        "poster": authors[0] if authors else None,
        "authors": [c for c in coauthors if c],
    }


def _name(coauthor: Any) -> str | None:
    if isinstance(coauthor, str):
        return coauthor
    if isinstance(coauthor, dict):
        return coauthor.get("display_name") or coauthor.get("name")
    return None


def _text(value: Any) -> str | None:
    rendered = value.get("rendered") if isinstance(value, dict) else value
    if not isinstance(rendered, str):
        return None
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() or None


def _gmt(value: Any) -> str | None:
    return f"{value}+00:00" if isinstance(value, str) and value and not value.endswith(("Z", "+00:00")) else value


def _int(value: bytes | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def api_root(response: Response, site: str) -> str:
    """Where the blog's REST API lives, from the page's ``api.w.org`` link: its ``/wp-json/`` folder even
    when a saved copy links a file in it (``../wp-json/index.json``), or ``?rest_route=`` as given."""
    href = response.xpath("//link[@rel='https://api.w.org/']/@href").get()
    if not href:
        return f"{site}wp-json/"
    url = response.urljoin(href.strip())
    if "?" not in url and not url.endswith("/"):
        url = url.rsplit("/", 1)[0] + "/"
    return url
