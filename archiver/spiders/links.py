"""Links on a blog's own pages: which lead to posts, and which to more listings (pagers, archives)."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urldefrag, urlsplit

from scrapy.http import Response, TextResponse

from archiver.spiders.walk import RANK_DATE, RANK_PAGER, RANK_SECTION, RANK_TAG
from archiver.urls import REPEATED_ADDRESSES, post_key, same_site

# WordPress's folder of uploads, themes and plugins holds files, not pages; but a page saved there (a folder
# or an HTML file: a static-cache plugin's copy of the blog, "/wp-content/plugins/really-static/static/…/") is one.
_WP_FILES = r"wp-content(?!.*(?:/|\.html?)$)"
# Paths that are never a post: listings, feeds, accounts, assets, the platform's own machinery.
_NOT_A_POST = re.compile(
    r"^/$|/page/?\d+/?$|^/(category|categories|tag|tags|topics?|author|authors|search|feed|rss|atom|wp-json|wp-admin|wp-login"
    rf"|{_WP_FILES}|wp-includes|login|signin|register|account|subscribe|cart|contact|about|privacy|terms)(/|$)"
    r"|/feed/?$|\.(xml|rss|atom|json|jpe?g|png|gif|webp|svg|pdf|zip|css|js)$",
    re.I,
)
# The pages every site has beside its posts, by the name they end in ("/blog/about/", "/copyright-notice/",
# "/impressum.html"): a generator's page layout often looks like its post layout, and a site-wide feed may
# list them. A path with a number in it (a date, an id) is a post's, whatever its last word.
_SITE_PAGE = re.compile(
    r"/(about|about-me|about-us|contact|contact-me|contact-us|imprint|impressum|kontakt|ueber-mich|uber-mich"
    r"|privacy|privacy-policy|datenschutz|datenschutzerklaerung|terms|terms-of-service|terms-of-use|legal"
    r"|license|licence|copyright|copyright-notice|disclaimer|colophon|a-propos|mentions-legales|contacto"
    r"|aviso-legal|acerca-de|sobre-mi|chi-sono|contatti)(-\d)?(\.html?)?/?$",  # "about-2": a slug taken twice
    re.I,
)
# Listing pages by the walk's rank: date archives (also as files: Movable Type's "/archives/2004_01.html",
# classic Blogger's "/2007_06_01_archive.html"); the home page's pager; sections; tags; any other pager
# (Hugo's "/post/page/2/", Jekyll's "/page2/").
_DATE_LISTING = re.compile(r"^/(archives?/)?\d{4}/(\d{2}/(\d{2}/)?)?(page/\d+/?)?$"
                           r"|^/(archives?/)?\d{4}[_-]\d{2}([_-]\d{2})?(_archive)?\.html?$")
_PAGER = re.compile(r"^/((archives?|blog)/?)?(page/\d+/?)?$", re.I)
_SECTION = re.compile(r"^/(category|categories|author|authors|section|topics?|label|labels)/", re.I)
_TAG = re.compile(r"^/(tag|tags)/", re.I)
_ANY_PAGER = re.compile(r"/page/?\d+/?$", re.I)
_LISTING_PARAMS = {"paged": RANK_PAGER, "m": RANK_DATE, "cat": RANK_SECTION, "author": RANK_SECTION, "tag": RANK_TAG}
# Never worth a request: the platform's machinery, accounts, feeds, embeds, comment and share targets,
# a fragment a mirroring tool escaped into the path ("post.html%23comments") and share links whose
# query lost its "?" ("/&target=twitter").
_SKIP = re.compile(
    rf"^/(wp-admin|wp-login|wp-json|{_WP_FILES}|wp-includes|xmlrpc\.php|feed|feeds|comments/feed|cdn-cgi|login|signin"
    r"|register|account|cart|checkout)(/|\.|$)|/(feed|embed|trackback|amp)/?$|%23|/&|\.(xml|rss|atom|json|jpe?g|png|gif"
    r"|webp|svg|ico|pdf|zip|gz|css|js|mp3|mp4|mov|woff2?|ttf|eot)$|wp-login\.php",
    re.I,
)


@lru_cache(maxsize=REPEATED_ADDRESSES)
def skip_link(url: str) -> bool:
    """True for links no discovery follows: other schemes, assets, feeds, accounts, reply and share targets."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return True
    params = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
    return bool(params & {"replytocom", "share", "s", "action", "redirect_to"}) or bool(_SKIP.search(parts.path))


@lru_cache(maxsize=REPEATED_ADDRESSES)
def listing_rank(url: str) -> int | None:
    """The walk's rank of a listing page (home pager, date archive, section, tag), None for any other page."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if path in ("", "/") and parts.query:
        params = [name for name, _ in parse_qsl(parts.query)]
        return min((_LISTING_PARAMS[p] for p in params if p in _LISTING_PARAMS), default=None)
    if _DATE_LISTING.match(path):
        return RANK_DATE
    if _PAGER.match(path):
        return RANK_PAGER
    if _SECTION.match(path):
        return RANK_SECTION
    if _TAG.match(path):
        return RANK_TAG
    if _ANY_PAGER.search(path):
        return RANK_PAGER
    return None


def page_links(response: Response, root: str) -> list[str]:
    """Every link of a page to its own site, in page order, one per page linked: anchors,
    ``rel=next|prev`` and the choices of an archive drop-down. Addresses are kept as the page
    gives them (a saved copy of a site may answer only those); :func:`post_key` names the page."""
    if not isinstance(response, TextResponse):
        return []
    # Plain strings from lxml, not a Selector for each of a page's hundreds of links (nor lxml's "smart"
    # strings, which keep the whole parsed page alive as long as a link is queued).
    hrefs = response.selector.root.xpath("//a/@href | //link[@rel='next' or @rel='prev']/@href | //select/option/@value",
                                         smart_strings=False)
    links: dict[str, str] = {}
    for href in hrefs:
        href = href.strip()
        if not href or href.startswith("#"):
            continue
        # An address in full needs no joining (most links of a WordPress page are; a page has hundreds).
        url = href if href.startswith(("http://", "https://")) and "#" not in href else urldefrag(response.urljoin(href))[0]
        if same_site(url, root) and not skip_link(url):
            links.setdefault(post_key(url), url)
    return list(links.values())


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
    return not _NOT_A_POST.search(parts.path) and not is_site_page(url)


@lru_cache(maxsize=REPEATED_ADDRESSES)
def is_site_page(url: str) -> bool:
    """True for an address of one of the pages every site has beside its posts (about, contact, legal
    notices), unless a number in its path (a date, an id) makes it a post's."""
    path = urlsplit(url).path
    return bool(_SITE_PAGE.search(path)) and not any(segment.isdigit() for segment in path.split("/"))
