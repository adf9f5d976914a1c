"""Substack rules: the post's element, its bylines, and whether a paywall cuts it."""

from __future__ import annotations

from lxml.html import HtmlElement

from archiver.extraction.dom import element_text, first, has_class
from archiver.extraction.fields import FieldSet

_BODY = f"//div[{has_class('available-content')}]//div[{has_class('body')}]"
_BYLINES = f"//*[{has_class('byline-wrapper')}]//a[starts-with(@href, '/@') or contains(@href, 'substack.com/@')]"


def post_body(tree: HtmlElement) -> HtmlElement | None:
    return first(tree, _BODY)


def collect(tree: HtmlElement, fields: FieldSet) -> None:
    names = list(dict.fromkeys(element_text(a) for a in tree.xpath(_BYLINES) if element_text(a)))
    if names:
        fields.offer("markup_authors", names, "substack:byline")
        # Substack shows no separate account: the first byline is the one who published.
        fields.offer("poster", names[0], "substack:byline")
    if tree.xpath("//*[@data-testid='paywall']"):
        fields.offer("paywalled", True, "substack:paywall")
