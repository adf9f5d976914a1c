"""Listings on their own: feeds, post paths, and the signs of a platform."""

from __future__ import annotations

import pytest

from archiver.spiders.detect import lists_wordpress_posts
from archiver.spiders.feeds import FeedItem, read_feed, read_feed_page
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


# A Blogger feed page as it is served: each entry carries its text, its comment feeds and author profile beside
# what is read, and the page its total. Only the post's own link, title, dates, author and labels are the item.
_BLOGGER_PAGE = (
    b"<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
    b"xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:gd='http://schemas.google.com/g/2005' "
    b"xmlns:thr='http://purl.org/syndication/thread/1.0' xmlns:media='http://search.yahoo.com/mrss/'>"
    b"<title type='text'>Harbour notes</title><openSearch:totalResults>342</openSearch:totalResults><entry>"
    b"<id>tag:blogger.com,1999:blog-7.post-9</id><published>2020-01-05T08:00:00.000-08:00</published>"
    b"<updated>2020-01-06T09:30:00.000-08:00</updated><category scheme='http://www.blogger.com/atom/ns#' term='Cranes'/>"
    b"<title type='text'>Grues \xc3\xa0 l'aube</title><content type='html'>&lt;p&gt;Three cranes &amp;amp; a tug.&lt;/p&gt;"
    b"&lt;a href='https://elsewhere.example/'&gt;more&lt;/a&gt;</content>"
    b"<link rel='replies' type='application/atom+xml' href='https://harbour.example/feeds/9/comments/default'/>"
    b"<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/7/posts/default/9'/>"
    b"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/7/posts/default/9'/>"
    b"<link rel='alternate' type='text/html' href='https://harbour.example/2020/01/cranes.html' title='Cranes at dawn'/>"
    b"<author><name>Marie-Claude</name><uri>https://www.blogger.com/profile/1</uri><email>noreply@blogger.com</email>"
    b"<gd:image rel='http://schemas.google.com/g/2005#thumbnail' src='https://img.example/p.png'/></author>"
    b"<media:thumbnail url='https://img.example/c.jpg' height='72' width='72'/><thr:total>4</thr:total></entry></feed>")


def test_a_feed_page_gives_each_post_from_its_own_link_title_dates_author_and_labels() -> None:
    page = read_feed_page(_BLOGGER_PAGE, "https://harbour.example/feeds/posts/default")
    assert page is not None and (page.entries, page.total, page.atom) == (1, 342, True)
    assert page.items == [FeedItem(
        link="https://harbour.example/2020/01/cranes.html", title="Grues à l'aube",
        published="2020-01-05T08:00:00.000-08:00", updated="2020-01-06T09:30:00.000-08:00",
        author="Marie-Claude", tags=["Cranes"], id="tag:blogger.com,1999:blog-7.post-9")]


def test_a_feed_that_is_not_well_formed_xml_still_gives_its_posts() -> None:
    # An HTML entity XML does not define, and a bare ampersand: feedparser reads such feeds leniently.
    rss = (b"<rss version='2.0'><channel><title>Tides &nbsp; notes</title><item><title>Tides & currents</title>"
           b"<link>https://harbour.example/tides/</link><description>Low&nbsp;water</description></item></channel></rss>")
    items = read_feed(rss)
    assert items is not None and [(i.link, i.title) for i in items] == [("https://harbour.example/tides/", "Tides & currents")]


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


def test_wordpress_is_known_by_its_rest_posts_route() -> None:
    assert lists_wordpress_posts(b'[{"id":7,"date_gmt":"2024-03-01T08:00:00","link":"https:\\/\\/harbour.example\\/tides\\/"}]')
    assert not lists_wordpress_posts(b'[]')  # no post to read: nothing to tell WordPress by
    assert not lists_wordpress_posts(b'{"name":"Harbour","namespaces":["oembed\\/1.0","wp\\/v2"]}')  # the index
    assert not lists_wordpress_posts(b'{"code":"rest_no_route","data":{"status":404}}')
    assert not lists_wordpress_posts(b'<html><body>Not found</body></html>')
    assert not lists_wordpress_posts(b'[{"title":"Tides"}]')
