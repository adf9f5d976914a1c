"""Who wrote the piece on any site: the article's author markup, structured data and trafilatura's
guess, most specific first, kept to names a reader can see on the page."""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from archiver.extraction.byline import author_names, squash
from archiver.extraction.fields import FieldSet
from archiver.extraction.generic import element_text, in_furniture

_LOWER = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
# Author markup, most explicit first. Each gives short texts, one per name or one per byline.
_AUTHOR_XPATHS = (
    ("//*[@itemprop='author']//*[@itemprop='name']", "markup:itemprop=author"),
    ("//*[@itemprop='author' and not(.//*[@itemprop='name'])]", "markup:itemprop=author"),
    ("//a[@rel='author']", "markup:rel=author"),
    (f"//*[contains({_LOWER}, 'author') and contains({_LOWER}, 'vcard')]"
     f"//*[contains(concat(' ', @class, ' '), ' fn ')]", "markup:vcard"),
    (f"//*[(contains({_LOWER}, 'byline') or contains(@data-testid, 'byline'))]//a",
     "markup:byline"),
    (f"//*[(contains({_LOWER}, 'author-name') or contains({_LOWER}, 'authorname') or contains({_LOWER}, 'author__name') "
     f"or contains({_LOWER}, 'byline__name') or contains({_LOWER}, 'byline-name') or contains({_LOWER}, 'auteurs')) "
     f"]", "markup:author-name"),
    (f"//*[(contains({_LOWER}, 'byline') or contains(@data-testid, 'byline'))]", "markup:byline"),
)
_MAX_AUTHOR_TEXT = 120


def markup_bylines(tree: HtmlElement) -> tuple[list[str], str] | None:
    """Author texts from the article's markup (itemprop, rel=author, vcards, byline classes)."""
    for xpath, rule in _AUTHOR_XPATHS:
        texts: list[str] = []
        for element in [e for e in tree.xpath(xpath)[:24] if not in_furniture(e)][:12]:
            text = (element.get("content") if element.tag == "meta" else None) or element_text(element)
            if text and len(text) <= _MAX_AUTHOR_TEXT and text not in texts:
                texts.append(text)
        if texts:
            return texts, rule
    return None


def offer_bylines(fields: FieldSet, tree: Any, meta: Any, guess: dict[str, Any], site_names: set[str]) -> None:
    """Bylines of any site, from the most specific evidence down; none rather than a wrong one."""
    markup = markup_bylines(tree)
    candidates = [
        ((meta.authors if meta.authors_rule == "jsonld:author" else []) + meta.org_authors, "jsonld:author",
         {"allow_site": True}),
        (markup[0] if markup else None, markup[1] if markup else "", {"strict": True, "allow_orgs": False}),
        (meta.labelled_author, "meta:twitter:data", {}),
        (meta.authors if meta.authors_rule == "meta:author" else None, "meta:author", {}),
        (guess.get("author"), "trafilatura:author", {"strict": True, "allow_orgs": False}),
    ]
    visible = None
    for value, rule, options in candidates:
        if not value:
            continue
        names = author_names(value, site_names=site_names, **options)
        if names and not rule.startswith("markup:"):
            # Structured data can credit someone the page never shows (an account, an SEO default):
            # keep the names a reader can see on the page.
            visible = visible if visible is not None else _visible_text(tree)
            names = [name for name in names if squash(name) in visible]
        if names:
            fields.offer("byline", names, rule)
            fields.offer("byline_raw", "; ".join(value) if isinstance(value, list) else value, rule)
            return


_AUTHOR_HREF = re.compile(r"/(?:authors?|autor(?:en|in)?|auteurs?|autore|autori|journalists?|redakteur\w*|profiles?|people|staff|team)/", re.I)


def _visible_text(tree: Any) -> str:
    body = tree.find("body")
    if body is None:
        return ""
    texts = body.xpath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]")
    # An author's photo (alt, title) and a link to an author page also show who wrote the piece.
    texts += body.xpath(".//img/@alt | .//a/@title")
    texts += [href for href in body.xpath(".//a/@href") if _AUTHOR_HREF.search(href)]
    return squash(" ".join(texts))
