"""Batch extraction of saved pages listed in a manifest: ``archiver extract --manifest FILE.jsonl``.

A manifest is JSON lines ``{"id", "url", "path"}``; ``path`` is relative to the manifest's folder
and names a ``.html`` or ``.html.gz`` file. The output is one JSON line per manifest line, in
manifest order, with ``id`` copied through and the record's fields; a page that cannot be read
or extracted gives ``{"id", "url", "error"}`` and the run goes on.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from archiver.extraction.core import extract

#: Seconds one page may take before it is given up as an error.
PAGE_TIMEOUT = 120


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
) -> BatchSummary:
    """Extract every page of ``manifest`` and write one JSON line per page to ``output`` (stdout if None).

    ``jobs``: worker processes (default: all cores). ``progress``: a progress bar on stderr
    (default: when stderr is a terminal).
    """
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
        for line, cpu in _progress(_results(tasks, jobs), len(tasks), progress):
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


def _results(tasks: list[tuple[dict[str, Any], str]], jobs: int) -> Iterator[tuple[dict[str, Any], float]]:
    if jobs == 1 or len(tasks) <= 1:
        yield from map(extract_entry, tasks)
        return
    # Processes, not threads: extraction is CPU work and trafilatura is not thread-safe.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with context.Pool(jobs, maxtasksperchild=500) as pool:
        yield from pool.imap(extract_entry, tasks, chunksize=4)


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


class _PageTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise _PageTimeout(f"extraction took longer than {PAGE_TIMEOUT}s")


def extract_entry(task: tuple[dict[str, Any], str]) -> tuple[dict[str, Any], float]:
    """Extract one manifest entry; returns its output line and the CPU seconds it took."""
    entry, base = task
    line: dict[str, Any] = {"id": entry.get("id"), "url": entry.get("url")}
    if "error" in entry:
        line["error"] = entry["error"]
        return line, 0.0
    cpu = time.process_time()
    use_alarm = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    previous = None
    try:
        if use_alarm:
            previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.alarm(PAGE_TIMEOUT)
        path = entry.get("path")
        if not path:
            raise ValueError("manifest entry has no path")
        html = read_page(Path(base) / path)
        url = entry.get("url") or None
        record = extract(url, html)
        line.update(record)
    except Exception as error:  # noqa: BLE001 - one bad page must not stop the run
        line = {"id": entry.get("id"), "url": entry.get("url"), "error": f"{type(error).__name__}: {error}"}
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)
    return line, time.process_time() - cpu
