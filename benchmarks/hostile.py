"""Hostile sites, broken pages and faults, at the sizes that once broke a crawl: each served on 127.0.0.1
and crawled by `archiver crawl` with its default bounds (no pause between requests, to keep it short).

    .venv/bin/python benchmarks/hostile.py              # every case (a few minutes)
    .venv/bin/python benchmarks/hostile.py --case bomb  # the cases whose names contain "bomb"

Prints per case: the exit code, wall time, peak memory of the crawl's whole process tree (the crawl and
its extraction workers, sampled every 0.1 s), requests the site answered, records stored, processes of
the crawl still alive two seconds after it ended, and what the summary said beyond its counts (a
refusal, a failure, an incomplete listing, an error; else the log's warning of a cap reached).
The behaviours are blogsim/hostile.py's; tests/test_hostile.py runs them small.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from archiver.demo.responses import Response  # noqa: E402
from archiver.demo.sample import sample_site  # noqa: E402
from archiver.demo.server import BlogServer  # noqa: E402
from proctree import TreeSampler  # noqa: E402  (benchmarks/, the script's own folder)
from blogsim.blogger import generate_site  # noqa: E402
from blogsim.hostile import (  # noqa: E402
    EndlessFeed, FeedPagesWithoutEnd, PostAnswers, RedirectLoop, RedirectsElsewhere, SitemapChain, control_characters,
    gzip_bomb, huge_page, lying_charset, many_paragraphs, nested_divs, undeclared_windows_1252,
)



@dataclass
class Case:
    name: str
    issue: str  #: what happened before (the issue's words)
    site: Callable[[str], object]  #: the served site, given the port it will be served on
    fault: Callable[[psutil.Popen], None] | None = None  #: something done to the running crawl
    small_disk: bool = False
    #: done to the output folder before the measured crawl, given the folder and the start address
    prepare: Callable[[Path, str], None] | None = None


def one_post(answer: Callable[[], Response]) -> Callable[[str], object]:
    def site(port: str) -> object:
        blog = sample_site()
        return PostAnswers(blog, blog.posts[0].path, answer())
    return site


def private_redirects(port: str) -> object:
    blog = sample_site()
    return RedirectsElsewhere(blog, {blog.posts[0].path: "http://169.254.169.254/latest/meta-data/",
                                     blog.posts[1].path: f"http://localhost:{port}/private.html",
                                     blog.posts[2].path: "http://[::ffff:10.0.0.1]/"})


def redirect_loop(port: str) -> object:
    blog = sample_site()
    return RedirectLoop(blog, blog.posts[0].path, blog.posts[1].path)


def truncated_record_file(out: Path, url: str) -> None:
    """An archive of the blog, one of whose record files a disk fault cut in half."""
    subprocess.run([sys.executable, "-m", "archiver", "crawl", url, "--out", str(out), "--delay", "0"], cwd=REPO,
                   capture_output=True, check=True)
    damaged = sorted((out / "records").glob("source=*/year=*/part-*.parquet"))[0]
    damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])


def kill_a_worker(process: psutil.Popen) -> None:
    """SIGKILL one extraction worker once the crawl is under way, as the kernel's OOM killer would."""
    time.sleep(4)
    workers = [p for p in process.children(recursive=True) if "multiprocessing" in " ".join(p.cmdline())]
    if workers:
        workers[0].send_signal(signal.SIGKILL)


def kill_the_crawl(process: psutil.Popen) -> None:
    """SIGKILL the crawl itself: its workers must not live on."""
    time.sleep(4)
    process.send_signal(signal.SIGKILL)


CASES = [
    Case("private redirects", "followed, archived, kept in WARC", private_redirects),
    Case("feed claims 1,000,000 entries", "fetches without bound", lambda port: EndlessFeed(sample_site())),
    Case("feed pages without end", "fetches without bound", lambda port: FeedPagesWithoutEnd(sample_site())),
    Case("sitemap index chain", "fetches without bound", lambda port: SitemapChain(sample_site())),
    Case("gzip bomb 10 MB to 10 GB", "1.2-1.45 GiB peak", one_post(lambda: gzip_bomb(10 << 30))),
    Case("5 MB page", "15 s", one_post(lambda: huge_page(5 << 20))),
    Case("20 MB page", "running after 300 s", one_post(lambda: huge_page(20 << 20))),
    Case("100 MB page", "running after 300 s", one_post(lambda: huge_page(100 << 20))),
    Case("20,000 paragraphs", "133 s", one_post(lambda: many_paragraphs(20_000))),
    Case("100,000 nested divs", "empty body, no failure", one_post(lambda: nested_divs(100_000))),
    Case("control characters", "no record", one_post(control_characters)),
    Case("undeclared cp1252", "mojibake", one_post(undeclared_windows_1252)),
    Case("shift_jis header over UTF-8", "mojibake", one_post(lying_charset)),
    Case("redirect loop", "dropped silently, exit 0", redirect_loop),
    Case("extraction worker killed", "2,465 of 3,000 failed", lambda port: generate_site(600, seed=5),
         fault=kill_a_worker),
    Case("crawl killed (SIGKILL)", "workers live on for minutes", lambda port: generate_site(600, seed=5),
         fault=kill_the_crawl),
    Case("disk full", "exit 1, posts unaccounted, no report", lambda port: generate_site(400, seed=3),
         small_disk=True),
    Case("truncated record file, next crawl", '"30 unchanged, 0 archived"', lambda port: sample_site(),
         prepare=truncated_record_file),
]

#: bad input: (what the user typed after `archiver`, the traceback or silence it once gave)
BAD_INPUT = [
    (["crawl", "http://[::1", "--out", "{out}"], "traceback"),
    (["crawl", "http://127.0.0.1:99999/", "--out", "{out}"], "traceback"),
    (["crawl", "http://127.0.0.1:9/", "--out", "{out}", "--workers", "-3"], "traceback"),
    (["crawl", "http://127.0.0.1:9/", "--out", "{out}", "--set", "CONCURRENT_REQUESTS=abc"], "traceback"),
    (["crawl", "http://127.0.0.1:9/", "--out", "{out}", "--delay", "inf"], "accepted, the crawl hangs"),
    (["extract", "{binary}"], "traceback"),
    (["sources", "check", "--offline", "--sources", "{sources}"], "passes; the crawl prints a traceback"),
    (["stats", "{damaged}"], "refuses the whole archive"),
]


def crawl(case: Case, work: Path) -> dict[str, object]:
    server = BlogServer(_Deferred())
    server.start()
    port = server.base_url.rsplit(":", 1)[1]
    server.site.target = case.site(port)  # type: ignore[attr-defined]
    out = work / "out"
    if case.prepare is not None:
        case.prepare(out, server.url("/"))
    mounted = False
    if case.small_disk:
        out.mkdir(parents=True)
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=10m", "tmpfs", str(out)]).returncode == 0
        if not mounted:
            return {"case": case.name, "said": "skipped: mounting a small tmpfs needs root"}
    command = [sys.executable, "-m", "archiver", "crawl", server.url("/"), "--out", str(out), "--delay", "0",
               "--set", "AUTOTHROTTLE_ENABLED=False"]
    started = time.monotonic()
    process = psutil.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(process)
    if case.fault is not None:
        threading.Thread(target=case.fault, args=(process,), daemon=True).start()
    try:
        summary, log = process.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        process.kill()
        summary, log = process.communicate()
        summary += "\n(still running after 900 s: killed)"
    seconds = time.monotonic() - started
    sampler.stop()
    time.sleep(2)  # what dies with the crawl has had its time
    orphans = sampler.alive()
    records = _count_records(out)
    server.stop()
    if mounted:
        subprocess.run(["umount", "-l", str(out)])
    said = re.sub(r"https?://[^\s/]+[^\s:]*", "<url>", " / ".join(_summary_lines(summary, log)[:2]))
    return {"case": case.name, "before": case.issue, "exit": process.returncode, "seconds": seconds,
            "peak_mib": sampler.peak_bytes / (1 << 20), "requests": len(server.requests), "records": records,
            "orphans": orphans, "said": said}


class _Deferred:
    """The site a server answers with, set once the server's port is known (some cases name it)."""

    target: object = None

    def route(self, target: str, base_url: str) -> Response:
        return self.target.route(target, base_url)  # type: ignore[attr-defined]


def bad_input(work: Path) -> list[dict[str, object]]:
    """Each bad invocation: its exit code, time, and the lines it printed on stderr (one, if all is well)."""
    (work / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (work / "sources.toml").write_text('[[source]]\nurl = "http://127.0.0.1:99999/"\n')
    damaged = work / "damaged"
    server = BlogServer(sample_site())
    server.start()
    truncated_record_file(damaged, server.url("/"))
    server.stop()
    places = {"out": str(work / "out"), "binary": str(work / "binary.html"), "sources": str(work / "sources.toml"),
              "damaged": str(damaged)}
    rows = []
    for args, before in BAD_INPUT:
        command = [part.format(**places) for part in args]
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "archiver", *command], cwd=REPO, capture_output=True, text=True,
                              timeout=120)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        rows.append({"case": "archiver " + " ".join(args), "before": before, "exit": done.returncode,
                     "seconds": time.monotonic() - started, "lines": len(lines),
                     "said": lines[-1] if lines else ""})
    return rows


def _summary_lines(summary: str, log: str) -> list[str]:
    """What the summary said beyond its counts (failures, incomplete listings, errors), else the log's
    first warning about a listing (a cap reached on a blog that is whole nonetheless)."""
    said = [line.strip() for line in log.splitlines() if line.startswith("archiver: error:")]
    said += [line.strip() for line in summary.splitlines() if not line.startswith(("run ", "data: "))]
    return said or [line.strip() for line in log.splitlines() if "ARCHIVER_" in line or "repeats" in line][:1]


def _count_records(out: Path) -> int:
    import pyarrow.parquet as pq

    files = [p for p in (out / "records").glob("source=*/year=*/*.parquet") if not p.name.startswith((".", "_"))]
    return sum(pq.read_metadata(p).num_rows for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", default="", help="only the cases whose names contain this")
    args = parser.parse_args()
    print("| case | before | exit | wall s | peak MiB (tree) | requests | records | orphans | the summary said |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for case in CASES:
        if args.case not in case.name:
            continue
        with tempfile.TemporaryDirectory(prefix="hostile-") as work:
            row = crawl(case, Path(work))
        if "exit" not in row:
            print(f"| {row['case']} | | | | | | | | {row['said']} |", flush=True)
            continue
        said = str(row["said"]).replace("|", "/")
        print(f"| {row['case']} | {row['before']} | {row['exit']} | {row['seconds']:.1f} | {row['peak_mib']:.0f} | "
              f"{row['requests']} | {row['records']} | {row['orphans']} | {said[:150]} |", flush=True)
    if args.case and args.case not in "bad input":
        return
    print("\n| bad input | before | exit | wall s | stderr lines | stderr said |")
    print("|---|---|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory(prefix="hostile-") as work:
        for row in bad_input(Path(work)):
            said = re.sub(r"/tmp/\S+?/", "…/", str(row["said"])).replace("|", "/")
            print(f"| `{row['case'].replace(work, '…')}` | {row['before']} | {row['exit']} | {row['seconds']:.1f} | "
                  f"{row['lines']} | {said[:150]} |", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
