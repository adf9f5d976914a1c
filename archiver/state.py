"""Crawl state of an output folder (SQLite): what each post was when last stored, and every run."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from archiver.errors import DamagedArchiveError

STATE_FILE = "state.sqlite"

#: The state's tables, written once for both backends: their columns, with the two types the dialects
#: spell apart as ``{boolean}`` and ``{text_list}`` (a list of strings: JSON text in SQLite, an array in
#: PostgreSQL, which can test two lists for overlap).
TABLES = {
    "posts": """
        post_key        TEXT PRIMARY KEY,   -- host without www. + path: one post however linked
        canonical_url   TEXT NOT NULL,
        source          TEXT NOT NULL,
        post_id         TEXT,               -- the platform's own id, when known
        record_id       TEXT,
        content_hash    TEXT,
        version         INTEGER NOT NULL,   -- of the latest stored record
        etag            TEXT,
        last_modified   TEXT,
        feed_updated    TEXT,
        sitemap_lastmod TEXT,
        first_seen      TEXT NOT NULL,      -- UTC, ISO 8601
        last_seen       TEXT NOT NULL,
        last_run_id     TEXT,
        missing_since   TEXT                -- no longer listed by its blog (the record is kept)
    """,
    "blogs": """
        source          TEXT PRIMARY KEY,
        expected        INTEGER,            -- the blog's own count of its posts, when it gives one
        expected_from   TEXT,
        found           INTEGER NOT NULL,   -- posts its listings showed in the last finished run
        complete        {boolean} NOT NULL, -- nothing said posts were missing
        run_id          TEXT NOT NULL,
        checked_at      TEXT NOT NULL
    """,
    "runs": """
        run_id      TEXT PRIMARY KEY,
        started_at  TEXT NOT NULL,
        ended_at    TEXT,
        status      TEXT NOT NULL,          -- running / finished / interrupted / failed / killed
        exit_code   INTEGER,
        counts      TEXT,                   -- JSON
        sources     {text_list} NOT NULL    -- the sources it locked: a run still running holds them
    """,
    "files": """
        path        TEXT PRIMARY KEY,       -- in the run's output folder: records/…/part-<run>-<n>.parquet, warc/…
        run_id      TEXT NOT NULL,
        stored_at   TEXT NOT NULL           -- when the first posts it holds were booked
    """,
    "queue": """
        source      TEXT PRIMARY KEY,       -- a source enqueued for a cluster's worker (archiver enqueue)
        task_id     TEXT NOT NULL,
        status      TEXT NOT NULL,          -- queued / running / failed (given up)
        worker      TEXT,                   -- the worker running it, or that ran it last
        attempts    INTEGER NOT NULL,       -- crawls that failed so far
        error       TEXT,                   -- the last failure
        queued_at   TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    """,
    # The links of post pages the archive walk read: a rerun's walk asks for such a post with its validators
    # and, when it answers 304 (no page), goes on through the links its page had.
    "post_links": """
        post_key        TEXT PRIMARY KEY,   -- as in posts
        source          TEXT NOT NULL,
        links           TEXT NOT NULL,      -- JSON: the addresses the page linked to, on its own site
        run_id          TEXT NOT NULL
    """,
    # Pages a listing gave as posts that their platform's markup says are none (a WordPress attachment
    # page an SEO plugin's sitemap lists), and second addresses of posts archived from another: not asked for again.
    "not_posts": """
        post_key        TEXT PRIMARY KEY,   -- as in posts: the address the listing gave
        source          TEXT NOT NULL,
        reason          TEXT NOT NULL,      -- what the markup said ("attachment page")
        sitemap_lastmod TEXT,               -- the sitemap's date for the page then: a newer one asks again
        run_id          TEXT NOT NULL,
        checked_at      TEXT NOT NULL
    """,
}
_SQLITE_TYPES = {"boolean": "INTEGER", "text_list": "TEXT DEFAULT '[]'"}
_SCHEMA = "\n".join(
    [f"CREATE TABLE IF NOT EXISTS {name} ({columns.format(**_SQLITE_TYPES)});" for name, columns in TABLES.items()]
    + ["CREATE INDEX IF NOT EXISTS posts_source ON posts (source);"])

VALIDATOR_FIELDS = ("etag", "last_modified", "feed_updated", "sitemap_lastmod")


@dataclass(frozen=True)
class KnownPost:
    """What the state says of a post."""

    post_key: str
    canonical_url: str
    content_hash: str | None
    version: int
    etag: str | None
    last_modified: str | None
    feed_updated: str | None
    sitemap_lastmod: str | None

    def unchanged_by_listing(self, validators: dict[str, str | None]) -> bool:
        """True when the listing's date for the post is the one recorded at its last store."""
        for name in ("feed_updated", "sitemap_lastmod"):
            new, old = validators.get(name), getattr(self, name)
            if new and old:
                return new == old
        return False


@dataclass(frozen=True)
class KnownNotPost:
    """A page an earlier run found not to be a post."""

    reason: str
    sitemap_lastmod: str | None

    def unchanged_by_listing(self, validators: dict[str, str | None]) -> bool:
        """False when the sitemap now dates the page otherwise than when it was found not to be a post."""
        new = validators.get("sitemap_lastmod")
        return not new or new == self.sitemap_lastmod


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SQLState:
    """The statements both state backends share, written once in SQLite's placeholders (``?``, ``:name``):
    a backend runs them through ``_run``, ``_run_many`` and ``_transaction``, and keeps what its dialect
    does apart (opening, locks, runs and their sources)."""

    def _run(self, sql: str, params: Any = ()) -> Any:
        """Run one statement; return its cursor."""
        raise NotImplementedError

    def _run_many(self, sql: str, rows: Iterable[Any]) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    # -- posts ----------------------------------------------------------------------------

    def get(self, post_key: str) -> KnownPost | None:
        row = self._run(
            "SELECT post_key, canonical_url, content_hash, version, etag, last_modified, feed_updated,"
            " sitemap_lastmod FROM posts WHERE post_key = ?",
            (post_key,),
        ).fetchone()
        return KnownPost(*row) if row else None

    def store_posts(self, rows: Iterable[dict[str, Any]], run_id: str, files: Iterable[str] = ()) -> None:
        """Record posts whose records are now on disk: hash, version and the validators they had; and, in
        the same transaction, the files that hold them (paths in the output folder) in the manifest."""
        now = utc_now()
        rows = list(rows)
        blank = {f: None for f in ("post_id", "record_id", *VALIDATOR_FIELDS)}
        with self._transaction():
            self._run_many("INSERT INTO files (path, run_id, stored_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                           [(path, run_id, now) for path in files])
            self._run_many(
                """INSERT INTO posts (post_key, canonical_url, source, post_id, record_id, content_hash, version,
                       etag, last_modified, feed_updated, sitemap_lastmod, first_seen, last_seen, last_run_id)
                   VALUES (:post_key, :canonical_url, :source, :post_id, :record_id, :content_hash, :version,
                       :etag, :last_modified, :feed_updated, :sitemap_lastmod, :now, :now, :run_id)
                   ON CONFLICT (post_key) DO UPDATE SET
                       canonical_url = excluded.canonical_url, record_id = excluded.record_id,
                       post_id = COALESCE(excluded.post_id, posts.post_id),
                       content_hash = excluded.content_hash, version = excluded.version,
                       etag = excluded.etag, last_modified = excluded.last_modified,
                       feed_updated = excluded.feed_updated, sitemap_lastmod = excluded.sitemap_lastmod,
                       last_seen = excluded.last_seen, last_run_id = excluded.last_run_id, missing_since = NULL""",
                [{**blank, **row, "now": now, "run_id": run_id} for row in rows],
            )
            self._store_links([row for row in rows if row.get("links") is not None], run_id)

    def refresh_validators(self, post_key: str, validators: dict[str, Any], run_id: str) -> None:
        """A post seen unchanged: keep its newest validators so the next run can skip it (and the links of
        its page, when the walk read them)."""
        values = {f: validators.get(f) for f in VALIDATOR_FIELDS}
        self._run(
            "UPDATE posts SET etag = COALESCE(:etag, etag), last_modified = COALESCE(:last_modified, last_modified),"
            " feed_updated = COALESCE(:feed_updated, feed_updated),"
            " sitemap_lastmod = COALESCE(:sitemap_lastmod, sitemap_lastmod),"
            " last_seen = :now, last_run_id = :run_id, missing_since = NULL WHERE post_key = :post_key",
            {**values, "now": utc_now(), "run_id": run_id, "post_key": post_key},
        )
        if validators.get("links") is not None:
            row = self._run("SELECT source FROM posts WHERE post_key = ?", (post_key,)).fetchone()
            if row:
                self._store_links([{"post_key": post_key, "source": row[0], "links": validators["links"]}], run_id)

    def _store_links(self, rows: list[dict[str, Any]], run_id: str) -> None:
        self._run_many(
            "INSERT INTO post_links (post_key, source, links, run_id) VALUES (?, ?, ?, ?) ON CONFLICT (post_key)"
            " DO UPDATE SET source = excluded.source, links = excluded.links, run_id = excluded.run_id",
            [(row["post_key"], row["source"], json.dumps(row["links"]), run_id) for row in rows])

    def post_links(self, post_key: str) -> list[str] | None:
        """The links of the post's page when the walk last read it (None: never read by a walk)."""
        row = self._run("SELECT links FROM post_links WHERE post_key = ?", (post_key,)).fetchone()
        return json.loads(row[0]) if row else None

    def mark_missing(self, source: str, seen_keys: set[str]) -> int:
        """Flag the source's posts its listings no longer show; return how many became missing."""
        with self._transaction():
            keys = [k for (k,) in self._run("SELECT post_key FROM posts WHERE source = ? AND missing_since IS NULL",
                                            (source,)).fetchall()]
            gone = [k for k in keys if k not in seen_keys]
            now = utc_now()
            self._run_many("UPDATE posts SET missing_since = ? WHERE post_key = ?", [(now, k) for k in gone])
        return len(gone)

    def stored_records(self, sources: Iterable[str]) -> dict[str, str]:
        """The latest stored record of each post of ``sources``: record id -> post key."""
        wanted = list(sources)
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        return dict(self._run(f"SELECT record_id, post_key FROM posts WHERE record_id IS NOT NULL"
                              f" AND source IN ({marks})", wanted).fetchall())

    def forget_content(self, post_keys: Iterable[str]) -> None:
        """Posts whose stored record was lost: nothing known of their content or validators, so the next
        fetch stores them again (as a new version)."""
        with self._transaction():
            self._run_many(
                "UPDATE posts SET content_hash = NULL, etag = NULL, last_modified = NULL, feed_updated = NULL,"
                " sitemap_lastmod = NULL WHERE post_key = ?", [(key,) for key in post_keys])

    def not_post(self, post_key: str) -> KnownNotPost | None:
        row = self._run("SELECT reason, sitemap_lastmod FROM not_posts WHERE post_key = ?", (post_key,)).fetchone()
        return KnownNotPost(*row) if row else None

    def book_not_post(self, post_key: str, source: str, reason: str, sitemap_lastmod: str | None, run_id: str) -> None:
        """Remember a page found not to be a post, so later runs do not ask for it again."""
        self._run(
            "INSERT INTO not_posts (post_key, source, reason, sitemap_lastmod, run_id, checked_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (post_key) DO UPDATE SET source = excluded.source,"
            " reason = excluded.reason, sitemap_lastmod = excluded.sitemap_lastmod, run_id = excluded.run_id,"
            " checked_at = excluded.checked_at",
            (post_key, source, reason, sitemap_lastmod, run_id, utc_now()))

    def count_posts(self) -> int:
        row = self._run("SELECT count(*) FROM posts").fetchone()
        return row[0] if row else 0

    def files(self) -> list[str]:
        """The manifest: every file whose posts are booked, by path in its run's output folder."""
        return [path for (path,) in self._run("SELECT path FROM files ORDER BY path").fetchall()]

    # -- blogs ----------------------------------------------------------------------------

    def blog(self, source: str) -> dict[str, Any] | None:
        """What the last finished run found of a blog: its count, posts found, completeness."""
        row = self._run("SELECT expected, expected_from, found, complete, run_id FROM blogs WHERE source = ?",
                        (source,)).fetchone()
        if row is None:
            return None
        return {**dict(zip(("expected", "expected_from", "found", "complete", "run_id"), row)), "complete": bool(row[3])}

    def record_blog(self, source: str, report: dict[str, Any], run_id: str) -> None:
        """Remember a finished run's completeness of a blog, for the next run to compare its listings with."""
        self._run(
            """INSERT INTO blogs (source, expected, expected_from, found, complete, run_id, checked_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (source) DO UPDATE SET expected = excluded.expected, expected_from = excluded.expected_from,
                   found = excluded.found, complete = excluded.complete, run_id = excluded.run_id,
                   checked_at = excluded.checked_at""",
            (source, report["expected"], report["expected_from"], report["found"], bool(report["complete"]), run_id,
             utc_now()),
        )

    # -- runs -----------------------------------------------------------------------------

    def finish_run(self, run_id: str, status: str, exit_code: int | None, counts: dict[str, Any]) -> None:
        self._run(
            "UPDATE runs SET ended_at = ?, status = ?, exit_code = ?, counts = ? WHERE run_id = ?",
            (utc_now(), status, exit_code, json.dumps(counts, sort_keys=True), run_id),
        )

    # -- the queue of a cluster (archiver enqueue, archiver worker) ----------------------------

    def enqueue(self, sources: Iterable[str], task_id: str, requeue: bool = False) -> list[str]:
        """Book ``sources`` as queued under ``task_id``, except those already queued or running; return the
        ones booked. A source given up on (failed) is queued again; with ``requeue``, a queued one too (its
        task was lost with the broker's queue): it is now ``task_id``'s (``claim``). Two enqueuers at once:
        the row's primary key lets one of them book a source."""
        now, booked = utc_now(), []
        again = ("failed", "queued") if requeue else ("failed", "failed")
        with self._transaction():
            for source in dict.fromkeys(sources):
                cursor = self._run(
                    """INSERT INTO queue (source, task_id, status, attempts, queued_at, updated_at)
                       VALUES (?, ?, 'queued', 0, ?, ?)
                       ON CONFLICT (source) DO UPDATE SET task_id = excluded.task_id, status = 'queued',
                           worker = NULL, attempts = 0, error = NULL, queued_at = excluded.queued_at,
                           updated_at = excluded.updated_at
                       WHERE queue.status IN (?, ?)""", (source, task_id, now, now, *again))
                if cursor.rowcount:
                    booked.append(source)
        return booked

    def claim(self, sources: Iterable[str], task_id: str, worker: str) -> list[str]:
        """Mark the sources still queued under ``task_id`` as running on ``worker``; return them. A task whose
        sources were queued again under another task (``enqueue(requeue=True)``) claims none of them."""
        claimed = []
        with self._transaction():
            for source in dict.fromkeys(sources):
                cursor = self._run("UPDATE queue SET status = 'running', worker = ?, updated_at = ?"
                                   " WHERE source = ? AND task_id = ?", (worker, utc_now(), source, task_id))
                if cursor.rowcount:
                    claimed.append(source)
        return claimed

    def set_queue_status(self, sources: Iterable[str], status: str, worker: str | None = None,
                         error: str | None = None) -> None:
        """A queued task's sources are ``running`` on ``worker``, ``queued`` again to be retried after a failure
        (``error``, counted in ``attempts``) or a held lock, or ``failed``: given up after ``error``."""
        counted = 1 if error else 0
        with self._transaction():
            self._run_many(
                "UPDATE queue SET status = ?, worker = COALESCE(?, worker), attempts = attempts + ?,"
                " error = COALESCE(?, error), updated_at = ? WHERE source = ?",
                [(status, worker, counted, error, utc_now(), source) for source in sources])

    def dequeue(self, sources: Iterable[str]) -> None:
        """A task's crawl ran to its end: its sources leave the queue (their runs say how it went)."""
        with self._transaction():
            self._run_many("DELETE FROM queue WHERE source = ?", [(source,) for source in sources])

    def queue(self) -> list[dict[str, Any]]:
        """Every source in the queue: queued, running, or failed (given up)."""
        names = ("source", "task_id", "status", "worker", "attempts", "error", "queued_at", "updated_at")
        rows = self._run(f"SELECT {', '.join(names)} FROM queue ORDER BY source").fetchall()
        return [dict(zip(names, row)) for row in rows]


class CrawlState(SQLState):
    """The one owner of ``<output>/state.sqlite``. Used from one thread (the crawl's reactor)."""

    def __init__(self, output_dir: str | Path) -> None:
        self.path = Path(output_dir) / STATE_FILE
        self.db = sqlite3.connect(self.path, isolation_level=None)
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            columns = [row[1] for row in self.db.execute("PRAGMA table_info(runs)")]
            if "sources" not in columns:  # a state made before runs named their sources
                self.db.execute(f"ALTER TABLE runs ADD COLUMN sources {_SQLITE_TYPES['text_list']} NOT NULL")
            self.db.execute("SELECT count(*) FROM posts").fetchone()
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise DamagedArchiveError(
                f"the crawl state {self.path} is damaged ({error}): restore it from a backup, or move it aside "
                "to start a new one (the next run then fetches and stores every post again)") from None

    def close(self) -> None:
        self.db.close()

    def _run(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def _run_many(self, sql: str, rows: Iterable[Any]) -> None:
        self.db.executemany(sql, rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def lock_sources(self, sources: Iterable[str]) -> list[str]:
        """No source is held elsewhere: the output folder's lock already keeps other runs off this state."""
        return []

    def start_run(self, run_id: str, sources: Iterable[str] = ()) -> list[str]:
        """Record a new run; return the ids of earlier runs that died without finishing: every run still
        marked running, whatever its sources, since the folder's lock says none is."""
        dead = [r for (r,) in self.db.execute("SELECT run_id FROM runs WHERE status = 'running'")]
        with self._transaction():
            self.db.executemany("UPDATE runs SET status = 'killed' WHERE run_id = ?", [(r,) for r in dead])
            self.db.execute("INSERT INTO runs (run_id, started_at, status, sources) VALUES (?, ?, 'running', ?)",
                            (run_id, utc_now(), json.dumps(sorted(set(sources)))))
        return dead

    def runs(self) -> list[dict[str, Any]]:
        cursor = self.db.execute(
            "SELECT run_id, started_at, ended_at, status, exit_code, counts, sources FROM runs ORDER BY started_at")
        names = [c[0] for c in cursor.description]
        return [{**dict(zip(names, row)), "sources": json.loads(row[-1])} for row in cursor]
