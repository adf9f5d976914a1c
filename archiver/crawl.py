"""Run a crawl from Python: ``run_crawl(urls, output_dir) -> CrawlReport``. The CLI is a thin layer over it."""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from archiver.errors import InputError
from archiver.extraction.dates import assume_utc, parse_iso
from archiver.lock import OutputLock
from archiver.objectstore import check_writable, is_object_store, open_store
from archiver.outcome import crawl_counts, cut_short, exit_code
from archiver.run import new_run_id
from archiver.session import RUNS_DIR, CrawlSession
from archiver.sources import PLATFORMS, Source, check_scope
from archiver.spiders.archive import ArchiveSpider
from archiver.urls import check_web_address


@dataclass
class CrawlReport:
    """What a crawl did, for the summary and the exit code."""

    run_id: str
    output_dir: Path  #: the output folder; for an archive on object storage, the run's scratch folder (removed)
    counts: dict[str, int] = field(default_factory=dict)
    blog_errors: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)  #: one line per blog whose archive may miss posts
    blogs: list[dict[str, Any]] = field(default_factory=list)  #: each blog's completeness, as in the run report
    failures: list[tuple[str, str]] = field(default_factory=list)
    platforms: dict[str, str | None] = field(default_factory=dict)  #: source name -> detected platform
    #: damaged record files the run set aside, and how many posts it fetched again for them
    damaged_files: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    finish_reason: str = ""
    #: the archive's address when it is on object storage (``s3://BUCKET/PREFIX``)
    object_store: str | None = None

    @property
    def interrupted(self) -> bool:
        """True when the crawl was stopped (Ctrl-C, SIGTERM) before it finished."""
        return self.finish_reason == "shutdown"

    @property
    def run_file(self) -> Path:
        return self.output_dir / RUNS_DIR / f"{self.run_id}.json"

    @property
    def run_report(self) -> str:
        return self.location(f"{RUNS_DIR}/{self.run_id}.json")

    def location(self, relative: str) -> str:
        """Where a path of the archive (``records``, ``runs/<run_id>.json``) is, as the user would name it."""
        return f"{self.object_store}/{relative}" if self.object_store else str(self.output_dir / relative)

    @property
    def exit_code(self) -> int:
        """0 all well, 1 some pages failed or an archive is incomplete, 2 a blog could not be crawled at
        all, 130 interrupted."""
        return exit_code(len(self.blog_errors), self.interrupted,
                         len(self.failures) + len(self.incomplete) + self.counts.get("errors", 0)
                         + cut_short(self.finish_reason))


def check_url(url: str) -> str:
    """Return ``url`` if it is an http(s) address with a host and a valid port, else raise InputError."""
    try:
        return check_web_address(url)
    except ValueError as error:
        raise InputError(str(error)) from None


def check_since(since: str | None) -> datetime | None:
    """A ``--since`` date (``YYYY-MM-DD`` or ISO 8601), UTC when no offset is given."""
    if not since:
        return None
    moment = parse_iso(since)
    if moment is None:
        raise InputError(f"not a date: {since!r} (expected YYYY-MM-DD)")
    return assume_utc(moment)


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
    urls: list[str] | None,
    output_dir: str | os.PathLike[str],
    *,
    sources: list[Source] | None = None,
    platform: str = "auto",
    settings: dict[str, Any] | None = None,
    include_pages: bool = False,
    scope: str | None = None,
    source: str | None = None,
    full: bool = False,
    since: str | None = None,
    detect_only: bool = False,
) -> CrawlReport:
    """Archive the posts of the sites at ``urls`` and in ``sources`` into ``output_dir``; blocks until done.

    Each site's platform is detected from the site unless ``platform`` (or the source) names it.
    Incremental unless ``full``: posts the crawl state knows unchanged are not fetched again.
    ``since`` (a date) leaves out posts the listings date earlier. ``detect_only`` settles each
    site's platform and fetches nothing more. ``scope`` (a folder's path) archives only the
    addresses under it. Runs Scrapy's reactor, so call it once per
    process. Raises ``OutputLockedError`` when another run holds the folder, ``SourcesLockedError`` when
    one holds a source in a shared state (``ARCHIVER_STATE_URL``), ``StateUnavailableError`` when that
    state's database cannot be used.

    ``output_dir`` may be an archive on object storage, ``s3://BUCKET/PREFIX`` (``archiver.objectstore``):
    it needs a shared state, and a bucket that cannot be reached, read or written raises
    ``StorageUnavailableError`` before any request; the run works in a scratch folder it removes at the end.
    """
    urls = [check_url(url) for url in urls or []]
    if not urls and not sources:
        raise InputError("give at least one blog address, or a sources file")
    if platform not in PLATFORMS:
        raise InputError(f"unknown platform {platform!r} (one of {', '.join(PLATFORMS)})")
    since_date = check_since(since)
    try:
        scope = check_scope(scope)
    except ValueError as error:
        raise InputError(str(error)) from None
    overrides = {**_politeness(sources or []), **(settings or {})}
    object_store = None
    if is_object_store(output_dir):
        if not overrides.get("ARCHIVER_STATE_URL"):
            raise InputError(f"an archive on object storage ({output_dir}) needs a shared crawl state: "
                             "give --state postgresql://USER@HOST:PORT/DB")
        store = open_store(str(output_dir))
        check_writable(store)
        object_store = overrides["ARCHIVER_OBJECT_STORE"] = store.url
        folder = Path(tempfile.mkdtemp(prefix="archiver-run-"))
    else:
        folder = check_output_dir(output_dir)
        OutputLock(folder).acquire().release()  # fail before starting Scrapy when another run holds it
    try:
        report = _run(folder, overrides, urls=urls, sources=sources, platform=platform, include_pages=include_pages,
                      scope=scope, source=source, full=full, since=since_date, detect_only=detect_only)
    finally:
        if object_store:
            shutil.rmtree(folder, ignore_errors=True)  # what mattered is uploaded
    report.object_store = object_store
    return report


def _run(folder: Path, overrides: dict[str, Any], **arguments: Any) -> CrawlReport:
    """Run the crawl of ``arguments`` into ``folder``: Scrapy's reactor, once a process."""
    run_id = new_run_id()
    process = AsyncCrawlerProcess(crawl_settings(folder, run_id, overrides))
    crawler = process.create_crawler(ArchiveSpider)
    started = time.monotonic()
    errors: list[BaseException] = []
    done = process.crawl(crawler, **arguments)

    def keep_error(task: asyncio.Task[None]) -> None:
        error = None if task.cancelled() else task.exception()
        if error is not None:
            errors.append(error)

    done.add_done_callback(keep_error)
    # Everything loaded so far lives for the whole crawl: keep the collector from rescanning it.
    gc.freeze()
    process.start()
    if errors:
        raise errors[0]  # e.g. OutputLockedError, when another run took the folder meanwhile
    return _report(crawler, folder, run_id, time.monotonic() - started)


def _politeness(sources: list[Source]) -> dict[str, Any]:
    """Per-host delay and concurrency from the sources file, as Scrapy's ``DOWNLOAD_SLOTS``, for the
    host given and its ``www.`` twin (a site redirects from one to the other)."""
    slots: dict[str, dict[str, Any]] = {}
    for config in sources:
        slot = {k: v for k, v in (("delay", config.delay), ("concurrency", config.concurrency)) if v is not None}
        host = urlsplit(config.url).hostname or ""
        if slot and host:
            bare = host.removeprefix("www.")
            slots[bare] = slots[f"www.{bare}"] = slot
    return {"DOWNLOAD_SLOTS": slots} if slots else {}


def _report(crawler: Any, folder: Path, run_id: str, seconds: float) -> CrawlReport:
    stats = crawler.stats.get_stats()
    session = crawler.get_extension(CrawlSession)
    failures = list(session.failed_posts) if session is not None else []
    summary = session.summary if session is not None else {}
    return CrawlReport(
        run_id=run_id,
        output_dir=folder,
        counts=crawl_counts(stats, len(failures)),
        blog_errors=list(summary.get("blog_errors", [])),
        incomplete=list(summary.get("incomplete", [])),
        blogs=list(summary.get("blogs", [])),
        platforms=dict(summary.get("platforms", {})),
        damaged_files=dict(summary.get("damaged_files", {})),
        failures=failures,
        seconds=seconds,
        finish_reason=str(stats.get("finish_reason", "")),
    )
