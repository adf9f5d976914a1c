"""Run a crawl from Python: ``run_crawl(urls, output_dir) -> CrawlReport``. The CLI is a thin layer over it."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from archiver.errors import InputError
from archiver.run import new_run_id
from archiver.spiders.blogger import BloggerSpider


@dataclass
class CrawlReport:
    """What a crawl did, for the summary and the exit code."""

    run_id: str
    output_dir: Path
    found: int = 0
    archived: int = 0
    skipped: int = 0
    failed: int = 0
    blog_errors: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0
    seconds: float = 0.0
    finish_reason: str = ""

    @property
    def interrupted(self) -> bool:
        """True when the crawl was stopped (Ctrl-C, SIGTERM) before it finished."""
        return self.finish_reason == "shutdown"

    @property
    def exit_code(self) -> int:
        """0 all well, 1 some pages failed, 2 a blog could not be crawled at all, 130 interrupted."""
        if self.blog_errors:
            return 2
        if self.interrupted:
            return 130
        return 1 if self.failed else 0


def check_url(url: str) -> str:
    """Return ``url`` if it is an http(s) address with a host, else raise InputError."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"not a web address: {url!r} (expected something like https://example.blogspot.com/)")
    return url.strip()


def check_output_dir(path: str | os.PathLike[str]) -> Path:
    """Create the output folder if needed and make sure we can write there."""
    folder = Path(path)
    probe = folder / f".archiver-write-test-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise InputError(f"cannot write to output folder {folder}: {error.strerror or error}") from None
    return folder


def crawl_settings(output_dir: Path, run_id: str, overrides: dict[str, Any] | None = None) -> Settings:
    """archiver's settings with this run's output folder, id and the caller's overrides."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "archiver.settings")
    settings = get_project_settings()
    settings.set("ARCHIVER_OUTPUT_DIR", str(output_dir), priority="cmdline")
    settings.set("ARCHIVER_RUN_ID", run_id, priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(
    urls: list[str],
    output_dir: str | os.PathLike[str],
    *,
    settings: dict[str, Any] | None = None,
    include_pages: bool = False,
    source: str | None = None,
) -> CrawlReport:
    """Archive every post of the blogs at ``urls`` into ``output_dir``; blocks until done.

    Runs Scrapy's reactor, so call it once per process.
    """
    urls = [check_url(url) for url in urls]
    if not urls:
        raise InputError("give at least one blog address")
    folder = check_output_dir(output_dir)
    run_id = new_run_id()
    process = AsyncCrawlerProcess(crawl_settings(folder, run_id, settings))
    crawler = process.create_crawler(BloggerSpider)
    started = time.monotonic()
    process.crawl(crawler, urls=urls, include_pages=include_pages, source=source)
    process.start()
    return _report(crawler, folder, run_id, time.monotonic() - started)


def _report(crawler: Any, folder: Path, run_id: str, seconds: float) -> CrawlReport:
    stats = crawler.stats.get_stats()
    spider = crawler.spider
    failures = list(getattr(spider, "failed_posts", []))
    return CrawlReport(
        run_id=run_id,
        output_dir=folder,
        found=stats.get("archiver/posts/found", 0),
        archived=stats.get("archiver/store/records", 0),
        skipped=stats.get("archiver/dedupe/dropped", 0),
        failed=len(failures),
        blog_errors=[b.error for b in getattr(spider, "blogs", []) if b.error],
        failures=failures,
        files=stats.get("archiver/store/files", 0),
        seconds=seconds,
        finish_reason=str(stats.get("finish_reason", "")),
    )

