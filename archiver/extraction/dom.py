"""HTML parsing and text helpers shared by the extraction rules."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from archiver.extraction.charset import decode_page

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "table", "tr", "td", "section", "article", "figure", "figcaption", "pre", "hr", "dd", "dt",
}
#: the text a reader sees in an element: not its scripts, styles or noscript fallbacks
VISIBLE_TEXT = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
_INVISIBLE_TAGS = {"script", "style", "noscript", "template"}


_CONTROL_CHARACTER_LIST = [chr(code) for code in (*range(0, 9), 11, 12, *range(14, 32))]
_CONTROL_CHARACTERS = re.compile("[" + "".join(_CONTROL_CHARACTER_LIST) + "]")


_BULK_START = re.compile(r"<(script|style)\b([^>]*)>", re.I)
_BULK_END = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}
_INLINE_DATA = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]{256,}")


def shed_bulk(html: str, max_chars: int) -> str:
    """A page of more than ``max_chars`` without what makes the bulk of most huge pages and none of their
    text: scripts and styles (structured data kept) and inline base64 data. Still over: ValueError.

    Extraction holds about 25 times a page's size in memory (lxml's tree, trafilatura's copies); this
    bound keeps a crawl's extraction workers to a few hundred MiB whatever a site sends.
    """
    if len(html) <= max_chars:
        return html
    kept: list[str] = []
    position = 0
    for start in _BULK_START.finditer(html):
        if start.start() < position:
            continue  # inside a block already dropped
        end = _BULK_END[start.group(1).lower()].search(html, start.end())
        stop = end.start() if end else len(html)
        if "ld+json" in start.group(2).lower():
            continue
        kept.append(html[position:start.end()])
        position = stop
    kept.append(html[position:])
    html = _INLINE_DATA.sub("data:,", "".join(kept))
    if len(html) > max_chars:
        raise ValueError(f"page too large to extract: {len(html) / (1 << 20):.1f} MiB of markup without its scripts, "
                         f"styles and inline data, over the {max_chars / (1 << 20):.0f} MiB bound "
                         "(ARCHIVER_MAX_EXTRACT_BYTES; the page is kept in WARC for reextract)")
    return html


#: the deepest nesting libxml2 reads with ``huge_tree`` (browsers flatten deeper pages; it drops them)
MAX_DEPTH = 2048


def parse_html(html: str | bytes) -> HtmlElement:
    """Parse a page into an lxml tree; an empty or unparsable page raises ValueError."""
    if isinstance(html, bytes):
        html = decode_page(html)
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    # Control characters (pasted from word processors) parse, but no text holding one can be set back
    # into the tree, which the body rules do.
    if any(character in html for character in _CONTROL_CHARACTER_LIST):  # a quick scan a character at a time
        html = _CONTROL_CHARACTERS.sub("", html)
    if not html.strip():
        raise ValueError("empty page")
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except Exception as error:  # lxml raises ParserError or XMLSyntaxError on junk
        raise ValueError(f"cannot parse page: {error}") from None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        # libxml2 stops reading below its deepest nesting (256 levels, 2,048 with huge_tree): what sits
        # deeper is silently left out. A body cut short is no record; the page is named as failed.
        raise ValueError(f"page nests its elements deeper than {MAX_DEPTH} levels: it cannot be read whole")
    return tree


def element_text(element: HtmlElement) -> str:
    """The visible text of an element, whitespace collapsed, scripts and styles left out."""
    pieces: list[str] = []
    for text in element.xpath(VISIBLE_TEXT):
        parent = text.getparent()
        # Text that starts or follows a block element is a new word, even without whitespace.
        if isinstance(parent.tag, str) and parent.tag in _BLOCK_TAGS:
            pieces.append(" ")
        pieces.append(text)
    return " ".join("".join(pieces).split())


def block_lines(element: HtmlElement) -> str:
    """The visible text of an element, a line for each block (a paragraph, a list item, what a line break
    ends) and the inline elements of a block in its line: "<p>Details <a>here</a>.</p>" reads "Details here.",
    where a join of the text nodes breaks the line at the link."""
    lines: list[list[str]] = [[]]
    walk = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    for event, node in walk:
        if node.tag in _BLOCK_TAGS and lines[-1]:
            lines.append([])  # a block's start and its end both end the line before
        if event == "start":
            if node.tag in _INVISIBLE_TAGS:
                walk.skip_subtree()
            elif node.text:
                lines[-1].append(node.text)
        elif node is not element and node.tail:  # an element's end, a comment: the text after it
            lines[-1].append(node.tail)
    joined = (" ".join("".join(parts).split()) for parts in lines)
    return "\n".join(line for line in joined if line)


def spaced_text(element: HtmlElement) -> str:
    """The visible text of an element with every text node a word of its own.

    Unlike ``element_text``, "<span>Jane</span><span>Doe</span>" reads "Jane Doe": author markup
    often sets a name's parts in separate inline elements without a space between them.
    """
    parts = element.xpath(".//text()[not(ancestor::script or ancestor::style)]")
    return " ".join(" ".join(parts).split())

def microdata_item(node: HtmlElement) -> HtmlElement | None:
    """The microdata item an element belongs to: its nearest ancestor with ``itemscope``."""
    return next((ancestor for ancestor in node.iterancestors() if ancestor.get("itemscope") is not None), None)


def first(tree: HtmlElement, xpath: str) -> HtmlElement | None:
    """The first element matching ``xpath``, or None."""
    found = tree.xpath(xpath)
    return found[0] if found else None


def has_class(name: str) -> str:
    """An XPath predicate matching a whole class name.

    The plain substring test first: XPath's ``and`` stops at it on nearly every element, and building each
    element's spaced class string is what a scan of a whole page spends its time on.
    """
    return f"(contains(@class, '{name}') and contains(concat(' ', normalize-space(@class), ' '), ' {name} '))"


def has_rel(name: str) -> str:
    """An XPath predicate matching a link whose ``rel`` holds ``name`` among its words (``rel="author external"``)."""
    return f"contains(concat(' ', normalize-space(@rel), ' '), ' {name} ')"


# Scripts written without spaces between words: each character counts as a word, as word processors count
# East Asian text (Han ideographs, hiragana, katakana). Hangul is written with spaces: counted by them.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_WORD = re.compile(f"[{_UNSPACED}]|[^\\s{_UNSPACED}]+")


def word_count(body: str | None) -> int:
    """Words in ``body``: runs between spaces, and each Chinese or Japanese character."""
    return len(_WORD.findall(body)) if body else 0
