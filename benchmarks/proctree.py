"""The memory of a process and all its children, sampled while it runs (the crawl and its extraction workers)."""

from __future__ import annotations

import threading
import time

import psutil


class TreeSampler:
    """Samples ``process`` and its descendants every ``interval`` seconds from a thread, until ``stop()``:
    the peak of their summed resident memory, and every process the tree held (to find any left alive)."""

    def __init__(self, process: psutil.Process, interval: float = 0.1) -> None:
        self.process = process
        self.interval = interval
        self.peak_bytes = 0
        self.seen: dict[int, psutil.Process] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self.process, *self.process.children(recursive=True)]
                self.seen.update((p.pid, p) for p in tree)
                self.peak_bytes = max(self.peak_bytes, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass  # a process ended between listing and reading it
            time.sleep(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def alive(self) -> int:
        """How many processes of the tree are still running (not zombies)."""
        return sum(_alive(p) for p in self.seen.values())


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
