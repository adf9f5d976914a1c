"""Crawl state in PostgreSQL (``--state postgresql://USER@HOST:PORT/DB``): what ``state.CrawlState`` keeps in
``state.sqlite`` (posts, blogs, runs, the file manifest), shared by runs on many machines, with one run a
source at a time across all of them (an advisory lock per source, held by the run's connection)."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from archiver.errors import StateUnavailableError
from archiver.state import TABLES, SQLState, utc_now

#: The tables live in a schema of their own, apart from whatever else the database holds.
SCHEMA = "archiver"
#: The tables' layout; a database made by a newer archiver is refused rather than misread, an older one
#: brought up to date (``_MIGRATIONS``).
SCHEMA_VERSION = 4
#: Seconds to wait for a server: one that does not answer is reported, not waited on for minutes.
CONNECT_TIMEOUT = 10

_TYPES = {"boolean": "BOOLEAN", "text_list": "TEXT[]"}


def _create(name: str) -> str:
    return f"CREATE TABLE {SCHEMA}.{name} ({TABLES[name].format(**_TYPES)})"


#: A new database's tables, at ``SCHEMA_VERSION``.
_TABLES = [
    f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
    *(_create(name) for name in TABLES),
    f"CREATE INDEX posts_source ON {SCHEMA}.posts (source)",
    f"CREATE TABLE {SCHEMA}.schema_version (version INTEGER NOT NULL)",
]

#: What brings version N's tables to version N + 1.
_MIGRATIONS = {
    1: [_create("queue")],
    2: [_create("not_posts")],
    3: [_create("post_links")],
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

    for name in dir(cls):  # its own methods and those it shares with SQLite (state.SQLState)
        member = getattr(cls, name)
        if callable(member) and not name.startswith("_") and name != "close":
            setattr(cls, name, wrap(member))
    return cls


@functools.cache
def _placeholders(sql: str) -> str:
    """A statement written in SQLite's placeholders (``?``, ``:name``) in psycopg's (``%s``, ``%(name)s``)."""
    return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", sql.replace("%", "%%").replace("?", "%s"))


@_connection_loss_is_named
class PostgresState(SQLState):
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
                self.db.execute(f"INSERT INTO {SCHEMA}.schema_version VALUES (%s)", (SCHEMA_VERSION,))
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

    # -- the shared statements (state.SQLState), in psycopg's placeholders ------------------------

    def _run(self, sql: str, params: Any = ()) -> psycopg.Cursor[Any]:
        return self.db.execute(_placeholders(sql), params)

    def _run_many(self, sql: str, rows: Iterable[Any]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(_placeholders(sql), list(rows))

    def _transaction(self) -> AbstractContextManager[Any]:
        return self.db.transaction()

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

    def runs(self) -> list[dict[str, Any]]:
        cursor = self.db.execute(
            "SELECT run_id, started_at, ended_at, status, exit_code, counts, sources FROM runs ORDER BY started_at")
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
