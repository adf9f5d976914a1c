"""Which regions of a page are not the piece: the one module that says so, for every field rule.

Each field has its own notion of furniture, because what misleads it differs: a name in a comment
thread or a related list is another writer's (``in_other_writing``), and sidebars, menus and the
page's footer hold no byline either (``in_furniture``); a date in a top bar, a ticker, an archive
widget or a revision line is not the publication's (``in_date_furniture``); a picture in an author
box, a related list, a teaser or a player is not the piece's (``is_other_pictures_area``,
``holds_other_content``). Lines of text that are furniture (share prompts, rights notices) are the
body's rule: ``body.is_furniture``.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# Class names a platform derives from the post's own terms, which say nothing about a region: WordPress's
# post_class() puts "tag-widget", "category-events" or "tag-news-feed" on the post's <article> for a post
# tagged "widget", filed under "Events", tagged "news feed".
_TERM_CLASS = re.compile(r"^(?:tag|category|format|status|type|author|post_tag)-", re.I)


def region_marks(node: HtmlElement) -> str:
    """A node's class and id as the region rules read them: without the classes named after the post's terms."""
    classes = " ".join(name for name in (node.get("class") or "").split() if not _TERM_CLASS.match(name))
    return f"{classes} {node.get('id') or ''}"

# ---------------------------------------------------------------------------------------------------
# Bylines

# Regions that hold other people's writing (comments, related and recommended pieces): a name there
# is a commenter's or another piece's author.
_OTHER_WRITING = re.compile(r"comment(?!ary)|related|recommend|popular|more-from|read-more|readmore", re.I)
# Page furniture besides: sidebars, widgets, menus, the page's footer.
_FURNITURE_WORD = re.compile(r"sidebar|widget|teaser", re.I)
# Class names of layout wrappers that merely mention a region ("content-sidebar-wrap", "has-sidebar",
# a page builder's "elementor-widget-container", a layout that counts its sidebars: "zen-one-sidebar-second"):
# the article itself sits inside them.
_LAYOUT_WORD = re.compile(r"wrap|container|inner|layout|position|postition|^(?:has|with|no)-|-(?:has|with|no)-|^elementor-"
                          r"|^et_pb_|(?:^|-)(?:one|two|three)-sidebars?(?:-|$)", re.I)

# A heading inside a link: the link is a card for another piece, its headline and byline together (a page's
# own h1 is not wrapped in a link to another page).
_CARD_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def in_furniture(element: HtmlElement) -> bool:
    """True when ``element`` sits in a sidebar, menu, the page's footer, a comment thread or a related list."""
    return _in_region(element, furniture=True)


def in_other_writing(element: HtmlElement) -> bool:
    """True when ``element`` sits in a comment thread or a list of related or recommended pieces."""
    return _in_region(element, furniture=False)


def _in_region(element: HtmlElement, furniture: bool) -> bool:
    # An <aside> or <footer> inside the article, or named as one of the post's parts, is the article's own
    # (its author box, its meta line); a "sidebar" around the <article> is a layout column; the <body>
    # classes describe the layout.
    past_article = False
    for node in (element, *element.iterancestors()):
        tag = node.tag
        if tag in ("body", "html"):
            return False
        if tag == "a" and next(node.iter(*_CARD_HEADINGS), None) is not None:
            return True  # a link around a headline and its byline: a card pointing to another piece
        marks = region_marks(node).split()
        if furniture and (tag == "nav" or tag in ("aside", "footer") and not _in_article(node) and not _is_posts(marks)):
            return True
        past_article = past_article or tag in ("article", "main")
        if "Blog" in marks or tag == "article" and node.find(".//h1") is not None:
            continue  # Blogger's widget that holds the posts; the article with the page's headline
        for mark in marks:
            if _LAYOUT_WORD.search(mark):
                continue
            if _OTHER_WRITING.search(mark):
                return True
            if furniture and _FURNITURE_WORD.search(mark) and not (past_article and "idebar" in mark):
                return True
    return False


def _in_article(node: HtmlElement) -> bool:
    return any(ancestor.tag in ("article", "main", "header") for ancestor in node.iterancestors())


# A region named as one of the post's own parts around its text ("post-footer", "entry-meta", "post-tags",
# "Post-module--post__footer"), wherever the theme put it: a Hugo theme closes the post with a
# <footer class="post-footer"> outside any <article>. Not "post_content": a wrapper may hold the sidebar too.
_POSTS_OWN = re.compile(r"(?:post|entry|article)[-_]*(?:footer|meta|tags?|info|taxonomy|categor|terms|details)", re.I)


def _is_posts(marks: list[str]) -> bool:
    return any(_POSTS_OWN.search(mark) for mark in marks)


def in_post(element: HtmlElement) -> bool:
    """True when ``element`` sits in the post's own markup: an ``<article>``, an hAtom entry, or a region
    named as one of the post's parts; not in a menu or sidebar beside it."""
    for node in element.iterancestors():
        marks = (node.get("class") or "").split()
        if node.tag == "article" or "hentry" in marks or "h-entry" in marks or _is_posts(marks):
            return True
    return False



# ---------------------------------------------------------------------------------------------------
# Dates

# Page regions whose dates are never the article's own: sidebars, related lists, comments, footers.
_FURNITURE_TAGS = {"aside", "footer", "nav"}
_FURNITURE_WORDS = re.compile(r"sidebar|related|comment|widget|teaser|recommend", re.I)
# Dates that are not the piece's: today's date in a site's top bar, weather boxes, tickers, teasers, lists
# of other posts, a forum's clock.
_NOT_ARTICLE_DATE = re.compile(
    r"weather|top-?bar|top-?menu|header-top|top-?date|(?<![a-z])nav|current|today|ticker|breaking|teaser|card|"
    r"timestamp-list|rs_skip|event|(?<!icon-)(?<!fa-)calendar|archive|copyright|updat|modified|datetime-local|(?<![a-z])feed|"
    r"popular|most-?viewed|mostread|similar|more-?(?:articles|posts|stories|news)|(?<![a-z])head(?:er)?-date|"
    r"masthead|site-header|(?:page|site|global)-?footer",
    re.I)


def in_date_furniture(element: HtmlElement) -> bool:
    """True when the element sits in a page region whose dates are not the article's.

    The page's own ``<body>`` classes ("no-sidebars", "archive") and those of the frames around its
    ``<main>`` ("content-sidebar-wrap", "with-sidebar-right") say nothing about where the element is,
    and an ``<aside>`` or ``<footer>`` inside an ``<article>`` holds that article's own details.
    """
    node = element
    while node is not None and node.tag not in ("body", "html", "main"):
        if node.tag == "nav" or (node.tag in _FURNITURE_TAGS and next(node.iterancestors("article"), None) is None):
            return True
        marks = region_marks(node)
        if marks.strip() and _FURNITURE_WORDS.search(marks):
            return True
        # "entry-date published updated": a publication mark on the date itself outweighs "updated"
        if marks.strip() and _NOT_ARTICLE_DATE.search(marks) and not (node is element and "ublish" in marks):
            return True
        node = node.getparent()
    return False


# ---------------------------------------------------------------------------------------------------
# Pictures

# Regions whose pictures are not the piece's: author boxes, related and
# recommended lists, comments, sidebars. Only the regions inside the page's body count: a class on
# <body> or <main> ("single-post has-sidebar") says nothing about one picture.
# Whole words of a class name only: "article-type-commentary" is a kind of piece, not its comments.
_NOT_IMAGE_AREA = re.compile(
    r"(?<![A-Za-z])(?i:authors?|byline|avatar|profile|related|recommend\w*|comments?|sidebar)(?![a-z])"
)
# A video's or a podcast's player: its title and running time are not a picture's caption. A teaser box
# points to another piece. Only the caption's own wrappers count: "has-video" on the whole article or
# "advanced-teaser" on the page's header says nothing about one picture, and neither does a class that
# names the picture too ("teaser-image", "article-image-video").
_PLAYER_AREA = re.compile(r"(?<![A-Za-z])(?i:video|audio|player|podcast)(?![a-z])")
_TEASER_AREA = re.compile(r"(?<![A-Za-z])(?i:teasers?)(?![a-z])")
_PICTURE_WORD = re.compile(r"image|img|photo|picture|foto|bild", re.I)


def is_other_pictures_area(names: str) -> bool:
    """A region (its class and id) whose pictures are not the piece's."""
    return bool(_NOT_IMAGE_AREA.search(names))


def holds_other_content(element: HtmlElement, names: str) -> bool:
    """A wrapper's class or id naming a teaser box, or a player around anything but a figure's caption."""
    if _PICTURE_WORD.search(names):
        return False
    return bool(_TEASER_AREA.search(names) or (element.tag != "figcaption" and _PLAYER_AREA.search(names)))
