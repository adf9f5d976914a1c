"""Jobs for the extraction pool's tests, importable by its spawned workers (kept light: a worker
imports this module to run them)."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from archiver.workers import process_page


def slow_or_real(url: str, *args: Any) -> Any:
    """``process_page``, except that a URL with "slow" in it takes a minute first."""
    if "slow" in url:
        time.sleep(60)
    return process_page(url, *args)


def die() -> None:
    """Kill the worker that runs this, as the OOM killer would."""
    os.kill(os.getpid(), signal.SIGKILL)
