"""Runs extraction on each fetched page in a pool of worker processes, off the reactor."""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from archiver.extraction import extract
from archiver.items import PageSnapshot
from archiver.records import Fingerprint, fingerprint
from archiver.workers import extraction_pool

logger = logging.getLogger(__name__)


def extract_and_fingerprint(url: str, html: str, hints: dict[str, Any]) -> tuple[dict[str, Any], Fingerprint]:
    """The worker's job: extraction and the body's fingerprints, both CPU work kept off the reactor."""
    extracted = extract(url, html, hints)
    return extracted, fingerprint(extracted.get("body"))


class ExtractPipeline:
    """Fills ``PageSnapshot.extracted`` with ``archiver.extraction.extract``.

    Settings: ``ARCHIVER_EXTRACT_ENABLED`` (default True), ``ARCHIVER_EXTRACT_WORKERS``
    (processes; default: all cores). trafilatura is not thread-safe and extraction is CPU
    work, so it runs in processes, never threads. A page that fails to extract is logged,
    counted (``archiver/extract/failed``) and dropped; the crawl goes on.
    """

    def __init__(self, crawler: Crawler, workers: int) -> None:
        self.crawler = crawler
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ExtractPipeline":
        if not crawler.settings.getbool("ARCHIVER_EXTRACT_ENABLED", True):
            raise NotConfigured
        workers = crawler.settings.getint("ARCHIVER_EXTRACT_WORKERS", 0) or os.cpu_count() or 1
        return cls(crawler, workers)

    def open_spider(self) -> None:
        self.pool = extraction_pool(self.workers)

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageSnapshot):
            return item
        assert self.pool is not None
        loop = asyncio.get_running_loop()
        try:
            item.extracted, item.fingerprints = await loop.run_in_executor(
                self.pool, extract_and_fingerprint, item.url, item.html, item.hints
            )
            item.html = ""  # extracted: the page is kept in WARC, not in memory
        except Exception as error:  # noqa: BLE001 - one bad page must not stop the crawl
            reason = f"{type(error).__name__}: {error}"
            self.crawler.stats.inc_value("archiver/extract/failed")
            logger.warning("could not extract %s: %s", item.url, reason)
            record_failure = getattr(self.crawler.spider, "record_failure", None)
            if record_failure is not None:
                record_failure(item.url, f"extraction failed: {reason}")
            raise DropItem(f"extraction failed for {item.url}", log_level="DEBUG") from None
        self.crawler.stats.inc_value("archiver/extract/ok")
        return item
