"""Crawl saved copies of four real blogs with `archiver crawl` and measure what it archived and asked for.

    .venv/bin/python benchmarks/realsites.py                                  # all four sites, archiver's own delay
    .venv/bin/python benchmarks/realsites.py --sites wordpress-nzfreepress blogger-jorgeelconstructor --delay 0
    .venv/bin/python benchmarks/realsites.py --keep /tmp/rs --json /tmp/rs.json --no-rerun

The sites are the "realsites" kit (`../shared/realsites/README.md`): two Blogger and two WordPress blogs rebuilt
from public repositories at pinned commits. Build them once, outside the repository (the pages are their
authors' work and are never copied here):

    bash ../shared/realsites/build.sh        # -> ../realsites-data (about 260 MB)

Each site is served as its original hosts by the kit's `tools/proxy_mirror.py` on a free 127.0.0.1 port, and
`archiver crawl START_URL --out OUT` runs with `http(s)_proxy` pointing at it (no network is used). Then the same
crawl runs again into the same OUT, over the unchanged site (leave it out with `--no-rerun`).

What it measures, per site, from the first run's records (`OUT/records`, column `canonical_url`), the site's
`urlmap.tsv` (`url, file, kind` of every saved page) and the proxy's request log (`PROXY_LOG`):

- expected: the urlmap rows of kind `post`; archived: distinct posts at least one record maps to; recall =
  archived / expected. A record maps to a post when its `canonical_url` names a `post` row, a `post-variant`
  (the post at the same path, e.g. `?showComment=`) or a `post-alias` (a copy under an old slug: the post its
  `og:url` names). URLs compare by host (lower case, without `www.`; a site's hosts are one site), unescaped path
  and query (parameters in any order), ignoring the scheme, a trailing `index.html` or slash and the fragment.
  An address with a query the mirror has no page for is taken as its bare path (the proxy serves it so), and
  the mirror's own file names (`2013/07/index.html`, `search%3F...html`) as the page saved there.
- precision: records that map to a post / all records; duplicates: records that map to a post minus the
  distinct posts they map to.
- listing requests: first-run requests (every one the proxy logged, 404s and other hosts' 502s included) whose
  address is not a post page (kind post, post-variant or post-alias), per archived post.
- rerun: requests for post pages answered 200 (fetched again), 304 (conditional, unchanged) or otherwise; its
  exit code and request count; the records it added (should be none).
- the lines of each run's output that start with `incomplete`, and each blog's `expected`/`expected_from` from
  the run report (`OUT/runs/<run_id>.json`, key `blogs`) when the crawler writes them.

Prints a markdown table (stdout) and progress (stderr); `--json FILE` writes the per-site figures, with the
posts not found and the records that map to no post. Stdlib and pyarrow only.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pyarrow.dataset as ds

REPO = Path(__file__).resolve().parent.parent
BUILD_HINT = "run `bash ../shared/realsites/build.sh` from the checkout"
POST_KINDS = ("post", "post-variant", "post-alias")
PROXY_START_SECONDS = 30.0
STOP_GRACE_SECONDS = 30.0  # a timed-out crawl gets this long to store what it has after SIGTERM


class Fatal(Exception):
    """A setup problem: one line to stderr, exit 2."""


def progress(message: str) -> None:
    print(f"realsites: {message}", file=sys.stderr, flush=True)


# --- the kit: sites, urlmaps, address matching ---------------------------------------------------------------


@dataclass
class Site:
    name: str
    start_url: str
    hosts: list[str]
    folder: Path


def read_sites(data: Path) -> dict[str, Site]:
    table = data / "sites.tsv"
    if not table.is_file() or not (data / "tools" / "proxy_mirror.py").is_file():
        raise Fatal(f"no realsites data at {data} (sites.tsv or tools/proxy_mirror.py missing): {BUILD_HINT}")
    sites: dict[str, Site] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 5:
            raise Fatal(f"{table}: a line with {len(cells)} columns instead of 5: {line!r}")
        name, start, hosts = cells[0], cells[3], [h.strip().lower() for h in cells[4].split(",") if h.strip()]
        sites[name] = Site(name, start, hosts, data / name)
    return sites


def host_key(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def strip_path(path: str) -> str:
    """Without a trailing `index.html` and slashes: `/a/`, `/a` and `/a/index.html` are one address."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path.rstrip("/")


def path_key(path: str) -> str:
    return strip_path(unquote(path))


def query_key(query: str) -> tuple[tuple[str, str], ...]:
    """Parameters unescaped and sorted. Not `parse_qsl`: it reads `+` as a space, and a literal `+` (wget's
    `+02:00`) must equal `%2B`."""
    pairs = []
    for part in query.split("&"):
        if part:
            name, _, value = part.partition("=")
            pairs.append((unquote(name), unquote(value)))
    return tuple(sorted(pairs))


@dataclass
class Row:
    url: str
    file: str
    kind: str
    post: str | None = None  #: the url of the post this page is (kinds post, post-variant, post-alias)


class UrlMap:
    """A site's urlmap.tsv, and which saved page an address is."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.hosts = {host_key(h) for h in site.hosts}
        self.rows: list[Row] = []
        self.by_url: dict[tuple[str, tuple[tuple[str, str], ...]], Row] = {}
        self.by_file: dict[str, Row] = {}
        self.warnings: list[str] = []
        path = site.folder / "urlmap.tsv"
        with path.open(encoding="utf-8") as f:
            next(f, None)  # header
            for line in f:
                cells = line.rstrip("\n").split("\t")
                if len(cells) != 3:
                    continue
                row = Row(*cells)
                self.rows.append(row)
                parts = urlsplit(row.url)
                self.by_url.setdefault((path_key(parts.path or "/"), query_key(parts.query)), row)
                self.by_file.setdefault(strip_path("/" + row.file), row)
                self.hosts.add(host_key(parts.hostname or ""))
        self.hosts.discard("")
        for row in self.rows:
            if row.kind == "post":
                row.post = row.url
            elif row.kind == "post-variant":
                parts = urlsplit(row.url)
                target = self.by_url.get((path_key(parts.path), ()))
                row.post = self._post_url(target, row, "no post at its path")
            elif row.kind == "post-alias":
                og = og_url(site.folder / row.file)
                target = self.lookup(og) if og else None
                row.post = self._post_url(target, row, f"og:url {og!r} is no post" if og else "no og:url")
        self.posts = [row.url for row in self.rows if row.kind == "post"]

    def _post_url(self, target: Row | None, row: Row, why: str) -> str | None:
        if target is not None and target.kind == "post":
            return target.url
        self.warnings.append(f"{self.site.name}: {row.kind} {row.url}: {why}; it counts as no post")
        return None

    def lookup(self, url: str) -> Row | None:
        """The saved page an address is, in the proxy's order: the urlmap row of its path and query; for an
        address with a query, the row of its bare path; a saved file of that name. None for another host."""
        parts = urlsplit(url)
        if host_key(parts.hostname or "") not in self.hosts:
            return None
        path = parts.path or "/"
        key = path_key(path)
        row = self.by_url.get((key, query_key(parts.query)))
        if row is None and parts.query:
            row = self.by_url.get((key, ()))
        if row is None:
            name = unquote(path)
            names = [name]
            if parts.query:
                query = unquote(parts.query)
                names = [f"{name}?{query}.html", f"{name}?{query}", name]
            for candidate in names:
                row = self.by_file.get(strip_path(candidate))
                if row is not None:
                    break
        return row

    def post_of(self, url: str) -> str | None:
        row = self.lookup(url)
        return row.post if row is not None and row.kind in POST_KINDS else None

    def is_post_page(self, url: str) -> bool:
        row = self.lookup(url)
        return row is not None and row.kind in POST_KINDS


META = re.compile(r"<meta\b[^>]*>", re.I)
ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def og_url(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for tag in META.finditer(text):
        attrs = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                 for m in ATTR.finditer(tag.group(0))}
        if (attrs.get("property") or attrs.get("name") or "").lower() == "og:url" and attrs.get("content"):
            return attrs["content"].strip()
    return None


# --- processes ------------------------------------------------------------------------------------------------

CHILDREN: list[subprocess.Popen[bytes]] = []


def spawn(cmd: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """A child in its own session (Ctrl-C does not reach it; we stop it, and all it started, ourselves)."""
    proc = subprocess.Popen(cmd, start_new_session=True, stdin=subprocess.DEVNULL, **kwargs)
    CHILDREN.append(proc)
    return proc


def stop(proc: subprocess.Popen[bytes], grace: float) -> None:
    """SIGTERM to the child (a crawl then stores what it has), SIGKILL to its whole group after `grace`
    seconds, and to whatever of the group is left once it has gone."""
    if proc.poll() is None:
        try:
            proc.send_signal(signal.SIGTERM)
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        pass
    if proc in CHILDREN:
        CHILDREN.remove(proc)


def stop_all(grace: float) -> None:
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
    try:
        for proc in list(reversed(CHILDREN)):
            stop(proc, grace)
    finally:
        signal.signal(signal.SIGINT, old)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_proxy(data: Path, site: Site, log: Path, work: Path) -> tuple[subprocess.Popen[bytes], int]:
    env = {**os.environ, "PROXY_LOG": str(log)}
    for attempt in range(5):
        port = free_port()
        with (work / "proxy.out").open("ab") as out:
            proc = spawn([sys.executable, str(data / "tools" / "proxy_mirror.py"), str(site.folder), str(port),
                          ",".join(site.hosts)], stdout=out, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + PROXY_START_SECONDS
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return proc, port
            except OSError:
                time.sleep(0.1)
        stop(proc, 2)
        progress(f"[{site.name}] the proxy did not come up on port {port} (attempt {attempt + 1})")
    tail = (work / "proxy.out").read_text(errors="replace").strip().splitlines()[-3:]
    raise RuntimeError(f"the proxy would not start: {' / '.join(tail) or 'no output'}")


@dataclass
class Run:
    exit: int | None = None
    timed_out: bool = False
    seconds: float = 0.0
    run_id: str | None = None
    report: dict[str, Any] | None = None
    incomplete: list[str] = field(default_factory=list)
    stderr_tail: str = ""  #: the last line of its stderr (why it stopped, when it failed)
    requests: list[tuple[str, str, str, str]] = field(default_factory=list)  #: status, method, host, where


def run_crawl(cmd: list[str], port: int, out: Path, work: Path, label: str, log: Path, timeout: float) -> Run:
    env = dict(os.environ)
    for name in ("no_proxy", "NO_PROXY"):
        env.pop(name, None)
    proxy = f"http://127.0.0.1:{port}"
    env.update(http_proxy=proxy, https_proxy=proxy, HTTP_PROXY=proxy, HTTPS_PROXY=proxy)
    runs_dir = out / "runs"
    reports_before = set(runs_dir.glob("*.json")) if runs_dir.is_dir() else set()
    log_start = log.stat().st_size if log.exists() else 0
    stdout_path, stderr_path = work / f"{label}.stdout", work / f"{label}.stderr"
    run = Run()
    started = time.monotonic()
    with stdout_path.open("wb") as so, stderr_path.open("wb") as se:
        proc = spawn(cmd, stdout=so, stderr=se, env=env, cwd=work)
        try:
            run.exit = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            run.timed_out = True
            progress(f"[{work.name}] {label}: timed out after {timeout:.0f} s; stopping it")
            stop(proc, STOP_GRACE_SECONDS)
        finally:
            stop(proc, 5)  # kills whatever is left of its group (workers); on Ctrl-C, the crawl itself
        run.exit = proc.returncode
    run.seconds = time.monotonic() - started
    stderr = stderr_path.read_text(errors="replace")
    output = stdout_path.read_text(errors="replace") + "\n" + stderr
    run.stderr_tail = next((line.strip() for line in reversed(stderr.splitlines()) if line.strip()), "")
    run.incomplete = [line.strip() for line in output.splitlines() if line.strip().startswith("incomplete")]
    with log.open("rb") if log.exists() else open(os.devnull, "rb") as f:
        f.seek(log_start)
        for line in f.read().decode("utf-8", "replace").splitlines():
            cells = line.split("\t", 3)
            if len(cells) == 4:
                run.requests.append((cells[0], cells[1], cells[2], cells[3]))
    reports = set(runs_dir.glob("*.json")) if runs_dir.is_dir() else set()
    new = sorted(reports - reports_before, key=lambda p: (p.stat().st_mtime, p.name))
    if new:  # the newest report this run wrote (a killed run may have written none)
        newest = new[-1]
        try:
            run.report = json.loads(newest.read_text())
        except (OSError, ValueError):
            run.report = None
        run.run_id = str((run.report or {}).get("run_id") or newest.stem)
    return run


# --- measures -------------------------------------------------------------------------------------------------


def read_records(out: Path) -> list[tuple[str, str | None, str]]:
    """(canonical_url, run_id, file) of every stored record."""
    folder = out / "records"
    if not folder.is_dir():
        return []
    dataset = ds.dataset(str(folder), format="parquet", partitioning="hive")
    names = dataset.schema.names
    columns = ["canonical_url"] + (["run_id"] if "run_id" in names else []) + (["url"] if "url" in names else [])
    rows = []
    for fragment in dataset.get_fragments():
        table = fragment.to_table(columns=columns, schema=dataset.schema)
        canon = table.column("canonical_url").to_pylist()
        urls = table.column("url").to_pylist() if "url" in columns else [None] * len(canon)
        run_ids = table.column("run_id").to_pylist() if "run_id" in columns else [None] * len(canon)
        for c, u, r in zip(canon, urls, run_ids):
            rows.append((c or u or "", r, fragment.path))
    return rows


def request_url(host: str, where: str) -> str:
    return where if where.startswith(("http://", "https://")) else f"http://{host}{where}"


def blog_expectations(report: dict[str, Any] | None) -> str:
    blogs = (report or {}).get("blogs")
    if not isinstance(blogs, list):
        return "no `blogs` in the run report" if report is not None else "no run report"
    parts = []
    for blog in blogs:
        if not isinstance(blog, dict):
            continue
        name = blog.get("source") or blog.get("url") or blog.get("name") or "?"
        if "expected" in blog or "expected_from" in blog:
            expected, source = blog.get("expected"), blog.get("expected_from")
            parts.append(f"{name}: expected {'unknown' if expected is None else expected}"
                         + (f" (from {source})" if source else ""))
        else:
            parts.append(f"{name}: no expected")
    return "; ".join(parts) or "`blogs` is empty"


def measure_site(args: argparse.Namespace, data: Path, site: Site, urlmap: UrlMap, work: Path) -> dict[str, Any]:
    out = work / "out"
    if out.exists():
        shutil.rmtree(out)
    log = work / "proxy.log"
    log.write_bytes(b"")
    cmd = args.archiver + ["crawl", site.start_url, "--out", str(out)]
    if args.delay is not None:
        cmd += ["--delay", str(args.delay)]
    result: dict[str, Any] = {"site": site.name, "start_url": site.start_url, "command": shlex.join(cmd),
                              "expected": len(urlmap.posts)}
    proxy, port = start_proxy(data, site, log, work)
    try:
        progress(f"[{site.name}] proxy on 127.0.0.1:{port}; run 1: {shlex.join(cmd)}")
        first = run_crawl(cmd, port, out, work, "run1", log, args.timeout)
        records = read_records(out)
        snapshot = {path for _, _, path in records}
        if first.run_id and any(r is not None for _, r, _ in records):
            records = [rec for rec in records if rec[1] == first.run_id]
        progress(f"[{site.name}] run 1: exit {first.exit}{' (timed out)' if first.timed_out else ''} in "
                 f"{first.seconds:.1f} s, {len(first.requests)} requests, {len(records)} records")
        rerun, added = None, []
        if not args.no_rerun:
            progress(f"[{site.name}] run 2 (unchanged rerun into the same --out)")
            rerun = run_crawl(cmd, port, out, work, "run2", log, args.timeout)
            after = read_records(out)
            added = [rec for rec in after if rec[2] not in snapshot or (rerun.run_id and rec[1] == rerun.run_id)]
            progress(f"[{site.name}] run 2: exit {rerun.exit}{' (timed out)' if rerun.timed_out else ''} in "
                     f"{rerun.seconds:.1f} s, {len(rerun.requests)} requests, {len(added)} new records")
    finally:
        stop(proxy, 5)

    mapped = [(url, urlmap.post_of(url)) for url, _, _ in records]
    hits = Counter(post for _, post in mapped if post)
    found = set(hits)
    n_mapped = sum(hits.values())
    first_posts = Counter()
    listing = Counter()
    offsite = 0
    for status, _method, host, where in first.requests:
        url = request_url(host, where)
        if urlmap.is_post_page(url):
            first_posts[status] += 1
        else:
            listing[status] += 1
            if host_key(urlsplit(url).hostname or "") not in urlmap.hosts:
                offsite += 1
    n_listing = sum(listing.values())
    result.update(
        archived=len(found),
        recall=len(found) / len(urlmap.posts) if urlmap.posts else None,
        records=len(records),
        records_mapped=n_mapped,
        precision=n_mapped / len(records) if records else None,
        duplicates=n_mapped - len(found),
        exit=first.exit,
        timed_out=first.timed_out,
        seconds=round(first.seconds, 1),
        run_id=first.run_id,
        requests=len(first.requests),
        requests_by_status=dict(sorted(Counter(s for s, *_ in first.requests).items())),
        post_requests_by_status=dict(sorted(first_posts.items())),
        listing_requests=n_listing,
        listing_requests_by_status=dict(sorted(listing.items())),
        listing_requests_other_hosts=offsite,
        listing_per_post=n_listing / len(found) if found else None,
        incomplete=first.incomplete,
        stderr_tail=first.stderr_tail,
        run_report_blogs=(first.report or {}).get("blogs"),
        run_report_expected=blog_expectations(first.report),
        missing_posts=sorted(set(urlmap.posts) - found),
        duplicate_posts={post: n for post, n in sorted(hits.items()) if n > 1},
        unmapped_records=sorted(url for url, post in mapped if not post),
        rerun=None,
    )
    if rerun is not None:
        posts = Counter()
        for status, _method, host, where in rerun.requests:
            if urlmap.is_post_page(request_url(host, where)):
                posts[status if status in ("200", "304") else "other"] += 1
        result["rerun"] = {
            "exit": rerun.exit,
            "timed_out": rerun.timed_out,
            "seconds": round(rerun.seconds, 1),
            "run_id": rerun.run_id,
            "requests": len(rerun.requests),
            "requests_by_status": dict(sorted(Counter(s for s, *_ in rerun.requests).items())),
            "post_requests": {"200": posts["200"], "304": posts["304"], "other": posts["other"]},
            "new_records": len(added),
            "incomplete": rerun.incomplete,
            "stderr_tail": rerun.stderr_tail,
            "run_report_blogs": (rerun.report or {}).get("blogs"),
            "run_report_expected": blog_expectations(rerun.report),
        }
    return result


# --- output ---------------------------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def exit_cell(code: int | None, timed_out: bool) -> str:
    text = "-" if code is None else str(code)
    return f"timeout ({text})" if timed_out else text


def table(results: list[dict[str, Any]]) -> str:
    head = ["site", "expected", "archived", "recall", "precision", "duplicates", "exit", "listing req/post",
            "rerun post req 200/304", "rerun exit", "seconds (run + rerun)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['site']} | {r.get('expected', '-')} | error: {r['error']} |" + " |" * (len(head) - 3))
            continue
        rerun = r.get("rerun")
        if rerun:
            posts = rerun["post_requests"]
            rerun_posts = f"{posts['200']}/{posts['304']}" + (f" (+{posts['other']} other)" if posts["other"] else "")
            rerun_exit = exit_cell(rerun["exit"], rerun["timed_out"])
            seconds = f"{r['seconds']:.1f} + {rerun['seconds']:.1f}"
        else:
            rerun_posts, rerun_exit, seconds = "-", "-", f"{r['seconds']:.1f}"
        listing = f"{fmt(r['listing_per_post'], 2)} ({r['listing_requests']})"
        cells = [r["site"], str(r["expected"]), str(r["archived"]), fmt(r["recall"]),
                 f"{fmt(r['precision'])} ({r['records_mapped']}/{r['records']})", str(r["duplicates"]),
                 exit_cell(r["exit"], r["timed_out"]), listing, rerun_posts, rerun_exit, seconds]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def notes(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        if "error" in r:
            continue
        lines.append(f"{r['site']}:")
        runs = [("run", r)] + ([("rerun", r["rerun"])] if r.get("rerun") else [])
        for label, run in runs:
            lines.append(f"- {label} incomplete: " + ("none" if not run["incomplete"] else ""))
            lines.extend(f"    {line}" for line in run["incomplete"])
            lines.append(f"- {label} report: {run['run_report_expected']}")
            if run["exit"] not in (0, None) and run["stderr_tail"]:
                lines.append(f"- {label} stderr ends: {run['stderr_tail']}")
        lines.append(f"- run requests by status: {r['requests_by_status']}; listing requests to other hosts: "
                     f"{r['listing_requests_other_hosts']}"
                     + (f"; rerun new records: {r['rerun']['new_records']}" if r.get("rerun") else ""))
    return "\n".join(lines)


# --- main -----------------------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    default_data = os.environ.get("REALSITES_DATA") or str(REPO.parent / "realsites-data")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(default_data),
                        help="the built kit (default: $REALSITES_DATA or ../realsites-data beside the checkout)")
    parser.add_argument("--sites", nargs="+", metavar="NAME", help="sites to crawl (default: all of sites.tsv)")
    parser.add_argument("--archiver", default=str(Path(sys.executable).parent / "archiver"), metavar="CMD",
                        help="the archiver command (default: the one beside this Python)")
    parser.add_argument("--delay", type=float, help="passed to `archiver crawl --delay` (default: archiver's own)")
    parser.add_argument("--timeout", type=float, default=1800, metavar="S", help="seconds per crawl (default 1800)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep outputs and logs in DIR/<site>/")
    parser.add_argument("--no-rerun", action="store_true", help="skip the unchanged second crawl")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the per-site figures there")
    args = parser.parse_args(argv)
    args.archiver = shlex.split(args.archiver)
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    data = args.data.resolve()
    sites = read_sites(data)
    names = args.sites or list(sites)
    for name in names:
        if name not in sites:
            raise Fatal(f"no site {name!r} in {data / 'sites.tsv'} (there: {', '.join(sites)}); {BUILD_HINT}")
        if not (sites[name].folder / "urlmap.tsv").is_file():
            raise Fatal(f"site {name!r} is not built ({sites[name].folder / 'urlmap.tsv'} missing): {BUILD_HINT}")
    if not args.archiver or shutil.which(args.archiver[0]) is None:
        raise Fatal(f"no archiver command {args.archiver[0] if args.archiver else ''!r} (give --archiver CMD)")
    commit = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"], capture_output=True,
                            text=True).stdout.strip()
    root = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="realsites-"))
    progress(f"checkout {commit or '?'}; data {data}; work {root}")
    results: list[dict[str, Any]] = []
    interrupted = False
    try:
        for name in names:
            site = sites[name]
            urlmap = UrlMap(site)
            for warning in urlmap.warnings:
                progress(f"warning: {warning}")
            work = root / name
            work.mkdir(parents=True, exist_ok=True)
            try:
                results.append(measure_site(args, data, site, urlmap, work))
            except (RuntimeError, OSError) as error:
                progress(f"[{name}] failed: {error}")
                results.append({"site": name, "expected": len(urlmap.posts), "error": str(error)})
    except KeyboardInterrupt:
        interrupted = True
        progress("interrupted: stopping the crawl and the proxy")
    finally:
        stop_all(5)
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    if results:
        print(table(results))
        print()
        print(notes(results))
    if args.json and results:
        summary = {"checkout": commit, "archiver": shlex.join(args.archiver), "data": str(data), "delay": args.delay,
                   "timeout": args.timeout, "interrupted": interrupted, "sites": results}
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
    return 130 if interrupted else 0


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    try:
        sys.exit(main(sys.argv[1:]))
    except Fatal as error:
        print(f"realsites: error: {error}", file=sys.stderr)
        sys.exit(2)
