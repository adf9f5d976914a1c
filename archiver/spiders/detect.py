"""Which platform a site runs on, from its own pages: its markup (extraction's detector), its feed, its API."""

from __future__ import annotations

import json

from scrapy.http import Response, TextResponse

from archiver.extraction.platforms import BLOGGER, GENERIC, SUBSTACK, WORDPRESS, markup_platform

__all__ = ["BLOGGER", "GENERIC", "SUBSTACK", "WORDPRESS", "is_blogger_feed", "lists_wordpress_posts", "platform_from_markup"]


def platform_from_markup(response: Response) -> str | None:
    """The platform a fetched page's markup names (extraction's detector), or None."""
    if not isinstance(response, TextResponse):
        return None
    return markup_platform(response.selector.root)


def is_blogger_feed(body: bytes) -> bool:
    """A Blogger feed names its blog with a ``tag:blogger.com`` id near the top."""
    return b"tag:blogger.com,1999:blog-" in body[:4000]


def lists_wordpress_posts(body: bytes) -> bool:
    """WordPress's REST posts route answers with a list of posts, each with its ``link`` and ``date_gmt``.

    The route, not the REST index: a site rebuilt with another generator over a saved copy of its old
    WordPress blog still serves the index (``/wp-json/``) as a file, and its pages are not WordPress's."""
    try:
        posts = json.loads(body)
    except ValueError:
        return False
    return isinstance(posts, list) and bool(posts) and isinstance(posts[0], dict) and {"link", "date_gmt"} <= posts[0].keys()
