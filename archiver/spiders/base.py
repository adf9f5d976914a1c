"""What every archiver spider shares: blogs to crawl, post bookkeeping, snapshots and failures."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from archiver.items import PageSnapshot
from archiver.run import new_run_id
from archiver.urls import canonicalize_url, host_of, post_key, site_root

logger = logging.getLogger(__name__)


@dataclass
class Blog:
    """One blog being crawled: where it lives and what was found on it."""

    start_url: str
    source: str
    root: str = ""
    platform: str | None = None
    posts_found: int = 0
    listing_urls: list[str] = field(default_factory=list)  #: archive pages for fallback discovery
    fallback_started: bool = False
    error: str | None = None  #: why the blog could not be crawled at all


class ArchiverSpider(scrapy.Spider):
    """Base class: takes ``url`` (one or several, comma-separated) or ``urls``; keeps the books."""

    platform = "generic"

    def __init__(
        self,
        url: str | None = None,
        urls: Iterable[str] | None = None,
        source: str | None = None,
        include_pages: bool | str = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        given = list(urls or []) + [u for u in (url or "").split(",") if u.strip()]
        if not given:
            raise ValueError("give the blog's address: -a url=https://example.blogspot.com/")
        self.blogs = [Blog(start_url=u.strip(), source=source or _default_source(u)) for u in given]
        self.include_pages = str(include_pages).lower() in ("1", "true", "yes", "on")
        self.seen_posts: set[str] = set()
        self.failed_posts: list[tuple[str, str]] = []
        self.run_id = ""

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "ArchiverSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.run_id = crawler.settings.get("ARCHIVER_RUN_ID") or new_run_id()
        return spider

    async def start(self) -> AsyncIterator[Any]:
        for blog in self.blogs:
            yield scrapy.Request(
                blog.start_url,
                callback=self.parse_start,
                errback=self.start_failed,
                cb_kwargs={"blog": blog},
                dont_filter=True,
            )

    def parse_start(self, response: Response, blog: Blog) -> Iterable[Any]:
        raise NotImplementedError

    def start_failed(self, failure: Failure) -> None:
        blog: Blog = failure.request.cb_kwargs["blog"]
        blog.error = describe_failure(failure, blog.start_url)
        self.crawler.stats.inc_value("archiver/blogs/failed")
        logger.info("%s", blog.error)  # the CLI reports it; the log keeps it

    # -- posts ---------------------------------------------------------------------------

    def post_request(self, url: str, blog: Blog, hints: dict[str, Any] | None = None) -> scrapy.Request | None:
        """A request for a post page, or None when this post was already asked for."""
        url = canonicalize_url(url)
        key = post_key(url)
        if key in self.seen_posts:
            return None
        self.seen_posts.add(key)
        blog.posts_found += 1
        self.crawler.stats.inc_value("archiver/posts/found")
        return scrapy.Request(
            url,
            callback=self.parse_post,
            errback=self.post_failed,
            cb_kwargs={"blog": blog, "hints": hints or {}},
        )

    def parse_post(self, response: Response, blog: Blog, hints: dict[str, Any]) -> Iterable[PageSnapshot]:
        if not hasattr(response, "text"):
            self._post_failure(response.url, "not an HTML page")
            return
        yield PageSnapshot(
            url=response.request.url if response.request else response.url,
            final_url=response.url,
            html=response.text,
            http_status=response.status,
            fetched_at=datetime.now(timezone.utc),
            source=blog.source,
            platform=blog.platform or self.platform,
            hints={**hints, "platform": blog.platform or self.platform},
        )

    def post_failed(self, failure: Failure) -> None:
        self._post_failure(failure.request.url, describe_failure(failure, failure.request.url))

    def _post_failure(self, url: str, reason: str) -> None:
        self.crawler.stats.inc_value("archiver/posts/fetch_failed")
        logger.warning("could not fetch %s: %s", url, reason)
        self.record_failure(url, reason)

    def record_failure(self, url: str, reason: str) -> None:
        """Remember a post that could not be archived, for the crawl's summary."""
        self.failed_posts.append((url, reason))

    def listing_failed(self, failure: Failure) -> None:
        """A feed, sitemap or archive page failed: log it; discovery goes on by other means."""
        logger.info("listing %s unavailable: %s", failure.request.url, describe_failure(failure, failure.request.url))
        self.crawler.stats.inc_value("archiver/listings/failed")


def describe_failure(failure: Failure, url: str) -> str:
    """One line saying why a request failed."""
    if failure.check(HttpError):
        return f"{url} answered HTTP {failure.value.response.status}"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return f"{url}: host {host_of(url)} not found"
    if failure.check(ConnectError, TimeoutError, TCPTimedOutError, DownloadConnectionRefusedError, DownloadTimeoutError):
        return f"{url}: host {host_of(url)} did not answer"
    if failure.check(DownloadFailedError):
        return f"{url}: download failed ({failure.getErrorMessage()})"
    return f"{url}: {failure.getErrorMessage() or failure.type.__name__}"


def _default_source(url: str) -> str:
    """A blog's source name by default: its host (and port), without ``www.``."""
    return site_root(canonicalize_url(url.strip())).split("://", 1)[-1].strip("/").removeprefix("www.")
