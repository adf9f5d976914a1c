"""The extraction workers: processes that turn a fetched page into fields, fingerprints and a WARC record.

One pool serves every kind of extraction (a crawl's pipeline, ``archiver reextract``, ``archiver
extract --manifest``): ``ExtractionPool``. It gives three promises a long unattended run needs:

- **Every page has a time limit.** A page that extracts for longer than ``timeout`` seconds ends
  with ``PageTimeout`` (the worker's SIGALRM interrupts it) and the worker goes on with the next one.
- **A dead worker is replaced.** When a worker dies (the OOM killer, a SIGKILL, a crash in C code)
  ``ProcessPoolExecutor`` fails every page in flight with ``BrokenProcessPool`` and is unusable; this
  pool starts a new executor and sends each of those pages again, once. A page whose second try dies
  too ends with ``WorkerDied``, so one poisonous page costs itself (and at worst the pages that were
  in flight beside it twice), not the rest of the run.
- **Workers die with their parent.** On Linux each worker asks the kernel for a SIGKILL when the
  thread that started it ends (``PR_SET_PDEATHSIG``): a crawl killed with SIGKILL leaves no workers
  behind holding memory and WARC files open. Workers are started only from threads that live as
  long as the pool (the caller's, or the pool's own keeper thread for replacements), since the
  kernel watches the starting thread, not its process.

No Scrapy here: a worker imports only what its job needs.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

from archiver import settings as defaults
from archiver.extraction import extract
from archiver.processes import die_with_parent
from archiver.extraction.charset import decode_page
from archiver.fingerprints import Fingerprint, fingerprint
from archiver.warc import CapturedResponse, WarcFile

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds a page may take by default (the ``ARCHIVER_EXTRACT_TIMEOUT`` setting's default).
DEFAULT_TIMEOUT: float = defaults.ARCHIVER_EXTRACT_TIMEOUT

#: where this worker process writes its WARC records, once it has one to write
_warc_file: WarcFile | None = None

class PageTimeout(TimeoutError):
    """A page's extraction ran past the pool's time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)  # args stay (seconds,): the error crosses back from the worker by pickle
        self.seconds = seconds

    def __str__(self) -> str:
        return f"extraction timed out after {self.seconds:g} s"


class WorkerDied(RuntimeError):
    """The worker process extracting a page died, and died again when the page was sent once more."""

    def __init__(self, message: str = "extraction worker died") -> None:
        super().__init__(message)


def _start_worker(parent: int) -> None:
    # Ctrl-C goes to the whole process group; only the parent decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A library's warning about its own use ("tzname MI identified but not understood") is nothing a user can
    # act on, and a worker has no log to put it in: it would land on the console between the progress lines.
    warnings.simplefilter("ignore")
    if die_with_parent() and os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def run_limited(seconds: float | None, job: Callable[..., T], *args: Any) -> T:
    """``job(*args)``, interrupted with ``PageTimeout`` after ``seconds`` (None or 0: no limit).

    The limit is a SIGALRM timer, so it works only in a process's main thread (a worker's job runs
    there); elsewhere the job runs without one. It interrupts Python code, and C code (lxml) when it
    returns to Python. A job that catches the interruption and carries on still ends as a timeout.
    """
    if not seconds or not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        return job(*args)
    fired = False

    def on_alarm(signum: int, frame: Any) -> None:
        nonlocal fired
        fired = True
        raise PageTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        result = job(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if fired:  # the job swallowed the PageTimeout (a broad except in a library) and finished late
        raise PageTimeout(seconds)
    return result


class ExtractionPool(Executor):
    """A pool of ``workers`` spawned processes (default: all cores) whose every job has a time limit
    and survives one death of its worker; see the module's docstring.

    Processes, because extraction is CPU work and trafilatura is not thread-safe; spawned, not
    forked, because forking a process that runs an event loop and threads is unsafe.
    ``max_tasks_per_child`` starts a worker anew after that many pages, which returns the memory a
    long run's allocator keeps. An ``Executor``: ``asyncio``'s ``run_in_executor`` takes it.
    """

    def __init__(self, workers: int | None = None, timeout: float | None = DEFAULT_TIMEOUT,
                 max_tasks_per_child: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.timeout = timeout
        self.max_tasks_per_child = max_tasks_per_child
        self.restarts = 0  #: how many times a dead worker took the pool down and it was started anew
        self._lock = threading.RLock()
        self._closed = False
        self._executor = self._new_executor()
        # Pages to send again after a worker died. The callbacks that learn of the death run in the
        # broken executor's thread, which is about to end: new workers are started from this one.
        self._retries: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None] = (
            queue.SimpleQueue())
        self._keeper = threading.Thread(target=self._keep, name="extraction-pool-keeper", daemon=True)
        self._keeper.start()

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
            max_tasks_per_child=self.max_tasks_per_child,
        )

    def pids(self) -> list[int]:
        """The process ids of the workers running now."""
        processes = getattr(self._executor, "_processes", None) or {}
        return list(processes)

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:  # type: ignore[override]
        if kwargs:
            raise TypeError("ExtractionPool jobs take positional arguments only")
        outer: Future[T] = Future()
        self._send(outer, fn, args, retried=False)
        return outer

    def _send(self, outer: Future[Any], fn: Callable[..., Any], args: tuple[Any, ...], retried: bool) -> None:
        with self._lock:
            if self._closed:
                if retried:  # shut down while the page waited for its second try
                    outer.cancel()
                    return
                raise RuntimeError("cannot give work to an extraction pool that is shut down")
            executor = self._executor
            try:
                inner = executor.submit(run_limited, self.timeout, fn, *args)
            except BrokenProcessPool:  # it broke and its callbacks have not replaced it yet
                executor = self._replace(executor)
                inner = executor.submit(run_limited, self.timeout, fn, *args)
        inner.add_done_callback(lambda done: self._settle(outer, done, executor, fn, args, retried))

    def _settle(self, outer: Future[Any], inner: Future[Any], executor: ProcessPoolExecutor,
                fn: Callable[..., Any], args: tuple[Any, ...], retried: bool) -> None:
        if outer.done():  # cancelled by the caller meanwhile
            return
        if inner.cancelled():
            outer.cancel()
            return
        error = inner.exception()
        if isinstance(error, BrokenProcessPool):
            with self._lock:
                self._replace(executor)
            if retried:
                outer.set_exception(WorkerDied())
            else:
                self._retries.put((outer, fn, args))
            return
        if error is not None:
            outer.set_exception(error)
        else:
            outer.set_result(inner.result())

    def _replace(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        """A working executor in place of ``broken`` (once, however many pages report the break)."""
        with self._lock:
            if self._executor is broken and not self._closed:
                self.restarts += 1
                logger.warning("an extraction worker died; the pages it had in flight are sent again")
                self._executor = self._new_executor()
                broken.shutdown(wait=False)  # may run in broken's own thread: never wait for it here
            return self._executor

    def _keep(self) -> None:
        while (retry := self._retries.get()) is not None:
            outer, fn, args = retry
            if not outer.done():
                self._send(outer, fn, args, retried=True)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            executor = self._executor
        executor.shutdown(wait=wait, cancel_futures=cancel_futures)
        self._retries.put(None)
        if wait:
            self._keeper.join()


def extraction_pool(workers: int | None = None, timeout: float | None = DEFAULT_TIMEOUT,
                    max_tasks_per_child: int | None = None) -> ExtractionPool:
    """The extraction pool: ``workers`` processes (default: all cores), ``timeout`` seconds a page."""
    return ExtractionPool(workers, timeout, max_tasks_per_child)


def process_page(
    url: str,
    raw: CapturedResponse,
    hints: dict[str, Any],
    capture_to: tuple[str, str, int] | None,
    max_bytes: int = defaults.ARCHIVER_MAX_EXTRACT_BYTES,
) -> tuple[dict[str, Any], Fingerprint, tuple[str, str] | None]:
    """A worker's job for one post page: keep it in WARC, extract it, fingerprint its body.

    ``capture_to`` is (output folder, run id, WARC file size limit), or None to keep no raw copy;
    ``max_bytes`` the largest page extracted (``ARCHIVER_MAX_EXTRACT_BYTES``).
    Compressing and digesting the page here keeps that work off the crawl's reactor.
    """
    warc = _warc(*capture_to).write(raw) if capture_to else None
    html = decode_page(raw.body, raw.header("content-type"), url)
    # The fetch time dates a page that says only "2 hours ago".
    extracted = extract(url, html, {"fetched": raw.fetched_at.isoformat(), **hints}, max_bytes=max_bytes)
    return extracted, fingerprint(extracted.get("body")), warc


def _warc(output_dir: str, run_id: str, max_bytes: int) -> WarcFile:
    global _warc_file  # noqa: PLW0603 - one open WARC file per worker process
    if _warc_file is None or _warc_file.prefix != f"{run_id}-w{os.getpid()}":
        _warc_file = WarcFile(Path(output_dir), f"{run_id}-w{os.getpid()}", max_bytes)
    return _warc_file
