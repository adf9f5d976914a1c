"""Drops a record whose post, or whose exact text from the same source, was already stored in this run."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from archiver.items import Commentary


class DedupePipeline:
    """In-run dedupe by canonical URL and by content hash within a source.

    ``ARCHIVER_DEDUPE_ENABLED``. The same post reached under two URLs (http and https, a
    custom domain and its blogspot address) is archived once. Stats: ``archiver/dedupe/dropped``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.ids: set[str] = set()
        self.hashes: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "DedupePipeline":
        if not crawler.settings.getbool("ARCHIVER_DEDUPE_ENABLED", True):
            raise NotConfigured
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Commentary):
            return item
        key = (item.source, item.content_hash) if item.content_hash else None
        if item.id in self.ids or (key and key in self.hashes):
            self.crawler.stats.inc_value("archiver/dedupe/dropped")
            raise DropItem(f"duplicate of a post already archived: {item.canonical_url}", log_level="INFO")
        self.ids.add(item.id)
        if key:
            self.hashes.add(key)
        return item
