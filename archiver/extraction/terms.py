"""A post's tags and categories as its page links them, on any site: the links to the blog's term pages.

Platforms have their own markup for a post's terms (Blogger's labels, WordPress's ``rel=tag``); on
sites of no known platform a theme prints the post's tags and categories as links to their listing
pages (``/tags/numpy/``, ``/blog/categories/gpg/``, ``/tag/numpy.html``), or marks them ``rel=tag``
(microformats). The same links in menus, sidebars and lists of other posts are the blog's, not the
post's (``regions.in_furniture``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from lxml import etree
from lxml.html import HtmlElement

from archiver.extraction.dom import element_text
from archiver.extraction.regions import in_furniture, in_post

# A term's listing page: a folder named for tags or categories, then the term's own name.
_TERM_PATH = re.compile(
    r"/(?:tags?|categor(?:y|ies)|labels?|topics?|kategorien?|schlagw(?:ö|oe)rter|etiquetas?|categorias?|"
    r"cat[ée]gories?|etiquettes?)/[^/]+/?$",
    re.I,
)
_LINKS = etree.XPath("//body//a[@href]")
# More distinct terms than a post is given: a tag cloud the furniture rules did not recognise.
_MAX_TERMS = 20


def term_links(tree: HtmlElement) -> list[str]:
    """The post's terms as written on its links to their listing pages, in page order."""
    terms: dict[str, None] = {}
    for link in _LINKS(tree):
        rel = (link.get("rel") or "").lower().split()
        address = unquote(link.get("href", "").split("#")[0].split("?")[0])
        if "tag" not in rel and not (_TERM_PATH.search(address) and in_post(link)):
            continue
        text = element_text(link).lstrip("#").strip()  # "# kitti": a theme's hash sign before each tag
        if not text or in_furniture(link):
            continue
        terms.setdefault(text)
    return list(terms) if len(terms) <= _MAX_TERMS else []
