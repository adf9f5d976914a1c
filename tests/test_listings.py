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


@pytest.mark.parametrize(("url", "is_post"), [
    ("https://harbour.example/?p=12", True),  # WordPress's plain permalinks
    ("https://harbour.example/?lang=en&p=12", True),
    ("https://harbour.example/2020/01/cranes/", True),
    ("https://harbour.example/", False),
    ("https://harbour.example/?s=cranes", False),
    ("https://harbour.example/?paged=2", False),
    ("https://harbour.example/?page_id=2", False),  # a static page
    ("https://harbour.example/category/trade/", False),
    ("https://harbour.example/2020/01/cranes/?replytocom=3", False),
])
def test_post_paths(url: str, is_post: bool) -> None:
    assert is_post_path(url) is is_post


def test_the_wordpress_rest_index_as_php_writes_it() -> None:
    assert is_wordpress_api(b'{"name":"Harbour","namespaces":["oembed\\/1.0","wp\\/v2"]}')
    assert is_wordpress_api(b'{"name":"Harbour","namespaces":["oembed/1.0","wp/v2"]}')
    assert not is_wordpress_api(b'{"name":"Harbour","namespaces":["oembed\\/1.0"]}')
