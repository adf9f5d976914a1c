"""Which platform a page runs on, from its own markup: generator tags, API and feed links, assets.

The one detector: the spiders ask it of a fetched page, extraction of a page without a hint. Never
from the host name (custom domains are the rule).
"""

from __future__ import annotations

from lxml.html import HtmlElement

BLOGGER, WORDPRESS, SUBSTACK, GENERIC = "blogger", "wordpress", "substack", "generic"

# Classic and FTP-published Blogger blogs may have no generator tag: their feed, edit and comment links
# are Blogger's, and the navbar Blogger put on top of their pages (its container stays in a saved copy
# whose owner took the links out).
_BLOGGER_LINKS = (
    "//link[contains(@href, 'blogger.com/feeds/') or contains(@href, 'blogger.com/rsd.g')]"
    " | //a[contains(@href, 'blogger.com/comment.g?blogID=') or contains(@href, 'blogger.com/post-edit.g')]"
    " | //div[@id='navbar-iframe-container']"
)
_WORDPRESS_ASSETS = (
    "//link[@rel='https://api.w.org/'] | //link[contains(@href, '/wp-content/themes/')]"
    " | //script[contains(@src, '/wp-includes/')]"
)
_SUBSTACK_ASSETS = (
    "//link[contains(@href, 'substackcdn.com')] | //script[contains(@src, 'substackcdn.com')]"
    " | //script[contains(., 'window._preloads')]"
)


def markup_platform(tree: HtmlElement) -> str | None:
    """The platform a page's markup names, or None when it names none."""
    generator = " ".join(tree.xpath("//meta[@name='generator']/@content")).lower()
    if "blogger" in generator or tree.xpath(_BLOGGER_LINKS):
        return BLOGGER
    if generator.startswith("wordpress") or tree.xpath(_WORDPRESS_ASSETS):
        return WORDPRESS
    if tree.xpath(_SUBSTACK_ASSETS):
        return SUBSTACK
    return None
