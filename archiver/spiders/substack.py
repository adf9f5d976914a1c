"""Substack: the archive API for recent posts, then the sitemap (and its yearly maps) for all of them."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from archiver.spiders.base import BaseBlogSpider, Blog, Discovery
from archiver.spiders.detect import SUBSTACK
from archiver.spiders.feeds import read_feed
from archiver.spiders.walk import RANK_PAGER
from archiver.urls import host_of

logger = logging.getLogger(__name__)

_POST_PATH = re.compile(r"^/p/[^/]+/?$")


class SubstackDiscovery(Discovery):
    """``/api/v1/archive`` pages (dates, authors, paywall), then ``/sitemap.xml`` and the feed; the
    archive walk (``/archive``, posts' links) when they fall short.

    Paid posts are archived with what is public and flagged ``paywalled``.
    Settings: ``ARCHIVER_SUBSTACK_PAGE_SIZE`` (API page size, at most 50), ``ARCHIVER_SUBSTACK_DELAY``
    (least seconds between requests to a publication, default 1: Substack answers faster crawls 429).
    """

    platform = SUBSTACK

    def __init__(self, spider: BaseBlogSpider) -> None:
        super().__init__(spider)
        self.page_size = min(50, spider.crawler.settings.getint("ARCHIVER_SUBSTACK_PAGE_SIZE"))
        self.delay = spider.crawler.settings.getfloat("ARCHIVER_SUBSTACK_DELAY")

    def begin(self, response: Response, blog: Blog) -> Iterable[Any]:
        if self.delay and self.spider.session is not None:
            self.spider.session.host_delays[host_of(blog.root)] = self.delay
        yield self._api_request(blog, 0)

    def freshness_check(self, blog: Blog) -> Iterable[Any]:
        # The feed names the newest posts, which the API's and the sitemap's copies may lag behind.
        yield self.listing_request(f"{blog.root}feed", blog, self.parse_feed, "feed", absent_ok=True)

    def walk_link(self, url: str, blog: Blog) -> tuple[str, int] | None:
        path = urlsplit(url).path
        if _POST_PATH.match(path):
            return ("post", 0)
        if path in ("/", "/archive"):
            return ("listing", RANK_PAGER)
        return None

    def _api_request(self, blog: Blog, offset: int) -> scrapy.Request:
        url = f"{blog.root}api/v1/archive?sort=new&offset={offset}&limit={self.page_size}"
        request = self.listing_request(url, blog, self.parse_api, "api", absent_ok=offset == 0, errback=self.api_failed,
                                       offset=offset)
        request.headers["Accept"] = "application/json"
        return request

    def parse_api(self, response: Response, blog: Blog, offset: int) -> Iterable[Any]:
        try:
            stubs = json.loads(response.body)
        except ValueError:
            stubs = None
        if not isinstance(stubs, list):
            yield self.root_sitemap(blog)
            return
        self.stats.inc_value("archiver/listings/fetched")
        for stub in stubs:
            if not isinstance(stub, dict) or stub.get("type", "newsletter") not in ("newsletter", "thread"):
                continue
            url = stub.get("canonical_url") or (f"{blog.root}p/{stub['slug']}" if stub.get("slug") else None)
            if url and _POST_PATH.match(urlsplit(url).path):
                request = self.spider.post_request(url, blog, _stub_hints(stub), {"feed_updated": stub.get("post_date")},
                                                   channel="api")
                if request is not None:
                    yield request
        if len(stubs) >= self.page_size:
            yield self._api_request(blog, offset + len(stubs))
        else:
            # The API may list only recent posts; the sitemap carries them all.
            blog.exhaustive.add("api")
            yield self.root_sitemap(blog)

    def api_failed(self, failure: Any) -> Iterable[Any]:
        self.spider.listing_failed(failure)
        yield self.root_sitemap(failure.request.cb_kwargs["blog"])

    def wanted_post(self, url: str, blog: Blog) -> bool:
        return bool(_POST_PATH.match(urlsplit(url).path))

    def parse_feed(self, response: Response, blog: Blog) -> Iterable[Any]:
        for item in read_feed(response.body, response.url) or []:
            if _POST_PATH.match(urlsplit(item.link).path):
                hints = {"title": item.title, "published": item.published, "authors": [item.author] if item.author else []}
                request = self.spider.post_request(item.link, blog, hints, {"feed_updated": item.updated or item.published},
                                                   channel="feed")
                if request is not None:
                    yield request


class SubstackSpider(BaseBlogSpider):
    """Archives every post of a Substack publication: ``scrapy crawl substack -a url=https://x.substack.com/``."""

    name = "substack"
    forced_platform = SUBSTACK
    discoveries = {SUBSTACK: SubstackDiscovery}


def _stub_hints(stub: dict[str, Any]) -> dict[str, Any]:
    bylines = [b.get("name") for b in stub.get("publishedBylines") or [] if isinstance(b, dict) and b.get("name")]
    return {
        "post_id": str(stub["id"]) if stub.get("id") is not None else None,
        "title": stub.get("title"),
        "published": stub.get("post_date"),
        "authors": bylines,
        "paywalled": stub.get("audience") not in (None, "everyone"),
    }
