"""Downloader middlewares: a User-Agent that says who crawls, retries that back off, and no post fetched twice
through a redirect; and the spider middleware that frees a page's parsed tree once its callback is done."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.utils.httpobj import urlparse_cached

from archiver import __version__
from archiver.session import CrawlSession
from archiver.urls import post_key
from archiver.warc import CapturedResponse

logger = logging.getLogger(__name__)


class ContactUserAgentMiddleware:
    """Sets a User-Agent naming archiver and a contact URL.

    Settings: ``ARCHIVER_USER_AGENT`` (a template with ``{version}`` and ``{contact}``) and
    ``ARCHIVER_CONTACT_URL`` (where a site owner can reach the people running the crawl).
    """

    def __init__(self, user_agent: str) -> None:
        self.user_agent = user_agent

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ContactUserAgentMiddleware":
        settings = crawler.settings
        template = settings.get("ARCHIVER_USER_AGENT")
        user_agent = template.format(version=__version__, contact=settings.get("ARCHIVER_CONTACT_URL"))
        return cls(user_agent)

    def process_request(self, request: Request) -> None:
        request.headers.setdefault(b"User-Agent", self.user_agent)


class HostDelayMiddleware:
    """Keeps a host's pause between requests at no less than its robots.txt ``Crawl-delay`` for
    archiver, the ``delay`` the sources file gives it (``DOWNLOAD_SLOTS``), or the pause its platform
    asks for (the session's ``host_delays``).

    AutoThrottle lowers a slot's delay towards the host's latency; requests to a host with such a
    floor are marked ``autothrottle_dont_adjust_delay``. A Crawl-delay above ``AUTOTHROTTLE_MAX_DELAY``
    is capped there.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or "archiver"
        self.max_delay = crawler.settings.getfloat("AUTOTHROTTLE_MAX_DELAY", 60.0)
        self.floors: dict[str, float] = {
            host: float(slot["delay"]) for host, slot in crawler.settings.getdict("DOWNLOAD_SLOTS").items()
            if isinstance(slot, dict) and slot.get("delay") is not None
        }
        crawler.signals.connect(self._robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "HostDelayMiddleware":
        return cls(crawler)

    def _robots_parsed(self, robotparser: Any, request: Request) -> None:
        crawl_delay = getattr(robotparser, "crawl_delay", None)
        delay = crawl_delay(self.agent) if crawl_delay else None
        host = urlparse_cached(request).hostname or ""
        if delay:
            delay = min(delay, self.max_delay)
            logger.info("%s asks for %.1f s between requests (robots.txt Crawl-delay)", host, delay)
            self.floors[host] = max(self.floors.get(host, 0.0), delay)

    def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).hostname or ""
        session = self.crawler.get_extension(CrawlSession) if self.crawler.crawling else None
        platform_delays = session.host_delays if session is not None else {}
        floor = max(self.floors.get(host, 0.0), platform_delays.get(host, 0.0))
        if not floor:
            return
        request.meta["autothrottle_dont_adjust_delay"] = True
        if not self.crawler.crawling:
            return  # no downloader, no slots yet
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and slot.delay < floor:
            slot.delay = floor


class KeptAnswerMiddleware:
    """Answers a request with the response the crawl kept for it (``archiver_answer``): a page the walk met
    as a possible post, found to be one when discovery ended, is not fetched a second time."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "KeptAnswerMiddleware":
        return cls(crawler)

    def process_request(self, request: Request) -> Response | None:
        kept = request.meta.pop("archiver_answer", None)
        if kept is None:
            return None
        self.crawler.stats.inc_value("archiver/walk/answers_kept")
        answer: Response = kept.replace(request=request)
        return answer


class RedirectsToKnownPost(IgnoreRequest):
    """A redirect (HTTP or meta refresh) of a post or walk page leads to a post the crawl has already fetched."""


class KnownPostRedirectMiddleware:
    """Drops a redirect that leads to a post already fetched at its own address: a moved blog's stub at an old
    address (a sitemap or a listing still names it) would otherwise fetch the post a second time, only for the
    second copy to be dropped. The request's errback gets ``RedirectsToKnownPost`` and books the stub as
    that post's old address. Only requests that may be posts (``archiver_maybe_post``) are judged."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "KnownPostRedirectMiddleware":
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        redirected = request.meta.get("redirect_urls")
        if not redirected or not request.meta.get("archiver_maybe_post"):
            return
        key = post_key(request.url)
        # Only a post that answered: one merely asked for may fail, or redirect in a loop, itself.
        if key != post_key(redirected[0]) and key in getattr(self.crawler.spider, "answered_posts", ()):
            self.crawler.stats.inc_value("archiver/posts/redirected_to_known")
            raise RedirectsToKnownPost(f"{redirected[0]} leads to {request.url}, a post already fetched")


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, plus a pause for the whole host when it says it is overloaded.

    On a retryable status the host's download slot waits ``Retry-After`` when the server gives
    one, else ``ARCHIVER_BACKOFF_BASE`` seconds doubled per retry, at most
    ``ARCHIVER_BACKOFF_MAX``. AutoThrottle then brings the delay back down as the host recovers.
    """

    def __init__(self, settings) -> None:  # type: ignore[no-untyped-def]
        super().__init__(settings)
        self.backoff_base = settings.getfloat("ARCHIVER_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("ARCHIVER_BACKOFF_MAX")

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if response.status in self.retry_http_codes and not request.meta.get("dont_retry"):
            self._slow_down(request, response)
        return super().process_response(request, response)

    def _slow_down(self, request: Request, response: Response) -> None:
        retries = request.meta.get("retry_times", 0)
        delay = _retry_after(response) or self.backoff_base * (2**retries)
        delay = min(delay, self.backoff_max)
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        if downloader is None:
            return
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None and slot.delay < delay:
            logger.info("%s answered %s: waiting %.1f s between its requests", key, response.status, delay)
            slot.delay = delay
            self.crawler.stats.inc_value("archiver/backoff/count")


def _retry_after(response: Response) -> float | None:
    value = response.headers.get(b"Retry-After")
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class WarcCaptureMiddleware:
    """Keeps every response the crawl receives (posts, feeds, sitemaps, robots.txt) in WARC files.

    Sits after decompression and redirects, so it keeps the final, decoded page. The request's
    ``archiver_warc_metadata`` (the crawl's hints for the page) is kept beside it, and the
    response's WARC file and record id go to ``request.meta["archiver_warc"]``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "WarcCaptureMiddleware":
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        session = self.crawler.get_extension(CrawlSession)
        if session is None or session.warc is None:
            return response
        if request.meta.get("archiver_capture_in_worker") and response.status == 200:
            return response  # a post page: its extraction worker keeps it, off the reactor
        captured = capture(response, datetime.now(timezone.utc), request.meta.get("archiver_warc_metadata"))
        try:
            request.meta["archiver_warc"] = session.warc.write(captured)
        except OSError as error:
            if not session.write_failed(error):
                raise
            return response  # the run is stopping: the page is read, not kept
        self.crawler.stats.inc_value("archiver/warc/records")
        return response


def capture(response: Response, fetched_at: datetime, metadata: dict | None = None) -> CapturedResponse:
    """A response as WARC keeps it: status, headers, the decoded-transfer body, the crawl's hints."""
    return CapturedResponse(
        url=response.url,
        status=response.status,
        reason=_reason(response.status),
        headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, values in response.headers.items() for v in values],
        body=response.body,
        fetched_at=fetched_at,
        metadata=metadata,
    )


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


class ReleaseParsedPageMiddleware:
    """Frees the tree a response's selector parsed once its callback has given all it gives.

    A response and the selector it caches hold each other (scrapy/scrapy#2977), so the parsed page, several
    times the bytes of the page, waits for Python's cycle collector, which counts Python objects, not the
    bytes lxml holds: a walk judging many pages at once (a blog of unmarked posts at discovery's end) held
    hundreds of them (its main process peaked at 700 MB at 1,500 posts; 250 MB now). Nothing of archiver's
    reads a response after its callback: records are extracted from the bytes, in the extraction workers.
    """

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        yield from result
        _release(response)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for output in result:
            yield output
        _release(response)


def _release(response: Response) -> None:
    if isinstance(response, TextResponse):
        response._cached_selector = None  # the cycle's one link
