"""Crawl throughput and memory: archiver against a naive Scrapy spider and against its own extraction limit.

    .venv/bin/python benchmarks/crawl.py                       # 2,000 posts, plus RSS at 5,000 and 20,000
    .venv/bin/python benchmarks/crawl.py --posts 500 --rss-posts ""   # a quick look

Generates a Blogger-like blog (blogsim.blogger.generate_site: ~100 KB pages with template CSS, scripts,
sidebars, captioned images, ?m=1 twins, pagers, feed, sitemap), serves it on 127.0.0.1 (nginx over
pre-rendered files when nginx is installed, else archiver's threaded Python server), and measures:
  (a) `archiver crawl` end to end into a fresh output folder;
  (b) the naive baseline (benchmarks/naive_spider.py: follow every link, trafilatura in the callback);
  (c) archiver's extraction alone over the saved post pages with all cores (the ceiling);
  (d) `archiver crawl` again over the unchanged blog (the incremental rerun).
Prints posts/s, CPU seconds (all processes), peak RSS (all processes), a/b, a/c and d.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from archiver.demo.server import BlogServer  # noqa: E402
from archiver.demo.site import BlogSite  # noqa: E402
from archiver.spiders.blogger import feed_page  # noqa: E402
from proctree import TreeSampler  # noqa: E402  (benchmarks/, the script's own folder)
from blogsim.blogger import generate_site  # noqa: E402

# archiver on its own loopback server: no politeness delays, enough requests in flight to keep
# the extraction workers busy. The defaults are for other people's servers.
FAST = ["--delay", "0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "CONCURRENT_REQUESTS=32",
        "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "--set", "ARCHIVER_PROGRESS=never"]


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_rss_mb: float
    posts: int

    @property
    def rate(self) -> float:
        return self.posts / self.seconds if self.seconds else 0.0


# -- serving ----------------------------------------------------------------------------------------


class StaticNginx:
    """nginx over a folder of pre-rendered responses; a URL with a query maps to a file named with it."""

    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port
        self.base_url = f"http://127.0.0.1:{port}"
        conf = root.parent / "nginx.conf"
        # As root, nginx's workers would drop to an account that cannot read our private temp folder.
        user = "user root;" if os.geteuid() == 0 else ""
        conf.write_text(f"""
{user} daemon off; worker_processes 1; pid {root.parent}/nginx.pid; error_log {root.parent}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off; sendfile on; keepalive_timeout 30; default_type text/html;
  types {{ text/html html; application/xml xml; text/plain txt; }}
  client_body_temp_path {root.parent}/tmp; proxy_temp_path {root.parent}/tmp; fastcgi_temp_path {root.parent}/tmp;
  uwsgi_temp_path {root.parent}/tmp; scgi_temp_path {root.parent}/tmp;
  server {{
    listen 127.0.0.1:{port}; root {root};
    location = /robots.txt {{ default_type text/plain; }}
    location /feeds/ {{ default_type application/atom+xml; try_files "/q$uri$is_args$args" $uri =404; }}
    location / {{ try_files "/q$uri$is_args$args" $uri $uri/index.html =404; }}
  }}
}}""")
        (root.parent / "tmp").mkdir(exist_ok=True)
        self.process = subprocess.Popen(["nginx", "-p", str(root.parent), "-c", str(conf)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


def export_site(site: BlogSite, base_url: str, folder: Path, mobile: bool) -> int:
    """Render every URL a crawler may ask for into ``folder``; return how many files."""
    targets = ["/robots.txt", "/", "/sitemap.xml", "/sitemap-pages.xml"]
    for page in range(1, len(site.posts) // site.sitemap_page_size + 2):
        targets.append(f"/sitemap.xml?page={page}")
    for start in range(1, len(site.posts) + 1, 100):
        targets.append("/" + feed_page(start, 100))  # the crawler's own feed addresses
    months = {post.path[:9] for post in site.posts}
    targets += sorted(months) + sorted({m[:6] for m in months})
    for post in site.posts:
        targets.append(post.path)
        if mobile:
            targets.append(post.path + "?m=1")
    for page in site.pages:
        targets.append(page.path)
    count = 0
    for target in targets:
        response = site.route(target, base_url)
        if response.status != 200:
            continue
        path = urlsplit(target).path
        name = folder / ("q" + target if "?" in target else path.lstrip("/"))
        if path.endswith("/"):
            name = name / "index.html" if "?" not in target else name
        name.parent.mkdir(parents=True, exist_ok=True)
        name.write_bytes(response.body)
        count += 1
    return count


class Serving:
    """The blog on 127.0.0.1 for the length of a ``with`` block."""

    def __init__(self, site: BlogSite, work: Path, mobile: bool, server: str) -> None:
        self.site, self.work, self.mobile, self.kind = site, work, mobile, server

    def __enter__(self) -> "Serving":
        use_nginx = self.kind == "nginx" or (self.kind == "auto" and shutil.which("nginx"))
        if use_nginx:
            port = _free_port()
            base = f"http://127.0.0.1:{port}"
            files = export_site(self.site, base, self.work / "www" / "root", self.mobile)
            self.handle = StaticNginx(self.work / "www" / "root", port)
            self.base_url, self.description = base, f"nginx over {files} pre-rendered files"
        else:
            self.handle = BlogServer(self.site).start()
            self.base_url, self.description = self.handle.base_url, "archiver's threaded Python server"
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.stop()
        shutil.rmtree(self.work / "www", ignore_errors=True)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- measuring ---------------------------------------------------------------------------------------


def measure(command: list[str], count_posts, cwd: Path = REPO) -> Run:  # noqa: ANN001
    """Run ``command``; wall time, CPU of it and all its children, peak RSS summed over its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = psutil.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeSampler(process)
    _, stderr = process.communicate()
    seconds = time.monotonic() - started
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, sampler.peak_bytes / 1e6, count_posts())


def archiver_crawl(base_url: str, out: Path, workers: int | None) -> list[str]:
    command = [sys.executable, "-m", "archiver", "crawl", base_url + "/", "--out", str(out), *FAST]
    return command + (["--workers", str(workers)] if workers else [])


def count_records(out: Path) -> int:
    import pyarrow.dataset as ds

    records = out / "records"
    return ds.dataset(records, format="parquet", partitioning="hive").count_rows() if records.exists() else 0


def last_run_report(out: Path) -> dict:
    reports = sorted((out / "runs").glob("*.json"))
    return json.loads(reports[-1].read_text())


def last_run_counts(out: Path) -> dict:
    return last_run_report(out)["counts"]


def count_lines(path: Path) -> int:
    """Distinct posts (canonical URL) the baseline wrote: it meets each post under several URLs."""
    if not path.exists():
        return 0
    urls = {json.loads(line)["url"].split("?")[0] for line in path.read_text().splitlines() if line.strip()}
    return len(urls)


def extraction_ceiling(site: BlogSite, base_url: str, work: Path, jobs: int) -> Run:
    pages = work / "pages"
    pages.mkdir()
    with open(work / "manifest.jsonl", "w") as manifest:
        for number, post in enumerate(site.posts):
            (pages / f"{number}.html").write_bytes(site.route(post.path, base_url).body)
            manifest.write(json.dumps({"id": str(number), "url": base_url + post.path, "path": f"pages/{number}.html"}) + "\n")
    command = [sys.executable, "-m", "archiver", "extract", "--manifest", str(work / "manifest.jsonl"),
               "--output", str(work / "extracted.jsonl"), "--jobs", str(jobs)]
    return measure(command, lambda: sum(1 for _ in open(work / "extracted.jsonl")))


# -- the benchmark ----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=2000, help="posts of the blog for (a)-(d) (default 2000)")
    parser.add_argument("--rss-posts", default="5000,20000", help="blog sizes for the memory scaling runs ('' for none)")
    parser.add_argument("--server", choices=("auto", "nginx", "python"), default="auto")
    parser.add_argument("--workers", type=int, default=None, help="archiver's extraction processes (default: all cores)")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    jobs = args.workers or os.cpu_count() or 1

    with tempfile.TemporaryDirectory(prefix="archiver-bench-") as scratch:
        work = Path(scratch)
        site = generate_site(args.posts, seed=1)
        with Serving(site, work, mobile=not args.skip_baseline, server=args.server) as served:
            print(f"blog: {args.posts} posts served by {served.description} at {served.base_url}/; {os.cpu_count()} cores")
            a = measure(archiver_crawl(served.base_url, work / "a", args.workers), lambda: count_records(work / "a"))
            a_report = last_run_report(work / "a")
            d = measure(archiver_crawl(served.base_url, work / "a", args.workers), lambda: last_run_counts(work / "a")["archived"])
            unchanged = last_run_counts(work / "a")["unchanged"]
            b = None
            if not args.skip_baseline:
                out = work / "b.jsonl"
                # Run outside the repository, so Scrapy's defaults apply and not archiver's settings.
                b = measure([sys.executable, "-m", "scrapy", "runspider", str(REPO / "benchmarks" / "naive_spider.py"),
                             "-a", f"url={served.base_url}/", "-o", str(out)], lambda: count_lines(out), cwd=work)
            c = extraction_ceiling(site, served.base_url, work, jobs)

        rows = [("(a) archiver crawl", a), ("(b) naive spider", b), ("(c) extraction alone, all cores", c),
                ("(d) rerun, unchanged blog", d)]
        print("\n| run | posts | seconds | posts/s | CPU s | peak RSS MB |\n|---|---|---|---|---|---|")
        for name, run in rows:
            if run is not None:
                print(f"| {name} | {run.posts} | {run.seconds:.1f} | {run.rate:.1f} | {run.cpu:.1f} | {run.peak_rss_mb:.0f} |")
        print()
        if b is not None and b.rate:
            print(f"a/b = {a.rate / b.rate:.2f}   (target >= 4)")
        print(f"a/c = {a.rate / c.rate:.2f}   (target >= 0.85)")
        listings, blog = a_report["counts"]["listing_pages"], a_report["blogs"][0]
        print(f"listing requests per archived post in (a): {listings} / {a.posts} = {listings / max(a.posts, 1):.3f} "
              f"(discovery: {blog['discovery']}, {blog['found']} of {blog['expected']} posts found)")
        print(f"d: rerun of the unchanged blog took {d.seconds:.1f} s = {100 * d.seconds / a.seconds:.1f}% of the full crawl "
              f"({unchanged} posts unchanged, {d.posts} written)")

        sizes = [int(s) for s in args.rss_posts.split(",") if s.strip()]
        peaks = {}
        for size in sizes:
            big = generate_site(size, seed=2)
            out = work / f"rss{size}" / "out"
            with Serving(big, work / f"rss{size}", mobile=False, server=args.server) as served:
                (work / f"rss{size}").mkdir(exist_ok=True)
                full = measure(archiver_crawl(served.base_url, out, args.workers), lambda out=out: count_records(out))
                rerun = measure(archiver_crawl(served.base_url, out, args.workers),
                                lambda out=out: last_run_counts(out)["archived"])
            peaks[size] = full.peak_rss_mb
            print(f"{size} posts: full crawl {full.seconds:.1f} s ({full.rate:.1f} posts/s), peak RSS {full.peak_rss_mb:.0f} MB; "
                  f"unchanged rerun {rerun.seconds:.1f} s = {100 * rerun.seconds / full.seconds:.1f}% of the full crawl")
            shutil.rmtree(work / f"rss{size}", ignore_errors=True)
        if len(peaks) >= 2:
            small, large = min(peaks), max(peaks)
            print(f"peak RSS {large} vs {small} posts: {peaks[large]:.0f} / {peaks[small]:.0f} MB = "
                  f"{100 * (peaks[large] / peaks[small] - 1):+.1f}% (target: <= 400 MB and within 15%)")


if __name__ == "__main__":
    main()
