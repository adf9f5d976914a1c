"""Runs extraction on each fetched page in a pool of worker processes, off the reactor."""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from archiver.items import PageSnapshot
from archiver.session import CrawlSession
from archiver.warc import CapturedResponse
from archiver.workers import ExtractionPool, PageTimeout, WorkerDied, extraction_pool, process_page

logger = logging.getLogger(__name__)


class ExtractPipeline:
    """Fills ``PageSnapshot.extracted`` with ``archiver.extraction.extract``.

    Settings (declared in ``archiver.settings``): ``ARCHIVER_EXTRACT_ENABLED``, ``ARCHIVER_EXTRACT_WORKERS``
    (processes; 0: all cores), ``ARCHIVER_EXTRACT_TIMEOUT`` (seconds a page may take).
    trafilatura is not thread-safe and extraction is CPU work, so it runs in processes, never
    threads (``archiver.workers.ExtractionPool``). A page that fails to extract, runs past the time
    limit or whose worker died twice under it is logged, counted (``archiver/extract/failed``),
    recorded as a failed post with its reason, and dropped; the crawl goes on.
    """

    def __init__(self, crawler: Crawler, workers: int, timeout: float) -> None:
        self.crawler = crawler
        self.workers = workers
        self.timeout = timeout
        self.max_bytes = crawler.settings.getint("ARCHIVER_MAX_EXTRACT_BYTES")
        self.pool: ExtractionPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ExtractPipeline":
        if not crawler.settings.getbool("ARCHIVER_EXTRACT_ENABLED"):
            raise NotConfigured
        workers = crawler.settings.getint("ARCHIVER_EXTRACT_WORKERS") or os.cpu_count() or 1
        return cls(crawler, workers, crawler.settings.getfloat("ARCHIVER_EXTRACT_TIMEOUT"))

    def open_spider(self) -> None:
        self.pool = extraction_pool(self.workers, self.timeout)

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _capture_to(self) -> tuple[str, str, int] | None:
        """Where workers keep raw pages: the crawl session's WARC folder, or nowhere when WARC is off or
        the archive is on object storage (then the session's writer keeps them: ``_keep_in_session``)."""
        session = self.crawler.get_extension(CrawlSession)
        if session is None or session.warc is None or session.store is not None:
            return None
        return str(session.output_dir), session.run_id, session.warc.max_bytes

    def _keep_in_session(self, item: PageSnapshot) -> None:
        """On object storage, a post page goes to the session's WARC writer, whose segments the session
        ends and uploads before each commit (``CrawlSession.keep_raw_pages``); a worker's own file could
        be ended only by that worker."""
        session = self.crawler.get_extension(CrawlSession)
        if session is not None and session.store is not None and session.warc is not None and item.raw is not None:
            item.warc_file, item.warc_record_id = session.warc.write(item.raw)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageSnapshot):
            return item
        assert self.pool is not None
        loop = asyncio.get_running_loop()
        try:
            raw = item.raw or CapturedResponse(item.final_url, item.http_status, "", [], item.html.encode(),
                                               item.fetched_at)
            if item.warc_file is None:
                self._keep_in_session(item)
            keep = self._capture_to() if item.raw is not None and item.warc_file is None else None
            item.extracted, item.fingerprints, warc = await loop.run_in_executor(
                self.pool, process_page, item.url, raw, item.hints, keep, self.max_bytes
            )
            if warc is not None:
                item.warc_file, item.warc_record_id = warc
            item.html, item.raw = "", None  # extracted and kept in WARC: nothing to hold in memory
        except Exception as error:  # noqa: BLE001 - one bad page must not stop the crawl
            # A timeout and a dead worker say what happened themselves; other errors name their type.
            named = isinstance(error, (PageTimeout, WorkerDied))
            reason = str(error) if named else f"extraction failed: {type(error).__name__}: {error}"
            self.crawler.stats.inc_value("archiver/extract/failed")
            logger.warning("could not extract %s: %s", item.url, reason)
            session = self.crawler.get_extension(CrawlSession)
            if session is not None:
                if session.write_failed(error):
                    reason = "not kept: no space left on device"
                session.post_failed(item.url, reason)
            raise DropItem(f"extraction failed for {item.url}", log_level="DEBUG") from None
        self.crawler.stats.inc_value("archiver/extract/ok")
        return item
