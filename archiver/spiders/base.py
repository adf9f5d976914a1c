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
    DontCloseSpider,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from archiver.extraction.dates import parse_iso
from archiver.items import PageSnapshot
from archiver.middlewares import capture
from archiver.outcome import crawl_counts, exit_code, status_of
from archiver.run import new_run_id
from archiver.session import ArchiveSession
from archiver.sources import Source
from archiver.spiders.detect import BLOGGER, GENERIC, WORDPRESS, is_blogger_feed, is_wordpress_api, platform_from_markup
from archiver.spiders.links import is_post_path
from archiver.spiders.sitemaps import sitemap_entries
from archiver.urls import canonicalize_url, host_of, post_key, same_site, scope_path, site_root

logger = logging.getLogger(__name__)

#: Listings wait behind the posts already found (priority 0): the scheduler then holds about one
#: listing page of posts at a time, not the whole archive, so memory stays flat as archives grow.
LISTING_PRIORITY = -10

#: what to fetch to learn whether a site without platform marks runs on a platform
_PROBES = {BLOGGER: "feeds/posts/default?max-results=1&redirect=false", WORDPRESS: "wp-json/"}


@dataclass
class Blog:
    """One blog being crawled: where it lives, how it is to be archived, what was found on it."""

    config: Source
    root: str = ""
    scope: str = "/"  #: the folder the blog lives in: a generic site's start address's, a WordPress install's
    api_root: str = ""  #: where the platform's API lives, when it has one
    platform: str | None = None
    posts_found: int = 0
    post_keys: set[str] = field(default_factory=set)  #: every post its listings show this run
    listing_urls: list[str] = field(default_factory=list)  #: archive pages for fallback discovery
    listings_failed: int = 0
    fallback_started: bool = False
    error: str | None = None  #: why the blog could not be crawled at all

    @property
    def start_url(self) -> str:
        return self.config.url

    @property
    def home(self) -> str:
        """Where the blog's own pages start: its site's root, or the folder it lives in."""
        return self.root.rstrip("/") + self.scope

    @property
    def source(self) -> str:
        return self.config.name


class Discovery:
    """How one platform finds a blog's posts; each platform module has one.

    ``begin`` gets the blog's start page once the platform is known and yields the first
    listing requests; ``fallback`` is asked, when the crawl falls idle, for blogs where
    the listings found nothing.
    """

    platform = ""

    def __init__(self, spider: "ArchiverSpider") -> None:
        self.spider = spider

    @property
    def stats(self) -> Any:
        return self.spider.crawler.stats

    def begin(self, response: Response, blog: Blog) -> Iterable[Any]:
        raise NotImplementedError

    def fallback(self, blog: Blog) -> Iterable[Any]:
        return ()

    # -- sitemaps, which every platform reads the same way -------------------------------------

    #: the callback of post requests a sitemap yields (None: the spider's ``parse_post``)
    sitemap_post_callback: Any = None

    def sitemap_request(self, url: str, blog: Blog) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_sitemap, errback=self.spider.listing_failed,
                              cb_kwargs={"blog": blog}, priority=LISTING_PRIORITY)

    def root_sitemap(self, blog: Blog) -> scrapy.Request:
        return self.sitemap_request(f"{blog.root}sitemap.xml", blog)

    def parse_sitemap(self, response: Response, blog: Blog) -> Iterable[Any]:
        """A sitemap index's child maps, or a urlset's posts with their ``lastmod``."""
        entries, children = sitemap_entries(response)
        if entries is None:
            return
        self.stats.inc_value("archiver/listings/fetched")
        for url in self.wanted_sitemaps(children):
            yield self.sitemap_request(url, blog)
        for loc, lastmod in entries:
            if self.wanted_post(loc, blog):
                request = self.spider.post_request(loc, blog, validators={"sitemap_lastmod": lastmod},
                                                   callback=self.sitemap_post_callback)
                if request is not None:
                    yield request

    def wanted_sitemaps(self, children: list[str]) -> list[str]:
        """The child maps of an index worth reading (all, unless the platform names its posts' maps)."""
        return children

    def wanted_post(self, url: str, blog: Blog) -> bool:
        """Whether a URL a listing gives is one of the blog's posts."""
        return same_site(url, blog.root) and is_post_path(url)


class ArchiverSpider(scrapy.Spider):
    """Base class: takes ``url`` (one or several, comma-separated), ``urls`` or ``sources``; keeps the books.

    Arguments: ``source`` (records' source name; the host by default), ``platform`` (``auto`` or
    a platform name), ``include_pages``, ``full`` (fetch every post again, ignoring what the
    crawl state knows), ``since`` (a date: leave out posts the listings date earlier).
    Settings: ``ARCHIVER_OUTPUT_DIR``, ``ARCHIVER_RUN_ID``, ``ARCHIVER_WARC_ENABLED`` (default
    True), ``ARCHIVER_WARC_MAX_BYTES`` (default 1e9).
    """

    #: the Discovery class of each platform this spider can archive
    discoveries: dict[str, type[Discovery]] = {}
    #: a platform every blog of this spider must be on (None: detect it per blog)
    forced_platform: str | None = None

    def __init__(
        self,
        url: str | None = None,
        urls: Iterable[str] | None = None,
        sources: Iterable[Source] | None = None,
        source: str | None = None,
        platform: str = "auto",
        include_pages: bool | str = False,
        full: bool | str = False,
        since: str | datetime | None = None,
        detect_only: bool | str = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        given = list(urls or []) + [u for u in (url or "").split(",") if u.strip()]
        configs = list(sources or []) + [
            Source(name=source or _default_source(u), url=u.strip(), platform=self.forced_platform or platform,
                   include_pages=_flag(include_pages))
            for u in given
        ]
        if not configs:
            raise ValueError("give the blog's address: -a url=https://example.blogspot.com/")
        self.blogs = [Blog(config=c) for c in configs]
        self._discoveries: dict[str, Discovery] = {}
        self.full = _flag(full)
        self.detect_only = _flag(detect_only)  # settle each blog's platform, fetch nothing more
        self.since = _since(since)
        self.seen_posts: set[str] = set()
        #: a platform's least pause between requests to a host (seconds), kept by HostDelayMiddleware
        self.host_delays: dict[str, float] = {}
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
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
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

    # -- which platform ------------------------------------------------------------------

    def discovery(self, platform: str) -> Discovery:
        if platform not in self._discoveries:
            self._discoveries[platform] = self.discoveries[platform](self)
        return self._discoveries[platform]

    def parse_start(self, response: Response, blog: Blog) -> Iterable[Any]:
        """The blog's start page: settle its platform from the page itself, then discover."""
        blog.root = site_root(response.url)
        blog.scope = scope_path(response.url)
        wanted = blog.config.platform if blog.config.platform != "auto" else None
        seen = platform_from_markup(response)
        if wanted in (None, seen) and seen in self.discoveries:
            yield from self.begin(response, blog, seen)
        elif wanted is not None and wanted != BLOGGER:
            yield from self.begin(response, blog, wanted)  # the user said so; nothing to confirm
        else:
            # A custom-domain homepage may carry no platform marks: the blog's own feed or API tells.
            yield self._probe(response, blog, [p for p in (BLOGGER, WORDPRESS) if wanted in (None, p)])

    def begin(self, response: Response, blog: Blog, platform: str) -> Iterable[Any]:
        blog.platform = platform
        self.crawler.stats.inc_value(f"archiver/blogs/{platform}")
        logger.info("%s: %s", blog.start_url, platform)
        if not self.detect_only:
            yield from self.discovery(platform).begin(response, blog)

    def _probe(self, start: Response, blog: Blog, candidates: list[str]) -> scrapy.Request:
        return scrapy.Request(
            blog.root + _PROBES[candidates[0]], callback=self._probed, errback=self._probe_failed, dont_filter=True,
            cb_kwargs={"start": start, "blog": blog, "candidates": candidates}, priority=10,
        )

    def _probed(self, response: Response, start: Response, blog: Blog, candidates: list[str]) -> Iterable[Any]:
        confirm = is_blogger_feed if candidates[0] == BLOGGER else is_wordpress_api
        if confirm(response.body):
            yield from self.begin(start, blog, candidates[0])
        else:
            yield from self._next_probe(start, blog, candidates)

    def _probe_failed(self, failure: Failure) -> Iterable[Any]:
        kwargs = failure.request.cb_kwargs
        yield from self._next_probe(kwargs["start"], kwargs["blog"], kwargs["candidates"])

    def _next_probe(self, start: Response, blog: Blog, candidates: list[str]) -> Iterable[Any]:
        if candidates[1:]:
            yield self._probe(start, blog, candidates[1:])
        elif GENERIC in self.discoveries and blog.config.platform == "auto":
            yield from self.begin(start, blog, GENERIC)
        else:
            if blog.config.platform == BLOGGER or self.forced_platform == BLOGGER:
                blog.error = f"{blog.start_url} is not a Blogger blog (no Blogger markup or feed)"
            else:
                blog.error = f"{blog.start_url} is not a blog archiver can read (no platform found)"
            self.crawler.stats.inc_value("archiver/blogs/failed")
            logger.info("%s", blog.error)  # the CLI reports it; the log keeps it

    def on_idle(self) -> None:
        """When a blog's listings found nothing, ask its platform for another way in."""
        pending = [b for b in self.blogs if b.platform and not b.post_keys and not b.fallback_started]
        requests = []
        for blog in pending:
            blog.fallback_started = True
            requests += list(self.discovery(blog.platform).fallback(blog))
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider

    def start_failed(self, failure: Failure) -> None:
        blog: Blog = failure.request.cb_kwargs["blog"]
        blog.error = describe_failure(failure, blog.start_url)
        self.crawler.stats.inc_value("archiver/blogs/failed")
        logger.info("%s", blog.error)  # the CLI reports it; the log keeps it

    # -- posts ---------------------------------------------------------------------------

    def post_request(
        self, url: str, blog: Blog, hints: dict[str, Any] | None = None, validators: dict[str, Any] | None = None,
        callback: Any = None,
    ) -> scrapy.Request | None:
        """A request for a post page; None when it was already asked for, is out of range or unchanged."""
        url = canonicalize_url(url)
        key = post_key(url)
        if key in self.seen_posts:
            return None
        self.seen_posts.add(key)
        hints = {**(hints or {}), "platform": blog.platform}
        validators = validators or {}
        blog.post_keys.add(key)
        if not self.in_scope(url, blog, hints, validators):
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
            callback=callback or self.parse_post,
            errback=self.post_failed,
            cb_kwargs={"blog": blog, "hints": hints, "validators": validators},
            # The extraction worker keeps the page in WARC (archiver_capture_in_worker), with these hints.
            meta={"handle_httpstatus_list": [304], "archiver_capture_in_worker": True,
                  "archiver_warc_metadata": {"url": url, "source": blog.source, "hints": hints}},
        )

    def date_range(self, source: str) -> tuple[datetime | None, datetime | None]:
        """The (since, until) dates posts of ``source`` must fall in; None where open."""
        config = next((b.config for b in self.blogs if b.source == source), None)
        since = max([d for d in (self.since, config.since if config else None) if d], default=None)
        return since, config.until if config else None

    def in_scope(self, url: str, blog: Blog, hints: dict[str, Any], validators: dict[str, Any]) -> bool:
        """The source's patterns, date range and post limit, applied before anything is fetched."""
        config = blog.config
        if not config.wants(url):
            self.crawler.stats.inc_value("archiver/posts/excluded")
            return False
        since, _ = self.date_range(blog.source)
        published = _moment(hints.get("published"))
        # A sitemap's lastmod is never before the post's publication: it can only tell a post is too old.
        modified = _moment(validators.get("sitemap_lastmod"))
        dated = published or modified
        too_old = bool(since and dated and dated < since)
        too_new = bool(config.until and published and published > config.until)
        if too_old or too_new:
            self.crawler.stats.inc_value("archiver/posts/out_of_range")
            return False
        if config.limit is not None and blog.posts_found >= config.limit:
            self.crawler.stats.inc_value("archiver/posts/over_limit")
            return False
        return True

    def parse_post(
        self, response: Response, blog: Blog, hints: dict[str, Any], validators: dict[str, Any]
    ) -> Iterable[PageSnapshot]:
        key = post_key(response.request.url)
        # A redirected post is archived, and known to the state, at its new address: the blog lists it
        # there too, or the next run would call it gone.
        blog.post_keys.add(key)
        self.seen_posts.add(key)
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
        fetched_at = datetime.now(timezone.utc)
        warc_file, warc_record_id = response.meta.get("archiver_warc", (None, None))
        yield PageSnapshot(
            url=response.request.url,
            final_url=response.url,
            html="",  # decoded by the extraction worker, off the reactor
            http_status=response.status,
            fetched_at=fetched_at,
            source=blog.source,
            platform=blog.platform or GENERIC,
            hints=hints,
            raw=capture(response, fetched_at, response.meta.get("archiver_warc_metadata")),
            encoding=response.encoding,
            # A page met as a listing first is already in WARC; a post page is kept by its worker.
            warc_file=warc_file,
            warc_record_id=warc_record_id,
        )

    def post_failed(self, failure: Failure) -> None:
        if failure.check(IgnoreRequest) and "robots.txt" in str(failure.value):
            # The site's robots.txt asks archiver not to fetch it: left out, not failed.
            self.crawler.stats.inc_value("archiver/posts/forbidden")
            logger.info("%s: forbidden by robots.txt", failure.request.url)
            return
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
        for blog in self.blogs:
            if blog.platform == GENERIC and not blog.post_keys and not blog.error and not self.detect_only:
                blog.error = f"{blog.start_url}: found no posts (no sitemap, feed or article page led to one)"
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


def _moment(text: str | None) -> datetime | None:
    """A listing's date as an aware datetime (UTC when it gives no offset); None when it gives none."""
    moment = parse_iso(text) if text else None
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
