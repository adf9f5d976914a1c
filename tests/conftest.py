"""Shared fixtures: Blogger sites served on 127.0.0.1, a PostgreSQL cluster, an S3 endpoint and a Redis server on 127.0.0.1,
and the archiver CLI run in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TypeVar

import pyarrow.dataset as ds
import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

import archiver.settings

from archiver.demo.server import BlogServer, Site
from tests.moto_s3 import MotoServer
from tests.postgres import PostgresCluster
from tests.redis_server import RedisServer

REPO = Path(__file__).resolve().parent.parent

# Crawls of loopback fixture sites need no politeness delays (AutoThrottle starts at a second a request),
# no back-off before retries, and one extraction worker (a crawl of a few dozen pages spends more on
# starting workers than on them); everything else is as shipped. Tests of politeness set their own.
FAST = ["--delay", "0", "--workers", "1", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "ARCHIVER_BACKOFF_BASE=0"]


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def archiver_crawler(settings: dict[str, Any] | None = None) -> Crawler:
    """A crawler with archiver's settings (its ``ARCHIVER_*`` defaults) and ``settings`` over them; without
    a crawl session unless ``settings`` names an ``ARCHIVER_OUTPUT_DIR`` for it."""
    declared = {name: value for name, value in vars(archiver.settings).items() if name.isupper()}
    return get_crawler(settings_dict={**declared, "ARCHIVER_OUTPUT_DIR": "", **(settings or {})})


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120, env: dict[str, str] | None = None) -> CliResult:
    """Run ``python -m archiver ARGS`` in a subprocess, as a user would."""
    completed = subprocess.run(
        [sys.executable, "-m", "archiver", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


def read_records(out: Path) -> list[dict[str, Any]]:
    """Every record under ``out/records``, read back with pyarrow's hive partitioning."""
    records = out / "records"
    if not records.exists():
        return []
    return ds.dataset(records, format="parquet", partitioning="hive").to_table().to_pylist()


def last_run(out: Path) -> dict[str, Any]:
    """The report of the newest run in ``out/runs``."""
    reports = sorted((out / "runs").glob("*.json"))
    assert reports, f"no run report in {out}"
    return json.loads(reports[-1].read_text())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that serve a site and crawl it are end-to-end (``make test-fast`` leaves them out)."""
    for item in items:
        if "serve" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def serve() -> Iterator[Callable[[Site], BlogServer]]:
    """Start a BlogServer for a site; every server started is stopped after the test."""
    servers: list[BlogServer] = []

    def start(site: Site) -> BlogServer:
        server = BlogServer(site).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


_Service = TypeVar("_Service")


def _started(start: Callable[[], _Service], what: str) -> _Service:
    """``start()``'s server, or the test fails (never skips) naming ``what`` could not start: CI must run it."""
    try:
        return start()
    except Exception as error:
        pytest.fail(f"cannot start the tests' {what}: {error}", pytrace=False)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A throw-away PostgreSQL cluster for this test process (tests/postgres.py), stopped and removed at the
    end."""
    cluster = _started(lambda: PostgresCluster().start(), "PostgreSQL server")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def moto() -> Iterator[MotoServer]:
    """An S3 endpoint for this test process (moto's server, tests/moto_s3.py), stopped at the end."""
    server = _started(lambda: MotoServer().start(), "S3 endpoint (moto)")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis() -> Iterator[RedisServer]:
    """A throw-away Redis server for this test process (tests/redis_server.py), the cluster's broker."""
    server = _started(lambda: RedisServer().start(), "Redis server")
    yield server
    server.stop()
