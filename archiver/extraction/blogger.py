"""Blogger rules: the post's title, poster, date, labels and body element, for all template generations."""

from __future__ import annotations

import re
from datetime import datetime, time

from lxml.html import HtmlElement

from archiver.extraction.dates import clock_time, parse_iso, shown_days
from archiver.extraction.fields import FieldSet
from archiver.extraction.dom import element_text, first, has_class

POST_BODY = f"//div[{has_class('post-body')}]"
_POST_SCOPE = f"//div[{has_class('post')} or {has_class('post-outer')}][.{POST_BODY}]"
# A link to the posting account's Blogger profile, outside comments and the sidebar's profile widget:
# the evidence of the poster in a footer of any language ("Publié par", "投稿者", "Lähettänyt ... klo").
_PROFILE_LINK = (
    ".//a[contains(@href, 'blogger.com/profile/')]"
    "[not(ancestor::*[contains(@class, 'comment') or contains(@id, 'comment') or contains(@class, 'Profile')"
    " or contains(@id, 'Profile') or contains(@class, 'sidebar') or contains(@id, 'sidebar')"
    # a profile the post's text links is the blog it tells of ("I've never met <a>Ame</a>"), not its poster
    " or contains(@class, 'post-body')])]"
)
_POSTED_BY = re.compile(r"^\s*(?:posted|publié|publicado|pubblicato|veröffentlicht|gepost)?\s*(?:by|par|por|da|von|door)\s+(?P<name>.+?)\s+(?:at|à|a las|alle|um|om)\s", re.I)


def post_body(tree: HtmlElement) -> HtmlElement | None:
    """The element that holds the post's own text, without what the template prints after it there."""
    root = first(tree, POST_BODY)
    if root is None:
        return None
    wrappers = root.xpath(_EDITOR_WRAPPER)
    if len(wrappers) == 1:
        # Blogger's editor wraps a post in one <div dir="ltr" trbidi="on">: after it in the post's element
        # comes the template's own text (a share prompt, a "read more" link), not the post's.
        for template_text in list(wrappers[0].itersiblings()):
            root.remove(template_text)
    return root


_EDITOR_WRAPPER = "./div[@trbidi]"


def collect(tree: HtmlElement, fields: FieldSet) -> None:
    """Offer what Blogger's markup says about the post."""
    scope = first(tree, _POST_SCOPE)
    if scope is None:
        scope = tree
    _title(scope, fields, knows_template=first(tree, POST_BODY) is not None)
    _poster(scope, fields)
    _published(scope, fields)
    labels = [element_text(a) for a in scope.xpath(f".//*[{has_class('post-labels')}]//a | .//a[@rel='tag']")]
    fields.offer("tags", _unique(labels), "blogger:post-labels")


def _title(scope: HtmlElement, fields: FieldSet, knows_template: bool) -> None:
    heading = first(scope, f".//*[{has_class('post-title')}]")
    if heading is not None:
        fields.offer("title", element_text(heading), "blogger:post-title")
    elif knows_template:
        # An untitled post has no heading; the page <title> is then only the blog's name. A template that
        # names none of Blogger's post elements (no post-body) says nothing of it: the page's own title stands.
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
    # On a page without a post element (old classic templates), only the post's own footer or byline.
    links = scope.xpath(_PROFILE_LINK) if scope.tag != "html" else scope.xpath(
        f"//*[{has_class('post-footer')} or {has_class('byline')} or {has_class('post-author')}]" + _PROFILE_LINK[2:])
    for link in links:
        name = element_text(link)
        if 0 < len(name) <= 60 and not name.casefold().startswith(("view", "http")):
            fields.offer("poster", name, "blogger:profile-link")
            return
    footer = first(scope, f".//*[{has_class('post-footer')}]")
    if footer is not None:
        match = _POSTED_BY.match(element_text(footer))
        if match and fields.offer("poster", match.group("name"), "blogger:post-footer"):
            return
    # An hCard's formatted name in the post's own header or footer, however a template's edit wrapped it
    # ("par <span class='fn'>Marie-Claude</span>" with no post-author around it and no time after it).
    card = first(scope, f".//*[{has_class('post-header')} or {has_class('post-footer')}]//*[{has_class('fn')}]"
                        "[not(ancestor::*[contains(@class, 'comment') or contains(@id, 'comment')])]")
    if card is not None and 0 < len(element_text(card)) <= 60:
        fields.offer("poster", element_text(card), "blogger:hcard-fn")


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


def classic_date(tree: HtmlElement, month_first: bool = False) -> tuple[str, str] | None:
    """Classic templates split the date: the day in ``h2.date-header``, the time in the footer link.

    The header is written in the blog's language ("Samstag, 3. Mai 2021", "sábado, 3 de mayo de 2021");
    ``month_first``: the blog writes numeric days month first (American English).
    Returns the local date-time as ISO text without offset and the raw text, or None.
    """
    header = first(tree, f"//h2[{has_class('date-header')}]")
    if header is None:
        return None
    day_text = element_text(header)
    days = shown_days(day_text, month_first)
    if not days:
        return None  # no full date, or several: no guess
    time_link = first(tree, f"//*[{has_class('post-footer')}]//a[@title='permanent link']")
    time_text = element_text(time_link) if time_link is not None else ""
    raw = f"{day_text} {time_text}".strip()
    return datetime.combine(days[0], clock_time(time_text) or time()).isoformat(), raw


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
