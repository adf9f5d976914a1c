"""Blogger rules: the post's title, poster, date, labels and body element, for all template generations."""

from __future__ import annotations

import re
from datetime import datetime, time

from dateutil import parser as dateutil_parser
from lxml.html import HtmlElement

from archiver.extraction.dates import parse_iso, shown_days
from archiver.extraction.fields import FieldSet
from archiver.extraction.dom import element_text, first, has_class

POST_BODY = f"//div[{has_class('post-body')}]"
_POST_SCOPE = f"//div[{has_class('post')} or {has_class('post-outer')}][.{POST_BODY}]"
_POSTED_BY = re.compile(r"^\s*(?:posted|publié|publicado|pubblicato|veröffentlicht|gepost)?\s*(?:by|par|por|da|von|door)\s+(?P<name>.+?)\s+(?:at|à|a las|alle|um|om)\s", re.I)


def is_blogger(tree: HtmlElement) -> bool:
    """Blogger pages say so in their generator meta, or link Blogger's post service and feeds."""
    generator = " ".join(tree.xpath("//meta[@name='generator']/@content")).lower()
    if "blogger" in generator:
        return True
    return bool(tree.xpath("//link[contains(@href, 'blogger.com/feeds/')]"))


def post_body(tree: HtmlElement) -> HtmlElement | None:
    """The element that holds the post's own text."""
    return first(tree, POST_BODY)


def collect(tree: HtmlElement, fields: FieldSet) -> None:
    """Offer what Blogger's markup says about the post."""
    scope = first(tree, _POST_SCOPE)
    if scope is None:
        scope = tree
    _title(scope, fields)
    _poster(scope, fields)
    _published(scope, fields)
    labels = [element_text(a) for a in scope.xpath(f".//*[{has_class('post-labels')}]//a | .//a[@rel='tag']")]
    fields.offer("tags", _unique(labels), "blogger:post-labels")


def _title(scope: HtmlElement, fields: FieldSet) -> None:
    heading = first(scope, f".//*[{has_class('post-title')}]")
    if heading is not None:
        fields.offer("title", element_text(heading), "blogger:post-title")
    else:
        # An untitled post has no heading; the page <title> is then only the blog's name.
        fields.offer("title_absent", True, "blogger:no-post-title")


def _poster(scope: HtmlElement, fields: FieldSet) -> None:
    for xpath, rule in (
        (f".//*[{has_class('post-author')}]//*[@itemprop='name']", "blogger:post-author"),
        (f".//*[{has_class('post-author')}]//*[{has_class('fn')}]", "blogger:post-author"),
        (f".//*[{has_class('post-author')}]//a", "blogger:post-author"),
    ):
        element = first(scope, xpath)
        if element is not None and fields.offer("poster", element_text(element), rule):
            return
    footer = first(scope, f".//*[{has_class('post-footer')}]")
    if footer is not None:
        match = _POSTED_BY.match(element_text(footer))
        if match:
            fields.offer("poster", match.group("name"), "blogger:post-footer")


def _published(scope: HtmlElement, fields: FieldSet) -> None:
    for xpath, rule in (
        (f".//abbr[{has_class('published')}]/@title", "blogger:abbr.published"),
        (f".//time[{has_class('published')}]/@datetime", "blogger:time.published"),
        (".//*[@itemprop='datePublished']/@content", "blogger:itemprop"),
    ):
        for raw in scope.xpath(xpath):
            if parse_iso(raw) is not None:
                fields.offer("published", raw.strip(), rule)
                return


def classic_date(tree: HtmlElement) -> tuple[str, str] | None:
    """Classic templates split the date: the day in ``h2.date-header``, the time in the footer link.

    Returns the local date-time as ISO text without offset and the raw text, or None.
    """
    header = first(tree, f"//h2[{has_class('date-header')}]")
    if header is None:
        return None
    day = element_text(header)
    time_link = first(tree, f"//*[{has_class('post-footer')}]//a[@title='permanent link']")
    raw = f"{day} {element_text(time_link)}".strip() if time_link is not None else day
    try:
        value = dateutil_parser.parse(raw, fuzzy=True)
    except (ValueError, OverflowError):
        value = None
    days = shown_days(day)
    if len(days) == 1 and (value is None or value.date() != days[0]):
        # dateutil knows English month names only ("Samstag, 5. Oktober 2013"): the header's day, at the link's time
        value = datetime.combine(days[0], value.time() if value is not None else time())
    return (value.isoformat(), raw) if value is not None else None


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
