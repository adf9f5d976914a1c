"""One crawl at a time per output folder: an advisory lock the kernel releases when its holder dies. (One run
a source at a time across machines is the PostgreSQL state's lock: ``SourcesLockedError`` here says so.)"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from archiver.errors import ArchiverError

LOCK_FILE = ".archiver.lock"


class OutputLockedError(ArchiverError):
    """Another archiver run holds this output folder."""

    exit_code = 75  # EX_TEMPFAIL: try again later


class SourcesLockedError(ArchiverError):
    """Another archiver run, on this machine or another, holds a source of this run in the shared state."""

    exit_code = 75  # as a locked folder: try again later


class OutputLock:
    """An exclusive ``flock`` on ``<output>/.archiver.lock``; a SIGKILLed holder frees it too."""

    def __init__(self, output_dir: str | os.PathLike[str]) -> None:
        self.path = Path(output_dir) / LOCK_FILE
        self._handle: int | None = None

    def acquire(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(handle, 64).decode("ascii", "replace").strip()
            os.close(handle)
            who = f" (process {holder})" if holder else ""
            raise OutputLockedError(f"another archiver run is using {self.path.parent}{who}; try again when it ends") from None
        os.ftruncate(handle, 0)
        os.write(handle, str(os.getpid()).encode("ascii"))
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            os.close(self._handle)
            self._handle = None

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
