"""Which platform a site runs on, from its own pages: generator tags, API links, assets. Never from its host name."""

from __future__ import annotations

from scrapy.http import Response

BLOGGER, WORDPRESS, SUBSTACK, GENERIC = "blogger", "wordpress", "substack", "generic"


def platform_from_markup(response: Response) -> str | None:
    """The platform a page's markup names, or None when it names none."""
    if not hasattr(response, "text"):
        return None
    generator = " ".join(response.xpath("//meta[@name='generator']/@content").getall()).lower()
    # Classic and FTP-published Blogger blogs may have neither: their edit and comment links are Blogger's.
    if "blogger" in generator or response.xpath(
        "//link[contains(@href, 'blogger.com/feeds/') or contains(@href, 'blogger.com/rsd.g')]"
        " | //a[contains(@href, 'blogger.com/comment.g?blogID=') or contains(@href, 'blogger.com/post-edit.g')]"
    ):
        return BLOGGER
    if generator.startswith("wordpress") or response.xpath(
        "//link[@rel='https://api.w.org/'] | //link[contains(@href, '/wp-content/themes/')]"
        " | //script[contains(@src, '/wp-includes/')]"
    ):
        return WORDPRESS
    if response.xpath(
        "//link[contains(@href, 'substackcdn.com')] | //script[contains(@src, 'substackcdn.com')]"
        " | //script[contains(., 'window._preloads')]"
    ):
        return SUBSTACK
    return None


def is_blogger_feed(body: bytes) -> bool:
    """A Blogger feed names its blog with a ``tag:blogger.com`` id near the top."""
    return b"tag:blogger.com,1999:blog-" in body[:4000]


def is_wordpress_api(body: bytes) -> bool:
    """WordPress's REST index lists the ``wp/v2`` namespace (PHP's JSON writes it ``"wp\\/v2"``)."""
    head = body[:20000]
    return b'"wp/v2"' in head or b'"wp\\/v2"' in head
