"""Crawls shared by a cluster of workers through Celery, with Redis as the broker.

``enqueue`` puts one task a site: every source of one host in one task, so that a host is crawled by one
worker at a time and its pauses between requests hold across the cluster. A worker (``run_worker``) runs
each task as an ``archiver crawl`` subprocess (one Twisted reactor a process) over the cluster's shared
PostgreSQL state, which keeps the queue too: a source queued or running is not queued again, and
``source_status`` reads each source's last run from it. Tasks are acknowledged once their crawl has ended
(``task_acks_late``), one at a time a worker thread (``worker_prefetch_multiplier``), so the task of a
worker that dies is delivered again: Redis gives it back when it has gone unacknowledged for the visibility
timeout. The run taken up again books what the dead one stored and fetches the rest.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from celery import Celery, Task

from archiver.errors import ArchiverError, InputError, StateUnavailableError
from archiver.objectstore import check_writable, is_object_store, open_store
from archiver.outcome import EXIT_LOCKED
from archiver.session import StateBackend, open_state
from archiver.sources import Source, by_site, source_entry, sources_toml
from archiver.state_postgres import masked
from archiver.processes import die_with_parent

logger = logging.getLogger(__name__)

#: The broker's queue the tasks wait in.
QUEUE = "archiver-crawl"
#: A task whose crawl failed (any exit but 0, 1 and 75: a site that does not answer, a crawl that was
#: killed) is tried again after RETRY_SECONDS, then twice that, up to MAX_FAILURES crawls in all; then it
#: is given up and its sources say ``failed`` until they are enqueued again.
MAX_FAILURES = 3
#: A task whose sources another run holds (exit 75) is tried again after RETRY_SECONDS, with no limit:
#: that run is alive (the locks die with it) and will end.
RETRY_SECONDS = 60.0
#: Seconds a task may go unacknowledged before Redis gives it to another worker: longer than the longest
#: crawl of one site, else a site still being crawled is delivered again (that second delivery finds its
#: sources locked, exits 75, and is tried again later). Celery's own default.
VISIBILITY_TIMEOUT = 3600.0
#: Seconds to wait for the broker.
CONNECT_TIMEOUT = 10.0


app = Celery("archiver")
app.conf.update(
    task_acks_late=True,  # acknowledged when the crawl has ended: a dead worker's task is delivered again
    task_reject_on_worker_lost=True,  # ... also when only the pool's process running it died
    worker_prefetch_multiplier=1,  # a worker holds no task it is not running: idle workers get them
    task_default_queue=QUEUE,
    task_serializer="json",
    accept_content=["json"],
    worker_hijack_root_logger=False,
)


class BrokerUnavailableError(ArchiverError):
    """The broker does not answer or refuses the credentials; the message names it, never its password."""


@dataclass
class WorkerConfig:
    """What every task of this worker needs: the shared state, the output root and the crawl's options."""

    state_url: str
    out: str
    crawl_args: list[str] = field(default_factory=list)
    retry_after: float = RETRY_SECONDS


#: Set by ``run_worker`` before the worker starts; read by the tasks (the threads pool shares it).
_config: WorkerConfig | None = None


def configure(broker: str, visibility_timeout: float = VISIBILITY_TIMEOUT) -> Celery:
    """The app, talking to ``broker``. The unacknowledged tasks are swept for ones past their visibility
    timeout every quarter of it (at most every 10 s, Redis's default), so a dead worker's task comes back
    within about 1.25 times the timeout."""
    app.conf.broker_url = broker
    app.conf.broker_transport_options = {
        "visibility_timeout": visibility_timeout,
        "unacked_restore_interval": max(1.0, min(10.0, visibility_timeout / 4)),
        "unacked_restore_throttle": 1,
        "socket_connect_timeout": CONNECT_TIMEOUT,
        "socket_timeout": CONNECT_TIMEOUT,
    }
    return app


def check_broker(url: str) -> None:
    """Connect to the broker once: raise ``BrokerUnavailableError`` (one line naming it, its password
    masked) when it does not answer or refuses the credentials, ``InputError`` for an address not Redis's."""
    from kombu import Connection
    from redis.exceptions import AuthenticationError, ResponseError

    if urlsplit(url).scheme not in ("redis", "rediss"):
        raise InputError(f"not a Redis address: {masked(url)} (expected redis://[:PASSWORD@]HOST:PORT/N)")
    connection = Connection(url, connect_timeout=CONNECT_TIMEOUT)
    try:
        connection.ensure_connection(max_retries=0, timeout=CONNECT_TIMEOUT)
    except Exception as error:  # kombu wraps redis's errors in its OperationalError
        cause = error.__cause__ or error
        if isinstance(cause, AuthenticationError) or (isinstance(cause, ResponseError) and "WRONGPASS" in str(cause)):
            why = "refused the credentials"
        else:
            why = f"does not answer ({str(cause).strip().rstrip('.') or type(cause).__name__})"
        raise BrokerUnavailableError(f"the broker {masked(url)} {why}") from None
    finally:
        connection.release()


def shared_state(url: str | None) -> StateBackend:
    """The cluster's state: a PostgreSQL database all workers reach (a folder's state.sqlite is one machine's)."""
    if not url:
        raise InputError("a cluster's workers share one state: give --state postgresql://USER@HOST:PORT/DB "
                         "(or $ARCHIVER_STATE_URL)")
    return open_state(url, ".")


@dataclass
class EnqueueReport:
    queued: dict[str, list[str]]  #: site -> the sources its task crawls
    skipped: list[str]  #: sources already queued or running


def enqueue(sources: list[Source], broker: str, state_url: str | None, requeue: bool = False) -> EnqueueReport:
    """Put one task a site on the broker's queue, for the sources not queued or running already; with
    ``requeue``, for those queued too (the broker lost their tasks): the new task claims them, and the old
    one, should it turn up, finds none to crawl. The broker and the state are checked first: nothing is
    queued when either cannot be used."""
    check_broker(broker)
    state = shared_state(state_url)
    configure(broker)
    report = EnqueueReport({}, [])
    try:
        for site, configs in by_site(sources).items():
            task_id = str(uuid.uuid4())
            booked = state.enqueue([config.name for config in configs], task_id, requeue=requeue)
            report.skipped += [config.name for config in configs if config.name not in booked]
            if not booked:
                continue
            entries = [source_entry(config) for config in configs if config.name in booked]
            try:
                crawl_site.apply_async((site, entries), task_id=task_id, retry=False)
            except Exception as error:
                state.dequeue(booked)  # not sent: not queued
                raise BrokerUnavailableError(f"the broker {masked(broker)} refused the task of {site} ({error})") from None
            report.queued[site] = booked
    finally:
        state.close()
    return report


def run_worker(broker: str, config: WorkerConfig, concurrency: int = 1,
               visibility_timeout: float = VISIBILITY_TIMEOUT) -> None:
    """Run a Celery worker for the crawl tasks, ``concurrency`` crawls at once, until it is stopped. The
    broker, the state and an object storage's bucket are checked first. Crawls run in subprocesses, so the
    worker's pool is threads: each waits on its crawl."""
    global _config
    check_broker(broker)
    shared_state(config.state_url).close()
    if is_object_store(config.out):
        check_writable(open_store(config.out))
    configure(broker, visibility_timeout)
    _config = config
    app.worker_main(["worker", "--pool", "threads", "--concurrency", str(concurrency), "--queues", QUEUE,
                     "--hostname", f"archiver-{os.getpid()}@%h", "--loglevel", "INFO",
                     # a crawl task needs no knowledge of the other workers: start at once
                     "--without-gossip", "--without-mingle", "--without-heartbeat"])


def site_output(root: str, site: str) -> str:
    """Where a site's crawl writes. On object storage, the one archive at ``root``: each run finishes its
    files in a scratch folder of its own and uploads them under names no other run uses, and the shared
    state's locks per source keep two runs off one site, so the cluster's crawls share the archive and its
    readers see it whole. In a local folder, the site's own folder under ``root`` (``OUT/HOST``): a folder
    is one run's at a time (its lock), and a site taken up again on the same machine or shared file system
    finds what its killed run wrote there."""
    if is_object_store(root):
        return root
    return str(Path(root) / site)


@app.task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None, name="archiver.crawl_site")
def crawl_site(self: Task, site: str, sources: list[dict[str, Any]], failures: int = 0) -> int:
    """Crawl one site's sources (``source_entry`` tables) with ``archiver crawl``; return its exit code.
    Exit 75 (sources held by another run): tried again later. Another failure: tried again up to
    ``MAX_FAILURES`` crawls, then given up (``failed`` in the state's queue)."""
    config = _config
    if config is None:
        raise RuntimeError("crawl_site runs in an archiver worker (run_worker), which knows the state and output")
    try:
        return _crawl_task(self, config, site, sources, failures)
    except StateUnavailableError as error:
        # The task must not end while its sources are booked as queued or running: try it again later.
        logger.warning("crawl of %s put off: %s", site, error)
        raise self.retry(countdown=config.retry_after) from None


def _crawl_task(self: Task, config: WorkerConfig, site: str, sources: list[dict[str, Any]], failures: int) -> int:
    names = _claim(config, [entry["name"] for entry in sources], self.request.id, self.request.hostname)
    if not names:
        logger.info("task %s of %s has nothing to crawl: its sources were queued again under another task",
                    self.request.id, site)
        return 0
    sources = [entry for entry in sources if entry["name"] in names]
    code, error = _crawl(site, sources, config)
    if code in (0, 1):  # done; 1: some posts failed or an archive is incomplete, which its run says
        _book(config, names, None)
        return code
    if code == EXIT_LOCKED:
        _book(config, names, "queued")
        raise self.retry(countdown=config.retry_after)
    failed = f"exit {code}: {error}" if code > 0 else f"killed by signal {-code}"
    if failures + 1 >= MAX_FAILURES:
        logger.error("giving up %s after %d failed crawls: %s", site, failures + 1, failed)
        _book(config, names, "failed", error=failed)
        return code
    _book(config, names, "queued", error=failed)
    raise self.retry(countdown=config.retry_after * 2 ** failures, args=(site, sources),
                     kwargs={"failures": failures + 1})


def _claim(config: WorkerConfig, sources: list[str], task_id: str, worker: str) -> list[str]:
    """Mark the task's sources as running on this worker, those still queued under this task; return them."""
    state = open_state(config.state_url, ".")
    try:
        return state.claim(sources, task_id, worker)
    finally:
        state.close()


def _book(config: WorkerConfig, sources: list[str], status: str | None, worker: str | None = None,
          error: str | None = None) -> None:
    """Say in the state's queue where a task's sources are (None: done, out of the queue)."""
    state = open_state(config.state_url, ".")
    try:
        if status is None:
            state.dequeue(sources)
        else:
            state.set_queue_status(sources, status, worker=worker, error=error)
    finally:
        state.close()


def _crawl(site: str, sources: list[dict[str, Any]], config: WorkerConfig) -> tuple[int, str]:
    """Run ``archiver crawl`` over the sources; its exit code and its last error line."""
    with tempfile.TemporaryDirectory(prefix="archiver-task-") as folder:
        file = Path(folder) / "sources.toml"
        file.write_text(sources_toml(sources), encoding="utf-8")
        command = [sys.executable, "-m", "archiver", "crawl", "--sources", str(file),
                   "--out", site_output(config.out, site), "--state", config.state_url, *config.crawl_args]
        logger.info("crawling %s: %s", site, ", ".join(entry["name"] for entry in sources))
        completed = subprocess.run(command, capture_output=True, text=True, preexec_fn=_die_with_worker)
    summary = completed.stdout.strip().splitlines()
    errors = [line for line in completed.stderr.splitlines() if line.startswith("archiver: error:")]
    logger.info("crawled %s: exit %d; %s", site, completed.returncode, summary[0] if summary else "no summary")
    return completed.returncode, (errors[-1].removeprefix("archiver: error: ") if errors else "")


def _die_with_worker() -> None:
    """In the crawl's process before it starts: it dies with the worker's thread that started it, so a
    worker killed outright leaves no crawl holding its sources' locks."""
    die_with_parent()


def source_status(state: StateBackend) -> list[dict[str, Any]]:
    """Each source's last run, or its place in the queue: ``source``, ``status`` (queued, running, done,
    incomplete, failed), ``detail`` (when; the run's counts or the failure)."""
    rows: dict[str, dict[str, Any]] = {}
    for run in state.runs():  # oldest first: the last run of a source is the one kept
        for source in run["sources"]:
            rows[source] = {"source": source, **_run_status(run)}
    for entry in state.queue():
        if entry["status"] == "failed":
            detail = f"given up after {entry['attempts']} failed crawls; last: {entry['error']}"
        elif entry["status"] == "running":
            detail = f"since {entry['updated_at']} on {entry['worker']}"
        else:
            detail = f"since {entry['queued_at']}" + (f"; {entry['attempts']} failed crawls, last: {entry['error']}"
                                                      if entry["attempts"] else "")
        rows[entry["source"]] = {"source": entry["source"], "status": entry["status"], "detail": detail}
    return [rows[source] for source in sorted(rows)]


def _run_status(run: dict[str, Any]) -> dict[str, str]:
    counts = json.loads(run["counts"]) if run["counts"] else {}
    when = run["ended_at"] or run["started_at"]
    if run["status"] == "running":
        return {"status": "running", "detail": f"run {run['run_id']} since {run['started_at']}"}
    numbers = ", ".join(f"{counts.get(name, 0)} {name}" for name in ("found", "archived", "unchanged", "failed"))
    if run["status"] == "finished":
        status = "done" if run["exit_code"] == 0 else "incomplete"
    else:
        status = "failed"  # failed, interrupted, killed
    return {"status": status, "detail": f"run {run['run_id']} {run['status']} {when}: {numbers}"}
