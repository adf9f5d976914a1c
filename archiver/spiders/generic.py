"""Any other site: sitemaps (robots.txt's first), feeds (autodiscovered), then a bounded crawl of its links."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

import scrapy
from scrapy.http import Response

from archiver.spiders.base import LISTING_PRIORITY, ArchiverSpider, Blog, Discovery
from archiver.spiders.detect import GENERIC
from archiver.spiders.feeds import read_feed
from archiver.urls import canonicalize_url, in_folder, post_key, same_site

logger = logging.getLogger(__name__)

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "opinionnewsarticle", "reportagenewsarticle",
                  "analysisnewsarticle", "socialmediaposting", "report", "scholarlyarticle"}
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


class GenericDiscovery(Discovery):
    """Finds the articles of a site that runs on no known blog platform.

    Sitemaps named in robots.txt (else ``/sitemap.xml``, ``/sitemap_index.xml``) and feeds
    named in the home page's head; if they list nothing, a crawl of the site's own links,
    bounded by ``ARCHIVER_LINK_CRAWL_MAX_PAGES`` (default 1000) and
    ``ARCHIVER_LINK_CRAWL_MAX_DEPTH`` (default 8). Only pages that are articles are archived:
    ``og:type`` article, a JSON-LD article, ``articleBody`` markup, or an ``<article>`` with a
    heading and a date or byline.
    """

    platform = GENERIC

    def __init__(self, spider: ArchiverSpider) -> None:
        super().__init__(spider)
        settings = spider.crawler.settings
        self.max_pages = settings.getint("ARCHIVER_LINK_CRAWL_MAX_PAGES", 1000)
        self.max_depth = settings.getint("ARCHIVER_LINK_CRAWL_MAX_DEPTH", 8)
        self.pages_asked: dict[str, int] = {}
        # A page a sitemap lists is archived only if it is an article.
        self.sitemap_post_callback = self.parse_candidate

    def begin(self, response: Response, blog: Blog) -> Iterable[Any]:
        blog.listing_urls = [blog.root]
        yield scrapy.Request(f"{blog.root}robots.txt", callback=self.parse_robots, errback=self.robots_failed,
                             cb_kwargs={"blog": blog}, priority=LISTING_PRIORITY, dont_filter=True)
        feed_links = "//head/link[@rel='alternate'][" + " or ".join(f"@type='{t}'" for t in _FEED_TYPES) + "]/@href"
        for href in response.xpath(feed_links).getall():
            url = response.urljoin(href)
            if same_site(url, blog.root):
                yield scrapy.Request(url, callback=self.parse_feed, errback=self.spider.listing_failed,
                                     cb_kwargs={"blog": blog}, priority=LISTING_PRIORITY)

    def fallback(self, blog: Blog) -> Iterable[Any]:
        logger.info("no sitemap or feed lists posts on %s: following its links", blog.home)
        yield self._page_request(blog.home, blog, 0)

    def wanted_post(self, url: str, blog: Blog) -> bool:
        # A start address with a path ("https://example.org/opinion/") archives that part of the site.
        return super().wanted_post(url, blog) and in_folder(url, blog.scope)

    # -- sitemaps and feeds -------------------------------------------------------------------

    def parse_robots(self, response: Response, blog: Blog) -> Iterable[Any]:
        named = [line.split(":", 1)[1].strip() for line in response.text.splitlines()
                 if line.lower().startswith("sitemap:")] if hasattr(response, "text") else []
        for url in named or [f"{blog.root}sitemap.xml", f"{blog.root}sitemap_index.xml"]:
            yield self.sitemap_request(url, blog)

    def robots_failed(self, failure: Any) -> Iterable[Any]:
        blog = failure.request.cb_kwargs["blog"]
        for url in (f"{blog.root}sitemap.xml", f"{blog.root}sitemap_index.xml"):
            yield self.sitemap_request(url, blog)

    def parse_feed(self, response: Response, blog: Blog) -> Iterable[Any]:
        items = read_feed(response.body, response.url)
        if items is None:
            return
        self.stats.inc_value("archiver/listings/fetched")
        for item in items:
            if not in_folder(item.link, blog.scope):
                continue
            hints = {"title": item.title, "published": item.published, "tags": item.tags}
            request = self.spider.post_request(item.link, blog, hints, {"feed_updated": item.updated},
                                               callback=self.parse_candidate)
            if request is not None:
                yield request

    def parse_candidate(self, response: Response, blog: Blog, hints: dict[str, Any], validators: dict[str, Any]) -> Iterable[Any]:
        """A page a sitemap or feed listed: archived if it is an article, else forgotten."""
        if response.status == 304 or looks_like_article(response):
            yield from self.spider.parse_post(response, blog, hints, validators)
            return
        self.stats.inc_value("archiver/pages/not_article")
        self.stats.inc_value("archiver/posts/found", -1)
        blog.posts_found -= 1
        blog.post_keys.discard(post_key(response.request.url))

    # -- fallback: the site's links ---------------------------------------------------------------

    def _page_request(self, url: str, blog: Blog, depth: int) -> scrapy.Request | None:
        asked = self.pages_asked.get(blog.source, 0)
        if asked >= self.max_pages:
            return None
        self.pages_asked[blog.source] = asked + 1
        return scrapy.Request(url, callback=self.parse_page, errback=self.spider.listing_failed,
                              cb_kwargs={"blog": blog, "depth": depth})

    def parse_page(self, response: Response, blog: Blog, depth: int) -> Iterable[Any]:
        if not hasattr(response, "text"):
            return
        self.stats.inc_value("archiver/listings/fetched")
        if looks_like_article(response):
            yield from self._accept(response, blog)
        if depth >= self.max_depth:
            return
        state = self.spider.session.state if self.spider.session else None
        for href in response.xpath("//a/@href").getall():
            url = canonicalize_url(response.urljoin(href))
            if (not url.startswith("http") or not same_site(url, blog.root) or not in_folder(url, blog.scope)
                    or post_key(url) in self.spider.seen_posts):
                continue
            if state is not None and not self.spider.full and state.get(post_key(url)) is not None:
                request = self.spider.post_request(url, blog, callback=self.parse_candidate)  # known: ask conditionally
            else:
                request = self._page_request(url, blog, depth + 1)
            if request is not None:
                yield request

    def _accept(self, response: Response, blog: Blog) -> Iterable[Any]:
        """An article met while following links: book it as a found post, then hand it over."""
        url = canonicalize_url(response.url)
        key = post_key(url)
        if key in self.spider.seen_posts:
            return
        self.spider.seen_posts.add(key)
        blog.post_keys.add(key)
        if not self.spider.in_scope(url, blog, {}, {}):
            return
        blog.posts_found += 1
        self.stats.inc_value("archiver/posts/found")
        yield from self.spider.parse_post(response, blog, {"platform": GENERIC}, {})


class GenericSpider(ArchiverSpider):
    """Archives the articles of any site: ``scrapy crawl generic -a url=https://example.org/opinion/``."""

    name = "generic"
    forced_platform = GENERIC
    discoveries = {GENERIC: GenericDiscovery}


def looks_like_article(response: Response) -> bool:
    """True for a page that is one article, not a listing, a tag page or the home page."""
    if not hasattr(response, "text"):
        return False
    og_type = (response.xpath("//meta[@property='og:type']/@content").get() or "").strip().lower()
    if og_type == "article":
        return True
    for script in response.xpath("//script[@type='application/ld+json']/text()").getall():
        if _jsonld_is_article(script):
            return True
    if response.xpath("//*[@itemprop='articleBody']"):
        return True
    articles = response.xpath("//article")
    return len(articles) == 1 and bool(
        articles.xpath(".//h1") and articles.xpath(".//time[@datetime] | .//*[@rel='author'] | .//*[contains(@class, 'byline')]")
    )


def _jsonld_is_article(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    nodes = data if isinstance(data, list) else [data]
    nodes += [n for d in nodes if isinstance(d, dict) for n in d.get("@graph", []) if isinstance(n, dict)]
    for node in nodes:
        if not isinstance(node, dict):
            continue
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
            return True
    return False
