"""End to end: WordPress, Substack and generic sites, detected from the sites themselves, and a sources file."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archiver.demo.sample import sample_site
from archiver.demo.responses import Response
from blogsim import platform_samples as samples
from blogsim.wordpress import PLAIN_PERMALINKS
from tests.conftest import FAST, last_run, read_records, run_cli
from tests.expected import EXPECTED_GENERIC, EXPECTED_SUBSTACK, EXPECTED_WORDPRESS


def by_path(records: list[dict]) -> dict[str, dict]:
    paths = [urlsplit(r["canonical_url"]).path for r in records]
    assert len(paths) == len(set(paths)), "a post was archived twice"
    return dict(zip(paths, records))


def check_fields(records: dict[str, dict], expected: dict[str, dict], platform: str, poster_unknown: str = "") -> None:
    assert sorted(records) == sorted(expected)
    for path, want in expected.items():
        got = records[path]
        assert got["platform"] == platform, path
        assert got["title"] == want["title"], path
        assert got["byline"] == want["byline"], path
        assert got["poster"] == (None if path == poster_unknown else want["poster"]), path
        assert got["published"] == want["published"].astimezone(timezone.utc), path
        assert got["paywalled"] == want["paywalled"], path
        # A featured image's caption is a caption of the post too.
        captions = ([want["featured_caption"]] if want.get("featured_caption") else []) + list(want["captions"])
        assert [(c["text"], c["credit"]) for c in got["captions"]] == [(c["text"], c["credit"]) for c in captions], path
        assert got["body"].startswith(want["first_sentence"]), path
        assert got["body"].endswith(want["last_sentence"]), path
        if "original_published" in want:
            assert got["original_published"] == want["original_published"].astimezone(timezone.utc), path
            assert got["original_published_raw"] == want["original_published_raw"], path


def crawl(serve, site, out: Path, *extra: str):
    server = serve(site)
    result = run_cli("crawl", server.url("/"), "--out", str(out), *FAST, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    assert last_run(out)["counts"]["errors"] == 0
    return server


@pytest.mark.parametrize("editor", ["block", "classic"])
def test_wordpress_through_its_rest_api(editor: str, serve, tmp_path: Path) -> None:
    server = crawl(serve, samples.sample_wordpress(rest=True, editor=editor), tmp_path)
    check_fields(by_path(read_records(tmp_path)), EXPECTED_WORDPRESS, "wordpress")
    assert any(r.startswith("/wp-json/wp/v2/posts") for r in server.requests)
    assert not any(r.startswith(("/wp-sitemap", "/feed")) for r in server.requests)


@pytest.mark.parametrize("rest", [True, False])
def test_wordpress_with_plain_permalinks_keeps_every_post(rest: bool, serve, tmp_path: Path) -> None:
    # "/?p=123" links: the query names the post.
    crawl(serve, samples.sample_wordpress(rest=rest, permalink_structure=PLAIN_PERMALINKS), tmp_path)
    urls = [r["canonical_url"] for r in read_records(tmp_path)]
    assert len(urls) == len(set(urls)) == len(EXPECTED_WORDPRESS)
    assert all(urlsplit(url).query.startswith("p=") for url in urls)


def test_wordpress_rest_failing_after_its_first_page_goes_on_with_the_sitemaps(serve, tmp_path: Path) -> None:
    site = samples.sample_wordpress(rest=True)
    server = serve(site)
    server.errors["/wp-json/wp/v2/posts?per_page=3&page=2&orderby=date&order=desc&_embed=author"] = 500
    # No retries: the 500 is what is tested, not the back-off before giving up.
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, "--set", "ARCHIVER_WP_PAGE_SIZE=3",
                     "--set", "RETRY_TIMES=0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(by_path(read_records(tmp_path))) == sorted(EXPECTED_WORDPRESS)
    assert any(r.startswith("/wp-sitemap") for r in server.requests)


class InFolder:
    """A site served under ``/blog/`` (WordPress installed in a folder); the root is someone else's page."""

    def __init__(self, site: object) -> None:
        self.site = site

    def route(self, target: str, base_url: str) -> Response:
        if not target.startswith("/blog/"):
            return Response(404, "text/html; charset=utf-8", b"<html><body>Not here</body></html>")
        return self.site.route(target.removeprefix("/blog"), base_url + "/blog")


def test_wordpress_in_a_folder_reads_its_sitemaps_there_when_rest_fails(serve, tmp_path: Path) -> None:
    server = serve(InFolder(samples.sample_wordpress(rest=True)))
    server.errors["/blog/wp-json/wp/v2/posts?per_page=100&page=1&orderby=date&order=desc&_embed=author"] = 500
    result = run_cli("crawl", server.url("/blog/"), "--out", str(tmp_path), *FAST, "--set", "RETRY_TIMES=0")
    assert result.returncode == 0, result.stdout + result.stderr
    paths = sorted(p.removeprefix("/blog") for p in by_path(read_records(tmp_path)))
    assert paths == sorted(EXPECTED_WORDPRESS)
    assert "/blog/wp-sitemap.xml" in server.requests


class HomeWithoutMarks:
    """A WordPress site on a custom domain whose home page is a plain landing page: its REST API says
    what it runs on."""

    def __init__(self, site: object) -> None:
        self.site = site

    def route(self, target: str, base_url: str) -> Response:
        if target == "/":
            return Response(200, "text/html; charset=utf-8", b"<html><head><title>Harbour</title></head>"
                                                             b"<body><p>Welcome to the harbour.</p></body></html>")
        return self.site.route(target, base_url)


def test_wordpress_known_by_its_rest_index_alone(serve, tmp_path: Path) -> None:
    crawl(serve, HomeWithoutMarks(samples.sample_wordpress(rest=True)), tmp_path)
    records = read_records(tmp_path)
    assert {r["platform"] for r in records} == {"wordpress"}
    assert sorted(by_path(records)) == sorted(EXPECTED_WORDPRESS)


def test_wordpress_without_rest_uses_its_sitemaps(serve, tmp_path: Path) -> None:
    server = crawl(serve, samples.sample_wordpress(rest=False), tmp_path)
    # Without the API, a co-authored post's page shows its writers but not the account that posted it.
    check_fields(by_path(read_records(tmp_path)), EXPECTED_WORDPRESS, "wordpress",
                 poster_unknown=samples.WP_JOINT_PATH)
    assert any(r.startswith("/wp-sitemap-posts-post-") for r in server.requests)


def test_wordpress_with_yoast_sitemaps(serve, tmp_path: Path) -> None:
    crawl(serve, samples.sample_wordpress(rest=False, sitemaps="yoast"), tmp_path)
    assert sorted(by_path(read_records(tmp_path))) == sorted(EXPECTED_WORDPRESS)


def test_since_without_listing_dates_keeps_only_posts_in_range(serve, tmp_path: Path) -> None:
    crawl(serve, samples.sample_wordpress(rest=False), tmp_path, "--since", "2024-01-01")  # core sitemaps: no lastmod
    assert sorted(by_path(read_records(tmp_path))) == sorted(p for p in EXPECTED_WORDPRESS if p.startswith("/2024/"))


def test_until_keeps_a_post_edited_after_it(serve, tmp_path: Path) -> None:
    # Yoast's sitemaps date posts by their last edit: a post published before `until` and edited
    # after it is still in range (its extracted date decides).
    server = serve(samples.sample_wordpress(rest=False, sitemaps="yoast"))
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "harbour"\nurl = "{server.url("/")}"\nuntil = 2022-11-04\n')
    result = run_cli("crawl", "--sources", str(sources), "--out", str(tmp_path / "out"), *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    kept = sorted(by_path(read_records(tmp_path / "out")))
    assert kept == sorted(p for p in EXPECTED_WORDPRESS if p.startswith("/2022/"))


def test_wordpress_with_only_its_feed(serve, tmp_path: Path) -> None:
    server = crawl(serve, samples.sample_wordpress(rest=False, sitemaps=None, posts_per_rss=3), tmp_path)
    assert sorted(by_path(read_records(tmp_path))) == sorted(EXPECTED_WORDPRESS)
    assert any("paged=2" in r for r in server.requests)


def test_a_feed_read_to_its_page_limit_calls_no_older_post_gone(serve, tmp_path: Path) -> None:
    server = crawl(serve, samples.sample_wordpress(rest=False, sitemaps=None, posts_per_rss=3), tmp_path)
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST, "--full", "--set", "ARCHIVER_FEED_MAX_PAGES=1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert last_run(tmp_path)["counts"]["missing"] == 0


def test_wordpress_with_only_its_pages(serve, tmp_path: Path) -> None:
    server = crawl(serve, samples.sample_wordpress(rest=False, sitemaps=None, feed_enabled=False, posts_per_page=3), tmp_path)
    assert sorted(by_path(read_records(tmp_path))) == sorted(EXPECTED_WORDPRESS)
    assert any(r.startswith("/page/2/") for r in server.requests)


def test_substack_archive_api_then_sitemap(serve, tmp_path: Path) -> None:
    server = crawl(serve, samples.sample_substack(archive_api_cap=3), tmp_path)
    records = by_path(read_records(tmp_path))
    check_fields(records, EXPECTED_SUBSTACK, "substack")
    assert any(r.startswith("/sitemap/") for r in server.requests)  # the API listed only 3 posts
    assert last_run(tmp_path)["counts"]["failed"] == 0  # a paywalled post is archived, not failed


def test_substack_is_crawled_at_its_own_pace(serve, tmp_path: Path) -> None:
    # Substack answers 429 to faster clients: its floor holds while AutoThrottle would speed up.
    server = serve(samples.sample_substack())
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path),
                     "--set", "DOWNLOAD_DELAY=0", "--set", "ARCHIVER_SUBSTACK_DELAY=0.4")
    assert result.returncode == 0, result.stdout + result.stderr
    after_detection = server.arrivals[server.requests.index(next(r for r in server.requests if r.startswith("/api/"))):]
    gaps = [later - earlier for earlier, later in zip(after_detection, after_detection[1:])]
    assert len(gaps) >= 8 and min(gaps) >= 0.4 * 0.5 - 0.02  # Scrapy randomizes a delay by 0.5 to 1.5 times


@pytest.mark.parametrize("variant", ["sitemap", "links", "feed"])
def test_generic_sites(variant: str, serve, tmp_path: Path) -> None:
    server = crawl(serve, samples.sample_generic(variant), tmp_path)
    check_fields(by_path(read_records(tmp_path)), EXPECTED_GENERIC, "generic")
    if variant == "sitemap":
        assert "/maps/site-index.xml" in server.requests


class LeftoverRestIndex:
    """A site rebuilt with another generator over a saved copy of its old WordPress blog: the copy's REST
    index (``/wp-json/``) is still served as a file, nothing behind it answers."""

    INDEX = b'{"name":"Gazette","namespaces":["oembed\\/1.0","wp\\/v2"],"routes":{"\\/wp\\/v2\\/posts":{}}}'

    def __init__(self, site: object) -> None:
        self.site = site

    def route(self, target: str, base_url: str) -> Response:
        if target == "/wp-json/":
            return Response(200, "application/json; charset=UTF-8", self.INDEX)
        return self.site.route(target, base_url)


def test_a_leftover_wordpress_rest_index_does_not_make_a_site_wordpress(serve, tmp_path: Path) -> None:
    # Read as WordPress, the sitemap's every page (section and tag pages among them) was a post.
    server = crawl(serve, LeftoverRestIndex(samples.sample_generic("sitemap")), tmp_path)
    check_fields(by_path(read_records(tmp_path)), EXPECTED_GENERIC, "generic")
    assert "/wp-json/wp/v2/posts?per_page=1" in server.requests

class Section:
    """A generic site with a section page at ``path`` (its home page's copy)."""

    def __init__(self, site: object, path: str) -> None:
        self.site, self.path = site, path

    def route(self, target: str, base_url: str) -> Response:
        return self.site.route("/" if target == self.path else target, base_url)


@pytest.mark.parametrize("variant", ["sitemap", "feed"])
def test_a_start_address_with_a_path_archives_that_part_of_a_generic_site(variant: str, serve, tmp_path: Path) -> None:
    server = serve(Section(samples.sample_generic(variant), "/opinion/2024/"))
    result = run_cli("crawl", server.url("/opinion/2024/"), "--out", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    in_2024 = sorted(p for p in EXPECTED_GENERIC if p.startswith("/opinion/2024/"))
    assert sorted(by_path(read_records(tmp_path))) == in_2024
    assert not [r for r in server.requests if r.startswith(("/opinion/2023/", "/opinion/2025/"))]


@pytest.mark.parametrize("start", ["/", "/opinion/2024/"])
def test_scope_limits_a_generic_site_to_a_folder(start: str, serve, tmp_path: Path) -> None:
    server = serve(Section(samples.sample_generic("links"), "/opinion/2024/"))
    result = run_cli("crawl", server.url(start), "--out", str(tmp_path), *FAST, "--scope", "/opinion/2024")
    assert result.returncode == 0, result.stdout + result.stderr
    in_2024 = sorted(p for p in EXPECTED_GENERIC if p.startswith("/opinion/2024/"))
    assert sorted(by_path(read_records(tmp_path))) == in_2024


def test_a_sources_file_with_every_platform_in_one_run(serve, tmp_path: Path) -> None:
    servers = {
        "notes": serve(sample_site()),
        "harbour": serve(samples.sample_wordpress()),
        "letters": serve(samples.sample_substack()),
        "gazette": serve(samples.sample_generic("links")),
        "harbour-2024": serve(samples.sample_wordpress(rest=True)),
    }
    scoped = servers.pop("harbour-2024")
    sources = tmp_path / "sources.toml"
    sources.write_text("".join(
        f'[[source]]\nname = "{name}"\nurl = "{server.url("/")}"\n\n' for name, server in servers.items()
    ) + '[[source]]\nname = "harbour-2024"\nurl = "' + scoped.url("/") + '"\nplatform = "wordpress"\n'
        'since = 2024-01-01\nexclude = ["housing"]\ndelay = 0\n')
    check = run_cli("sources", "check", "--sources", str(sources), *FAST)
    assert check.returncode == 0, check.stderr
    for name, platform in (("notes", "blogger"), ("harbour", "wordpress"), ("letters", "substack"), ("gazette", "generic")):
        assert f"{name}: {servers[name].url('/')}: {platform}" in check.stdout
    result = run_cli("crawl", "--sources", str(sources), "--out", str(tmp_path / "out"), *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    records = read_records(tmp_path / "out")
    per_source = {}
    for record in records:
        per_source.setdefault(record["source"], []).append(record)
    assert len(per_source["notes"]) == len(sample_site().posts)
    assert len(per_source["harbour"]) == len(EXPECTED_WORDPRESS)
    assert len(per_source["letters"]) == len(EXPECTED_SUBSTACK)
    assert len(per_source["gazette"]) == len(EXPECTED_GENERIC)
    # The API's dates and the path patterns limit discovery: nothing out of scope is fetched.
    in_scope = sorted(p for p in EXPECTED_WORDPRESS if p.startswith("/2024/") and "housing" not in p)
    assert sorted(urlsplit(r["canonical_url"]).path for r in per_source["harbour-2024"]) == in_scope
    assert not [r for r in scoped.requests if r.startswith(("/2022/", "/2023/")) or "housing" in r]


def test_a_bad_sources_file_names_each_bad_entry(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nurl = "ftp://x"\n\n[[source]]\nname = "b"\nurl = "https://b.example/"\nplatform = "tumblr"\n'
                       '\n[[source]]\nname = "c"\nurl = "https://c.example/"\nlimit = -1\nfrobnicate = 1\n')
    result = run_cli("sources", "check", "--sources", str(sources), "--offline")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "source #1: url: not a web address: 'ftp://x' (expected something like https://" in lines[0]
    assert "source b: platform must be one of auto, blogger, wordpress, substack, generic, got 'tumblr'" in lines[0]
    assert "source c: unknown key(s) frobnicate" in lines[0]
    missing = run_cli("crawl", "--sources", str(tmp_path / "nope.toml"), "--out", str(tmp_path / "o"))
    assert missing.returncode == 2 and missing.stderr.strip() == f"archiver: error: no sources file at {tmp_path / 'nope.toml'}"


class MovedPosts:
    """A generic site whose sitemap lists two articles at old addresses: one 301, one meta refresh."""

    def __init__(self, site, moves: dict[str, tuple[str, str]]) -> None:
        self.site = site
        self.moves = moves  # old path -> ("301" or "refresh", new path)

    def route(self, target: str, base_url: str) -> Response:
        path = urlsplit(target).path
        if path in self.moves:
            kind, new = self.moves[path]
            if kind == "301":
                return Response(301, "text/html", b"", headers=[("Location", base_url + new)])
            stub = f'<html><head><meta http-equiv="refresh" content="0; url={base_url}{new}"></head><body></body></html>'
            return Response(200, "text/html; charset=utf-8", stub.encode())
        response = self.site.route(target, base_url)
        if path.endswith(".xml"):
            body = response.body
            for old, (_, new) in self.moves.items():
                body = body.replace(f"{base_url}{new}".encode(), f"{base_url}{old}".encode())
            response = Response(response.status, response.content_type, body)
        return response


def test_moved_posts_are_archived_at_their_new_address(serve, tmp_path: Path) -> None:
    first, second = list(EXPECTED_GENERIC)[:2]
    site = MovedPosts(samples.sample_generic("sitemap"), {"/p/1001": ("301", first), "/old/second.html": ("refresh", second)})
    server = crawl(serve, site, tmp_path)
    records = by_path(read_records(tmp_path))
    assert sorted(records) == sorted(EXPECTED_GENERIC)
    assert {"/p/1001", "/old/second.html"} <= set(server.requests)
    assert records[first]["url"] == server.url(first) and records[second]["url"] == server.url(second)
    # The next run lists them at their old addresses again: still there, not gone.
    again = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert again.returncode == 0, again.stdout + again.stderr
    assert last_run(tmp_path)["counts"]["missing"] == 0


def test_a_post_limit(serve, tmp_path: Path) -> None:
    server = serve(sample_site())
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "notes"\nurl = "{server.url("/")}"\nlimit = 3\n')
    result = run_cli("crawl", "--sources", str(sources), "--out", str(tmp_path / "out"), *FAST)
    assert result.returncode == 0, result.stderr
    assert len(read_records(tmp_path / "out")) == 3
    assert len([r for r in server.requests if r.startswith("/20") and r.endswith(".html")]) == 3
