"""Rules for any site: the article's own markup (itemprop, rel=author, <time>), scoped away from page furniture."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from htmldate.extractors import custom_parse, regex_parse
from lxml.html import HtmlElement

from archiver.extraction.dates import parse_iso

# Page regions that are never the article's own metadata: sidebars, related lists, comments, footers.
_FURNITURE_TAGS = {"aside", "footer", "nav"}
_FURNITURE_WORDS = re.compile(r"sidebar|related|comment|widget|teaser|recommend", re.I)


def in_furniture(element: HtmlElement) -> bool:
    """True when ``element`` sits in a sidebar, footer, related list or comment thread."""
    node = element
    while node is not None:
        if node.tag in _FURNITURE_TAGS:
            return True
        marks = (node.get("class") or "") + " " + (node.get("id") or "")
        if marks.strip() and _FURNITURE_WORDS.search(marks):
            return True
        node = node.getparent()
    return False


_DATE_XPATHS = (
    (f"//*[@itemprop='datePublished']", "markup:itemprop=datePublished"),
    (f"//article//time[@datetime]", "markup:article-time"),
    (f"//*[self::header or contains(@class, 'byline') or contains(@class, 'meta')]//time[@datetime]",
     "markup:header-time"),
)


def markup_published(tree: HtmlElement) -> tuple[str, str] | None:
    """The publication timestamp the article's markup gives (itemprop, <time> in the article or its header)."""
    for xpath, rule in _DATE_XPATHS:
        for element in [e for e in tree.xpath(xpath)[:6] if not in_furniture(e)][:3]:
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
    (f"//*[@itemprop='author']//*[@itemprop='name']", "markup:itemprop=author"),
    (f"//*[@itemprop='author' and not(.//*[@itemprop='name'])]", "markup:itemprop=author"),
    (f"//a[@rel='author']", "markup:rel=author"),
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
            text = (element.get("content") if element.tag == "meta" else None) or _text(element)
            if text and len(text) <= _MAX_AUTHOR_TEXT and text not in texts:
                texts.append(text)
        if texts:
            return texts, rule
    return None


def _text(element: HtmlElement) -> str:
    parts = element.xpath(".//text()[not(ancestor::script or ancestor::style)]")
    return " ".join(" ".join(parts).split())


def only_in_furniture(tree: HtmlElement, name: str) -> bool:
    """True when every place the page shows ``name`` is a sidebar, footer, related list or comment."""
    hits = tree.xpath("//body//text()[contains(., $name)]", name=name)
    hits += tree.xpath("//body//*[contains(@title, $name) or contains(@alt, $name)]", name=name)
    elements = [hit if isinstance(hit, HtmlElement) else hit.getparent() for hit in hits]
    elements = [e for e in elements if e is not None]
    return bool(elements) and all(_in_sidebar(e) for e in elements)


_SIDEBAR_WORDS = re.compile(r"sidebar|widget", re.I)


def _in_sidebar(element: HtmlElement) -> bool:
    node = element
    while node is not None:
        if node.tag == "aside" or _SIDEBAR_WORDS.search((node.get("class") or "") + " " + (node.get("id") or "")):
            return True
        node = node.getparent()
    return False


# --------------------------------------------------------------------------------------------------
# The date a reader sees: the article header's printed date ("19. Oktober 2019", "Stand: 07.11.2023")

_MARK_WORDS = ("date", "Date", "datum", "Datum", "fecha", "ublished", "osted", "time", "Time", "stand", "meta", "Meta")
_MARKED = " or ".join(f"contains(@class, '{w}') or contains(@id, '{w}')" for w in _MARK_WORDS)
_SHOWN_DATE_XPATH = (
    "//body//time[normalize-space()] | //body//*[self::span or self::div or self::p or self::li or self::small "
    f"or self::abbr or self::em or self::strong or self::h2 or self::h3 or self::h4 or self::h5 or self::h6][{_MARKED}]"
)
# Dates that are not the piece's: today's date in a site's top bar, weather boxes, tickers, teasers, lists.
_NOT_ARTICLE_DATE = re.compile(
    r"weather|top-?bar|top-?menu|header-top|top-?date|nav|current|today|ticker|breaking|teaser|card|"
    r"timestamp-list|rs_skip|event|calendar|archive|copyright|update|modified|datetime-local", re.I)
_MIN_DAY = datetime(1995, 1, 1)


def shown_published(tree: HtmlElement) -> tuple[str, str] | None:
    """The publication day printed in the article's header, as ``(YYYY-MM-DD, text shown)``.

    The first element marked as a date (``<time>``, a class with date, datum, fecha, published,
    posted, meta...) whose short text is a date, outside sidebars, top bars and teasers.
    """
    latest = datetime.now() + timedelta(days=2)
    for element in tree.xpath(_SHOWN_DATE_XPATH)[:60]:
        if _date_furniture(element):
            continue
        text = " ".join(element.text_content().split())
        if not 6 <= len(text) <= 80 or not any(ch.isdigit() for ch in text):
            continue
        day = _parse_shown(text, latest)
        if day:
            return day, text
    return None


def _date_furniture(element: HtmlElement) -> bool:
    node = element
    while node is not None:
        if node.tag in _FURNITURE_TAGS:
            return True
        marks = (node.get("class") or "") + " " + (node.get("id") or "")
        if marks.strip() and (_FURNITURE_WORDS.search(marks) or _NOT_ARTICLE_DATE.search(marks)):
            return True
        node = node.getparent()
    return False


def _parse_shown(text: str, latest: datetime) -> str | None:
    found = regex_parse(text)
    if found is not None and _MIN_DAY <= found <= latest:
        return found.strftime("%Y-%m-%d")
    return custom_parse(text, "%Y-%m-%d", _MIN_DAY, latest)
