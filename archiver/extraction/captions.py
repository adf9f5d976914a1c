"""Image captions: find them in the markup, split the credit off, and take them out of the body."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from archiver.extraction.byline import NAME_PARTICLES, is_person_name, parse_byline_line
from archiver.extraction.dom import element_text, has_class
from archiver.extraction.regions import holds_other_content, is_other_pictures_area, region_marks

# Class words in either case ("image__caption", "ImageCaption"); plain contains() is far cheaper than translate().
_CAPTION_WORDS = ("aption", "ildunterschrift", "ildtext", "idascalia", "egend", "ie-de-foto", "iefoto")
_CAPTION_CLASS = " or ".join(f"contains(@class, '{word}')" for word in _CAPTION_WORDS)
# Class parts that name a text block ("mediaInfo", "detail-img__description"): a caption only when the
# same class names the picture too (see _PICTURE_TEXT_CLASS).
_TEXT_CLASS = " or ".join(f"contains(@class, '{word}')" for word in ("nfo", "escription", "ubtitle"))
# An image beside the element, or beside its wrapper: in the element's previous sibling, among its
# parent's children when the parent is a small block (else the siblings next to it), or in its
# parent's previous sibling. (Looking through all
# of a large parent's children, for each element with such a class, is quadratic in the children.)
_IMAGE_NEAR = ("(not(../*[9]) and (../img or ../picture or ../a/img or ../noscript/img)) "
               "or self::a[img] or preceding-sibling::*[1][self::img or self::picture or self::a[img]] "
               "or following-sibling::*[1][self::img or self::picture or self::a[img]] "
               "or preceding-sibling::*[1]//img or preceding-sibling::*[1]//picture "
               "or ../preceding-sibling::*[1]//img or ../preceding-sibling::*[1]//picture "
               "or ../preceding-sibling::*[1]//noscript")

#: a picture's own block holds the picture and a line or two under it (a caption, a credit)
_PICTURE_BLOCK_CHILDREN = 4

# Caption markups: Blogger's editor, WordPress (classic, HTML5, blocks), Substack and HTML5 figures,
# then class names news sites commonly use. One pass over the tree with the conditions or-ed: a union
# of paths would walk the tree once per path. Relative paths: a scope that is the post's element must
# not reach the sidebar's pictures.
_KNOWN_CAPTION_CLASSES = " or ".join(
    has_class(name)
    for name in ("tr-caption", "wp-caption-text", "wp-caption-dd", "image-caption", "photo-caption", "img-caption",
                 "media-caption")
)
CAPTION_XPATH = ".//*[" + " or ".join(
    [
        "self::figcaption",
        "@itemprop='caption' and not(self::meta)",
        "@data-caption",
        f"@class and ({_KNOWN_CAPTION_CLASSES})",
        # A bare "caption" class counts only in a figure or beside an image: the class is used for much else.
        f"@class and {has_class('caption')} and ancestor::figure",
        # Any class naming a caption in the languages newsrooms write their templates in
        # ("image__caption", "bildunterschrift", "didascalia"), or a picture's text block
        # ("mediaInfo", "img-description"), when an image sits right beside it.
        f"@class and not(self::img or self::figure or self::picture) and ({_CAPTION_CLASS} or {_TEXT_CLASS}) "
        f"and ({_IMAGE_NEAR})",
        # A plain paragraph after the picture inside the picture's own block (a figure, or a
        # block whose class names the picture: "article__picture", "image-widget"). A paragraph
        # with a class of its own is the template's text ("article__body-text", "entry-flags").
        # The block's size is tested first: looking back over a long text's paragraphs for a picture,
        # for each of them, is quadratic in the paragraphs (see _PICTURE_BLOCK_CHILDREN).
        f"self::p and not(@class) and (parent::figure or parent::*[@class]) and not(../*[{_PICTURE_BLOCK_CHILDREN + 1}])"
        " and preceding-sibling::*[self::img or self::picture or .//img or .//picture]",
    ]
) + "]"
_PICTURE_TEXT_CLASS = re.compile(
    r"(?:image|img|media|photo|foto|bild|picture)[-_]*(?:info|description|desc|subtitle|text)", re.I
)
_CONTROL_CLASS = re.compile(r"btn|button|toggle", re.I)
_CAPTION_WORD = re.compile("|".join(_CAPTION_WORDS), re.I)
_FIND_CAPTIONS = etree.XPath(CAPTION_XPATH)

_CREDIT_WORDS = (
    r"getty|images?|photo|photos|photograph|foto|reuters|afp|\bap\b|epa|associated press|"
    r"shutterstock|handout|courtesy|pool|file|credit|bloomberg|xinhua|anadolu|sipa|alamy|istock|©|"
    r"dpa|imago|keystone|ansa|efe\b"
)
# "(Source: Facebook)": a label with its colon marks a credit too.
_PAREN_CREDIT = re.compile(
    r"\s*\((?P<credit>[^()]*(?:/|" + _CREDIT_WORDS + r"|\b(?:source|quelle|fuente|fonte|bron)\s*:)[^()]*)\)\s*$", re.I)
# "Photo:" and its kin in the languages newsrooms write in.
_LABEL_WORDS = (
    r"photo|photos|photograph|picture|image|credits?|fotos?|bild|bildrechte|bildquelle|beeld|crédit|crédito|"
    r"imagen|imagem|immagine|zdjęcie|ảnh|source|quelle|fuente|fonte"
)
_LABEL_CREDIT = re.compile(
    r"(?:^|(?<=[.;|])|\s)\s*(?P<label>" + _LABEL_WORDS + r")\s*(?:credits?)?\s*:\s*"
    # the credit runs to the end; a dot inside it is an initial ("Hannes P. Albert") or a domain
    r"(?P<credit>(?:[^.;|]|(?<=\b[A-Z])\.|\.(?=\S))+?)\s*\.?$",
    re.I,
)
# A credit before the caption, set off by a dash or a bar: "Foto: Jane Doe - Cranes at dawn."
_LEADING_CREDIT = re.compile(
    r"^(?:" + _LABEL_WORDS + r"|archivfoto|archivbild)\s*:\s*(?P<credit>[^-–—|.:]{1,60}?)\s+[-–—|]\s+(?P<rest>.+)$",
    re.I,
)
# "© Jane Doe", also after a label ("Bild © Jane Doe"); the word only after a sentence or a dash
# ("- Copyright Jane Doe/AP. All rights reserved"): "Copyright law changes" is a caption.
_COPYRIGHT_CREDIT = re.compile(
    r"(?:\b(?:" + _LABEL_WORDS + r")\s*)?(?P<credit>©.{1,160}?)\s*\.?$"
    r"|(?:(?<=[.!?])\s|\s[-–—|]\s*)(?P<word>copyright\b.{1,160}?)\s*\.?$",
    re.I,
)
# "… in 2017. (file) JANE DOE/Harbour Press": after a sentence, or a parenthesis that ends one.
_SLASH_CREDIT = re.compile(
    r"(?<=[.!?)])\s+(?P<credit>(?:[A-Z][\w.'-]*\s){0,3}[A-Z][\w.'-]*\s?/\s?[A-Z][\w .'/-]{1,40})$"
)
# A credit in parentheses at the caption's end that names no agency and has no label: after its last sentence
# a short run of capitalised words ("… Cam Sholly. (Dewey Vanderhoff)", "… land. (BLM)"); after a phrase
# ending in a word in lower case or a number, a person's name ("Harbour City at night (Jane Doe)"). Not one
# after a capitalised word, a name: "Antony (Manchester United)" names his club, "Angela Merkel (CDU)" her
# party; nor a word for what the picture is ("(Archivbild)").
_PAREN_NAME = re.compile(r"(?:(?P<sentence>(?<=[.!?]))|(?<=\s)(?P<word>[^\s()]*[^\s().!?])\s+)\s*\((?P<credit>[^()]{2,60})\)\s*$")
_MAX_PAREN_NAME_WORDS = 6
_PICTURE_KINDS = re.compile(r"^(?:archiv|symbol|file|stock|screen|illustration|montage|grafik|graphic|video|map|karte)",
                            re.I)
_CREDIT_LABEL = re.compile(r"^(?:" + _LABEL_WORDS + r")\s*(?:credits?)?\s*(?::\s*|(?=©))", re.I)
_CREDIT_CLASS = re.compile(r"credit|copyright|rights|byline|source", re.I)


def extract_captions(scope: HtmlElement, base_url: str) -> list[dict[str, str | None]]:
    """Return the captions inside ``scope`` and remove their elements from it.

    Each caption is ``{"text", "credit", "image_url"}`` with ``credit`` None when the page names
    none; an element that holds only a credit gives no caption of its own.
    """
    captions: list[dict[str, str | None]] = []
    texts: set[str | None] = set()
    previous: HtmlElement | None = None
    found = _FIND_CAPTIONS(scope)
    attributed = [element for element in found if element.get("data-caption") and not _caption_markup(element)]
    found = [element for element in found if _caption_markup(element)]
    for element in _outermost(found):
        if not _image_caption(element):
            continue
        caption = _read_caption(element, base_url)
        if caption is None:
            continue
        if caption["text"] is None:
            if previous is not None and _same_picture(previous, element):
                # A figure's second caption holding only "Image credits: X" is the first one's credit.
                captions[-1]["credit"] = captions[-1]["credit"] or caption["credit"]
            # A credit alone says who took a picture, not what it shows: it is no caption.
            continue
        if caption["text"] in texts:
            continue  # the same picture again in a lightbox or a slideshow's copy
        texts.add(caption["text"])
        captions.append(caption)
        previous = element
    for element in found:
        if not _holds_page_text(element):
            _drop(element)  # also the captions of other pieces' pictures: they are not the body either
    for element in attributed:
        caption = _attribute_caption(element, captions, base_url)
        if caption is not None:
            captions.append(caption)
    return captions


_TAG = re.compile(r"<[^>]+>")
_DATA_CREDIT = ("data-credit", "data-source", "data-copyright", "data-photographer")


def _attribute_caption(element: HtmlElement, captions: list[dict[str, str | None]],
                       base_url: str) -> dict[str, str | None] | None:
    """A caption a picture or its lightbox link carries in ``data-caption``, when the page shows none.

    The template often prints the same text under the picture in markup of no name: that line
    leaves the page with it.
    """
    if not _image_caption(element):
        return None
    # The attribute may carry the caption's markup ("<p>A crane&nbsp;at dawn.</p>").
    text, credit = split_credit(html.unescape(_TAG.sub(" ", html.unescape(element.get("data-caption") or ""))))
    credit = credit or clean_credit(" ".join(element.get(name) or "" for name in _DATA_CREDIT))
    if not text or is_credit(text) or any(text in (earlier["text"] or "") for earlier in captions):
        return None
    _drop_printed_copy(element, text)
    image = element if element.tag == "img" else next(iter(element.iter("img")), None)
    image_url = _best_src(image, base_url) if image is not None else _image_url(element, base_url)
    return {"text": text, "credit": credit, "image_url": image_url}


def _drop_printed_copy(element: HtmlElement, text: str) -> None:
    """Drop the short line near the picture that prints ``text``."""
    for container in list(element.iterancestors())[:3]:
        for node in container.iter("p", "span", "div", "figcaption"):
            printed = " ".join(node.text_content().split())
            if node is not element and len(node) <= 1 and printed.startswith(text) and len(printed) < len(text) + 80:
                _drop(node)
                return


def _holds_page_text(element: HtmlElement) -> bool:
    """Markup named like a caption that holds the page's headline or a long run of its text."""
    return element.find(".//h1") is not None or len(element.text_content()) > _MAX_CAPTION_CHARS * 2


def _caption_markup(element: HtmlElement) -> bool:
    """Not an element matched only by a text class ("article-info") that does not name a picture."""
    if element.tag == "figcaption" or element.get("itemprop") == "caption":
        return True
    classes = element.get("class") or ""
    if _CONTROL_CLASS.search(classes):
        return False  # "ImageDescriptionButton" opens a caption, it is none
    if _CAPTION_WORD.search(classes) or _PICTURE_TEXT_CLASS.search(classes):
        return True
    return element.tag == "p" and _picture_block(element.getparent())


_PICTURE_BLOCK = re.compile(r"image|img|picture|photo|foto|bild", re.I)
_HEADINGS = etree.XPath(".//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6")
# Small headings (h4-h6) are often only a template's way to set a caption in small type.
_SECTION_HEADINGS = etree.XPath(".//h2 | .//h3")
# A headline that links to a page: another piece's, in a card ("<figcaption><h3><a href=…>").
_LINKED_HEADINGS = etree.XPath("(.//h2 | .//h3)[.//a[@href]]")  # (an h4-h6 may be a caption's small type)


def _picture_block(block: HtmlElement) -> bool:
    """A figure, or a small block whose class names a picture: the picture and a line or two under it."""
    if block.tag != "figure" and not _PICTURE_BLOCK.search(block.get("class") or ""):
        return False
    # A card with a headline is a teaser for another piece.
    return len(block) <= _PICTURE_BLOCK_CHILDREN and not _HEADINGS(block)


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    """The elements not inside another one of them (a caption's own credit span is part of it).

    Decided before any caption is read: reading drops credit nodes, which cuts them from their caption.
    """
    found = set(elements)
    return [element for element in elements if not any(a in found for a in element.iterancestors())]


_OWN_WRAPPERS = 5  # the caption element and four wrappers
_PAGE_LEVEL = {"html", "body", "main"}
# A picture: any element with a source that is not a script, a player or an embedded page; also one a
# script loads later (data-src) or a custom element's ("amp-img", "storefront-image").
_HOLDS_PICTURE = etree.XPath(
    ".//img | .//picture | .//noscript | .//*[@src or @srcset or @data-src or @data-srcset or @data-lazy-src]"
    "[not(self::script or self::iframe or self::video or self::audio or parent::video or parent::audio)]"
)
_MAX_CAPTION_CHARS = 800


def _same_picture(first: HtmlElement, second: HtmlElement) -> bool:
    """Two caption elements of one picture: siblings, or cousins under one figure or wrapper."""
    parent = first.getparent()
    return parent is not None and (parent is second.getparent() or parent.getparent() is second.getparent()
                                   or parent in second.iterancestors())


def _image_caption(element: HtmlElement) -> bool:
    """A caption of the piece's own pictures: not a teaser's, an author box's or a quote's source line."""
    if element.tag == "svg" or any(node.tag == "svg" for node in element.iterancestors()):
        return False  # an icon's title
    for depth, node in enumerate([element, *element.iterancestors()]):
        if node.tag in _PAGE_LEVEL:
            break
        names = region_marks(node)
        if node.tag == "a" and node is not element:
            return False  # a teaser card is a link to another piece
        if is_other_pictures_area(names) and node.find(".//h1") is None:
            return False  # a layout named after its sidebar ("sidebar-grid") holds the piece's headline
        if depth < _OWN_WRAPPERS and holds_other_content(element, names):
            return False
    figure = next((a for a in element.iterancestors("figure")), None)
    if element.tag == "figcaption" and figure is not None and not _HOLDS_PICTURE(figure):
        return False  # a pull quote's source line, a video's title, a notice dressed as a figure
    if element.find(".//h1") is not None:
        return False  # a header laid over the lead picture ("caption" with the headline and byline)
    if _LINKED_HEADINGS(element):
        return False  # another piece's card: its headline links to it
    text = element_text(element)
    if len(text) > _MAX_CAPTION_CHARS or parse_byline_line(text):
        return False
    # A module's heading ("c-module-caption" around an h2) is no caption.
    headings = sum(len(element_text(heading)) for heading in _SECTION_HEADINGS(element))
    return not headings or headings < len(text) * 0.8


_AD_LABEL = re.compile(r"^(?:anzeige|advertisement|werbung|sponsored|publicidad|publicité|pubblicità)$", re.I)
_CONTROLS = etree.XPath(
    ".//svg | .//button | .//input | .//*[contains(@class, 'btn') or contains(@class, 'utton') "
    "or contains(@class, 'pager') or contains(@class, 'counter') or contains(@class, 'pagination')]"
)


def _read_caption(element: HtmlElement, base_url: str) -> dict[str, str | None] | None:
    for control in _CONTROLS(element):
        _drop(control)  # an icon's title, a "Show more" or "Expand" control, a slideshow's "2 of 9"
    credit_nodes = _outermost(
        [node for node in element.iterdescendants() if _CREDIT_CLASS.search(node.get("class") or "")]
    )
    credit = clean_credit(" ".join(element_text(node) for node in credit_nodes))
    for node in credit_nodes:
        _drop(node)
    if credit:
        # The credit has its own element: what the text says in parentheses ("(stock image)",
        # "(AP Photo/Jane Doe)") stays part of the caption as the page shows it.
        text = element_text(element)
    else:
        text, credit = split_credit(element_text(element))
    if text.endswith(":") or not any(char.isalnum() for char in text) or _AD_LABEL.match(text):
        text = ""  # a label whose value a script fills in ("Vote:", "Photos:"), a lone full stop, an ad's label
    if text and is_credit(text):
        text, credit = "", clean_credit(" ".join(part for part in (text, credit) if part))
    if not text and not credit:
        return None
    return {"text": text or None, "credit": credit, "image_url": _image_url(element, base_url)}


# Words of picture agencies and stock libraries that make up a whole credit line.
_AGENCY = re.compile(
    r"^(?:getty(?: images)?|istock(?:photo)?|shutterstock|alamy|reuters|afp|ap|dpa|epa|imago|keystone|"
    r"picture[ -]alliance|adobe ?stock|privat|private|archiv|archive|handout|pool)$",
    re.I,
)
# The end of a sentence, not of an initial ("Hannes P. Albert").
_SENTENCE_END = re.compile(r"\w{2,}[.!?]\s")
_MAX_CREDIT_WORDS = 12
_CREDIT_START = re.compile(
    r"^(?:©|\(c\)|copyright\b|"
    r"(?:photo|foto|bild|bildrechte|bildquelle|image|picture|credit|quelle|source|montage|grafik|courtesy)s?\s*(?::|by\b|von\b))",
    re.I,
)


def is_credit(text: str) -> bool:
    """A caption element's whole text that only credits the picture ("Jane Doe/AP", "Quelle: dpa", "iStock")."""
    text = text.strip(" ()[]")
    if _AGENCY.match(text):
        return True
    words = text.split()
    if _SENTENCE_END.search(text) or len(words) > _MAX_CREDIT_WORDS:
        return False  # "Bild: A drone nears the carrier. Screenshot" is a caption that starts with a label
    if _CREDIT_START.match(text):
        return True
    # "Name/Agency": a short line of slashes, names before them ("Brianna and Lusia from Samoa/New Zealand" is
    # a caption: "from" is a sentence's word, not a name's).
    before = text.lstrip("/ ").split("/", 1)[0].split()
    return ("/" in text and len(words) <= 8 and ": " not in text and text.lstrip("/ ")[:1].isupper()
            and all(word[:1].isupper() or not word[:1].isalpha() or word in _CREDIT_SMALL_WORDS for word in before))


# The words in lower case a credit's names may hold: a person's particles, and the words that join names or
# make an organisation's ("Stefan Muster/via Reuters", "University of Wyoming", "Jane Doe at English Wikipedia").
_CREDIT_SMALL_WORDS = NAME_PARTICLES | {"of", "for", "at", "and", "the", "on", "des", "die", "und", "et", "via", "für"}


def clean_credit(text: str) -> str | None:
    """A credit without its wrapping parentheses or its "Photo:" label."""
    text = " ".join(text.split()).strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return _CREDIT_LABEL.sub("", text).strip() or None


def split_credit(text: str) -> tuple[str, str | None]:
    """Split a caption into its text and its photo credit.

    >>> split_credit("Troops board a plane, Jan. 6. (Handout/AFP/Getty Images)")
    ('Troops board a plane, Jan. 6.', 'Handout/AFP/Getty Images')
    >>> split_credit("The harbour at dawn. Photo: Jane Doe")
    ('The harbour at dawn.', 'Jane Doe')
    >>> split_credit("The old trading floor. (Photo: Jane Doe)")
    ('The old trading floor.', 'Jane Doe')
    """
    text = " ".join(text.split())
    leading = _LEADING_CREDIT.match(text)
    if leading:
        return leading.group("rest"), clean_credit(leading.group("credit"))
    for pattern in (_PAREN_CREDIT, _LABEL_CREDIT, _COPYRIGHT_CREDIT, _SLASH_CREDIT):
        match = pattern.search(text)
        if match:
            credit = clean_credit(match.group("credit") or match.groupdict().get("word") or "")
            rest = text[: match.start()].strip(" |;,-–—")
            if credit:
                return rest, credit
    named = _PAREN_NAME.search(text)
    if named and _names_a_credit(named.group("credit")) and (
            named.group("sentence") is not None or not named.group("word")[:1].isupper() and is_person_name(named.group("credit"))):
        return text[: named.start("credit") - 1].strip(), named.group("credit").strip()
    return text, None


def _names_a_credit(text: str) -> bool:
    """Whether a parenthesis after a caption's last sentence names who made the picture: a short run of
    capitalised words ("Dewey Vanderhoff", "USGS", "John Mosesso, USGS", "U.S. District Court for Wyoming")."""
    words = text.replace(",", " ").split()
    return (0 < len(words) <= _MAX_PAREN_NAME_WORDS and words[0][:1].isupper()
            and all(word[:1].isupper() or word in _CREDIT_SMALL_WORDS for word in words[1:])
            and not _PICTURE_KINDS.match(text.strip()))



_IMAGE_HREF = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#].*)?$|googleusercontent\.com/|/img/", re.I)


def _image_url(element: HtmlElement, base_url: str) -> str | None:
    """The image a caption belongs to: inside the caption's figure, table or wrapper.

    A link around the image to the image itself (Blogger, WordPress "link to media file")
    is the full-size file and wins over the displayed thumbnail.
    """
    for container in [element, *element.iterancestors()][:5]:
        images = container.xpath(".//img[@src or @data-src or @data-lazy-src or @srcset]")
        if images:
            return _best_src(images[0], base_url)
        if container.tag in ("figure", "table", "body"):
            break
    return None


def _best_src(img: HtmlElement, base_url: str) -> str | None:
    link = img.getparent()
    if link is not None and link.tag == "a" and _IMAGE_HREF.search(link.get("href") or ""):
        return urljoin(base_url, link.get("href").strip())
    candidates = [img.get(a) for a in ("data-src", "data-lazy-src", "data-original", "src")]
    for src in candidates:
        if src and src.strip() and not src.strip().startswith("data:"):
            return urljoin(base_url, src.strip())
    srcset = img.get("srcset") or img.get("data-srcset")
    if srcset:
        first = srcset.strip().split(",")[0].split()
        if first:
            return urljoin(base_url, first[0])
    return None


def _drop(element: HtmlElement) -> None:
    if element.getparent() is not None:
        element.drop_tree()
