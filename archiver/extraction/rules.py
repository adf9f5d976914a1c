"""What each platform's pages say beyond what any page may: one interface, one object a platform.

``extract()`` asks the page's platform rules at each step and never names a platform. A new
platform is a subclass here (and its markup rules in their own module, as blogger.py), registered in
``RULES`` and recognised by ``platforms.markup_platform``.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from archiver.extraction import authors, blogger, published, substack, wordpress
from archiver.extraction.byline import author_names
from archiver.extraction.fields import FieldSet
from archiver.extraction.metadata import PageMetadata, normalize_language
from archiver.extraction.platforms import BLOGGER, SUBSTACK, WORDPRESS


class PlatformRules:
    """Any site: no markup of its own; the page's dates and bylines are read wherever they are."""

    #: The platform's markup dates the post exactly (Blogger's date header): the page's other dates
    #: (``<time>`` in the markup, htmldate's reading, the day printed in the header) are not asked.
    dated_by_platform = False
    #: The page's byline evidence (author markup, byline lines, structured data) is read; Blogger's
    #: templates have none but the poster, so its posts take their byline from their text.
    reads_bylines = True

    def collect(self, tree: HtmlElement, fields: FieldSet, meta: PageMetadata) -> None:
        """Offer what the platform's markup says about the post (poster, authors, dates, tags)."""

    def post_body(self, tree: HtmlElement) -> HtmlElement | None:
        """The element holding the post's own text; None lets trafilatura find it."""
        return None

    def undated(self, tree: HtmlElement, fields: FieldSet, meta: PageMetadata) -> None:
        """Date a post nothing has dated yet, from the platform's own markup."""

    def needs_guess(self, fields: FieldSet) -> bool:
        """Whether trafilatura's metadata pass (htmldate above all, the dearest step) is needed."""
        return True

    def late_byline(self, fields: FieldSet, root: HtmlElement | None, site_names: set[str]) -> None:
        """A byline the platform's markup gives where the body's text could not see it."""

    def credit_scope(self, root: HtmlElement | None, tree: HtmlElement) -> HtmlElement:
        """Where credit lines are printed: above the post's element, in the page's header."""
        return tree

    def drop_meta_blocks(self, root: HtmlElement) -> None:
        """Take out of the post's element what names its writer but is no part of its text (a theme's meta
        line): once the bylines are read, before the captions and the body."""


class BloggerRules(PlatformRules):
    dated_by_platform = True
    reads_bylines = False

    def collect(self, tree: HtmlElement, fields: FieldSet, meta: PageMetadata) -> None:
        blogger.collect(tree, fields)
        fields.offer("poster", meta.authors[0] if meta.authors else None, "jsonld:author")

    def post_body(self, tree: HtmlElement) -> HtmlElement | None:
        return blogger.post_body(tree)

    def undated(self, tree: HtmlElement, fields: FieldSet, meta: PageMetadata) -> None:
        classic = blogger.classic_date(tree, published.month_first_language(normalize_language(meta.language)))
        if classic:
            fields.offer("published", classic[0], "blogger:date-header")

    def needs_guess(self, fields: FieldSet) -> bool:
        # A page whose markup gave its date and title does not need trafilatura's guesses.
        return not (fields.has("published") and (fields.has("title") or fields.has("title_absent")))

    def late_byline(self, fields: FieldSet, root: HtmlElement | None, site_names: set[str]) -> None:
        """The byline line of a post's <noscript> copy (templates that render the post with scripts):
        the body's text, which found the other in-post bylines, leaves <noscript> out."""
        if fields.has("byline") or root is None:
            return
        for copy in root.iter("noscript"):
            for names, line in authors.byline_lines(copy)[:1]:
                fields.offer("byline", author_names(names, site_names=site_names, strict=True, allow_orgs=False),
                             "text:byline-line")
                fields.offer("byline_raw", line, "text:byline-line")
                return

    def credit_scope(self, root: HtmlElement | None, tree: HtmlElement) -> HtmlElement:
        # A Blogger post's credit lines are in its element; the rest of the page is the blog's.
        return root if root is not None else tree


class MarkupRules(PlatformRules):
    """A platform whose markup names the authors and holds the post in one element (WordPress themes,
    Substack): its module's ``collect(tree, fields)``, ``post_body(tree)`` and ``drop_meta_blocks(root)``."""

    def __init__(self, collect: Callable[[HtmlElement, FieldSet], None],
                 post_body: Callable[[HtmlElement], HtmlElement | None],
                 drop_meta_blocks: Callable[[HtmlElement], None] | None = None) -> None:
        self._collect, self._post_body, self._drop_meta_blocks = collect, post_body, drop_meta_blocks

    def collect(self, tree: HtmlElement, fields: FieldSet, meta: PageMetadata) -> None:
        self._collect(tree, fields)

    def post_body(self, tree: HtmlElement) -> HtmlElement | None:
        return self._post_body(tree)

    def drop_meta_blocks(self, root: HtmlElement) -> None:
        if self._drop_meta_blocks is not None:
            self._drop_meta_blocks(root)


ANY_SITE = PlatformRules()
RULES: dict[str, PlatformRules] = {
    BLOGGER: BloggerRules(),
    WORDPRESS: MarkupRules(wordpress.collect, wordpress.post_body, wordpress.drop_meta_blocks),
    SUBSTACK: MarkupRules(substack.collect, substack.post_body),
}


def rules_for(platform: str) -> PlatformRules:
    return RULES.get(platform, ANY_SITE)
