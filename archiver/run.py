"""Run identifiers: sortable by start time, unique across machines."""

import secrets
from datetime import datetime, timezone


def new_run_id() -> str:
    """``20261127T024313Z-3f9a1c``: UTC start time, then random hex."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)
