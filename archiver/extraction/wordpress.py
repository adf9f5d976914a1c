"""WordPress rules: the post's element and headline, its author accounts, and the furniture themes put inside it."""

from __future__ import annotations

import re
from copy import deepcopy

from lxml.html import HtmlElement

from archiver.extraction.byline import author_names
from archiver.extraction.dom import element_text, first, has_class, has_rel
from archiver.extraction.fields import FieldSet
from archiver.extraction.regions import in_furniture

# Kubrick, WordPress's default theme until 2010, and the many themes made from it: the post is a div.post
# ("post-19752") whose h2 is its headline and whose div.entry (div.entrytext on older single pages) its text.
_KUBRICK_POST = f"//div[{has_class('post')}][starts-with(@id, 'post-')]"
# The first with text: a gallery or widget styled like the post ("ngg-widget entry-content") holds none.
_CONTENT = (f"//article//div[{has_class('entry-content')}][normalize-space()]"
            f" | //div[{has_class('entry-content')}][normalize-space()]"
            f" | {_KUBRICK_POST}/div[{has_class('entry')} or {has_class('entrytext')}][normalize-space()]")
_AUTHORS = (
    f"//article//*[{has_class('byline')}]//*[{has_class('author')}]//a"
    f" | //article//*[{has_class('byline')}]//*[{has_class('fn')}]"
)
# The post's element, as themes mark it.
_IN_POST = f"//*[self::article or {has_class('hentry')}]"
# WordPress marks the comments of the post's own author "bypostauthor" (comment_class(), in core, whatever
# the theme); the comment's author name is the poster's, as written on that comment ("Juanma" on one, "Juan
# María Hernández" on another), so it stands only where the theme prints no author link (rel="author", from
# WordPress's author template tags) for the byline rules to read.
_POST_AUTHOR_COMMENT = f"//*[{has_class('bypostauthor')}]//*[{has_class('fn')}]"
_AUTHOR_TAG_LINK = f"{_IN_POST}//a[{has_rel('author')}]"
# A link to an account's archive (WordPress's /author/<nicename>/) in the post's element, before its text:
# the account that posted it, however the theme classes its meta line (cards of other posts after the text
# link their own).
POSTER_FROM_AUTHOR_ARCHIVE = "wordpress:author-archive-link"
_AUTHOR_ARCHIVE_LINK = (f"{_IN_POST}//a[contains(@href, '/author/')]"
                        f"[following::div[{has_class('entry-content')} or {has_class('entry')}]]")
# The post's headline as the theme prints it (an h2 in older themes, whose one h1 is the blog's name).
_ENTRY_TITLE = f"//*[self::h1 or self::h2 or self::h3][{has_class('entry-title')}] | {_KUBRICK_POST}/h2"
# A kicker printed inside the headline, above or before it ("Immobilienkrise", "Energiewende Oberland:").
_KICKER = re.compile(r"kicker|roofline|overline|top-?title|top-?line|dachzeile|eyebrow|sub-?heading|pre-?title|"
                     r"super-?title", re.I)
# The post's categories and tags as the theme links them (rel="category tag", rel="tag"), in the post.
_TERM_LINKS = f"{_IN_POST}//a[{has_rel('tag')}]"
# Blocks themes and plugins put inside the post's element that are not the post.
FURNITURE = " | ".join(
    f".//*[{has_class(name)}]"
    for name in ("sharedaddy", "jp-relatedposts", "addtoany_share_save_container", "sd-sharing", "wp-block-buttons",
                 "related-posts", "post-navigation", "wpcnt", "jetpack-likes-widget-wrapper", "saboxplugin-wrap")
)
# Blocks inside the post's element that are no part of its text but name its writer, taken out once the
# bylines are read: Kubrick's meta line ("This entry was posted by Jane Doe on … and is filed under …"), the
# WP-PostRatings plugin's stars ("[ 41 votes | 3.83/5 ]") with the post's microdata (its author).
_META_BLOCKS = f".//*[{has_class('postmetadata')} or {has_class('post-ratings')}]"


def _headline(element: HtmlElement) -> str:
    """The headline's text without a kicker printed in it."""
    copy = deepcopy(element)
    for kicker in [child for child in copy if _KICKER.search(child.get("class") or "")]:
        kicker.drop_tree()  # its tail, the headline's own text after it, stays
    return element_text(copy)


def post_body(tree: HtmlElement) -> HtmlElement | None:
    """The post's own element (``div.entry-content``), without share, related-post and button blocks."""
    root = first(tree, _CONTENT)
    if root is None:
        return None
    groups = root.xpath(f".//div[{has_class('wp-block-group')}][.//*[{has_class('wp-block-button')}] or .//form]")
    for block in groups + root.xpath(FURNITURE):  # a group with a button is a call to donate or subscribe
        if block.getparent() is not None:
            block.drop_tree()
    return root


def drop_meta_blocks(root: HtmlElement) -> None:
    """Take the theme's meta blocks out of the post's element (after the bylines are read from them)."""
    for block in root.xpath(_META_BLOCKS):
        if block.getparent() is not None:
            block.drop_tree()


def collect(tree: HtmlElement, fields: FieldSet) -> None:
    """The theme's headline is the title, its category and tag links the tags; its byline names the author
    accounts, one account the poster."""
    headlines = tree.xpath(_ENTRY_TITLE)
    if len(headlines) == 1 and not in_furniture(headlines[0]):  # a single post's page (a listing has one a post)
        fields.offer("title", _headline(headlines[0]), "wordpress:entry-title")
        terms = dict.fromkeys(element_text(a) for a in tree.xpath(_TERM_LINKS) if not in_furniture(a))
        fields.offer("tags", [term for term in terms if term], "wordpress:rel-tag")
    names = list(dict.fromkeys(element_text(a) for a in tree.xpath(_AUTHORS) if element_text(a)))
    if names:
        fields.offer("markup_authors", names, "wordpress:byline")
        if len(names) == 1:
            # With Co-Authors Plus the byline shows the writers, not the account that posted.
            fields.offer("poster", names[0], "wordpress:byline")
    else:
        accounts: dict[str, str] = {}
        for link in tree.xpath(_AUTHOR_ARCHIVE_LINK):
            if not in_furniture(link) and not accounts.get(link.get("href") or ""):  # the name, not its avatar's
                accounts[link.get("href") or ""] = element_text(link)
        if len(accounts) == 1:  # its text as a name ("von Jana Muster"), not a label ("Autorenseite von")
            names = author_names(list(accounts.values()), strict=True, allow_orgs=False, handles=True)
            fields.offer("poster", names[0] if names else None, POSTER_FROM_AUTHOR_ARCHIVE)
    commenter = first(tree, _POST_AUTHOR_COMMENT)
    if commenter is not None and element_text(commenter) and not tree.xpath(_AUTHOR_TAG_LINK):
        fields.offer("poster", element_text(commenter), "wordpress:bypostauthor")
