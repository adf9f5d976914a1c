"""Links on a blog's own pages: which lead to posts, and which to more listings (pagers, archives)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from scrapy.http import Response

from archiver.urls import canonicalize_url, same_site

# Paths that are never a post: listings, feeds, accounts, assets, the platform's own machinery.
_NOT_A_POST = re.compile(
    r"^/$|/page/\d+/?$|^/(category|tag|tags|topics?|author|authors|search|feed|rss|atom|wp-json|wp-admin|wp-login"
    r"|wp-content|wp-includes|login|signin|register|account|subscribe|cart|contact|about|privacy|terms)(/|$)"
    r"|/feed/?$|\.(xml|rss|atom|json|jpe?g|png|gif|webp|svg|pdf|zip|css|js)$",
    re.I,
)
_LISTING = re.compile(r"/page/\d+/?$|^/\d{4}/(\d{2}/)?$|^/archives?(/|$)|^/blog/?$|^/(category|tag)/[^/]+/?$", re.I)
_NEXT_TEXT = re.compile(r"^\W*(older|next|previous|more)\b.*|^\W*[»›→]+\W*$", re.I)
_POST_CONTAINERS = (
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' bookmark ')]/@href"
    " | //article//h1//a/@href | //article//h2//a/@href | //article//h3//a/@href"
    " | //*[contains(@class, 'entry-title') or contains(@class, 'post-title')]//a/@href"
)


# The parameters of a site root's listings, searches, feeds and static pages ("/?s=", "/?paged=2",
# "/?cat=3", WordPress's "/?page_id=2"); any other query on the root names a post ("/?p=123").
_ROOT_LISTING_PARAMS = {"s", "paged", "cat", "tag", "author", "feed", "m", "page_id", "lang"}


def is_post_path(url: str) -> bool:
    """True unless the URL's path is one that never holds a post."""
    parts = urlsplit(url)
    params = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if params & {"replytocom", "share"}:
        return False  # a comment's reply form, a share button's target
    if parts.path in ("", "/"):
        return bool(params - _ROOT_LISTING_PARAMS)
    return not _NOT_A_POST.search(parts.path)


def post_links(response: Response, root: str) -> list[str]:
    """Links a listing page gives to its posts: permalinks in headings and ``rel=bookmark``."""
    urls = [canonicalize_url(response.urljoin(h)) for h in response.xpath(_POST_CONTAINERS).getall()]
    return list(dict.fromkeys(u for u in urls if same_site(u, root) and is_post_path(u)))


def listing_links(response: Response, root: str) -> list[str]:
    """Links to further listings: ``rel=next``, "Older posts" pagers, page and month archives."""
    hrefs = response.xpath("//link[@rel='next']/@href | //a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
                           " | //a[contains(@class, 'next')]/@href").getall()
    for anchor in response.xpath("//a[@href]"):
        href = anchor.attrib["href"]
        text = " ".join(anchor.xpath(".//text()").getall()).strip()
        if _NEXT_TEXT.match(text) or _LISTING.search(urlsplit(response.urljoin(href)).path):
            hrefs.append(href)
    urls = [canonicalize_url(response.urljoin(h)) for h in hrefs]
    return list(dict.fromkeys(u for u in urls if same_site(u, root) and not u.startswith(("mailto:", "javascript:"))))
