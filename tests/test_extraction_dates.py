"""Golden cases for the publication date: the day a page prints for its readers, in any language, and
how it is weighed against structured data (hand-written pages, no real site's text)."""

from __future__ import annotations

from datetime import date

import pytest

from archiver.extraction import extract
from archiver.extraction.dates import shown_days
from archiver.extraction.dom import parse_html
from archiver.extraction.published import shown_published, title_dateline

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of a made-up piece about river ferries, timetables and the people who wait for them; "
    f"it runs long enough to be the body of a real post, one sentence after another.</p>" for i in range(6)
)


def page(head: str = "", article: str = "", outside: str = "", body_class: str = "", lang: str = "en",
         top: str = "<header>Ferry Notes</header>") -> str:
    return (f"<html lang='{lang}'><head><title>Ferries</title>{head}</head><body class='{body_class}'>{top}"
            f"<article><h1>Ferries at dusk</h1>{article}{PARAGRAPHS}</article>{outside}</body></html>")


def meta_published(value: str) -> str:
    return f"<meta property='article:published_time' content='{value}'>"


def day_of(record: dict) -> str | None:
    return (record["published"] or "")[:10] or None


# --- reading a printed day --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("19. Oktober 2019", "2019-10-19"),
    ("March 3rd, 2021 at 6:15 pm", "2021-03-03"),
    ("1er mai 2021", "2021-05-01"),
    ("04 de mayo 2022, 12:00 A. M.", "2022-05-04"),
    ("miércoles, 11 mayo 2022 04:10", "2022-05-11"),
    ("3 de maio de 2022", "2022-05-03"),
    ("Notizia del 14 Gennaio 2020", "2020-01-14"),
    ("3 maja 2022", "2022-05-03"),
    ("2022. május 3.", "2022-05-03"),
    ("12 maart 2021", "2021-03-12"),
    ("2022年5月3日", "2022-05-03"),
    ("2021년 3월 9일", "2021-03-09"),
    ("投稿日: 8月 31, 2020", "2020-08-31"),  # WordPress's "F j, Y" in Japanese: the month's name is its number
    ("3월 9, 2021", "2021-03-09"),
    ("4.\u20092.\u20092022", "2022-02-04"),
    ("Mittwoch, 26.02.2020", "2020-02-26"),
    ("19.2.2020 klo 14.00", "2020-02-19"),
    ("2019-01-01", "2019-01-01"),
])
def test_printed_days_in_many_languages(text: str, day: str) -> None:
    assert shown_days(text)[0] == date.fromisoformat(day)


def test_slashed_days_read_both_ways_and_american_pages_read_month_first() -> None:
    assert shown_days("03/05/2022") == [date(2022, 5, 3), date(2022, 3, 5)]
    assert shown_days("03/05/2022", month_first=True) == [date(2022, 3, 5), date(2022, 5, 3)]
    assert shown_days("10/18/2020", month_first=False) == [date(2020, 10, 18)]
    assert shown_days("03.05.2022", month_first=True) == [date(2022, 5, 3)]  # dots are day first everywhere


@pytest.mark.parametrize("text", [
    "Mai 2022", "05/2022", "Version 1.2.3", "08 . 12 . 19 mardi 10 . 12 . 19 11 . 12 . 19",
    "Last updated 04 Jun 2020, originally created 17 Jun 2019",
])
def test_texts_without_one_full_day_give_none(text: str) -> None:
    assert shown_days(text) == []


# --- where a printed day counts -------------------------------------------------------------------

def test_body_classes_do_not_hide_the_article_date() -> None:
    html = page(article="<div class='article-meta'><time>25.01.2022</time></div>",
                body_class="not-front one-sidebar sidebar-first page-node")
    found = shown_published(parse_html(html))
    assert found is not None and found.day == "2022-01-25"


def test_hfeed_wrapper_and_subnav_classes_do_not_hide_the_article_date() -> None:
    html = page(article="<div class='meta'><time>November 8, 2023 at 11:30 p.m.</time></div>",
                top="<div class='subnav_true'></div>").replace("<article>", "<div class='hfeed site'><article>")
    found = shown_published(parse_html(html))
    assert found is not None and found.day == "2023-11-08"


@pytest.mark.parametrize("outside", [
    "<div class='td-content-more-articles-box'><span class='td-post-date'>3. Februar 2022</span></div>",
    "<ol class='similar_threads'><li><div class='dateblock'>Letzter Beitrag: 18.10.2010</div></li></ol>",
    "<section class='curated-feed'><time class='timestamp'>10/18/2020</time></section>",
    "<div id='page-footer'><p class='time'>Aktuelle Zeit: 14.10.2020, 12:18</p></div>",
    "<div class='comment-metadata'><time>24. August 2019 um 03:36 Uhr</time></div>",
])
def test_dates_of_other_posts_comments_and_clocks_are_not_the_articles(outside: str) -> None:
    assert shown_published(parse_html(page(outside=outside))) is None


def test_site_header_date_is_neither_markup_nor_shown() -> None:
    top = ("<header id='head'><div class='navtop'><span class='mod_datetime'>"
           "<time datetime='2023-11-01T08:00:00+01:00'>Mittwoch, 01. November 2023</time></span></div></header>")
    html = page(article="<p class='text'><span class='text_datum'>31. Oktober 2023.</span></p>", top=top, lang="de")
    record = extract("https://example.org/a", html)
    assert day_of(record) == "2023-10-31"


def test_aside_and_footer_inside_the_article_hold_its_own_date() -> None:
    html = page(article="<aside class='meta'><p class='meta__content'><time>21.01.2022 - 13:30</time></p></aside>")
    found = shown_published(parse_html(html))
    assert found is not None and found.day == "2022-01-21"


def test_publication_word_in_prose_gives_the_day() -> None:
    article = "<p>Veröffentlicht am 16.08.2019 in der Reihe Gespräche über Fähren und Fahrpläne am Fluss</p>"
    outside = "<div class='comments'><time>24. August 2019 um 03:36 Uhr</time></div>"
    record = extract("https://example.org/a", page(article=article, outside=outside, lang="de"))
    assert day_of(record) == "2019-08-16"


def test_date_words_in_scripts_are_never_read() -> None:
    html = page(outside="<script>var x = {'datePublished': '2021-11-23T17:37:09Z'};</script>")
    assert shown_published(parse_html(html)) is None


def test_short_line_under_the_headline_is_the_day_of_an_unmarked_page() -> None:
    html = page(article="<p>1. Februar 2022 , Daniel Beispiel</p>", lang="de")
    found = title_dateline(parse_html(html))
    assert found is not None and found.day == "2022-02-01"
    assert day_of(extract("https://example.org/a", html)) == "2022-02-01"


def test_old_day_under_a_headline_is_not_a_publication() -> None:
    html = page(article="<p>1975年1月28日（农历）</p>", lang="zh")
    assert title_dateline(parse_html(html)) is None


# --- weighing the printed day against structured data ----------------------------------------------

def test_one_printed_day_beats_a_structured_date_days_off() -> None:
    html = page(head=meta_published("2022-01-21T15:38:44+01:00"),
                article="<p class='footer'><span class='news-list-date'>27.01.2022</span></p>", lang="de")
    record = extract("https://example.org/a", html)
    assert day_of(record) == "2022-01-27" and record["field_sources"]["published"] == "markup:shown-date"


def test_several_printed_days_leave_the_structured_date() -> None:
    article = ("<div class='print-header'><span class='date'>02.01.23</span></div>"
               "<div class='author'><span class='date'>Veröffentlicht: 26.12.2022</span></div>")
    html = page(head=meta_published("2022-12-26T10:00:00+01:00"), article=article, lang="de")
    assert day_of(extract("https://example.org/a", html)) == "2022-12-26"


def test_utc_timestamp_is_the_day_the_page_prints_not_the_reader_zone_guess() -> None:
    html = page(head=meta_published("2020-01-15T01:01:01Z"),
                article="<div class='post-meta'><time>15 January 2020</time></div>", lang="en-US")
    assert day_of(extract("https://example.org/a", html)) == "2020-01-15"


def test_reader_zone_stays_when_the_page_prints_no_day() -> None:
    html = page(head=meta_published("2020-01-15T01:01:01Z"), lang="en-US")
    assert day_of(extract("https://example.org/a", html)) == "2020-01-14"


def test_revision_day_does_not_replace_a_structured_publication() -> None:
    html = page(head=meta_published("2024-08-04T13:23:00+01:00"),
                article="<ul class='time-info'><li class='timezone'>Updated 20:49, 5 Aug 2024</li></ul>",
                lang="en-GB")
    assert day_of(extract("https://example.org/a", html)) == "2024-08-04"


def test_revision_day_is_used_when_the_page_gives_nothing_else() -> None:
    html = page(article="<div class='recipe-meta'><span class='date'>Updated June 13, 2019</span></div>")
    found = shown_published(parse_html(html))
    assert found is not None and found.revision and found.day == "2019-06-13"


def test_the_headline_is_the_longest_h1_not_the_logo() -> None:
    html = page(article="<p>03.03.2011, 14:17</p>", top="<header><h1>Ferry Notes</h1><nav><a>Home</a></nav></header>")
    found = title_dateline(parse_html(html))
    assert found is not None and found.day == "2011-03-03"


@pytest.mark.parametrize(("opening", "day"), [
    ("29.11.2022 – Mehrfach hatte die Branche die Nachteile des Entwurfs dargelegt und Vorschläge gemacht.",
     "2022-11-29"),
    ("Lisboa, 3 de maio de 2022 – O governo aprovou hoje uma lei muito longa sobre os horários dos barcos.",
     "2022-05-03"),
    ("Die Regierung hat am 3. Mai 2022 – so heißt es im Bericht – ein sehr langes Gesetz beschlossen.", None),
])
def test_a_first_paragraph_opening_with_its_day_dates_an_unmarked_page(opening: str, day: str | None) -> None:
    found = title_dateline(parse_html(page(article=f"<p>{opening}</p>")))
    assert (found.day if found else None) == day


# --- a year or a month alone is no day ----------------------------------------------------------------

def test_a_page_that_prints_only_a_year_gets_no_date() -> None:
    html = page(outside="<div class='site-info'>© 2017 Ferry Notes · Impressum</div>").replace(
        "<title>Ferries</title>", "<title>Ferries</title><meta name='copyright' content='2017'>")
    record = extract("https://example.org/ferries/", html)
    assert not (record["published"] or "").startswith("2017-01-01")


def test_a_first_of_the_month_the_page_prints_is_kept() -> None:
    from archiver.extraction.published import _prints_day
    tree = parse_html(page(article="<p>Am 01.02.2022 fuhr die erste Fähre.</p>"))
    assert _prints_day(tree, date(2022, 2, 1))
    assert not _prints_day(parse_html(page(article="<p>Im Februar 2022 fuhr die erste Fähre.</p>")), date(2022, 2, 1))


@pytest.mark.parametrize("text", ["01.02.2022", "1.2.22", "2022-02-01", "1. Februar 2022", "February 1st, 2022",
                                  "1 de febrero de 2022", "1er février 2022", "2022年2月1日", "02/01/2022"])
def test_day_pattern_finds_a_day_in_its_printed_forms(text: str) -> None:
    from archiver.extraction.dates import day_pattern
    assert day_pattern(date(2022, 2, 1)).search(text)
    assert not day_pattern(date(2022, 2, 11)).search(text)


# --- relative days ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("2 hours ago", "2024-03-09"), ("vor 3 Tagen", "2024-03-07"), ("il y a 2 jours", "2024-03-08"),
    ("hace 5 días", "2024-03-05"), ("3 giorni fa", "2024-03-07"), ("há 2 semanas", "2024-02-25"),
    ("2 dagen geleden", "2024-03-08"), ("Gestern, 18:00", "2024-03-09"), ("vor einer Stunde", "2024-03-10"),
    ("Hier à 18h", "2024-03-09"), ("he said so", None),
])
def test_relative_days_count_back_from_the_fetch(text: str, day: str | None) -> None:
    from datetime import datetime

    from archiver.extraction.dates import relative_day
    found = relative_day(text, datetime(2024, 3, 10, 1, 30))
    assert (found.isoformat() if found else None) == day


def test_relative_day_dates_a_page_only_with_its_fetch_time_and_no_structured_date() -> None:
    html = page(article="<div class='post-meta'><span class='date'>vor 3 Tagen</span></div>", lang="de")
    assert day_of(extract("https://example.org/a", html, {"fetched": "2024-03-10T09:00:00+00:00"})) == "2024-03-07"
    assert day_of(extract("https://example.org/a", html)) != "2024-03-07"
    structured = page(head=meta_published("2024-03-06T09:00:00+01:00"),
                      article="<div class='post-meta'><span class='date'>vor 3 Tagen</span></div>", lang="de")
    assert day_of(extract("https://example.org/a", structured, {"fetched": "2024-03-10T09:00:00+00:00"})) == "2024-03-06"


def test_a_timestamp_on_the_other_side_of_midnight_keeps_its_instant_on_the_printed_day() -> None:
    from datetime import datetime, timezone
    html = page(head=meta_published("2023-01-08T23:45:00+00:00"),
                article="<footer class='entry-footer'><span class='posted-on'><time>January 9, 2023</time></span></footer>",
                lang="en-US")
    record = extract("https://example.org/a", html)
    published = datetime.fromisoformat(record["published"])
    assert published.date().isoformat() == "2023-01-09"
    assert published.astimezone(timezone.utc) == datetime(2023, 1, 8, 23, 45, tzinfo=timezone.utc)


def test_a_calendar_icon_marks_the_day_printed_after_it_but_an_event_calendar_does_not() -> None:
    html = page(article="<div class='post-info'><span class='icon-calendar'></span> 12.01.2022</div>", lang="de")
    found = shown_published(parse_html(html))
    assert found is not None and found.day == "2022-01-12"
    widget = page(outside="<div class='widget_calendar'><span class='date'>13.01.2022</span></div>")
    assert shown_published(parse_html(widget)) is None


def test_a_crawl_worker_dates_a_relative_day_from_the_fetch_time() -> None:
    from datetime import datetime, timezone

    from archiver.warc import CapturedResponse
    from archiver.workers import process_page

    html = page(article="<div class='post-meta'><span class='date'>vor 3 Tagen</span></div>", lang="de")
    fetched = datetime(2024, 3, 10, 9, 0, tzinfo=timezone.utc)
    raw = CapturedResponse("https://example.org/a", 200, "OK", [], html.encode(), fetched)
    extracted, _fingerprint, warc = process_page("https://example.org/a", raw, {}, None)
    assert warc is None
    assert day_of(extracted) == "2024-03-07"


# --- midnight and zones -------------------------------------------------------------------------------

def test_a_utc_midnight_is_a_day_without_time_and_stays_on_it_west_of_utc() -> None:
    html = page(head="<script type='application/ld+json'>{\"@type\": \"BlogPosting\", "
                     "\"datePublished\": \"2019-06-17T00:00:00+00:00\"}</script>", lang="en-US")
    assert day_of(extract("https://example.org/a", html)) == "2019-06-17"


@pytest.mark.parametrize(("line", "lang", "day"), [
    ("<h2>2019-01-01</h2>", "de-DE", "2019-01-01"),        # a day heading over the post
    ("<p>1. Januar 2019 · Literatur</p>", "de", "2019-01-01"),
    ("<p>January 1, 2019</p>", "en-GB", "2019-01-01"),
    ("<p>4. Januar 2019</p>", "de", "2018-12-31"),        # days away: another event, the timestamp stands
])
def test_a_day_printed_under_the_headline_puts_a_timestamp_on_its_side_of_midnight(
        line: str, lang: str, day: str) -> None:
    from datetime import datetime, timezone
    html = page(head=meta_published("2018-12-31T23:11:59+00:00"), article=line, lang=lang)
    record = extract("https://example.org/2019/01/01/new-year/", html)
    assert day_of(record) == day
    instant = datetime.fromisoformat(record["published"]).astimezone(timezone.utc)
    assert instant == datetime(2018, 12, 31, 23, 11, 59, tzinfo=timezone.utc)


# --- a publication verb after its day -----------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "day"), [
    ("Dieser Eintrag wurde am Mittwoch, 19. Mai 2010 um 23:03 Uhr veröffentlicht und unter Allgemein abgelegt.",
     "2010-05-19"),
    ("Literatur und Typografie wurde am 19. Mai 2010 um 23:03 Uhr gepostet und unter Allgemein abgelegt.",
     "2010-05-19"),
    ("Dit bericht over veerboten is op 19 mei 2010 om 23:03 gepubliceerd in de categorie Algemeen.",
     "2010-05-19"),
    ("This entry was posted on Wednesday, May 19th, 2010 at 11:03 pm and is filed under Ferries.",
     "2010-05-19"),
    # a day in the prose before the word is some other event's
    ("Das Gesetz, das am 28.07.2022 im Bundesgesetzblatt veröffentlicht wurde, regelt die Fähren neu.", None),
])
def test_a_publication_verb_closing_its_sentence_dates_the_day_before_it(sentence: str, day: str | None) -> None:
    found = shown_published(parse_html(page(article=f"<p class='postmetadata'>{sentence}</p>")))
    assert (found.day if found else None) == day


# --- the frame around <main> is no sidebar ------------------------------------------------------------

@pytest.mark.parametrize("frame", ["content-sidebar-wrap", "container template-two-col with-sidebar-right",
                                   "layout-right-sidebar"])
def test_a_layout_class_around_main_does_not_hide_the_article_date(frame: str) -> None:
    html = page(article="<div class='entry-meta'><time>7. Oktober 2019</time></div>", lang="de").replace(
        "<article>", f"<div class='{frame}'><main><article>").replace("</article>", "</article></main></div>")
    found = shown_published(parse_html(html))
    assert found is not None and found.day == "2019-10-07"


def test_a_sidebar_inside_main_still_holds_other_posts_dates() -> None:
    outside = "<div class='sidebar'><ul><li><span class='date'>3. Februar 2022</span></li></ul></div>"
    html = page(outside=outside).replace("<article>", "<main><article>").replace("</body>", "</main></body>")
    assert shown_published(parse_html(html)) is None


@pytest.mark.parametrize(("text", "day"), [
    ("3 мая 2022 г.", "2022-05-03"),          # Russian
    ("17 листопада 2021", "2021-11-17"),      # Ukrainian (and Polish) genitive
    ("3 Μαΐου 2022", "2022-05-03"),           # Greek
    ("5. septembra 2021", "2021-09-05"),      # Slovak
    ("12 Aralık 2020", "2020-12-12"),         # Turkish
    ("17 Agustus 2021", "2021-08-17"),        # Indonesian
])
def test_printed_days_in_more_languages(text: str, day: str) -> None:
    from archiver.extraction.dates import day_pattern
    assert shown_days(text) == [date.fromisoformat(day)]
    assert day_pattern(date.fromisoformat(day)).search(text)


# --- a publication label and its value in two elements ------------------------------------------------

@pytest.mark.parametrize("meta", [
    "<dl><dt>Veröffentlicht am:</dt><dd>12. Juni 2017</dd></dl>",
    "<p><span>Publicado:</span> <!-- fecha --> <b>12 de junio de 2017</b></p>",
    "<p><span>Posted on</span> June 12, 2017</p>",
    "<div><label>Erschienen am</label><div>12.06.2017</div></div>",
])
def test_a_publication_label_dates_the_value_printed_after_it(meta: str) -> None:
    found = shown_published(parse_html(page(article=meta)))
    assert found is not None and found.day == "2017-06-12"


def test_a_japanese_wordpress_theme_dates_its_post_by_the_day_it_prints_not_by_its_address() -> None:
    # A theme that marks no date: only its meta items print the day ("投稿日" = posted on), and the address's
    # last number is the post's slug, not its day.
    meta = ("<div class='h-blog-meta'><div class='metadata-item'><span class='metadata-prefix'> by </span>"
            "<a href='/blog/author/1/'>ヒデ三好</a></div><div class='metadata-item'><span class='metadata-prefix'>"
            " 投稿日: </span><a href='31.html'> 8月 31, 2020 </a></div></div>")
    record = extract("https://hide.example/blog/2020/08/9.html", page(article=meta, lang="ja"))
    assert day_of(record) == "2020-08-31"


def test_a_label_followed_by_other_text_gives_no_day() -> None:
    meta = "<p><span>Veröffentlicht am</span> <span>in der Rubrik Fähren</span></p>"
    assert shown_published(parse_html(page(article=meta))) is None


def test_a_language_without_region_takes_it_from_the_country_domain() -> None:
    html = page(head=meta_published("2022-05-04T00:53:29Z"), lang="es")
    assert day_of(extract("https://diario.example.com.ar/politica/nota", html)) == "2022-05-03"
    assert day_of(extract("https://diario.example.com/politica/nota", html)) == "2022-05-04"
    assert day_of(extract("https://diario.example.de/politica/nota", html)) == "2022-05-04"


# --- htmldate's guesses that are no publication -------------------------------------------------------

@pytest.mark.parametrize("asset", [
    "<link rel='stylesheet' type='text/css' media='print' href='/css/print.css?v=2022-06-15'>",
    "<script src='/js/site.min.js?v=2022-06-15-12-15'></script>",
    "<script src='/wp-includes/js/swfobject.js?ver=2.2-20220615'></script>",
])
def test_the_day_in_a_stylesheet_or_script_version_is_no_publication(asset: str) -> None:
    html = page(head=asset).replace("<article>", "<div>").replace("</article>", "</div>")
    record = extract("https://example.org/kultur/buch-der-woche", html)
    assert day_of(record) != "2022-06-15"
    printed = page(head=asset, article="<p>15.06.2022</p>").replace("<article>", "<div>")
    assert day_of(extract("https://example.org/kultur/buch-der-woche", printed)) == "2022-06-15"


# --- a day stored as its midnight ---------------------------------------------------------------------

def test_a_day_stored_as_local_midnight_and_printed_in_utc_keeps_its_day() -> None:
    html = page(head=meta_published("2022-11-06T23:00:00.000Z"),
                article="<div class='Article__meta'><time class='Article__date'>6.11.22</time></div>", lang="de")
    assert day_of(extract("https://example.org/artikel/provence", html)) == "2022-11-07"


def test_a_naive_midnight_does_not_outweigh_the_printed_day_and_time() -> None:
    html = page(head=meta_published("2020-04-30"),
                article="<div class='date'>29.04.2020, 12:01 Uhr</div>", lang="de")
    assert day_of(extract("https://example.org/artikel/mieten", html)) == "2020-04-29"


@pytest.mark.parametrize("meta", [
    "<p><span class='label'>Updated:</span> <span class='date'>5 August 2024</span></p>",
    "<dl><dt>Zuletzt geändert am:</dt><dd class='datum'>05.08.2024</dd></dl>",
    "<p class='byline'>Actualizado: <time>5 de agosto de 2024</time></p>",
])
def test_a_revision_label_before_a_marked_day_makes_it_a_revision(meta: str) -> None:
    found = shown_published(parse_html(page(article=meta, lang="de")))
    assert found is not None and found.revision and found.day == "2024-08-05"
    html = page(head=meta_published("2024-08-04T13:23:00+02:00"), article=meta, lang="de")
    assert day_of(extract("https://example.org/a", html)) == "2024-08-04"


def test_a_labelled_revision_day_dates_a_page_that_prints_nothing_else() -> None:
    meta = ("<div class='label_container'><label>Letzte Änderung:</label>"
            "<div class='label_content'>14.01.2022 um 09:25</div></div>")
    found = shown_published(parse_html(page(article=meta, lang="de")))
    assert found is not None and found.revision and found.day == "2022-01-14"


def test_a_dateline_under_the_headline_comes_before_a_revision_day() -> None:
    article = "<p>Bern, 17.08.2007</p><p>Die Fähren fahren wieder.</p>"
    outside = "<div class='page-info'><span>Letzte Änderung 14.02.2019</span></div>"
    html = page(article=article, outside=outside, lang="de")
    assert day_of(extract("https://example.org/news/14093", html)) == "2007-08-17"
