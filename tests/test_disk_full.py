"""A disk that fills mid-crawl: the run stops with one line and exit 2, books what it stored, writes its
report, accounts for every post, and a rerun with space stores the rest."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogsim.blogger import generate_site
from tests.conftest import FAST, last_run, read_records, run_cli

POSTS = 400


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A file system of 10 MiB (tmpfs), as root can mount: the crawl's output fills it."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=10m", "tmpfs", str(disk)], capture_output=True,
                             text=True)
    assert mounted.returncode == 0, f"this test mounts a small tmpfs and needs root: {mounted.stderr.strip()}"
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_disk_that_fills_stops_the_run_cleanly_and_a_rerun_stores_the_rest(serve, small_disk: Path,
                                                                               tmp_path: Path) -> None:
    server = serve(generate_site(POSTS, seed=3))
    out = small_disk / "out"
    result = run_cli("crawl", server.url("/"), "--out", str(out), *FAST, "--set", "ARCHIVER_STORE_BATCH_SIZE=20",
                     timeout=300)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("archiver: error:")]
    assert len(errors) == 1 and "no space left on device" in errors[0]
    report = last_run(out)
    assert report["status"] == "failed" and report["exit_code"] == 2
    counts = report["counts"]
    stored = len(read_records(out))
    assert 0 < stored < POSTS and counts["archived"] == stored
    # Every post found is stored, named as failed, or counted as not reached before the stop.
    assert counts["archived"] + counts["failed"] + counts["not_reached"] == counts["found"] == POSTS
    assert "posts found were not reached" in result.stdout

    roomy = tmp_path / "roomy"
    shutil.copytree(out, roomy)
    rerun = run_cli("crawl", server.url("/"), "--out", str(roomy), *FAST, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    records = read_records(roomy)
    assert len(records) == POSTS and len({r["id"] for r in records}) == POSTS
