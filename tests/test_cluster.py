"""Crawls shared by many machines: shards of a sources file (``crawl --shard``), and the Celery cluster
(``enqueue``, ``worker``, ``status``) with Redis as broker and the state in PostgreSQL."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from archiver import cluster
from archiver.cluster import source_status
from archiver.demo.server import BlogServer
from archiver.session import open_state
from archiver.sources import by_site, in_shard, load_sources, parse_shard, parse_source, shard_of, site_of, source_entry
from archiver.sources import sources_toml
from blogsim.blogger import generate_site
from tests.conftest import FAST, REPO, run_cli
from tests.moto_s3 import MotoServer
from tests.postgres import PostgresCluster
from tests.redis_server import PASSWORD, RedisServer


def write_sources(path: Path, entries: list[dict[str, object]]) -> Path:
    path.write_text(sources_toml(entries), encoding="utf-8")
    return path


# -- shards ------------------------------------------------------------------------------------------

def test_shards_partition_the_sources_by_host(tmp_path: Path) -> None:
    entries = [{"name": f"blog-{i}", "url": f"https://{'www.' if i % 5 == 0 else ''}host{i % 13}.example/b{i}/"}
               for i in range(60)]
    sources = load_sources(write_sources(tmp_path / "sources.toml", entries))
    for count in (1, 2, 3, 7):
        shards = [in_shard(sources, index, count) for index in range(count)]
        names = [source.name for shard in shards for source in shard]
        assert sorted(names) == sorted(source.name for source in sources)  # each source in exactly one shard
        for shard in shards:  # a host's sources together, whatever www. they are given with
            assert all(shard_of(site_of(source), count) == shards.index(shard) for source in shard)
        assert in_shard(sources, 0, count) == shards[0]  # deterministic
    assert len(by_site(sources)) == 13
    assert all(len(in_shard(sources, index, 3)) for index in range(3))


@pytest.mark.parametrize("value", ["0/0", "3/2", "2/2", "-1/2", "x", "1", "1/x", ""])
def test_a_shard_must_be_one_of_n(value: str) -> None:
    with pytest.raises(ValueError, match="expected I/N with 0 <= I < N"):
        parse_shard(value)


def test_the_command_refuses_a_bad_shard_in_one_line(tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "sources.toml", [{"url": "http://127.0.0.1:9/"}])
    for value in ("0/0", "3/2", "junk"):
        result = run_cli("crawl", "--sources", str(sources), "--shard", value, "--out", str(tmp_path / "out"))
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [
            f"archiver: error: --shard: expected I/N with 0 <= I < N (e.g. 0/4), got {value!r}"]
    result = run_cli("crawl", "http://127.0.0.1:9/", "--shard", "0/2", "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "give --sources FILE, not URLs" in result.stderr


def test_a_source_travels_in_a_task_as_its_table(tmp_path: Path) -> None:
    source = parse_source({"name": "a b", "url": "https://www.example.org/opinion/", "since": "2024-01-01",
                           "exclude": ['\\d"x'], "delay": 1.5, "limit": 3, "include_pages": True, "scope": "/opinion"})
    assert load_sources(write_sources(tmp_path / "s.toml", [source_entry(source)])) == [source]


def test_a_sites_crawl_writes_into_the_one_archive_on_object_storage_and_its_own_folder_in_a_local_one() -> None:
    assert cluster.site_output("s3://bucket/archive", "127.0.0.2") == "s3://bucket/archive"
    assert cluster.site_output("/srv/data/", "example.org") == "/srv/data/example.org"


# -- the broker: checked first -------------------------------------------------------------------------

def test_a_broker_that_does_not_answer_or_refuses_is_one_line_before_anything(
        redis: RedisServer, postgres: PostgresCluster, tmp_path: Path) -> None:
    state = postgres.url(postgres.new_database())
    wrong = f"redis://:not-{PASSWORD}@127.0.0.1:{redis.port}/0"
    cases = [("redis://:hunter2@127.0.0.1:1/0", "the broker redis://:***@127.0.0.1:1/0 does not answer "
                                                "(Error 111 connecting to 127.0.0.1:1. Connection refused)"),
             (wrong, f"the broker redis://:***@127.0.0.1:{redis.port}/0 refused the credentials"),
             (f"redis://127.0.0.1:{redis.port}/0", f"the broker redis://127.0.0.1:{redis.port}/0 refused the credentials")]
    for broker, message in cases:
        for command in (["enqueue", "http://127.0.0.1:9/"], ["worker", "--out", str(tmp_path / "out")]):
            result = run_cli(*command, "--broker", broker, "--state", state)
            assert result.returncode == 2, result.stderr
            assert result.stderr.strip().splitlines() == [f"archiver: error: {message}"]
            assert "hunter2" not in result.stderr and f"not-{PASSWORD}" not in result.stderr
    assert not (tmp_path / "out").exists()
    queue = open_state(state, tmp_path)
    try:
        assert queue.queue() == []  # nothing was queued
    finally:
        queue.close()


def test_a_worker_whose_bucket_cannot_be_used_says_so_in_one_line_before_anything(
        redis: RedisServer, postgres: PostgresCluster, moto: MotoServer) -> None:
    state, broker = postgres.url(postgres.new_database()), redis.url(redis.new_database())
    readable_only = f"s3://{moto.bucket()}/archive"
    cases = [("s3://no-such-bucket/archive", moto.env(), f"bucket no-such-bucket does not exist at {moto.endpoint}"),
             (readable_only, moto.env(moto.reader), f"cannot write to {readable_only} at {moto.endpoint}: AWS Error ACCESS_DENIED")]
    for out, env, message in cases:
        result = run_cli("worker", "--broker", broker, "--state", state, "--out", out, env=env)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith(f"archiver: error: {message}"), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_enqueueing_again_queues_nothing_twice(redis: RedisServer, postgres: PostgresCluster, tmp_path: Path) -> None:
    import redis as redis_client

    state, broker = postgres.url(postgres.new_database()), redis.url(redis.new_database())
    sources = write_sources(tmp_path / "sources.toml", [
        {"name": "one", "url": "http://127.0.0.2:8001/"}, {"name": "two", "url": "http://127.0.0.2:8002/"},
        {"name": "three", "url": "http://127.0.0.3:8001/"}])
    first = run_cli("enqueue", "--sources", str(sources), "--broker", broker, "--state", state)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == ["queued 127.0.0.2: one, two", "queued 127.0.0.3: three",
                                         "2 tasks queued for 3 sources"]
    again = run_cli("enqueue", "--sources", str(sources), "--broker", broker, "--state", state)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == ["already queued or running, left as they are: one, two, three",
                                         "0 tasks queued for 0 sources"]
    assert redis_client.Redis.from_url(broker).llen("archiver-crawl") == 2
    listed = run_cli("status", "--state", state)
    assert [line.split()[:2] for line in listed.stdout.splitlines()[:-1]] == [
        ["one", "queued"], ["three", "queued"], ["two", "queued"]]
    assert listed.stdout.splitlines()[-1] == "3 sources: 3 queued"


def test_tasks_a_broker_lost_are_sent_again_with_requeue_and_the_lost_ones_crawl_nothing(
        redis: RedisServer, postgres: PostgresCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import redis as redis_client

    state_url, broker = postgres.url(postgres.new_database()), redis.url(redis.new_database())
    sources = write_sources(tmp_path / "sources.toml", [
        {"name": "one", "url": "http://127.0.0.2:8001/"}, {"name": "two", "url": "http://127.0.0.3:8001/"}])
    assert run_cli("enqueue", "--sources", str(sources), "--broker", broker, "--state", state_url).returncode == 0
    queue = redis_client.Redis.from_url(broker)
    # Each lost task: its id and its arguments (Celery's message: the body is base64 JSON [args, kwargs, ...]).
    lost = [(json.loads(message)["headers"]["id"], json.loads(base64.b64decode(json.loads(message)["body"]))[0])
            for message in queue.lrange("archiver-crawl", 0, -1)]
    assert sorted(args[0] for _, args in lost) == ["127.0.0.2", "127.0.0.3"]
    queue.flushdb()  # a broker restarted without persistence
    again = run_cli("enqueue", "--sources", str(sources), "--broker", broker, "--state", state_url)
    assert again.stdout.splitlines()[-1] == "0 tasks queued for 0 sources"
    requeued = run_cli("enqueue", "--sources", str(sources), "--broker", broker, "--state", state_url, "--requeue")
    assert requeued.returncode == 0, requeued.stderr
    assert requeued.stdout.splitlines()[-1] == "2 tasks queued for 2 sources"
    assert queue.llen("archiver-crawl") == 2

    # A lost task that turns up after all crawls nothing.
    monkeypatch.setattr(cluster, "_config", cluster.WorkerConfig(state_url=state_url, out=str(tmp_path), retry_after=0))
    ran: list[str] = []
    monkeypatch.setattr(cluster, "_crawl", lambda site, entries, config: (ran.append(site), (0, ""))[1])
    for task_id, args in lost:
        cluster.crawl_site.apply(tuple(args), task_id=task_id)
    assert ran == []
    state = open_state(state_url, tmp_path)
    try:
        assert {row["source"]: row["status"] for row in state.queue()} == {"one": "queued", "two": "queued"}
    finally:
        state.close()


def test_status_says_each_sources_last_run(postgres: PostgresCluster, tmp_path: Path) -> None:
    state = open_state(postgres.url(postgres.new_database()), tmp_path)
    try:
        state.start_run("20260101T000000Z-aaaaaa", ["a", "b"])
        state.finish_run("20260101T000000Z-aaaaaa", "finished", 0, {"found": 4, "archived": 4})
        state.start_run("20260102T000000Z-bbbbbb", ["b"])
        state.finish_run("20260102T000000Z-bbbbbb", "finished", 1, {"found": 5, "archived": 4, "failed": 1})
        state.start_run("20260103T000000Z-cccccc", ["c"])
        state.finish_run("20260103T000000Z-cccccc", "failed", 2, {})
        state.enqueue(["d", "e"], "t1")
        state.set_queue_status(["e"], "running", worker="w1")
        rows = {row["source"]: row for row in source_status(state)}
    finally:
        state.close()
    assert {source: row["status"] for source, row in rows.items()} == {
        "a": "done", "b": "incomplete", "c": "failed", "d": "queued", "e": "running"}
    assert rows["b"]["detail"].endswith("5 found, 4 archived, 0 unchanged, 1 failed")
    assert rows["e"]["detail"].endswith("on w1")


@pytest.mark.parametrize("codes, status, attempts, crawls", [
    ([2, 2, 2, 2], "failed", 3, 3),  # given up after MAX_FAILURES crawls
    ([-9, 0], None, 0, 2),  # a crawl killed outright, then done
    ([75, 75, 1], None, 0, 3),  # sources held by another run: tried again, not counted; exit 1 is done
])
def test_a_task_is_tried_again_and_given_up_after_three_failures(
        codes: list[int], status: str | None, attempts: int, crawls: int, postgres: PostgresCluster, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = postgres.url(postgres.new_database())
    monkeypatch.setattr(cluster, "_config", cluster.WorkerConfig(state_url=url, out=str(tmp_path), retry_after=0))
    results = iter(codes)
    ran: list[str] = []

    def crawl(site: str, sources: list[dict[str, object]], config: cluster.WorkerConfig) -> tuple[int, str]:
        ran.append(site)
        return next(results), "example.org: host example.org not found"

    monkeypatch.setattr(cluster, "_crawl", crawl)
    state = open_state(url, tmp_path)
    try:
        state.enqueue(["example"], "t1")
        cluster.crawl_site.apply(("example.org", [{"name": "example", "url": "https://example.org/"}]), task_id="t1")
        rows = state.queue()
    finally:
        state.close()
    assert len(ran) == crawls  # eager: each retry runs at once
    if status is None:
        assert rows == []
    else:
        assert [(row["status"], row["attempts"], row["error"]) for row in rows] == [
            (status, attempts, "exit 2: example.org: host example.org not found")]


def test_a_workers_crawl_options_go_to_each_crawl() -> None:
    from archiver.cli import _crawl_argv

    options = {"out": "/srv/data", "delay": 1.0, "contact": None, "workers": 2, "max_run_time": None,
               "log_file": "crawls.log", "verbose": True, "allow_private": True, "overrides": ("CONCURRENT_REQUESTS=4",)}
    assert _crawl_argv(options) == ["--delay", "1.0", "--workers", "2", "--log-file", "crawls.log", "--allow-private",
                                    "--set", "CONCURRENT_REQUESTS=4"]


# -- the cluster ---------------------------------------------------------------------------------------

HOSTS, BLOGS_A_HOST, POSTS = 10, 3, 5


@pytest.mark.e2e
def test_three_workers_archive_every_post_once_into_object_storage_though_one_is_killed(
        redis: RedisServer, postgres: PostgresCluster, moto: MotoServer, tmp_path: Path) -> None:
    """30 blogs on 10 loopback hosts, 3 workers writing one archive on object storage; the worker crawling the
    slow host is killed (SIGKILL, its whole process group: a machine lost) once that host's first posts are
    stored. Another worker takes the host up after the visibility timeout; every post ends archived once, and
    the archive exports as the same blogs crawled by one machine into a folder do."""
    state_url, broker = postgres.url(postgres.new_database()), redis.url(redis.new_database())
    archive = f"s3://{moto.bucket()}/cluster"
    servers, entries = [], []
    for host in range(HOSTS):
        address = f"127.0.0.{40 + host}"
        for blog in range(BLOGS_A_HOST):
            server = BlogServer(generate_site(POSTS, seed=host * BLOGS_A_HOST + blog), host=address).start()
            servers.append(server)
            # The slow host: a pause between requests long enough for its crawl to be caught in the middle.
            entries.append({"name": f"blog-{host}-{blog}", "url": server.url("/"), **({"delay": 0.2} if host == 0 else {})})
    slow = {entry["name"] for entry in entries if "delay" in entry}
    sources = write_sources(tmp_path / "sources.toml", entries)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        queued = run_cli("enqueue", "--sources", str(sources), "--broker", broker, "--state", state_url)
        assert queued.returncode == 0 and f"{HOSTS} tasks queued" in queued.stdout, queued.stderr
        for number in range(3):
            workers.append(subprocess.Popen(
                [sys.executable, "-m", "archiver", "worker", "--broker", broker, "--state", state_url, "--out", archive,
                 # records stored a few at a time, so that a crawl killed in the middle has stored some
                 "--visibility-timeout", "12", "--retry-after", "1", *FAST, "--set", "ARCHIVER_STORE_BATCH_SIZE=3"],
                cwd=REPO, env={**os.environ, **moto.env()}, stdout=open(tmp_path / f"worker-{number}.log", "wb"),
                stderr=subprocess.STDOUT, start_new_session=True))
        state = open_state(state_url, tmp_path)
        try:
            victim = _wait_for_first_posts(state, slow, workers)
            os.killpg(victim.pid, signal.SIGKILL)
            victim.wait()
            deadline = time.monotonic() + 90
            while state.queue() and time.monotonic() < deadline:
                time.sleep(0.5)
            assert state.queue() == [], _logs(tmp_path)
            runs = state.runs()
            rows = source_status(state)
            booked = state.count_posts()
        finally:
            state.close()
        # The same blogs crawled by one machine into a folder, with its own state.
        alone = run_cli("crawl", "--sources", str(sources), "--out", str(tmp_path / "one-machine"), *FAST, timeout=300)
        assert alone.returncode == 0, alone.stderr
    finally:
        for process in workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for server in servers:
            server.stop()
    exported = run_cli("export", archive, "--to", str(tmp_path / "cluster-export"), "--format", "jsonl", env=moto.env())
    assert exported.returncode == 0, exported.stderr
    rows_exported = export_rows(tmp_path / "cluster-export")
    urls = Counter(row["canonical_url"] for row in rows_exported)
    assert len(urls) == HOSTS * BLOGS_A_HOST * POSTS and set(urls.values()) == {1}  # every post, once
    assert booked == len(urls)
    assert run_cli("export", str(tmp_path / "one-machine"), "--to", str(tmp_path / "one-machine-export"),
                   "--format", "jsonl").returncode == 0
    one_machine = export_rows(tmp_path / "one-machine-export")
    assert {row["id"]: row["body"] for row in rows_exported} == {row["id"]: row["body"] for row in one_machine}
    # The slow host's run was killed, and a run of another worker finished it.
    slow_runs = [run["status"] for run in runs if set(run["sources"]) == slow]
    assert slow_runs == ["killed", "finished"], runs
    assert {row["status"] for row in rows} == {"done"} and len(rows) == HOSTS * BLOGS_A_HOST


def export_rows(folder: Path) -> list[dict[str, Any]]:
    """The rows of a JSON lines export."""
    return [json.loads(line) for path in sorted((folder / "data").rglob("*.jsonl")) for line in path.read_text().splitlines()]


def _wait_for_first_posts(state, slow: set[str], workers: list[subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
    """The worker crawling the slow host, once that crawl has stored posts."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        running = [row for row in state.queue() if row["source"] in slow and row["status"] == "running"]
        if running and state.stored_records(slow):
            pid = int(running[0]["worker"].split("@")[0].removeprefix("archiver-"))
            return next(process for process in workers if process.pid == pid)
        time.sleep(0.1)
    raise AssertionError("the slow host's crawl did not store a post within 60 s")


def _logs(folder: Path) -> str:
    return "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for log in folder.glob("worker-*.log"))
