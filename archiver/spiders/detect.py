"""Which platform a site runs on, from its own pages: its markup (extraction's detector), its feed, its API."""

from __future__ import annotations

from scrapy.http import Response, TextResponse

from archiver.extraction.platforms import BLOGGER, GENERIC, SUBSTACK, WORDPRESS, markup_platform

__all__ = ["BLOGGER", "GENERIC", "SUBSTACK", "WORDPRESS", "is_blogger_feed", "is_wordpress_api", "platform_from_markup"]


def platform_from_markup(response: Response) -> str | None:
    """The platform a fetched page's markup names (extraction's detector), or None."""
    if not isinstance(response, TextResponse):
        return None
    return markup_platform(response.selector.root)


def is_blogger_feed(body: bytes) -> bool:
    """A Blogger feed names its blog with a ``tag:blogger.com`` id near the top."""
    return b"tag:blogger.com,1999:blog-" in body[:4000]


def is_wordpress_api(body: bytes) -> bool:
    """WordPress's REST index lists the ``wp/v2`` namespace (PHP's JSON writes it ``"wp\\/v2"``)."""
    head = body[:20000]
    return b'"wp/v2"' in head or b'"wp\\/v2"' in head
