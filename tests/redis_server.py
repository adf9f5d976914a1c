"""A throw-away Redis server for the tests (the cluster's broker): ``redis-server`` in a temporary folder,
on 127.0.0.1 and a free port, keeping nothing on disk, asking a password (the tests of refused credentials).

The program comes from Debian's ``redis-server`` package (``.ci/services`` installs it when missing).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.postgres import _free_port

PASSWORD = "correct-staple-redis"


class RedisServer:
    """``start()`` starts it; ``url(db)`` addresses database ``db`` with the password; ``stop()`` removes it."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="archiver-redis-"))
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._next_db = 0

    def start(self) -> "RedisServer":
        program = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--requirepass", PASSWORD, "--dir", str(self.folder), "--databases", "64"],
            stdout=open(self.folder / "log", "wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited ({self.process.returncode}): {(self.folder / 'log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not listen within 10 s")

    def url(self, db: int | None = None) -> str:
        return f"redis://:{PASSWORD}@127.0.0.1:{self.port}/{0 if db is None else db}"

    def new_database(self) -> int:
        """A database number no other test of this process uses (each test its own queue)."""
        self._next_db += 1
        return self._next_db

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
