"""Listings on their own: feeds, post paths, and the signs of a platform."""

from __future__ import annotations

import pytest

from archiver.spiders.detect import is_wordpress_api
from archiver.spiders.feeds import read_feed
from archiver.spiders.links import is_post_path


def test_relative_feed_links_are_resolved_against_the_feed() -> None:
    atom = (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry><title>Cranes</title>"
            b"<link rel='alternate' type='text/html' href='/2020/01/cranes.html'/></entry></feed>")
    rss = b"<rss version='2.0'><channel><item><title>Tides</title><link>tides/</link></item></channel></rss>"
    assert [i.link for i in read_feed(atom, "https://harbour.example/feeds/posts")] == ["https://harbour.example/2020/01/cranes.html"]
    assert [i.link for i in read_feed(rss, "https://harbour.example/blog/feed/")] == ["https://harbour.example/blog/feed/tides/"]


# The same post in the feed formats old blogs publish: Movable Type's Atom 0.3 and RSS 1.0 (RDF), and RSS 2.0
# dated by Dublin Core.
_OLD_FEEDS = {
    "atom 0.3": (b"<?xml version='1.0'?><feed version='0.3' xmlns='http://purl.org/atom/ns#'><title>Notes</title>"
                 b"<entry><title>Letter from Oaxaca</title><link rel='alternate' type='text/html' "
                 b"href='http://notes.example/archives/000262.html'/><issued>2017-06-25T13:25:16-06:00</issued>"
                 b"<modified>2017-06-25T19:25:16Z</modified><author><name>bill</name></author>"
                 b"<dc:subject xmlns:dc='http://purl.org/dc/elements/1.1/'>Correspondence</dc:subject></entry></feed>"),
    "rss 1.0": (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
                b"xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'><channel "
                b"rdf:about='http://notes.example/'><title>Notes</title></channel><item "
                b"rdf:about='http://notes.example/archives/000262.html'><title>Letter from Oaxaca</title>"
                b"<link>http://notes.example/archives/000262.html</link><dc:subject>Correspondence</dc:subject>"
                b"<dc:creator>bill</dc:creator><dc:date>2017-06-25T13:25:16-06:00</dc:date></item></rdf:RDF>"),
    "rss 2.0, dc:date": (b"<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><title>Notes</title>"
                         b"<item><title>Letter from Oaxaca</title><link>http://notes.example/archives/000262.html</link>"
                         b"<category>Correspondence</category><dc:creator>bill</dc:creator>"
                         b"<dc:date>2017-06-25T13:25:16-06:00</dc:date></item></channel></rss>"),
}


@pytest.mark.parametrize("kind", sorted(_OLD_FEEDS))
def test_old_feed_formats_give_their_posts_with_dates_authors_and_terms(kind: str) -> None:
    items = read_feed(_OLD_FEEDS[kind], "http://notes.example/atom.xml")
    assert items is not None and len(items) == 1
    item = items[0]
    assert (item.link, item.title, item.author) == ("http://notes.example/archives/000262.html", "Letter from Oaxaca", "bill")
    assert item.published == "2017-06-25T13:25:16-06:00"
    assert item.tags == ["Correspondence"]


def test_a_page_that_is_no_feed_is_none() -> None:
    assert read_feed(b"<!DOCTYPE html><html><head><title>Notes</title></head><body><p>Hello</p></body></html>") is None
    assert read_feed(b"") is None


@pytest.mark.parametrize(("url", "is_post"), [
    ("https://harbour.example/?p=12", True),  # WordPress's plain permalinks
    ("https://harbour.example/?lang=en&p=12", True),
    ("https://harbour.example/2020/01/cranes/", True),
    ("https://harbour.example/", False),
    ("https://harbour.example/?s=cranes", False),
    ("https://harbour.example/?paged=2", False),
    ("https://harbour.example/?page_id=2", False),  # a static page
    ("https://harbour.example/category/trade/", False),
    ("https://harbour.example/categories/poetry/", False),  # Hugo's taxonomy pages
    ("https://harbour.example/2020/01/cranes/?replytocom=3", False),
    # The pages every site has, wherever the blog lives; a dated address is a post's whatever its name.
    ("https://harbour.example/blog/about/", False),
    ("https://harbour.example/copyright-notice/", False),
    ("https://harbour.example/impressum.html", False),
    ("https://harbour.example/2014/06/20/license/", True),
    ("https://harbour.example/blog/about-face/", True),
])
def test_post_paths(url: str, is_post: bool) -> None:
    assert is_post_path(url) is is_post


def test_the_wordpress_rest_index_as_php_writes_it() -> None:
    assert is_wordpress_api(b'{"name":"Harbour","namespaces":["oembed\\/1.0","wp\\/v2"]}')
    assert is_wordpress_api(b'{"name":"Harbour","namespaces":["oembed/1.0","wp/v2"]}')
    assert not is_wordpress_api(b'{"name":"Harbour","namespaces":["oembed\\/1.0"]}')
