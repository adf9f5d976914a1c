"""Scheduled crawls: incremental reruns, versions, deletions, kills, the lock, WARC and re-extraction."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

from archiver.demo.blog import Post
from archiver.demo.sample import sample_site
from archiver.lock import OutputLock
from archiver.warc import read_responses
from blogsim.blogger import generate_site
from tests.conftest import FAST, REPO, last_run, read_records, run_cli
from tests.sites import (FeedIgnoresPaged, LinksWithoutFinalSlash, PostChainOnly, StaticCacheFolder, post_paths,
                         wordpress_blog)


def crawl(server, out: Path, *extra: str):
    return run_cli("crawl", server.url("/"), "--out", str(out), *FAST, *extra)


def post_requests(server, site) -> list[str]:
    paths = {p.path for p in site.posts}
    return [r for r in server.requests if r.split("?")[0] in paths]


def parquet_files(out: Path) -> list[Path]:
    return sorted((out / "records").rglob("*.parquet"))


def test_unchanged_blog_fetches_no_post_and_writes_nothing(serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(site)
    assert crawl(server, tmp_path).returncode == 0
    files = parquet_files(tmp_path)
    server.clear()
    result = crawl(server, tmp_path)
    assert result.returncode == 0, result.stderr
    assert post_requests(server, site) == []
    assert {r.split("?")[0] for r in server.requests} <= {"/robots.txt", "/", "/feeds/posts/default", "/sitemap.xml"}
    assert parquet_files(tmp_path) == files
    counts = last_run(tmp_path)["counts"]
    assert counts["unchanged"] == len(site.posts) and counts["fetched"] == 0 and counts["archived"] == 0
    assert "nothing new" in result.stdout


def test_new_and_edited_posts(serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(site)
    assert crawl(server, tmp_path).returncode == 0
    edited = site.posts[3]
    edited.body_html += "<p>An update added a week later, with new facts in it.</p>"
    edited.updated = edited.published + timedelta(days=7)
    new = Post("/2023/04/a-new-post.html", "A new post", datetime(2023, 4, 2, 10, 0, tzinfo=timezone.utc),
               "<p>Something new to say about the spring forecasts, at some length.</p>")
    site.posts.append(new)
    site.reindex()
    server.clear()
    result = crawl(server, tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(r.split("?")[0] for r in post_requests(server, site)) == sorted([edited.path, new.path])
    records = read_records(tmp_path)
    assert len(records) == len(site.posts) + 1  # every post once, plus the edited post's second version
    versions = [r for r in records if urlsplit(r["canonical_url"]).path == edited.path]
    first, second = sorted(versions, key=lambda r: r["version"])
    assert (first["version"], second["version"]) == (1, 2)
    assert first["id"] == second["id"]
    assert second["updated"] == edited.updated.astimezone(timezone.utc)
    assert "An update added a week later" in second["body"] and "An update" not in first["body"]
    assert last_run(tmp_path)["counts"]["new_versions"] == 1


def test_a_deleted_post_is_kept_and_flagged(serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(site)
    assert crawl(server, tmp_path).returncode == 0
    gone = site.posts.pop(5)
    site.reindex()
    result = crawl(server, tmp_path)
    assert result.returncode == 0, result.stderr
    assert last_run(tmp_path)["counts"]["missing"] == 1
    assert gone.path in {urlsplit(r["canonical_url"]).path for r in read_records(tmp_path)}
    with sqlite3.connect(tmp_path / "state.sqlite") as db:
        flagged = db.execute("SELECT canonical_url FROM posts WHERE missing_since IS NOT NULL").fetchall()
    assert [urlsplit(u).path for (u,) in flagged] == [gone.path]


def test_unchanged_blog_without_feed_or_sitemap_is_not_walked_again(serve, tmp_path: Path) -> None:
    site = sample_site()
    site.feed_enabled = site.sitemap_enabled = False  # only archive pages: no listing dates at all
    server = serve(site)
    assert crawl(server, tmp_path).returncode == 0
    assert last_run(tmp_path)["blogs"][0]["discovery"] == "walk"
    server.clear()
    result = crawl(server, tmp_path)
    assert result.returncode == 0, result.stderr
    # The archive widget counts what the last complete run found: no walk, no post page.
    assert post_requests(server, site) == []
    report = last_run(tmp_path)
    assert report["blogs"][0]["discovery"] == "last run" and report["blogs"][0]["complete"]
    assert report["counts"]["fetched"] == 0 and report["counts"]["archived"] == 0 and report["counts"]["missing"] == 0


def test_a_new_post_on_a_blog_without_feed_is_found_by_walking_again(serve, tmp_path: Path) -> None:
    site = sample_site()
    site.feed_enabled = site.sitemap_enabled = False
    server = serve(site)
    assert crawl(server, tmp_path).returncode == 0
    new = Post("/2024/05/harbour-dues.html", "Harbour dues", datetime(2024, 5, 2, 10, 0, tzinfo=timezone.utc),
               "<p>The port authority raised its dues again this spring, and shippers noticed.</p>")
    site.posts.append(new)
    site.reindex()
    server.clear()
    result = crawl(server, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = last_run(tmp_path)
    assert report["blogs"][0]["discovery"] == "walk" and report["blogs"][0]["complete"]
    assert [urlsplit(r["canonical_url"]).path for r in read_records(tmp_path) if r["title"] == "Harbour dues"] == [new.path]
    # Posts met on the way are read again for their links: unchanged, nothing rewritten.
    assert report["counts"]["archived"] == 1 and report["counts"]["unchanged"] >= 1


def test_a_rerun_walking_from_post_to_post_finds_every_post_again_and_calls_none_gone(serve, tmp_path: Path) -> None:
    # The walk goes on through each post's links, which a 304 does not carry: without the links each page had,
    # the rerun's walk ended at the first post archived before and took the others for deleted.
    blog = wordpress_blog(15, rest_enabled=False, sitemaps=None, feed_enabled=False)
    newest = blog.posts.pop(0)
    blog.reindex()
    server = serve(PostChainOnly(blog))
    assert crawl(server, tmp_path).returncode == 0
    assert last_run(tmp_path)["counts"]["archived"] == 14
    result = crawl(server, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = last_run(tmp_path)
    assert report["blogs"][0]["found"] == 14 and report["counts"]["missing"] == 0, report["counts"]
    # Each post asked with its validators answers 304: none is fetched again, nothing is written.
    assert (report["counts"]["fetched"], report["counts"]["unchanged"], report["counts"]["archived"]) == (0, 14, 0)
    # A new post changes the page of the one before it (its "next post" link), which the walk then reads anew.
    blog.posts.insert(0, newest)
    blog.reindex()
    assert crawl(server, tmp_path).returncode == 0
    report = last_run(tmp_path)
    assert report["blogs"][0]["found"] == 15 and report["counts"]["missing"] == 0, report["counts"]
    assert report["counts"]["archived"] >= 1
    assert [r["title"] for r in read_records(tmp_path) if r["url"].endswith(newest.slug + "/")] == [newest.title]


def test_a_post_s_second_address_is_not_archived_by_a_rerun(serve, tmp_path: Path) -> None:
    # Each post answers at two addresses with the same page. The first run archives it once; a rerun whose
    # walk gets a 304 from the address it archived must not take the other for a new post (it archived 236
    # such copies of a real blog's posts), nor ask for it again.
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, feed_enabled=False)
    server = serve(StaticCacheFolder(wp, originals=True))
    assert crawl(server, tmp_path).returncode == 0
    first = read_records(tmp_path)
    assert len(first) == len(post_paths(wp))
    server.clear()
    result = crawl(server, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(read_records(tmp_path)) == len(first)
    counts = last_run(tmp_path)["counts"]
    assert (counts["archived"], counts["fetched"], counts["missing"]) == (0, 0, 0), counts
    assert not [r for r in server.requests if r.split("#")[0] in post_paths(wp)]  # the second addresses


def test_posts_the_feed_links_in_another_form_than_they_answer_at_are_not_fetched_again(serve, tmp_path: Path) -> None:
    # The feed links "/2024/05/20/slug", the post answers at "/2024/05/20/slug/" (after a 301): the state knows
    # the post by the address it answered at, and an unchanged rerun must still recognise it.
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, posts_per_rss=20)
    server = serve(FeedIgnoresPaged(LinksWithoutFinalSlash(wp)))
    first = crawl(server, tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert {urlsplit(r["canonical_url"]).path for r in read_records(tmp_path)} == post_paths(wp)
    server.clear()
    second = crawl(server, tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    asked = [t for t in server.requests if t.rstrip("/") + "/" in post_paths(wp)]
    assert asked == [], f"an unchanged rerun asked for {len(asked)} post pages: {asked[:3]}"
    assert len(read_records(tmp_path)) == len(post_paths(wp))


def test_full_refetches_but_writes_no_unchanged_record(serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(site)
    assert crawl(server, tmp_path).returncode == 0
    server.clear()
    assert crawl(server, tmp_path, "--full").returncode == 0
    assert len(post_requests(server, site)) == len(site.posts)
    assert len(read_records(tmp_path)) == len(site.posts)


def test_since_limits_discovery(serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(site)
    result = crawl(server, tmp_path, "--since", "2023-01-01")
    assert result.returncode == 0, result.stderr
    expected = sorted(p.path for p in site.posts if p.published >= datetime(2023, 1, 1, tzinfo=timezone.utc))
    assert sorted(urlsplit(r["canonical_url"]).path for r in read_records(tmp_path)) == expected
    assert sorted(post_requests(server, site)) == expected
    assert run_cli("crawl", server.url("/"), "--since", "last tuesday", "--out", str(tmp_path)).returncode == 2


def test_a_second_run_on_a_locked_folder_stops_at_once(serve, tmp_path: Path) -> None:
    server = serve(sample_site())
    with OutputLock(tmp_path):
        result = crawl(server, tmp_path)
    assert result.returncode == 75
    assert result.stderr.strip().splitlines() == [
        f"archiver: error: another archiver run is using {tmp_path} (process {__import__('os').getpid()}); "
        "try again when it ends"
    ]
    assert server.requests == []


def test_sigkill_mid_crawl_then_a_clean_run_archives_every_post_once(serve, tmp_path: Path) -> None:
    site = generate_site(40, seed=3)
    server = serve(site)
    crawl_process = subprocess.Popen(
        [sys.executable, "-m", "archiver", "crawl", server.url("/"), "--out", str(tmp_path), "--delay", "0.05",
         "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "CONCURRENT_REQUESTS=2", "--set", "ARCHIVER_STORE_BATCH_SIZE=4"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(parquet_files(tmp_path)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    crawl_process.send_signal(signal.SIGKILL)
    crawl_process.wait(timeout=30)
    stored_before = len(read_records(tmp_path))
    assert 0 < stored_before < len(site.posts)
    result = crawl(server, tmp_path)
    assert result.returncode == 0, result.stderr
    urls = [r["canonical_url"] for r in read_records(tmp_path)]
    assert len(urls) == len(set(urls)) == len(site.posts)
    with sqlite3.connect(tmp_path / "state.sqlite") as db:
        statuses = [s for (s,) in db.execute("SELECT status FROM runs ORDER BY started_at")]
    assert statuses == ["killed", "finished"]


def test_records_cite_their_raw_pages_and_reextract_rebuilds_them(serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(site)
    assert crawl(server, tmp_path).returncode == 0
    before = sorted(read_records(tmp_path), key=lambda r: r["id"])
    # Every response was kept: post pages, and the listings too.
    responses = [r for path in sorted((tmp_path / "warc").glob("*.warc.gz")) for r in read_responses(path)]
    kept_paths = {urlsplit(r.url).path for r in responses}
    assert {"/robots.txt", "/feeds/posts/default", "/sitemap.xml"} <= kept_paths
    by_id = {r.record_id: r for r in responses}
    for record in before:
        raw = by_id[record["warc_record_id"]]
        assert raw.url == record["url"] and raw.status == 200
        assert record["warc_file"].startswith(record["run_id"])
    server.stop()  # re-extraction must not need the network
    result = run_cli("reextract", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"{len(before)} of {len(before)} records rebuilt" in result.stdout
    after = sorted(read_records(tmp_path), key=lambda r: r["id"])
    assert after == before


def test_reextract_keeps_records_whose_raw_page_is_gone(serve, tmp_path: Path) -> None:
    server = serve(sample_site())
    assert crawl(server, tmp_path).returncode == 0
    server.stop()
    before = {r["id"]: r for r in read_records(tmp_path)}
    # Each extraction worker keeps its own WARC file: lose the one holding the fewest records.
    files = Counter(r["warc_file"] for r in before.values())
    lost = min(files, key=lambda name: (files[name], name))
    (tmp_path / "warc" / lost).unlink()
    orphans = {i for i, r in before.items() if r["warc_file"] == lost}
    result = run_cli("reextract", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    rebuilt = len(before) - len(orphans)
    assert f"{rebuilt} of {len(before)} records rebuilt" in result.stdout
    assert f"{len(orphans)} kept as they were (no raw page)" in result.stdout
    after = {r["id"]: r for r in read_records(tmp_path)}
    assert after == before  # nothing lost; the orphans exactly as they were


def test_progress_on_a_terminal_only_and_a_log_file_when_asked(serve, tmp_path: Path) -> None:
    server = serve(sample_site())
    quiet = crawl(server, tmp_path / "a", "--log-file", str(tmp_path / "crawl.log"))
    assert quiet.returncode == 0
    assert quiet.stderr == ""  # no terminal: no progress line, nothing to say
    log = (tmp_path / "crawl.log").read_text()
    assert "Spider opened" in log and "stored 11 records" in log
    shown = crawl(server, tmp_path / "b", "--set", "ARCHIVER_PROGRESS=always")
    assert shown.returncode == 0
    last = [line for line in shown.stderr.splitlines() if line.strip()][-1]  # "\r" reads as a line end here
    assert last.startswith("found 11 · extracted 11 · stored 11 · failed 0 ·") and "posts/s" in last


def test_a_killed_run_keeps_what_it_extracted_before_the_last_timed_flush(serve, tmp_path: Path) -> None:
    # A batch far larger than the blog: only the timed flush writes records before the run ends.
    site = generate_site(40, seed=4)
    server = serve(site)
    crawl_process = subprocess.Popen(
        [sys.executable, "-m", "archiver", "crawl", server.url("/"), "--out", str(tmp_path), "--delay", "0.1",
         "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "CONCURRENT_REQUESTS=1", "--set", "ARCHIVER_STORE_BATCH_SIZE=1000",
         "--set", "ARCHIVER_STORE_FLUSH_SECONDS=0.5"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not parquet_files(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.02)
    crawl_process.send_signal(signal.SIGKILL)
    crawl_process.wait(timeout=30)
    stored = len(read_records(tmp_path))
    assert 0 < stored < len(site.posts)  # written by the timer, long before a batch of 1000 filled
    server.requests.clear()
    result = crawl(server, tmp_path)
    assert result.returncode == 0, result.stderr
    urls = [r["canonical_url"] for r in read_records(tmp_path)]
    assert len(urls) == len(set(urls)) == len(site.posts)  # recovered, nothing twice
    # The recovered posts' validators were read back from the WARC records beside them: the feed still
    # dates them as then, so they are not fetched again.
    assert len(post_requests(server, site)) == len(site.posts) - stored
