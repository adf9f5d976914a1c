"""Golden cases for the extraction rules, on hand-written pages (no real site's text)."""

from __future__ import annotations

import gzip
import json
import warnings
from datetime import datetime

import pytest

from archiver.extraction import extract
from archiver.extraction.batch import run_manifest
from archiver.extraction.byline import author_names, parse_byline_line
from archiver.extraction.dates import parse_dateline

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of a made-up article about harbour cranes, tariffs and the long memory of dock workers; "
    f"it is long enough to be the body of a real piece of writing, sentence after sentence.</p>" for i in range(6)
)


def page(head: str = "", article: str = "", outside: str = "") -> str:
    return (f"<html lang='en'><head><title>Cranes</title>{head}</head><body><header>Harbour Notes</header>"
            f"<article><h1>Cranes at dawn</h1>{article}{PARAGRAPHS}</article>{outside}</body></html>")


# --- bylines -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "names"), [
    ("Opinion by Jane Doe", ["Jane Doe"]),
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("Guest editorial by Ana Lima, Harbour Weekly", ["Ana Lima"]),
    ("Von Max Mustermann und Erika Beispiel", ["Max Mustermann", "Erika Beispiel"]),
    ("Par Jeanne Exemple", ["Jeanne Exemple"]),
    ("Por María Ejemplo y Pedro Muestra", ["María Ejemplo", "Pedro Muestra"]),
    ("Di Giulia Esempio", ["Giulia Esempio"]),
    ("Posted by Sam Sample", ["Sam Sample"]),
    ("— by Sam Sample", ["Sam Sample"]),
    ("Blog Beitrag von Erika Beispiel", ["Erika Beispiel"]),
    ("Gastbeitrag von Erika Beispiel", ["Erika Beispiel"]),
    ("The harbour is quiet by the evening", None),
    ("- von oben nach unten", None),
])
def test_byline_lines(line: str, names: list[str] | None) -> None:
    assert parse_byline_line(line) == names


@pytest.mark.parametrize(("value", "names"), [
    ("Unknown", []), ("admin", []), ("website", []), ("Anonymous", []), ("Google", []), ("Harbour Notes", []),
    ("A. Writer, B. Writer & C. Writer", ["A. Writer", "B. Writer", "C. Writer"]),
    ("By Jane Doe | 7 January", ["Jane Doe"]),
    ("jane@example.org", []),
])
def test_author_fields_reject_placeholders_and_the_site(value: str, names: list[str]) -> None:
    assert author_names(value, site_names={"harbournotes"}) == names


def test_jsonld_author_resolved_through_graph_and_visible() -> None:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "Cranes at dawn", "datePublished": "2021-05-04T09:30:00+02:00",
         "author": {"@id": "#p1"}},
        {"@type": "Person", "@id": "#p1", "name": "Rosa Beispiel"}]}
    html = page(f"<script type='application/ld+json'>{json.dumps(ld)}</script>",
                "<div class='byline'>Rosa Beispiel</div>")
    record = extract("https://harbour.example/cranes", html)
    assert record["byline"] == ["Rosa Beispiel"] and record["field_sources"]["byline"] == "jsonld:author"
    assert record["published"] == "2021-05-04T09:30:00+02:00"


def test_jsonld_strings_escaped_as_html_are_read_as_text() -> None:
    # Ghost writes its JSON-LD's strings HTML-escaped; a script's text is never decoded by the page's parser.
    ld = {"@context": "https://schema.org", "@type": "Article",
          "headline": "Why we don&#x27;t add target&#x3D;&quot;_blank&quot; &amp; more", "author": {"name": "Rosa Beispiel"}}
    html = page(f"<script type='application/ld+json'>{json.dumps(ld)}</script>", "<div class='byline'>Rosa Beispiel</div>")
    record = extract("https://harbour.example/cranes", html.replace("<title>Cranes</title>", ""))
    assert record["title"] == 'Why we don\'t add target="_blank" & more', record["field_sources"]


@pytest.mark.parametrize("script", [
    # a template's comments, as a Blogger template's JSON-LD snippet carries them
    '{"@type": "BlogPosting", "headline": "Cranes at dawn", "author": {"@type": "Person", "name": "Rosa Beispiel",\n'
    '  /* Get Blogger profile url, otherwise homepage url will be shown */\n  "url": "https://harbour.example/"},\n'
    ' "datePublished": "2021-05-04T09:30:00+02:00"}',
    # a statement's semicolon after the object, and a trailing comma
    '{"@type": "NewsArticle", "headline": "Cranes at dawn", "author": {"name": "Rosa Beispiel"}, '
    '"datePublished": "2021-05-04T09:30:00+02:00",};',
])
def test_jsonld_that_is_not_json_as_written_is_read_as_meant(script: str) -> None:
    html = page(f"<script type='application/ld+json'>{script}</script>", "<div class='byline'>Rosa Beispiel</div>")
    record = extract("https://harbour.example/cranes", html)
    assert (record["byline"], record["field_sources"]["byline"]) == (["Rosa Beispiel"], "jsonld:author")
    assert (record["published"], record["field_sources"]["published"]) == ("2021-05-04T09:30:00+02:00", "jsonld:datePublished")


def _generated_post(posts: int = 1) -> str:
    """A static generator's page: the site's name its <title>, each post an <article> microdata types as a
    BlogPosting, named by the link in its h2."""
    item = ("<article itemscope='itemscope' itemtype='http://schema.org/BlogPosting'><header><h2>"
            "<a itemprop='name' href='/2012/cranes.html'>Cranes at dawn on the old quay</a></h2></header>"
            f"<section>{PARAGRAPHS}</section><span itemprop='author' itemscope itemtype='http://schema.org/Person'>"
            "<span itemprop='name'>Jane Roe</span></span></article>")
    return f"<html lang='en'><head><title>Harbour Notes</title></head><body><h1>Harbour Notes</h1>{item * posts}</body></html>"


def test_the_headline_of_the_one_article_microdata_types_is_the_title_where_no_meta_tag_names_one() -> None:
    record = extract("https://harbour.example/2012/cranes.html", _generated_post())
    assert (record["title"], record["field_sources"]["title"]) == ("Cranes at dawn on the old quay", "microdata:name")
    # an og:title stands: a news site's microdata headline may carry its kicker
    tagged = _generated_post().replace("</title>", "</title><meta property='og:title' content='Cranes at dawn'>")
    assert extract("https://harbour.example/2012/cranes.html", tagged)["title"] == "Cranes at dawn"
    # a listing of several names no title of its own
    assert extract("https://harbour.example/", _generated_post(3))["field_sources"].get("title") != "microdata:name"


def test_open_graph_article_tags_are_the_posts_tags() -> None:
    head = "".join(f"<meta property='article:tag' content='{tag}' />" for tag in ("Tech", "javascript", "Tech", "Security"))
    record = extract("https://harbour.example/cranes", page(head))
    assert record["tags"] == ["Tech", "javascript", "Security"]
    assert record["field_sources"]["tags"] == "meta:article:tag"
    hinted = extract("https://harbour.example/cranes", page(head), hints={"tags": ["Ports"]})
    assert hinted["tags"] == ["Ports"]  # the listing's tags stand


@pytest.mark.parametrize(("article", "outside", "tags"), [
    # Links to the blog's term pages in the post's own markup (Octopress, Pelican, Hexo's "# tag").
    ("<footer><a class='category' href='/blog/categories/gpg/'>GPG</a></footer>", "", ["GPG"]),
    ("<div class='meta'><a href='https://harbour.example/tag/cranes.html'>cranes</a>"
     "<a href='/tag/tariffs.html'>tariffs</a></div>", "", ["cranes", "tariffs"]),
    ("<div class='tags'><a href='/tags/dock-work/'># dock work</a></div>", "", ["dock work"]),
    # Marked rel=tag (microformats), wherever the theme printed them.
    ("", "<p><a rel='category tag' href='/?cat=3'>Ports</a></p>", ["Ports"]),
    # A region named as the post's own outside any <article> (Hugo's post footer, a Gatsby theme's module).
    ("", "<footer class='post-footer'><ul class='post-tags'><li><a href='/tags/race'>Race</a></li></ul></footer>",
     ["Race"]),
    ("", "<div class='Post-module--post__footer--3WzWU'><a href='/tag/aws/'>AWS</a></div>", ["AWS"]),
    # The blog's terms beside the post are not the post's: a menu, a sidebar's list or cloud, the
    # tags of related posts, a link to the list of all tags.
    ("", "<ul class='menu'><li><a href='/category/news/'>News</a></li><li><a href='/category/sport/'>Sport</a></li></ul>",
     []),
    ("", "<div class='sidebar'><a rel='tag' href='/tag/a/'>Alpha</a><a rel='tag' href='/tag/b/'>Beta</a></div>", []),
    ("<div class='related-posts'><a href='/tag/ferries/'>Ferries</a></div>", "", []),
    ("<footer><a href='/tags/'>All tags</a></footer>", "", []),
])
def test_a_posts_links_to_its_term_pages_are_its_tags(article: str, outside: str, tags: list[str]) -> None:
    record = extract("https://harbour.example/cranes", page(article=article, outside=outside))
    assert record["tags"] == tags
    assert record["field_sources"].get("tags") == ("markup:term-links" if tags else None)


def test_a_platforms_own_tags_and_the_listings_stand_before_term_links() -> None:
    html = page(article="<footer><a href='/tags/cranes/'>cranes</a></footer>")
    assert extract("https://harbour.example/cranes", html, hints={"tags": ["Ports"]})["tags"] == ["Ports"]


def test_structured_author_never_shown_is_not_a_byline() -> None:
    html = page("<meta name='author' content='Seo Default Person'>")
    assert extract("https://harbour.example/cranes", html)["byline"] == []


def test_sidebar_profile_is_not_markup_evidence() -> None:
    html = page(outside="<aside class='sidebar'><a rel='author' href='/author/sam'>Sam Sidebar</a></aside>")
    assert not extract("https://harbour.example/cranes", html)["field_sources"].get("byline", "").startswith("markup:")


def test_rel_author_markup_in_article() -> None:
    html = page(article="<p class='meta'>by <a rel='author' href='/author/lena'>Lena Muster</a></p>")
    record = extract("https://harbour.example/cranes", html)
    assert record["byline"] == ["Lena Muster"] and record["field_sources"]["byline"] == "markup:rel=author"
    assert "Lena Muster" not in record["body"]


def test_rel_author_markup_in_a_footer_named_as_the_posts() -> None:
    # A theme that closes the post with its own footer outside the <article>; the page's footer is furniture.
    footer = "<footer class='{}'>Written by <a rel='author' href='/author/lena'>Lena Muster</a></footer>"
    record = extract("https://harbour.example/cranes", page(outside=footer.format("post-footer")))
    assert record["byline"] == ["Lena Muster"] and record["field_sources"]["byline"] == "markup:rel=author"
    record = extract("https://harbour.example/cranes", page(outside=footer.format("site-footer")))
    assert not record["field_sources"].get("byline", "").startswith("markup:")


# --- dates -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "iso"), [
    ("January 7 at 7:32 am Taiwan Time", "2022-01-07T07:32:00+08:00"),
    ("March 3, 2021 at 6:15 pm ET", "2021-03-03T18:15:00-05:00"),
    ("Updated 5 May 2021 10:00 GMT+8", "2021-05-05T10:00:00+08:00"),
    # other languages: the day, the time when printed, the post's zone when the line gives none
    ("7. Januar 2022, 19:32 Uhr", "2022-01-07T19:32:00+08:00"),
    ("Veröffentlicht am Freitag, 7. Januar", "2022-01-07T00:00:00+08:00"),
    ("7 janvier 2022 à 19h32", "2022-01-07T19:32:00+08:00"),
    ("viernes, 7 de enero de 2022, 7:32 p. m.", "2022-01-07T19:32:00+08:00"),
    ("venerdì 7 gennaio 2022 alle ore 19:32", "2022-01-07T19:32:00+08:00"),
    ("7 januari 2022 om 19.32 uur", "2022-01-07T19:32:00+08:00"),
    ("07.01.2022, 19:32", "2022-01-07T19:32:00+08:00"),
])
def test_datelines(line: str, iso: str) -> None:
    reference = datetime.fromisoformat("2022-01-07T09:48:00+08:00") if "2021" not in line else None
    parsed = parse_dateline(line, reference)
    assert parsed is not None and parsed.value.isoformat() == iso


@pytest.mark.parametrize(("line", "iso"), [
    ("March 3, 2021 10:00 MI", "2021-03-03T10:00:00"),  # a word dateutil takes for a zone it does not know
    ("March 3, 2021 10:00 +0200", "2021-03-03T10:00:00+02:00"),
])
def test_a_datelines_unknown_zone_word_is_no_zone_and_raises_no_warning(line: str, iso: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dateutil warns, and says a future version will raise
        parsed = parse_dateline(line)
    assert parsed is not None and parsed.value.isoformat() == iso


@pytest.mark.parametrize("line", [
    "Am 7. Januar gab es Streit im Hafen",  # prose that starts with a day
    "Berlin, 7. Januar 2022",  # a place: the byline's, not a date line alone
    "Mai 2021",  # no day
    "Aktualisiert am 19.02.2022",  # a revision's day, not the piece's
])
def test_lines_that_are_not_datelines(line: str) -> None:
    assert parse_dateline(line, datetime.fromisoformat("2022-01-09T09:48:00+08:00")) is None


@pytest.mark.parametrize(("byline", "dateline", "name", "original"), [
    ("By Jane Doe", "June 2 at 8:00 am ET", "Jane Doe", "2020-06-02T08:00:00-04:00"),
    # no zone printed: the post's own
    ("Von Erika Beispiel", "2. Juni 2020, 8:00 Uhr", "Erika Beispiel", "2020-06-02T08:00:00+02:00"),
])
def test_dateline_of_a_repost_in_the_body_is_original_published(byline: str, dateline: str, name: str,
                                                                 original: str) -> None:
    head = "<meta property='article:published_time' content='2020-06-03T10:00:00+02:00'>"
    record = extract("https://harbour.example/cranes", page(head, f"<p>{byline}</p><p>{dateline}</p>"))
    assert record["byline"] == [name]
    assert record["original_published"] == original
    assert record["published"] == "2020-06-03T10:00:00+02:00"
    assert dateline not in record["body"]


def test_date_in_related_list_or_script_is_ignored() -> None:
    outside = ("<div class='related-posts'><time datetime='2019-01-01T00:00:00Z'>1 Jan</time></div>"
               "<script>var published = '2018-02-02T00:00:00Z';</script>")
    article = "<header><time datetime='2021-09-09T12:00:00+01:00'>9 Sept 2021</time></header>"
    record = extract("https://harbour.example/cranes", page(article=article, outside=outside))
    assert record["published"] == "2021-09-09T12:00:00+01:00"


@pytest.mark.parametrize("markup", [
    "<figure><img src='/a.jpg'><figcaption>A crane at dawn. Photo: Jane Doe</figcaption></figure>",
    "<figure class='wp-block-image'><img src='/a.jpg'><figcaption class='wp-element-caption'>A crane at dawn. "
    "Photo: Jane Doe</figcaption></figure>",
    "<div class='wp-caption'><img src='/a.jpg'><p class='wp-caption-text'>A crane at dawn. Photo: Jane Doe</p></div>",
    "<figure><img src='/a.jpg'><figcaption>A crane at dawn. <span class='credit'>Jane Doe</span></figcaption></figure>",
    "<table class='tr-caption-container'><tr><td><a href='/a.jpg'><img src='/a-small.jpg'></a></td></tr>"
    "<tr><td class='tr-caption'>A crane at dawn. Photo: Jane Doe</td></tr></table>",
    # A template's own caption class beside the picture, in either case, in German too.
    "<div class='media'><div class='media__image'><img src='/a.jpg'></div>"
    "<div class='media__info'><span class='ImageCaptionText'>A crane at dawn. Photo: Jane Doe</span></div></div>",
    "<div class='bild'><picture><img src='/a.jpg'></picture><p class='bildunterschrift'>A crane at dawn. "
    "Foto: Jane Doe</p></div>",
    # A figure's second caption holding only the credit, with a button and an icon inside.
    "<figure><img src='/a.jpg'><figcaption class='wp-element-caption'>A crane at dawn.</figcaption>"
    "<figcaption class='wp-element-caption'><strong>Image Credits:</strong> Jane Doe"
    "<button>Show more</button><svg><title>Expand icon</title></svg></figcaption></figure>",
])
def test_caption_markups(markup: str) -> None:
    record = extract("https://harbour.example/cranes", page(article=markup))
    assert record["captions"] == [{"text": "A crane at dawn.", "credit": "Jane Doe",
                                   "image_url": "https://harbour.example/a.jpg"}]
    assert "A crane at dawn" not in record["body"]


@pytest.mark.parametrize("markup", [
    # an author box's portrait
    "<div class='author-box'><figure><img src='/me.jpg'><figcaption>Von Jane Doe, Redakteurin</figcaption></figure></div>",
    # a byline line in a caption element
    "<figure><img src='/me.jpg'><figcaption>Von Jane Doe, Redakteurin 09.09.2025, 15:15 Uhr</figcaption></figure>",
    # a pull quote's source line
    "<figure><blockquote><p>Cranes never sleep.</p></blockquote><figcaption>Jane Doe, crane operator</figcaption></figure>",
    # a teaser card linking to another piece
    "<a href='/other'><figure><img src='/b.jpg'><figcaption>Another piece about ships</figcaption></figure></a>",
    "<div class='related-posts'><figure><img src='/b.jpg'><figcaption>Another piece about ships</figcaption></figure></div>",
])
def test_not_captions_of_the_piece(markup: str) -> None:
    assert extract("https://harbour.example/cranes", page(article=markup))["captions"] == []


# --- body --------------------------------------------------------------------------------------------

def test_body_keeps_paragraphs_and_drops_furniture() -> None:
    record = extract("https://harbour.example/cranes", page(article="<p>Share this:</p>"))
    body = record["body"]
    assert body.count("\n\n") >= 5 and "Share this" not in body


# --- manifest runner ---------------------------------------------------------------------------------

def test_run_manifest(tmp_path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text(page(article="<p>By Jane Doe</p>"), encoding="utf-8")
    (tmp_path / "pages" / "b.html.gz").write_bytes(gzip.compress(page().encode()))
    lines = [{"id": "a", "url": "https://harbour.example/a", "path": "pages/a.html"},
             {"id": "b", "url": None, "path": "pages/b.html.gz"},
             {"id": "c", "url": None, "path": "pages/missing.html"}]
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(line) + "\n" for line in lines) + "not json\n")
    out = tmp_path / "out.jsonl"
    summary = run_manifest(manifest, out, jobs=2, progress=False)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [row["id"] for row in rows] == ["a", "b", "c", None]
    assert rows[0]["byline"] == ["Jane Doe"] and rows[0]["body"] and "field_sources" in rows[0]
    assert rows[1]["title"] == "Cranes at dawn" or rows[1]["title"]
    assert "error" in rows[2] and "error" in rows[3]
    assert summary.pages == 4 and summary.ok == 2 and summary.failed == 2


# --- the date printed in the article's header --------------------------------------------------------

def test_shown_date_beats_a_utc_timestamp_across_midnight():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-03-04T22:30:00Z"}</script>'
    record = extract("https://example.org/a", page(head=head, article='<p class="article-meta">5. März 2021, 00:30 Uhr</p>'))
    assert record["published"].startswith("2021-03-05")
    assert record["field_sources"]["published"] == "markup:shown-date"


def test_shown_date_that_is_the_modified_day_wins_over_a_stale_published():
    head = ('<meta property="article:published_time" content="2020-01-10T09:00:00+01:00">'
            '<meta property="article:modified_time" content="2021-06-02T09:00:00+01:00">')
    record = extract("https://example.org/a", page(head=head, article='<span class="date">2 June 2021</span>'))
    assert record["published"].startswith("2021-06-02")


def test_shown_date_far_from_structured_date_is_ignored_and_top_bar_dates_never_count():
    head = '<meta property="article:published_time" content="2020-01-10T09:00:00+01:00">'
    html = page(head=head, article='<span class="date">2 June 2021</span>')
    assert extract("https://example.org/a", html)["published"].startswith("2020-01-10")
    html = page(article='<p>Nothing dated here.</p>').replace(
        "<header>Harbour Notes</header>", '<div class="top-bar"><span class="date">Monday, 7 June 2021</span></div>')
    assert extract("https://example.org/a", html)["field_sources"].get("published") != "markup:shown-date"


def test_an_override_keeps_what_it_replaced_and_an_empty_one_takes_the_value_back() -> None:
    from archiver.extraction.fields import FieldSet

    fields = FieldSet()
    fields.offer("published", "2024-01-02", "jsonld:datePublished")
    assert not fields.offer("published", "2024-01-05", "trafilatura:htmldate")
    fields.override("published", "2024-01-05", "markup:shown-date")
    assert (fields.get("published"), fields.sources["published"]) == ("2024-01-05", "markup:shown-date")
    fields.override("published", None, "")
    assert not fields.has("published") and "published" not in fields.sources
    assert fields.replaced["published"] == [("2024-01-02", "jsonld:datePublished"), ("2024-01-05", "markup:shown-date")]



@pytest.mark.parametrize(("og_title", "headings", "title"), [
    # The site's name after the headline, known nowhere but as what is left beside the page's h1.
    ("金融業の人が胡散臭く見えてしまう理由 | 金融エンジニアの諦観シンプルライフ", "<h1>金融業の人が胡散臭く見えてしまう理由</h1>",
     "金融業の人が胡散臭く見えてしまう理由"),
    ("Tomaten richtig schneiden - Tipp mit Bild", "<h1>Tomaten richtig schneiden</h1>", "Tomaten richtig schneiden"),
    # The h1 is a section's name and the headline is a heading too: the title stays whole.
    ("Fachmeldungen - Verkündung des Gesetzes", "<h1>Fachmeldungen</h1><h2>Verkündung des Gesetzes</h2>",
     "Fachmeldungen - Verkündung des Gesetzes"),
    # No heading says which part is the headline: the title stays whole.
    ("Leasing oder Finanzierung | Der große Vergleich", "<h2>Alles zum Thema</h2>",
     "Leasing oder Finanzierung | Der große Vergleich"),
])
def test_a_title_keeps_the_part_the_pages_headline_shows(og_title: str, headings: str, title: str) -> None:
    paragraphs = "".join(f"<p>Paragraph {i} of a made-up article about prices, loans and the weather.</p>" for i in range(5))
    html = (f"<html><head><meta property='og:title' content='{og_title}'><title>{og_title}</title></head>"
            f"<body><article>{headings}{paragraphs}</article></body></html>")
    assert extract("https://site.example/a/b.html", html)["title"] == title


@pytest.mark.parametrize(("og_title", "title"), [
    ("CSS - flexbox - Jane Roe", "CSS - flexbox"),
    ("Jane Roe | Rates: a primer | Part 2", "Rates: a primer | Part 2"),
    ("Rates - a primer", "Rates - a primer"),
])
def test_the_sites_name_leaves_a_title_whose_headline_holds_a_separator(og_title: str, title: str) -> None:
    # The site's name is known (og:site_name); what is left is the headline, separators and all.
    paragraphs = "".join(f"<p>Paragraph {i} of a made-up post about layouts, grids and the weather.</p>" for i in range(5))
    html = (f"<html><head><meta property='og:title' content='{og_title}'><meta property='og:site_name' content='Jane Roe'>"
            f"<title>{og_title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>")
    assert extract("https://janeroe.example/posts/css-flexbox/", html)["title"] == title
