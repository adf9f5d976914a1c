"""When the piece was published on any site: the article's date markup, the day its header prints,
and the checks that weigh them against structured data and htmldate's guess."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from archiver.extraction.dates import (
    MONTH_NUMBERS, day_pattern, is_named_day, is_utc, local_day_zone, parse_iso, relative_day, shown_days,
)
from archiver.extraction.dom import has_class
from archiver.extraction.fields import FieldSet
from archiver.extraction.regions import in_date_furniture


_DATE_XPATHS = (
    (etree.XPath("//*[@itemprop='datePublished']"), "markup:itemprop=datePublished"),
    # hAtom, older themes' microformat: <abbr class="published" title="2008-12-18T09:15:10+0000"> in the post
    (etree.XPath(f"//*[{has_class('hentry')}]//*[{has_class('published')}][@title or @datetime]"),
     "markup:hatom-published"),
    (etree.XPath("//article//time[@datetime]"), "markup:article-time"),
    (etree.XPath("//*[self::header or contains(@class, 'byline') or contains(@class, 'meta')]//time[@datetime]"),
     "markup:header-time"),
)


def markup_published(tree: HtmlElement) -> tuple[str, str] | None:
    """The publication timestamp the article's markup gives (itemprop, <time> in the article or its header)."""
    for xpath, rule in _DATE_XPATHS:
        for element in [e for e in xpath(tree)[:6] if not in_date_furniture(e)][:3]:
            for attr in ("content", "datetime", "title"):
                raw = (element.get(attr) or "").strip()
                if raw and _looks_like_timestamp(raw) and parse_iso(raw) is not None:
                    return raw, rule
    return None


def _looks_like_timestamp(raw: str) -> bool:
    return len(raw) >= 10 and raw[:4].isdigit() and raw[4] == "-"


# --------------------------------------------------------------------------------------------------
# The date a reader sees: the article header's printed date ("19. Oktober 2019", "Stand: 07.11.2023"),
# or a date printed after a publication word ("Veröffentlicht am 16.08.2019", "Publicado el 3 de mayo")

_DATE_TAGS = ("self::span or self::div or self::p or self::li or self::small or self::abbr or self::em "
              "or self::strong or self::dd or self::h2 or self::h3 or self::h4 or self::h5 or self::h6")
# Every <time>, and the class and id values of the elements a date is printed in, in document order:
# their marks are matched in Python, as a dozen XPath contains() per element cost several times more.
_DATE_PLACES = etree.XPath(
    f"//body//time[normalize-space()] | //body//*[{_DATE_TAGS}]/@class | //body//*[{_DATE_TAGS}]/@id")
# (an icon beside the day, "icon-calendar", "fa-calendar", marks it too)
_DATE_MARK = re.compile(r"date|datum|fecha|ublish|osted|time|stand|meta|(?:icon|fa)-calendar", re.I)
# Words that say "published" in the languages blogs are written in, as they print before the day
# (without their first letter, which may be upper or lower case).
_PUBLISHED_WORDS = (
    "ublished", "osted on", "eröffentlicht", "epostet", "rstellt am", "rschienen am", "ubliziert", "ingestellt am",
    "ublié", "is en ligne", "ublicado", "ublicada", "ubblicato", "otizia del", "epubliceerd", "eplaatst op",
    "publikowano", "ublicerad", "ubliceret", "ublisert", "ulkaistu", "ublikováno", "veřejněno", "iterbitkan",
    "ayınlanma",
)
# Revision labels as they print, for pages whose only day is a revision's ("Letzte Änderung: 14.01.2022").
_REVISION_WORDS = ("pdated", "ktualisiert", "etzte Änderung", "uletzt geändert", "ctualizado", "is à jour")
_BODY_TEXT = etree.XPath("string(//body)")
_PUBLISHED_LABEL = re.compile(r"(?:" + "|".join(_PUBLISHED_WORDS) + r")\w*\s*(?:\w{1,3}\s)?\W*", re.I)
# A date printed after one of these words is the day of a later revision, not of the publication.
_UPDATED_LABEL = re.compile(
    r"^\W*(?:last\s+)?(?:updated|modified|edited|aktualisiert|zuletzt|letzte\s+änderung|geändert|bearbeitet|editiert|"
    r"mis\s+à\s+jour|modifié|actualizado|actualización|aggiornato|atualizado|bijgewerkt|gewijzigd|uppdaterad|"
    r"opdateret|oppdatert|päivitetty|zaktualizowano|aktualizováno|frissítve)", re.I)
_MIN_DAY = date(1995, 1, 1)
_MAX_SHOWN = 8  # dates read off one page: enough to tell whether it prints a single day


@dataclass
class ShownDate:
    """The day a page prints for its readers, the text it was read from, and every day it prints."""

    day: str  #: YYYY-MM-DD, the first date printed in the article's own places
    text: str
    readings: list[str]  #: the first date's readings: "03/05/2022" is May 3 or March 5
    days: set[str] = field(default_factory=set)  #: every day read, in every reading
    revision: bool = False  #: the page prints only a revision's day ("Updated June 13, 2019")
    relative: bool = False  #: counted back from the fetch time ("vor 3 Tagen"): right to a day or so

    @property
    def single(self) -> bool:
        """The page prints one day only: no list of other dates a wrong pick could come from."""
        return self.days == set(self.readings)


def shown_published(tree: HtmlElement, month_first: bool = False,
                    fetched: datetime | None = None) -> ShownDate | None:
    """The publication day printed in the article's header or next to a publication word.

    The first element marked as a date (``<time>``, a class with date, datum, fecha, published,
    posted, meta...), else the first holding a publication word ("Veröffentlicht am", "Publicado el"),
    whose short text is a date, outside sidebars, top bars, comments and lists of other posts. A day
    printed as a revision's ("Updated ...", "Aktualisiert: ...") only when the page prints no other.
    A relative day ("vor 3 Tagen", "2 hours ago") counts back from ``fetched``, when the page was fetched.
    """
    found, fallback = _read_days(_marked_places(tree), month_first, fetched)
    if found is None:
        found, fallback = _read_days(_labelled_places(tree), month_first, fetched, fallback)
    return found or fallback


def _read_days(places: Iterator[HtmlElement], month_first: bool, fetched: datetime | None,
               fallback: ShownDate | None = None) -> tuple[ShownDate | None, ShownDate | None]:
    """The first printed day and every day read; ``fallback`` is a revision's day or a relative one."""
    latest = date.today() + timedelta(days=2)
    found: ShownDate | None = None
    read = 0
    for element in islice(places, 60):
        text = _date_text(element, relative=fetched is not None)
        if text is None or in_date_furniture(element):
            continue
        days = [d.isoformat() for d in shown_days(text, month_first) if _MIN_DAY <= d <= latest]
        if not days and fetched is not None and found is None and fallback is None:
            relative = relative_day(text, fetched)
            if relative is not None:
                fallback = ShownDate(relative.isoformat(), text, [relative.isoformat()], {relative.isoformat()},
                                     relative=True)
            continue
        if not days:
            continue
        if _UPDATED_LABEL.search(text):
            if fallback is None or fallback.relative:
                fallback = ShownDate(days[0], text, days, set(days), revision=True)
            continue
        if found is None:
            found = ShownDate(days[0], text, days)
        found.days.update(days)
        read += 1
        if read >= _MAX_SHOWN:
            break
    return found, fallback


def _marked_places(tree: HtmlElement) -> Iterator[HtmlElement]:
    """``<time>`` elements and elements whose class or id marks a date, in document order."""
    last = None
    for item in _DATE_PLACES(tree):
        if isinstance(item, str):  # a class or id value
            if not _DATE_MARK.search(item):
                continue
            # lxml's "smart strings" are str subclasses that know their element; the str type does not say so.
            item = item.getparent()  # type: ignore[attr-defined]
        if item is not last:
            last = item
            yield item


def _labelled_places(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Elements whose text holds a publication word or a revision's, in document order (none without)."""
    text = _BODY_TEXT(tree)
    words = tuple(word for word in _PUBLISHED_WORDS + _REVISION_WORDS if word in text)
    return iter(_labelled_xpath(words)(tree)) if words else iter(())


@lru_cache(maxsize=64)
def _labelled_xpath(words: tuple[str, ...]) -> etree.XPath:
    found = " or ".join(f"contains(., '{word}')" for word in words)
    return etree.XPath(f"//body//text()[not(parent::script or parent::style)][{found}]/..")


# The first lines after the headline, where a page without date markup prints its day
# ("1. Februar 2022, Jane Doe", "am 20.09.2020").
_AFTER_TITLE = etree.XPath(
    "following::text()[normalize-space()][not(parent::script or parent::style)][position() <= 12]")
_HEADLINE = etree.XPath("//body//h1[normalize-space()]")


def title_dateline(tree: HtmlElement, month_first: bool = False) -> ShownDate | None:
    """The day printed in a short line just under the page's headline, on pages that mark no date,
    or opening the first paragraph as a news dateline ("29.11.2022 – The federal government...")."""
    headlines = [h for h in _HEADLINE(tree)[:3] if not in_date_furniture(h)]
    if not headlines:
        return None
    # A logo or section name may be an <h1> too: the headline is the longest.
    headline = max(headlines, key=lambda h: len(h.text_content()))
    latest = date.today() + timedelta(days=2)
    for node in _AFTER_TITLE(headline):
        text = " ".join(node.split())
        if len(text) > 60:
            opening = _OPENING_DATELINE.match(text)
            text = opening.group(1) if opening and _only_place_and_day(opening.group(1)) else ""
        if not any(ch.isdigit() for ch in text) or _UPDATED_LABEL.search(text):
            continue
        days = [d.isoformat() for d in shown_days(text, month_first) if _MIN_DAY <= d <= latest]
        if days and not in_date_furniture(node.getparent()):
            return ShownDate(days[0], text, days, set(days))
    return None


# A paragraph that opens with its day and a dash: "29.11.2022 – ...", "(21. November 2022) ...".
_OPENING_DATELINE = re.compile(r"^\(?([^()–—:]{6,40}?)\)?\s*[–—:)-]\s")
_DATE_PARTICLES = {"de", "del", "den", "of", "le", "el", "am", "on"}


def _only_place_and_day(opening: str) -> bool:
    """A dateline opening holds a place and a day ("Lisboa, 3 de maio de 2022"), not a clause of prose:
    its lower-case words are month names and date particles only."""
    words = re.findall(r"[^\W\d_]+", opening)
    lower = [w for w in words if w.islower()]
    return len(words) <= 5 and all(w in MONTH_NUMBERS or w in _DATE_PARTICLES for w in lower)


# The end of a day and time that a closing verb follows: "... 19. Mai 2010 um 23:03 Uhr | veröffentlicht".
_ENDS_WITH_DAY = re.compile(r"(?:\d{4}\.?|\d{1,2}[:.]\d{2}(?:\s*(?:Uhr|h|am|pm))?)\s*$", re.I)


def _date_text(element: HtmlElement, relative: bool = False) -> str | None:
    """The short text a date is read from: the element's, or what follows its publication word, or
    what comes before it where the verb closes the sentence ("wurde am 19. Mai 2010 um 23:03 Uhr
    veröffentlicht")."""
    text = " ".join(" ".join(element.itertext()).split()) or " ".join((element.tail or "").split())  # an icon's day
    if len(text) <= 40 and _only_label(text):
        text = f"{text} {_value_after(element)[:40]}"  # "<dt>Veröffentlicht am:</dt> <dd>12. Juni 2017</dd>"
    elif _UPDATED_LABEL.match(before := _label_before(element)):
        text = f"{before} {text}"  # "<span>Updated:</span> <time>...": a revision's day
    label = _PUBLISHED_LABEL.search(text) if len(text) > 80 else None
    if label is not None:
        after = text[label.end():label.end() + 40]
        before = text[max(0, label.start() - 40):label.start() - 1]
        text = after if any(ch.isdigit() for ch in after) else before if _ENDS_WITH_DAY.search(before) else ""
    if not 5 <= len(text) <= 80 or not (any(ch.isdigit() for ch in text) or (relative and is_named_day(text))):
        return None
    return text


def _only_label(text: str) -> bool:
    """The text is a publication or revision label and nothing else ("Veröffentlicht am:", "Posted on",
    "Zuletzt geändert am:")."""
    label = _PUBLISHED_LABEL.match(text, 1) or _UPDATED_LABEL.match(text)
    return label is not None and _LABEL_END.fullmatch(text, label.end()) is not None


_LABEL_END = re.compile(r"\W*(?:[^\W\d]+\W*){0,2}")  # "am:", "on", "geändert am:"


def _value_after(label: HtmlElement) -> str:
    """The text printed right after a label element: its tail, else its next element's."""
    tail = " ".join((label.tail or "").split())
    if tail:
        return tail
    value = label.getnext()
    while value is not None and not isinstance(value.tag, str):  # a comment between them
        value = value.getnext()
    return " ".join(" ".join(value.itertext()).split()) if value is not None else ""


def _label_before(value: HtmlElement) -> str:
    """The short text printed just before an element in its own element: its previous sibling's, or
    its parent's opening text ("<dt>Updated:</dt><dd>...", "<p>Updated: <time>...")."""
    label = value.getprevious()
    while label is not None and not isinstance(label.tag, str):  # a comment between them
        label = label.getprevious()
    parent = value.getparent()
    text = " ".join(label.itertext()) if label is not None else (parent.text or "") if parent is not None else ""
    text = " ".join(text.split())
    return text if len(text) <= 30 and not any(ch.isdigit() for ch in text) else ""


def check_with_htmldate(fields: FieldSet, day: str | None) -> None:
    """A structured date days away from the one htmldate reads off the page is often a stale or
    template value (a re-published piece, a site-wide default): the page's own date wins then."""
    value = parse_iso(fields.get("published"))
    other = parse_iso(day)
    if value is None or other is None or other.day == 1:
        return  # (a first of the month is how htmldate dates a page that gives only a month or year)
    if not fields.sources.get("published", "").startswith(("jsonld:", "meta:")):
        return  # a date shown in the article's own markup is what readers see
    if abs((value.date() - other.date()).days) > 1:
        fields.override("published", day, "trafilatura:htmldate")


def check_with_shown_date(fields: FieldSet, tree: Any) -> None:
    """The day printed in the article's header is the day readers (and citations) give the piece.

    It replaces the chosen date when that is only htmldate's guess, when the two are a day apart
    (a UTC or server-zone timestamp on the other side of midnight), when the page prints its
    last-modified day rather than the first publication's, or when the page prints one day only
    and the structured date is weeks off (a draft's creation day, a template's default).
    """
    source = fields.sources.get("published", "")
    if source.startswith(("markup:", "hint:")):
        return  # the article's own <time> or the platform's API: already what readers see
    month_first = month_first_language(fields.get("language"))
    found = shown_published(tree, month_first, parse_iso(fields.get("fetched")))
    value = parse_iso(fields.get("published"))
    guessed = value is None or source.startswith("trafilatura:")
    if guessed and (found is None or found.revision):
        found = title_dateline(tree, month_first) or found  # a dateline under the headline before a revision
    elif found is None:
        # Under a structured date, a line below the headline only tells on which side of midnight
        # the page's zone puts its instant (a value without offset has no instant to move).
        if value is not None and value.tzinfo is not None:  # (not guessed, so a value: the test is for mypy)
            _move_to_printed_day(fields, value, title_dateline(tree, month_first))
        return
    if found is None:
        if guessed and value is not None:
            _drop_unprinted_guess(fields, tree, value.date())
        return
    chosen = value.date().isoformat() if value is not None else None
    if chosen in found.readings or (chosen in found.days and not guessed):
        return  # the page prints the chosen day (a structured one may stand beside other printed days)
    if (found.revision or found.relative) and not guessed:
        return  # a revision's day, or one counted back from "3 days ago": a structured date is surer
    shown = date.fromisoformat(found.day)
    # (`not guessed` implies a value; the type checker needs to see the test)
    if not guessed and value is not None and _stored_day_printed_west(value, shown):
        return
    if not guessed and value is not None and _move_to_printed_day(fields, value, found):
        return
    updated = parse_iso(fields.get("updated"))
    gap = abs((value.date() - shown).days) if value is not None else None
    if (guessed or gap == 1 or (updated is not None and updated.date() == shown)
            or (found.single and gap is not None and gap <= _STALE_DAYS)):
        fields.override("published", found.day, "markup:shown-date")


def _stored_day_printed_west(value: datetime, shown: date) -> bool:
    """A day stored as its midnight in the readers' zone (7 November in Berlin, "2022-11-06T23:00:00Z")
    that the page printed in a zone west of it (its server's UTC) shows as the day before: the day stands."""
    local_midnight = value.tzinfo is not None and _at_midnight(value)
    return local_midnight and shown == value.date() - timedelta(days=1)


def _move_to_printed_day(fields: FieldSet, value: datetime, printed: ShownDate | None) -> bool:
    """A UTC timestamp (or one we put in the readers' zone) a day off the day the page prints is one
    instant read in another zone: the instant stands, written at the offset that puts it on the
    printed day. False when no zone does."""
    zone_guessed = is_utc(value) or fields.sources.get("published", "").endswith("+reader-zone")
    if printed is None or value.date().isoformat() in printed.readings or not zone_guessed:
        return False  # a timestamp at the page's own offset is no instant read in another zone
    same_instant = _on_day(value, date.fromisoformat(printed.day))
    if same_instant is None:
        return False
    fields.override("published", same_instant.isoformat(), "markup:shown-date")
    return True


def _on_day(value: datetime, day: date) -> datetime | None:
    """``value``'s instant written at the UTC offset nearest to UTC (whole hours, -12 to +14) that
    puts it on ``day``; None when no zone does (a naive value, or a day further away)."""
    if value.tzinfo is None:
        return None
    instant = value.astimezone(timezone.utc)
    for hours in sorted(range(-12, 15), key=abs):
        local = instant.astimezone(timezone(timedelta(hours=hours)))
        if local.date() == day:
            return local
    return None


_VISIBLE_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style)]")


def _drop_unprinted_guess(fields: FieldSet, tree: HtmlElement, guess: date) -> None:
    """htmldate's guesses the page never prints and that are no publication: the first of a month
    (how it dates a page that gives only a year or a month, "© 2017", "März 2022") and the day in the
    version of a stylesheet or script ("print.css?v=2022-06-15": the day the site was deployed)."""
    if (guess.day == 1 or _in_asset_address(tree, guess)) and not _prints_day(tree, guess):
        fields.override("published", None, "")


_ASSET_ADDRESSES = etree.XPath("//link[@rel='stylesheet']/@href | //script/@src")


def _in_asset_address(tree: HtmlElement, day: date) -> bool:
    forms = (day.isoformat(), day.strftime("%Y%m%d"), day.strftime("%Y/%m/%d"))
    return any(form in address for address in _ASSET_ADDRESSES(tree) for form in forms)


def _prints_day(tree: HtmlElement, day: date) -> bool:
    """True when the page's visible text prints ``day`` in any usual form."""
    return day_pattern(day).search(" ".join(_VISIBLE_TEXT(tree))) is not None


# A structured date this many days or fewer from the one day a page prints is a stale value (the
# day a draft was created, a default); further apart, the two are different events.
_STALE_DAYS = 60


def month_first_language(language: str | None) -> bool:
    """American English pages write 03/05/2022 for March 5 (plain "en" is mostly American on the web)."""
    return (language or "").lower() in ("en", "en-us")


def localize_utc(fields: FieldSet, url: str | None = None) -> None:
    """A UTC timestamp is dated, on the page and by its newsroom, in its readers' zone: convert it."""
    value = parse_iso(fields.get("published"))
    zone = local_day_zone(fields.get("language"), urlsplit(url).hostname if url else None)
    if value is None or zone is None or not is_utc(value) or fields.sources.get("published", "").startswith("blogger"):
        return
    local = value.astimezone(zone)
    offset = local.utcoffset()
    assert offset is not None  # astimezone() gives an aware datetime
    # West of UTC a late-evening piece carries the next UTC day; east of it, only a date-only value
    # stored as UTC (local midnight) is moved: newsrooms there print the UTC day otherwise.
    if offset >= timedelta(0) and not _at_midnight(local):
        return
    # A UTC midnight is a day stored without its time ("2019-06-17T00:00:00Z"): west of UTC it would
    # become the evening before.
    if offset < timedelta(0) and _at_midnight(value):
        return
    fields.override("published", local.isoformat(), fields.sources["published"] + "+reader-zone")


def _at_midnight(value: datetime) -> bool:
    return (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)
