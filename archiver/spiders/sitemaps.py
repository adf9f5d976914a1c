"""Reading sitemaps: ``urlset`` entries with their ``lastmod``, and the child maps of an index."""

from __future__ import annotations

import logging
import re

from scrapy.http import Response
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

logger = logging.getLogger(__name__)

# The maps of posts a sitemap index names, by the names platforms give them: WordPress core's, Yoast's and
# Rank Math's, the Google XML Sitemaps plugin's monthly ones, Ghost's.
_POST_SITEMAP = re.compile(r"posts-post-\d+\.xml|post-sitemap\d*\.xml|sitemap-pt-post-|sitemap-posts\.xml")
# Maps of anything else: pages, terms, accounts, archives, and Jetpack's images and videos.
_OTHER_SITEMAP = re.compile(
    r"posts-page-|taxonomies-|users-|page-sitemap|category-sitemap|tag-sitemap|author-sitemap|-pt-page-|-tax-"
    r"|sitemap-misc|sitemap-archives|sitemap-authors|sitemap-pages|sitemap-tags|image-sitemap|video-sitemap|news-sitemap")


def post_sitemaps(children: list[str]) -> list[str]:
    """The child maps of an index that list posts: those named as posts' maps, else all but those named as
    maps of pages, terms, accounts or media (else all: names that say nothing)."""
    return ([c for c in children if _POST_SITEMAP.search(c)] or [c for c in children if not _OTHER_SITEMAP.search(c)]
            or children)


def sitemap_entries(response: Response) -> tuple[list[tuple[str, str | None]] | None, list[str]]:
    """``(entries, children)``: a urlset's (loc, lastmod) pairs, or an index's child sitemap URLs.

    ``entries`` is None when the body is not a sitemap at all. Gzipped sitemaps are read too.
    """
    body = response.body
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body)
        except OSError:
            return None, []
    try:
        sitemap = Sitemap(body)
    except Exception:  # noqa: BLE001 - whatever fails to parse is simply not a sitemap
        logger.warning("sitemap at %s is not a readable sitemap", response.url)
        return None, []
    if sitemap.type == "sitemapindex":
        return [], [response.urljoin(e["loc"]) for e in sitemap if e.get("loc")]
    if sitemap.type != "urlset":
        return None, []
    return [(response.urljoin(e["loc"]), e.get("lastmod")) for e in sitemap if e.get("loc")], []
