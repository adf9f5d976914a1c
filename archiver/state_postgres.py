"""Crawl state in PostgreSQL (``--state postgresql://USER@HOST:PORT/DB``): what ``state.CrawlState`` keeps in
``state.sqlite`` (posts, blogs, runs, the file manifest), shared by runs on many machines, with one run a
source at a time across all of them (an advisory lock per source, held by the run's connection)."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from archiver.errors import StateUnavailableError
from archiver.state import NOT_POSTS_COLUMNS, VALIDATOR_FIELDS, KnownNotPost, KnownPost, utc_now

#: The tables live in a schema of their own, apart from whatever else the database holds.
SCHEMA = "archiver"
#: The tables' layout; a database made by a newer archiver is refused rather than misread, an older one
#: brought up to date (``_MIGRATIONS``).
SCHEMA_VERSION = 3
#: Seconds to wait for a server: one that does not answer is reported, not waited on for minutes.
CONNECT_TIMEOUT = 10

_TABLES = [
    f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
    f"""CREATE TABLE {SCHEMA}.posts (
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
        first_seen      TEXT NOT NULL,      -- UTC, ISO 8601 as in state.sqlite
        last_seen       TEXT NOT NULL,
        last_run_id     TEXT,
        missing_since   TEXT                -- no longer listed by its blog (the record is kept)
    )""",
    f"CREATE INDEX posts_source ON {SCHEMA}.posts (source)",
    f"""CREATE TABLE {SCHEMA}.blogs (
        source          TEXT PRIMARY KEY,
        expected        INTEGER,            -- the blog's own count of its posts, when it gives one
        expected_from   TEXT,
        found           INTEGER NOT NULL,   -- posts its listings showed in the last finished run
        complete        BOOLEAN NOT NULL,   -- nothing said posts were missing
        run_id          TEXT NOT NULL,
        checked_at      TEXT NOT NULL
    )""",
    f"""CREATE TABLE {SCHEMA}.runs (
        run_id      TEXT PRIMARY KEY,
        started_at  TEXT NOT NULL,
        ended_at    TEXT,
        status      TEXT NOT NULL,          -- running / finished / interrupted / failed / killed
        exit_code   INTEGER,
        counts      TEXT,                   -- JSON
        sources     TEXT[] NOT NULL         -- the sources it locked: a run still running holds them
    )""",
    f"""CREATE TABLE {SCHEMA}.files (
        path        TEXT PRIMARY KEY,       -- in the run's output folder: records/…/part-<run>-<n>.parquet, warc/…
        run_id      TEXT NOT NULL,
        stored_at   TEXT NOT NULL           -- when the first posts it holds were booked
    )""",
    f"CREATE TABLE {SCHEMA}.schema_version (version INTEGER NOT NULL)",
]

#: What brings version N's tables to version N + 1.
_MIGRATIONS = {
    1: [f"""CREATE TABLE {SCHEMA}.queue (
        source      TEXT PRIMARY KEY,       -- a source enqueued for a cluster's worker (archiver enqueue)
        task_id     TEXT NOT NULL,
        status      TEXT NOT NULL,          -- queued / running / failed (given up)
        worker      TEXT,                   -- the worker running it, or that ran it last
        attempts    INTEGER NOT NULL,       -- crawls that failed so far
        error       TEXT,                   -- the last failure
        queued_at   TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    )"""],
    2: [f"CREATE TABLE {SCHEMA}.not_posts ({NOT_POSTS_COLUMNS})"],
}


def lock_key(name: str) -> int:
    """An advisory lock's key: a stable signed 64-bit hash (Python's ``hash()`` differs between processes,
    and every machine must take the same lock for the same source)."""
    digest = hashlib.blake2b(f"archiver {name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def masked(url: str) -> str:
    """``url`` with its password, in the address or in its query, shown as ``***``: fit to print."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        userinfo, _, host = netloc.rpartition("@")
        netloc = f"{userinfo.split(':', 1)[0]}:***@{host}"
    query = [(k, "***" if k == "password" else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit(parts._replace(netloc=netloc, query=urlencode(query, safe="*")))


_Class = TypeVar("_Class", bound=type)


def _connection_loss_is_named(cls: _Class) -> _Class:
    """Wrap each public method of ``cls`` but ``close`` so that the database going away under a run (a
    server stopped, a network cut: psycopg's ``OperationalError``) is a ``StateUnavailableError`` naming the
    database, which stops the run with one line (``CrawlSession.write_failed``) rather than a traceback."""
    def wrap(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def answering(self: "PostgresState", *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except psycopg.OperationalError as error:
                detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                raise StateUnavailableError(f"the state database {self.address} stopped answering ({detail})") from None
        return answering

    for name, member in list(vars(cls).items()):
        if callable(member) and not name.startswith("_") and name != "close":
            setattr(cls, name, wrap(member))
    return cls


@_connection_loss_is_named
class PostgresState:
    """The crawl state in the PostgreSQL database at ``url``; its tables are made on first use.

    One connection, in autocommit: each method is one statement or one explicit transaction. The
    connection holds the advisory locks of ``lock_sources`` until ``close`` (or until the run's process
    dies: the server frees a dead client's locks, as the kernel frees a dead run's folder lock).
    """

    def __init__(self, url: str) -> None:
        self.address = masked(url)  #: the database's address without its password, for messages
        options = _options(url)
        try:
            self.db = psycopg.connect(url, autocommit=True,
                                      connect_timeout=options.get("connect_timeout", CONNECT_TIMEOUT))
        except psycopg.Error as error:
            raise StateUnavailableError(f"the state database {self.address} {_why(error, options)}") from None
        try:
            self._open_schema()
        except BaseException:
            self.db.close()
            raise

    def _open_schema(self) -> None:
        with self.db.transaction():
            # Two runs starting on a new database: one makes the tables, the other waits and finds them.
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key("schema"),))
            if self.db.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.schema_version",)).fetchone() == (None,):
                for statement in _TABLES:
                    self.db.execute(statement)
                self.db.execute(f"INSERT INTO {SCHEMA}.schema_version VALUES (1)")
            row = self.db.execute(f"SELECT max(version) FROM {SCHEMA}.schema_version").fetchone()
            version = row[0] if row else None
            while version in _MIGRATIONS:
                for statement in _MIGRATIONS[version]:
                    self.db.execute(statement)
                version += 1
                self.db.execute(f"INSERT INTO {SCHEMA}.schema_version VALUES (%s)", (version,))
        if version != SCHEMA_VERSION:
            raise StateUnavailableError(
                f"the state database {self.address} has the tables of archiver's state version {version}; this archiver "
                f"reads version {SCHEMA_VERSION}: run the archiver that made them")
        self.db.execute(f"SET search_path TO {SCHEMA}")

    def close(self) -> None:
        if not self.db.closed:
            try:
                # Said, not left to the server: it frees a closed connection's locks only once its backend
                # process has ended, and the next run may already be asking.
                self.db.execute("SELECT pg_advisory_unlock_all()")
            except psycopg.Error:
                pass  # a connection already broken: the server frees its locks with it
        self.db.close()

    # -- locks ----------------------------------------------------------------------------

    def lock_sources(self, sources: Iterable[str]) -> list[str]:
        """Take every source's lock for this run, or none: return the sources another run holds."""
        taken: list[str] = []
        held: list[str] = []
        for source in dict.fromkeys(sources):
            row = self.db.execute("SELECT pg_try_advisory_lock(%s)", (lock_key(f"source {source}"),)).fetchone()
            (taken if row == (True,) else held).append(source)
        if held:
            for source in taken:
                self.db.execute("SELECT pg_advisory_unlock(%s)", (lock_key(f"source {source}"),))
        return held

    # -- posts ----------------------------------------------------------------------------

    def get(self, post_key: str) -> KnownPost | None:
        row = self.db.execute(
            "SELECT post_key, canonical_url, content_hash, version, etag, last_modified, feed_updated,"
            " sitemap_lastmod FROM posts WHERE post_key = %s",
            (post_key,),
        ).fetchone()
        return KnownPost(*row) if row else None

    def store_posts(self, rows: Iterable[dict[str, Any]], run_id: str, files: Iterable[str] = ()) -> None:
        """Record posts whose records are now on disk: hash, version and the validators they had; and, in
        the same transaction, the files that hold them (paths in the output folder) in the manifest."""
        now = utc_now()
        blank = {f: None for f in ("post_id", "record_id", *VALIDATOR_FIELDS)}
        with self.db.transaction(), self.db.cursor() as cursor:
            cursor.executemany("INSERT INTO files (path, run_id, stored_at) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                               [(path, run_id, now) for path in files])
            cursor.executemany(
                """INSERT INTO posts (post_key, canonical_url, source, post_id, record_id, content_hash, version,
                       etag, last_modified, feed_updated, sitemap_lastmod, first_seen, last_seen, last_run_id)
                   VALUES (%(post_key)s, %(canonical_url)s, %(source)s, %(post_id)s, %(record_id)s, %(content_hash)s,
                       %(version)s, %(etag)s, %(last_modified)s, %(feed_updated)s, %(sitemap_lastmod)s, %(now)s, %(now)s,
                       %(run_id)s)
                   ON CONFLICT (post_key) DO UPDATE SET
                       canonical_url = excluded.canonical_url, record_id = excluded.record_id,
                       post_id = COALESCE(excluded.post_id, posts.post_id),
                       content_hash = excluded.content_hash, version = excluded.version,
                       etag = excluded.etag, last_modified = excluded.last_modified,
                       feed_updated = excluded.feed_updated, sitemap_lastmod = excluded.sitemap_lastmod,
                       last_seen = excluded.last_seen, last_run_id = excluded.last_run_id, missing_since = NULL""",
                [{**blank, **row, "now": now, "run_id": run_id} for row in rows],
            )

    def refresh_validators(self, post_key: str, validators: dict[str, str | None], run_id: str) -> None:
        """A post seen unchanged: keep its newest validators so the next run can skip it."""
        values = {f: validators.get(f) for f in VALIDATOR_FIELDS}
        self.db.execute(
            "UPDATE posts SET etag = COALESCE(%(etag)s, etag), last_modified = COALESCE(%(last_modified)s, last_modified),"
            " feed_updated = COALESCE(%(feed_updated)s, feed_updated),"
            " sitemap_lastmod = COALESCE(%(sitemap_lastmod)s, sitemap_lastmod),"
            " last_seen = %(now)s, last_run_id = %(run_id)s, missing_since = NULL WHERE post_key = %(post_key)s",
            {**values, "now": utc_now(), "run_id": run_id, "post_key": post_key},
        )

    def mark_missing(self, source: str, seen_keys: set[str]) -> int:
        """Flag the source's posts its listings no longer show; return how many became missing."""
        with self.db.transaction(), self.db.cursor() as cursor:
            keys = [k for (k,) in cursor.execute(
                "SELECT post_key FROM posts WHERE source = %s AND missing_since IS NULL", (source,))]
            gone = [k for k in keys if k not in seen_keys]
            now = utc_now()
            cursor.executemany("UPDATE posts SET missing_since = %s WHERE post_key = %s", [(now, k) for k in gone])
        return len(gone)

    def stored_records(self, sources: Iterable[str]) -> dict[str, str]:
        """The latest stored record of each post of ``sources``: record id -> post key."""
        rows = self.db.execute("SELECT record_id, post_key FROM posts WHERE record_id IS NOT NULL"
                               " AND source = ANY(%s)", (list(sources),)).fetchall()
        return dict(rows)

    def forget_content(self, post_keys: Iterable[str]) -> None:
        """Posts whose stored record was lost: nothing known of their content or validators, so the next
        fetch stores them again (as a new version)."""
        with self.db.transaction(), self.db.cursor() as cursor:
            cursor.executemany(
                "UPDATE posts SET content_hash = NULL, etag = NULL, last_modified = NULL, feed_updated = NULL,"
                " sitemap_lastmod = NULL WHERE post_key = %s", [(key,) for key in post_keys])

    def count_posts(self) -> int:
        row = self.db.execute("SELECT count(*) FROM posts").fetchone()
        return row[0] if row else 0

    def files(self) -> list[str]:
        """The manifest: every file whose posts are booked, by path in its run's output folder."""
        return [path for (path,) in self.db.execute("SELECT path FROM files ORDER BY path")]

    def not_post(self, post_key: str) -> KnownNotPost | None:
        row = self.db.execute("SELECT reason, sitemap_lastmod FROM not_posts WHERE post_key = %s", (post_key,)).fetchone()
        return KnownNotPost(*row) if row else None

    def book_not_post(self, post_key: str, source: str, reason: str, sitemap_lastmod: str | None, run_id: str) -> None:
        """Remember a page found not to be a post, so later runs do not ask for it again."""
        self.db.execute(
            "INSERT INTO not_posts (post_key, source, reason, sitemap_lastmod, run_id, checked_at)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (post_key) DO UPDATE SET source = excluded.source,"
            " reason = excluded.reason, sitemap_lastmod = excluded.sitemap_lastmod, run_id = excluded.run_id,"
            " checked_at = excluded.checked_at",
            (post_key, source, reason, sitemap_lastmod, run_id, utc_now()))

    # -- blogs ----------------------------------------------------------------------------

    def blog(self, source: str) -> dict[str, Any] | None:
        """What the last finished run found of a blog: its count, posts found, completeness."""
        row = self.db.execute(
            "SELECT expected, expected_from, found, complete, run_id FROM blogs WHERE source = %s", (source,)
        ).fetchone()
        if row is None:
            return None
        return dict(zip(("expected", "expected_from", "found", "complete", "run_id"), row))

    def record_blog(self, source: str, report: dict[str, Any], run_id: str) -> None:
        """Remember a finished run's completeness of a blog, for the next run to compare its listings with."""
        self.db.execute(
            """INSERT INTO blogs (source, expected, expected_from, found, complete, run_id, checked_at)
               VALUES (%s, %s, %s, %s, %s, %s, %s)
               ON CONFLICT (source) DO UPDATE SET expected = excluded.expected, expected_from = excluded.expected_from,
                   found = excluded.found, complete = excluded.complete, run_id = excluded.run_id,
                   checked_at = excluded.checked_at""",
            (source, report["expected"], report["expected_from"], report["found"], bool(report["complete"]), run_id,
             utc_now()),
        )

    # -- runs -----------------------------------------------------------------------------

    def start_run(self, run_id: str, sources: Iterable[str] = ()) -> list[str]:
        """Record a new run of ``sources``, whose locks this state holds; return the ids of earlier runs that
        died without finishing: those still marked running that share a source with it (a live one would
        hold that source's lock). Runs of other sources may be alive, on other machines."""
        sources = sorted(set(sources))
        with self.db.transaction():
            dead = [r for (r,) in self.db.execute(
                "SELECT run_id FROM runs WHERE status = 'running' AND sources && %s ORDER BY run_id", (sources,))]
            self.db.execute("UPDATE runs SET status = 'killed' WHERE run_id = ANY(%s)", (dead,))
            self.db.execute("INSERT INTO runs (run_id, started_at, status, sources) VALUES (%s, %s, 'running', %s)",
                            (run_id, utc_now(), sources))
        return dead

    def finish_run(self, run_id: str, status: str, exit_code: int | None, counts: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE runs SET ended_at = %s, status = %s, exit_code = %s, counts = %s WHERE run_id = %s",
            (utc_now(), status, exit_code, json.dumps(counts, sort_keys=True), run_id),
        )

    def runs(self) -> list[dict[str, Any]]:
        cursor = self.db.execute(
            "SELECT run_id, started_at, ended_at, status, exit_code, counts, sources FROM runs ORDER BY started_at")
        names = [c.name for c in cursor.description or ()]
        return [dict(zip(names, row)) for row in cursor]

    # -- the queue of a cluster (archiver enqueue, archiver worker) ----------------------------

    def enqueue(self, sources: Iterable[str], task_id: str, requeue: bool = False) -> list[str]:
        """Book ``sources`` as queued under ``task_id``, except those already queued or running; return the
        ones booked. A source given up on (failed) is queued again; with ``requeue``, a queued one too (its
        task was lost with the broker's queue): it is now ``task_id``'s (``claim``). Two enqueuers at once:
        the row's primary key lets one of them book a source."""
        now = utc_now()
        with self.db.transaction():
            rows = self.db.execute(
                """INSERT INTO queue (source, task_id, status, attempts, queued_at, updated_at)
                   SELECT s, %s, 'queued', 0, %s, %s FROM unnest(%s::text[]) AS s
                   ON CONFLICT (source) DO UPDATE SET task_id = excluded.task_id, status = 'queued', worker = NULL,
                       attempts = 0, error = NULL, queued_at = excluded.queued_at, updated_at = excluded.updated_at
                   WHERE queue.status = ANY(%s)
                   RETURNING source""", (task_id, now, now, list(dict.fromkeys(sources)),
                                         ["failed", "queued"] if requeue else ["failed"])).fetchall()
        return [source for (source,) in rows]

    def claim(self, sources: Iterable[str], task_id: str, worker: str) -> list[str]:
        """Mark the sources still queued under ``task_id`` as running on ``worker``; return them. A task whose
        sources were queued again under another task (``enqueue(requeue=True)``) claims none of them."""
        rows = self.db.execute(
            "UPDATE queue SET status = 'running', worker = %s, updated_at = %s WHERE source = ANY(%s) AND task_id = %s"
            " RETURNING source", (worker, utc_now(), list(dict.fromkeys(sources)), task_id)).fetchall()
        return [source for (source,) in rows]

    def set_queue_status(self, sources: Iterable[str], status: str, worker: str | None = None,
                         error: str | None = None) -> None:
        """A queued task's sources are ``running`` on ``worker``, ``queued`` again to be retried after a failure
        (``error``, counted in ``attempts``) or a held lock, or ``failed``: given up after ``error``."""
        self.db.execute(
            "UPDATE queue SET status = %s, worker = COALESCE(%s, worker), attempts = attempts + %s,"
            " error = COALESCE(%s, error), updated_at = %s WHERE source = ANY(%s)",
            (status, worker, 1 if error else 0, error, utc_now(), list(sources)))

    def dequeue(self, sources: Iterable[str]) -> None:
        """A task's crawl ran to its end: its sources leave the queue (their runs say how it went)."""
        self.db.execute("DELETE FROM queue WHERE source = ANY(%s)", (list(sources),))

    def queue(self) -> list[dict[str, Any]]:
        """Every source in the queue: queued, running, or failed (given up)."""
        cursor = self.db.execute("SELECT source, task_id, status, worker, attempts, error, queued_at, updated_at"
                                 " FROM queue ORDER BY source")
        names = [c.name for c in cursor.description or ()]
        return [dict(zip(names, row)) for row in cursor]


def _options(url: str) -> dict[str, Any]:
    """The connection's parameters as libpq reads them (an unreadable address has none)."""
    try:
        return conninfo_to_dict(url)
    except psycopg.Error:
        return {}


def _why(error: psycopg.Error, options: dict[str, Any]) -> str:
    """What went wrong connecting, in words that name no password (libpq's messages never print one).
    psycopg gives no SQLSTATE for a failed connection: libpq's message is all there is to read."""
    message = str(error).strip()
    detail = message.splitlines()[0].rpartition("failed: ")[2].removeprefix("FATAL:").strip() if message else ""
    user = options.get("user") or "(default)"
    if "authentication failed" in message or ("role" in message and "does not exist" in message):
        return f"refused the credentials of user {user}"
    if "no password supplied" in message:
        return f"asks user {user} for a password and none was given (in the address, PGPASSWORD or ~/.pgpass)"
    if "database" in message and "does not exist" in message:
        return "has no such database"
    if message.startswith("connection failed"):
        return f"does not answer ({detail})"
    return f"cannot be used ({detail or type(error).__name__})"
