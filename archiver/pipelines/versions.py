"""Keeps each post's content once: drops in-run duplicates and unchanged posts, versions edited ones."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from archiver.items import Commentary
from archiver.session import CrawlSession
from archiver.urls import post_key


class VersionsPipeline:
    """Dedupe within the run and against the crawl state of the output folder.

    ``ARCHIVER_DEDUPE_ENABLED``. Within a run: by canonical URL, and by title, date and content hash
    within a source (the same post under two addresses is archived once; two posts that share
    their text but not their title or their date, such as photo posts under one caption or two short
    notes of one title on two days, are two posts). Against the state: a post whose
    text is what was last stored is dropped (its validators refreshed); a changed one becomes the
    next ``version``, with ``updated`` set. Stats: ``archiver/dedupe/dropped``,
    ``archiver/posts/unchanged``, ``archiver/dedupe/new_version``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.ids: set[str] = set()
        self.hashes: set[tuple[str, str, str, datetime | None]] = set()  #: (source, content hash, title, published)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "VersionsPipeline":
        if not crawler.settings.getbool("ARCHIVER_DEDUPE_ENABLED"):
            raise NotConfigured
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Commentary):
            return item
        key = (item.source, item.content_hash, item.title or "", item.published) if item.content_hash else None
        if item.id in self.ids or (key and key in self.hashes):
            self.crawler.stats.inc_value("archiver/dedupe/dropped")
            # The same post at a second address: the blog's books count it once (BaseBlogSpider.second_address).
            second_address = getattr(self.crawler.spider, "second_address", None)
            if item.id not in self.ids and second_address is not None:
                second_address(item.source, item.canonical_url)
            raise DropItem(f"duplicate of a post already archived: {item.canonical_url}", log_level="INFO")
        self.ids.add(item.id)
        if key:
            self.hashes.add(key)
        self._against_state(item)
        return item

    def _against_state(self, item: Commentary) -> None:
        session = self.crawler.get_extension(CrawlSession)
        if session is None:
            return
        known = session.state.get(post_key(item.canonical_url))
        if known is None:
            return
        if known.content_hash == item.content_hash:
            pending = session.pending.pop(post_key(item.canonical_url), {})
            session.state.refresh_validators(known.post_key, pending, session.run_id)
            self.crawler.stats.inc_value("archiver/posts/unchanged")
            raise DropItem(f"unchanged since it was last archived: {item.canonical_url}", log_level="DEBUG")
        item.version = known.version + 1
        item.updated = item.updated or item.fetched_at
        self.crawler.stats.inc_value("archiver/dedupe/new_version")
