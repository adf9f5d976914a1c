"""Scrapy's log formatter, minus the per-response and per-item debug messages nobody will see, and with items
named by their address in errors (Scrapy prints the whole item: a page's markup and text)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter

_scrapy_logger = logging.getLogger("scrapy.core.engine")


class QuietLogFormatter(LogFormatter):
    """Builds "Crawled (200)" and "Scraped from" messages only when DEBUG logging is on."""

    def crawled(self, *args: Any, **kwargs: Any) -> Any:
        if not _scrapy_logger.isEnabledFor(logging.DEBUG):
            return None
        return super().crawled(*args, **kwargs)

    def scraped(self, *args: Any, **kwargs: Any) -> Any:
        if not logging.getLogger("scrapy.core.scraper").isEnabledFor(logging.DEBUG):
            return None
        return super().scraped(*args, **kwargs)

    def item_error(self, item: Any, exception: BaseException, response: Any, spider: Any) -> Any:
        result = super().item_error(item, exception, response, spider)
        result["args"] = {"item": getattr(item, "url", None) or type(item).__name__}
        return result
