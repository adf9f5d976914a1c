"""Turns an extracted page into a typed Commentary record."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from archiver.items import PageSnapshot
from archiver.session import CrawlSession
from archiver.records import build_record


class RecordPipeline:
    """Builds the record: UTC dates, ids, fingerprints, clean text. ``ARCHIVER_NORMALIZE_ENABLED``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RecordPipeline":
        if not crawler.settings.getbool("ARCHIVER_NORMALIZE_ENABLED"):
            raise NotConfigured
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageSnapshot) or item.extracted is None:
            return item
        session = self.crawler.get_extension(CrawlSession)
        return build_record(item, item.extracted, session.run_id if session is not None else "", item.fingerprints)
