"""Repost attribution (archiver/extraction/reposts.py): where a reposted piece first ran, on hand-written pages.

The outlet is the name as printed, less a lowercase leading article: "first appeared in the Financial Review"
gives "Financial Review", "first appeared in The Washington Post" gives "The Washington Post".
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archiver.demo import sample as S
from archiver.demo.blog import TEMPLATES, Post
from archiver.demo.site import BlogSite
from archiver.demo.templates import post_page
from archiver.extraction import OUTPUT_FIELDS, extract
from archiver.extraction.reposts import parse_statement
from tests.conftest import FAST, read_records, run_cli

PAGE_URL = "https://harbournotes.example.org/2022/01/cranes.html"
PARAGRAPHS = [
    f"Paragraph {i} of a made-up op-ed about harbour cranes, tariffs and the long memory of dock workers; it is "
    f"long enough to be the body of a real piece of writing, sentence after sentence, clause after clause."
    for i in range(6)
]
TRAILER = "This article first appeared in the Financial Review on January 3, 2022."


def page(article: str = "", after: str = "", head: str = "", site_name: str = "Harbour Notes") -> str:
    """A generic blog page: the head's tags, then the article's lines, the six paragraphs, the lines after."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<html lang='en'><head><title>Cranes at dawn</title>"
            f"<meta property='og:site_name' content='{site_name}'>{head}</head>"
            f"<body><header>{site_name}</header><article><h1>Cranes at dawn</h1>{article}{paragraphs}{after}"
            f"</article><footer>Powered by a blog engine</footer></body></html>")


def originals(record: dict) -> tuple:
    return record["original_source"], record["original_url"], record["original_published"]


# --- the statements ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "source", "day"), [
    (TRAILER, "Financial Review", date(2022, 1, 3)),
    ("This article first appeared in The Washington Post.", "The Washington Post", None),
    ("Originally published in Foreign Affairs, January 2022.", "Foreign Affairs", None),  # a month is no day
    ("Originally published by Project Syndicate.", "Project Syndicate", None),
    ("First published in The Guardian on 3 January 2022", "The Guardian", date(2022, 1, 3)),
    ("Reprinted from The New York Review of Books", "The New York Review of Books", None),
    ("Reprinted with permission of the Wall St. Journal.", "Wall St. Journal", None),
    ("This article was published by Asia Times.", "Asia Times", None),
    ("This piece originally ran in the Los Angeles Times on March 3, 2023.", "Los Angeles Times", date(2023, 3, 3)),
    ("This article first appeared on January 3, 2022 in the Financial Review.", "Financial Review", date(2022, 1, 3)),
    ("This article is republished from The Conversation under a Creative Commons license. Read the original article.",
     "The Conversation", None),
    ("A version of this article appeared in the print edition of The Economist on January 8, 2022.", "The Economist",
     date(2022, 1, 8)),
    ("This article first appeared in the Financial Review. Reprinted with permission.", "Financial Review", None),
    ("This article first appeared on Channel 4 News.", "Channel 4 News", None),
    ("This article first appeared in The Times on May 5.", "The Times", None),  # no year: no day
    ("Source: The Washington Post", "The Washington Post", None),
    ("Via Marginal Revolution", "Marginal Revolution", None),
    ("*Originally published in the Harbour Gazette*", "Harbour Gazette", None),
    ("The post Why budgets matter appeared first on Harbour Weekly.", "Harbour Weekly", None),
    # German, French, Spanish
    ("Dieser Artikel erschien zuerst in der Hafenzeitung am 3. Januar 2022.", "Hafenzeitung", date(2022, 1, 3)),
    ("Dieser Artikel erschien zuerst am 3. Januar 2022 bei Zeit Online.", "Zeit Online", date(2022, 1, 3)),
    ("Dieser Beitrag erschien zuerst im Handelsblatt.", "Handelsblatt", None),
    ("Dieser Artikel erschien zuerst in der EMOTION 10/22.", "EMOTION", None),  # an issue number
    ("Quelle: Handelsblatt", "Handelsblatt", None),
    ("Cet article a été publié dans Le Monde le 3 janvier 2022.", "Le Monde", date(2022, 1, 3)),
    ("Source : Le Figaro", "Le Figaro", None),
    ("Publicado originalmente en El País el 3 de enero de 2022.", "El País", date(2022, 1, 3)),
    ("Fuente: Clarín", "Clarín", None),
    # a name in quotes after a word that describes it
    ("Dieser Beitrag ist am 1. Juni 2017 in der Wochenzeitung „der Hafenbote“ erschienen.", "Hafenbote",
     date(2017, 6, 1)),
    ("This article first appeared in “Foreign Affairs”.", "Foreign Affairs", None),
])
def test_statements(line: str, source: str, day: date | None) -> None:
    statement = parse_statement(line)
    assert statement is not None
    assert (statement.source, statement.day) == (source, day)


def test_a_printed_address_is_the_original_url() -> None:
    statement = parse_statement("(Originally published at https://www.afr.com/opinion/cranes-20220103)")
    assert statement is not None
    assert (statement.source, statement.url) == (None, "https://www.afr.com/opinion/cranes-20220103")


@pytest.mark.parametrize("line", [
    "As the Financial Review reported last week, the cranes stood idle for days.",
    "The Financial Review first published the figures in 2019, and nobody listened.",
    "This post was published in 2019.",  # no outlet
    "Source: Reuters/AP",  # two outlets
    "Source: own research",
    "Quelle: dpa",  # printed in lowercase: no name we can tell from a word
    "Source: Bureau of Labor Statistics and Census Bureau",
    "Via the bridge, the trucks reached the port before dawn.",
    "Source: Twitter",
    "Originally published in the cranes of the harbour before the war had started in earnest.",
    "This article first appeared in " + "the Financial Review and " * 20 + ".",  # too long for a statement
    "This post was posted in News by admin",  # a theme's footer names a category
    "Originally published in German.",
    "Originally published on Monday.",
    "First appeared in Issue 12 of the quarterly.",
])
def test_lines_that_state_no_attribution(line: str) -> None:
    statement = parse_statement(line)
    assert statement is None or statement.source is None and statement.url is None


# --- text rules, through extract() ---------------------------------------------------------------------

def test_trailer_with_date_and_link_on_the_outlet() -> None:
    trailer = ("<p>This article first appeared in the <a href='https://www.afr.com/opinion/cranes-20220103'>Financial "
               "Review</a> on January 3, 2022.</p>")
    record = extract(PAGE_URL, page(after=trailer))
    assert tuple(record) == OUTPUT_FIELDS
    assert originals(record) == ("Financial Review", "https://www.afr.com/opinion/cranes-20220103",
                                 "2022-01-03T00:00:00")
    assert record["original_published_raw"] == "January 3, 2022"
    for field in ("original_source", "original_url", "original_published", "original_published_raw"):
        assert record["field_sources"][field] == "text:repost-trailer"
    assert "first appeared" not in record["body"]
    assert record["body"].endswith(PARAGRAPHS[-1])


def test_trailer_without_date_or_link() -> None:
    record = extract(PAGE_URL, page(after="<p><em>This article first appeared in The Washington Post.</em></p>"))
    assert originals(record) == ("The Washington Post", None, None)
    assert "Washington Post" not in record["body"]


def test_trailer_above_a_short_bio_and_the_share_prompts() -> None:
    after = ("<p>Reprinted with permission of the Harbour Gazette.</p>"
             "<p>Jane Doe teaches maritime economics at a made-up university.</p><p>Share this:</p>")
    record = extract(PAGE_URL, page(after=after))
    assert record["original_source"] == "Harbour Gazette"
    assert "Reprinted" not in record["body"]
    assert "Jane Doe teaches" in record["body"]


def test_lead_line() -> None:
    lead = "<p>Originally published by <a href='https://www.project-syndicate.org/commentary/cranes'>Project Syndicate</a></p>"
    record = extract(PAGE_URL, page(article=lead))
    assert originals(record)[:2] == ("Project Syndicate", "https://www.project-syndicate.org/commentary/cranes")
    assert record["field_sources"]["original_source"] == "text:repost-lead"
    assert record["body"].startswith(PARAGRAPHS[0])


def test_a_label_under_a_chart_credits_the_chart() -> None:
    chart = "<p><img src='https://harbournotes.example.org/chart.png' alt='Crane hours'></p><p>Source: World Bank</p>"
    record = extract(PAGE_URL, page(after=chart))
    assert originals(record) == (None, None, None)


def test_a_label_at_the_top_credits_a_picture_not_the_piece() -> None:
    record = extract(PAGE_URL, page(article="<p>Source: Harbour Gazette</p>"))
    assert originals(record) == (None, None, None)


@pytest.mark.parametrize(("trailer", "source", "original"), [
    ("Dieser Artikel erschien zuerst in der Hafenzeitung am 3. Januar 2022.", "Hafenzeitung", "2022-01-03T00:00:00"),
    ("Quelle: Handelsblatt", "Handelsblatt", None),
    ("Cet article a été publié dans Le Monde le 3 janvier 2022.", "Le Monde", "2022-01-03T00:00:00"),
    ("Publicado originalmente en El País el 3 de enero de 2022.", "El País", "2022-01-03T00:00:00"),
    ("Fuente: Clarín", "Clarín", None),
])
def test_trailers_in_other_languages(trailer: str, source: str, original: str | None) -> None:
    record = extract(PAGE_URL, page(after=f"<p>{trailer}</p>"))
    assert originals(record) == (source, None, original)
    assert trailer not in record["body"]


@pytest.mark.parametrize("href", [
    "https://harbournotes.example.org/2021/12/cranes-first.html",  # the blog's own page
    "https://www.afr.com/",  # a site's home page: no article's address
])
def test_a_link_to_the_blog_itself_or_a_home_page_is_no_original_url(href: str) -> None:
    trailer = f"<p>This article first appeared in the <a href='{href}'>Financial Review</a>.</p>"
    record = extract(PAGE_URL, page(after=trailer))
    assert originals(record) == ("Financial Review", None, None)


def test_a_home_page_link_on_the_outlet_s_name_leaves_the_line_s_other_links_alone() -> None:
    # The republishing notice's other link is the outlet's newsletter, not the piece.
    trailer = ("<p><em>This story was originally published by </em><a href='https://grist.org/'><em>Grist</em></a><em>. "
               "Sign up for Grist's </em><a href='https://go.grist.org/signup/weekly/partner?utm_campaign=republish'>"
               "weekly newsletter here</a><em>.</em></p>")
    record = extract(PAGE_URL, page(after=trailer))
    assert originals(record) == ("Grist", None, None)


def test_a_statement_naming_the_site_itself_attributes_nothing_and_leaves_the_body() -> None:
    after = "<p>The post Cranes at dawn appeared first on Harbour Notes.</p>"
    record = extract(PAGE_URL, page(after=after))
    assert originals(record) == (None, None, None)
    assert "appeared first" not in record["body"]


def test_a_dateline_dates_the_original_before_a_trailer() -> None:
    head = "<meta property='article:published_time' content='2022-01-05T10:00:00+00:00'>"
    record = extract(PAGE_URL, page(article="<p>By Jane Doe</p><p>January 2 at 8:00 am ET</p>",
                                    after=f"<p>{TRAILER}</p>", head=head))
    assert record["original_published"] == "2022-01-02T08:00:00-05:00"
    assert record["field_sources"]["original_published"] == "body:dateline"
    assert record["original_source"] == "Financial Review"
    assert TRAILER not in record["body"]


def test_prose_that_mentions_a_newspaper_attributes_nothing() -> None:
    after = ("<p>As the Financial Review reported last week, the cranes stood idle for days, and the dock workers "
             "remember it.</p>")
    record = extract(PAGE_URL, page(after=after))
    assert originals(record) == (None, None, None)
    assert "As the Financial Review reported last week" in record["body"]


def test_a_source_label_inside_a_paragraph_attributes_nothing() -> None:
    after = ("<p>The figures come from the port's yearbook. Source: Harbour Gazette, which printed them first, "
             "though the authority disputes the count and has asked for a correction in the next edition.</p>")
    record = extract(PAGE_URL, page(after=after))
    assert originals(record) == (None, None, None)
    assert "Source: Harbour Gazette" in record["body"]


def test_a_statement_in_the_middle_of_the_text_stays_there() -> None:
    middle = "<p>This article first appeared in the Financial Review.</p>"
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(article=paragraphs + middle)  # six paragraphs above it, six below
    record = extract(PAGE_URL, html)
    assert originals(record) == (None, None, None)
    assert "This article first appeared in the Financial Review." in record["body"]


# --- canonical and og:url ------------------------------------------------------------------------------

ELSEWHERE = "https://www.ft.com/content/cranes-at-dawn-2022"


@pytest.mark.parametrize(("head", "site_name", "want"), [
    # a canonical address on another site, the other site's name copied with it
    (f"<link rel='canonical' href='{ELSEWHERE}'>", "Financial Times", ("Financial Times", ELSEWHERE)),
    # the blog's own name beside a foreign canonical: the address only
    (f"<link rel='canonical' href='{ELSEWHERE}'>", "Harbour Notes", (None, ELSEWHERE)),
    (f"<meta property='og:url' content='{ELSEWHERE}'>", "Harbour Notes", (None, ELSEWHERE)),
    # the page's own host, a home page, the same path on another of the blog's domains: nothing
    (f"<link rel='canonical' href='{PAGE_URL}'>", "Harbour Notes", (None, None)),
    ("<link rel='canonical' href='https://www.ft.com/'>", "Financial Times", (None, None)),
    ("<link rel='canonical' href='https://harbour-notes.example.com/2022/01/cranes.html'>", "Harbour Notes",
     (None, None)),
    # the canonical names the page's own site, og:url another: they disagree
    (f"<link rel='canonical' href='{PAGE_URL}'><meta property='og:url' content='{ELSEWHERE}'>", "Financial Times",
     (None, None)),
])
def test_canonical_elsewhere(head: str, site_name: str, want: tuple) -> None:
    record = extract(PAGE_URL, page(head=head, site_name=site_name))
    assert (record["original_source"], record["original_url"]) == want
    if want[1]:
        assert record["field_sources"]["original_url"] == "link:canonical-elsewhere"


def test_the_part_of_the_site_name_that_names_the_canonical_host() -> None:
    head = "<link rel='canonical' href='https://www.dealdoctor.example/deals/2022/free-biscuits/'>"
    record = extract(PAGE_URL, page(head=head, site_name="Bargains with a doctorate • DealDoctor"))
    assert record["original_source"] == "DealDoctor"
    assert record["original_url"] == "https://www.dealdoctor.example/deals/2022/free-biscuits/"


def test_a_blogger_country_domain_is_the_blog_itself() -> None:
    head = "<link rel='canonical' href='https://harbournotes.blogspot.com/2022/01/cranes.html'>"
    record = extract("https://harbournotes.blogspot.com.au/2022/01/cranes-at-dawn.html", page(head=head))
    assert record["original_url"] is None


def test_the_trailer_names_the_outlet_before_the_canonicals_site_name() -> None:
    head = f"<link rel='canonical' href='{ELSEWHERE}'>"
    record = extract(PAGE_URL, page(head=head, site_name="Financial Times",
                                    after="<p>Reprinted from the Financial Times.</p>"))
    assert record["original_source"] == "Financial Times"
    assert record["field_sources"]["original_source"] == "text:repost-trailer"
    assert record["field_sources"]["original_url"] == "link:canonical-elsewhere"


# --- JSON-LD ---------------------------------------------------------------------------------------------

def jsonld(**article: object) -> str:
    node = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Cranes at dawn", **article}
    return f"<script type='application/ld+json'>{json.dumps(node)}</script>"


@pytest.mark.parametrize(("article", "want"), [
    ({"isBasedOn": ELSEWHERE}, (None, ELSEWHERE)),
    ({"isBasedOnUrl": ELSEWHERE}, (None, ELSEWHERE)),
    ({"isBasedOn": {"@type": "NewsArticle", "url": ELSEWHERE, "publisher": {"@type": "Organization",
                                                                              "name": "Financial Times"}}},
     ("Financial Times", ELSEWHERE)),
    ({"isBasedOn": {"@type": "NewsMediaOrganization", "name": "Harbour Gazette"}}, ("Harbour Gazette", None)),
    # the article's sourceOrganization names the original's site
    ({"isBasedOn": ELSEWHERE, "sourceOrganization": {"@type": "Organization", "name": "Financial Times"}},
     ("Financial Times", ELSEWHERE)),
    # a study the piece draws on is no original; nor is the blog's own page
    ({"isBasedOn": {"@type": "CreativeWork", "name": "Doe, J. (2015): Cranes and wages",
                    "url": "https://pubmed.example.gov/12345/"}}, (None, None)),
    ({"isBasedOn": PAGE_URL.replace("cranes", "cranes-draft")}, (None, None)),
    # sourceOrganization alone names sections and picture agencies as often as outlets
    ({"sourceOrganization": {"@type": "Organization", "name": "Financial Times"}}, (None, None)),
    ({"isBasedOn": ELSEWHERE, "sourceOrganization": {"@type": "Organization", "name": "Pixabay"}}, (None, ELSEWHERE)),
])
def test_jsonld_is_based_on(article: dict, want: tuple) -> None:
    record = extract(PAGE_URL, page(head=jsonld(**article)))
    assert (record["original_source"], record["original_url"]) == want
    if want[1]:
        assert record["field_sources"]["original_url"] == "jsonld:isBasedOn"


def test_jsonld_on_a_saved_page_compares_with_its_canonical_address() -> None:
    # No fetch address (a saved page): the page's canonical says which site is its own.
    own = jsonld(isBasedOn="https://harbournotes.example.org/2021/12/cranes.html")
    record = extract(None, page(head=f"<link rel='canonical' href='{PAGE_URL}'>{own}"))
    assert record["original_url"] is None
    record = extract(None, page(head=f"<link rel='canonical' href='{PAGE_URL}'>{jsonld(isBasedOn=ELSEWHERE)}"))
    assert record["original_url"] == ELSEWHERE


# --- a Blogger repost, through extract() and through a crawl ------------------------------------------

REPOST_PATH = "/2022/01/shipping-chokepoints-again.html"
REPOST_PUBLISHED = datetime(2022, 1, 7, 9, 48, tzinfo=S.TAIPEI)


def repost_body(trailer: str = TRAILER) -> str:
    """Shaped like the seed's repost (caption table, "Opinion by", op-ed paragraphs), with a trailer line."""
    return (S.captioned_image("kaohsiung-anchorage.jpg", S.SEED_CAPTION) + f"\n{S.SEED_BYLINE_RAW}<br />\n<br />\n"
            + S.br_paragraphs(S.SEED_PARAGRAPHS) + f"<br />\n<br />\n{trailer}")


def repost_site(template: str = "layout", trailer: str = TRAILER) -> BlogSite:
    post = Post(REPOST_PATH, S.SEED_TITLE, REPOST_PUBLISHED, repost_body(trailer), labels=["reposts"],
                author=S.POSTER)
    other = Post("/2022/01/notes-on-ports.html", "Notes on ports", datetime(2022, 1, 2, 8, 0, tzinfo=S.TAIPEI),
                 S.p_paragraphs(PARAGRAPHS[:3]), labels=["notes"], author=S.POSTER)
    return BlogSite(title="Commentary on Political Economy", description="Reposted commentary.", template=template,
                    posts=[post, other], tz=S.TAIPEI, author=S.POSTER)


@pytest.mark.parametrize("template", TEMPLATES)
def test_blogger_repost_with_a_trailer(template: str) -> None:
    site = repost_site(template)
    base = "http://127.0.0.1:9"
    record = extract(base + REPOST_PATH, post_page(site, site.post_by_path(REPOST_PATH), base))
    assert record["original_source"] == "Financial Review"
    assert record["original_url"] is None
    # No dateline under the byline: the trailer's day dates the original.
    assert record["original_published"] == "2022-01-03T00:00:00"
    assert record["original_published_raw"] == "January 3, 2022"
    assert record["field_sources"]["original_source"] == "text:repost-trailer"
    assert record["byline"] == [S.SEED_BYLINE]
    body = record["body"]
    assert "first appeared" not in body and "Financial Review" not in body
    assert body.startswith(S.SEED_FIRST_SENTENCE) and body.endswith(S.SEED_LAST_SENTENCE)


@pytest.mark.parametrize("template", TEMPLATES)
def test_blogger_repost_with_a_linked_source_line(template: str) -> None:
    # "Source: <a>…</a>" alone in a paragraph is a pointer line the body leaves out: read from the post's element.
    trailer = ("<p>Source: <a href='https://www.washingtonpost.com/opinions/2022/01/07/shipping-chokepoints/'>"
               "The Washington Post</a></p>")
    site = repost_site(template, trailer)
    base = "http://127.0.0.1:9"
    record = extract(base + REPOST_PATH, post_page(site, site.post_by_path(REPOST_PATH), base))
    assert record["original_source"] == "The Washington Post"
    assert record["original_url"] == "https://www.washingtonpost.com/opinions/2022/01/07/shipping-chokepoints/"
    assert "Source:" not in record["body"]
    assert record["body"].endswith(S.SEED_LAST_SENTENCE)


def test_the_seed_shaped_sample_repost_has_no_attribution() -> None:
    site = S.sample_site()
    base = "http://127.0.0.1:9"
    record = extract(base + S.SEED_PATH, post_page(site, site.post_by_path(S.SEED_PATH), base))
    assert (record["original_source"], record["original_url"]) == (None, None)
    assert record["field_sources"]["original_published"] == "body:dateline"


def test_crawl_archives_the_reposts_original(serve, tmp_path: Path) -> None:
    server = serve(repost_site())
    result = run_cli("crawl", server.url("/"), "--out", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr
    records = {urlsplit(r["canonical_url"]).path: r for r in read_records(tmp_path)}
    assert set(records) == {REPOST_PATH, "/2022/01/notes-on-ports.html"}
    record = records[REPOST_PATH]
    assert record["original_source"] == "Financial Review"
    assert record["original_url"] is None
    assert record["original_published"] == datetime(2022, 1, 3, tzinfo=timezone.utc)
    assert record["original_published_raw"] == "January 3, 2022"
    assert record["published"] == REPOST_PUBLISHED.astimezone(timezone.utc)
    assert "first appeared" not in record["body"] and "Financial Review" not in record["body"]
    assert record["body"].endswith(S.SEED_LAST_SENTENCE)
    other = records["/2022/01/notes-on-ports.html"]
    assert (other["original_source"], other["original_url"], other["original_published"]) == (None, None, None)
