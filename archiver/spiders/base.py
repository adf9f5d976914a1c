"""What every archiver spider shares: blogs to crawl, the crawl session, post bookkeeping and failures."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import scrapy
from scrapy import signals
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

from archiver.extraction.dates import parse_iso
from archiver.items import PageSnapshot
from archiver.outcome import crawl_counts, exit_code, status_of
from archiver.run import new_run_id
from archiver.session import ArchiveSession
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
    post_keys: set[str] = field(default_factory=set)  #: every post its listings show this run
    listing_urls: list[str] = field(default_factory=list)  #: archive pages for fallback discovery
    listings_failed: int = 0
    fallback_started: bool = False
    error: str | None = None  #: why the blog could not be crawled at all


class ArchiverSpider(scrapy.Spider):
    """Base class: takes ``url`` (one or several, comma-separated) or ``urls``; keeps the books.

    Arguments: ``source`` (records' source name; the host by default), ``include_pages``,
    ``full`` (fetch every post again, ignoring what the crawl state knows), ``since``
    (a date: leave out posts the listings date earlier).
    Settings: ``ARCHIVER_OUTPUT_DIR``, ``ARCHIVER_RUN_ID``, ``ARCHIVER_WARC_ENABLED`` (default
    True), ``ARCHIVER_WARC_MAX_BYTES`` (default 1e9).
    """

    platform = "generic"

    def __init__(
        self,
        url: str | None = None,
        urls: Iterable[str] | None = None,
        source: str | None = None,
        include_pages: bool | str = False,
        full: bool | str = False,
        since: str | datetime | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        given = list(urls or []) + [u for u in (url or "").split(",") if u.strip()]
        if not given:
            raise ValueError("give the blog's address: -a url=https://example.blogspot.com/")
        self.blogs = [Blog(start_url=u.strip(), source=source or _default_source(u)) for u in given]
        self.include_pages = _flag(include_pages)
        self.full = _flag(full)
        self.since = _since(since)
        self.seen_posts: set[str] = set()
        self.failed_posts: list[tuple[str, str]] = []
        self.run_id = ""
        self.session: ArchiveSession | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "ArchiverSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.run_id = settings.get("ARCHIVER_RUN_ID") or new_run_id()
        spider.session = ArchiveSession(
            settings.get("ARCHIVER_OUTPUT_DIR"),
            spider.run_id,
            warc=settings.getbool("ARCHIVER_WARC_ENABLED", True),
            warc_max_bytes=settings.getint("ARCHIVER_WARC_MAX_BYTES", 1_000_000_000),
        )
        crawler.signals.connect(spider.close_session, signal=signals.spider_closed)
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

    def post_request(
        self, url: str, blog: Blog, hints: dict[str, Any] | None = None, validators: dict[str, Any] | None = None
    ) -> scrapy.Request | None:
        """A request for a post page; None when it was already asked for, is out of range or unchanged."""
        url = canonicalize_url(url)
        key = post_key(url)
        if key in self.seen_posts:
            return None
        self.seen_posts.add(key)
        hints = {**(hints or {}), "platform": blog.platform or self.platform}
        validators = validators or {}
        blog.post_keys.add(key)
        if self.since and _listed_before(self.since, hints, validators):
            self.crawler.stats.inc_value("archiver/posts/out_of_range")
            return None
        blog.posts_found += 1
        self.crawler.stats.inc_value("archiver/posts/found")
        known = self.session.state.get(key) if self.session and not self.full else None
        if known is not None and known.unchanged_by_listing(validators):
            self.crawler.stats.inc_value("archiver/posts/unchanged")
            return None
        headers = {}
        if known is not None:
            # The listing cannot tell: ask the server, which answers 304 when nothing changed.
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
        return scrapy.Request(
            url,
            headers=headers,
            callback=self.parse_post,
            errback=self.post_failed,
            cb_kwargs={"blog": blog, "hints": hints, "validators": validators},
            meta={"handle_httpstatus_list": [304], "archiver_warc_metadata": {"url": url, "source": blog.source, "hints": hints}},
        )

    def parse_post(
        self, response: Response, blog: Blog, hints: dict[str, Any], validators: dict[str, Any]
    ) -> Iterable[PageSnapshot]:
        key = post_key(response.request.url)
        validators = {**validators, "etag": _header(response, b"ETag"), "last_modified": _header(response, b"Last-Modified")}
        if response.status == 304:
            self.crawler.stats.inc_value("archiver/posts/unchanged")
            if self.session:
                self.session.state.refresh_validators(key, validators, self.run_id)
            return
        if not hasattr(response, "text"):
            self._post_failure(response.url, "not an HTML page")
            return
        if self.session:
            self.session.pending[key] = {**validators, "post_id": hints.get("post_id")}
        warc_file, warc_record_id = response.meta.get("archiver_warc", (None, None))
        yield PageSnapshot(
            url=response.request.url,
            final_url=response.url,
            html=response.text,
            http_status=response.status,
            fetched_at=datetime.now(timezone.utc),
            source=blog.source,
            platform=blog.platform or self.platform,
            hints=hints,
            warc_file=warc_file,
            warc_record_id=warc_record_id,
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
        blog: Blog | None = failure.request.cb_kwargs.get("blog")
        if blog is not None:
            blog.listings_failed += 1
        logger.info("listing %s unavailable: %s", failure.request.url, describe_failure(failure, failure.request.url))
        self.crawler.stats.inc_value("archiver/listings/failed")

    # -- the end -------------------------------------------------------------------------

    def close_session(self, reason: str) -> None:
        """Flag posts no longer listed, then record the run and release the output folder."""
        if self.session is None:
            return
        stats = self.crawler.stats
        if reason == "finished" and not self.since:
            for blog in self.blogs:
                # Only a blog whose listings were all read can say a post is gone.
                if blog.platform and not blog.error and not blog.listings_failed and not blog.fallback_started:
                    stats.inc_value("archiver/posts/missing", self.session.state.mark_missing(blog.source, blog.post_keys))
        errors = [b.error for b in self.blogs if b.error]
        counts = crawl_counts(stats.get_stats(), len(self.failed_posts))
        status = status_of(reason, len(errors))
        code = exit_code(len(errors), reason == "shutdown", counts["failed"])
        summary = {
            "urls": [b.start_url for b in self.blogs], "counts": counts, "blog_errors": errors,
            "failures": [{"url": u, "reason": r} for u, r in self.failed_posts], "finish_reason": reason,
            "full": self.full, "since": self.since.isoformat() if self.since else None,
        }
        self.session.close(status, code, summary)
        self.session = None


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


def _flag(value: bool | str) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def _since(value: str | datetime | None) -> datetime | None:
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else parse_iso(str(value))
    if moment is None:
        raise ValueError(f"since: not a date: {value!r} (expected YYYY-MM-DD)")
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _listed_before(since: datetime, hints: dict[str, Any], validators: dict[str, Any]) -> bool:
    """True when the listing dates the post before ``since`` (an undated post is kept)."""
    for text in (hints.get("published"), validators.get("sitemap_lastmod")):
        moment = parse_iso(text) if text else None
        if moment is not None:
            moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
            return moment < since
    return False


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
