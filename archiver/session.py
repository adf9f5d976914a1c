"""One crawl's shared state, as a Scrapy extension: the output folder's lock, the crawl state, the
record and WARC storage, and the run's bookkeeping that the spiders, middlewares and pipelines share.

Components get it with ``crawler.get_extension(CrawlSession)``; nothing reads it off the spider. The
state and the storage are the small interfaces ``StateBackend`` and ``RecordStorage``: today's
implementations are the SQLite file and the local folder, and a second backend plugs in here.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote

import pyarrow.parquet as pq
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from archiver.items import Commentary
from archiver.lock import OutputLock
from archiver.outcome import crawl_counts, cut_short, exit_code, status_of
from archiver.run import new_run_id
from archiver.state import CrawlState, KnownPost, utc_now
from archiver.store import RECORDS_DIR, RecordStore
from archiver.urls import post_key
from archiver.warc import WarcWriter

logger = logging.getLogger(__name__)

RUNS_DIR = "runs"


class StateBackend(Protocol):
    """What a crawl remembers between runs: each post's hash, version and validators; each blog's
    completeness; each run. ``archiver.state.CrawlState`` (SQLite) is the embedded one."""

    def get(self, post_key: str) -> KnownPost | None: ...
    def store_posts(self, rows: Iterable[dict[str, Any]], run_id: str) -> None: ...
    def refresh_validators(self, post_key: str, validators: dict[str, str | None], run_id: str) -> None: ...
    def mark_missing(self, source: str, seen_keys: set[str]) -> int: ...
    def blog(self, source: str) -> dict[str, Any] | None: ...
    def record_blog(self, source: str, report: dict[str, Any], run_id: str) -> None: ...
    def start_run(self, run_id: str) -> list[str]: ...
    def finish_run(self, run_id: str, status: str, exit_code: int | None, counts: dict[str, Any]) -> None: ...
    def close(self) -> None: ...


class RecordStorage(Protocol):
    """Where records go: ``write`` a batch, get back the files it made. ``archiver.store.RecordStore``
    (Parquet files in the output folder) is the embedded one."""

    def write(self, records: list[Commentary]) -> list[Path]: ...


#: What a spider adds to the run's summary when the run ends: called with Scrapy's close reason.
SummaryPart = Callable[[str], dict[str, Any]]


class CrawlSession:
    """The run of one crawl in its output folder.

    Opened when the crawler builds its extensions, before any request: a folder another run holds
    stops the crawl there, with ``OutputLockedError`` out of ``crawl()`` (an error in a
    ``spider_opened`` handler would only be logged). A run that died (SIGKILL, power loss) left its
    state row at ``running``; its record files are read back here so that the posts it did store are
    known, and nothing is archived twice. Closed on ``spider_closed``: WARC flushed, the run and its
    report written (``runs/<run_id>.json``), the folder unlocked.
    """

    def __init__(self, output_dir: str | Path, run_id: str, *, warc: bool = True,
                 warc_max_bytes: int = 1_000_000_000, stats: Any = None) -> None:
        self.output_dir = Path(output_dir)
        self.run_id = run_id
        self.stats = stats
        self.lock = OutputLock(self.output_dir).acquire()
        try:
            self._remove_unfinished_files()
            self.state: StateBackend = CrawlState(self.output_dir)
            self.recovered = self._recover(self.state.start_run(run_id))
            self.warc = WarcWriter(self.output_dir, run_id, warc_max_bytes) if warc else None
            self.records: RecordStorage = RecordStore(self.output_dir, run_id)
        except BaseException:
            self.lock.release()
            raise
        self.started_at = utc_now()
        self.closed = False
        #: post_key -> what the state must remember once the post's record is on disk
        self.pending: dict[str, dict[str, Any]] = {}
        #: a platform's least pause between requests to a host (seconds), kept by HostDelayMiddleware
        self.host_delays: dict[str, float] = {}
        #: source -> (since, until): the dates its posts must fall in (ScopePipeline)
        self.date_ranges: dict[str, tuple[datetime | None, datetime | None]] = {}
        #: (url, reason) of every post that could not be archived, for the summary
        self.failed_posts: list[tuple[str, str]] = []
        #: the spider's parts of the summary (blogs, their completeness), asked for when the run ends
        self.summary_parts: list[SummaryPart] = []
        #: the run's report, once closed
        self.summary: dict[str, Any] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSession:
        settings = crawler.settings
        if not settings.get("ARCHIVER_OUTPUT_DIR"):
            raise NotConfigured
        session = cls(
            settings.get("ARCHIVER_OUTPUT_DIR"),
            settings.get("ARCHIVER_RUN_ID") or new_run_id(),
            warc=settings.getbool("ARCHIVER_WARC_ENABLED"),
            warc_max_bytes=settings.getint("ARCHIVER_WARC_MAX_BYTES"),
            stats=crawler.stats,
        )
        crawler.signals.connect(session.spider_closed, signal=signals.spider_closed)
        return session

    def date_range(self, source: str) -> tuple[datetime | None, datetime | None]:
        return self.date_ranges.get(source, (None, None))

    def post_failed(self, url: str, reason: str) -> None:
        """Remember a post that could not be archived, for the crawl's summary."""
        self.failed_posts.append((url, reason))

    def spider_closed(self, reason: str) -> None:
        """Ask the spider for its part of the summary, count the run's outcome, and close."""
        summary: dict[str, Any] = {"finish_reason": reason}
        for part in self.summary_parts:
            summary.update(part(reason))
        counts = crawl_counts(self.stats.get_stats() if self.stats else {}, len(self.failed_posts))
        errors = summary.setdefault("blog_errors", [])
        incomplete = summary.setdefault("incomplete", [])
        summary.update(counts=counts, failures=[{"url": u, "reason": r} for u, r in self.failed_posts])
        status = status_of(reason, len(errors))
        code = exit_code(len(errors), reason == "shutdown",
                         counts["failed"] + len(incomplete) + counts["errors"] + cut_short(reason))
        self.close(status, code, summary)

    def _remove_unfinished_files(self) -> None:
        """Record files a killed run was writing, left under their temporary names: no reader sees them,
        and with the folder locked no one is writing them now."""
        for leftover in (self.output_dir / RECORDS_DIR).glob("source=*/year=*/.part-*.tmp"):
            leftover.unlink(missing_ok=True)
            logger.info("removed %s, a record file an interrupted run did not finish", leftover)

    def _recover(self, dead_runs: list[str]) -> int:
        """Register the records that dead runs managed to write; return how many."""
        rows = []
        for run_id in dead_runs:
            for path in (self.output_dir / RECORDS_DIR).glob(f"source=*/year=*/part-{run_id}-*.parquet"):
                source = unquote(path.parent.parent.name.split("=", 1)[1])
                table = pq.read_table(path, columns=["id", "canonical_url", "content_hash", "version"])
                for row in table.to_pylist():
                    rows.append({
                        "post_key": post_key(row["canonical_url"]), "canonical_url": row["canonical_url"],
                        "source": source, "record_id": row["id"], "content_hash": row["content_hash"],
                        "version": row["version"],
                    })
        if rows:
            self.state.store_posts(_newest_versions(rows), run_id=self.run_id)
            logger.info("recovered %d records written by interrupted runs %s", len(rows), ", ".join(dead_runs))
        return len(rows)

    def close(self, status: str, exit_code: int | None, summary: dict[str, Any]) -> Path | None:
        """Finish the run: flush WARC files, record the run, write ``runs/<run_id>.json``, unlock."""
        if self.closed:
            return None
        self.closed, self.summary = True, summary
        try:
            if self.warc is not None:
                self.warc.close()
            self.state.finish_run(self.run_id, status, exit_code, summary.get("counts", {}))
            runs = self.output_dir / RUNS_DIR
            runs.mkdir(exist_ok=True)
            path = runs / f"{self.run_id}.json"
            report = {"run_id": self.run_id, "started_at": self.started_at, "ended_at": utc_now(),
                      "status": status, "exit_code": exit_code, **summary}
            temporary = path.with_suffix(".json.tmp")
            temporary.write_text(json.dumps(report, indent=2, sort_keys=True, default=str) + "\n")
            os.replace(temporary, path)
            return path
        finally:
            self.state.close()
            self.lock.release()


def _newest_versions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    newest: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["post_key"] not in newest or row["version"] > newest[row["post_key"]]["version"]:
            newest[row["post_key"]] = row
    return list(newest.values())
