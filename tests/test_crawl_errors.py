"""Bad input gets one line and a non-zero exit, never a traceback; a stopped crawl keeps its work."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archiver.addresses import is_private, literal_address
from archiver.demo.sample import sample_site
from tests.conftest import FAST, REPO, last_run, read_records, run_cli
from blogsim.blogger import generate_site
from blogsim.hostile import PostAnswers, RedirectLoop, RedirectsElsewhere, gzip_bomb


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def _serve_shop(site_dir: Path) -> subprocess.Popen:
    site_dir.mkdir()
    (site_dir / "index.html").write_text("<html><body><h1>A shop</h1><a href='/cart'>Cart</a></body></html>")
    return subprocess.Popen(
        [sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(site_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )


def test_a_site_that_is_not_a_blog(tmp_path: Path) -> None:
    server = _serve_shop(tmp_path / "site")
    try:
        port = server.stdout.readline().split("port ")[1].split()[0]
        url = f"http://127.0.0.1:{port}/"
        result = run_cli("crawl", url, "--out", str(tmp_path / "out"), *FAST)
        as_blogger = run_cli("crawl", url, "--platform", "blogger", "--out", str(tmp_path / "out"), *FAST)
    finally:
        server.terminate()
        server.wait()
    assert result.returncode == 2
    assert error_lines(result.stderr) == [
        f"archiver: error: {url}: found no posts (no sitemap, feed or article page led to one)"
    ]
    assert as_blogger.returncode == 2
    assert error_lines(as_blogger.stderr) == [f"archiver: error: {url} is not a Blogger blog (no Blogger markup or feed)"]
    assert read_records(tmp_path / "out") == []


def test_a_host_that_does_not_answer(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli("crawl", f"http://127.0.0.1:{port}/", "--out", str(tmp_path), "--set", "RETRY_TIMES=0", *FAST)
    assert result.returncode == 2
    assert error_lines(result.stderr) == [f"archiver: error: http://127.0.0.1:{port}/: host 127.0.0.1 did not answer"]


def test_an_output_folder_that_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_cli("crawl", "http://127.0.0.1:9/", "--out", str(blocker / "out"))
    assert result.returncode == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"archiver: error: cannot write to output folder {blocker / 'out'}")


def test_an_address_that_is_not_a_web_address(tmp_path: Path) -> None:
    result = run_cli("crawl", "example.blogspot.com", "--out", str(tmp_path))
    assert result.returncode == 2
    assert error_lines(result.stderr) == [
        "archiver: error: not a web address: 'example.blogspot.com' (expected something like https://example.blogspot.com/)"
    ]


def test_one_ctrl_c_stops_cleanly_and_keeps_what_was_extracted(serve, tmp_path: Path) -> None:
    server = serve(sample_site())
    crawl = subprocess.Popen(
        [sys.executable, "-m", "archiver", "crawl", server.url("/"), "--out", str(tmp_path),
         "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "CONCURRENT_REQUESTS=1", "--delay", "0.4"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while sum(".html" in r and "/20" in r for r in server.requests) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    crawl.send_signal(signal.SIGINT)
    stdout, stderr = crawl.communicate(timeout=60)
    assert crawl.returncode == 130, stderr
    assert "Traceback" not in stderr
    report = last_run(tmp_path)
    assert report["status"] == "interrupted" and report["exit_code"] == 130
    archived = report["counts"]["archived"]
    records = read_records(tmp_path)
    assert 1 <= archived < len(sample_site().posts)
    assert len(records) == archived
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_page_inflating_past_the_page_bound_is_refused_and_named(serve, tmp_path: Path) -> None:
    site = sample_site()
    bomb = site.posts[0].path
    server = serve(PostAnswers(site, bomb, gzip_bomb(60_000_000)))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST,
                     "--set", f"ARCHIVER_MAX_PAGE_BYTES={4 * 1024 * 1024}")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"failed: {server.url(bomb)}" in result.stdout and "DOWNLOAD_MAXSIZE" in result.stdout
    assert len(read_records(tmp_path)) == len(site.posts) - 1  # the others are archived
    assert last_run(tmp_path)["counts"]["failed"] == 1


def test_a_damaged_state_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite").write_bytes(b"not a database, some bytes a disk fault left" * 100)
    result = run_cli("crawl", "http://127.0.0.1:9/", "--out", str(tmp_path), *FAST)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"the crawl state {tmp_path / 'state.sqlite'} is damaged" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_record_file_a_killed_run_left_unfinished_is_removed_by_the_next(serve, tmp_path: Path) -> None:
    leftover = tmp_path / "records" / "source=x" / "year=2023" / ".part-20230101T000000Z-dead-00001.parquet.tmp"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"PAR1 half a file")
    server = serve(sample_site())
    assert run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST).returncode == 0
    assert not leftover.exists()


def test_posts_in_a_redirect_loop_are_named_as_failed(serve, tmp_path: Path) -> None:
    site = sample_site()
    first, second = site.posts[0].path, site.posts[1].path
    server = serve(RedirectLoop(site, first, second))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert result.returncode == 1
    for path in (first, second):
        assert f"failed: {server.url(path)}" in result.stdout and "max redirections reached" in result.stdout
    assert last_run(tmp_path)["counts"]["failed"] == 2
    assert len(read_records(tmp_path)) == len(site.posts) - 2


def test_redirects_to_private_addresses_are_refused_unless_allowed(serve, tmp_path: Path) -> None:
    site = sample_site()
    literal, named = site.posts[0].path, site.posts[1].path
    redirecting = RedirectsElsewhere(site, {})
    server = serve(redirecting)
    port = server.url("/").split(":")[2].split("/")[0]
    redirecting.targets = {
        literal: "http://169.254.169.254/latest/meta-data/",  # the cloud's metadata address
        named: f"http://localhost:{port}/private-target.html",  # a name that resolves to loopback
    }
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path / "a"), *FAST)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "refused: 169.254.169.254 is a private address" in result.stdout
    assert "refused: localhost resolves to the private address 127.0.0.1" in result.stdout
    assert "/private-target.html" not in server.requests
    assert len(read_records(tmp_path / "a")) == len(site.posts) - 2
    # Allowed, the crawl connects: the name is followed to the server (which has no such page).
    allowed = run_cli("crawl", server.url("/"), "--out", str(tmp_path / "b"), *FAST, "--allow-private",
                      "--set", "DOWNLOAD_TIMEOUT=3")
    assert "/private-target.html" in server.requests
    assert "refused" not in allowed.stdout


@pytest.mark.parametrize(("host", "private"), [
    ("127.0.0.1", True), ("2130706433", True), ("0177.0.0.1", True), ("0x7f.1", True), ("0.0.0.0", True),
    ("10.1.2.3", True), ("169.254.169.254", True), ("[::1]", True), ("[::ffff:10.0.0.1]", True),
    ("224.0.0.1", True), ("8.8.8.8", False), ("[2606:4700::1111]", False), ("blog.example", None),
])
def test_private_addresses_in_every_spelling(host: str, private: bool | None) -> None:
    address = literal_address(host)
    assert (None if address is None else is_private(address)) == private


def test_a_run_stops_cleanly_at_its_time_limit_and_says_so(serve, tmp_path: Path) -> None:
    site = generate_site(40, seed=5)  # at half a second a request, some 20 s of crawling
    server = serve(site)
    started = time.monotonic()
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), "--workers", "1", "--delay", "0.5",
                     "--set", "AUTOTHROTTLE_ENABLED=False", "--max-run-time", "2")
    assert time.monotonic() - started < 30
    assert result.returncode == 1, result.stdout + result.stderr
    assert "the run stopped at its time limit (--max-run-time)" in result.stdout
    report = last_run(tmp_path)
    assert report["finish_reason"] == "closespider_timeout" and report["exit_code"] == 1
    assert 0 < len(read_records(tmp_path)) < len(site.posts)  # what was extracted is kept


def test_the_resolver_refuses_names_not_the_proxies_the_user_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    from twisted.internet.error import DNSLookupError

    from archiver.addresses import PublicAddressResolver, _Exemptions
    from tests.conftest import archiver_crawler

    resolver = PublicAddressResolver.__new__(PublicAddressResolver)
    resolver.exemptions = _Exemptions(archiver_crawler())
    assert resolver._public("127.0.0.1", "127.0.0.1") == "127.0.0.1"  # a literal proxy address is asked for
    assert resolver._public("93.184.215.14", "blog.example") == "93.184.215.14"
    with pytest.raises(DNSLookupError, match="refused: localhost resolves to the private address 127.0.0.1"):
        resolver._public("127.0.0.1", "localhost")
    monkeypatch.setenv("http_proxy", "http://localhost:3128")  # a proxy on this machine, as realsites/ runs
    resolver.exemptions = _Exemptions(archiver_crawler())
    assert resolver._public("127.0.0.1", "localhost") == "127.0.0.1"


def test_the_crawl_resolves_names_with_the_resolver_that_refuses_private_addresses() -> None:
    # By the name the installed Scrapy reads (2.19 renamed it; the old name warns on every crawl, and a Scrapy
    # that drops it would resolve with its own resolver, private addresses and all).
    from scrapy.settings import default_settings

    from tests.conftest import archiver_crawler

    settings = archiver_crawler().settings
    if hasattr(default_settings, "TWISTED_DNS_RESOLVER"):
        assert settings["TWISTED_DNS_RESOLVER"] == "archiver.addresses.PublicAddressResolver"
        assert settings["DNS_RESOLVER"] == default_settings.DNS_RESOLVER  # not set: no warning
    else:
        assert settings["DNS_RESOLVER"] == "archiver.addresses.PublicAddressResolver"


# A crawl whose code has a bug, as a user would meet one: the script puts the bug in place, then runs the
# command line as ``archiver`` does (from a file: Scrapy reads its callbacks' source).
BUGGY_CRAWL = """
import sys
import archiver.pipelines.record as record
import archiver.spiders.base as base
from archiver.cli import main

in_callback, in_pipeline = sys.argv[1:3]
post, build = base.BaseBlogSpider.parse_post, record.RecordPipeline.process_item

def parse_post(self, response, blog, hints, validators):
    if response.url.endswith(in_callback):
        raise ValueError("a bug met on one page")
    yield from post(self, response, blog, hints, validators)

def process_item(self, item):
    if getattr(item, "url", "").endswith(in_pipeline):
        raise KeyError("a bug met storing one page")
    return build(self, item)

def verdict(self, blog):
    raise RuntimeError("a bug met judging the listings")

if __name__ == "__main__":  # not in the extraction workers it starts
    base.BaseBlogSpider.parse_post = parse_post
    record.RecordPipeline.process_item = process_item
    base.BaseBlogSpider.verdict = verdict
    sys.argv[:3] = ["archiver"]
    main()
"""


def test_errors_in_archivers_own_code_are_counted_and_their_tracebacks_kept_in_the_run_report(
        serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(site)
    in_callback, in_pipeline = site.posts[0].path, site.posts[1].path
    script = tmp_path / "buggy_archiver.py"
    script.write_text(BUGGY_CRAWL)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, str(script), in_callback, in_pipeline, "crawl", server.url("/"), "--out",
                             str(out), *FAST], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "errors: 3 errors raised in archiver's own code (tracebacks in the run report)" in result.stdout
    assert any("judging the listings of" in line and "a bug met judging the listings" in line
               for line in error_lines(result.stderr))
    report = last_run(out)
    assert sorted((error["where"], error["error"]) for error in report["errors"]) == sorted([
        (server.url(in_callback), "ValueError: a bug met on one page"),
        (server.url(in_pipeline), "KeyError: 'a bug met storing one page'"),
        (report["blogs"][0]["source"], "RuntimeError: a bug met judging the listings")])
    assert all(error["traceback"].startswith("Traceback") for error in report["errors"])
    # The blog's discovery stopped at the bug: its archive is not called complete.
    assert report["incomplete"] and "error in archiver's own code stopped its discovery" in report["incomplete"][0]
    assert len(read_records(out)) == len(site.posts) - 2  # the other posts were archived
