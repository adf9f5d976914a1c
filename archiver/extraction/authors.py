"""Who wrote the piece on any site: the article's author markup, structured data, the page's byline
lines and trafilatura's guess, most specific first, kept to names a reader can see on the page."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Set as AbstractSet
from itertools import islice, product
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from archiver.extraction.byline import (
    META_SEPARATOR, after_byline_lead, author_names, bare_names, credit_text, is_organisation, is_site_name,
    is_site_self_credit, mentions_organisation, organisation_names, parse_meta_line, squash,
)
from archiver.extraction.dates import shown_days
from archiver.extraction.fields import FieldSet
from archiver.extraction.dom import has_rel, microdata_item, spaced_text, word_count
from archiver.extraction.regions import in_furniture, in_other_writing
from archiver.extraction.wordpress import POSTER_FROM_AUTHOR_ARCHIVE

# ---------------------------------------------------------------------------------------------------
# Author markup: one pass over the page, then each element sorted into its rule

_AUTHOR_PAGE_HREFS = ("/author/", "/authors/", "/autor/", "/autoren/", "/auteur/", "/autore/", "/writers/",
                      "/journalist/", "/reporters/", "/redakteur/", "/staff/", "/user/", "/profil/")
_AUTHOR_MARKUP = etree.XPath(
    f"//*[@itemprop='author' or {has_rel('author')} or contains(@class, 'uthor') or contains(@class, 'UTHOR')"
    " or contains(@class, 'yline') or contains(@class, 'YLINE') or contains(@class, 'utor') or contains(@class, 'auteur')"
    " or contains(@data-testid, 'byline')"
    f" or self::a[{' or '.join(f'contains(@href, {href!r})' for href in _AUTHOR_PAGE_HREFS)}]]"
)
# Rules, most explicit first, and whether the rule may name an account by its handle ("jdoe42").
_LISTED_RULES = (
    ("markup:itemprop=author", False), ("markup:rel=author", True), ("markup:vcard", True),
    ("markup:byline-author-links", False), ("markup:byline", False), ("markup:author-name", False),
)
_NAME_CLASSES = ("author-name", "authorname", "author__name", "author_name", "byline__name", "byline-name", "auteurs")
_MAX_AUTHOR_TEXT = 120
_MAX_LISTED = 12
_MAX_WRITERS = 6  # more texts than that in one kind of author markup are a list of something else
_SHORT_CHILDREN = etree.XPath(".//*[self::a or self::strong or self::b or self::h2 or self::h3 or self::h4 or self::h5]")


class AuthorMarkup:
    """The page's author elements outside its furniture, sorted by how explicitly each names the writer."""

    def __init__(self, tree: HtmlElement) -> None:
        self.listed: dict[str, list[str]] = {rule: [] for rule, _ in _LISTED_RULES}
        self.links: list[HtmlElement] = []  # links to an author's page
        self.author_pages: list[str] = []  # the addresses of author pages linked, rel=author links' too
        self.others: list[HtmlElement] = []  # byline and author classes: a meta line, a name, an author box
        for element in _AUTHOR_MARKUP(tree)[:80]:
            if not in_furniture(element):
                self._sort(element)

    def _sort(self, element: HtmlElement) -> None:
        classes = (element.get("class") or "").lower()
        if element.get("itemprop") == "author":
            if not _in_nested_item(element):
                names = element.xpath(".//*[@itemprop='name']") or [element]
                self._list("markup:itemprop=author", *(node.get("content") or spaced_text(node) for node in names))
        elif element.tag == "a" and "author" in (element.get("rel") or ""):
            self._list("markup:rel=author", spaced_text(element))
            self.author_pages.append(element.get("href") or "")
        elif "vcard" in classes and "author" in classes:
            nodes = [element] if "fn" in classes.split() else element.xpath(".//*[contains(concat(' ', @class, ' '), ' fn ')]")
            self._list("markup:vcard", *(spaced_text(node) for node in nodes))
        elif any(name in classes for name in _NAME_CLASSES):
            self._list("markup:author-name", spaced_text(element))
        elif "byline" in classes or "byline" in (element.get("data-testid") or ""):
            links = list(element.iter("a"))
            # A byline whose every link is to a writer's page is a credit line; other links in a byline
            # element may be its section or its comment count.
            to_writers = bool(links) and all(_AUTHOR_PAGE.search(link.get("href") or "") for link in links)
            self._list("markup:byline-author-links" if to_writers else "markup:byline",
                       *(spaced_text(link) for link in links))
            self.others.append(element)
        elif element.tag == "a" and any(href in (element.get("href") or "") for href in _AUTHOR_PAGE_HREFS):
            self.links.append(element)
            self.author_pages.append(element.get("href") or "")
        else:
            self.others.append(element)

    def _list(self, rule: str, *texts: str) -> None:
        listed = self.listed[rule]
        for text in texts:
            if text and len(text) <= _MAX_AUTHOR_TEXT and text not in listed and len(listed) < _MAX_LISTED:
                listed.append(text)

    def listed_bylines(self, site_names: set[str]) -> Iterator[tuple[list[str], str, str]]:
        """Candidate bylines (names, raw text, rule) from markup made for names, most explicit first."""
        for rule, handles in _LISTED_RULES:
            texts = self.listed[rule]
            names = author_names(texts, site_names=site_names, strict=True, allow_orgs=False, handles=handles,
                                 personal_site=rule != "markup:itemprop=author")
            if names and len(texts) <= _MAX_WRITERS:
                yield names, "; ".join(texts), rule

    def other_bylines(self, site_names: set[str]) -> Iterator[tuple[list[str], str, str]]:
        """Candidate bylines from links to author pages, then from the first author element that names someone."""
        names = _linked_names(self.links)
        if names:
            yield (author_names(names, site_names=site_names, strict=True, allow_orgs=False),
                   "; ".join(names), "markup:author-link")
        for element in self.others:
            found = _names_in_author_element(element)
            if found:
                names = author_names(found[0], site_names=site_names, strict=True, allow_orgs=False)
                if names:
                    yield names, found[1], "markup:author"
                    return


def _in_nested_item(element: HtmlElement) -> bool:
    """True for the author of an item inside the page's item: a review, a comment, a cited work."""
    item = microdata_item(element)
    return item is not None and item.get("itemprop") not in (None, "blogPost", "mainEntity", "mainEntityOfPage")


def _linked_names(links: list[HtmlElement]) -> list[str]:
    """Names from links to author pages: the first such link and its neighbours (co-authors), each kept
    only when its page's address spells the name ("/author/jane-doe" for "Jane Doe", "Alle Artikel von
    Jane Doe"); a list of other pieces links their authors too, farther down."""
    names: list[str] = []
    container = None
    for link in links:
        name = _name_in_link(link)
        if not name:
            continue
        if container is None:
            container = _block(link)
        elif _block(link) is not container:
            continue
        if name not in names:
            names.append(name)
    return names


_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|autor(?:en|in)?|auteurs?|autore|autori|writers?|journalists?|reporters?|redakteur\w*|staff|user"
    r"|profile?s?)/(?:[^/?#]+/){0,2}(?P<slug>[^/?#]+?)/?(?:[?#].*)?$", re.I)


def _name_in_link(link: HtmlElement) -> str | None:
    """The writer's name a link to their page shows, when the page's address spells it."""
    match = _AUTHOR_PAGE.search(link.get("href") or "")
    words = spaced_text(link).split()
    if not match or not words:
        return None
    slug = {squash(word) for word in re.split(r"[-_.+\s]+|%20", match.group("slug")) if word and not word.isdigit()}
    # The name is the link text's last words: "Jane Doe", "Alle Artikel von Jane Doe", "Doe Jane" for "jane-doe".
    for count in range(1, min(len(words), 5) + 1):
        candidate = words[-count:]
        if {squash(word) for word in candidate} == slug or squash("".join(candidate)) == "".join(sorted(slug)):
            return " ".join(candidate).strip(" ,;:»«")
    return None


def _block(element: HtmlElement) -> HtmlElement | None:
    """The block that holds an inline element (its nearest ancestor that is no inline tag)."""
    for ancestor in element.iterancestors():
        if ancestor.tag not in ("span", "strong", "b", "em", "i", "small", "li", "p"):
            return ancestor
    return None


def _dated_names(text: str) -> list[str] | None:
    """The names of an author line that is names and a date: "Jane Doe, 3. Mai 2021", "3.5.2021 | Jane Doe"."""
    for part in META_SEPARATOR.split(text):
        names = bare_names(re.split(r"\d", part, maxsplit=1)[0])
        if names:
            return names
    return None


def _names_in_author_element(element: HtmlElement) -> tuple[list[str], str] | None:
    """The names an author element gives: its byline line ("Von Jane Doe, 3. Mai"), its text when that
    is a name, or, for an author box, its heading, bold text or link when that is a name."""
    text = spaced_text(element)
    if len(text) <= _MAX_LINE:
        names = parse_meta_line(text) or _dated_names(text)
        if names:
            return names, text
        return None
    if element.find(".//h1") is not None:
        return None  # the piece itself in a template's "author-article" element: its links are its tags
    for child in _SHORT_CHILDREN(element)[:4]:
        text = spaced_text(child)
        names = bare_names(text) if len(text) <= 60 else None
        if names:
            return names, text
    return None


# ---------------------------------------------------------------------------------------------------
# Byline lines: "Von Jane Doe", "Posted on 3 May 2021 by Jane Doe", "Autorin: Jane Doe"

# Text nodes that may hold a byline: those that start with a word that opens one, or name a writer
# after a date or a label, in one pass.
_LEAD_WORDS = (
    "by", "von", "par", "por", "door", "av", "af", "przez", "di", "da", "posted", "written", "published",
    "geschrieben", "verfasst", "eingestellt", "veröffentlicht", "ein", "eine", "un", "text", "texte", "tekst",
    "autor", "autorin", "autoren", "author", "authors", "auteur", "autore", "autori", "autora", "redaktion",
    "redacción", "publié", "écrit", "rédigé", "escrito", "publicado", "scritto", "pubblicato", "opinion",
)
_UPPER, _LOWER_CASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÉ", "abcdefghijklmnopqrstuvwxyzäöüé"
_FIRST_WORD = (f"translate(substring-before(concat(translate(normalize-space(.), ':', ' '), ' '), ' '), "
               f"'{_UPPER}', '{_LOWER_CASE}')")
_INNER_LEADS = (" by ", " By ", " von ", " Von ", " par ", " Par ", " por ", " Por ", "Autor", "Author", "Redaktion:",
                "著者", "筆者", "作者", "執筆", "记者", "記者", "기자", "文●", "文：", "文/")
_LEAD_TEXTS = etree.XPath(
    ".//text()[string-length(.) < 200]"
    f"[contains('|{'|'.join(_LEAD_WORDS)}|', concat('|', {_FIRST_WORD}, '|'))"
    f" or {' or '.join(f'contains(., {lead!r})' for lead in _INNER_LEADS)}]"
    "[not(ancestor::script or ancestor::style or ancestor::option or ancestor::button or ancestor::title)]"
)
_MAX_LINE = 160


def byline_lines(scope: HtmlElement, parse: Callable[[str, HtmlElement], list[str] | None] | None = None
                 ) -> list[tuple[list[str], str]]:
    """The byline lines in ``scope`` (the page, or a post's own element) outside the page's furniture,
    in page order, with the names ``parse`` (default: ``names_in_line``) reads in each."""
    parse = parse or names_in_line
    found: list[tuple[list[str], str]] = []
    if scope.tag == "html":
        scope = scope.find("body")
        if scope is None:
            return found
    for text in _LEAD_TEXTS(scope)[:60]:
        element = text.getparent()
        if element is not None and text.is_tail:
            element = element.getparent()
        if element is None or element.tag == "body" or in_furniture(element):
            continue
        for line, owner in _lines_around(element):
            names = parse(line, owner)
            if names:
                found.append((names, line))
                break
    return found


def names_in_line(line: str, element: HtmlElement) -> list[str] | None:
    """The names of a byline line ("By Jane Doe"); one word only where it links to the writer's page on
    the site ("By <a href="/author/mattb/">Burgo</a>", "by <a href="/author/hidemiyoshi">hidemiyoshi</a>"):
    the site's account, not the start of a sentence."""
    names = parse_meta_line(line)
    if names:
        return names
    names = parse_meta_line(line, strict=False)
    if not names:  # an account's handle, written in lower case ("by hidemiyoshi")
        after = after_byline_lead(line)
        names = [after] if after and " " not in after else None
    if not names or len(names) != 1:
        return None
    for link in element.iter("a"):
        if spaced_text(link) == names[0] and (
                "author" in (link.get("rel") or "") or _AUTHOR_PAGE.search(link.get("href") or "")):
            return names
    return None


def _lines_around(element: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """The element's text, then its parent's ("By" in one element, the name in a link beside it), each with
    the element it is the text of; an element broken by ``<br>`` gives each of its lines first (the byline,
    then the dateline: "Von Jane Roe und John Doe<br>Kakuma /Kenia")."""
    parent = element.getparent()
    for owner in (element, parent if parent is not None and parent.tag != "body" else None):
        if owner is None:
            continue
        if owner.find(".//br") is not None:
            for line in _br_lines(owner):
                if line and len(line) <= _MAX_LINE:
                    yield line, owner
        line = spaced_text(owner)
        if len(line) <= _MAX_LINE:
            yield line, owner


def _br_lines(element: HtmlElement) -> list[str]:
    """The element's visible text, a line for each stretch between ``<br>`` elements."""
    lines: list[list[str]] = [[]]
    for node in _TEXT_AND_BREAKS(element):
        if isinstance(node, str):
            lines[-1].append(node)
        else:
            lines.append([])
    return [" ".join(" ".join(words).split()) for words in lines]


_TEXT_AND_BREAKS = etree.XPath(".//text()[not(ancestor::script or ancestor::style)] | .//br")


# ---------------------------------------------------------------------------------------------------
# A dateline under the headline: "11.12.2019 - Jane Doe", "Jane Doe · 3 May 2021"

_HEADLINES = etree.XPath("//body//h1[normalize-space()]")
_DATELINE_REACH = 2  # the elements after the headline that may hold its dateline


def headline_dateline(tree: HtmlElement) -> tuple[list[str], str] | None:
    """The names of a short line right after the page's one headline that is a date and a name and nothing
    else, the way a small site's template prints a post's date and writer without a word for either."""
    headlines = _HEADLINES(tree)
    if len(headlines) != 1 or in_furniture(headlines[0]):
        return None
    for line in islice(headlines[0].itersiblings(), _DATELINE_REACH):
        text = spaced_text(line)
        parts = [part for part in META_SEPARATOR.split(text) if part]
        if len(text) > _MAX_DATELINE or len(parts) != 2:
            continue
        dated = [bool(shown_days(part)) for part in parts]
        if sorted(dated) == [False, True]:
            names = bare_names(parts[dated.index(False)])
            if names:
                return names, text
    return None


_MAX_DATELINE = 80


# ---------------------------------------------------------------------------------------------------
# Signatures: the writer's name alone in bold, as the article's first or last paragraph

_BOLD_PARAGRAPHS = etree.XPath("//body//p[.//strong or .//b][string-length(normalize-space()) < 80]")
# A paragraph of the text, not a line: more words than a name and a title hold. Counted in words, each Chinese or
# Japanese character one: 80 characters of Chinese are a long paragraph, and its short ones are text too.
_TEXT_WORDS = 12
# A bold line that leads on to what follows is a label or a salutation ("Usage:", "Dear Jane,"), not a signature.
_LEADS_ON = (":", "：", ",", "，")
# A name ends without a full stop, but for an initial's ("Jane D."): a bold line that ends a sentence is a sentence.
_SENTENCE_END = re.compile(r"(?:\w\w[.。]|[!?！？])$")


def signature(tree: HtmlElement) -> tuple[list[str], str] | None:
    """The names of a signature: a paragraph that is nothing but a name in bold, before the article's
    first paragraph of text or after its last."""
    for paragraph in _BOLD_PARAGRAPHS(tree)[:30]:
        text = spaced_text(paragraph)
        bold = " ".join(spaced_text(node) for node in paragraph.iter("strong", "b"))
        if squash(bold) != squash(text) or text.endswith(_LEADS_ON) or _SENTENCE_END.search(text) \
                or paragraph.find(".//img") is not None:
            continue  # a label, a salutation, a sentence ("Oh. Hi."), or a name under a picture: who is shown
        names = bare_names(text.replace("/", ","))
        if names and not in_furniture(paragraph) and _at_an_end_of_the_text(paragraph):
            return names, text
    return None


# The blocks of a text: its paragraphs, and the code, tables and lists between them (a bold line over a code
# block is its heading, "核心代码", not a signature after the last paragraph).
_TEXT_BLOCKS = etree.XPath(".//p | .//pre | .//table | .//blockquote")


def _at_an_end_of_the_text(paragraph: HtmlElement) -> bool:
    scope = next((node for node in paragraph.iterancestors() if node.tag in ("article", "main", "body")), None)
    if scope is None:
        return False
    around = set(paragraph.iterancestors())  # a layout table or a quote holding the line is neither side of it
    blocks = [block for block in _TEXT_BLOCKS(scope) if block not in around]
    position = blocks.index(paragraph)
    before = any(word_count(spaced_text(node)) > _TEXT_WORDS for node in blocks[:position])
    after = any(word_count(spaced_text(node)) > _TEXT_WORDS for node in blocks[position + 1:])
    return before != after


# ---------------------------------------------------------------------------------------------------
# The byline

def poster_byline(poster: str, site_names: AbstractSet[str] = frozenset()) -> list[str]:
    """The account that posted, as a byline: none when the platform shows a placeholder ("Unknown") or
    the blog's own name; an account's handle may be the blog's name."""
    return author_names([poster], site_names=site_names, handles=True)


def offer_poster_credit(fields: FieldSet, site_names: AbstractSet[str]) -> None:
    """The posting account as the credit: a person's name the byline, a newsroom's ("Redaktion") an organisation.
    Not an account known only by a link to its archive: the byline rules read that link themselves, and where
    they credit nobody its account is no writer the page names."""
    if fields.sources.get("poster") == POSTER_FROM_AUTHOR_ARCHIVE:
        return
    names = poster_byline(fields.get("poster"), site_names)
    fields.offer("byline", [name for name in names if not is_organisation(name)], "poster")
    fields.offer("byline_orgs", [name for name in names if is_organisation(name)], "poster")


def offer_bylines(fields: FieldSet, tree: Any, meta: Any, guess: dict[str, Any], site_names: set[str]) -> None:
    """Bylines of any site, from the most specific evidence down; none rather than a wrong one."""
    for names, raw, rule in _bylines(tree, meta, guess, site_names):
        if names:
            if rule.startswith(_STRUCTURED):
                names = [full_name(name, tree) for name in names]
            fields.offer("byline", names, rule)
            fields.offer("byline_raw", raw, rule)
            return


# A title that credits a guest writer: "Guest Editorial by Ed Jones", "Tariffs: a guest post by Jane Doe".
_GUEST_TITLE = re.compile(
    r"(?:^|[:,—–-]\s*|\(\s*)(?:an?\s+)?guest\s+(?:editorial|post|column|essay|commentary|opinion|op-ed|piece|blog)"
    r"\s+(?:by|from)\s+(?P<names>[^:;()]{3,80}?)\s*\)?\s*$", re.I)


def offer_title_byline(fields: FieldSet, site_names: set[str]) -> None:
    """A post whose title credits a guest writer, with no byline of its own but the posting account's:
    the guest wrote it (the account stays the poster)."""
    match = _GUEST_TITLE.search(fields.get("title") or "")
    names = author_names(match.group("names"), site_names=site_names, strict=True, allow_orgs=False) if match else []
    if not names or fields.get("byline") not in (None, [], [fields.get("poster")]):
        return
    fields.override("byline", names, "title:guest-byline")
    fields.override("byline_raw", fields.get("title"), "title:guest-byline")


def offer_organisations(fields: FieldSet, scope: HtmlElement, meta: Any, site_names: set[str]) -> None:
    """Keep ``byline`` to persons and put the organisations credited as author in ``byline_orgs``: those
    the byline's evidence named ("AFP", "Redaktion"), those its credit line adds ("Jane Roe, Reuters"; the
    first byline line of ``scope``, the post's element or the page, when no person was credited: "Par Le
    Figaro et AFP"), and organisations
    structured data gives as the author. The site's own name is left out of credit lines (a template's
    "By BBC News" credits nobody a reader could cite apart from the site itself); it is kept only where
    structured data types the site as the Organization that wrote the piece and nobody else is credited."""
    byline = fields.get("byline") or []
    found: list[tuple[list[str], str]] = []
    if any(is_organisation(name) for name in byline):
        rule = fields.sources["byline"]
        found.append(([name for name in byline if is_organisation(name) and not is_site_self_credit(name, site_names)], rule))
        fields.override("byline", [name for name in byline if not is_organisation(name)], rule)
    credit = fields.get("byline_raw") or next((line for _, line in byline_lines(scope, lambda line, _: credit_text(line))[:1]), None)
    found.append((organisation_names(credit, site_names), "text:credit"))
    found.append((organisation_names(meta.org_authors, site_names), "jsonld:author-organization"))
    # Not the author meta tag: a CMS fills it with the company that built the site ("wegewerk GmbH").
    if not any(names for names, _ in found) and not fields.get("byline"):
        # Structured data typing the site itself as the Organization that wrote the piece is the page
        # crediting it ("DER SPIEGEL", "sportschau.de"); a Person named after the site is an account.
        found.append(([name for name in meta.org_authors if is_site_name(name, site_names)], "jsonld:author-site"))
    orgs = list(dict.fromkeys(name for names, _ in found for name in names))
    fields.offer("byline_orgs", orgs, next((rule for names, rule in found if names), ""))


# Author fields a CMS fills from an account (a first name, a login), not what the page prints.
_STRUCTURED = ("jsonld:", "meta:")


def full_name(name: str, tree: HtmlElement) -> str:
    """A one-word name (a first name, a handle run together) as the page writes it in full.

    Structured data often gives "Todd" or "toddbates" where the page prints "Todd Bates"; the full
    name is taken when the page shows exactly one such name. A name the page itself prints short
    ("Posted by Todd") stays as printed.
    """
    if " " in name or len(name) < 3:
        return name
    pattern = _full_name_pattern(name)
    found: dict[str, str] = {}
    for text in _VISIBLE_TEXT(tree):
        for match in pattern.finditer(" ".join(text.split())):
            written = match.group(0)
            if written.isupper() or all(word[:1].isupper() and not word.isupper() for word in written.split()):
                found.setdefault(written.casefold(), written)
    if len(found) != 1:
        return name
    written = next(iter(found.values()))
    return written.title() if written.isupper() else written


def _full_name_pattern(name: str) -> re.Pattern[str]:
    """"Todd" -> "Todd Surname"; "toddbates" -> "Todd Bates" (the handle split into two words)."""
    word = r"[^\W\d_][\w'-]+"
    splits = [re.escape(name[:cut]) + r"\s+" + re.escape(name[cut:]) for cut in range(2, len(name) - 1)]
    alternatives = [re.escape(name) + r"\s+" + word] + (splits if name.islower() else [])
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I)


def _bylines(tree: Any, meta: Any, guess: dict[str, Any], site_names: set[str]) -> Iterator[tuple[list[str], str, str]]:
    """Candidate bylines (names, raw text, rule), most specific first; each computed only when asked for."""
    page = _PageText(tree)
    jsonld = (meta.authors if meta.authors_rule == "jsonld:author" else []) + meta.org_authors
    names = author_names(jsonld, site_names=site_names)
    # The publisher's own author field: when the page shows one of its names, the field is this
    # article's credit line, and the others (an agency, a co-author) belong to it too.
    markup = AuthorMarkup(tree)
    if names and any(page.shows(name) for name in names):
        # Structured data often names only the first of several writers; the page's byline names them all.
        shown = [*markup.listed_bylines(site_names), *_byline_line(tree, site_names)]
        yield _with_coauthors(names, shown) or (names, "; ".join(jsonld), "jsonld:author")
    yield from markup.listed_bylines(site_names)
    yield from _byline_line(tree, site_names)
    yield from markup.other_bylines(site_names)
    under = headline_dateline(tree)
    if under:
        yield author_names(under[0], site_names=site_names, strict=True, allow_orgs=False), under[1], "text:headline-dateline"
    signed = signature(tree)
    if signed:
        yield author_names(signed[0], site_names=site_names, strict=True, allow_orgs=False), signed[1], "text:signature"
    for value, rule, options in (
        (meta.labelled_author, "meta:twitter:data", {}),
        (meta.authors if meta.authors_rule == "meta:author" else None, "meta:author", {}),
        (guess.get("author"), "trafilatura:author", {"strict": True, "allow_orgs": False}),
    ):
        raw = "; ".join(value) if isinstance(value, list) else value
        if raw and not mentions_organisation(raw):
            # A meta tag or a guess can credit someone the page never shows (an account, an SEO default)
            # or shows only as a commenter or another piece's author: keep the names shown elsewhere.
            # One that names an organisation credits the publisher, not a writer.
            # The site's newsroom there ("mix1.de Redaktion") is the CMS's default account, not a credit.
            names = [name for name in author_names(value, site_names=site_names, **options)
                     if not is_site_name(name, site_names)]
            yield [name for name in names if page.shows_outside_other_writing(name)], raw, rule
    for address in markup.author_pages[:3]:
        named = page.name_spelled_by(address)
        if named:
            yield author_names([named], site_names=site_names, strict=True, allow_orgs=False), address, "markup:author-address"
            return


def _byline_line(tree: HtmlElement, site_names: set[str]) -> Iterator[tuple[list[str], str, str]]:
    """The page's first byline line as a candidate byline."""
    for names, line in byline_lines(tree)[:1]:
        # An account's handle may be the blog's name (a writer's own blog on a platform's subdomain).
        yield (author_names(names, site_names=site_names, strict=True, allow_orgs=False, handles=True,
                            personal_site=True),
               line, "text:byline-line")


# Rules whose names are the piece's credit line; a "byline" element's links may also be its section or
# its comment count, and a list of names there is often a list of other pieces' authors.
_CREDIT_RULES = ("markup:itemprop=author", "markup:rel=author", "markup:vcard", "markup:byline-author-links",
                 "text:byline-line")
_MAX_COAUTHORS = 3


def _with_coauthors(names: list[str], shown: list[tuple[list[str], str, str]]) -> tuple[list[str], str, str] | None:
    """A credit line the page shows that names all of ``names`` and a co-author or two besides."""
    keys = {squash(name) for name in names}
    for candidate in shown:
        found, _, rule = candidate
        if (rule in _CREDIT_RULES and len(names) < len(found) <= len(names) + _MAX_COAUTHORS
                and keys <= {squash(name) for name in found}):
            return candidate
    return None


_AUTHOR_HREF = re.compile(r"/(?:authors?|autor(?:en|in)?|auteurs?|autore|autori|journalists?|redakteur\w*|profiles?|people|staff|team)/", re.I)
_VISIBLE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]")
_SHOWN_ATTRIBUTES = etree.XPath("//body//img/@alt | //body//a/@title")
_LINKS = etree.XPath("//body//a/@href")


# A name spelled by an author page's address: long enough to be a first name and a surname, written as
# two or three capitalised words where the page shows it.
_MIN_SPELLED = 6
_PUNCTUATION = " ,;:.!?()[]«»\"'“”‘’"


class _PageText:
    """What a reader sees on the page, read once when a rule first asks."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._nodes: list[tuple[str, str, HtmlElement]] | None = None
        self._all: str | None = None

    def nodes(self) -> list[tuple[str, str, HtmlElement]]:
        """Each visible text (and author photo, link title, author page link), squashed and as written,
        with the element that shows it."""
        if self._nodes is None:
            texts = list(_VISIBLE_TEXT(self.tree))
            # An author's photo (alt, title) and a link to an author page also show who wrote the piece.
            texts += _SHOWN_ATTRIBUTES(self.tree)
            texts += [href for href in _LINKS(self.tree) if _AUTHOR_HREF.search(href)]
            nodes = []
            for text in texts:
                element = text.getparent()
                if getattr(text, "is_tail", False) and element is not None:
                    element = element.getparent()
                key = squash(text)
                if key and element is not None:
                    nodes.append((key, str(text), element))
            self._nodes = nodes
        return self._nodes

    def shows(self, name: str) -> bool:
        if self._all is None:
            self._all = " ".join(key for key, _, _ in self.nodes())
        return squash(name) in self._all

    def name_spelled_by(self, address: str) -> str | None:
        """The name an author page's address spells run together ("/author/donaldtownsend/"), as the page shows
        it outside other writing ("Donald Townsend"): the writer whose link shows initials or a picture."""
        match = _AUTHOR_PAGE.search(address)
        slug = squash(match.group("slug")) if match else ""
        if len(slug) < _MIN_SPELLED or not slug.isalpha():
            return None
        for key, raw, element in self.nodes():
            if slug in key and not in_other_writing(element):
                words = [word.strip(_PUNCTUATION) for word in raw.split()]
                for start, count in product(range(len(words)), (2, 3)):
                    run = words[start:start + count]
                    if len(run) == count and all(word[:1].isupper() for word in run) and squash("".join(run)) == slug:
                        return " ".join(run)
        return None

    def shows_outside_other_writing(self, name: str) -> bool:
        key = squash(name)
        # One word is found as a word: "Ica" is not in "America".
        word = re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)", re.I) if " " not in name.strip() else None
        return any(key in text and (word is None or word.search(raw)) and not in_other_writing(element)
                   for text, raw, element in self.nodes())
