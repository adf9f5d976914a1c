"""Who wrote the piece on any site: the article's author markup, structured data and trafilatura's
guess, most specific first, kept to names a reader can see on the page."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from archiver.extraction.byline import author_names, is_site_name, parse_meta_line, squash
from archiver.extraction.fields import FieldSet
from archiver.extraction.generic import element_text

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

# Page regions that hold other people's writing (comments, related and recommended pieces): a name
# there is a commenter's or another piece's author.
_OTHER_WRITING = re.compile(r"comment|related|teaser|recommend|popular|more-from|read-more|readmore", re.I)
# Page furniture besides: sidebars, widgets, menus, the page's footer.
_FURNITURE_TAGS = {"aside", "nav"}
_FURNITURE_WORD = re.compile(r"sidebar|widget", re.I)
# Class names of layout wrappers that merely mention a region ("content-sidebar-wrap", "has-sidebar",
# a page builder's "elementor-widget-container"): the article itself sits inside them.
_LAYOUT_WORD = re.compile(r"wrap|container|inner|layout|position|postition|^(?:has|with|no)-|-(?:has|with|no)-|^elementor-|^et_pb_", re.I)


def in_furniture(element: HtmlElement) -> bool:
    """True when ``element`` sits in a sidebar, menu, the page's footer, a comment thread or a related list."""
    return _region(element, furniture=True)


def in_other_writing(element: HtmlElement) -> bool:
    """True when ``element`` sits in a comment thread or a list of related or recommended pieces."""
    return _region(element, furniture=False)


def _region(element: HtmlElement, furniture: bool) -> bool:
    # An <aside> or <footer> inside the article is the article's own (its author box, its meta line);
    # the page's <body> classes describe the layout, never a region.
    for node in (element, *element.iterancestors()):
        tag = node.tag
        if tag in ("body", "html"):
            return False
        if furniture and (tag == "nav" or tag in ("aside", "footer") and not _in_article(node)):
            return True
        for mark in f"{node.get('class') or ''} {node.get('id') or ''}".split():
            if _LAYOUT_WORD.search(mark):
                continue
            if _OTHER_WRITING.search(mark) or furniture and _FURNITURE_WORD.search(mark):
                return True
    return False


def _in_article(node: HtmlElement) -> bool:
    return any(ancestor.tag in ("article", "main", "header") for ancestor in node.iterancestors())


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


# Text nodes that start with a word that may open a byline ("By", "Von", "Posted", "Autor:"), in one pass.
_LEAD_WORDS = (
    "by", "von", "par", "por", "door", "av", "af", "przez", "di", "da", "posted", "written", "published",
    "geschrieben", "verfasst", "eingestellt", "veröffentlicht", "ein", "eine", "un", "text", "texte", "tekst",
    "autor", "autorin", "autoren", "author", "authors", "auteur", "autore", "autori", "autora", "redaktion",
    "redacción", "publié", "écrit", "rédigé", "escrito", "publicado", "scritto", "pubblicato", "opinion",
)
_UPPER, _LOWER_CASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÉ", "abcdefghijklmnopqrstuvwxyzäöüé"
_FIRST_WORD = (f"translate(substring-before(concat(translate(normalize-space(.), ':', ' '), ' '), ' '), "
               f"'{_UPPER}', '{_LOWER_CASE}')")
_LEAD_TEXTS = etree.XPath(
    "//body//text()[string-length(.) < 200][not(ancestor::script or ancestor::style)]"
    f"[contains('|{'|'.join(_LEAD_WORDS)}|', concat('|', {_FIRST_WORD}, '|'))]"
)
_MAX_LINE = 160


def byline_lines(tree: HtmlElement) -> list[tuple[list[str], str]]:
    """The page's byline lines outside its furniture ("Von Jane Doe", "Posted on 3 May by Jane Doe"),
    in page order, with the names each gives."""
    found = []
    for text in _LEAD_TEXTS(tree)[:40]:
        element = text.getparent()
        if element is None:
            continue
        if text.is_tail:
            element = element.getparent()
        if element is None or element.tag in ("body", "a", "option", "button", "label", "title"):
            continue
        line = element_text(element)
        if len(line) > _MAX_LINE or in_furniture(element):
            continue
        names = parse_meta_line(line)
        if names:
            found.append((names, line))
    return found


def offer_bylines(fields: FieldSet, tree: Any, meta: Any, guess: dict[str, Any], site_names: set[str]) -> None:
    """Bylines of any site, from the most specific evidence down; none rather than a wrong one."""
    page = _PageText(tree)
    for names, raw, rule in _bylines(tree, meta, guess, site_names, page):
        if names:
            fields.offer("byline", names, rule)
            fields.offer("byline_raw", raw, rule)
            return


def _bylines(tree: Any, meta: Any, guess: dict[str, Any], site_names: set[str], page: "_PageText") -> Any:
    """Candidate bylines, most specific first, each checked against what the page shows; computed lazily."""
    markup = markup_bylines(tree)
    jsonld = (meta.authors if meta.authors_rule == "jsonld:author" else []) + meta.org_authors
    names = author_names(jsonld, site_names=site_names)
    # The publisher's own author field: when the page shows one of its names, the field is this
    # article's credit line, and the others (an agency, a co-author) belong to it too.
    if names and any(page.shows(name) for name in names):
        yield names, "; ".join(jsonld), "jsonld:author"
    if markup:
        yield author_names(markup[0], site_names=site_names, strict=True, allow_orgs=False), "; ".join(markup[0]), markup[1]
    for names, line in byline_lines(tree)[:1]:
        yield author_names(names, site_names=site_names, strict=True, allow_orgs=False), line, "text:byline-line"
    for value, rule, options in (
        (meta.labelled_author, "meta:twitter:data", {}),
        (meta.authors if meta.authors_rule == "meta:author" else None, "meta:author", {}),
        (guess.get("author"), "trafilatura:author", {"strict": True, "allow_orgs": False}),
    ):
        if value:
            # A meta tag or a guess can credit someone the page never shows (an account, an SEO default)
            # or shows only as a commenter or another piece's author: keep the names shown elsewhere.
            names = author_names(value, site_names=site_names, **options)
            yield ([name for name in names if page.shows_outside_other_writing(name)],
                   "; ".join(value) if isinstance(value, list) else value, rule)


_AUTHOR_HREF = re.compile(r"/(?:authors?|autor(?:en|in)?|auteurs?|autore|autori|journalists?|redakteur\w*|profiles?|people|staff|team)/", re.I)
_VISIBLE_TEXT = "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"


class _PageText:
    """What a reader sees on the page, read once when a rule first asks."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._nodes: list[tuple[str, HtmlElement]] | None = None
        self._all: str | None = None

    def nodes(self) -> list[tuple[str, HtmlElement]]:
        """Each visible text (and author photo, link title, author page link) with its element."""
        if self._nodes is None:
            nodes = [(squash(text), text.getparent()) for text in self.tree.xpath(_VISIBLE_TEXT)]
            # An author's photo (alt, title) and a link to an author page also show who wrote the piece.
            nodes += [(squash(value), value.getparent()) for value in self.tree.xpath("//body//img/@alt | //body//a/@title")]
            nodes += [(squash(href), href.getparent()) for href in self.tree.xpath("//body//a/@href") if _AUTHOR_HREF.search(href)]
            self._nodes = [(text, element) for text, element in nodes if text]
        return self._nodes

    def shows(self, name: str) -> bool:
        if self._all is None:
            self._all = " ".join(text for text, _ in self.nodes())
        return squash(name) in self._all

    def shows_outside_other_writing(self, name: str) -> bool:
        key = squash(name)
        return any(key in text and not in_other_writing(element) for text, element in self.nodes())
