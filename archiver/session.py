"""One crawl's shared state, as a Scrapy extension: the output folder's lock, the crawl state, the
record and WARC storage, and the run's bookkeeping that the spiders, middlewares and pipelines share.

Components get it with ``crawler.get_extension(CrawlSession)``; nothing reads it off the spider. The
state and the storage are the small interfaces ``StateBackend`` and ``RecordStorage``: today's
state is ``state.sqlite`` in the output folder, or a PostgreSQL database shared by many machines
(``open_state``); the storage is the local folder, or object storage (``open_storage``): then the output
folder is the run's scratch folder, where files are finished before they are uploaded whole.
"""

from __future__ import annotations

import errno
import json
import logging
import os
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import pyarrow as pa
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from archiver.damage import find_damaged, first_line, readable_record_ids, set_aside
from archiver.errors import InputError, StateUnavailableError, StorageUnavailableError
from archiver.items import Commentary
from archiver.lock import OutputLock, SourcesLockedError
from archiver.objectstore import ObjectRecordStore, ObjectStore, open_store
from archiver.outcome import crawl_counts, cut_short, exit_code, status_of
from archiver.run import new_run_id
from archiver.state import VALIDATOR_FIELDS, CrawlState, KnownNotPost, KnownPost, utc_now
from archiver.store import RECORDS_DIR, RecordStore, partition_source
from archiver.urls import post_key
from archiver.warc import WARC_DIR, WarcWriter, read_responses

logger = logging.getLogger(__name__)

RUNS_DIR = "runs"
#: space held back while a run writes, given up when the disk fills so the run can still close:
#: book what it stored, write its report (a few hundred kB at most), unlock
RESERVE_BYTES = 4 * 1024 * 1024
#: errors in archiver's own code a run report keeps with their tracebacks (the summary counts them all)
MAX_CODE_ERRORS = 20


class StateBackend(Protocol):
    """What a crawl remembers between runs: each post's hash, version and validators (and the links of its
    page, where the walk read them); the pages found not to be posts; each blog's completeness; each run;
    the manifest of the files that hold the booked posts.
    ``archiver.state.CrawlState`` (SQLite) is the embedded one, ``archiver.state_postgres.PostgresState``
    the shared one; tests/test_state_backends.py holds both to the same cases."""

    def lock_sources(self, sources: Iterable[str]) -> list[str]: ...
    def get(self, post_key: str) -> KnownPost | None: ...
    def store_posts(self, rows: Iterable[dict[str, Any]], run_id: str, files: Iterable[str] = ()) -> None: ...
    def refresh_validators(self, post_key: str, validators: dict[str, Any], run_id: str) -> None: ...
    def post_links(self, post_key: str) -> list[str] | None: ...
    def mark_missing(self, source: str, seen_keys: set[str]) -> int: ...
    def stored_records(self, sources: Iterable[str]) -> dict[str, str]: ...
    def forget_content(self, post_keys: Iterable[str]) -> None: ...
    def not_post(self, post_key: str) -> KnownNotPost | None: ...
    def book_not_post(self, post_key: str, source: str, reason: str, sitemap_lastmod: str | None, run_id: str) -> None: ...
    def count_posts(self) -> int: ...
    def files(self) -> list[str]: ...
    def blog(self, source: str) -> dict[str, Any] | None: ...
    def record_blog(self, source: str, report: dict[str, Any], run_id: str) -> None: ...
    def start_run(self, run_id: str, sources: Iterable[str] = ()) -> list[str]: ...
    def finish_run(self, run_id: str, status: str, exit_code: int | None, counts: dict[str, Any]) -> None: ...
    def runs(self) -> list[dict[str, Any]]: ...
    def enqueue(self, sources: Iterable[str], task_id: str, requeue: bool = False) -> list[str]: ...
    def claim(self, sources: Iterable[str], task_id: str, worker: str) -> list[str]: ...
    def set_queue_status(self, sources: Iterable[str], status: str, worker: str | None = None,
                         error: str | None = None) -> None: ...
    def dequeue(self, sources: Iterable[str]) -> None: ...
    def queue(self) -> list[dict[str, Any]]: ...
    def close(self) -> None: ...


def open_state(url: str | None, output_dir: str | Path) -> StateBackend:
    """The crawl state: the PostgreSQL database at ``url`` (``postgresql://USER@HOST:PORT/DB``), or without
    one ``state.sqlite`` in the output folder. Raises ``StateUnavailableError`` for a database that cannot
    be used, ``InputError`` for an address of another kind."""
    if not url:
        return CrawlState(output_dir)
    from archiver.state_postgres import PostgresState, masked  # psycopg only when it is used

    if urlsplit(url).scheme not in ("postgresql", "postgres"):
        raise InputError(f"not a PostgreSQL address: {masked(url)} (expected postgresql://USER@HOST:PORT/DB)")
    return PostgresState(url)


class RecordStorage(Protocol):
    """Where records go: ``write`` a batch, get back the files it made (as paths in the session's folder,
    whose part below it is the file's path in the archive); list and read back the files of a run (paths
    in the archive, ``records/source=…/…``). ``archiver.store.RecordStore`` (Parquet files in the output
    folder) is the embedded one, ``archiver.objectstore.ObjectRecordStore`` the one on object storage."""

    def write(self, records: list[Commentary]) -> list[Path]: ...
    def run_files(self, run_id: str) -> list[str]: ...
    def read_table(self, relative: str, columns: list[str]) -> pa.Table: ...


def open_storage(output_dir: Path, run_id: str, store: ObjectStore | None) -> RecordStorage:
    """The record storage: Parquet files in the output folder, or on ``store`` through the folder."""
    if store is None:
        return RecordStore(output_dir, run_id)
    return ObjectRecordStore(store, output_dir, run_id)


#: What a spider adds to the run's summary when the run ends: called with Scrapy's close reason.
SummaryPart = Callable[[str], dict[str, Any]]


class CrawlSession:
    """The run of one crawl in its output folder.

    Opened when the crawler builds its extensions, before any request: a folder another run holds
    stops the crawl there, with ``OutputLockedError`` out of ``crawl()`` (an error in a
    ``spider_opened`` handler would only be logged); so do a state database that cannot be used
    (``StateUnavailableError``) and, in a shared state, a source another run holds
    (``SourcesLockedError``). A run that died (SIGKILL, power loss) left its state row at
    ``running``; its record files are read back here so that the posts it did store are known, and
    nothing is archived twice. Closed on ``spider_closed``: WARC flushed, the run and its report
    written (``runs/<run_id>.json``), the state closed (its locks freed), the folder unlocked.

    With ``object_store`` (``s3://BUCKET/PREFIX``) the archive is there and ``output_dir`` is this run's
    own scratch folder: the state must be a shared one (``state_url``), whose locks per source stand in
    for the folder's lock; record files and WARC segments are finished in the folder and uploaded whole,
    a WARC segment before the records that cite it are booked (``keep_raw_pages``).
    """

    def __init__(self, output_dir: str | Path, run_id: str, *, sources: Iterable[str] = (), state_url: str | None = None,
                 warc: bool = True, warc_max_bytes: int = 1_000_000_000, stats: Any = None,
                 object_store: str | None = None) -> None:
        self.output_dir = Path(output_dir)
        self.run_id = run_id
        self.stats = stats
        if object_store and not state_url:
            raise InputError(f"an archive on object storage ({object_store}) needs a shared crawl state: "
                             "give --state postgresql://USER@HOST:PORT/DB")
        self.store = open_store(object_store) if object_store else None
        self.lock = OutputLock(self.output_dir).acquire()
        state: StateBackend | None = None
        reserve: Path | None = None
        try:
            self._remove_unfinished_files()
            self.state = state = open_state(state_url, self.output_dir)
            held = state.lock_sources(sources)
            if held:
                raise SourcesLockedError(f"another archiver run is archiving {', '.join(held)}; try again when it ends")
            #: damaged record files this run set aside (before recovery reads a killed run's files), and how
            #: many posts it fetches again for them
            self.set_aside = [set_aside(file) for file in find_damaged(self.output_dir)]
            self.reserve = reserve = self._hold_reserve()
            self.records = open_storage(self.output_dir, run_id, self.store)
            self.recovered = self._recover(state.start_run(run_id, sources))
            self.refetch = self._forget_lost_records() if self.set_aside else 0
            self.warc = WarcWriter(self.output_dir, run_id, warc_max_bytes) if warc else None
        except BaseException:
            if state is not None:
                state.close()  # its locks go with its connection
            if reserve is not None:
                reserve.unlink(missing_ok=True)
            self.lock.release()
            raise
        self.started_at = utc_now()
        self.closed = False
        #: what stopped the run when the disk filled, the object storage failed or the state's database went
        #: away (one line), once one has
        self.write_stopped: str | None = None
        #: the run is ending (``spider_closed``): a write that fails now has no engine left to stop
        self.ending = False
        self.crawler: Crawler | None = None
        self._closing: Any = None  #: the engine's close, once a write stopped the run
        #: post_key -> what the state must remember once the post's record is on disk
        self.pending: dict[str, dict[str, Any]] = {}
        #: a platform's least pause between requests to a host (seconds), kept by HostDelayMiddleware
        self.host_delays: dict[str, float] = {}
        #: source -> (since, until): the dates its posts must fall in (ScopePipeline)
        self.date_ranges: dict[str, tuple[datetime | None, datetime | None]] = {}
        #: (url, reason) of every post that could not be archived, for the summary
        self.failed_posts: list[tuple[str, str]] = []
        #: errors raised in archiver's own code (a callback, a pipeline, judging a blog's listings): where,
        #: what and the traceback, for the run report (the console gets one line each)
        self.code_errors: list[dict[str, Any]] = []
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
            # Scrapy makes the spider before the extensions: the run's sources are known here.
            sources=[blog.source for blog in getattr(crawler.spider, "blogs", ())],
            state_url=settings.get("ARCHIVER_STATE_URL"),
            warc=settings.getbool("ARCHIVER_WARC_ENABLED"),
            warc_max_bytes=settings.getint("ARCHIVER_WARC_MAX_BYTES"),
            stats=crawler.stats,
            object_store=settings.get("ARCHIVER_OBJECT_STORE"),
        )
        crawler.signals.connect(session.spider_closed, signal=signals.spider_closed)
        # The state is read in callbacks and pipelines too: a database gone there stops the run as in a commit.
        crawler.signals.connect(session.component_failed, signal=signals.spider_error)
        crawler.signals.connect(session.component_failed, signal=signals.item_error)
        session.crawler = crawler
        return session

    def date_range(self, source: str) -> tuple[datetime | None, datetime | None]:
        return self.date_ranges.get(source, (None, None))

    def post_failed(self, url: str, reason: str) -> None:
        """Remember a post that could not be archived, for the crawl's summary."""
        self.failed_posts.append((url, reason))

    def write_failed(self, error: BaseException) -> bool:
        """Judge an error of a write (a record file, a WARC record, the state, an upload): when the disk is
        full, the archive's object storage failed or the state's database went away, stop the run, once,
        and give up the reserve so that it can close cleanly. True when it was."""
        if is_disk_full(error):
            reason, line = "disk_full", (f"no space left on device under {self.output_dir} ({first_line(error)}): the "
                                         "run stopped; what it stored is booked; free some space and run it again "
                                         "for the rest")
        elif isinstance(error, StorageUnavailableError):
            reason, line = "storage_failed", (f"{error}: the run stopped; what it stored is booked; run it again "
                                              "for the rest")
        elif isinstance(error, StateUnavailableError):
            # The records this run stored but could not book stay: its run stays marked running in the
            # state, so the next run of its sources takes it for a dead one and books them (``_recover``).
            reason, line = "state_failed", (f"{error}: the run stopped; the next run of these sources books what "
                                            "this one stored and fetches the rest")
        else:
            return False
        if self.write_stopped is None:
            self.write_stopped = line
            logger.info("stopping: %s", line)  # the summary's error line says it on the console
            self.reserve.unlink(missing_ok=True)
            if self.crawler is not None and self.crawler.engine is not None and not self.ending:
                self._closing = deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))
        return True

    def component_failed(self, failure: Any, item: Any = None, response: Any = None, **_: Any) -> None:
        """A callback or a pipeline raised: a state database gone stops the run (``write_failed``), and the
        post a pipeline was handling is named as not stored; other errors are archiver's own: counted and kept,
        with their tracebacks, for the run report (``code_error``)."""
        if isinstance(failure.value, StateUnavailableError):
            self.write_failed(failure.value)
            if getattr(item, "url", None):
                self.post_failed(item.url, "not stored: the state database stopped answering")
            return
        self.code_error(getattr(item, "url", None) or getattr(response, "url", None), failure)

    def code_error(self, where: str | None, failure: Any) -> None:
        """Count an error raised in archiver's own code (``archiver/errors``), and keep it for the run report
        (the first ``MAX_CODE_ERRORS``)."""
        if self.stats is not None:
            self.stats.inc_value("archiver/errors")
        if len(self.code_errors) < MAX_CODE_ERRORS:
            self.code_errors.append({"where": where, "error": f"{type(failure.value).__name__}: {failure.value}",
                                     "traceback": failure.getTraceback()})

    def spider_closed(self, reason: str) -> None:
        """Ask the spider for its part of the summary, count the run's outcome, and close."""
        self.ending = True
        summary: dict[str, Any] = {"finish_reason": reason}
        for part in self.summary_parts:
            try:
                summary.update(part(reason))
            except StateUnavailableError as error:
                # The database went away as the run ended (a part books the blogs' completeness): the run
                # says so and exits 2 rather than lose its report; the part's lines are lost with it.
                self.write_failed(error)
        counts = crawl_counts(self.stats.get_stats() if self.stats else {}, len(self.failed_posts))
        errors = summary.setdefault("blog_errors", [])
        if self.write_stopped:
            errors.append(self.write_stopped)  # the run's own error: one line, exit 2
        incomplete = summary.setdefault("incomplete", [])
        summary.update(counts=counts, failures=[{"url": u, "reason": r} for u, r in self.failed_posts],
                       errors=self.code_errors)
        if self.set_aside:
            summary["damaged_files"] = {"set_aside": [str(path) for path in self.set_aside], "posts_refetched": self.refetch}
        status = status_of(reason, len(errors))
        code = exit_code(len(errors), reason == "shutdown",
                         counts["failed"] + len(incomplete) + counts["errors"] + cut_short(reason))
        self.close(status, code, summary)

    def _hold_reserve(self) -> Path:
        runs = self.output_dir / RUNS_DIR
        runs.mkdir(parents=True, exist_ok=True)
        reserve = runs / f".reserve-{self.run_id}"
        for leftover in runs.glob(".reserve-*"):
            leftover.unlink()  # a killed run's (the folder is locked: no other run is using it)
        try:
            with open(reserve, "wb") as handle:
                os.posix_fallocate(handle.fileno(), 0, RESERVE_BYTES)
        except OSError as error:
            reserve.unlink(missing_ok=True)
            if is_disk_full(error):
                raise InputError(f"no space left on device under {self.output_dir}: free some space "
                                 "and run again") from None
            raise
        return reserve

    def keep_raw_pages(self) -> None:
        """Before records are written: the WARC records they cite are on disk, and on object storage
        uploaded. Workers write post pages to WARC files of their own, which only they could end; on
        object storage every page goes through the session's writer instead (``ExtractPipeline``), whose
        current segment is ended here and uploaded whole, so each commit starts a new segment."""
        if self.warc is None:
            return
        if self.store is None:
            self.warc.flush()
            return
        ended = self.warc.rotate()
        if ended is not None:
            self._upload(self.warc.folder / ended)

    def _upload(self, path: Path) -> None:
        """Upload a finished file of the scratch folder to the same path in the archive, then drop it."""
        assert self.store is not None
        self.store.upload(path, path.relative_to(self.output_dir).as_posix())
        path.unlink()

    def _upload_at_close(self, path: Path) -> None:
        """Upload what no booked record needs (the last WARC segment's listings, the run's report): a storage
        gone now costs those, said in a line, and the run still closes and frees its sources."""
        try:
            self._upload(path)
        except StorageUnavailableError as error:
            logger.error("%s: kept in no archive", error)

    def manifest_paths(self, record_files: Iterable[Path], warc_files: Iterable[str | None]) -> list[str]:
        """What the state's manifest lists for a batch of records: their files and the WARC files that keep
        their raw pages, as paths in the output folder."""
        return ([path.relative_to(self.output_dir).as_posix() for path in record_files]
                + sorted({f"{WARC_DIR}/{name}" for name in warc_files if name}))

    def _remove_unfinished_files(self) -> None:
        """Record files a killed run was writing, left under their temporary names: no reader sees them,
        and with the folder locked no one is writing them now."""
        for leftover in (self.output_dir / RECORDS_DIR).glob("source=*/year=*/.part-*.tmp"):
            leftover.unlink(missing_ok=True)
            logger.info("removed %s, a record file an interrupted run did not finish", leftover)

    def _recover(self, dead_runs: list[str]) -> int:
        """Register the records that dead runs managed to write; return how many."""
        rows, files, warc_files = [], [], []
        for run_id in dead_runs:
            for relative in self.records.run_files(run_id):
                path = self.output_dir / relative
                files.append(path)
                source = partition_source(path)
                table = self.records.read_table(
                    relative, ["id", "canonical_url", "content_hash", "version", "warc_file", "warc_record_id"])
                for row in table.to_pylist():
                    warc_files.append(row["warc_file"])
                    rows.append({
                        "post_key": post_key(row["canonical_url"]), "canonical_url": row["canonical_url"],
                        "source": source, "record_id": row["id"], "content_hash": row["content_hash"],
                        "version": row["version"], "warc": (row["warc_file"], row["warc_record_id"]),
                    })
        if rows:
            self._recover_validators(rows)
            self.state.store_posts(_newest_versions(rows), run_id=self.run_id,
                                   files=self.manifest_paths(files, warc_files))
            logger.info("recovered %d records written by interrupted runs %s", len(rows), ", ".join(dead_runs))
        return len(rows)

    def _recover_validators(self, rows: list[dict[str, Any]]) -> None:
        """The validators of recovered records' pages, read back from their WARC records where the folder
        holds them (the server's ETag and Last-Modified, the listing's dates the crawl kept beside the
        page): without them the next run would fetch each of those pages once more to find it unchanged."""
        wanted: dict[str, dict[str, dict[str, Any]]] = {}
        for row in rows:
            name, record_id = row.pop("warc")
            if name and record_id:
                wanted.setdefault(name, {})[record_id] = row
        for name, by_id in wanted.items():
            path = self.output_dir / WARC_DIR / name
            if not path.is_file():
                continue  # an archive on object storage: the killed run's WARC files stayed in its scratch folder
            try:
                for response in read_responses(path, set(by_id)):
                    listed = response.metadata.get("validators") or {}
                    by_id[response.record_id].update(
                        {field: listed.get(field) for field in VALIDATOR_FIELDS},
                        etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))
            except Exception as error:  # noqa: BLE001  (a WARC file cut by the kill: what was read stays)
                logger.info("validators of %s read up to a damaged record (%s)", name, first_line(error))

    def _forget_lost_records(self) -> int:
        """After damaged record files were set aside: make the state forget the content of the posts whose
        latest record no readable file holds, so this run fetches and stores them again. Returns how many."""
        readable = readable_record_ids(self.output_dir)
        # The sources of the damaged files' partitions: a shared state also knows other folders' posts.
        sources = {partition_source(path) for path in self.set_aside}
        lost = [key for record_id, key in self.state.stored_records(sources).items() if record_id not in readable]
        self.state.forget_content(lost)
        logger.warning("%d posts lost their records with the damaged files: they are fetched and stored again",
                       len(lost))
        return len(lost)

    def close(self, status: str, exit_code: int | None, summary: dict[str, Any]) -> Path | None:
        """Finish the run: flush WARC files, write ``runs/<run_id>.json``, record the run in the state,
        unlock. The report is written first: a state that fails now (a database gone) must not cost it."""
        if self.closed:
            return None
        self.closed, self.summary = True, summary
        try:
            if self.warc is not None:
                try:
                    self.warc.close()
                except OSError as error:
                    if not self.write_failed(error):
                        raise
                last = self.warc.folder / self.warc.current_name
                if self.store is not None and last.exists():
                    self._upload_at_close(last)  # listings and pages no record cites: the commits uploaded the rest
            runs = self.output_dir / RUNS_DIR
            runs.mkdir(exist_ok=True)
            path = runs / f"{self.run_id}.json"
            report = {"run_id": self.run_id, "started_at": self.started_at, "ended_at": utc_now(),
                      "status": status, "exit_code": exit_code, **summary}
            temporary = path.with_suffix(".json.tmp")
            temporary.write_text(json.dumps(report, indent=2, sort_keys=True, default=str) + "\n")
            os.replace(temporary, path)
            if self.store is not None:
                self._upload_at_close(path)
            try:
                self.state.finish_run(self.run_id, status, exit_code, summary.get("counts", {}))
            except StateUnavailableError as error:
                # Left marked running: the next run of these sources books what this one stored (``_recover``).
                logger.warning("%s: the run's end is not booked; the next run of its sources books what it stored", error)
            return path
        finally:
            self.state.close()
            self.reserve.unlink(missing_ok=True)
            self.lock.release()


def is_disk_full(error: BaseException) -> bool:
    """A write refused for want of space (or quota), however the library that wrote put it."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(error)
    return "No space left on device" in text or "database or disk is full" in text or "Disk quota exceeded" in text


def _newest_versions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    newest: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["post_key"] not in newest or row["version"] > newest[row["post_key"]]["version"]:
            newest[row["post_key"]] = row
    return list(newest.values())
