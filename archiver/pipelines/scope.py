"""Drops records that fall outside their source's date range once their date is known."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from archiver.items import Commentary


class ScopePipeline:
    """Applies ``since``/``until`` to a post whose listing gave no date, by its extracted date.

    Listings with dates (feeds, APIs, sitemaps with ``lastmod``) are filtered before any page is
    fetched; this catches the rest. ``ARCHIVER_SCOPE_ENABLED``. Stats: ``archiver/posts/out_of_range``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ScopePipeline":
        if not crawler.settings.getbool("ARCHIVER_SCOPE_ENABLED", True):
            raise NotConfigured
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Commentary) or item.published is None:
            return item
        spider = self.crawler.spider
        if spider is not None and hasattr(spider, "date_range"):
            since, until = spider.date_range(item.source)
        else:
            since, until = None, None
        if (since and item.published < since) or (until and item.published > until):
            self.crawler.stats.inc_value("archiver/posts/out_of_range")
            raise DropItem(f"published outside the source's dates: {item.canonical_url}", log_level="DEBUG")
        return item
