"""A politeness-bound workload on the cluster: many small blogs, each on a loopback host of its own that
may be asked once a second (``--delay 1``), crawled by 1 and then by 3 workers (`archiver worker`) on this
machine, Redis as broker, the state in PostgreSQL (throw-away servers, as the tests start them).

    .venv/bin/python benchmarks/cluster.py                        # 60 blogs of 8 posts, 2 crawls a worker
    .venv/bin/python benchmarks/cluster.py --blogs 90 --posts 20
    .venv/bin/python benchmarks/cluster.py --s3                   # into one archive on an S3 endpoint (moto)

Prints for each cluster its wall time (the first worker started to the queue empty), posts/s, CPU seconds
per post (the workers and their crawls, all processes; the servers' aside) and the speed-up of 3 workers
over 1. Such a load waits on the hosts' pauses, not on the CPU, so workers add speed until the CPU is busy;
each crawl's start (a Python with Scrapy, an extraction process) costs about 2 CPU seconds, which on
blogs of a few posts is most of a crawl's CPU: the smaller the blogs, the sooner the cores are the limit.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from archiver.demo.server import BlogServer  # noqa: E402
from archiver.session import open_state  # noqa: E402
from archiver.sources import sources_toml  # noqa: E402
from blogsim.blogger import generate_site  # noqa: E402
from tests.moto_s3 import MotoServer  # noqa: E402
from tests.postgres import PostgresCluster  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402


@dataclass
class Result:
    workers: int
    seconds: float
    cpu: float
    posts: int

    def line(self) -> str:
        return (f"{self.workers} worker{'s' if self.workers > 1 else ' '}: {self.seconds:6.1f} s, "
                f"{self.posts / self.seconds:5.2f} posts/s, {self.cpu / max(self.posts, 1) * 1000:5.0f} ms CPU/post "
                f"({self.posts} posts)")


def children_cpu() -> float:
    """CPU seconds of every finished descendant (workers, and the crawls each waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cluster(workers: int, sources: Path, postgres: PostgresCluster, redis: RedisServer, work: Path,
                concurrency: int, s3: MotoServer | None) -> Result:
    state_url, broker = postgres.url(postgres.new_database()), redis.url(redis.new_database())
    # a local folder (a site folder each, OUT/HOST), or one archive in a new bucket
    archive = f"s3://{s3.bucket()}/archive" if s3 else str(work / f"archive-{workers}")
    env = {**os.environ, **(s3.env() if s3 else {})}
    queued = subprocess.run([sys.executable, "-m", "archiver", "enqueue", "--sources", str(sources), "--broker", broker,
                             "--state", state_url], cwd=REPO, capture_output=True, text=True)
    if queued.returncode != 0:
        raise SystemExit(f"enqueue failed: {queued.stderr}")
    cpu, started = children_cpu(), time.monotonic()
    processes = [subprocess.Popen(
        [sys.executable, "-m", "archiver", "worker", "--broker", broker, "--state", state_url, "--out", archive,
         "--concurrency", str(concurrency), "--delay", "1", "--workers", "1", "--set", "ARCHIVER_PROGRESS=never"],
        cwd=REPO, env=env, stdout=open(work / f"worker-{workers}-{n}.log", "wb"), stderr=subprocess.STDOUT,
        start_new_session=True) for n in range(workers)]
    state = open_state(state_url, work)
    try:
        while state.queue():
            time.sleep(0.2)
        seconds = time.monotonic() - started
        posts = state.count_posts()
    finally:
        state.close()
        for process in processes:
            process.send_signal(signal.SIGTERM)  # a warm shutdown: nothing is running any more
        for process in processes:
            process.wait()
    return Result(workers, seconds, children_cpu() - cpu, posts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--blogs", type=int, default=60, help="blogs, each on a loopback host of its own")
    parser.add_argument("--posts", type=int, default=8, help="posts a blog")
    parser.add_argument("--concurrency", type=int, default=2, help="crawls a worker runs at once")
    parser.add_argument("--s3", action="store_true", help="write one archive on an S3 endpoint (moto's server)")
    args = parser.parse_args()
    servers = [BlogServer(generate_site(args.posts, seed=n), host=f"127.0.1.{n + 1}").start() for n in range(args.blogs)]
    postgres, redis = PostgresCluster().start(), RedisServer().start()
    s3 = MotoServer().start() if args.s3 else None
    try:
        with tempfile.TemporaryDirectory(prefix="archiver-cluster-bench-") as folder:
            work = Path(folder)
            sources = work / "sources.toml"
            sources.write_text(sources_toml([{"name": f"blog-{n}", "url": server.url("/")}
                                             for n, server in enumerate(servers)]))
            print(f"{args.blogs} blogs of {args.posts} posts, one loopback host each, --delay 1; "
                  f"{args.concurrency} crawls a worker; {os.cpu_count()} cores; "
                  f"into {'one archive on S3 (moto)' if s3 else 'a local folder'}", flush=True)
            results = []
            for workers in (1, 3):
                results.append(run_cluster(workers, sources, postgres, redis, work, args.concurrency, s3))
                print(results[-1].line(), flush=True)
            print(f"speed-up of 3 workers over 1: {results[0].seconds / results[1].seconds:.2f}x")
    finally:
        if s3:
            s3.stop()
        redis.stop()
        postgres.stop()
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
