"""The process pool that runs extraction: spawned workers that leave Ctrl-C to the parent."""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor


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
