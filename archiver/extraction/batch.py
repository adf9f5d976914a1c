"""Batch extraction of saved pages listed in a manifest: ``archiver extract --manifest FILE.jsonl``.

A manifest is JSON lines ``{"id", "url", "path"}``; ``path`` is relative to the manifest's folder
and names a ``.html`` or ``.html.gz`` file. The output is one JSON line per manifest line, in
manifest order, with ``id`` copied through and the record's fields; a page that cannot be read
or extracted, runs past the time limit (``ARCHIVER_EXTRACT_TIMEOUT``'s default) or whose worker died
twice under it gives ``{"id", "url", "error"}`` and the run goes on. The pages go through the same
extraction pool as a crawl's (``archiver.workers.ExtractionPool``).
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from archiver.extraction.core import extract
from archiver.workers import DEFAULT_TIMEOUT, ExtractionPool, run_limited

#: A worker is started anew after this many pages: the memory a long run's allocator keeps goes back.
PAGES_PER_WORKER = 500


@dataclass
class BatchSummary:
    """What a manifest run did."""

    pages: int = 0
    ok: int = 0
    failed: int = 0
    seconds: float = 0.0  #: wall-clock time of the run
    cpu_seconds: float = 0.0  #: extraction CPU time summed over the workers
    jobs: int = 1
    errors: list[tuple[str, str]] = field(default_factory=list)  #: (id, error) of failed pages

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def pages_per_cpu_second(self) -> float:
        """Throughput of one core: pages per second of extraction CPU time."""
        return self.pages / self.cpu_seconds if self.cpu_seconds else 0.0


def read_page(path: Path) -> bytes:
    """The bytes of a saved page, gunzipped when its name ends in ``.gz``."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def read_manifest(manifest: Path) -> list[dict[str, Any]]:
    """The manifest's entries; a line that is not a JSON object becomes an entry with an ``error``."""
    entries = []
    with manifest.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                if not isinstance(entry, dict):
                    raise ValueError("not a JSON object")
            except ValueError as error:
                entry = {"id": None, "error": f"manifest line {number}: {error}"}
            entries.append(entry)
    return entries


def run_manifest(
    manifest: Path,
    output: Path | None = None,
    jobs: int | None = None,
    progress: bool | None = None,
    timeout: float | None = None,
) -> BatchSummary:
    """Extract every page of ``manifest`` and write one JSON line per page to ``output`` (stdout if None).

    ``jobs``: worker processes (default: all cores). ``progress``: a progress bar on stderr
    (default: when stderr is a terminal). ``timeout``: seconds a page may take (default: a
    crawl's, ``ARCHIVER_EXTRACT_TIMEOUT``).
    """
    if timeout is None:
        timeout = DEFAULT_TIMEOUT
    manifest = Path(manifest)
    entries = read_manifest(manifest)
    base = manifest.parent
    tasks = [(entry, str(base)) for entry in entries]
    jobs = max(1, jobs or os.cpu_count() or 1)
    if progress is None:
        progress = sys.stderr.isatty()
    summary = BatchSummary(jobs=jobs)
    started = time.perf_counter()
    out: TextIO = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        for line, cpu in _progress(_results(tasks, jobs, timeout), len(tasks), progress):
            summary.pages += 1
            summary.cpu_seconds += cpu
            if "error" in line:
                summary.failed += 1
                summary.errors.append((str(line.get("id")), line["error"]))
            else:
                summary.ok += 1
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
        else:
            out.flush()
    summary.seconds = time.perf_counter() - started
    return summary


def _results(tasks: list[tuple[dict[str, Any], str]], jobs: int,
             timeout: float) -> Iterator[tuple[dict[str, Any], float]]:
    """Each task's (output line, CPU seconds), in the tasks' order."""
    if jobs == 1 or len(tasks) <= 1:
        for task in tasks:
            try:
                yield run_limited(timeout, extract_entry, task)
            except Exception as error:  # noqa: BLE001 - a page over the limit is an error line
                yield _failed(task[0], error), 0.0
        return
    # At most a few pages a worker in flight: a manifest of millions is not held in memory.
    window = jobs * 8
    pending: deque[tuple[dict[str, Any], Future[tuple[dict[str, Any], float]]]] = deque()
    with ExtractionPool(jobs, timeout, max_tasks_per_child=PAGES_PER_WORKER) as pool:
        for task in tasks:
            pending.append((task[0], pool.submit(extract_entry, task)))
            if len(pending) >= window:
                yield _outcome(*pending.popleft())
        while pending:
            yield _outcome(*pending.popleft())


def _outcome(entry: dict[str, Any], future: Future[tuple[dict[str, Any], float]]) -> tuple[dict[str, Any], float]:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a timeout or a dead worker fails this page only
        return _failed(entry, error), 0.0


def _failed(entry: dict[str, Any], error: BaseException) -> dict[str, Any]:
    return {"id": entry.get("id"), "url": entry.get("url"), "error": f"{type(error).__name__}: {error}"}


def _progress(results: Iterator[Any], total: int, show: bool) -> Iterator[Any]:
    if not show:
        yield from results
        return
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm ships with the CLI's dependencies
        yield from results
        return
    yield from tqdm(results, total=total, unit="page", file=sys.stderr, dynamic_ncols=True)


def extract_entry(task: tuple[dict[str, Any], str]) -> tuple[dict[str, Any], float]:
    """Extract one manifest entry; returns its output line and the CPU seconds it took.

    The caller sets the time limit (``archiver.workers.run_limited``); a page interrupted by it is
    an error line like any other failure.
    """
    entry, base = task
    line: dict[str, Any] = {"id": entry.get("id"), "url": entry.get("url")}
    if "error" in entry:
        line["error"] = entry["error"]
        return line, 0.0
    cpu = time.process_time()
    try:
        path = entry.get("path")
        if not path:
            raise ValueError("manifest entry has no path")
        html = read_page(Path(base) / path)
        url = entry.get("url") or None
        record = extract(url, html)
        line.update(record)
    except Exception as error:  # noqa: BLE001 - one bad page must not stop the run
        line = _failed(entry, error)
    return line, time.process_time() - cpu
