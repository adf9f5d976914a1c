"""End to end: discovery on imperfect blogs (``tests/sites.py``) finds every post, and says when it cannot.

Each test crawls one small simulated blog with a real-world flaw and checks the exact set of posts archived,
then the contract of the run's account of its discovery: a complete archive exits 0 and prints no line
starting with ``incomplete``; the run report's ``blogs`` says, per blog, how many posts were expected (and
from where), how many were found by which channel, which listings failed, and whether the archive is
complete. The ``test_site_*`` tests check the wrappers themselves, page by page, without a crawl.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from lxml import etree

from tests.conftest import FAST, REPO, CliResult, last_run, read_records, run_cli
from tests.sites import (
    WP_STATIC_PATHS,
    EndlessPager,
    FeedFailsPastFirstPage,
    FeedIgnoresPaged,
    FeedLinks,
    GhostSitemaps,
    FeedNotXml,
    FeedWithoutTotal,
    FeedPageCap,
    HomeWithoutLinks,
    LinkedFromNowhere,
    MonthArchivesAtPostAddresses,
    ListingsLinkOldAddresses,
    ArchiveOnPostPagesOnly,
    MirroredFeed,
    PagerLoop,
    ArticleEverywhere,
    RelativeMirror,
    RestPostsRouteOff,
    SavedCopies,
    SiteWideFeed,
    SitemapListsAttachments,
    SitemapListsDeadAddresses,
    SitemapListsFiles,
    SitemapListsItself,
    SitemapListsOldAddresses,
    SitemapListsThemePages,
    StaleSitemap,
    StaticCacheFolder,
    UnmarkedTheme,
    WithoutBloggerPostCounts,
    WithoutPostCounts,
    BLOGGER_ROBOTS,
    RobotsTxt,
    blogger_blog,
    newest_paths,
    post_paths,
    wordpress_blog,
)
BASE = "http://blog.test"  # base URL of the pages the wrappers are asked for directly
ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearchrss/1.0/}"
REPORT_KEYS = {"source", "expected", "expected_from", "found", "found_by", "listings_failed", "complete",
               "incomplete_cause"}
CHANNELS = {"start", "feed", "sitemap", "api", "walk"}
#: archive-walk pages of a Blogger blog: month and year archives, labels and the rest of /search
ARCHIVE_PAGE = re.compile(r"^/\d{4}/(?:\d{2}/)?(?:[?#]|$)|^/\d{4}_\d{2}_\d{2}_archive\.html|^/search(?:[/?#]|$)")
FEED_PAGE = 10  # entries a page of the simulated Blogger feeds
BLOG_POSTS = 18  # posts of blogger_blog()


# ---------------------------------------------------------------------------------------------------
# Running a crawl and reading what it did


def crawl(server: Any, out: Path, *extra: str, start: str = "/", timeout: float = 60) -> CliResult:
    """``archiver crawl`` of the server's blog into ``out`` in a subprocess, as ``conftest.run_cli`` runs it but
    in a process group of its own: a crawl that does not end in ``timeout`` seconds is killed with its
    extraction workers, and the test fails. Fails the test too when the crawl did not run (exit 2 or more)."""
    url = server.url(start)
    command = [sys.executable, "-m", "archiver", "crawl", url, "--out", str(out), *FAST, *extra]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"the crawl of {url} did not end within {timeout} s")
    result = CliResult(process.returncode, stdout, stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), f"the crawl failed: exit {result.returncode}\n{result.stdout}{result.stderr}"
    return result


def archived_paths(out: Path) -> set[str]:
    paths = [urlsplit(r["canonical_url"]).path for r in read_records(out)]
    twice = sorted(p for p, n in Counter(paths).items() if n > 1)
    assert not twice, f"archived more than once: {twice}"
    return set(paths)


def assert_archived(out: Path, expected: set[str]) -> None:
    """Exactly the posts ``expected``, each once: none missing, nothing that is not one of them."""
    got = archived_paths(out)
    missing, extra = sorted(expected - got), sorted(got - expected)
    assert not missing and not extra, (
        f"{len(got & expected)} of {len(expected)} posts archived; missing {missing}; not posts of the blog {extra}")


def source_of(out: Path) -> str:
    sources = {r["source"] for r in read_records(out)}
    assert len(sources) == 1, sources
    return sources.pop()


def incomplete_lines(result: CliResult) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("incomplete")]


def blog_report(out: Path) -> dict[str, Any]:
    """The run report's account of the one blog crawled, checked for its keys and their types."""
    report = last_run(out)
    assert "blogs" in report, f"the run report gives no account of each blog's discovery (keys {sorted(report)})"
    blogs = report["blogs"]
    assert isinstance(blogs, list) and len(blogs) == 1, blogs
    blog = blogs[0]
    assert isinstance(blog, dict) and not REPORT_KEYS - set(blog), f"missing {sorted(REPORT_KEYS - set(blog))}: {blog}"
    assert isinstance(blog["source"], str) and blog["source"], blog
    expected = blog["expected"]
    assert expected is None or (isinstance(expected, int) and not isinstance(expected, bool)), blog
    assert blog["expected_from"] is None or isinstance(blog["expected_from"], str), blog
    assert (blog["expected"] is None) == (blog["expected_from"] is None), f"a total says where it came from: {blog}"
    assert isinstance(blog["found"], int) and not isinstance(blog["found"], bool), blog
    found_by = blog["found_by"]
    assert isinstance(found_by, dict) and set(found_by) <= CHANNELS, blog
    assert all(isinstance(n, int) and n >= 0 for n in found_by.values()), blog
    failed = blog["listings_failed"]
    assert isinstance(failed, list), blog
    assert all(isinstance(f, dict) and isinstance(f.get("url"), str) and isinstance(f.get("reason"), str)
               for f in failed), blog
    assert isinstance(blog["complete"], bool), blog
    if blog["complete"]:
        assert blog["incomplete_cause"] is None, blog
    else:
        assert isinstance(blog["incomplete_cause"], str) and blog["incomplete_cause"], blog
    return blog


def assert_complete(result: CliResult, out: Path, paths: set[str]) -> dict[str, Any]:
    """A complete archive of the blog whose posts are ``paths``: exit 0, no ``incomplete`` line, a report
    that says complete, found every post, and expected that many (when it knew a total)."""
    assert result.returncode == 0, f"a complete archive exits 0:\n{result.stdout}{result.stderr}"
    assert not incomplete_lines(result), result.stdout
    blog = blog_report(out)
    assert blog["source"] == source_of(out), blog
    assert blog["complete"] is True, blog
    assert blog["found"] == len(paths), blog
    assert blog["expected"] in (None, len(paths)), blog
    return blog


def feed_facts(body: bytes) -> tuple[int, list[str]]:
    """An Atom feed page's ``openSearch:totalResults`` and its entries' post paths."""
    root = etree.fromstring(body)
    links = [link.get("href") for entry in root.findall(f"{ATOM}entry") for link in entry.findall(f"{ATOM}link")
             if link.get("rel") == "alternate"]
    return int(root.findtext(f"{OPENSEARCH}totalResults")), [urlsplit(link).path for link in links]


def links_of(page: bytes) -> list[str]:
    """The href, src and data-load values of a page, as written."""
    return [m.group(2) for m in re.finditer(r"""\s(?:href|src|data-load)=(['"])(.*?)\1""", page.decode("utf-8"))]


# ---------------------------------------------------------------------------------------------------
# The wrappers, page by page


def test_site_blogger_blog_has_months_and_a_month_pager() -> None:
    blog = blogger_blog()
    assert len(blog.posts) == BLOG_POSTS
    assert blog.month_counts() == [(2024, 2, 2), (2024, 1, 9), (2023, 12, 1), (2023, 11, 3), (2023, 10, 3)]
    january = blog.route("/2024/01/", BASE).body.decode()
    assert f"class='blog-pager-older-link' href='{BASE}/2024/01/?updated-max=" in january


def test_site_feed_page_cap() -> None:
    blog = blogger_blog()
    site = FeedPageCap(blog, FEED_PAGE)
    pages = [site.route(f"/feeds/posts/default?start-index={start}&max-results=100&orderby=published&redirect=false",
                    BASE) for start in (1, FEED_PAGE + 1)]
    assert [r.status for r in pages] == [200, 200]
    (total, first), (_, second) = feed_facts(pages[0].body), feed_facts(pages[1].body)
    assert total == BLOG_POSTS and first + second == newest_paths(blog, BLOG_POSTS)


def test_site_mirrored_feed_answers_its_first_page_at_every_address() -> None:
    blog = blogger_blog()
    site = MirroredFeed(blog)
    first = site.route("/feeds/posts/default", BASE)
    total, paths = feed_facts(first.body)
    assert total == BLOG_POSTS and paths == newest_paths(blog, FEED_PAGE)
    assert b"rel='next'" in first.body
    for target in ("/feeds/posts/default?start-index=11&max-results=10",
                   "/feeds/posts/default?start-index=11&max-results=100&orderby=published&redirect=false",
                   "/feeds/posts/summary?start-index=2", "/feeds/posts/default?alt=rss&start-index=11"):
        again = site.route(target, BASE)
        assert again.status == 200 and again.body == first.body, target


@pytest.mark.parametrize("status", [404, 500])
def test_site_feed_failing_past_its_first_page(status: int) -> None:
    blog = blogger_blog()
    site = FeedFailsPastFirstPage(blog, status)
    first = site.route("/feeds/posts/default?start-index=1&max-results=100&orderby=published&redirect=false", BASE)
    assert first.status == 200
    assert feed_facts(first.body) == (BLOG_POSTS, newest_paths(blog, FEED_PAGE))
    label = next(post.labels[0] for post in blog.ordered_posts[FEED_PAGE:] if post.labels)
    for target in ("/feeds/posts/default?start-index=11&max-results=10", "/feeds/posts/default?start-index=2",
                   "/feeds/posts/default?alt=rss&start-index=11&max-results=10", "/rss.xml?start-index=11",
                   f"/feeds/posts/default/-/{quote(label)}?max-results=10",
                   "/feeds/posts/default?max-results=10&published-max=2023-12-31T00:00:00%2B08:00"):
        assert site.route(target, BASE).status == status, target


def test_site_blogger_without_feed_or_sitemap_lists_its_months_with_counts() -> None:
    blog = blogger_blog(feed_enabled=False, sitemap_enabled=False)
    for target in ("/feeds/posts/default", "/feeds/posts/default?start-index=1&max-results=100", "/sitemap.xml"):
        assert blog.route(target, BASE).status == 404, target
    home = blog.route("/", BASE).body.decode()
    counts = rf"href='{BASE}/\d{{4}}/\d{{2}}/'>\n[^<]*\n</a>\n<span class='post-count' dir='ltr'>\((\d+)\)"
    months = re.findall(counts, home)
    assert sum(map(int, months)) == BLOG_POSTS and len(months) == 5
    newest = blog.ordered_posts[0]
    post_page = blog.route(newest.path, BASE).body.decode()
    assert f"class='blog-pager-older-link' href='{BASE}{blog.ordered_posts[1].path}'" in post_page


def test_site_linked_from_nowhere_shows_only_the_newest_posts() -> None:
    blog = blogger_blog(sitemap_enabled=False)
    site = LinkedFromNowhere(FeedFailsPastFirstPage(blog, 500))
    shown, hidden = newest_paths(blog, FEED_PAGE), newest_paths(blog, BLOG_POSTS)[FEED_PAGE:]
    for target in ["/", "/index.html", "/?m=1", "/p/about.html", *shown, *(p + "?m=1" for p in shown[:2])]:
        response = site.route(target, BASE)
        assert response.status == 200, target
        page = response.body.decode()
        assert not [p for p in hidden if p in page], target
        for mark in ("class='post-count", "class='blog-pager-older", "class='blog-pager-newer", "/search/label/",
                     "id='PopularPosts1'", "id='BlogArchive1'"):
            assert mark not in page, (target, mark)
    for target in ("/2024/01/", "/2023/11/", "/2023/", "/2023_11_01_archive.html", "/search",
                   "/search?updated-max=2024-01-01T00:00:00%2B08:00&max-results=7", "/search/label/trade",
                   "/?updated-max=2024-01-01T00:00:00%2B08:00&max-results=7", "/sitemap.xml"):
        assert site.route(target, BASE).status == 404, target
    first = site.route("/feeds/posts/default?start-index=1&max-results=100&orderby=published&redirect=false", BASE)
    assert feed_facts(first.body) == (BLOG_POSTS, shown)
    assert site.route("/feeds/posts/default?start-index=11&max-results=10", BASE).status == 500


def test_site_stale_sitemap_lists_the_older_half() -> None:
    blog = blogger_blog(feed_enabled=False)
    older = newest_paths(blog, BLOG_POSTS)[BLOG_POSTS // 2:]
    sitemap = StaleSitemap(blog, older).route("/sitemap.xml", BASE)
    assert sitemap.status == 200
    assert [urlsplit(loc).path for loc in re.findall(r"<loc>(.*?)</loc>", sitemap.body.decode())] == older
    assert StaleSitemap(blog, older).route("/feeds/posts/default", BASE).status == 404


def test_site_wordpress_rest_for_some_routes_only_and_a_feed_ignoring_paged() -> None:
    wp = wordpress_blog(sitemaps=None)
    site = FeedIgnoresPaged(RestPostsRouteOff(wp))
    index = site.route("/wp-json/", BASE)
    assert index.status == 200 and b'"wp\\/v2"' in index.body
    for target in ("/wp-json/wp/v2/posts?per_page=100&page=1&orderby=date&order=desc&_embed=author",
                   "/wp-json/wp/v2/posts", "/wp-json/wp/v2/posts/100", "/?rest_route=/wp/v2/posts",
                   "/wp-sitemap.xml", "/sitemap_index.xml", "/sitemap.xml"):
        assert site.route(target, BASE).status == 404, target
    assert site.route("/wp-json/wp/v2/categories", BASE).status == 200
    feed = site.route("/feed/", BASE)
    items = re.findall(r"<link>(.*?)</link>", feed.body.decode())[1:]
    assert [urlsplit(i).path for i in items] == newest_paths(wp, 10)
    assert site.route("/feed/?paged=2", BASE).body == feed.body
    second = site.route("/category/trade/page/2/", BASE)
    assert second.status == 200 and f'{BASE}/category/trade/page/2/' in second.body.decode()
    about = site.route(WP_STATIC_PATHS[1], BASE)
    assert about.status == 200 and b"type-page" in about.body
    assert f'href="{BASE}{WP_STATIC_PATHS[1]}"'.encode() in site.route("/", BASE).body


def test_site_blogger_mirror_links_relatively_and_answers_index_html_as_the_folder() -> None:
    blog = blogger_blog(feed_enabled=False, sitemap_enabled=False)
    site = RelativeMirror(blog)
    home = site.route("/index.html", BASE)
    assert home.status == 200 and home.body == site.route("/", BASE).body
    links = links_of(home.body)
    assert not [link for link in links if link.startswith(BASE)]
    assert "2024/01/index.html" in links and "2023/index.html" in links
    assert newest_paths(blog, 1)[0].lstrip("/") in links
    january = site.route("/2024/01/index.html", BASE)
    assert january.status == 200 and january.body == site.route("/2024/01/", BASE).body
    pager = [link for link in links_of(january.body) if link.startswith("index.html?updated-max=")]
    assert pager and site.route("/2024/01/" + pager[0].replace("&amp;", "&"), BASE).status == 200
    post = newest_paths(blog, BLOG_POSTS)[-1]  # October 2023
    post_links = links_of(site.route(post, BASE).body)
    assert "../../index.html" in post_links and "../../2024/01/index.html" in post_links
    assert [link for link in post_links if re.fullmatch(r"\.\./\.\./2024/0[12]/[^/]+\.html", link)]  # another month's
    assert [link for link in post_links if re.fullmatch(r"[a-z0-9][^/:]*\.html", link)]  # a post of the same month


def test_site_wordpress_mirror_links_its_rest_index_as_index_json() -> None:
    wp = wordpress_blog(sitemaps=None, feed_enabled=False, posts_per_page=4)
    site = RelativeMirror(wp, queries=False)
    home = site.route("/", BASE)
    assert 'href="wp-json/index.json"' in home.body.decode()
    assert not [name for name, _ in home.headers if name.lower() == "link"]
    page = site.route(WP_STATIC_PATHS[1] + "index.html", BASE)
    assert page.status == 200
    assert 'href="../wp-json/index.json"' in page.body.decode()
    assert 'href="../category/trade/index.html"' in page.body.decode()
    assert 'href="../index.html"' in page.body.decode()
    post = newest_paths(wp, 1)[0]
    assert site.route(post + "index.html", BASE).body == site.route(post, BASE).body
    assert site.route("/page/2/index.html", BASE).status == 200
    index = site.route("/wp-json/index.json", BASE)
    assert index.status == 200 and b'"wp\\/v2"' in index.body
    for target in ("/wp-json/wp/v2/posts", "/wp-json/index.jsonwp/v2/posts?per_page=100&page=1"):
        assert site.route(target, BASE).status == 404, target


def test_site_meta_refresh_stubs_at_the_old_addresses_the_sitemap_lists() -> None:
    wp = wordpress_blog(rest_enabled=False)
    moved = newest_paths(wp, 14)[1]
    site = SitemapListsOldAddresses(wp, {"/old/moved-post.html": moved})
    stub = site.route("/old/moved-post.html", BASE)
    assert stub.status == 200
    assert f'<meta http-equiv="refresh" content="0; url={BASE}{moved}" />' in stub.body.decode()
    sitemap = site.route("/wp-sitemap-posts-post-1.xml", BASE).body.decode()
    assert f"{BASE}/old/moved-post.html<" in sitemap and f"{BASE}{moved}<" not in sitemap


def test_site_pager_loop_and_endless_pager() -> None:
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, feed_enabled=False)
    second = PagerLoop(wp).route("/page/2/", BASE).body.decode()
    assert f'<a class="next page-numbers" href="{BASE}/page/1/"' in second
    assert f'<link rel="next" href="{BASE}/page/1/"' in second
    wp = wordpress_blog(12, rest_enabled=False, sitemaps=None, feed_enabled=False, posts_per_page=4)
    site = EndlessPager(WithoutPostCounts(wp))
    last = site.route("/page/3/", BASE).body.decode()
    far = site.route("/page/40/", BASE)
    assert far.status == 200 and f'<link rel="next" href="{BASE}/page/41/"' in far.body.decode()
    assert f'href="{BASE}/page/4/"' in last
    posts = re.compile(r'<h2 class="entry-title default-max-width"><a href="([^"]+)"')
    assert posts.findall(far.body.decode()) == posts.findall(last) == [BASE + p for p in newest_paths(wp, 12)[8:]]
    category = site.route("/category/trade/page/9/", BASE)
    assert category.status == 200 and f'href="{BASE}/category/trade/page/10/"' in category.body.decode()
    assert "&nbsp;(" not in last
    assert site.route(newest_paths(wp, 1)[0], BASE).status == 200


def test_site_feed_not_xml_and_a_sitemap_listing_itself() -> None:
    blog = blogger_blog(sitemap_page_size=6)
    site = FeedNotXml(SitemapListsItself(blog))
    feed = site.route("/feeds/posts/default?start-index=1&max-results=100&orderby=published&redirect=false", BASE)
    assert feed.status == 200 and feed.content_type.startswith("text/html") and not feed.body.startswith(b"<?xml")
    index = site.route("/sitemap.xml", BASE).body.decode()
    children = re.findall(r"<loc>(.*?)</loc>", index)
    assert children[0] == f"{BASE}/sitemap.xml" and len(children) == 4
    maps = [site.route(f"/sitemap.xml?page={n}", BASE).body.decode() for n in (1, 2, 3)]
    listed = [loc for text in maps for loc in re.findall(r"<loc>(.*?)</loc>", text)]
    assert {urlsplit(loc).path for loc in listed} == post_paths(blog)


# ---------------------------------------------------------------------------------------------------
# 1. A Blogger feed cut short


@pytest.mark.parametrize("failure", ["mirror", "404"])
def test_a_feed_cut_short_is_completed_by_the_archive_walk(failure: str, serve, tmp_path: Path) -> None:
    blog = blogger_blog(sitemap_enabled=False)
    server = serve(MirroredFeed(blog) if failure == "mirror" else FeedFailsPastFirstPage(blog, 404))
    result = crawl(server, tmp_path)
    assert_archived(tmp_path, post_paths(blog))
    report = assert_complete(result, tmp_path, post_paths(blog))
    assert report["expected"] == BLOG_POSTS  # the feed's openSearch:totalResults
    assert report["found_by"].get("walk", 0) > 0, report
    if failure == "404":
        assert any("/feeds/" in f["url"] for f in report["listings_failed"]), report


def test_the_walk_goes_on_from_a_post_pages_archive_where_the_home_page_shows_none(serve, tmp_path: Path) -> None:
    blog = blogger_blog(sitemap_enabled=False)
    site = MirroredFeed(ArchiveOnPostPagesOnly(blog))
    home = site.route("/", BASE).body.decode()
    assert not re.search(r"href='[^']*(?:/\d{4}/\d{2}/'|/search[/?])", home)  # nothing links past the feed
    server = serve(site)
    result = crawl(server, tmp_path)
    assert_archived(tmp_path, post_paths(blog))
    report = assert_complete(result, tmp_path, post_paths(blog))
    assert report["discovery"] == "walk" and report["found_by"].get("walk", 0) > 0, report


def test_a_complete_feed_costs_no_archive_walk(serve, tmp_path: Path) -> None:
    blog = blogger_blog(sitemap_enabled=False)
    server = serve(FeedPageCap(blog))
    result = crawl(server, tmp_path)
    assert [r for r in server.requests if r.startswith("/feeds/posts/default")], "the feed was not read"
    walked = [r for r in server.requests if ARCHIVE_PAGE.match(r)]
    assert not walked, f"a complete feed needs no archive walk, yet it read {walked}"
    assert_archived(tmp_path, post_paths(blog))
    report = assert_complete(result, tmp_path, post_paths(blog))
    assert report["expected"] == report["found"] == BLOG_POSTS
    assert report["found_by"].get("walk", 0) == 0, report


def test_a_feed_without_a_total_is_read_to_its_last_short_page(serve, tmp_path: Path) -> None:
    blog = blogger_blog(sitemap_enabled=False)
    server = serve(FeedWithoutTotal(blog))
    assert b"totalResults" not in server.site.route("/feeds/posts/default", server.url("")).body
    result = crawl(server, tmp_path)
    feed_pages = [r for r in server.requests if r.startswith("/feeds/posts/default")]
    assert len(feed_pages) >= 2, feed_pages  # 18 posts, 10 a page: the feed is paged without a total
    assert_archived(tmp_path, post_paths(blog))
    report = assert_complete(result, tmp_path, post_paths(blog))
    assert report["found_by"].get("feed") == BLOG_POSTS and report["found_by"].get("walk", 0) == 0, report


def test_an_incomplete_archive_says_so_and_exits_1(serve, tmp_path: Path) -> None:
    # The feed says 18 posts; its page 2 fails; nothing else on the blog leads to the 8 older posts.
    blog = blogger_blog(sitemap_enabled=False)
    server = serve(LinkedFromNowhere(FeedFailsPastFirstPage(blog, 500)))
    result = crawl(server, tmp_path, "--set", "RETRY_TIMES=0")
    assert_archived(tmp_path, set(newest_paths(blog, FEED_PAGE)))
    assert result.returncode == 1, f"an incomplete archive exits 1:\n{result.stdout}{result.stderr}"
    lines = incomplete_lines(result)
    assert len(lines) == 1, result.stdout
    source = source_of(tmp_path)
    assert source in lines[0], lines[0]
    assert re.search(rf"\b{FEED_PAGE}\b", lines[0]) and re.search(rf"\b{BLOG_POSTS}\b", lines[0]), lines[0]
    report = blog_report(tmp_path)
    assert report["source"] == source
    assert report["complete"] is False, report
    assert report["expected"] == BLOG_POSTS and "feed" in report["expected_from"], report
    assert report["found"] == FEED_PAGE, report
    assert any("/feeds/" in f["url"] for f in report["listings_failed"]), report


# ---------------------------------------------------------------------------------------------------
# 2. Blogger without feed or sitemap


def test_blogger_without_feed_or_sitemap_is_walked_through_its_archives(serve, tmp_path: Path) -> None:
    blog = blogger_blog(feed_enabled=False, sitemap_enabled=False)
    server = serve(blog)
    result = crawl(server, tmp_path)
    assert_archived(tmp_path, post_paths(blog))
    report = assert_complete(result, tmp_path, post_paths(blog))
    assert report["expected"] == BLOG_POSTS, report  # the archive widget's post counts
    assert report["found_by"].get("walk", 0) > 0, report


def test_labels_and_pagers_robots_txt_forbids_leave_the_walk_complete_when_the_blogs_count_is_reached(
        serve, tmp_path: Path) -> None:
    # Blogger's own robots.txt forbids /search (labels, pagers) to every crawler; the month archives and the
    # posts' older and newer links reach every post the archive widget counts.
    blog = blogger_blog(feed_enabled=False, sitemap_enabled=False)
    server = serve(RobotsTxt(blog, BLOGGER_ROBOTS))
    result = crawl(server, tmp_path)
    assert not [r for r in server.requests if r.startswith("/search")]
    assert_archived(tmp_path, post_paths(blog))
    assert assert_complete(result, tmp_path, post_paths(blog))["expected"] == BLOG_POSTS


def test_a_walk_with_no_count_to_reach_and_listings_robots_txt_forbids_says_the_archive_may_be_incomplete(
        serve, tmp_path: Path) -> None:
    # Nothing says how many posts the blog has, and the label pages the walk met were not read: posts listed
    # only there would be missed, and the run cannot say none were (a saved blog's copy: 63 of 664 posts found
    # and the run called complete).
    blog = blogger_blog(feed_enabled=False, sitemap_enabled=False)
    server = serve(RobotsTxt(WithoutBloggerPostCounts(blog), BLOGGER_ROBOTS))
    result = crawl(server, tmp_path)
    assert not [r for r in server.requests if r.startswith("/search")]
    assert result.returncode == 1, f"a possibly incomplete archive exits 1:\n{result.stdout}{result.stderr}"
    lines = incomplete_lines(result)
    assert len(lines) == 1 and "forbidden to archiver by robots.txt" in lines[0] and "/search" in lines[0], lines
    assert_archived(tmp_path, post_paths(blog))  # here the month archives held them all: nothing could tell
    report = blog_report(tmp_path)
    assert report["complete"] is False and report["expected"] is None, report
    assert report["listings_forbidden"] and all("/search" in url for url in report["listings_forbidden"]), report


def test_month_archives_saved_at_post_addresses_are_not_archived_as_posts(serve, tmp_path: Path) -> None:
    """A saved copy keeps /2024/01/ as /2024/01/01.html: walked as a post's address, the page shows a month's
    posts (or names itself by the month's address when it shows one), so it is a listing, not a post."""
    blog = blogger_blog(feed_enabled=False, sitemap_enabled=False)
    server = serve(MonthArchivesAtPostAddresses(blog))
    result = crawl(server, tmp_path)
    assert "/2024/01/01.html" in server.requests and "/2023/12/12.html" in server.requests  # 9 posts; 1 post
    assert_archived(tmp_path, post_paths(blog))
    assert_complete(result, tmp_path, post_paths(blog))


def test_a_post_found_at_two_addresses_counts_once_against_the_blogs_count(serve, tmp_path: Path) -> None:
    """Every post also at a saved copy's address (slug_2.html): the walk met the blog's count of 18 posts
    with half of them found twice; counted once each, it reads on and finds the rest."""
    blog = blogger_blog(feed_enabled=False, sitemap_enabled=False)
    server = serve(SavedCopies(blog))
    result = crawl(server, tmp_path)
    assert any(request.endswith("_2.html") for request in server.requests)
    archived = [path.replace("_2.html", ".html") for path in archived_paths(tmp_path)]  # either address
    assert len(archived) == BLOG_POSTS and set(archived) == post_paths(blog), sorted(archived)
    assert result.returncode == 0 and not incomplete_lines(result), result.stdout
    assert blog_report(tmp_path)["found"] == BLOG_POSTS


def test_an_unchanged_rerun_of_a_walked_blog_fetches_no_post(serve, tmp_path: Path) -> None:
    blog = blogger_blog(feed_enabled=False, sitemap_enabled=False)
    server = serve(blog)
    crawl(server, tmp_path)
    assert_archived(tmp_path, post_paths(blog))
    records = len(read_records(tmp_path))
    server.clear()
    again = crawl(server, tmp_path)
    fetched = sorted({urlsplit(r).path for r in server.requests} & post_paths(blog))
    assert not fetched, f"the unchanged rerun fetched {len(fetched)} post pages again: {fetched}"
    assert again.returncode == 0, again.stdout + again.stderr
    assert not incomplete_lines(again), again.stdout
    assert len(read_records(tmp_path)) == records
    assert blog_report(tmp_path)["complete"] is True


# ---------------------------------------------------------------------------------------------------
# 3. A stale sitemap


def test_a_stale_sitemap_is_completed_by_the_archive_walk(serve, tmp_path: Path) -> None:
    blog = blogger_blog(feed_enabled=False)
    older = newest_paths(blog, BLOG_POSTS)[BLOG_POSTS // 2:]
    server = serve(StaleSitemap(blog, older))
    result = crawl(server, tmp_path)
    assert "/sitemap.xml" in server.requests
    assert_archived(tmp_path, post_paths(blog))
    report = assert_complete(result, tmp_path, post_paths(blog))
    assert report["found_by"].get("walk", 0) > 0, report


def test_a_sitemap_whose_posts_are_mostly_not_there_is_stale_and_the_blog_is_walked(serve, tmp_path: Path) -> None:
    # The sitemap names as many posts as the blog's count, every one of them 404: it vouches for nothing.
    blog = blogger_blog(feed_enabled=False)
    server = serve(SitemapListsDeadAddresses(blog))
    result = crawl(server, tmp_path)
    assert_archived(tmp_path, post_paths(blog))
    assert result.returncode == 1, result.stdout  # the addresses the sitemap names failed: said, not hidden
    assert f"{BLOG_POSTS} failed" in result.stdout, result.stdout
    assert blog_report(tmp_path)["found_by"].get("walk", 0) >= BLOG_POSTS


# ---------------------------------------------------------------------------------------------------
# 4. WordPress with REST for some routes only, no sitemaps, a feed cut to its newest posts


def test_wordpress_with_rest_for_some_routes_and_a_cut_feed_is_walked(serve, tmp_path: Path) -> None:
    wp = wordpress_blog(sitemaps=None, posts_per_rss=10)
    server = serve(FeedIgnoresPaged(RestPostsRouteOff(wp)))
    result = crawl(server, tmp_path)
    archived = archived_paths(tmp_path)
    assert not archived & set(WP_STATIC_PATHS), "a static page was archived as a post"
    assert_archived(tmp_path, post_paths(wp))
    report = assert_complete(result, tmp_path, post_paths(wp))
    assert report["found_by"].get("walk", 0) > 0, report


def test_a_wordpress_blog_saved_in_a_static_cache_plugin_s_folder_is_walked_there(serve, tmp_path: Path) -> None:
    # Every link of its pages points under /wp-content/, which holds the platform's files, not its pages: all
    # were skipped, and the run archived no post and called the archive complete.
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, feed_enabled=False)
    server = serve(StaticCacheFolder(wp))
    crawl(server, tmp_path)
    folder = StaticCacheFolder.FOLDER.rstrip("/")
    assert_archived(tmp_path, {folder + path for path in post_paths(wp)})


def test_a_blog_where_no_post_is_found_is_a_failure_whatever_its_platform(serve, tmp_path: Path) -> None:
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, feed_enabled=False)
    server = serve(HomeWithoutLinks(wp))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{server.url('/')}: found no posts" in result.stderr
    assert not last_run(tmp_path)["blogs"][0]["complete"]


def test_posts_of_a_theme_that_marks_nothing_are_known_by_the_shape_of_the_posts_the_feed_names(
        serve, tmp_path: Path) -> None:
    # Nothing on a post page says "post"; the feed names the 4 newest; the walk meets the other 10 among
    # archives and static pages. Before, it archived the feed's 4 and called the archive complete.
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, posts_per_rss=4)
    server = serve(FeedIgnoresPaged(UnmarkedTheme(wp)))
    result = crawl(server, tmp_path)
    assert not archived_paths(tmp_path) & set(WP_STATIC_PATHS), "a static page was archived as a post"
    assert_archived(tmp_path, post_paths(wp))
    report = assert_complete(result, tmp_path, post_paths(wp))
    assert report["found_by"] == {"feed": 4, "walk": len(post_paths(wp)) - 4}, report
    assert report["pages_undecided"] == 0 and report["post_marks"], report
    fetched = Counter(server.requests)  # the walk's first answer of a post is kept, not asked for again
    assert {path: fetched[path] for path in post_paths(wp) if fetched[path] != 1} == {}


def test_pages_kept_for_the_judgement_are_bounded(serve, tmp_path: Path) -> None:
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, posts_per_rss=4)
    server = serve(FeedIgnoresPaged(UnmarkedTheme(wp)))
    result = crawl(server, tmp_path, "--set", "ARCHIVER_WALK_KEEP_BYTES=0")
    assert_archived(tmp_path, post_paths(wp))
    assert_complete(result, tmp_path, post_paths(wp))
    fetched = Counter(server.requests)  # none kept: the walk's posts are asked for twice
    assert {path for path in post_paths(wp) if fetched[path] == 2} == post_paths(wp) - set(newest_paths(wp, 4))


def test_on_any_other_site_the_feeds_items_are_posts_and_teach_the_walk_what_posts_look_like(
        serve, tmp_path: Path) -> None:
    # The same blog read as a site of no known platform: a page its feed lists is a post, article or not.
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, posts_per_rss=4)
    server = serve(FeedIgnoresPaged(UnmarkedTheme(wp)))
    result = crawl(server, tmp_path, "--platform", "generic")
    assert not archived_paths(tmp_path) & set(WP_STATIC_PATHS), "a static page was archived as a post"
    assert_archived(tmp_path, post_paths(wp))
    report = assert_complete(result, tmp_path, post_paths(wp))
    assert report["found_by"] == {"feed": 4, "walk": len(post_paths(wp)) - 4}, report


def test_on_any_other_site_the_pages_a_sitemap_lists_are_judged_by_the_shape_of_the_feeds_posts(
        serve, tmp_path: Path) -> None:
    # The sitemap lists every post (its map of static pages is not read); nothing on a post page says
    # "article"; the feed names 4 posts.
    wp = wordpress_blog(rest_enabled=False, posts_per_rss=4)
    server = serve(FeedIgnoresPaged(UnmarkedTheme(wp)))
    result = crawl(server, tmp_path, "--platform", "generic")
    assert "/wp-sitemap-posts-post-1.xml" in server.requests and "/wp-sitemap-posts-page-1.xml" not in server.requests
    assert_archived(tmp_path, post_paths(wp))
    report = assert_complete(result, tmp_path, post_paths(wp))
    assert report["found_by"]["sitemap"] == len(post_paths(wp)), report
    fetched = Counter(server.requests)
    assert {path: fetched[path] for path in post_paths(wp) if fetched[path] != 1} == {}


@pytest.mark.parametrize("rel", [None, "alternative"])
def test_on_any_other_site_a_feed_named_nowhere_or_misnamed_is_found(rel: str | None, serve, tmp_path: Path) -> None:
    # The feed is the only listing that names posts, and the only way to learn what they look like.
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, posts_per_rss=4)
    server = serve(FeedLinks(FeedIgnoresPaged(UnmarkedTheme(wp)), rel=rel))
    result = crawl(server, tmp_path, "--platform", "generic")
    assert_archived(tmp_path, post_paths(wp))
    report = assert_complete(result, tmp_path, post_paths(wp))
    assert report["found_by"]["feed"] == 4, report


def test_a_sign_of_an_article_the_home_page_shows_too_says_nothing(serve, tmp_path: Path) -> None:
    # Every page says og:type article: the home page and its pagers are not posts, and the site is judged
    # by its other signs, as it is when only its posts say og:type article.
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, posts_per_rss=4)
    plain = crawl(serve(FeedIgnoresPaged(wp)), tmp_path / "plain", "--platform", "generic")
    everywhere = crawl(serve(FeedIgnoresPaged(ArticleEverywhere(wp))), tmp_path / "everywhere", "--platform", "generic")
    assert (everywhere.returncode, plain.returncode) == (0, 0), everywhere.stdout + plain.stdout
    archived = archived_paths(tmp_path / "everywhere")
    assert archived == archived_paths(tmp_path / "plain"), sorted(archived ^ archived_paths(tmp_path / "plain"))
    assert archived >= post_paths(wp) and "/" not in archived


def test_a_sites_own_pages_are_not_posts_though_its_feed_and_theme_say_so(serve, tmp_path: Path) -> None:
    # A theme that calls every page an article, a feed of the whole site (Hugo's) and a sitemap of every page:
    # before, the about page was archived as a post. A page of no name a site's pages have stays (nothing
    # tells it from a post); the about page is not asked for again on the next run.
    wp = wordpress_blog(rest_enabled=False, posts_per_rss=20)
    server = serve(SiteWideFeed(ArticleEverywhere(wp)))
    result = crawl(server, tmp_path, "--platform", "generic")
    assert result.returncode == 0, result.stdout + result.stderr
    assert archived_paths(tmp_path) == post_paths(wp) | {"/reading-room/"}
    server.clear()
    rerun = crawl(server, tmp_path, "--platform", "generic")
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "/about/" not in server.requests, server.requests


def test_a_sitemap_index_s_maps_of_pages_tags_and_authors_are_not_read_for_posts(serve, tmp_path: Path) -> None:
    # A Ghost site's index names its posts' map beside those of its static pages, tags and authors; a theme that
    # calls every page an article made its "/reading-room/" page a post (a real one's "/about-2/").
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, posts_per_rss=20)
    server = serve(GhostSitemaps(ArticleEverywhere(wp)))
    result = crawl(server, tmp_path, "--platform", "generic")
    assert result.returncode == 0, result.stdout + result.stderr
    assert archived_paths(tmp_path) == post_paths(wp)
    assert "/sitemap-posts.xml" in server.requests and "/sitemap-pages.xml" not in server.requests, server.requests


def test_a_site_whose_pages_nothing_tells_apart_found_no_posts_and_says_why(serve, tmp_path: Path) -> None:
    # No feed, a sitemap of every page, no article signs: before, the sitemap's emptied books passed for a
    # complete listing and the run ended without a word on the pages it could not judge.
    wp = wordpress_blog(rest_enabled=False, feed_enabled=False)
    server = serve(UnmarkedTheme(wp))
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, "--platform", "generic")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    message = re.search(r"found no posts \(.*; (\d+) pages could not be told from posts\)", result.stderr)
    assert message and int(message[1]) >= len(post_paths(wp)), result.stderr


def test_a_theme_whose_listings_show_bare_titles_is_judged_by_its_post_template(serve, tmp_path: Path) -> None:
    # No listing shows the posts' markup: the classes every post read has once, and no listing has, stand in.
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, posts_per_rss=4)
    server = serve(FeedIgnoresPaged(UnmarkedTheme(wp, plain_listings=True)))
    result = crawl(server, tmp_path)
    assert_archived(tmp_path, post_paths(wp))
    report = assert_complete(result, tmp_path, post_paths(wp))
    assert report["post_marks"] == [] and report["pages_undecided"] == 0, report


def test_unmarked_posts_do_not_count_against_the_walks_page_cap(serve, tmp_path: Path) -> None:
    # The cap bounds the pages that are not posts. Pages that carry the marks the blog's posts taught wait for
    # the judgement at the end, but count as the posts they look like: before, a blog of unmarked posts with
    # more posts than the cap left stopped its walk ("stopped at its cap") and called itself incomplete.
    wp = wordpress_blog(n_posts=40, rest_enabled=False, sitemaps=None, posts_per_rss=4, posts_per_page=10)
    server = serve(FeedIgnoresPaged(UnmarkedTheme(wp)))
    result = crawl(server, tmp_path, "--set", "ARCHIVER_WALK_MAX_PAGES=45")
    assert_archived(tmp_path, post_paths(wp))
    report = assert_complete(result, tmp_path, post_paths(wp))
    assert report["walk"]["capped"] is False and report["walk"]["pages_read"] < 45, report["walk"]


def test_a_walk_that_cannot_tell_posts_from_other_pages_says_the_archive_is_incomplete(serve, tmp_path: Path) -> None:
    # As above, but the three oldest posts are asides, without the meta line every post the feed named has:
    # they carry part of the post template, and nothing tells them from a page that does.
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, posts_per_rss=4)
    asides = frozenset(newest_paths(wp, 14)[-3:])
    server = serve(FeedIgnoresPaged(UnmarkedTheme(wp, plain_listings=True, asides=asides)))
    result = crawl(server, tmp_path)
    assert_archived(tmp_path, post_paths(wp) - asides)
    assert result.returncode == 1, f"an incomplete archive exits 1:\n{result.stdout}{result.stderr}"
    lines = incomplete_lines(result)
    assert len(lines) == 1 and "3 pages could not be told from posts" in lines[0], result.stdout
    report = blog_report(tmp_path)
    assert report["complete"] is False and "could not be told from posts" in report["incomplete_cause"], report
    assert report["pages_undecided"] == len(asides), report


# ---------------------------------------------------------------------------------------------------
# 5. wget and HTTrack mirrors


@pytest.mark.parametrize("platform", ["blogger", "wordpress"])
def test_a_mirror_with_relative_links_is_walked(platform: str, serve, tmp_path: Path) -> None:
    if platform == "blogger":
        blog: Any = blogger_blog(feed_enabled=False, sitemap_enabled=False)
        site, start = RelativeMirror(blog), "/index.html"
    else:
        blog = wordpress_blog(12, sitemaps=None, feed_enabled=False, posts_per_page=4)
        site, start = RelativeMirror(blog, queries=False), "/"
    server = serve(site)
    result = crawl(server, tmp_path, start=start)
    archived = archived_paths(tmp_path)
    assert not archived & set(WP_STATIC_PATHS), "a static page was archived as a post"
    assert_archived(tmp_path, post_paths(blog))  # a folder's index.html is the folder
    assert_complete(result, tmp_path, post_paths(blog))


# ---------------------------------------------------------------------------------------------------
# 6. Meta-refresh stubs


def test_meta_refresh_stubs_lead_to_the_posts(serve, tmp_path: Path) -> None:
    wp = wordpress_blog(rest_enabled=False)
    ordered = newest_paths(wp, 14)
    moves = {f"/old/{urlsplit(ordered[n]).path.strip('/').rsplit('/', 1)[-1]}.html": ordered[n] for n in (1, 6, 12)}
    server = serve(SitemapListsOldAddresses(wp, moves))
    result = crawl(server, tmp_path)
    assert_archived(tmp_path, post_paths(wp))  # at their new addresses, once
    assert_complete(result, tmp_path, post_paths(wp))
    # Two of the moved posts are in the feed too, at their new addresses: a stub leads there, not a second fetch.
    fetched = Counter(server.requests)
    assert {path: fetched[path] for path in post_paths(wp) if fetched[path] != 1} == {}


def test_a_stub_the_walk_meets_leads_to_no_second_fetch_of_a_post_the_feed_named(serve, tmp_path: Path) -> None:
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, posts_per_rss=4)
    ordered = newest_paths(wp, 14)
    moves = {f"/old/{urlsplit(ordered[n]).path.strip('/').rsplit('/', 1)[-1]}.html": ordered[n] for n in (1, 2, 9)}
    server = serve(FeedIgnoresPaged(ListingsLinkOldAddresses(wp, moves)))
    result = crawl(server, tmp_path)
    assert all(old in server.requests for old in moves)
    assert_archived(tmp_path, post_paths(wp))
    assert_complete(result, tmp_path, post_paths(wp))
    fetched = Counter(server.requests)
    assert {path: fetched[path] for path in post_paths(wp) if fetched[path] != 1} == {}


def test_attachment_pages_a_wordpress_sitemap_lists_are_not_archived_as_posts(serve, tmp_path: Path) -> None:
    wp = wordpress_blog(rest_enabled=False, sitemaps=None)
    server = serve(SitemapListsAttachments(wp))
    result = crawl(server, tmp_path)
    assert sum("/attachment/photo/" in r for r in server.requests) == len(post_paths(wp))
    assert_archived(tmp_path, post_paths(wp))
    assert_complete(result, tmp_path, post_paths(wp))


def test_a_wordpress_themes_team_and_service_pages_are_not_posts_and_its_press_releases_are(
        serve, tmp_path: Path) -> None:
    wp = wordpress_blog(rest_enabled=False, sitemaps=None)
    server = serve(SitemapListsThemePages(wp))
    result = crawl(server, tmp_path)
    assert all(page in server.requests for page in SitemapListsThemePages.KINDS)
    assert_archived(tmp_path, post_paths(wp) | {SitemapListsThemePages.PRESS_RELEASE})
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_found_not_to_be_posts_are_not_asked_for_again_until_their_sitemap_dates_them_anew(
        serve, tmp_path: Path) -> None:
    wp = wordpress_blog(rest_enabled=False, sitemaps=None)
    site = SitemapListsAttachments(wp)
    site.attachments_lastmod = "2024-01-01T00:00:00+00:00"
    server = serve(site)

    def attachments_asked(*extra: str) -> int:
        before = len(server.requests)
        result = crawl(server, tmp_path, *extra)
        assert_complete(result, tmp_path, post_paths(wp))
        return sum("/attachment/photo/" in r for r in server.requests[before:])

    assert attachments_asked() == len(post_paths(wp))
    assert attachments_asked() == 0  # remembered as not posts
    site.attachments_lastmod = "2024-06-01T00:00:00+00:00"  # edited since: asked again, once
    assert attachments_asked() == len(post_paths(wp))
    assert attachments_asked() == 0
    assert attachments_asked("--full") == len(post_paths(wp))
    assert_archived(tmp_path, post_paths(wp))


def test_files_a_sitemap_lists_are_not_posts_and_are_not_asked_for_again(serve, tmp_path: Path) -> None:
    # A site of no known platform: each listed file was fetched, dropped without a word, and fetched again
    # on every run.
    wp = wordpress_blog(rest_enabled=False, sitemaps=None)
    server = serve(SitemapListsFiles(wp))
    result = crawl(server, tmp_path, "--platform", "generic")
    assert_archived(tmp_path, post_paths(wp))
    assert result.returncode == 0, result.stdout + result.stderr
    assert sum(r.endswith(".asc") for r in server.requests) == len(post_paths(wp))
    server.clear()
    rerun = crawl(server, tmp_path, "--platform", "generic")
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert not [r for r in server.requests if r.endswith(".asc")], server.requests


def test_posts_the_walk_reaches_only_through_their_old_addresses_stubs_are_archived(serve, tmp_path: Path) -> None:
    """A page the walk cannot place by its address turns out, after its redirect, to be a post: archived at
    its new address (it was dropped as "redirected to a post already booked": the page's own booking)."""
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, feed_enabled=False)
    ordered = newest_paths(wp, 14)
    moves = {f"/old/{urlsplit(ordered[n]).path.strip('/').rsplit('/', 1)[-1]}.html": ordered[n] for n in (1, 6, 12)}
    server = serve(ListingsLinkOldAddresses(wp, moves))
    result = crawl(server, tmp_path)
    assert all(old in server.requests for old in moves)  # the stubs were the way in
    assert_archived(tmp_path, post_paths(wp))
    assert_complete(result, tmp_path, post_paths(wp))


# ---------------------------------------------------------------------------------------------------
# 7. Pager loops and bad listings


def test_a_pager_looping_back_ends(serve, tmp_path: Path) -> None:
    wp = wordpress_blog(rest_enabled=False, sitemaps=None, feed_enabled=False)
    server = serve(PagerLoop(wp))
    result = crawl(server, tmp_path, timeout=40)
    assert "/page/2/" in server.requests
    assert_archived(tmp_path, post_paths(wp))
    assert_complete(result, tmp_path, post_paths(wp))


def test_an_endless_pager_stops_at_the_walk_cap_and_says_incomplete(serve, tmp_path: Path) -> None:
    wp = wordpress_blog(12, rest_enabled=False, sitemaps=None, feed_enabled=False, posts_per_page=4)
    server = serve(EndlessPager(WithoutPostCounts(wp)))
    result = crawl(server, tmp_path, "--set", "ARCHIVER_WALK_MAX_PAGES=30", timeout=15)
    assert_archived(tmp_path, post_paths(wp))  # every category's first page lists all of its posts
    paged = {r for r in server.requests if "/page/" in r}
    assert len(paged) <= 30, f"the walk read {len(paged)} pager pages past its cap of 30"
    assert result.returncode == 1, f"a walk stopped by its cap, with no total known, is incomplete:\n{result.stdout}"
    lines = incomplete_lines(result)
    assert len(lines) == 1 and source_of(tmp_path) in lines[0], result.stdout
    assert result.stderr.count("stopped at its cap") == 1, result.stderr  # said once, not as each page in flight ends
    report = blog_report(tmp_path)
    assert report["complete"] is False and report["expected"] is None, report
    assert report["found"] == len(post_paths(wp)), report


def test_a_feed_not_xml_and_a_sitemap_listing_itself_neither_hang_nor_stop_the_crawl(serve, tmp_path: Path) -> None:
    blog = blogger_blog(sitemap_page_size=6)
    server = serve(FeedNotXml(SitemapListsItself(blog)))
    result = crawl(server, tmp_path, timeout=40)
    assert server.requests.count("/sitemap.xml") <= 2
    assert_archived(tmp_path, post_paths(blog))
    assert_complete(result, tmp_path, post_paths(blog))
