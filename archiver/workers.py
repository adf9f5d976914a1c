"""The extraction workers: processes that turn a fetched page into fields, fingerprints and a WARC record.

No Scrapy here: a worker imports only what its job needs.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from archiver.extraction import extract
from archiver.records import Fingerprint, fingerprint
from archiver.warc import CapturedResponse, WarcFile

#: where this worker process writes its WARC records, once it has one to write
_warc_file: WarcFile | None = None


def _ignore_sigint() -> None:
    # Ctrl-C goes to the whole process group; only the parent decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def extraction_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes (default: all cores).

    Processes, because extraction is CPU work and trafilatura is not thread-safe; spawned, not
    forked, because forking a process that runs an event loop and threads is unsafe.
    """
    return ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_ignore_sigint,
    )


def process_page(
    url: str,
    raw: CapturedResponse,
    encoding: str | None,
    hints: dict[str, Any],
    capture_to: tuple[str, str, int] | None,
) -> tuple[dict[str, Any], Fingerprint, tuple[str, str] | None]:
    """A worker's job for one post page: keep it in WARC, extract it, fingerprint its body.

    ``capture_to`` is (output folder, run id, WARC file size limit), or None to keep no raw copy.
    Compressing and digesting the page here keeps that work off the crawl's reactor.
    """
    warc = _warc(*capture_to).write(raw) if capture_to else None
    html = raw.body.decode(encoding or "utf-8", errors="replace")
    # The fetch time dates a page that says only "2 hours ago".
    extracted = extract(url, html, {"fetched": raw.fetched_at.isoformat(), **hints})
    return extracted, fingerprint(extracted.get("body")), warc


def _warc(output_dir: str, run_id: str, max_bytes: int) -> WarcFile:
    global _warc_file  # noqa: PLW0603 - one open WARC file per worker process
    if _warc_file is None or _warc_file.prefix != f"{run_id}-w{os.getpid()}":
        _warc_file = WarcFile(Path(output_dir), f"{run_id}-w{os.getpid()}", max_bytes)
    return _warc_file
