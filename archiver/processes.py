"""Child processes that die with their parent: extraction workers with the crawl, a crawl with its cluster worker."""

from __future__ import annotations

import ctypes
import signal
import sys

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when the thread that started it ends (``PR_SET_PDEATHSIG``), so
    that a parent killed outright leaves no child behind; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        return False
    return True
