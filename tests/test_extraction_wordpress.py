"""Golden cases for WordPress themes' markup: a post's headline, on hand-written pages shaped as themes
print them (no real site's text)."""

from __future__ import annotations

import pytest

from archiver.extraction import extract

URL = "https://harbour.example/2008/12/18/cranes-at-dawn/"
TEXT = "".join(f"<p>Paragraph {i} of a made-up post about harbour cranes and the people who drive them, long enough "
               f"to be the body of a real piece of writing.</p>" for i in range(5))


def old_theme(headline: str = "<h2 class='entry-title'>Cranes at dawn</h2>", sidebar: str = "",
              posts: int = 1, terms: str = "category-harbour", content: str = "") -> str:
    """A theme of the 2000s: the blog's name is the page's one h1, each post a ``div.hentry`` titled by an h2,
    with WordPress's classes for the post's categories and tags (``terms``)."""
    entries = "".join(f"<div id='post-{n}' class='post-{n} post type-post status-publish hentry {terms}'>{headline}"
                      f"<div class='entry-content'>{content}{TEXT}</div></div>" for n in range(posts))
    return ("<html lang='en'><head><title>Cranes at dawn | Harbour Notes</title>"
            "<meta name='generator' content='WordPress 3.5'></head><body class='single single-post'>"
            f"<div id='header'><h1 id='blog-title'>Harbour Notes</h1></div><div id='content'>{entries}</div>"
            f"<div id='sidebar' class='sidebar'>{sidebar}</div></body></html>")


def test_the_posts_headline_is_its_title_not_the_blogs_name_in_the_h1() -> None:
    record = extract(URL, old_theme())
    assert record["title"] == "Cranes at dawn"
    assert record["field_sources"]["title"] == "wordpress:entry-title"


def kubrick(meta_line: str, ratings: str = "") -> str:
    """WordPress's default theme until 2010 (Kubrick) and its derivatives: the blog's name in an h1 and its
    tagline under it, the post a ``div.post`` with an h2 headline and a ``div.entrytext``, no body classes."""
    return ("<html lang='de'><head><title>Harbour Notes » Blog Archive » Cranes at dawn</title>"
            "<link rel='stylesheet' href='/wp-content/themes/default/style.css'></head><body><div id='page'>"
            "<div id='header'><div id='headerimg'><h1><a href='/'>Harbour Notes</a></h1>"
            "<div class='description'>Notes from the harbour, where the cranes are</div></div></div>"
            "<div id='content' class='widecolumn'><div class='post' id='post-19752'>"
            "<h2><a href='/cranes-at-dawn/' rel='bookmark' title='Permanent Link: Cranes at dawn'>Cranes at dawn</a></h2>"
            f"<div class='entrytext'>{TEXT}{ratings}<p class='postmetadata alt'><small>{meta_line}</small></p></div></div>"
            "</div></div></body></html>")


def test_kubricks_post_headline_text_and_meta_line() -> None:
    ratings = ("<div class='post-ratings' itemscope itemtype='https://schema.org/Article'>[ <strong>41</strong> Stimmen |"
               " <strong>3,83</strong>/5 ]<meta itemprop='headline' content='Cranes at dawn'></div>")
    meta_line = ("This entry was posted by <span class='author'>Jane Doe</span> on Thursday, December 18th, 2008 at 7:00 am"
                 " and is filed under <a href='/category/harbour/' rel='category tag'>Harbour</a>.")
    record = extract(URL, kubrick(meta_line, ratings))
    assert (record["title"], record["field_sources"]["title"]) == ("Cranes at dawn", "wordpress:entry-title")
    assert record["body"].startswith("Paragraph 0") and record["body"].endswith("a real piece of writing.")
    assert record["byline"] == ["Jane Doe"]  # read from the meta line before it leaves the body


@pytest.mark.parametrize("kicker", [
    "<span class='entry-title__toptitle'>Port strike</span>", "<span class='roofline'>Port strike </span>",
    "<span class='sub-heading'>Port strike:</span> ", "<span class='kicker'>Port strike</span>",
])
def test_a_kicker_printed_in_the_headline_is_not_part_of_the_title(kicker: str) -> None:
    headline = f"<h1 class='entry-title'>{kicker}Cranes at dawn</h1>"
    assert extract(URL, old_theme(headline=headline))["title"] == "Cranes at dawn"


def test_a_headline_with_a_subtitle_class_keeps_it() -> None:
    headline = "<h1 class='entry-title'><span class='article-subtitle'>Port strike</span> Cranes at dawn</h1>"
    assert extract(URL, old_theme(headline=headline))["title"] == "Port strike Cranes at dawn"


def test_a_listing_of_several_headlines_or_one_in_the_sidebar_gives_no_title_of_its_own() -> None:
    assert extract(URL, old_theme(posts=3))["field_sources"]["title"] != "wordpress:entry-title"
    sidebar = "<h2 class='entry-title widget-title'>Recent posts</h2>"
    page = old_theme(headline="<h2 class='post-title'>Cranes at dawn</h2>", sidebar=sidebar)
    assert extract(URL, page)["title"] != "Recent posts"


def test_an_older_themes_hatom_publication_time_dates_the_post() -> None:
    meta = ("<div class='entry-meta'>Posted <abbr class='published' title='2008-12-18T09:15:10+0000'>"
            "December 18, 2008</abbr></div>")
    page = old_theme(headline=f"<h2 class='entry-title'>Cranes at dawn</h2>{meta}")
    record = extract(URL, page)
    assert record["published"] == "2008-12-18T09:15:10+00:00"
    assert record["field_sources"]["published"] == "markup:hatom-published"


def test_the_posts_category_and_tag_links_are_its_tags_and_a_sidebars_tag_cloud_is_not() -> None:
    meta = ("<div class='entry-meta'>Posted in <a href='/category/harbour/' rel='category tag'>Harbour</a> | "
            "Tagged <a href='/tag/cranes/' rel='tag'>cranes</a>, <a href='/tag/night-shift/' rel='tag'>night shift</a>"
            "</div>")
    cloud = "<div class='widget widget_tag_cloud'><a href='/tag/ferries/' rel='tag'>ferries</a></div>"
    page = old_theme(headline=f"<h2 class='entry-title'>Cranes at dawn</h2>{meta}", sidebar=cloud)
    record = extract(URL, page)
    assert record["tags"] == ["Harbour", "cranes", "night shift"]
    assert record["field_sources"]["tags"] == "wordpress:rel-tag"


def test_a_one_line_post_keeps_its_line_without_the_headline_and_meta_line_beside_it() -> None:
    page = old_theme(headline=("<h2 class='entry-title'>Harbour webcam</h2><div class='entry-meta'>October 4, 2007 "
                               "| By Harbour Notes | Posted in asides | Tagged video</div>"))
    page = page.replace(f"<div class='entry-content'>{TEXT}</div>",
                        "<div class='entry-content'><p>Watch the cranes here.</p></div>"
                        "<div class='entry-utility'>Comments Off</div>")
    assert extract(URL, page)["body"] == "Watch the cranes here."


@pytest.mark.parametrize("terms", [
    "tag-widget", "category-events", "tag-news-feed", "tag-current-state", "category-updates", "tag-archive",
    "tag-popular tag-comments", "tag-related-reading tag-sidebar",
])
def test_the_classes_naming_a_posts_tags_and_categories_hide_none_of_its_fields(terms: str) -> None:
    """post_class() names a post tagged "widget" or filed under "Events" on its element: its date, its
    byline and its pictures are still its own, not a widget's, an event calendar's or a comment's."""
    meta = ("<div class='entry-meta'><time class='entry-date published' datetime='2008-10-29T09:29:47+00:00'>"
            "October 29, 2008</time> by <span class='author vcard'><a class='url fn n' href='/author/jdoe/'>"
            "Jane Doe</a></span></div>")
    figure = ("<figure class='wp-caption'><img src='https://harbour.example/cranes.jpg' alt=''>"
              "<figcaption>Cranes over the container terminal at dawn.</figcaption></figure>")
    page = old_theme(headline=f"<h2 class='entry-title'>Cranes at dawn</h2>{meta}", terms=terms, content=figure)
    record = extract(URL, page)
    assert record["published"] == "2008-10-29T09:29:47+00:00"
    assert record["byline"] == ["Jane Doe"]
    assert [caption["text"] for caption in record["captions"]] == ["Cranes over the container terminal at dawn."]
    # The same words as a region's own classes still mark furniture.
    widget = old_theme(sidebar="<div class='widget recent-posts'><time datetime='2008-11-02T10:00:00+00:00'>"
                               "November 2, 2008</time></div>")
    assert extract(URL, widget)["published"] != "2008-11-02T10:00:00+00:00"


@pytest.mark.parametrize(("account", "byline"), [("Jane Doe", ["Jane Doe"]), ("admin", []), ("website", [])])
def test_the_byline_names_the_author_account_unless_it_is_a_placeholder(account: str, byline: list[str]) -> None:
    # A 2010s default theme's meta line: "Author <a class='url fn n'>admin</a>", the install's first account.
    meta = ("<footer class='entry-footer'><span class='byline'><span class='author vcard'><span class='screen-reader-text'>"
            f"Author </span><a class='url fn n' href='/author/{account.lower().replace(' ', '-')}/'>{account}</a></span></span>"
            "</footer>")
    page = ("<html lang='en'><head><title>Cranes at dawn | Harbour Notes</title>"
            "<meta name='generator' content='WordPress 4.9'></head><body class='single single-post'>"
            "<article class='post type-post hentry'><header class='entry-header'><h1 class='entry-title'>Cranes at dawn</h1>"
            f"</header><div class='entry-content'>{TEXT}</div>{meta}</article></body></html>")
    assert extract(URL, page)["byline"] == byline


def _commented(comments: str) -> str:
    """A theme that prints no byline, with the post's comment thread as WordPress's default walker prints it."""
    thread = f"<div id='comments'><ol class='commentlist'>{comments}</ol></div>"
    return old_theme().replace("</div></div><div id='sidebar'", f"</div>{thread}</div></div><div id='sidebar'")


def _comment(name: str, classes: str) -> str:
    return (f"<li class='comment {classes}'><div class='comment-author vcard'><cite class='fn'>{name}</cite> says:"
            "</div><p>Thank you for the kind words about the cranes.</p></li>")


def test_the_post_authors_own_comment_names_the_poster_of_a_theme_with_no_byline() -> None:
    # WordPress marks the post author's comments "bypostauthor" whatever the theme.
    page = _commented(_comment("Erika Beispiel", "odd") + _comment("Jane Doe", "byuser comment-author-jdoe bypostauthor"))
    record = extract(URL, page)
    assert record["poster"] == "Jane Doe"
    assert record["field_sources"]["poster"] == "wordpress:bypostauthor"
    assert record["byline"] == ["Jane Doe"]
    # Without the post author's comment, a reader's name credits nobody.
    assert extract(URL, _commented(_comment("Erika Beispiel", "odd")))["byline"] == []


def test_a_theme_s_author_link_leaves_the_post_author_s_comment_name_aside() -> None:
    # The comment says "Jane" where the theme's meta line links "Jane Doe": the byline rules read the link.
    page = _commented(_comment("Jane", "byuser comment-author-jdoe bypostauthor")).replace(
        "<div class='entry-content'>", "<p class='post-info'><a href='/' rel='author external'>Jane Doe</a></p>"
                                       "<div class='entry-content'>")
    record = extract(URL, page)
    assert record["poster"] is None and record["byline"] == ["Jane Doe"]


def _news_theme(meta: str, text: str = TEXT) -> str:
    """A news theme's single post: its meta line classed its own way, a card of another post after the text."""
    card = ("<div class='related-grid'><figure><img src='/b.jpg'></figure><h3><a href='/2008/12/17/ships/'>Ships</a>"
            "</h3><span class='item-metadata posts-author'><a href='/author/erika/'>Erika Beispiel</a></span></div>")
    return ("<html lang='en'><head><title>Cranes at dawn | Harbour Notes</title>"
            "<meta name='generator' content='WordPress 5.7'></head><body class='single single-post'>"
            "<article class='post type-post hentry'><header class='entry-header'><h1 class='entry-title'>Cranes at dawn"
            f"</h1><div class='entry-meta'>{meta}</div></header><div class='entry-content'>{text}</div>{card}"
            "</article></body></html>")


def test_the_link_to_an_accounts_archive_before_the_text_names_the_poster_apart_from_a_guest_byline() -> None:
    meta = "<span class='item-metadata posts-author'><a href='/author/jdoe/'> Jane Doe </a></span>"
    record = extract(URL, _news_theme(meta, "<p>By: Jana Gast</p>" + TEXT))
    assert (record["poster"], record["field_sources"]["poster"]) == ("Jane Doe", "wordpress:author-archive-link")
    assert record["byline"] == ["Jana Gast"]


def test_an_account_known_only_by_its_archive_link_is_no_byline_of_its_own() -> None:
    # The byline rules read that link and credit nobody by a label; the label is no poster either.
    record = extract(URL, _news_theme("<a href='/author/jdoe/'>Autorenseite von</a>"))
    assert record["poster"] is None and record["byline"] == []


def test_the_posters_name_is_its_archive_links_text_not_its_avatars() -> None:
    meta = ("<a href='/author/jdoe/'>Jane Doe</a> <a href='/author/jdoe/'><img src='/avatar.jpg' alt=''></a>")
    assert extract(URL, _news_theme(meta))["poster"] == "Jane Doe"
