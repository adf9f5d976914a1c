"""extract(): one page in, one JSON-friendly record out. Plain Python: no Scrapy here."""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any
from urllib.parse import urlsplit

from lxml.html import Element
from trafilatura.metadata import extract_metadata

from archiver import settings as defaults
from archiver.extraction import authors, language, published, reposts, terms
from archiver.extraction.body import split_body, text_lines
from archiver.extraction.byline import PLACEHOLDERS, author_names, is_site_name, squash
from archiver.extraction.captions import extract_captions
from archiver.extraction.dates import parse_iso
from archiver.extraction.fields import FieldSet
from archiver.extraction.charset import decode_page
from archiver.extraction.dom import element_text, has_class, parse_html, shed_bulk
from archiver.extraction.metadata import normalize_language, read_metadata
from archiver.extraction.platforms import GENERIC, markup_platform
from archiver.extraction.regions import in_furniture
from archiver.extraction.rules import rules_for

EXTRACTOR_VERSION = "0.8.10"

#: The keys ``extract`` returns, in order.
OUTPUT_FIELDS = (
    "platform", "title", "byline", "byline_orgs", "byline_raw", "poster", "published", "published_raw",
    "original_published", "original_published_raw", "original_source", "original_url", "updated", "captions",
    "body", "paywalled", "tags", "language", "field_sources", "extractor_version",
)


def extract(url: str | None, html: str | bytes, hints: dict[str, Any] | None = None,
            max_bytes: int = defaults.ARCHIVER_MAX_EXTRACT_BYTES) -> dict[str, Any]:
    """Extract a post's fields from its page.

    ``hints`` are facts a crawler already has from feeds or APIs: ``platform``, ``title``,
    ``poster``, ``published`` (ISO 8601), ``updated``, ``tags``, ``language``, ``fetched`` (when the page
    was fetched: "vor 3 Tagen" counts back from it). The page's own
    markup wins over hints; hints fill what the page does not say.

    Dates come back as ISO 8601 with the offset the page gave (the day as written stays the
    day), with the text they came from in ``*_raw``; records store them in UTC. A page larger than
    ``max_bytes`` once its scripts, styles and inline data are set aside raises ValueError.
    """
    hints = hints or {}
    if isinstance(html, bytes):
        html = decode_page(html, url=url)
    tree = parse_html(shed_bulk(html, max_bytes))
    fields = FieldSet()
    platform = hints.get("platform") or markup_platform(tree) or GENERIC
    fields.offer("platform", platform, "hint:platform" if hints.get("platform") else "detect")
    meta = read_metadata(tree)
    # A page that declares no language: its whole text, before rules take their parts out, for a post too short
    # to tell its language by itself (language.settle).
    page_text = "" if meta.language else element_text(tree)

    rules = rules_for(platform)
    rules.collect(tree, fields, meta)
    root = rules.post_body(tree)
    prose = _prose_chars(tree) if root is None else 0
    if not fields.has("title_absent"):
        fields.offer("title", meta.title, meta.title_rule or "meta")
    fields.offer("published", meta.published, meta.published_rule or "meta")
    if not rules.dated_by_platform:
        found = published.markup_published(tree)
        if found:
            fields.offer("published", found[0], found[1])
    _offer_hints(fields, hints)
    fields.offer("tags", meta.tags or None, "meta:article:tag")
    if not fields.has("tags"):  # the platform's terms, or the page's: its links to term pages are read only then
        fields.offer("tags", terms.term_links(tree) or None, "markup:term-links")
    if not fields.has("published"):
        rules.undated(tree, fields, meta)
    guess = _trafilatura_metadata(tree, url) if rules.needs_guess(fields) else {}
    site_names = _site_names(meta, guess, url)
    if not rules.dated_by_platform:
        published.check_with_htmldate(fields, guess.get("date"))
    fields.offer("published", guess.get("date"), "trafilatura:htmldate")
    fields.offer("updated", meta.modified, "meta:modified")
    fields.offer("language", normalize_language(meta.language), meta.language_rule or "meta")
    published.localize_utc(fields, url)
    if not rules.dated_by_platform:
        published.check_with_shown_date(fields, tree)
    if not fields.has("title_absent"):
        fields.offer("title", guess.get("title"), "trafilatura:title")
    _strip_site_name(fields, site_names, tree)

    if rules.reads_bylines:
        # The platform's own list of writers (co-authors, bylines) before what any site may carry.
        fields.offer("byline", _without_blog_name(hints.get("authors") or fields.get("markup_authors"), site_names),
                     "hint:authors" if hints.get("authors") else fields.sources.get("markup_authors", ""))
        # Before captions and body take their elements out of the page: bylines sit in figures too.
        authors.offer_bylines(fields, tree, meta, guess, site_names)
    if root is not None:
        rules.drop_meta_blocks(root)

    scope = _caption_scope(root, tree)
    captions = [c for figure in _featured_figures(scope, tree) for c in extract_captions(figure, url or "")]
    captions += extract_captions(scope, url or "")
    fields.offer("captions", captions, "captions")
    reference = parse_iso(fields.get("published"))
    # Repost attribution (reposts.py): its statements at the start and the end of the text leave the body.
    lines = text_lines(root, tree, url)
    body_lines, statements = reposts.take_statements(lines, root if root is not None else tree, url, site_names)
    statements += reposts.link_statements(root, lines, url, site_names)
    parts = split_body(body_lines, fields.get("title"), reference)
    _offer_body(fields, parts)
    if not fields.get("body") and prose >= _PROSE_WITHOUT_BODY:
        # Text trafilatura could not place is a failure to say, not a record without a body. (A post
        # element the platform names that holds no text, a photo post's, is a body rightly empty.)
        raise ValueError(f"no body found in a page whose paragraphs hold {prose:,} characters")
    reposts.offer_original(fields, statements, tree, url, site_names)
    rules.late_byline(fields, root, site_names)
    authors.offer_title_byline(fields, site_names)
    authors.offer_organisations(fields, rules.credit_scope(root, tree), meta, site_names)
    if not fields.has("byline") and not fields.has("byline_orgs") and fields.has("poster"):
        # A post with no byline of its own is the poster's own writing.
        authors.offer_poster_credit(fields, site_names)
    language.settle(fields, page_text)
    return _output(fields)


def _without_blog_name(names: list[str] | None, site_names: set[str]) -> list[str] | None:
    """The platform's author names less the blog's own name (a blog posting from an account named after
    it) and accounts no person is named ("admin", "Unknown"); a person's name stays though the blog is
    named after them ("Jane Doe" on janedoe.blog)."""
    if not names:
        return names
    return [name for name in names if name.strip().casefold() not in PLACEHOLDERS and (
        not is_site_name(name, site_names) or author_names([name], site_names=site_names, handles=True, personal_site=True))]


def _caption_scope(root: Any, tree: Any) -> Any:
    """Where the post's pictures are: its ``<article>`` (a featured image sits above the text), else the
    block that holds its element and its headline (a featured image beside the text), else its element,
    else the page."""
    if root is None:
        return tree
    article = next(root.iterancestors("article"), None)
    if article is not None:
        return article
    for level, block in enumerate(root.iterancestors()):
        # A few levels only: higher up, the block holding an <h1> is the page with its sidebars (a
        # blog's name is its <h1>).
        if block.tag in ("body", "html") or level >= _FEATURED_IMAGE_REACH:
            break
        if block.find(".//h1") is not None:
            return block
    return root


_FEATURED_IMAGE_REACH = 3
# WordPress marks a post's featured image (``the_post_thumbnail``) with this class, wherever its theme
# puts it: news themes (Newspack and others) print it and its caption above the <article>.
_FEATURED_FIGURES = (f"//figure[.//img[{has_class('wp-post-image')}]]"
                     "[.//figcaption][not(ancestor::aside or ancestor::nav or ancestor::footer)]")
# ... or after the block that holds it, the caption outside the figure (Newspack's "featured-image-behind").
_FEATURED_IMAGE_BEFORE = f"preceding-sibling::*[1]//img[{has_class('wp-post-image')}]"
_FEATURED_CAPTIONS_AFTER = (f"//figcaption[not(ancestor::figure)][{_FEATURED_IMAGE_BEFORE}]"
                            "[not(ancestor::aside or ancestor::nav or ancestor::footer)]")


def _featured_figures(scope: Any, tree: Any) -> list[Any]:
    """The post's featured-image figures outside the caption scope (only one whose caption is the post's); a
    caption printed after the image's block comes as a figure of its own, the image and the caption."""
    if scope is tree:
        return []
    outside = [f for f in tree.xpath(f"{_FEATURED_FIGURES} | {_FEATURED_CAPTIONS_AFTER}")
               if not any(a is scope for a in f.iterancestors())]
    if not outside or outside[0].tag != "figcaption":
        return outside[:1]
    caption = outside[0]
    image = caption.xpath(_FEATURED_IMAGE_BEFORE)[0]  # an element's previous node may be a comment
    figure = Element("figure")
    figure.extend([deepcopy(image), deepcopy(caption)])
    figure[-1].tail = None
    caption.drop_tree()  # the page keeps the text after it
    return [figure]


_TITLE_SEPARATOR = re.compile(r"(\s+[|\-–—:·•»]\s+)")


def _strip_site_name(fields: FieldSet, site_names: set[str], tree: Any) -> None:
    """"Headline | Site Name" in a page's title tags: the site's name is not part of the title. The site's
    name is one of ``site_names``, or what is left once the page's own headline (its ``h1``) is taken."""
    title = fields.get("title")
    if not title:
        return
    # Parts and the separators between them, as written: a headline may hold a separator itself
    # ("CSS - flexbox - Jane Roe" is the headline "CSS - flexbox" on Jane Roe's blog).
    tokens = _TITLE_SEPARATOR.split(title)
    while len(tokens) > 1 and squash(tokens[-1]) in site_names:
        del tokens[-2:]
    while len(tokens) > 1 and squash(tokens[0]) in site_names:
        del tokens[:2]
    parts = tokens[::2]
    if len(parts) > 1:
        # The part the page's h1 shows is the headline, unless another part is a heading too (a section's
        # name in the h1, the headline in an h2: "Fachmeldungen - Verkündung des …").
        headlines = {squash(element_text(h1)) for h1 in tree.xpath("//h1")}
        headings = {squash(element_text(h)) for h in tree.xpath("//h2 | //h3")} | headlines
        for part in (parts[0], parts[-1]):
            if squash(part) in headlines and not any(squash(other) in headings for other in parts if other is not part):
                tokens = [part]
                break
    headline = "".join(tokens)
    if headline != title:
        fields.override("title", headline, fields.sources["title"] + "-site-name")


def _trafilatura_metadata(tree: Any, url: str | None) -> dict[str, Any]:
    """trafilatura's metadata guesses (htmldate's date, the author of its markup rules, site name)."""
    try:
        document = extract_metadata(tree, url)
    except Exception:  # noqa: BLE001 - a bug in a fallback must not cost the page
        return {}
    return {
        "author": document.author, "date": document.date, "sitename": document.sitename,
        "title": document.title, "hostname": document.hostname,
    }


def _site_names(meta: Any, guess: dict[str, Any], url: str | None) -> set[str]:
    """The site's own names (og:site_name, JSON-LD publisher, host): never a byline."""
    names = {squash(n) for n in meta.site_names if n}
    for value in (guess.get("sitename"), guess.get("hostname")):
        if value:
            names.add(squash(value))
    host = urlsplit(url).hostname if url else None
    if host:
        host = host.removeprefix("www.")
        names.add(squash(host))
        names.add(squash(host.split(".")[0]))
    return {n for n in names if len(n) >= 3}


def _offer_hints(fields: FieldSet, hints: dict[str, Any]) -> None:
    for name in ("poster", "published", "updated", "tags", "language", "paywalled", "fetched"):
        fields.offer(name, hints.get(name), f"hint:{name}")
    if not fields.has("title_absent"):
        fields.offer("title", hints.get("title"), "hint:title")


#: paragraph text a page must hold for an empty body to be a failure rather than a page without text
_PROSE_WITHOUT_BODY = 1000
_PROSE = "//p[not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside)]"


def _prose_chars(tree: Any) -> int:
    """Characters of the page's paragraphs outside its furniture: a photo post's page holds no text of its
    own, though its "Read more" cards, its comments or its sidebar hold paragraphs."""
    return sum(len(text.strip()) for paragraph in tree.xpath(_PROSE) if not in_furniture(paragraph)
               for text in paragraph.xpath(".//text()"))


def _offer_body(fields: FieldSet, parts: Any) -> None:
    if parts.byline:
        # An in-body byline is the most specific evidence: it names the piece's writer.
        fields.override("byline", parts.byline, "body:byline-line")
        fields.override("byline_raw", parts.byline_raw, "body:byline-line")
    if parts.dateline is not None:
        fields.offer("original_published", parts.dateline.value.isoformat(), "body:dateline")
        fields.offer("original_published_raw", parts.dateline.raw, "body:dateline")
    fields.offer("body", parts.body, "trafilatura")


def _output(fields: FieldSet) -> dict[str, Any]:
    record: dict[str, Any] = {name: fields.get(name) for name in OUTPUT_FIELDS}
    for name in ("published", "original_published", "updated"):
        raw = record[name]
        value = parse_iso(raw)
        if name != "original_published":
            record[f"{name}_raw"] = raw
        record[name] = value.isoformat() if value else None
    if "original_published_raw" in fields.values:
        record["original_published_raw"] = fields.get("original_published_raw")
    record.pop("updated_raw", None)
    record["byline"] = record["byline"] or []
    record["paywalled"] = bool(record["paywalled"])
    record["captions"] = record["captions"] or []
    record["tags"] = record["tags"] or []
    record["field_sources"] = {k: v for k, v in fields.sources.items() if k in OUTPUT_FIELDS and k != "field_sources"}
    record["extractor_version"] = EXTRACTOR_VERSION
    return record
