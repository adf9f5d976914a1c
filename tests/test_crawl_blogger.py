"""End to end: `archiver crawl` against Blogger sites served on 127.0.0.1."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archiver.demo import sample
from archiver.demo.sample import sample_site
from blogsim.blogger import generate_site
from tests.conftest import FAST, last_run, read_records, run_cli
from tests.expected import EXPECTED
from tests.sites import RobotsTxt

POST_PATHS = {post.path for post in sample_site().posts}


def paths_of(records: list[dict]) -> list[str]:
    return sorted(urlsplit(r["canonical_url"]).path for r in records)


def by_path(records: list[dict]) -> dict[str, dict]:
    return {urlsplit(r["canonical_url"]).path: r for r in records}


def post_fetches(requests: list[str]) -> list[str]:
    return [r.split("?")[0] for r in requests if r.split("?")[0] in POST_PATHS]


@pytest.mark.parametrize("template", ["classic", "layout", "theme"])
def test_every_post_archived_exactly_once(template: str, serve, tmp_path: Path) -> None:
    server = serve(sample_site(template=template))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr
    records = read_records(tmp_path)
    assert paths_of(records) == sorted(POST_PATHS)
    # Each post page fetched once, in its canonical form; /search is off limits (robots.txt).
    fetched = post_fetches(server.requests)
    assert sorted(fetched) == sorted(POST_PATHS)
    assert not any(r.startswith("/search") for r in server.requests)
    assert not any("m=1" in r or "showComment" in r for r in server.requests)
    counts = last_run(tmp_path)["counts"]
    assert counts["found"] == counts["fetched"] == counts["archived"] == len(POST_PATHS)
    assert counts["errors"] == 0
    assert f"{len(POST_PATHS)} posts found" in result.stdout


@pytest.mark.parametrize("template", ["classic", "layout", "theme"])
def test_seed_shaped_repost_fields(template: str, serve, tmp_path: Path) -> None:
    server = serve(sample_site(template=template))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr
    record = by_path(read_records(tmp_path))[sample.SEED_PATH]
    source = f"127.0.0.1:{urlsplit(server.base_url).port}"
    assert record["source"] == source
    assert record["source_domain"] == "127.0.0.1"
    assert record["platform"] == "blogger"
    assert record["url"] == server.url(sample.SEED_PATH)
    assert record["canonical_url"] == server.url(sample.SEED_PATH)
    assert record["title"] == sample.SEED_TITLE
    assert record["byline"] == [sample.SEED_BYLINE]
    assert record["byline_raw"] == sample.SEED_BYLINE_RAW
    assert record["poster"] == sample.POSTER
    assert record["published"] == sample.SEED_PUBLISHED.astimezone(timezone.utc)
    assert record["published_raw"]
    assert record["original_published"] == sample.SEED_ORIGINAL_PUBLISHED.astimezone(timezone.utc)
    assert record["original_published_raw"] == sample.SEED_DATELINE
    assert record["captions"] == [
        {"text": sample.SEED_CAPTION_TEXT, "credit": sample.SEED_CAPTION_CREDIT, "image_url": sample.SEED_IMAGE}
    ]
    body = record["body"]
    assert body.startswith(sample.SEED_FIRST_SENTENCE)
    assert body.endswith(sample.SEED_LAST_SENTENCE)
    for furniture in (sample.SEED_BYLINE_RAW, sample.SEED_DATELINE, sample.SEED_CAPTION_CREDIT,
                      "No comments", "Post a Comment", "Labels", "Share to", sample.POSTER):
        assert furniture not in body
    assert "\n\n" in body  # paragraphs kept
    assert record["tags"] == list(sample.SEED_LABELS)
    assert record["language"] == "en"
    assert record["word_count"] == len(body.split())
    assert len(record["content_hash"]) == 64
    assert record["simhash"] > 0
    assert record["http_status"] == 200
    assert record["fetched_at"] <= datetime.now(timezone.utc)
    assert record["extractor_version"]
    assert record["run_id"] and record["version"] == 1
    assert record["year"] == sample.SEED_PUBLISHED.astimezone(timezone.utc).year
    sources = dict(record["field_sources"])
    assert sources["byline"] == "body:byline-line"
    assert sources["original_published"] == "body:dateline"


def test_other_sample_posts_match_expectations(serve, tmp_path: Path) -> None:
    server = serve(sample_site())
    assert run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST).returncode == 0
    records = by_path(read_records(tmp_path))
    for path, expected in EXPECTED.items():
        record = records[path]
        for name in ("title", "poster", "byline", "byline_raw"):
            if name in expected:
                assert record[name] == expected[name], (path, name)
        if "published" in expected:
            assert record["published"] == expected["published"].astimezone(timezone.utc), path
        if "labels" in expected:
            assert record["tags"] == list(expected["labels"]), path
        if "captions" in expected:
            got = [{"text": c["text"], "credit": c["credit"]} for c in record["captions"]]
            want = [{"text": c["text"], "credit": c["credit"]} for c in expected["captions"]]
            assert got == want, path
        if "first_sentence" in expected:
            assert record["body"].startswith(expected["first_sentence"]), path
            assert record["body"].endswith(expected["last_sentence"]), path
    # An untitled post has a null title, never the blog's name.
    assert records[sample.UNTITLED_PATH]["title"] is None


def test_fallback_to_month_archives_without_feed_or_sitemap(serve, tmp_path: Path) -> None:
    site = sample_site()
    site.feed_enabled = False
    site.sitemap_enabled = False
    server = serve(site)
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr
    assert paths_of(read_records(tmp_path)) == sorted(POST_PATHS)
    assert sorted(post_fetches(server.requests)) == sorted(POST_PATHS)


def test_sitemap_index_when_feed_is_off(serve, tmp_path: Path) -> None:
    site = sample_site()
    site.feed_enabled = False
    site.sitemap_page_size = 4  # more posts than that: /sitemap.xml becomes an index of ?page=N maps
    server = serve(site)
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr
    assert paths_of(read_records(tmp_path)) == sorted(POST_PATHS)
    assert any(r.startswith("/sitemap.xml?page=") for r in server.requests)


def test_feed_paging_reaches_every_post(serve, tmp_path: Path) -> None:
    server = serve(sample_site())
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, "--set", "ARCHIVER_FEED_PAGE_SIZE=3")
    assert result.returncode == 0, result.stderr
    feed_pages = [r for r in server.requests if r.startswith("/feeds/posts/default")]
    assert len(feed_pages) >= 4  # 11 posts, 3 a page
    assert paths_of(read_records(tmp_path)) == sorted(POST_PATHS)


def test_feed_paging_goes_past_a_page_cap_lower_than_asked_for(serve, tmp_path: Path) -> None:
    # Blogger answers at most 100 entries a page, whatever max-results asks: the feed's total decides.
    server = serve(generate_site(130, seed=1))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, "--set", "ARCHIVER_FEED_PAGE_SIZE=500")
    assert result.returncode == 0, result.stderr
    feed_pages = [r for r in server.requests if r.startswith("/feeds/posts/default?")]
    assert any("start-index=101" in r for r in feed_pages)
    assert all("orderby=published" in r and "redirect=false" in r for r in feed_pages)
    assert len(read_records(tmp_path)) == 130


def test_static_pages_only_when_asked(serve, tmp_path: Path) -> None:
    server = serve(sample_site())
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), "--include-pages", *FAST)
    assert result.returncode == 0, result.stderr
    assert paths_of(read_records(tmp_path)) == sorted(POST_PATHS | {sample.ABOUT_PATH})


def test_custom_domain_without_generator_meta_is_detected_by_its_feed(serve, tmp_path: Path) -> None:
    site = sample_site()
    site.generator_meta = False
    server = serve(site)
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr
    assert paths_of(read_records(tmp_path)) == sorted(POST_PATHS)


def test_a_failing_post_is_counted_and_the_crawl_goes_on(serve, tmp_path: Path) -> None:
    server = serve(sample_site())
    server.errors[sample.UNTITLED_PATH] = 404
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert result.returncode == 1
    assert paths_of(read_records(tmp_path)) == sorted(POST_PATHS - {sample.UNTITLED_PATH})
    assert "1 failed" in result.stdout
    assert sample.UNTITLED_PATH in result.stdout
    assert "Traceback" not in result.stderr


def test_scrapy_crawl_from_the_repo_root(serve, tmp_path: Path) -> None:
    import subprocess
    import sys

    server = serve(sample_site())
    completed = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "blogger", "-a", f"url={server.url('/')}",
         "-s", f"ARCHIVER_OUTPUT_DIR={tmp_path}", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert paths_of(read_records(tmp_path)) == sorted(POST_PATHS)


def test_robots_rules_for_archiver_are_obeyed_with_their_crawl_delay(serve, tmp_path: Path) -> None:
    robots = "User-agent: archiver\nDisallow: /2023/\nCrawl-delay: 0.2\n\nUser-agent: *\nDisallow:\n"
    server = serve(RobotsTxt(sample_site(), robots))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), "--verbose", *FAST)
    assert result.returncode == 0, result.stderr
    assert paths_of(read_records(tmp_path)) == sorted(p for p in POST_PATHS if p.startswith("/2022/"))
    assert not [r for r in server.requests if r.startswith("/2023/")]
    assert "asks for 0.2 s between requests (robots.txt Crawl-delay)" in result.stderr
    assert "5 posts left out: the site's robots.txt forbids them to archiver" in result.stdout
