"""A throw-away PostgreSQL cluster for the tests: made with initdb in a temporary folder, listening on
127.0.0.1 only, on a free port, trusting every local user but one that must give its password.

The programs come from Debian's ``postgresql`` package (``.ci/services`` installs it when missing). initdb
refuses to run as root, so as root the cluster is made and run by the ``postgres`` user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg

#: The role that must give a password (the tests of refused credentials), and its password.
PASSWORD_USER, PASSWORD = "archiver_pw", "right-horse-battery"


class PostgresCluster:
    """``start()`` makes and starts the cluster; ``url(db)`` addresses it; ``stop()`` removes it all."""

    def __init__(self) -> None:
        self.bin = _binaries()
        self.owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        self.folder = Path(tempfile.mkdtemp(prefix="archiver-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.superuser = self.owner.pw_name if self.owner else pwd.getpwuid(os.geteuid()).pw_name

    def start(self) -> "PostgresCluster":
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        if self.owner is not None:
            os.chown(self.folder, self.owner.pw_uid, self.owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "--auth=trust", "--encoding=UTF8", "--no-sync")
        # First match wins: the password user over TCP must give its password; everyone else is trusted.
        hba = self.data / "pg_hba.conf"
        hba.write_text(f"host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
        self._serve()
        with psycopg.connect(self.url("postgres"), autocommit=True) as db:
            db.execute(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'")

    def _serve(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options)

    def crash(self) -> None:
        """Stop the server at once, as a crash or a cut network does to its clients; its data stays."""
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate")

    def restart(self) -> None:
        """Serve again after ``crash``, on the same port, with the same data."""
        self._serve()

    def url(self, database: str, user: str | None = None) -> str:
        return f"postgresql://{user or self.superuser}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new, empty database; its name."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")
            db.execute(f"GRANT ALL ON DATABASE {name} TO {PASSWORD_USER}")
        return name

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        command = [str(self.bin / program), *args]
        if self.owner is not None:
            command = ["runuser", "-u", self.owner.pw_name, "--", *command]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if check and completed.returncode != 0:
            log = self.folder / "log"
            raise RuntimeError(f"{' '.join(command)} failed ({completed.returncode}): {completed.stderr.strip()}"
                               + (f"\nserver log:\n{log.read_text()}" if log.exists() else ""))


def _binaries() -> Path:
    """The newest installed PostgreSQL's programs."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run .ci/services")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
