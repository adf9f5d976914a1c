"""A walk of a blog whose theme marks nothing: time, memory and requests of judging pages by the posts' shape.

    .venv/bin/python benchmarks/unmarked_walk.py                      # 300 and 1,500 posts; default and 1 MiB kept
    .venv/bin/python benchmarks/unmarked_walk.py --posts 200 --keep-mib 32

The blog is the WordPress simulator's (``tests/sites.py``: ``wordpress_blog``) as an old theme shows it: no
platform classes, no ``og:``/JSON-LD, no ``<article>`` or hAtom (``UnmarkedTheme``), no REST API, no sitemap, and a
feed that shows only its newest 10 posts (``FeedIgnoresPaged``). archiver crawls it as a site of no known
platform (``--platform generic``): the feed names 10 posts, the walk meets every other post as a page nothing
places, and discovery's end judges them by the marks the feed's posts taught (``archiver/spiders/shapes.py``).
Each such page's first answer is kept for the judgement while ``ARCHIVER_WALK_KEEP_BYTES`` allows, and asked for
again past it. Served by archiver's threaded Python server on 127.0.0.1.

Prints, per size and keep bound: posts archived of the blog's, seconds, peak RSS of the crawl's process tree,
requests for post pages (the ideal is one a post) and all requests, and whether the run called itself complete.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pyarrow.dataset as ds

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from archiver.demo.server import BlogServer  # noqa: E402
from proctree import TreeSampler  # noqa: E402  (benchmarks/, the script's own folder)
from tests.sites import FeedIgnoresPaged, UnmarkedTheme, post_paths, wordpress_blog  # noqa: E402

FAST = ["--delay", "0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "CONCURRENT_REQUESTS=16",
        "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "--set", "ARCHIVER_PROGRESS=never"]


def run(posts: int, keep_mib: float, work: Path) -> dict[str, object]:
    blog = wordpress_blog(n_posts=posts, rest_enabled=False, sitemaps=None, posts_per_page=10)
    expected = post_paths(blog)
    out = work / f"out-{posts}-{keep_mib}"
    with BlogServer(FeedIgnoresPaged(UnmarkedTheme(blog))) as server:
        command = [sys.executable, "-m", "archiver", "crawl", server.url("/"), "--out", str(out), "--platform",
                   "generic", *FAST, "--set", f"ARCHIVER_WALK_KEEP_BYTES={int(keep_mib * 2**20)}"]
        started = time.monotonic()
        process = psutil.Popen(command, cwd=REPO, stdout=psutil.subprocess.PIPE, stderr=psutil.subprocess.PIPE)
        sampler = TreeSampler(process)
        stdout, stderr = process.communicate()
        seconds = time.monotonic() - started
        sampler.stop()
        requests = list(server.requests)
    if process.returncode not in (0, 1):
        raise SystemExit(f"crawl failed ({process.returncode}): {stderr.decode()[-2000:]}")
    report = json.loads(sorted((out / "runs").glob("*.json"))[-1].read_text())
    blog_report = report["blogs"][0]
    records = ds.dataset(out / "records", format="parquet", partitioning="hive").to_table(columns=["canonical_url"])
    archived = {urlsplit(url).path for url in records.column("canonical_url").to_pylist()} & expected
    post_requests = sum(1 for target in requests if target.split("?")[0] in expected)
    return {
        "posts": posts, "keep_mib": keep_mib, "archived": len(archived), "expected": len(expected),
        "seconds": seconds, "peak_rss_mb": sampler.peak_bytes / 1e6, "post_requests": post_requests,
        "requests": len(requests), "complete": blog_report["complete"], "exit": process.returncode,
        "incomplete": [line for line in stdout.decode().splitlines() if line.startswith("incomplete")],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, nargs="+", default=[300, 1500])
    parser.add_argument("--keep-mib", type=float, nargs="+", default=[32, 1], help="ARCHIVER_WALK_KEEP_BYTES, MiB")
    parser.add_argument("--out", type=Path, help="keep the crawls' output folders here (default: a temporary folder)")
    args = parser.parse_args()
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    print("| posts | kept (MiB) | archived | seconds | peak RSS (MB) | post-page requests | per post | all requests "
          "| complete, exit |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="archiver-unmarked-") as tmp:
        for posts in args.posts:
            for keep in args.keep_mib:
                row = run(posts, keep, args.out or Path(tmp))
                notes.extend(row["incomplete"])
                print(f"| {row['posts']} | {keep:g} | {row['archived']}/{row['expected']} | {row['seconds']:.1f} "
                      f"| {row['peak_rss_mb']:.0f} | {row['post_requests']} "
                      f"| {row['post_requests'] / max(1, row['expected']):.2f} | {row['requests']} "
                      f"| {row['complete']}, {row['exit']} |", flush=True)
    for line in notes:
        print(f"- {line}")


if __name__ == "__main__":
    main()
