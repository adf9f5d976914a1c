"""Stores records as Parquet in batches, writing files off the reactor."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from archiver.items import Commentary
from archiver.store import RecordStore

logger = logging.getLogger(__name__)


class ParquetStorePipeline:
    """Appends records to ``<ARCHIVER_OUTPUT_DIR>/records``.

    ``ARCHIVER_STORE_ENABLED``; ``ARCHIVER_STORE_BATCH_SIZE`` (records per file write,
    default 500). Everything buffered is written when the spider closes, including after a
    first Ctrl-C. Stats: ``archiver/store/records``, ``archiver/store/files``.
    """

    def __init__(self, crawler: Crawler, output_dir: Path, batch_size: int) -> None:
        self.crawler = crawler
        self.output_dir = output_dir
        self.batch_size = batch_size
        self.buffer: list[Commentary] = []
        self.store: RecordStore | None = None
        self.files: list[Path] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ParquetStorePipeline":
        settings = crawler.settings
        if not settings.getbool("ARCHIVER_STORE_ENABLED", True):
            raise NotConfigured
        return cls(crawler, Path(settings.get("ARCHIVER_OUTPUT_DIR")), settings.getint("ARCHIVER_STORE_BATCH_SIZE", 500))

    def open_spider(self) -> None:
        self.store = RecordStore(self.output_dir, getattr(self.crawler.spider, "run_id", "run"))

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Commentary):
            return item
        self.buffer.append(item)
        if len(self.buffer) >= self.batch_size:
            await self._flush()
        return item

    async def close_spider(self) -> None:
        await self._flush()

    async def _flush(self) -> None:
        batch, self.buffer = self.buffer, []
        if not batch or self.store is None:
            return
        files = await asyncio.to_thread(self.store.write, batch)
        self.files.extend(files)
        self.crawler.stats.inc_value("archiver/store/records", len(batch))
        self.crawler.stats.inc_value("archiver/store/files", len(files))
        logger.info("stored %d records in %d files", len(batch), len(files))
