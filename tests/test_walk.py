"""Discovery's pieces on their own: the walk's frontier, link ranks, counts, saved-copy addresses, page kinds."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from archiver.extraction.core import extract
from archiver.spiders.base import folder_scope
from archiver.spiders.blogger import archive_widget_total
from archiver.spiders.links import is_site_page, listing_rank, page_links, skip_link
from archiver.spiders.pages import article_signs, is_wordpress_post, looks_like_article
from archiver.spiders.shapes import KeepBudget, PostShape, UnplacedPage, address_shape
from archiver.spiders.walk import RANK_DATE, RANK_PAGER, RANK_SECTION, RANK_TAG, ArchiveWalk
from archiver.spiders.wordpress import api_root
from archiver.urls import canonicalize_url, post_key


def page(url: str, body: str) -> HtmlResponse:
    return HtmlResponse(url, body=f"<html><head></head><body>{body}</body></html>".encode(), encoding="utf-8")


def test_the_walk_reads_date_archives_before_tags_and_each_page_once() -> None:
    walk = ArchiveWalk(max_pages=10)
    assert walk.add("t", "https://b.example/tag/ports/", RANK_TAG)
    assert walk.add("m", "https://b.example/2024/01/", RANK_DATE)
    assert not walk.add("m", "https://b.example/2024/01/", RANK_DATE)
    assert [walk.take(), walk.take(), walk.take()] == ["https://b.example/2024/01/", "https://b.example/tag/ports/", None]
    assert walk.in_flight == 2 and not walk.exhausted
    walk.done_with({"a", "b"})
    walk.done_with(None)  # a page that failed
    assert walk.exhausted and not walk.capped


def test_a_page_repeating_the_posts_of_another_is_not_followed() -> None:
    walk = ArchiveWalk(max_pages=10)
    for key in ("p1", "p2", "p3"):
        walk.add(key, f"https://b.example/page/{key}/", RANK_PAGER)
        walk.take()
    assert walk.done_with({"a", "b"})
    assert not walk.done_with({"a", "b"})  # the pager answered its first page again
    assert walk.done_with({"a"}) and walk.repeats == 1  # one post alone says little


def test_the_walk_stops_at_its_cap_and_says_so() -> None:
    walk = ArchiveWalk(max_pages=2)
    for number in range(5):
        walk.add(str(number), f"https://b.example/page/{number}/", RANK_PAGER)
    assert walk.take() and walk.take() and walk.take() is None
    assert walk.capped and walk.left == 3


@pytest.mark.parametrize(("url", "rank"), [
    ("https://b.example/", RANK_PAGER),
    ("https://b.example/page/3/", RANK_PAGER),
    ("https://b.example/?paged=3", RANK_PAGER),
    ("https://b.example/2024/", RANK_DATE),
    ("https://b.example/2024/01/page/2/", RANK_DATE),
    ("https://b.example/archive/2024/01/", RANK_DATE),
    ("https://b.example/category/trade/", RANK_SECTION),
    ("https://b.example/author/wen/page/2/", RANK_SECTION),
    ("https://b.example/tag/ports/", RANK_TAG),
    ("https://b.example/2024/01/harbour-dues/", None),  # a post
    ("https://b.example/blog/harbour-dues/", None),
    ("https://b.example/archives/123", None),  # WordPress's /archives/%post_id% permalinks
    ("https://b.example/archives/2004_01.html", RANK_DATE),  # Movable Type's month archives
    ("https://b.example/2007_06_01_archive.html", RANK_DATE),  # classic Blogger's
    ("https://b.example/archives/000262.html", None),  # a Movable Type entry
    ("https://b.example/post/page/2/", RANK_PAGER),  # Hugo's section pager
    ("https://b.example/page2/", RANK_PAGER),  # Jekyll's
    ("https://b.example/2004/01/page2-of-the-report/", None),
])
def test_listing_ranks(url: str, rank: int | None) -> None:
    assert listing_rank(url) == rank


@pytest.mark.parametrize("url", [
    "https://b.example/wp-login.php?redirect_to=x", "https://b.example/feed/", "https://b.example/2024/01/x/embed/",
    "https://b.example/2012/06/x.html%23comments", "https://b.example/&target=twitter", "mailto:a@b.example",
    "https://b.example/logo.png", "https://b.example/2024/01/x/?replytocom=3",
])
def test_links_no_discovery_follows(url: str) -> None:
    assert skip_link(url)


def test_page_links_keep_the_address_a_page_gives_one_per_page() -> None:
    response = page("https://b.example/2013/07/camp.html",
                    "<a href='../../2012/06/cloud.html'>a</a><a href='../../2012/06/cloud.html#comments'>b</a>"
                    "<a href='../index.html'>c</a><a href='https://other.example/x'>d</a>"
                    "<select><option value='https://b.example/2010/'>2010 (15)</option></select>"
                    "<a href='../../search%3Fupdated-max=2013-07-21T12:27:00+02:00&amp;max-results=7.html'>e</a>")
    assert page_links(response, "https://b.example/") == [
        "https://b.example/2012/06/cloud.html", "https://b.example/2013/index.html", "https://b.example/2010/",
        "https://b.example/search%3Fupdated-max=2013-07-21T12:27:00+02:00&max-results=7.html",
    ]


@pytest.mark.parametrize(("url", "canonical"), [
    ("http://b.example/2010/07/x.html%3FshowComment=1278.html", "http://b.example/2010/07/x.html"),
    ("http://b.example/search%3Fupdated-max=2013-07-21T12:27:00+02:00&max-results=7.html",
     "http://b.example/search?max-results=7&updated-max=2013-07-21T12%3A27%3A00%2B02%3A00"),
    ("http://b.example/2006/07/index.html", "http://b.example/2006/07/"),
    ("http://b.example/index.htm", "http://b.example/"),
    ("http://b.example/slug/index.html?m=1", "http://b.example/slug/"),
])
def test_addresses_of_saved_copies_name_their_pages(url: str, canonical: str) -> None:
    assert canonicalize_url(url) == canonical


def test_the_archive_widget_counts_years_or_else_months() -> None:
    hierarchy = page("https://b.example/", """<ul class='hierarchy'><li><a class='post-count-link' href='2013/index.html'>2013</a>
        <span class='post-count' dir='ltr'>(9)</span><ul><li><a class='post-count-link' href='2013/07/index.html'>July</a>
        <span class='post-count' dir='ltr'>(4)</span></li></ul></li>
        <li><a class='post-count-link' href='/2012/'>2012</a> <span class='post-count'>(30)</span></li></ul>""")
    flat = page("https://b.example/", "<a class='post-count-link' href='/2013/07/'>July</a><span class='post-count'>(4)</span>"
                                      "<a class='post-count-link' href='/2013/06/'>June</a><span class='post-count'>(2)</span>")
    dropdown = page("https://b.example/", "<select><option value=''>Blog Archive</option>"
                                          "<option value='https://b.example/2013/07/'>July 2013 (4)</option>"
                                          "<option value='https://b.example/2013/06/'>June 2013 (3)</option></select>")
    assert archive_widget_total(hierarchy) == 39
    assert archive_widget_total(flat) == 6
    assert archive_widget_total(dropdown) == 7
    assert archive_widget_total(page("https://b.example/", "<p>no widget</p>")) is None


@pytest.mark.parametrize(("url", "folder"), [
    ("https://example.org/opinion/", "/opinion/"),
    ("https://example.org/", "/"),
    ("https://example.org/2024/01/a-post.html", "/"),
    ("https://example.org/search/label/Trade", "/"),
    ("https://example.org/category/trade/", "/"),
    ("https://example.org/tag/ports/", "/"),
    ("https://example.org/2024/", "/"),
])
def test_only_a_folder_limits_a_site(url: str, folder: str) -> None:
    assert folder_scope(url) == folder


@pytest.mark.parametrize(("href", "root"), [
    ("https://b.example/wp-json/", "https://b.example/wp-json/"),
    ("../wp-json/index.json", "https://b.example/wp-json/"),  # a saved copy links a file in the folder
    ("https://b.example/blog/wp-json/", "https://b.example/blog/wp-json/"),
    ("https://b.example/?rest_route=/", "https://b.example/?rest_route=/"),
])
def test_the_rest_api_root(href: str, root: str) -> None:
    response = page("https://b.example/section/index.html", "")
    response = response.replace(body=f"<html><head><link rel='https://api.w.org/' href='{href}'></head></html>".encode())
    assert api_root(response, "https://b.example/") == root


@pytest.mark.parametrize(("classes", "single"), [
    ("post-template-default single single-post postid-7 single-format-standard", True),
    ("single single-article postid-9", True),  # a custom post type
    ("page-template-default page page-id-2", False),
    ("archive category category-trade", False),
    ("attachment single single-attachment postid-3", False),
    ("", None),
])
def test_wordpress_body_classes_tell_a_post(classes: str, single: bool | None) -> None:
    response = HtmlResponse("https://b.example/x/", body=f"<html><body class='{classes}'></body></html>".encode())
    assert is_wordpress_post(response) is single


def test_one_post_entry_of_a_blog_template_is_an_article_and_a_listing_is_not() -> None:
    entry = "<div class='post hentry'><h3 class='post-title'>Tides</h3><div class='post-body'>Text</div></div>"
    assert looks_like_article(page("https://b.example/2006/07/tides.html", entry))
    assert not looks_like_article(page("https://b.example/2006/07/", entry * 3))


@pytest.mark.parametrize("rel", ["author", "author external"])
def test_one_article_with_a_headline_and_its_authors_link_is_an_article(rel: str) -> None:
    # WordPress's the_author_link() writes rel="author external".
    article = f"<article><h1>Tides</h1><p>By <a rel='{rel}' href='https://jane.example/'>Jane Doe</a></p></article>"
    assert article_signs(page("https://b.example/tides/", article)) == {"article"}


def test_one_element_microdata_types_as_an_article_is_an_article_and_a_listing_of_them_is_not() -> None:
    # A static generator's post: its <article> typed BlogPosting by microdata, titled by an h2, no other sign.
    post = ("<article itemscope='itemscope' itemtype='http://schema.org/BlogPosting'><header><h2>"
            "<a itemprop='name' href='/2012/tides.html'>Tides</a></h2></header><section><p>Text</p></section></article>")
    assert article_signs(page("https://b.example/2012/tides.html", post)) == {"microdata"}
    assert article_signs(page("https://b.example/", post * 3)) == set()
    assert article_signs(page("https://b.example/", "<div itemscope itemtype='https://schema.org/Person'></div>")) == set()


def test_a_page_with_control_characters_is_extracted() -> None:
    html = ("<html><head><title>Tides</title></head><body><article><h1>Tides</h1>"
            "<p>The port\x0b authority raised its dues again this spring, and the shippers noticed it at once.</p>"
            "<p>Second paragraph\x01 about the harbour and its many cranes, written for the record.</p></article></body></html>")
    record = extract("https://b.example/tides/", html)
    assert "port authority" in record["body"] and "\x0b" not in record["body"]


def test_post_keys_of_saved_copy_variants_are_one() -> None:
    assert post_key("http://b.example/2010/07/x.html%3FshowComment=1.html") == post_key("https://b.example/2010/07/x.html")


# A theme that marks nothing: furniture on every page, each post a heading, a meta line and a text block.
_FURNITURE = "<div id='masthead' class='masthead'>Blog</div><ul class='sidebar'><li class='link'>a</li><li class='link'>b</li></ul>"


def _entry(title: str, meta: bool = True) -> str:
    return f"<h2>{title}</h2>" + ("<p class='post_author'>by Kate</p>" if meta else "") + "<div class='format_text'><p>Text.</p></div>"


def _leave(shape: PostShape, path: str, body: str, channel: str = "walk") -> None:
    url = f"https://b.example{path}"
    shape.leave_unplaced(path, url, page(url, _FURNITURE + body), channel)


def test_the_marks_of_a_blogs_posts_are_the_entry_markup_once_on_its_posts_and_repeated_on_its_listings() -> None:
    shape = PostShape()
    shape.learn_listing(page("https://b.example/", _FURNITURE + _entry("One") + _entry("Two") + _entry("Three")))
    for n in (1, 2):  # two posts a feed named; one has a picture with its own class
        extra = "<p class='wp-caption'>photo</p>" if n == 1 else ""
        shape.answered()
        shape.learn_post(page(f"https://b.example/post-{n}/", _FURNITURE + _entry(f"Post {n}") + extra), marked=False)
    assert shape.marks == {"p.post_author", "div.format_text"}  # not the furniture, not one post's picture
    _leave(shape, "/post-3/", _entry("Three"))
    _leave(shape, "/post-4/", _entry("Four"), channel="sitemap")
    _leave(shape, "/about-us/", _entry("About", meta=False))
    _leave(shape, "/2024/", _entry("A") + _entry("B"))
    assert shape.take_back("/post-4/") is not None and shape.take_back("/post-4/") is None  # a feed named it
    assert [(p.url, p.channel) for p in shape.judge()] == [("https://b.example/post-3/", "walk")]
    assert shape.undecided == 0  # marks were learned: the rest are known not to be posts


def test_with_no_marks_learned_the_post_template_stands_in_and_what_it_cannot_tell_is_undecided() -> None:
    # The listings show bare titles: no class repeats. The classes once on every post and on no listing (the
    # post template: the meta line, the text block) judge the pages: all of them, a post; none, not one.
    shape = PostShape()
    shape.learn_listing(page("https://b.example/", _FURNITURE + "<ul><li><a href='/p/'>One</a></li><li><a href='/q/'>Two</a></li></ul>"))
    shape.answered()
    shape.learn_post(page("https://b.example/p/", _FURNITURE + _entry("One")), marked=False)
    _leave(shape, "/q/", _entry("Two"))
    _leave(shape, "/r/", _entry("Three", meta=False))  # a post without its meta line, or a page with a text block
    _leave(shape, "/s/", "<div class='gallery'>Pictures</div>")
    assert shape.marks == set() and shape.template == {"p.post_author", "div.format_text"}
    assert [p.url for p in shape.judge()] == ["https://b.example/q/"]
    assert list(shape.unplaced) == ["/r/"] and shape.undecided == 1
    recognised = PostShape(posts_answered=1, posts_read=1, unplaced=dict(shape.unplaced), judged=True)
    assert recognised.undecided == 0  # the blog's posts carry marks archiver knows: a page without them is no post
    unchanged = PostShape(posts_answered=3, last_run_complete=True, unplaced=dict(shape.unplaced), judged=True)
    assert unchanged.undecided == 0  # a rerun's posts answered 304 after a complete run: its judgement stands
    after_doubt = PostShape(posts_answered=3, unplaced=dict(shape.unplaced), judged=True)
    assert after_doubt.undecided == 1  # ... after a run that could not tell these pages either, they stay undecided
    nothing = PostShape(unplaced=dict(shape.unplaced), judged=True)
    assert nothing.undecided == 1  # no post found at all: nothing tells the pages apart


def test_a_blog_that_moved_platforms_judges_each_page_by_the_template_of_the_posts_shaped_like_its_address() -> None:
    # Posts of a static generator ("/2019-07-16-prepl/", heading, date line, text) beside the saved copy of the
    # blog's old WordPress ("/2014/06/20/gpg-key/", another template); listings show bare titles. No class is
    # once on every post: before, the generator's tag pages ("/vim/", its posts' address shape) were undecided.
    new_post = "<div class='post-header'><div id='post-meta'>16 July 2019</div></div><div id='post-content'><p>Text.</p></div>"
    shape = PostShape()
    shape.learn_listing(page("https://b.example/", _FURNITURE + "<ul><li><a href='/a/'>A</a></li><li><a href='/b/'>B</a></li></ul>"))
    for n in (1, 2):
        shape.answered()
        shape.learn_post(page(f"https://b.example/2019-07-1{n}-post-{n}/", _FURNITURE + f"<h2>P{n}</h2>" + new_post), marked=False)
        shape.answered()
        shape.learn_post(page(f"https://b.example/2014/06/2{n}/old-{n}/", _FURNITURE + _entry(f"Old {n}")), marked=False)
    assert shape.template == set()  # nothing on every post of both templates
    _leave(shape, "/vim/", "<h2>Posts tagged vim</h2><ul><li><a href='/2019-07-11-post-1/'>P1</a></li></ul>")
    _leave(shape, "/2019-07-13-post-3/", "<h2>P3</h2>" + new_post)
    _leave(shape, "/2014/06/23/old-3/", _entry("Old 3"))
    assert sorted(p.url for p in shape.judge()) == ["https://b.example/2014/06/23/old-3/", "https://b.example/2019-07-13-post-3/"]
    assert shape.unplaced == {} and shape.undecided == 0


def test_an_archive_the_walk_could_not_place_shows_the_entry_markup_too() -> None:
    # A Movable Type blog: its home page shows a calendar, not posts; its month archives sit at names no walk
    # knows ("/archives/2004_01.html"), so they too wait unplaced, beside the posts the feed did not name.
    shape = PostShape()
    shape.learn_listing(page("https://b.example/", _FURNITURE + "<div class='calendar'>May</div>"))
    shape.answered()
    shape.learn_post(page("https://b.example/archives/000262.html", _FURNITURE + _entry("Oaxaca")), marked=False)
    _leave(shape, "/archives/2004_01.html", _entry("A") + _entry("B") + _entry("C"))
    _leave(shape, "/archives/000100.html", _entry("Lima"))
    assert shape.marks == {"p.post_author", "div.format_text"}
    assert [p.url for p in shape.judge()] == ["https://b.example/archives/000100.html"]
    assert shape.undecided == 0



def test_answers_are_kept_within_the_crawls_bound_and_given_back_when_judged() -> None:
    budget = KeepBudget(limit=len(page("https://b.example/a/", _FURNITURE + _entry("A")).body) + 10)
    shape, other = PostShape(budget=budget), PostShape(budget=budget)
    shape.learn_listing(page("https://b.example/", _FURNITURE + _entry("One") + _entry("Two")))
    shape.answered()
    shape.learn_post(page("https://b.example/p/", _FURNITURE + _entry("P")), marked=False)
    _leave(shape, "/a/", _entry("A"))
    _leave(other, "/b/", _entry("B"))  # another blog of the crawl: the bound is spent
    assert shape.unplaced["/a/"].answer is not None and other.unplaced["/b/"].answer is None
    assert [p.answer is not None for p in shape.judge()] == [True]
    assert budget.used == 0


@pytest.mark.parametrize(("url", "shape"), [
    ("https://b.example/blog/2014/06/20/gpg-key/", ("w", "d4", "d2", "d2", "w", "/")),
    ("https://b.example/archives/000262.html", ("w", "d6.html")),
    ("https://b.example/about/", ("w", "/")),
    ("https://b.example/?p=12", ("?p",)),
])
def test_address_shapes(url: str, shape: tuple[str, ...]) -> None:
    assert address_shape(url) == shape


def test_a_page_of_another_address_shape_or_that_calls_itself_no_article_is_not_a_post() -> None:
    # An Octopress-like blog: posts under /blog/YYYY/MM/DD/, pages in /blog/; the page layout shares the
    # post layout's classes, and the site's pages say og:type website.
    shape = PostShape()
    shape.learn_listing(page("https://b.example/blog/", _FURNITURE + _entry("One") + _entry("Two")))
    for day in (1, 2, 3):
        url = f"https://b.example/blog/2014/06/0{day}/post-{day}/"
        shape.answered()
        shape.learn_post(page(url, "<meta property='og:type' content='article'>" + _FURNITURE + _entry("P")), marked=False)
    _leave(shape, "/blog/2014/06/04/post-4/", _entry("Four"))
    _leave(shape, "/blog/about/", _entry("About"))  # the post layout, at a page's address
    _leave(shape, "/notes/2014/06/05/post-5/", _entry("Five"))  # not in the folder every post is in
    shape.unplaced["/blog/2014/06/06/me/"] = UnplacedPage(
        "https://b.example/blog/2014/06/06/me/", "walk", shape.unplaced["/blog/2014/06/04/post-4/"].once, og_type="profile")
    assert [p.url for p in shape.judge()] == ["https://b.example/blog/2014/06/04/post-4/"]
    assert shape.unplaced == {}  # none of the others is a post, nor undecided
    assert shape.is_post_address("https://b.example/blog/2013/01/01/older/")


@pytest.mark.parametrize(("url", "site_page"), [
    ("https://example.org/about/", True),
    ("https://example.org/about-2/", True),  # WordPress and Ghost number a slug taken twice
    ("https://example.org/impressum.html", True),
    ("https://example.org/2024/05/about/", False),  # a date: a post's address
    ("https://example.org/about-the-harbour-strike/", False),
])
def test_a_sites_own_pages_by_their_address(url: str, site_page: bool) -> None:
    assert is_site_page(url) is site_page
