"""The extraction pool: a time limit on every page, a dead worker replaced, workers that die with the crawl."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem

from archiver.items import PageSnapshot
from archiver.pipelines import extract as extract_pipeline
from archiver.session import CrawlSession
from archiver.warc import CapturedResponse
from archiver.workers import ExtractionPool, PageTimeout, WorkerDied, process_page
from tests import pool_jobs
from tests.conftest import REPO, archiver_crawler

POST = "<html><body><article><p>" + "Words of a post. " * 40 + "</p></article></body></html>"


def snapshot(url: str) -> PageSnapshot:
    return PageSnapshot(url=url, final_url=url, html=POST, http_status=200, fetched_at=datetime.now(timezone.utc),
                        source="example.org", platform="generic")


def page_job(n: int) -> tuple[str, CapturedResponse, dict[str, str], None]:
    url = f"https://example.org/2022/01/{n}.html"
    return url, CapturedResponse(url, 200, "OK", [], POST.encode(), datetime.now(timezone.utc)), {}, None


def test_a_page_over_the_time_limit_fails_as_a_timeout_and_the_crawl_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    crawler = archiver_crawler({"ARCHIVER_EXTRACT_WORKERS": 2, "ARCHIVER_EXTRACT_TIMEOUT": 1,
                                "ARCHIVER_OUTPUT_DIR": str(tmp_path), "ARCHIVER_WARC_ENABLED": False})
    session = crawler.get_extension(CrawlSession)
    assert session is not None
    monkeypatch.setattr(extract_pipeline, "process_page", pool_jobs.slow_or_real)
    pipeline = extract_pipeline.ExtractPipeline.from_crawler(crawler)
    crawler.stats.open_spider()
    pipeline.open_spider()
    slow = snapshot("https://example.org/2022/01/slow.html")
    good = [snapshot(f"https://example.org/2022/01/{n}.html") for n in range(3)]

    async def run_all() -> list[object]:
        return await asyncio.gather(*(pipeline.process_item(item) for item in [slow, *good]),
                                    return_exceptions=True)

    started = time.monotonic()
    try:
        outcomes = asyncio.run(run_all())
    finally:
        pipeline.close_spider()
        session.spider_closed("finished")
    assert time.monotonic() - started < 30  # the minute-long page was cut short
    assert isinstance(outcomes[0], DropItem)
    assert all(item.extracted["body"].startswith("Words of a post.") for item in outcomes[1:])  # type: ignore[union-attr]
    assert crawler.stats.get_value("archiver/extract/failed") == 1
    assert crawler.stats.get_value("archiver/extract/ok") == 3
    assert session.failed_posts == [(slow.url, "extraction timed out after 1 s")]


def test_a_killed_worker_is_replaced_and_its_pages_are_extracted_again() -> None:
    with ExtractionPool(2, timeout=30) as pool:
        first = pool.submit(process_page, *page_job(0))
        first.result(timeout=30)  # the workers are up
        jobs = [pool.submit(time.sleep, 0.5) for _ in range(4)] + [pool.submit(process_page, *page_job(n))
                                                                     for n in range(1, 13)]
        victim = pool.pids()[0]
        os.kill(victim, signal.SIGKILL)
        results = [job.result(timeout=30) for job in jobs]
        assert results[:4] == [None] * 4
        assert all(extracted["body"].startswith("Words of a post.") for extracted, _, _ in results[4:])
        assert pool.restarts == 1 and victim not in pool.pids()
        assert pool.submit(pow, 2, 10).result(timeout=30) == 1024  # the pool works after


def test_a_page_whose_worker_dies_twice_fails_by_name_and_the_pool_goes_on() -> None:
    with ExtractionPool(1, timeout=30) as pool:
        with pytest.raises(WorkerDied, match="extraction worker died"):
            pool.submit(pool_jobs.die).result(timeout=30)
        assert pool.restarts == 2
        assert pool.submit(pow, 3, 2).result(timeout=30) == 9


def test_a_job_over_the_limit_in_the_pool_is_a_page_timeout_and_its_worker_goes_on() -> None:
    with ExtractionPool(1, timeout=0.5) as pool:
        slow, quick = pool.submit(time.sleep, 60), pool.submit(pow, 2, 3)
        with pytest.raises(PageTimeout, match=r"extraction timed out after 0\.5 s"):
            slow.result(timeout=30)
        assert quick.result(timeout=30) == 8 and pool.restarts == 0


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for a reaper counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_the_workers_die_with_a_killed_parent() -> None:
    script = textwrap.dedent("""
        import time
        from archiver.workers import ExtractionPool

        if __name__ == "__main__":
            pool = ExtractionPool(2, timeout=60)
            started = [pool.submit(time.sleep, 0.2) for _ in range(2)]
            for job in started:
                job.result()  # both workers are up
            jobs = [pool.submit(time.sleep, 30) for _ in range(4)]
            time.sleep(0.2)  # and busy
            print(*pool.pids(), flush=True)
            time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        pids = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(pid) for pid in pids)
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    orphans = [pid for pid in pids if _alive(pid)]
    for pid in orphans:  # leave nothing behind when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not orphans, f"workers {orphans} outlived their killed parent"


# What a worker must not load: the crawl's framework and the storage layer (about 60 MB a worker).
_NOT_IN_WORKERS = ("scrapy", "twisted", "pyarrow", "celery", "psycopg")


def test_an_extraction_worker_imports_neither_scrapy_nor_pyarrow(tmp_path: Path) -> None:
    # Started as the installed ``archiver`` command starts it: a spawned worker runs the command's script
    # again, which imports archiver.cli, then unpickles its job, which imports archiver.workers.
    script = tmp_path / "archiver_command.py"
    script.write_text(textwrap.dedent("""
        from datetime import datetime, timezone
        from archiver.cli import main
        from archiver.warc import CapturedResponse
        from archiver.workers import ExtractionPool, process_page

        if __name__ == "__main__":
            page = CapturedResponse("http://127.0.0.1/2024/01/post.html", 200, "OK",
                                    [("Content-Type", "text/html")], b"<html><body><article><h1>A post</h1>"
                                    b"<p>Its text, long enough to be a body of a post.</p></article></body></html>",
                                    datetime.now(timezone.utc))
            with ExtractionPool(1, timeout=60) as pool:
                extracted, _, _ = pool.submit(process_page, page.url, page, {}, None).result()
                modules = pool.submit(eval, "sorted(__import__('sys').modules)").result()
            print(extracted["title"])
            print(*modules)
    """))
    done = subprocess.run([sys.executable, str(script)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    title, modules = done.stdout.splitlines()
    assert title == "A post"  # the worker did extract the page
    assert "trafilatura" in modules.split()
    loaded = sorted({name.split(".")[0] for name in modules.split()} & set(_NOT_IN_WORKERS))
    assert not loaded, f"an extraction worker imported {loaded}"


def test_a_manifest_page_over_the_time_limit_is_an_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from archiver.extraction import batch

    real = batch.extract

    def slow_or_real(url: str | None, html: bytes) -> dict[str, object]:
        if url and "slow" in url:
            time.sleep(60)
        return real(url, html)

    real("https://example.org/warm", POST.encode())  # models load on first use: not in the timed pages
    monkeypatch.setattr(batch, "extract", slow_or_real)  # in this process: one job runs no pool
    (tmp_path / "a.html").write_text(POST, encoding="utf-8")
    lines = [{"id": "slow", "url": "https://example.org/slow", "path": "a.html"},
             {"id": "a", "url": "https://example.org/a", "path": "a.html"}]
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "out.jsonl"
    summary = batch.run_manifest(manifest, out, jobs=1, progress=False, timeout=2)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0] == {"id": "slow", "url": "https://example.org/slow",
                       "error": "PageTimeout: extraction timed out after 2 s"}
    assert rows[1]["body"].startswith("Words of a post.")
    assert summary.ok == 1 and summary.failed == 1
