"""When the piece was published on any site: the article's date markup, the day its header prints,
and the checks that weigh them against structured data and htmldate's guess."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from htmldate.extractors import custom_parse, regex_parse
from lxml.html import HtmlElement

from archiver.extraction.dates import is_utc, local_day_zone, parse_iso
from archiver.extraction.fields import FieldSet
from archiver.extraction.generic import FURNITURE_TAGS, FURNITURE_WORDS, in_furniture

_DATE_XPATHS = (
    ("//*[@itemprop='datePublished']", "markup:itemprop=datePublished"),
    ("//article//time[@datetime]", "markup:article-time"),
    ("//*[self::header or contains(@class, 'byline') or contains(@class, 'meta')]//time[@datetime]",
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
        if node.tag in FURNITURE_TAGS:
            return True
        marks = (node.get("class") or "") + " " + (node.get("id") or "")
        if marks.strip() and (FURNITURE_WORDS.search(marks) or _NOT_ARTICLE_DATE.search(marks)):
            return True
        node = node.getparent()
    return False


def _parse_shown(text: str, latest: datetime) -> str | None:
    found = regex_parse(text)
    if found is not None and _MIN_DAY <= found <= latest:
        return found.strftime("%Y-%m-%d")
    return custom_parse(text, "%Y-%m-%d", _MIN_DAY, latest)


def check_with_htmldate(fields: FieldSet, day: str | None, platform: str) -> None:
    """A structured date days away from the one htmldate reads off the page is often a stale or
    template value (a re-published piece, a site-wide default): the page's own date wins then."""
    value = parse_iso(fields.get("published"))
    other = parse_iso(day)
    if value is None or other is None or platform == "blogger":
        return
    if not fields.sources.get("published", "").startswith(("jsonld:", "meta:")):
        return  # a date shown in the article's own markup is what readers see
    if abs((value.date() - other.date()).days) > 1:
        fields.values["published"] = day
        fields.sources["published"] = "trafilatura:htmldate"


def check_with_shown_date(fields: FieldSet, tree: Any) -> None:
    """The day printed in the article's header is the day readers (and citations) give the piece.

    It replaces the chosen date when that is only htmldate's guess, when the two are a day apart
    (a UTC or server-zone timestamp on the other side of midnight), or when the page prints its
    last-modified day rather than the first publication's.
    """
    source = fields.sources.get("published", "")
    if source.startswith(("markup:", "hint:")):
        return  # the article's own <time> or the platform's API: already what readers see
    found = shown_published(tree)
    if found is None:
        return
    day, _text = found
    value = parse_iso(fields.get("published"))
    if value is not None and value.date().isoformat() == day:
        return
    shown = parse_iso(day).date()
    updated = parse_iso(fields.get("updated"))
    if (value is None or source.startswith("trafilatura:")
            or abs((value.date() - shown).days) == 1
            or (updated is not None and updated.date() == shown)):
        fields.values["published"] = day
        fields.sources["published"] = "markup:shown-date"


def localize_utc(fields: FieldSet) -> None:
    """A UTC timestamp is dated, on the page and by its newsroom, in its readers' zone: convert it."""
    value = parse_iso(fields.get("published"))
    zone = local_day_zone(fields.get("language"))
    if value is None or zone is None or not is_utc(value) or fields.sources.get("published", "").startswith("blogger"):
        return
    local = value.astimezone(zone)
    # West of UTC a late-evening piece carries the next UTC day; east of it, only a date-only value
    # stored as UTC (local midnight) is moved: newsrooms there print the UTC day otherwise.
    if local.utcoffset() >= timedelta(0) and (local.hour, local.minute, local.second) != (0, 0, 0):
        return
    fields.values["published"] = local.isoformat()
    fields.sources["published"] += "+reader-zone"
