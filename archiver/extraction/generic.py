"""Rules for any site: the article's own markup (itemprop, rel=author, <time>), scoped away from page furniture."""

from __future__ import annotations

from lxml.html import HtmlElement

from archiver.extraction.dates import parse_iso

# Page regions that are never the article's own metadata: sidebars, related lists, comments, footers.
_FURNITURE = (
    "ancestor-or-self::*[self::aside or self::footer or self::nav or "
    "contains(translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'sidebar') or "
    "contains(translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'related') or "
    "contains(translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'comment') or "
    "contains(translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'widget') or "
    "contains(translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'teaser') or "
    "contains(translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'recommend')]"
)

_DATE_XPATHS = (
    (f"//*[@itemprop='datePublished' and not({_FURNITURE})]", "markup:itemprop=datePublished"),
    (f"//article//time[@datetime and not({_FURNITURE})]", "markup:article-time"),
    (f"//*[self::header or contains(@class, 'byline') or contains(@class, 'meta')]//time[@datetime and not({_FURNITURE})]",
     "markup:header-time"),
)


def markup_published(tree: HtmlElement) -> tuple[str, str] | None:
    """The publication timestamp the article's markup gives (itemprop, <time> in the article or its header)."""
    for xpath, rule in _DATE_XPATHS:
        for element in tree.xpath(xpath)[:3]:
            for attr in ("content", "datetime", "title"):
                raw = (element.get(attr) or "").strip()
                if raw and _looks_like_timestamp(raw) and parse_iso(raw) is not None:
                    return raw, rule
    return None


def _looks_like_timestamp(raw: str) -> bool:
    return len(raw) >= 10 and raw[:4].isdigit() and raw[4] == "-"


_LOWER = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
# Author markup, most explicit first. Each gives short texts, one per name or one per byline.
_AUTHOR_XPATHS = (
    (f"//*[@itemprop='author' and not({_FURNITURE})]//*[@itemprop='name']", "markup:itemprop=author"),
    (f"//*[@itemprop='author' and not(.//*[@itemprop='name']) and not({_FURNITURE})]", "markup:itemprop=author"),
    (f"//a[@rel='author' and not({_FURNITURE})]", "markup:rel=author"),
    (f"//*[contains({_LOWER}, 'author') and contains({_LOWER}, 'vcard') and not({_FURNITURE})]"
     f"//*[contains(concat(' ', @class, ' '), ' fn ')]", "markup:vcard"),
    (f"//*[(contains({_LOWER}, 'byline') or contains(@data-testid, 'byline')) and not({_FURNITURE})]//a",
     "markup:byline"),
    (f"//*[(contains({_LOWER}, 'author-name') or contains({_LOWER}, 'authorname') or contains({_LOWER}, 'author__name') "
     f"or contains({_LOWER}, 'byline__name') or contains({_LOWER}, 'byline-name') or contains({_LOWER}, 'auteurs')) "
     f"and not({_FURNITURE})]", "markup:author-name"),
    (f"//*[(contains({_LOWER}, 'byline') or contains(@data-testid, 'byline')) and not({_FURNITURE})]", "markup:byline"),
)
_MAX_AUTHOR_TEXT = 120


def markup_bylines(tree: HtmlElement) -> tuple[list[str], str] | None:
    """Author texts from the article's markup (itemprop, rel=author, vcards, byline classes)."""
    for xpath, rule in _AUTHOR_XPATHS:
        texts: list[str] = []
        for element in tree.xpath(xpath)[:12]:
            text = (element.get("content") if element.tag == "meta" else None) or _text(element)
            if text and len(text) <= _MAX_AUTHOR_TEXT and text not in texts:
                texts.append(text)
        if texts:
            return texts, rule
    return None


def _text(element: HtmlElement) -> str:
    parts = element.xpath(".//text()[not(ancestor::script or ancestor::style)]")
    return " ".join(" ".join(parts).split())
