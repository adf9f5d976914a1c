"""Reading sitemaps: ``urlset`` entries with their ``lastmod``, and the child maps of an index."""

from __future__ import annotations

import logging

from scrapy.http import Response
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

logger = logging.getLogger(__name__)


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
