"""Tests of the WordPress, Substack and generic site simulators served by BlogServer."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import datetime, timezone

import pytest
from lxml import etree, html

from archiver.demo.sample import sample_site
from archiver.demo.server import BlogServer
from blogsim import platform_samples as P
from blogsim.platform_samples import sample_generic, sample_substack, sample_wordpress
from blogsim.wordpress import POSTNAME_PERMALINKS
from tests.expected import EXPECTED_GENERIC, EXPECTED_SUBSTACK, EXPECTED_WORDPRESS

SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM = {"a": "http://www.w3.org/2005/Atom"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str) -> tuple[int, object, bytes]:
    """GET without following redirects: (status, headers, body)."""
    try:
        with _OPENER.open(urllib.request.Request(url), timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def doc(body: bytes) -> html.HtmlElement:
    return html.fromstring(body)


def text(el: html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def locs(body: bytes) -> list[str]:
    return etree.fromstring(body).xpath("//sm:loc/text()", namespaces=SM)


@pytest.fixture(scope="module")
def wp() -> Iterator[BlogServer]:
    with BlogServer(sample_wordpress()) as running:
        yield running


@pytest.fixture(scope="module")
def ss() -> Iterator[BlogServer]:
    with BlogServer(sample_substack()) as running:
        yield running


@pytest.fixture()
def serve() -> Iterator[Callable[[object], BlogServer]]:
    started: list[BlogServer] = []

    def start(site: object) -> BlogServer:
        started.append(BlogServer(site).start())  # type: ignore[arg-type]
        return started[-1]

    yield start
    for running in started:
        running.stop()


# ---------------------------------------------------------------------------------------------------
# Server


def test_server_still_serves_blogger_and_sends_extra_headers(serve: Callable[[object], BlogServer]) -> None:
    blogger = serve(sample_site())
    status, headers, _ = fetch(blogger.url("/"))
    assert status == 200 and headers["Server"] == "GSE"
    wp = serve(sample_wordpress())
    status, headers, _ = fetch(wp.url("/wp-json/wp/v2/posts?per_page=2"))
    assert status == 200 and headers["Server"] == "nginx" and headers["X-WP-Total"] == "8"


# ---------------------------------------------------------------------------------------------------
# WordPress


def test_wp_rest_paging_headers_and_past_the_end(wp: BlogServer) -> None:
    seen: list[int] = []
    for page in (1, 2, 3):
        status, headers, body = fetch(wp.url(f"/wp-json/wp/v2/posts?per_page=3&page={page}"))
        assert status == 200 and headers["Content-Type"].startswith("application/json")
        assert headers["X-WP-Total"] == "8" and headers["X-WP-TotalPages"] == "3"
        seen += [item["id"] for item in json.loads(body)]
    assert seen == [p.id for p in wp.site.ordered_posts]
    assert any('rel="next"' in link for link in fetch(wp.url("/wp-json/wp/v2/posts?per_page=3"))[1].get_all("Link"))
    status, _, body = fetch(wp.url("/wp-json/wp/v2/posts?per_page=3&page=4"))
    assert status == 400 and json.loads(body)["code"] == "rest_post_invalid_page_number"
    assert fetch(wp.url("/wp-json/wp/v2/posts?per_page=101"))[0] == 400
    status, headers, body = fetch(wp.url("/wp-json/wp/v2/posts?after=2024-01-01T00:00:00"))
    assert headers["X-WP-Total"] == "2" and len(json.loads(body)) == 2


def test_wp_rest_post_object_embed_and_index(wp: BlogServer) -> None:
    repost = EXPECTED_WORDPRESS[P.WP_REPOST_PATH]
    item = json.loads(fetch(wp.url(f"/wp-json/wp/v2/posts/{repost['id']}"))[2])
    assert item["date"] == "2024-02-28T10:05:00" and item["date_gmt"] == "2024-02-28T02:05:00"  # local, no offset
    assert item["link"] == wp.url(P.WP_REPOST_PATH) and item["type"] == "post" and item["status"] == "publish"
    assert "_embedded" not in item and isinstance(item["author"], int)
    assert P.REPOST_CAPTION in item["content"]["rendered"]
    embedded = json.loads(fetch(wp.url(f"/wp-json/wp/v2/posts/{repost['id']}?_embed"))[2])["_embedded"]
    assert embedded["author"][0]["name"] == P.WP_POSTER
    joint = EXPECTED_WORDPRESS[P.WP_JOINT_PATH]
    item = json.loads(fetch(wp.url(f"/wp-json/wp/v2/posts/{joint['id']}?_embed"))[2])
    assert item["_embedded"]["author"][0]["name"] == P.WP_STAFF
    assert [c["display_name"] for c in item["coauthors"]] == joint["byline"]
    featured = json.loads(fetch(wp.url("/wp-json/wp/v2/posts?_embed&per_page=100"))[2])
    media = [p["_embedded"]["wp:featuredmedia"][0] for p in featured if "wp:featuredmedia" in p["_embedded"]]
    assert len(media) == 1 and "A shuttered primary school" in media[0]["caption"]["rendered"]
    index = json.loads(fetch(wp.url("/wp-json/"))[2])
    assert index["name"] == P.WP_NAME and index["gmt_offset"] == 8 and index["timezone_string"] == "Asia/Taipei"
    assert "/wp/v2/posts" in index["routes"]
    assert fetch(wp.url("/wp-json/wp/v2/posts/99999"))[0] == 404


def test_wp_rest_disabled(serve: Callable[[object], BlogServer]) -> None:
    off = serve(sample_wordpress(rest=False))
    assert fetch(off.url("/wp-json/"))[0] == 404
    assert fetch(off.url("/wp-json/wp/v2/posts"))[0] == 404
    page = doc(fetch(off.url(P.WP_REPOST_PATH))[2])
    assert not page.cssselect("link[rel='https://api.w.org/']")
    assert page.cssselect("meta[name=generator]")[0].get("content").startswith("WordPress 6.")
    locked = serve(sample_wordpress(rest_enabled=False, rest_disabled_status=401))
    status, _, body = fetch(locked.url("/wp-json/wp/v2/posts"))
    assert status == 401 and json.loads(body)["code"] == "rest_disabled"


def test_wp_core_sitemaps(wp: BlogServer) -> None:
    status, headers, body = fetch(wp.url("/wp-sitemap.xml"))
    assert status == 200 and headers["Content-Type"].startswith("application/xml")
    children = locs(body)
    assert children == [wp.url(p) for p in ("/wp-sitemap-posts-post-1.xml", "/wp-sitemap-posts-page-1.xml",
                                            "/wp-sitemap-taxonomies-category-1.xml",
                                            "/wp-sitemap-taxonomies-post_tag-1.xml", "/wp-sitemap-users-1.xml")]
    posts = locs(fetch(children[0])[2])
    assert sorted(posts) == sorted(wp.url(p) for p in EXPECTED_WORDPRESS)
    assert locs(fetch(children[1])[2]) == [wp.url("/"), wp.url(P.WP_ABOUT_PATH)]
    assert wp.url("/category/reposts/") in locs(fetch(children[2])[2])
    assert wp.url("/author/wenhsu/") in locs(fetch(children[4])[2])
    assert f"Sitemap: {wp.base_url}/wp-sitemap.xml" in fetch(wp.url("/robots.txt"))[2].decode()
    status, headers, _ = fetch(wp.url("/sitemap.xml"))
    assert status == 302 and headers["Location"] == wp.url("/wp-sitemap.xml")


def test_wp_sitemap_split_yoast_and_disabled(serve: Callable[[object], BlogServer]) -> None:
    split = serve(sample_wordpress(sitemap_max_urls=3))
    children = [c for c in locs(fetch(split.url("/wp-sitemap.xml"))[2]) if "posts-post" in c]
    assert children == [split.url(f"/wp-sitemap-posts-post-{n}.xml") for n in (1, 2, 3)]
    assert sum(len(locs(fetch(c)[2])) for c in children) == 8
    assert fetch(split.url("/wp-sitemap-posts-post-4.xml"))[0] == 404

    yoast = serve(sample_wordpress(sitemaps="yoast"))
    index = etree.fromstring(fetch(yoast.url("/sitemap_index.xml"))[2])
    children = index.xpath("//sm:loc/text()", namespaces=SM)
    assert children[0] == yoast.url("/post-sitemap.xml") and index.xpath("//sm:lastmod", namespaces=SM)
    urls = etree.fromstring(fetch(children[0])[2])
    assert sorted(urls.xpath("//sm:loc/text()", namespaces=SM)) == sorted(yoast.url(p) for p in EXPECTED_WORDPRESS)
    assert len(urls.xpath("//sm:lastmod", namespaces=SM)) == 8
    assert fetch(yoast.url("/wp-sitemap.xml"))[1]["Location"] == yoast.url("/sitemap_index.xml")
    assert f"Sitemap: {yoast.base_url}/sitemap_index.xml" in fetch(yoast.url("/robots.txt"))[2].decode()
    item = json.loads(fetch(yoast.url(f"/wp-json/wp/v2/posts/{EXPECTED_WORDPRESS[P.WP_JOINT_PATH]['id']}"))[2])
    assert item["yoast_head_json"]["author"] == "Ingrid Solberg and Tomasz Wrona"

    off = serve(sample_wordpress(sitemaps=None, feed_enabled=False))
    assert fetch(off.url("/wp-sitemap.xml"))[0] == 404 and fetch(off.url("/sitemap_index.xml"))[0] == 404
    assert "Sitemap:" not in fetch(off.url("/robots.txt"))[2].decode()
    assert fetch(off.url("/feed/"))[0] == 404


def test_wp_feeds_and_paging(wp: BlogServer) -> None:
    status, headers, body = fetch(wp.url("/feed/"))
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    channel = etree.fromstring(body).find("channel")
    items = channel.findall("item")
    assert len(items) == 5  # posts_per_rss of the sample
    dc = "{http://purl.org/dc/elements/1.1/}creator"
    content = "{http://purl.org/rss/1.0/modules/content/}encoded"
    first = items[0]
    newest = wp.site.ordered_posts[0]
    assert first.findtext("guid") == f"{wp.base_url}/?p={newest.id}" and first.find("guid").get("isPermaLink") == "false"
    assert first.findtext("pubDate") == "Mon, 06 May 2024 13:30:00 +0000"
    assert first.findtext(dc) == P.WP_POSTER and first.findtext(content).startswith("<p>")
    page2 = etree.fromstring(fetch(wp.url("/feed/?paged=2"))[2]).findall("channel/item")
    assert len(page2) == 3
    assert fetch(wp.url("/feed/?paged=3"))[0] == 404
    atom = etree.fromstring(fetch(wp.url("/feed/atom/"))[2])
    assert len(atom.findall("a:entry", ATOM)) == 5 and atom.find("a:entry/a:published", ATOM) is not None
    joint = [i for p in (items, page2) for i in p if i.findtext("link") == wp.url(P.WP_JOINT_PATH)]
    assert joint[0].findtext(dc) == "Ingrid Solberg and Tomasz Wrona"


def test_wp_redirects_and_meta_refresh(wp: BlogServer, serve: Callable[[object], BlogServer]) -> None:
    repost = EXPECTED_WORDPRESS[P.WP_REPOST_PATH]
    status, headers, _ = fetch(wp.url(f"/?p={repost['id']}"))
    assert status == 301 and headers["Location"] == wp.url(P.WP_REPOST_PATH)
    status, headers, _ = fetch(wp.url(f"/{repost['slug']}/"))
    assert status == 301 and headers["Location"] == wp.url(P.WP_REPOST_PATH)
    status, headers, _ = fetch(wp.url(P.WP_OLD_TERMINAL_PATH))
    assert status == 301 and headers["Location"] == wp.url(P.WP_TERMINAL_PATH)
    assert fetch(wp.url(P.WP_OLD_ARCHIVES_PATH))[0] == 301
    status, _, body = fetch(wp.url(P.WP_META_REFRESH_PATH))
    refresh = doc(body).cssselect("meta[http-equiv=refresh]")[0].get("content")
    assert status == 200 and refresh.endswith("url=" + wp.url("/2022/06/14/why-small-states-hedge/"))
    assert fetch(wp.url(P.WP_REPOST_PATH.rstrip("/")))[0] == 301
    short = serve(sample_wordpress(permalink_structure=POSTNAME_PERMALINKS))
    assert fetch(short.url(f"/?p={repost['id']}"))[1]["Location"] == short.url(f"/{repost['slug']}/")
    assert fetch(short.url(f"/{repost['slug']}/"))[0] == 200


def test_wp_post_page_markup(wp: BlogServer) -> None:
    expected = EXPECTED_WORDPRESS[P.WP_REPOST_PATH]
    status, headers, body = fetch(wp.url(P.WP_REPOST_PATH))
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    page = doc(body)
    assert page.cssselect("link[rel=canonical]")[0].get("href") == wp.url(P.WP_REPOST_PATH)
    assert page.cssselect("link[rel='https://api.w.org/']")[0].get("href") == wp.url("/wp-json/")
    assert page.cssselect("link[rel=alternate][type='application/json']")[0].get("href") == wp.url(f"/wp-json/wp/v2/posts/{expected['id']}")
    assert page.cssselect("meta[name=generator]")[0].get("content").startswith("WordPress 6.")
    assert f"postid-{expected['id']}" in page.body.get("class").split() and "single-post" in page.body.get("class")
    article = page.cssselect("article.post.type-post.hentry")[0]
    assert text(article.cssselect("h1.entry-title")[0]) == expected["title"]
    published = article.cssselect("time.entry-date.published")[0].get("datetime")
    assert datetime.fromisoformat(published) == expected["published"]
    assert [text(a) for a in article.cssselect("span.byline > span.author.vcard > a.url.fn.n")][:1] == [P.WP_POSTER]
    meta = page.cssselect("meta[property='article:published_time']")[0].get("content")
    assert datetime.fromisoformat(meta) == expected["published"]
    graph = json.loads(page.cssselect("script.yoast-schema-graph")[0].text)["@graph"]
    assert {n["@type"] for n in graph} >= {"Article", "Person", "WebPage"}
    content = article.cssselect("div.entry-content")[0]
    assert content.cssselect(".sharedaddy") and content.cssselect(".jp-relatedposts") and content.cssselect(".wp-block-group")
    caption = content.cssselect("figure.wp-block-image > figcaption.wp-element-caption")[0]
    assert text(caption) == P.REPOST_CAPTION
    assert P.REPOST_DATELINE in text(content) and expected["first_sentence"] in text(content)
    comments = page.cssselect("#comments ol.comment-list > li.comment")
    assert len(comments) == 2 and comments[0].cssselect("div.comment-metadata time[datetime]")
    assert "Leave a Reply" in text(page.cssselect("#respond")[0])
    joint = doc(fetch(wp.url(P.WP_JOINT_PATH))[2])
    names = [text(a) for a in joint.cssselect("div.entry-meta span.byline a.url.fn.n")]
    assert names == EXPECTED_WORDPRESS[P.WP_JOINT_PATH]["byline"]


def test_wp_classic_captions_and_featured_image(serve: Callable[[object], BlogServer]) -> None:
    classic = serve(sample_wordpress(editor="classic"))
    water = doc(fetch(classic.url("/2023/01/09/water-rights-next-trade-dispute/"))[2])
    caption = water.cssselect("div.wp-caption > a > img[aria-describedby] ")
    assert caption and text(water.cssselect("div.wp-caption > p.wp-caption-text")[0]) == "A dry riverbed below the border dam in August. (Reuters)"
    terminal = doc(fetch(classic.url(P.WP_TERMINAL_PATH))[2])
    assert len(terminal.cssselect("figure.wp-caption > img + figcaption.wp-caption-text")) == 2
    villages = doc(fetch(classic.url("/2022/11/03/minimum-wages-and-the-emptying-villages/"))[2])
    assert "A shuttered primary school" in text(villages.cssselect("figure.post-thumbnail > figcaption > span")[0])
    assert villages.cssselect("time.entry-date.published") and villages.cssselect("time.updated")


def test_wp_archives_and_pages(wp: BlogServer) -> None:
    home = doc(fetch(wp.url("/"))[2])
    assert "home" in home.body.get("class").split()
    older = home.cssselect("a.next.page-numbers")[0].get("href")
    assert older == wp.url("/page/2/")
    walked: list[str] = []
    url: str | None = wp.url("/")
    while url:
        page = doc(fetch(url)[2])
        walked += [a.get("href") for a in page.cssselect("article h2.entry-title a")]
        nxt = page.cssselect("a.next.page-numbers")
        url = nxt[0].get("href") if nxt else None
    assert walked == [wp.url(wp.site.path_of(p)) for p in wp.site.ordered_posts]
    assert fetch(wp.url("/page/4/"))[0] == 404
    for path in ("/2023/04/", "/2023/04/22/", "/category/trade/", "/tag/fisheries/", "/author/wenhsu/",
                 "/author/ingridsolberg/"):
        assert fetch(wp.url(path))[0] == 200, path
    year = doc(fetch(wp.url("/2023/"))[2])
    assert year.cssselect("a.next.page-numbers")[0].get("href") == wp.url("/2023/page/2/")
    assert len(doc(fetch(wp.url("/2023/page/2/"))[2]).cssselect("article h2.entry-title a")) == 1
    assert fetch(wp.url("/2019/"))[0] == 404
    about = doc(fetch(wp.url(P.WP_ABOUT_PATH))[2])
    assert "page" in about.body.get("class").split() and about.cssselect("article.type-page")


# ---------------------------------------------------------------------------------------------------
# Substack


def test_substack_archive_api_offset_limit_and_cap(ss: BlogServer, serve: Callable[[object], BlogServer]) -> None:
    slugs: list[str] = []
    offset = 0
    while True:
        status, headers, body = fetch(ss.url(f"/api/v1/archive?sort=new&offset={offset}&limit=3"))
        assert status == 200 and headers["Content-Type"].startswith("application/json")
        page = json.loads(body)
        slugs += [p["slug"] for p in page]
        if len(page) < 3:
            break
        offset += 3
    assert ["/p/" + s for s in slugs] == [p.path for p in ss.site.ordered_posts]
    stub = json.loads(fetch(ss.url("/api/v1/archive?sort=new&offset=0&limit=50"))[2])[0]
    for key in ("id", "slug", "title", "subtitle", "post_date", "canonical_url", "audience", "type", "wordcount",
                "publishedBylines", "description"):
        assert key in stub
    assert stub["post_date"].endswith("Z") and stub["canonical_url"] == ss.url(stub["slug"].join(("/p/", "")))
    assert len(json.loads(fetch(ss.url("/api/v1/archive?offset=0&limit=500"))[2])) == 8  # limit clamps to 50

    capped = serve(sample_substack(archive_api_cap=3))
    assert len(json.loads(fetch(capped.url("/api/v1/archive?sort=new&offset=0&limit=50"))[2])) == 3
    assert json.loads(fetch(capped.url("/api/v1/archive?sort=new&offset=3&limit=50"))[2]) == []
    year_maps = locs(fetch(capped.url("/sitemap.xml"))[2])
    assert sum(len(locs(fetch(u)[2])) for u in year_maps) == 8  # the sitemap still carries them all


def test_substack_posts_api_and_paywall(ss: BlogServer) -> None:
    joint = json.loads(fetch(ss.url(f"/api/v1/posts/{EXPECTED_SUBSTACK[P.SS_JOINT_PATH]['slug']}"))[2])
    assert [b["name"] for b in joint["publishedBylines"]] == EXPECTED_SUBSTACK[P.SS_JOINT_PATH]["byline"]
    assert EXPECTED_SUBSTACK[P.SS_JOINT_PATH]["last_sentence"] in joint["body_html"]
    expected = EXPECTED_SUBSTACK[P.SS_PAYWALLED_PATH]
    paid = json.loads(fetch(ss.url(f"/api/v1/posts/{expected['slug']}"))[2])
    assert paid["audience"] == "only_paid" and expected["last_sentence"] in paid["body_html"]
    assert "Debating a subsidy" not in paid["body_html"]
    assert fetch(ss.url("/api/v1/posts/no-such-post"))[0] == 404
    page = doc(fetch(ss.url(P.SS_PAYWALLED_PATH))[2])
    assert page.cssselect("[data-testid=paywall]")
    body = text(page.cssselect("div.available-content > div.body.markup")[0])
    assert expected["first_sentence"] in body and "Debating a subsidy" not in body
    free = doc(fetch(ss.url(P.SS_REPOST_PATH))[2])
    assert not free.cssselect("[data-testid=paywall]")


def test_substack_post_markup(ss: BlogServer) -> None:
    expected = EXPECTED_SUBSTACK[P.SS_REPOST_PATH]
    status, headers, body = fetch(ss.url(P.SS_REPOST_PATH))
    assert status == 200 and headers["Server"] == "cloudflare"
    page = doc(body)
    article = page.cssselect("div.single-post-container article.typography.newsletter-post.post")[0]
    assert text(article.cssselect("div.post-header h1.post-title")[0]) == expected["title"]
    assert text(article.cssselect("h3.subtitle")[0]) == expected["subtitle"]
    byline = article.cssselect("div.byline-wrapper")[0]
    assert [a.get("href") for a in byline.cssselect('a[href^="/@"]')] == ["/@wenhsu"]
    assert "Feb 28, 2024" in text(byline)
    figure = article.cssselect("div.captioned-image-container > figure")[0]
    assert figure.cssselect("a.image-link.image2 picture img") and text(figure.cssselect("figcaption")[0]) == P.REPOST_CAPTION
    assert page.cssselect("meta[name=author]")[0].get("content") == "Wen Hsu"
    assert page.cssselect("link[rel=canonical]")[0].get("href") == ss.url(P.SS_REPOST_PATH)
    published = page.cssselect("meta[property='article:published_time']")[0].get("content")
    assert datetime.fromisoformat(published) == expected["published"]
    assert not page.cssselect("meta[name=generator]")
    assert b"substackcdn.com" in body
    script = next(s.text for s in page.cssselect("script") if s.text and "window._preloads" in s.text)
    blob = json.loads(json.loads(re.search(r"JSON\.parse\((\".*\")\)", script).group(1)))
    assert blob["post"]["post_date"] == "2024-02-28T02:05:00.000Z"
    assert [b["handle"] for b in blob["post"]["publishedBylines"]] == ["wenhsu"]


def test_substack_sitemaps_feed_archive_shell(ss: BlogServer) -> None:
    years = locs(fetch(ss.url("/sitemap.xml"))[2])
    assert years == [ss.url(f"/sitemap/{y}") for y in (2026, 2025, 2024, 2023)]
    walked = [u for y in years for u in locs(fetch(y)[2])]
    assert sorted(walked) == sorted(ss.url(p) for p in EXPECTED_SUBSTACK)
    assert fetch(ss.url("/sitemap/2019"))[0] == 404
    status, headers, body = fetch(ss.url("/feed"))
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    assert len(etree.fromstring(body).findall("channel/item")) == 8
    shell = doc(fetch(ss.url("/archive?sort=new"))[2])
    assert not [a for a in shell.cssselect("a[href]") if "/p/" in a.get("href")]
    assert f"Sitemap: {ss.base_url}/sitemap.xml" in fetch(ss.url("/robots.txt"))[2].decode()


# ---------------------------------------------------------------------------------------------------
# Generic sites


def test_generic_sitemap_variant(serve: Callable[[object], BlogServer]) -> None:
    site = serve(sample_generic("sitemap"))
    robots = fetch(site.url("/robots.txt"))[2].decode()
    assert f"Sitemap: {site.base_url}/maps/site-index.xml" in robots
    assert fetch(site.url("/sitemap.xml"))[0] == 404
    index = etree.fromstring(fetch(site.url("/maps/site-index.xml"))[2])
    assert etree.QName(index).localname == "sitemapindex"
    child = index.xpath("//sm:loc/text()", namespaces=SM)[0]
    urls = etree.fromstring(fetch(child)[2])
    listed = urls.xpath("//sm:loc/text()", namespaces=SM)
    assert set(site.url(p) for p in EXPECTED_GENERIC) < set(listed)
    assert site.url("/about/") in listed and site.url("/tags/trade/") in listed
    assert len(urls.xpath("//sm:lastmod", namespaces=SM)) == len(listed)
    home = doc(fetch(site.url("/"))[2])
    assert not home.cssselect("link[rel=next]") and not home.cssselect("link[type='application/rss+xml']")
    assert not home.cssselect("meta[name=generator]")


def test_generic_links_variant(serve: Callable[[object], BlogServer]) -> None:
    site = serve(sample_generic("links"))
    assert "Sitemap:" not in fetch(site.url("/robots.txt"))[2].decode()
    home = doc(fetch(site.url("/"))[2])
    assert home.cssselect("meta[name=generator]")[0].get("content").startswith("Hugo")
    hrefs = [a.get("href") for a in home.cssselect("a[href]")]
    assert any(h.startswith("mailto:") for h in hrefs) and "#top" in hrefs and any(h.startswith("https://example.org") for h in hrefs)
    assert any("/login/" in h for h in hrefs) and any("/tags/" in h for h in hrefs) and any("/archive/2024/" in h for h in hrefs)
    utm = [h for h in hrefs if "utm_source=" in h]
    assert len(utm) == 1
    duplicate = doc(fetch(utm[0])[2])
    canonical = duplicate.cssselect("link[rel=canonical]")[0].get("href")
    assert canonical == utm[0].split("?")[0] and canonical in hrefs
    walked: list[str] = []
    url: str | None = site.url("/")
    while url:
        page = doc(fetch(url)[2])
        walked += [a.get("href") for a in page.cssselect("main > .teaser h2 a")]
        nxt = page.cssselect("link[rel=next]")
        assert bool(nxt) == bool(page.cssselect("a.next[rel=next]"))
        url = nxt[0].get("href") if nxt else None
    assert walked == [site.url(p.path) for p in site.site.ordered_posts]
    month = doc(fetch(site.url("/archive/2024/10/"))[2])
    assert [a.get("href") for a in month.cssselect("main .teaser h2 a")] == [site.url(P.GEN_JOINT_PATH)]
    assert fetch(site.url("/login/"))[0] == 200 and fetch(site.url("/page/9/"))[0] == 404


def test_generic_feed_variant(serve: Callable[[object], BlogServer]) -> None:
    site = serve(sample_generic("feed"))
    home = doc(fetch(site.url("/"))[2])
    rss = home.cssselect("head link[rel=alternate][type='application/rss+xml']")[0].get("href")
    atom = home.cssselect("head link[rel=alternate][type='application/atom+xml']")[0].get("href")
    assert rss == site.url("/syndication/opinion.rss") and atom == site.url("/syndication/opinion.atom")
    items = etree.fromstring(fetch(rss)[2]).findall("channel/item")
    assert sorted(i.findtext("link") for i in items) == sorted(site.url(p) for p in EXPECTED_GENERIC)
    entries = etree.fromstring(fetch(atom)[2]).findall("a:entry", ATOM)
    assert len(entries) == len(EXPECTED_GENERIC)
    assert fetch(site.url("/feed/"))[0] == 404 and fetch(site.url("/maps/site-index.xml"))[0] == 404


def test_generic_article_markup() -> None:
    site = sample_generic("links")
    base = "http://127.0.0.1:1"
    repost = doc(site.route(P.GEN_REPOST_PATH, base).body)
    expected = EXPECTED_GENERIC[P.GEN_REPOST_PATH]
    article = repost.cssselect("article")[0]
    assert text(article.cssselect("h1")[0]) == expected["title"] and not article.cssselect(".byline")
    assert datetime.fromisoformat(article.cssselect("time[datetime]")[0].get("datetime")) == expected["published"]
    figure = article.cssselect("figure > figcaption")[0]
    assert text(figure.cssselect("span.credit")[0]) == f"({P.REPOST_CAPTION_CREDIT})"
    assert P.REPOST_DATELINE in text(article) and expected["byline_raw"] in text(article)
    joint = doc(site.route(P.GEN_JOINT_PATH + "?utm_source=x", base).body)
    assert text(joint.cssselect(".byline")[0]) == "By Ingrid Solberg and Tomasz Wrona"
    assert joint.cssselect("link[rel=canonical]")[0].get("href") == base + P.GEN_JOINT_PATH
    water = doc(site.route("/opinion/2025/07/09/water-rights-next-trade-dispute/", base).body)
    assert text(water.cssselect("div.image > div.caption")[0]) == "A dry riverbed below the border dam in August. (Reuters)"


# ---------------------------------------------------------------------------------------------------
# Expected values


def test_expected_values_match_the_pages() -> None:
    base = "http://127.0.0.1:1"
    samples = ((sample_wordpress(), EXPECTED_WORDPRESS), (sample_substack(), EXPECTED_SUBSTACK),
               (sample_generic("sitemap"), EXPECTED_GENERIC))
    for site, expected in samples:
        assert len({r["published"].year for r in expected.values()}) >= 2
        assert any(r.get("original_published_raw") for r in expected.values())
        assert any(len(r["byline"]) > 1 for r in expected.values())
        for path, record in expected.items():
            response = site.route(path, base)
            assert response.status == 200, path
            page_text = " ".join(doc(response.body).text_content().split())
            assert record["title"] in page_text
            assert record["first_sentence"] in page_text and record["last_sentence"] in page_text, path
            for caption in record["captions"]:
                assert caption["text"] in page_text and (caption["credit"] or "") in page_text
            assert record["published"].tzinfo is not None
    assert [r["paywalled"] for r in EXPECTED_SUBSTACK.values()].count(True) == 1
    assert EXPECTED_WORDPRESS[P.WP_REPOST_PATH]["poster"] == P.WP_POSTER
    assert EXPECTED_WORDPRESS[P.WP_REPOST_PATH]["published"] == datetime(2024, 2, 28, 2, 5, tzinfo=timezone.utc)
