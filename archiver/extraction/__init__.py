"""Field extraction from saved pages, without Scrapy: ``extract(url, html, hints) -> dict``."""

from archiver.extraction.core import EXTRACTOR_VERSION, OUTPUT_FIELDS, extract

__all__ = ["EXTRACTOR_VERSION", "OUTPUT_FIELDS", "extract"]
