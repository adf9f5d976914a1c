"""archiver: a Scrapy-based archiver for commentary blogs."""

__version__ = "0.1.0"
