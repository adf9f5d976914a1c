"""Shows a crawl's progress on a terminal; stays silent when there is none (cron, pipes)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class CrawlProgress:
    """One status line, rewritten every ``ARCHIVER_PROGRESS_INTERVAL`` seconds (default 1).

    ``ARCHIVER_PROGRESS`` is ``auto`` (only when stderr is a terminal), ``always`` or ``never``.
    """

    def __init__(self, crawler: Crawler, stream: TextIO, interval: float) -> None:
        self.crawler = crawler
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "CrawlProgress":
        mode = crawler.settings.get("ARCHIVER_PROGRESS")
        if mode == "never" or (mode == "auto" and not sys.stderr.isatty()):
            raise NotConfigured
        extension = cls(crawler, sys.stderr, crawler.settings.getfloat("ARCHIVER_PROGRESS_INTERVAL"))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.show()
        self.stream.write("\n")
        self.stream.flush()

    def show(self) -> None:
        self.stream.write("\r" + status_line(self.crawler.stats.get_stats(), time.monotonic() - self.started))
        self.stream.flush()


def status_line(stats: dict, elapsed: float) -> str:
    """``found 120 · extracted 90 · stored 80 · failed 1 · 12.3 posts/s``"""
    archived = stats.get("archiver/store/records", 0)
    done = stats.get("archiver/extract/ok", 0)
    failed = stats.get("archiver/extract/failed", 0) + stats.get("archiver/posts/fetch_failed", 0)
    rate = done / elapsed if elapsed > 0 else 0.0
    return (
        f"found {stats.get('archiver/posts/found', 0)} · extracted {done} · stored {archived} · "
        f"failed {failed} · {rate:.1f} posts/s   "
    )
