"""The spider ``archiver crawl`` runs: each site's platform is detected from the site itself."""

from __future__ import annotations

from archiver.spiders.base import BaseBlogSpider
from archiver.spiders.blogger import BloggerDiscovery
from archiver.spiders.detect import BLOGGER, GENERIC, SUBSTACK, WORDPRESS
from archiver.spiders.generic import GenericDiscovery
from archiver.spiders.substack import SubstackDiscovery
from archiver.spiders.wordpress import WordPressDiscovery


class ArchiveSpider(BaseBlogSpider):
    """Archives Blogger, WordPress and Substack blogs and any other site.

    Usage: ``scrapy crawl archive -a url=https://example.org/`` (comma-separated for several);
    ``-a platform=wordpress`` to skip detection. ``archiver crawl`` also passes ``sources``.
    """

    name = "archive"
    discoveries = {
        BLOGGER: BloggerDiscovery,
        WORDPRESS: WordPressDiscovery,
        SUBSTACK: SubstackDiscovery,
        GENERIC: GenericDiscovery,
    }
