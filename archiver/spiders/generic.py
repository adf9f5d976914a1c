"""Any other site: sitemaps (robots.txt's first), feeds (autodiscovered), then a walk of its own links."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from archiver.spiders.base import LISTING_PRIORITY, BaseBlogSpider, Blog, Discovery
from archiver.spiders.detect import GENERIC
from archiver.spiders.feeds import read_feed
from archiver.spiders.links import is_site_page, listing_rank
from archiver.urls import in_folder, post_key, same_site

logger = logging.getLogger(__name__)

#: the types a page that may be a post is served as (a file a sitemap lists is served as its own)
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
#: where site generators publish their feeds, asked for when no feed a page names gave a post: WordPress,
#: Ghost, Hugo and Movable Type (RSS 2.0), Jekyll, Movable Type and Octopress (Atom), Drupal and others,
#: Movable Type (RSS 1.0). A page may name none, or one that is gone.
_FEED_ADDRESSES = ("feed/", "rss/", "index.xml", "feed.xml", "atom.xml", "rss.xml", "index.rdf")


class GenericDiscovery(Discovery):
    """Finds the articles of a site that runs on no known blog platform.

    Sitemaps named in robots.txt (else ``/sitemap.xml``, ``/sitemap_index.xml``) and feeds named in
    the home page's head (if none gives a post, the generators' usual feed addresses); unless a
    sitemap lists every article they found, the archive walk follows the site's own links
    (``ARCHIVER_WALK_MAX_PAGES``). A page a feed lists is one of the site's posts; any other page (a
    sitemap lists every page of a site; a comments feed's items link a spot in a page) is archived
    only if it is an article: ``og:type`` article, a JSON-LD article, ``articleBody`` markup, an
    ``<article>`` with a heading and a date or byline, one post entry of a blog template, or, on a
    site whose theme marks none of these, the shape of the posts its feeds named (``shapes.py``).
    """

    platform = GENERIC

    def __init__(self, spider: BaseBlogSpider) -> None:
        super().__init__(spider)
        # A page a sitemap lists is archived only if it is an article (or, in the end, shaped like a post).
        self.sitemap_post_callback = self.parse_candidate
        self.feed_posts: set[str] = set()  # the posts feeds name (their keys): posts, whatever their pages say
        self.feeds_asked: set[str] = set()

    def begin(self, response: Response, blog: Blog) -> Iterable[Any]:
        yield scrapy.Request(f"{blog.root}robots.txt", callback=self.parse_robots, errback=self.robots_failed,
                             cb_kwargs={"blog": blog}, priority=LISTING_PRIORITY, dont_filter=True)
        # By its type, whatever its rel: themes misspell it ("alternative").
        feed_links = "//head/link[" + " or ".join(f"@type='{t}'" for t in _FEED_TYPES) + "]/@href"
        for href in response.xpath(feed_links).getall():
            url = response.urljoin(href)
            if same_site(url, blog.root):
                yield self._feed_request(url, blog)
        if self.is_post_page(response, blog) and in_folder(response.url, blog.scope):
            yield from self.spider.accept_post(response, blog, "start")  # a start address that is an article

    def freshness_check(self, blog: Blog) -> Iterable[Any]:
        """When no feed the site names gave a post, its generator's usual feed addresses are asked for."""
        if blog.channels.get("feed"):
            return
        for path in _FEED_ADDRESSES:
            url = blog.home + path
            if post_key(url) not in self.feeds_asked:
                yield self._feed_request(url, blog, probe=True)

    def _feed_request(self, url: str, blog: Blog, probe: bool = False) -> scrapy.Request:
        self.feeds_asked.add(post_key(url))
        return self.listing_request(url, blog, self.parse_feed, "feed", absent_ok=True, probe=probe,
                                    errback=self.probe_failed if probe else None)

    def probe_failed(self, failure: Any) -> None:
        """A feed address no page named, asked for on the chance: its failing says nothing of the site."""
        logger.info("no feed at %s: %s", failure.request.url, failure.getErrorMessage())

    def wanted_post(self, url: str, blog: Blog) -> bool:
        # A start address with a path ("https://example.org/opinion/") archives that part of the site.
        return super().wanted_post(url, blog) and in_folder(url, blog.scope)

    def not_a_post(self, response: Response) -> str | None:
        # A site-wide feed (Hugo's) lists the site's pages with its posts.
        return "one of the site's own pages (about, contact, legal notices)" if is_site_page(response.url) else None

    # -- sitemaps and feeds -------------------------------------------------------------------

    def parse_robots(self, response: Response, blog: Blog) -> Iterable[Any]:
        named = [line.split(":", 1)[1].strip() for line in response.text.splitlines()
                 if line.lower().startswith("sitemap:")] if hasattr(response, "text") else []
        for url in named or [f"{blog.root}sitemap.xml", f"{blog.root}sitemap_index.xml"]:
            yield self.sitemap_request(url, blog, absent_ok=not named)

    def robots_failed(self, failure: Any) -> Iterable[Any]:
        blog = failure.request.cb_kwargs["blog"]
        for url in (f"{blog.root}sitemap.xml", f"{blog.root}sitemap_index.xml"):
            yield self.sitemap_request(url, blog, absent_ok=True)

    def parse_feed(self, response: Response, blog: Blog, probe: bool = False) -> Iterable[Any]:
        items = read_feed(response.body, response.url)
        if items is None:
            (logger.info if probe else logger.warning)("feed at %s is not a feed", response.url)
            return
        self.stats.inc_value("archiver/listings/fetched")
        for item in items:
            if not in_folder(item.link, blog.scope):
                continue
            hints = {"title": item.title, "published": item.published, "tags": item.tags}
            # A feed lists the site's posts, whatever their pages look like (some themes mark nothing); an
            # item that links a spot in a page (a comments feed's "/about/#comment-12") says nothing of the page.
            callback = self.parse_candidate if urlsplit(item.link).fragment else None
            if callback is None:
                key = post_key(item.link)
                self.feed_posts.add(key)
                if blog.shape.take_back(key) is not None:
                    self.spider.seen_posts.discard(key)  # a page a sitemap listed, judged before the feed named it
            request = self.spider.post_request(item.link, blog, hints, {"feed_updated": item.updated or item.published},
                                               callback=callback, channel="feed")
            if request is not None:
                yield request

    def parse_candidate(self, response: Response, blog: Blog, hints: dict[str, Any], validators: dict[str, Any]) -> Iterable[Any]:
        """A page a sitemap listed: archived if it is an article or a feed names it, else left to be judged by
        the shape of the site's posts when discovery ends."""
        asked = (response.meta.get("redirect_urls") or [response.url])[0]  # the address it was booked at
        key = post_key(asked)
        if response.status == 304 or self.is_post_page(response, blog) or key in self.feed_posts:
            yield from self.spider.parse_post(response, blog, hints, validators)
            return
        kind = (response.headers.get("Content-Type") or b"").split(b";")[0].strip().lower().decode("latin-1")
        if kind and kind not in _PAGE_TYPES:  # a static site lists its files too (a post's ".asc" signature)
            self.spider.leave_out(response.url, blog, key, f"not a web page ({kind})", validators)
            return
        self.stats.inc_value("archiver/pages/not_article")
        self.spider.forget_post(blog, key)
        # A listing by its address (a tag page listing one post shows that post's markup once) is never a post.
        if hasattr(response, "text") and listing_rank(asked) is None:
            blog.shape.leave_unplaced(key, asked, response, response.meta.get("archiver_channel", "sitemap"))


class GenericSpider(BaseBlogSpider):
    """Archives the articles of any site: ``scrapy crawl generic -a url=https://example.org/opinion/``."""

    name = "generic"
    forced_platform = GENERIC
    discoveries = {GENERIC: GenericDiscovery}
