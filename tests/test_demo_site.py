"""Tests of the Blogger site simulator (archiver.demo): routes, feeds, sitemaps, pagers and template markup."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin

import pytest
from lxml import etree, html

from archiver.demo import sample as S
from archiver.demo.sample import sample_site
from archiver.demo.server import BlogServer
from archiver.demo.site import BlogSite
from archiver.demo.templates import post_page
from blogsim.blogger import FRENCH_STRINGS, generate_site

ATOM = {"a": "http://www.w3.org/2005/Atom", "os": "http://a9.com/-/spec/opensearchrss/1.0/"}
SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def doc(body: bytes) -> html.HtmlElement:
    return html.fromstring(body)


@pytest.fixture(scope="module")
def server() -> Iterator[BlogServer]:
    with BlogServer(sample_site()) as running:
        yield running


@pytest.fixture()
def serve() -> Iterator[callable]:
    """Start extra servers for modified sites; all are stopped at the end of the test."""
    started: list[BlogServer] = []

    def start(site: BlogSite) -> BlogServer:
        started.append(BlogServer(site).start())
        return started[-1]

    yield start
    for running in started:
        running.stop()


# ---------------------------------------------------------------------------------------------------
# Feeds


def feed(url: str) -> etree._Element:
    status, headers, body = fetch(url)
    assert status == 200
    assert headers["Content-Type"].startswith("application/atom+xml")
    return etree.fromstring(body)


def test_feed_paging_walks_every_post_once(server: BlogServer) -> None:
    site = server.site
    first = feed(server.url("/feeds/posts/default?max-results=4"))
    assert first.findtext("os:totalResults", namespaces=ATOM) == str(len(site.posts))
    assert first.findtext("os:itemsPerPage", namespaces=ATOM) == "4"
    seen: list[str] = []
    url: str | None = server.url("/feeds/posts/default?max-results=4")
    pages = 0
    while url:
        page = feed(url)
        entries = page.findall("a:entry", ATOM)
        seen += [e.find("a:link[@rel='alternate']", ATOM).get("href") for e in entries]
        next_link = page.find("a:link[@rel='next']", ATOM)
        url = next_link.get("href") if next_link is not None else None
        pages += 1
        if url is None:
            assert len(entries) == len(site.posts) % 4 or len(entries) == 4  # short last page
    assert pages == 3
    assert seen == [server.base_url + p.path for p in site.ordered_posts]


def test_feed_entry_fields(server: BlogServer) -> None:
    root = feed(server.url("/feeds/posts/default"))
    assert root.findtext("a:id", namespaces=ATOM) == f"tag:blogger.com,1999:blog-{server.site.blog_id}"
    entry = root.find("a:entry", ATOM)
    seed = server.site.post_by_path(S.SEED_PATH)
    assert entry.findtext("a:id", namespaces=ATOM) == f"tag:blogger.com,1999:blog-{server.site.blog_id}.post-{seed.post_id}"
    assert entry.findtext("a:published", namespaces=ATOM) == "2023-03-03T09:48:00.000+08:00"
    assert datetime.fromisoformat(entry.findtext("a:published", namespaces=ATOM)) == S.SEED_PUBLISHED
    assert [c.get("term") for c in entry.findall("a:category", ATOM)] == S.SEED_LABELS
    assert entry.findtext("a:title", namespaces=ATOM) == S.SEED_TITLE
    content = entry.find("a:content", ATOM)
    assert content.get("type") == "html" and "tr-caption" in content.text and S.SEED_BYLINE_RAW in content.text
    assert entry.findtext("a:author/a:name", namespaces=ATOM) == S.POSTER
    assert entry.findtext("a:author/a:email", namespaces=ATOM) == "noreply@blogger.com"
    assert entry.find("a:link[@rel='replies']", ATOM) is not None


def test_feed_untitled_summary_rss_and_cap(server: BlogServer, serve: callable) -> None:
    root = feed(server.url("/feeds/posts/summary?max-results=50"))
    titles = {e.find("a:link[@rel='alternate']", ATOM).get("href"): e.findtext("a:title", namespaces=ATOM)
              for e in root.findall("a:entry", ATOM)}
    assert titles[server.url(S.UNTITLED_PATH)] == ""
    assert root.find("a:entry/a:summary", ATOM) is not None and root.find("a:entry/a:content", ATOM) is None

    status, headers, body = fetch(server.url("/feeds/posts/default?alt=rss&max-results=2"))
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    assert len(etree.fromstring(body).findall("channel/item")) == 2

    assert feed(server.url("/atom.xml")).findtext("os:totalResults", namespaces=ATOM) == str(len(server.site.posts))
    label_feed = feed(server.url("/feeds/posts/default/-/%C3%89conomie"))
    assert len(label_feed.findall("a:entry", ATOM)) == 1

    big = serve(generate_site(130, seed=1))
    capped = feed(big.url("/feeds/posts/default?max-results=500"))
    assert capped.findtext("os:itemsPerPage", namespaces=ATOM) == "100"
    assert len(capped.findall("a:entry", ATOM)) == 100
    assert "start-index=101" in capped.find("a:link[@rel='next']", ATOM).get("href")


# ---------------------------------------------------------------------------------------------------
# Sitemaps, robots.txt, 404, switches


def test_sitemap_plain_and_index(server: BlogServer, serve: callable) -> None:
    status, headers, body = fetch(server.url("/sitemap.xml"))
    assert status == 200 and headers["Content-Type"].startswith("application/xml")
    locs = etree.fromstring(body).xpath("//sm:url/sm:loc/text()", namespaces=SM)
    assert locs == [server.base_url + p.path for p in server.site.ordered_posts]
    assert etree.fromstring(body).xpath("//sm:url[1]/sm:lastmod/text()", namespaces=SM)

    site = sample_site()
    site.sitemap_page_size = 4
    small = serve(site)
    index = etree.fromstring(fetch(small.url("/sitemap.xml"))[2])
    assert etree.QName(index).localname == "sitemapindex"
    children = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=SM)
    assert children == [small.url(f"/sitemap.xml?page={n}") for n in (1, 2, 3)]
    walked = [loc for child in children for loc in etree.fromstring(fetch(child)[2]).xpath("//sm:loc/text()", namespaces=SM)]
    assert walked == [small.base_url + p.path for p in site.ordered_posts]  # page 1 is newest
    assert fetch(small.url("/sitemap.xml?page=4"))[0] == 404

    pages = etree.fromstring(fetch(server.url("/sitemap-pages.xml"))[2])
    assert pages.xpath("//sm:loc/text()", namespaces=SM) == [server.url(S.ABOUT_PATH)]


def test_robots_txt(server: BlogServer) -> None:
    status, headers, body = fetch(server.url("/robots.txt"))
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    text = body.decode()
    assert "User-agent: *\nDisallow: /search\nAllow: /\n" in text
    assert f"Sitemap: {server.base_url}/sitemap.xml" in text


def test_not_found_and_head(server: BlogServer) -> None:
    status, headers, body = fetch(server.url("/2023/03/no-such-post.html"))
    assert status == 404 and headers["Content-Type"] == "text/html; charset=UTF-8"
    assert b"does not exist" in body
    assert fetch(server.url("/1999/01/"))[0] == 404
    assert fetch(server.url("/search/label/nothing-here"))[0] == 404
    status, headers, body = fetch(server.url(S.SEED_PATH), method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 50_000


def test_disabled_feeds_and_sitemaps(serve: callable) -> None:
    site = sample_site()
    site.feed_enabled = site.sitemap_enabled = False
    site.generator_meta = False
    running = serve(site)
    assert fetch(running.url("/feeds/posts/default"))[0] == 404
    assert fetch(running.url("/sitemap.xml"))[0] == 404
    assert "Sitemap:" not in fetch(running.url("/robots.txt"))[2].decode()
    page = doc(fetch(running.url(S.SEED_PATH))[2])
    assert not page.cssselect("meta[name=generator]")
    # the custom-domain blog still carries Blogger markers
    assert page.cssselect(f"link[rel='service.post'][href='https://www.blogger.com/feeds/{site.blog_id}/posts/default']")


# ---------------------------------------------------------------------------------------------------
# Conditional requests, request log, errors


def test_conditional_get_and_request_log(server: BlogServer) -> None:
    url = server.url(S.PLAIN_PATH)
    status, headers, body = fetch(url)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert headers["Last-Modified"] == "Wed, 01 Feb 2023 00:12:00 GMT"  # the post's `updated`, in GMT
    assert fetch(url, {"If-None-Match": headers["ETag"]})[:1] == (304,)
    assert fetch(url, {"If-None-Match": '"other"'})[0] == 200
    assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": "Sun, 01 Jan 2023 00:00:00 GMT"})[0] == 200
    assert server.requests[-4:] == [S.PLAIN_PATH] * 4


def test_error_injection(serve: callable) -> None:
    running = serve(sample_site())
    running.errors[S.SEED_PATH] = 503
    assert fetch(running.url(S.SEED_PATH))[0] == 503
    del running.errors[S.SEED_PATH]
    assert fetch(running.url(S.SEED_PATH))[0] == 200


# ---------------------------------------------------------------------------------------------------
# Listings: archives, labels, older-posts pagination


def listed_posts(page: html.HtmlElement) -> list[str]:
    return [a.get("href") for a in page.cssselect("a.timestamp-link")]


def test_month_and_year_archives(server: BlogServer) -> None:
    page = doc(fetch(server.url("/2023/02/"))[2])
    expected = [server.base_url + p.path for p in server.site.ordered_posts if p.path.startswith("/2023/02/")]
    assert len(expected) == 3 and listed_posts(page) == expected
    archive_links = [a.get("href") for a in page.cssselect("div.widget.BlogArchive#BlogArchive1 a.post-count-link")]
    assert server.url("/2022/") in archive_links and server.url("/2022/11/") in archive_links
    year_posts = [server.base_url + p.path for p in server.site.ordered_posts if p.path.startswith("/2022/")]
    year = doc(fetch(server.url("/2022/?max-results=4"))[2])
    assert listed_posts(year) == year_posts[:4]
    older = year.cssselect("a.blog-pager-older-link")[0].get("href")
    assert older.startswith(server.url("/2022/?updated-max=")) and older.endswith("&max-results=4")
    assert walk_older(server.url("/2022/?max-results=4")) == year_posts
    assert fetch(server.url("/2023_02_01_archive.html"))[0] == 200


def walk_older(start: str) -> list[str]:
    seen: list[str] = []
    url: str | None = start
    while url:
        page = doc(fetch(url)[2])
        seen += listed_posts(page)
        older = page.cssselect("a.blog-pager-older-link")
        url = urljoin(url, older[0].get("href")) if older else None
    return seen


def test_older_posts_pagination_walks_all_posts(server: BlogServer, serve: callable) -> None:
    assert walk_older(server.url("/")) == [server.base_url + p.path for p in server.site.ordered_posts]
    big_site = generate_site(40, seed=3)
    big = serve(big_site)
    assert walk_older(big.url("/")) == [big.base_url + p.path for p in big_site.ordered_posts]
    home = doc(fetch(big.url("/"))[2])
    older = home.cssselect("a.blog-pager-older-link")[0].get("href")
    assert re.search(r"/search\?updated-max=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d%2B08:00&max-results=7$", older)
    second = doc(fetch(older)[2])
    assert second.cssselect("a.blog-pager-newer-link")[0].get("href") == big.url("/")
    # the same page under other spellings of updated-max: a raw '+' and the server's -08:00 zone
    stamp = datetime.fromisoformat(re.search(r"updated-max=([^&]+)", older).group(1).replace("%2B", "+"))
    raw_plus = older.replace("%2B", "+")
    pacific = big.url(f"/search?updated-max={stamp.astimezone(timezone(timedelta(hours=-8))).isoformat()}&max-results=7")
    assert listed_posts(doc(fetch(raw_plus)[2])) == listed_posts(second) == listed_posts(doc(fetch(pacific)[2]))
    label, count = max(big_site.label_counts(), key=lambda item: item[1])
    walked = walk_older(big.url(big_site.label_path(label)))
    assert walked == [big.base_url + p.path for p in big_site.posts_with_label(label)] and len(walked) == count


def test_label_page_with_non_ascii_label(server: BlogServer) -> None:
    status, _, body = fetch(server.url("/search/label/%C3%89conomie"))
    assert status == 200 and listed_posts(doc(body)) == [server.url(S.NON_ASCII_PATH)]
    post = doc(fetch(server.url(S.NON_ASCII_PATH))[2])
    assert server.url("/search/label/%C3%89conomie") in [a.get("href") for a in post.cssselect("a[rel=tag]")]


# ---------------------------------------------------------------------------------------------------
# Post pages: common chrome, mobile variant, templates


def test_post_page_common_markup(server: BlogServer) -> None:
    body = fetch(server.url(S.SEED_PATH))[2]
    page = doc(body)
    url = server.url(S.SEED_PATH)
    assert body.startswith(b"<!DOCTYPE html>")
    assert page.cssselect("meta[name=generator][content=blogger]")
    assert page.cssselect(f"link[rel=canonical][href='{url}']")
    assert page.cssselect(f"meta[property='og:url'][content='{url}']")
    assert page.cssselect(f"link[rel=alternate][type='application/atom+xml'][href='{server.url('/feeds/posts/default')}']")
    assert page.cssselect(f"link[rel=alternate][media][href='{url}?m=1']")
    assert page.findtext(".//title") == f"Notes on Political Economy: {S.SEED_TITLE}"
    assert len(page.cssselect("style#page-skin-1")[0].text) > 30_000
    scripts = " ".join(s.text or "" for s in page.cssselect("script"))
    assert "entry.published.$t" in scripts and "2009-01-01T00:00:00" in scripts
    assert page.cssselect("div.widget.Profile a.profile-name-link")[0].text.strip() == S.POSTER
    assert page.cssselect("div.widget.PopularPosts .item-title a")
    assert page.cssselect("div.widget.Label a[href*='/search/label/']")
    assert page.cssselect("div.widget.Attribution")[0].text_content().strip() == "Powered by Blogger."
    hrefs = [a.get("href") for a in page.cssselect("a[href]")]
    assert any("?showComment=" in h and "#c" in h for h in hrefs)
    assert any(h.endswith("#comments") for h in hrefs)
    assert page.cssselect("a.blog-pager-older-link") and page.cssselect("a.home-link")
    caption = page.cssselect("table.tr-caption-container td.tr-caption")[0].text_content()
    assert caption == S.SEED_CAPTION
    text = page.cssselect("div.post-body")[0].text_content()
    assert S.SEED_BYLINE_RAW in text and S.SEED_DATELINE in text
    normalised = re.sub(r"\s+", " ", text)
    assert S.SEED_FIRST_SENTENCE in normalised and normalised.strip().endswith(S.SEED_LAST_SENTENCE)


def test_mobile_variant(server: BlogServer) -> None:
    page = doc(fetch(server.url(S.SEED_PATH + "?m=1"))[2])
    assert page.cssselect(f"link[rel=canonical][href='{server.url(S.SEED_PATH)}']")
    assert "mobile" in page.body.get("class")
    assert not page.cssselect("div.widget.BlogArchive")
    assert page.cssselect("div.post-body table.tr-caption-container")
    older = page.cssselect("a.blog-pager-older-link")[0].get("href")
    assert older.endswith(".html?m=1")
    assert fetch(server.url("/?m=1"))[0] == 200


def test_layout_template_selectors(server: BlogServer) -> None:
    page = doc(fetch(server.url(S.SEED_PATH))[2])
    post = page.cssselect("div.blog-posts.hfeed div.date-outer div.date-posts div.post-outer div.post.hentry[itemprop=blogPost]")[0]
    assert page.cssselect("div.date-outer > h2.date-header > span")[0].text == "Friday, March 3, 2023"
    assert post.cssselect("meta[itemprop=postId]") and post.cssselect("h3.post-title.entry-title")
    seed = server.site.post_by_path(S.SEED_PATH)
    assert post.cssselect(f"div.post-body.entry-content#post-body-{seed.post_id}[itemprop='description articleBody']")
    abbr = post.cssselect("span.post-timestamp a.timestamp-link[rel=bookmark] abbr.published[itemprop=datePublished]")[0]
    assert abbr.get("title") == "2023-03-03T09:48:00+08:00" and abbr.text == "9:48 AM"
    assert post.cssselect("span.post-author.vcard span.fn[itemprop=author] a.g-profile span[itemprop=name]")[0].text == S.POSTER
    assert [a.text for a in post.cssselect("span.post-labels a[rel=tag]")] == S.SEED_LABELS
    assert {a.get("title") for a in post.cssselect("div.post-share-buttons a")} >= {"Email This", "BlogThis!", "Share to Twitter", "Share to Facebook"}
    assert page.cssselect("div.comments#comments > h4")[0].text == "No comments:"
    assert page.cssselect("p.comment-footer > a")[0].text == "Post a Comment"
    assert page.cssselect("div.blog-pager#blog-pager") and page.cssselect("div.post-feeds a.feed-link")
    assert not page.cssselect("script[type='application/ld+json']") and not page.cssselect("time")


def test_theme_template_selectors() -> None:
    site = sample_site("theme")
    page = doc(post_page(site, site.post_by_path(S.SEED_PATH), "http://127.0.0.1:9"))
    assert not page.cssselect("h2.date-header")
    time = page.cssselect("div.post-header-line-1 span.byline.post-timestamp a.timestamp-link time.published")[0]
    assert time.get("datetime") == "2023-03-03T09:48:00+08:00" and time.text == "March 03, 2023"
    ld = json.loads(page.cssselect("script[type='application/ld+json']")[0].text)
    assert ld["@type"] == "BlogPosting" and ld["headline"] == S.SEED_TITLE
    assert ld["datePublished"] == "2023-03-03T09:48:00+08:00" and ld["author"]["name"] == S.POSTER
    assert page.cssselect("div.post-title-container > h3.post-title.entry-title")
    assert page.cssselect("span.byline.post-author")
    assert page.cssselect("div.post-body.entry-content.float-container td.tr-caption")
    assert page.cssselect("span.byline.post-labels a[rel=tag]")
    assert page.cssselect("#comments h3.title")[0].text == "No comments:"
    home = doc(site.route("/", "http://127.0.0.1:9").body)
    assert home.cssselect("a.blog-pager-older-link")[0].text == "More posts"
    assert home.cssselect("div.post-snippet") and not home.cssselect("td.tr-caption")


def test_classic_template_selectors() -> None:
    site = sample_site("classic")
    page = doc(post_page(site, site.post_by_path(S.SEED_PATH), "http://127.0.0.1:9"))
    assert page.cssselect("h2.date-header")[0].text == "Friday, March 3, 2023"
    seed = site.post_by_path(S.SEED_PATH)
    post = page.cssselect("div.post")[0]
    assert post.cssselect(f"a[name='{seed.post_id}']") and post.cssselect("h3.post-title")
    assert [a.text for a in post.cssselect("div.post-body p a[rel=tag]")] == S.SEED_LABELS
    footer = post.cssselect("p.post-footer")[0]
    assert footer.text_content().strip().startswith(f"posted by {S.POSTER} at 9:48 AM")
    assert footer.cssselect("a[title='permanent link']")
    assert page.cssselect("div#comments > h4")[0].text == "0 Comments:"
    assert not page.cssselect("abbr, time, script[type='application/ld+json']")
    home = doc(site.route("/", "http://127.0.0.1:9").body)
    # one date header per day: the two posts of 18 February share one
    headers = [h.text for h in home.cssselect("h2.date-header")]
    assert headers.count("Saturday, February 18, 2023") == 1 and len(home.cssselect("div.post")) == 7


def test_captions_untitled_and_localised_strings(server: BlogServer) -> None:
    gallery = doc(fetch(server.url(S.GALLERY_PATH))[2])
    captions = [td.text_content() for td in gallery.cssselect("div.post-body td.tr-caption")]
    assert captions[0] == "The trading floor, now the reading room of the public library. (Photo: Policy Reader)"
    assert len(captions) == 3
    untitled = doc(fetch(server.url(S.UNTITLED_PATH))[2])
    assert not untitled.cssselect("h3.post-title") and untitled.findtext(".//title") == server.site.title
    site = sample_site()
    site.strings = FRENCH_STRINGS
    page = doc(post_page(site, site.post_by_path(S.SEED_PATH), "http://127.0.0.1:9"))
    assert page.cssselect("h2.date-header span")[0].text == "vendredi 3 mars 2023"
    assert page.cssselect("abbr.published")[0].text == "09:48"
    assert page.cssselect("div.comments > h4")[0].text == "Aucun commentaire:"


def test_generated_site_is_deterministic_and_realistic() -> None:
    one, two = generate_site(300, seed=7), generate_site(300, seed=7)
    assert [p.path for p in one.posts] == [p.path for p in two.posts]
    assert [p.body_html for p in one.posts] == [p.body_html for p in two.posts]
    assert len({p.path for p in one.posts}) == 300
    assert any("Opinion by" in p.body_html for p in one.posts) and any(p.title is None for p in one.posts)
    sizes = [len(one.route(p.path, "http://127.0.0.1:9").body) for p in one.ordered_posts[::25]]
    assert all(60_000 < size < 130_000 for size in sizes), sizes
    assert len(one.route("/sitemap.xml", "http://127.0.0.1:9").body) < 2_000  # an index of 2 pages
