"""What a fetched page of a blog is: one post (an article), or a page that lists or frames others."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from scrapy.http import Response, TextResponse

from archiver.extraction.dom import has_class, has_rel
from archiver.extraction.metadata import ARTICLE_TYPES, microdata_articles, read_jsonld

#: classes of the element that holds one post in blog templates (hAtom, Blogger's, WordPress's)
_ENTRY = ("hentry", "h-entry", "post-body", "entry-content")


def looks_like_article(response: Response, untrusted: AbstractSet[str] = frozenset()) -> bool:
    """True for a page that is one article, not a listing, a tag page or the home page: it shows one of
    the ``article_signs`` not ``untrusted`` (the signs a site's home page shows too say nothing there)."""
    return bool(article_signs(response) - untrusted)


def article_signs(response: Response) -> set[str]:
    """The signs of an article a page shows: ``og:type`` article (``og``), a JSON-LD article (``json-ld``),
    ``articleBody`` markup (``article-body``), exactly one element microdata types as an article
    (``microdata``), exactly one ``<article>`` with a heading and a date or byline (``article``), or exactly
    one post entry of a blog template (``entry``: classic and FTP-published Blogger pages carry no other sign)."""
    signs: set[str] = set()
    if not isinstance(response, TextResponse):
        return signs
    og_type = (response.xpath("//meta[@property='og:type']/@content").get() or "").strip().lower()
    if og_type == "article":
        signs.add("og")
    scripts = response.xpath("//script[@type='application/ld+json']/text()").getall()
    if any(_jsonld_is_article(script) for script in scripts):
        signs.add("json-ld")
    if response.xpath("//*[@itemprop='articleBody']"):
        signs.add("article-body")
    if len(microdata_articles(response.selector.root)) == 1:
        signs.add("microdata")
    articles = response.xpath("//article")
    if len(articles) == 1 and bool(
        articles.xpath(".//h1") and articles.xpath(f".//time[@datetime] | .//*[{has_rel('author')}] | .//*[contains(@class, 'byline')]")
    ):
        signs.add("article")
    if any(len(response.xpath(_has_class(name))) == 1 and response.xpath(_has_class("post-title") + " | "
                                                                        + _has_class("entry-title"))
           for name in _ENTRY):
        signs.add("entry")
    return signs


def is_wordpress_post(response: Response) -> bool | None:
    """What WordPress's ``<body class>`` says: True for a single post (of any type but attachments),
    False for a page, archive or home; None when the page has no WordPress body classes."""
    classes = body_classes(response)
    if not classes & {"single", "page", "archive", "home", "blog", "search", "error404", "attachment"}:
        return None
    return "single" in classes and "single-attachment" not in classes and "attachment" not in classes


# Words naming the custom post types themes and plugins add for what is no piece of writing: a team member's
# profile, a service, a portfolio item, a product, a landing page ("single-team", "single-super_pages").
_NOT_WRITING_TYPE_WORDS = {
    "team", "member", "members", "people", "person", "staff", "service", "services", "portfolio", "project",
    "projects", "product", "products", "testimonial", "testimonials", "faq", "faqs", "job", "jobs", "career",
    "careers", "location", "locations", "landing", "page", "pages", "slide", "slider", "sponsor", "sponsors",
}


def wordpress_non_writing_type(response: Response) -> str | None:
    """The custom post type WordPress's ``<body class>`` names ("single-team") when its name says it is no
    piece of writing; None for a post, a press release, a story, or a page with no such class."""
    for name in sorted(body_classes(response)):
        kind = name.removeprefix("single-")
        if kind != name and not kind.startswith("format-") and set(re.split(r"[-_]", kind)) & _NOT_WRITING_TYPE_WORDS:
            return kind
    return None


def body_classes(response: Response) -> set[str]:
    """The classes of the page's ``<body>`` (none for a response that is not a page)."""
    if not hasattr(response, "text"):
        return set()
    return set((response.xpath("//body/@class").get() or "").split())


def _has_class(name: str) -> str:
    return f"//*[{has_class(name)}]"


def _jsonld_is_article(text: str) -> bool:
    for node in read_jsonld(text):
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in types):
            return True
    return False
