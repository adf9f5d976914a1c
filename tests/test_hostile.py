"""Hostile and broken sites end by themselves, bounded, keep the good posts and name what they refused
(``blogsim/hostile.py``; ``benchmarks/hostile.py`` runs the same behaviours at full size)."""

from __future__ import annotations

from pathlib import Path

from archiver.demo.sample import sample_site
from blogsim.hostile import (
    EndlessFeed, FeedPagesWithoutEnd, PostAnswers, SitemapChain, control_characters, lying_charset,
    many_paragraphs, nested_divs, undeclared_windows_1252,
)
from tests.conftest import FAST, last_run, read_records, run_cli


def test_a_feed_claiming_a_million_entries_that_repeats_its_first_page_ends(serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(EndlessFeed(site, total=1_000_000))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert "repeats entries already read" in result.stdout
    assert result.returncode == 1  # the blog's own count is not met: incomplete, and said so
    assert sum(target.startswith("/feeds/posts/default") for target in server.requests) == 2
    assert len(read_records(tmp_path)) == len(site.posts)  # the sitemap lists them all


def test_feed_pages_without_a_total_that_never_end_are_read_to_the_cap(serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(FeedPagesWithoutEnd(site))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, "--set", "ARCHIVER_FEED_MAX_PAGES=3",
                     "--set", "ARCHIVER_FEED_PAGE_SIZE=5")
    assert "feed without a total read to its 3-page limit (ARCHIVER_FEED_MAX_PAGES)" in result.stderr
    assert sum(target.startswith("/feeds/posts/default") for target in server.requests) == 3
    # The sitemap lists every post: the blog is whole, though its feed was not read to its end.
    assert result.returncode == 0 and len(read_records(tmp_path)) == len(site.posts)


def test_a_chain_of_sitemap_indexes_is_read_to_its_depth_cap(serve, tmp_path: Path) -> None:
    site = sample_site()
    server = serve(SitemapChain(site))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert "sitemap indexes nested more than 4 deep (ARCHIVER_SITEMAP_MAX_DEPTH)" in result.stderr
    assert sum(target.startswith("/sitemap") for target in server.requests) == 5  # the named one and four below
    assert result.returncode == 0 and len(read_records(tmp_path)) == len(site.posts)  # the feed lists them all


def test_pages_that_once_broke_extraction_are_archived_or_named(serve, tmp_path: Path) -> None:
    site = sample_site()
    paths = [post.path for post in site.posts[:5]]
    answers = [many_paragraphs(20_000), nested_divs(100_000), control_characters(), undeclared_windows_1252(),
               lying_charset()]
    hostile: object = site
    for path, answer in zip(paths, answers):
        hostile = PostAnswers(hostile, path, answer)
    server = serve(hostile)
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    failures = last_run(tmp_path)["failures"]
    assert [f["url"] for f in failures] == [server.url(paths[1])]
    assert "nests its elements deeper than 2048 levels" in failures[0]["reason"]
    bodies = {record["url"]: record["body"] or "" for record in read_records(tmp_path)}
    assert len(bodies) == len(site.posts) - 1
    assert "w0" in bodies[server.url(paths[0])] and "w19999" in bodies[server.url(paths[0])]
    assert "Text pasted from a word processor with control characters" in bodies[server.url(paths[2])]
    for path in paths[3:]:
        assert "Le président a déclaré qu’il était « très heureux » — naïve café, señor, Ærø." in bodies[server.url(path)]
