"""Stores records in batches through the session's record storage, off the reactor, and only then
books their posts as stored in the crawl state."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from archiver.errors import StateUnavailableError
from archiver.items import Commentary
from archiver.session import CrawlSession, is_disk_full
from archiver.urls import post_key

logger = logging.getLogger(__name__)


class CommitPipeline:
    """Appends records to the session's record storage (``<ARCHIVER_OUTPUT_DIR>/records``).

    ``ARCHIVER_STORE_ENABLED``; ``ARCHIVER_STORE_BATCH_SIZE`` (records per file write);
    ``ARCHIVER_STORE_FLUSH_SECONDS`` (what is buffered is written at least that often, so a run
    killed or stalled keeps what it extracted until then). Everything buffered is written when the
    spider closes, including after a first Ctrl-C. Stats: ``archiver/store/records`` (and ``.../<source>`` per source),
    ``archiver/store/files``.
    """

    def __init__(self, crawler: Crawler, batch_size: int, flush_seconds: float) -> None:
        self.crawler = crawler
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self.buffer: list[Commentary] = []
        self.session: CrawlSession | None = None
        self.files: list[Path] = []
        self._timer: asyncio.Task[None] | None = None
        self._timed_flush: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "CommitPipeline":
        settings = crawler.settings
        if not settings.getbool("ARCHIVER_STORE_ENABLED"):
            raise NotConfigured
        return cls(crawler, settings.getint("ARCHIVER_STORE_BATCH_SIZE"), settings.getfloat("ARCHIVER_STORE_FLUSH_SECONDS"))

    def open_spider(self) -> None:
        self.session = self.crawler.get_extension(CrawlSession)
        if self.session is None:
            raise NotConfigured("records need the crawl session (archiver.session.CrawlSession in EXTENSIONS)")
        if self.flush_seconds > 0:
            self._timer = asyncio.get_running_loop().create_task(self._flush_every(self.flush_seconds))

    async def _flush_every(self, seconds: float) -> None:
        while True:
            await asyncio.sleep(seconds)
            # Shielded: stopping the timer must not cut a write off before its posts are booked.
            self._timed_flush = asyncio.ensure_future(self._flush())
            await asyncio.shield(self._timed_flush)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Commentary):
            return item
        self.buffer.append(item)
        if len(self.buffer) >= self.batch_size:
            await self._flush()
        return item

    async def close_spider(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._timed_flush is not None:
            await self._timed_flush  # a write the timer began ends, booked, before the session closes
        await self._flush()

    def _write(self, batch: list[Commentary]) -> list[Path]:
        assert self.session is not None
        self.session.keep_raw_pages()  # the raw pages the records cite are kept (on disk, uploaded) first
        return self.session.records.write(batch)

    def _state_row(self, record: Commentary) -> dict[str, Any]:
        key = post_key(record.canonical_url)
        pending = self.session.pending.pop(key, {}) if self.session is not None else {}
        return {
            **pending, "post_key": key, "canonical_url": record.canonical_url, "source": record.source,
            "record_id": record.id, "content_hash": record.content_hash, "version": record.version,
        }

    async def _flush(self) -> None:
        batch, self.buffer = self.buffer, []
        if not batch or self.session is None:
            return
        files: list[Path] = []
        try:
            files = await asyncio.to_thread(self._write, batch)
            self.files.extend(files)
            # Only now, with the records on disk, may the state say these posts are archived; the manifest
            # of the files that hold them is booked in the same transaction.
            self.session.state.store_posts([self._state_row(r) for r in batch], self.session.run_id,
                                           files=self.session.manifest_paths(files, (r.warc_file for r in batch)))
        except Exception as error:
            if not self.session.write_failed(error):
                raise
            # A disk full, an object storage or a state database gone: the posts are named and the run stops
            # (the session says why). The next run fetches them again (the state never booked them), or,
            # when the state went away, books the records this run wrote (its run is left marked running).
            why = ("no space left on device" if is_disk_full(error) else
                   "the state database stopped answering" if isinstance(error, StateUnavailableError) else
                   "the object storage failed")
            reason = f"written, but not booked in the state: {why}" if files else f"not stored: {why}"
            for record in batch:
                self.session.post_failed(record.url, reason)
            return
        self.crawler.stats.inc_value("archiver/store/records", len(batch))
        for record in batch:
            self.crawler.stats.inc_value(f"archiver/store/records/{record.source}")
        self.crawler.stats.inc_value("archiver/store/files", len(files))
        logger.info("stored %d records in %d files", len(batch), len(files))
