"""Golden cases for bylines on any site, on hand-written pages (no real site's text)."""

from __future__ import annotations

import json

import pytest

from archiver.extraction import extract
from archiver.extraction.byline import author_names, bare_names, parse_byline_line, parse_meta_line, split_names

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of a made-up article about harbour cranes, tariffs and the long memory of dock workers; "
    f"it is long enough to be the body of a real piece of writing, sentence after sentence.</p>" for i in range(6)
)
URL = "https://harbour.example/2021/05/cranes"


def page(head: str = "", article: str = "", outside: str = "", end: str = "", body_class: str = "") -> str:
    return (f"<html lang='en'><head><title>Cranes</title>{head}</head><body class='{body_class}'>"
            f"<header>Harbour Notes</header><article><h1>Cranes at dawn</h1>{article}{PARAGRAPHS}{end}</article>"
            f"{outside}</body></html>")


def jsonld(author: object, publisher: str = "Harbour Notes") -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Cranes at dawn",
            "author": author, "publisher": {"@type": "Organization", "name": publisher}}
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def byline(html: str) -> tuple[list[str], str | None]:
    record = extract(URL, html)
    return record["byline"], record["field_sources"].get("byline")


# --- meta lines --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "names"), [
    ("Posted on September 21, 2020 by Jane Doe", ["Jane Doe"]),
    ("Veröffentlicht am 3. Mai 2021 von Erika Beispiel", ["Erika Beispiel"]),
    ("yes! | By Ana Lima | April 13, 2020", ["Ana Lima"]),
    ("Von: Max Mustermann", ["Max Mustermann"]),
    ("Text & Fotos: Jan Muster", ["Jan Muster"]),
    ("Ein Artikel von Lena Muster | 27.01.2022 - 12:45", ["Lena Muster"]),
    ("05.02.2020 - Autor: Paul Probe (Pressesprecher)", ["Paul Probe"]),
    ("Datum: 19.11.2021 Autor: Fritz Muster Quelle: Beispielnetz", ["Fritz Muster"]),
    ("Übersetzung: Tristan Probe, Redaktion: Thea Muster", None),  # the editor is not the writer
    ("Text von Jeanne Exemple Illustration von Pierre Modèle", ["Jeanne Exemple"]),
    ("Ein Interview von Eva Probe mit Otto Gast", ["Eva Probe"]),
    ("Pressemitteilung von Erika Beispiel", ["Erika Beispiel"]),  # the kind of text, not a first name
    ("Posted by Brian May 3 hours ago", ["Brian May"]),  # a month that is also a name, before a number
    ("Kommentar von Max Mustermann", ["Max Mustermann"]),
    ("Autor: Karl Muster Tags: Hafen, Kräne", ["Karl Muster"]),
    ("Posted by Konstantin 21.10.2019", ["Konstantin"]),  # one word after an explicit label
    ("Verfasst von: hafenblick42 | 31. Dezember 2008", ["hafenblick42"]),
    ("Posted in News by jdoe on August 3, 2019", ["jdoe"]),
    # a compound label after the names: the translator's credit is not the writers'
    ("Veröffentlicht am 3. Mai 2021 Von: Erika MUSTERMANN , Jana PROBE Übersetzung und Redaktion: Kurier",
     ["Erika MUSTERMANN", "Jana PROBE"]),
    ("Posted by Jane Doe, Project Marketing, Harbour Labs", ["Jane Doe"]),  # a department, not a co-author
    # not bylines
    ("Geschichte von A bis Z", None),
    ("10.2003 - 02.2004 Singlehit von Bernd das Brot", None),
    ("Copyright © 2013-2020, background by Jane Doe", None),
    ("Posted by admin", None),
])
def test_meta_lines(line: str, names: list[str] | None) -> None:
    assert parse_meta_line(line) == names


@pytest.mark.parametrize(("line", "names"), [
    ("By Kenji Tanabe and Aiko Mori / Harbour Shimbun Staff Writers", ["Kenji Tanabe", "Aiko Mori"]),
    ("By Glen Probe And Brenda Muster For The Sunday Courier", ["Glen Probe", "Brenda Muster"]),
    ("Von Jana Beispiel für den Hafenkurier", ["Jana Beispiel"]),
    ("Por Ana Ruiz para El Diario del Puerto", ["Ana Ruiz"]),
    ("Par Jeanne Exemple pour Le Courrier", ["Jeanne Exemple"]),
    ("by Angus M. Probe, Jr.", ["Angus M. Probe Jr."]),  # a suffix after a comma is the name's, no affiliation
    ("Written by: Jana Beispiel, Harbour Courier Correspondent", ["Jana Beispiel"]),  # her post at an outlet
])
def test_the_writers_outlet_after_the_names_is_no_name(line: str, names: list[str]) -> None:
    assert parse_byline_line(line) == names


def test_a_name_written_twice_in_a_row_is_one_name() -> None:
    assert parse_byline_line("Par Jeanne Exemple Jeanne Exemple") == ["Jeanne Exemple"]
    assert split_names("Jane Doe Jane Doe, John Roe") == ["Jane Doe", "John Roe"]


def test_a_first_name_like_a_preposition_stays() -> None:
    assert author_names("Jane Doe and Per Olsen") == ["Jane Doe", "Per Olsen"]
    assert author_names("Kim Per") == ["Kim Per"]


def test_affiliation_and_place_end_the_names() -> None:
    assert split_names("Jane Doe, Harbour News, New York") == ["Jane Doe"]
    assert split_names("Jane Doe, HARBOUR RADIO") == ["Jane Doe"]
    assert split_names("Jane Doe, John Roe und Erika Beispiel") == ["Jane Doe", "John Roe", "Erika Beispiel"]


@pytest.mark.parametrize(("text", "names"), [
    ("Jane Doe", ["Jane Doe"]), ("Jane Doe | 3 May 2021", ["Jane Doe"]), ("Jana Muster Chefredakteurin", ["Jana Muster"]), ("Jane Doe Stand: 05. Februar 2020", ["Jane Doe"]),
    ("Alle Artikel", None), ("Zu Ihrer Information", None), ("Facebook Twitter YouTube", None),
    ("Disko Von Jane Doe", None), ("Singapur - Singapore", None), ("Quelle der", None),
])
def test_bare_names(text: str, names: list[str] | None) -> None:
    assert bare_names(text) == names


@pytest.mark.parametrize(("value", "names"), [
    ("mf", []), ("Harbour Notes", []), ("harbournotes.example", []),
    ("Tweet", []), ("zvg", []), ("Jane Doe; SDA", ["Jane Doe", "SDA"]),
])
def test_author_fields(value: str, names: list[str]) -> None:
    assert author_names(value, site_names={"harbournotes", "harbournotesexample"}) == names


@pytest.mark.parametrize(("value", "names"), [
    ("Laura E. Adkins December", ["Laura E. Adkins"]),  # the date line's month run onto the name
    ("David Mouriquand Publié", ["David Mouriquand"]),
    ("Gina Trapani CEO", ["Gina Trapani"]),
    ("Ana Pérez Publicado", ["Ana Pérez"]),
    ("Theresa May", ["Theresa May"]),  # a month that is also a name stays
    ("Jane October", ["Jane October"]),  # only while two words of name remain
    ("Rechtsanwalt Sebastian Muster", ["Sebastian Muster"]),  # a profession before the name
    ("Attorney Jane Doe", ["Jane Doe"]),
    ("Rechtsanwalt Muster", ["Rechtsanwalt Muster"]),  # only before a first name and a surname
    # what the template prints after the name, from its first word
    ("Jane Doe Staff Writer", ["Jane Doe"]),
    ("Maria Lopez Senior Reporter", ["Maria Lopez"]),
    ("Jane Doe Opinion Contributor", ["Jane Doe"]),
    ("Jane Doe Photographer", ["Jane Doe"]),
    ("Jane Doe Published 3 hours ago", ["Jane Doe"]),
    ("Jane Doe Mar 3", ["Jane Doe"]),
    ("Jane Doe 4 min read", ["Jane Doe"]),
    ("Jane Doe Follow", ["Jane Doe"]),
    ("Juan Carlos Julio Pérez", ["Juan Carlos Julio Pérez"]),  # a month inside a name stays
    ("Jane Doe Staff Writer and John Roe Staff Writer", ["Jane Doe", "John Roe"]),
    ("Jane Doe, Staff Writer", ["Jane Doe"]),  # a role alone is no second writer
    # a desk's credit keeps its words: the outlet's staff writers, its newsroom
    ("Harbour Shimbun Staff Writers", ["Harbour Shimbun Staff Writers"]),
    ("Harbour Notes Staff", ["Harbour Notes Staff"]),
])
def test_a_month_label_or_title_run_onto_a_name_comes_off(value: str, names: list[str]) -> None:
    assert author_names(value) == names


@pytest.mark.parametrize("markup", [
    "<div class='author-name'>Jane Roe Staff Writer</div>",
    "<p class='byline'>By Jane Roe Mar 3, 2024</p>",
    "<div class='author'><span>Jane Roe</span> <span>4 min read</span></div>",
    "<div class='author'><a href='/people/jane-roe'>Jane Roe</a><button>Follow</button></div>",
])
def test_an_author_elements_role_date_or_button_is_no_part_of_the_name(markup: str) -> None:
    assert byline(page(article=markup))[0] == ["Jane Roe"]


@pytest.mark.parametrize(("value", "names"), [
    ("Angus M. Thuermer Jr.", ["Angus M. Thuermer Jr."]),  # the suffix keeps its full stop
    ("By Angus M. Thuermer, Jr.", ["Angus M. Thuermer Jr."]),  # a suffix after a comma is no second writer
    ("Jane Doe, Sr. and John Roe", ["Jane Doe Sr.", "John Roe"]),
    ("By Jane Doe*", ["Jane Doe"]),  # a footnote's mark
    ("By Jane D.", ["Jane D."]),
    ("Jane Doe.", ["Jane Doe"]),  # a sentence's full stop is not the name's
    ("Billy Arnold, Jackson Hole News&Guide", ["Billy Arnold", "Jackson Hole News&Guide"]),  # "&" in an outlet's name
    ("Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
    # One word after a comma, following a full name, is where the writer works or writes from.
    ("Taylar Dawn Stagner, Grist", ["Taylar Dawn Stagner"]),
    ("Jake Bolster, Inside Climate News", ["Jake Bolster", "Inside Climate News"]),
    ("Jane Doe, Reuters", ["Jane Doe", "Reuters"]),
    ("Jane Doe, John Roe", ["Jane Doe", "John Roe"]),
    ("山田太郎、鈴木花子", ["山田太郎", "鈴木花子"]),
])
def test_a_name_s_own_punctuation_stays(value: str, names: list[str]) -> None:
    assert author_names(value) == names


def test_initials_are_no_byline_but_an_agency_a_publisher_credits_is() -> None:
    assert author_names("amw", strict=True, allow_orgs=False) == []
    assert author_names("Amw", strict=True, allow_orgs=False, handles=True) == []
    assert author_names("AFP") == ["AFP"]


def test_writers_only_where_the_evidence_may_be_furniture() -> None:
    assert author_names("Deutsches Beispielinstitut GmbH", strict=True, allow_orgs=False) == []
    assert author_names(["Text", "Interview Jana Muster"], strict=True, allow_orgs=False) == ["Jana Muster"]
    assert author_names("Datum", strict=True, allow_orgs=False) == []


def test_entities_in_structured_data_are_read() -> None:
    assert author_names("Redacci&oacute;n Diario Ejemplo") == ["Redacción Diario Ejemplo"]


def test_handles_only_where_markup_names_an_account() -> None:
    assert author_names(["jdoe42"], strict=True, allow_orgs=False, handles=True) == ["jdoe42"]
    assert author_names(["jdoe42"], strict=True, allow_orgs=False) == []
    # a blog named after its writer's account keeps the handle; a blog's or a domain's name is none
    assert author_names(["creeny"], site_names={"creeny"}, strict=True, allow_orgs=False, handles=True) == ["creeny"]
    # mostly digits, but four characters: a handle, not initials
    assert author_names(["330k"], site_names={"330k"}, strict=True, allow_orgs=False, handles=True) == ["330k"]
    sites = {"seglerblog", "harbourexample"}
    assert author_names(["SeglerBlog", "harbour.example"], site_names=sites, strict=True, allow_orgs=False, handles=True) == []


# --- structured data ---------------------------------------------------------------------------------

def credits(html: str) -> tuple[list[str], list[str], str | None]:
    """Persons, organisations, and the rule that credited the organisations."""
    record = extract(URL, html)
    return record["byline"], record["byline_orgs"] or [], record["field_sources"].get("byline_orgs")


def test_agency_listed_with_a_person_in_the_author_field() -> None:
    html = page(jsonld([{"@type": "Person", "name": "Paula Beispiel"}, {"@type": "Organization", "name": "SDA"}]),
                "<p class='meta'>Paula Beispiel</p>")
    assert byline(html) == (["Paula Beispiel"], "jsonld:author")
    assert credits(html) == (["Paula Beispiel"], ["SDA"], "jsonld:author")


@pytest.mark.parametrize(("author", "orgs"), [("KNA", ["KNA"]), ("EMU1729", [])])
def test_capitals_name_an_organisation_but_an_accounts_handle_with_a_number_does_not(author: str, orgs: list[str]) -> None:
    html = page(jsonld({"@type": "Person", "name": author}), f"<p class='meta'>{author}</p>")
    assert credits(html)[1] == orgs


@pytest.mark.parametrize(("links", "expected"), [
    # Every link of the byline element goes to a writer's page: it names the co-author structured data left out.
    ("<a href='/author/jane-roe'>Jane Roe</a>, <a href='/author/john-doe'>John Doe</a>",
     (["Jane Roe", "John Doe"], "markup:byline-author-links")),
    # Another link there (a section) makes it no credit line: structured data's writer stands.
    ("<a href='/author/jane-roe'>Jane Roe</a> in <a href='/section/harbour'>Ports Desk</a>", (["Jane Roe"], "jsonld:author")),
])
def test_a_byline_of_links_to_writers_pages_names_the_co_authors(links: str, expected: tuple[list[str], str]) -> None:
    html = page(jsonld({"@type": "Person", "name": "Jane Roe"}), f"<div class='byline'>{links}</div>")
    assert byline(html) == expected


@pytest.mark.parametrize(("paragraph", "persons"), [
    ("<p>Von <strong><a href='https://jane.example'>Jana Muster</a></strong> und <strong>Max Beispiel</strong><br>"
     "<span id='more-788'></span><br>Kakuma /Kenia</p>", ["Jana Muster", "Max Beispiel"]),
    ("<p>By Jane Roe and John Doe<br>HARBOUR CITY /Northland</p>", ["Jane Roe", "John Doe"]),
])
def test_a_line_break_ends_the_byline_line(paragraph: str, persons: list[str]) -> None:
    # Under the piece's standfirst; the dateline below the names, on the next line of the same paragraph,
    # is no part of the last name.
    standfirst = "<p><strong>CRANES – Why the harbour's night shift is a matter for the whole city</strong></p>"
    assert byline(page(article=standfirst + paragraph))[0] == persons


def test_an_outlet_after_the_writer_in_the_structured_author_is_an_organisation() -> None:
    html = page(jsonld({"@type": "Person", "name": "Jane Roe, Kestrel Bay News&Guide"}),
                "<span class='author vcard'><a class='url fn n' href='/author/jane-roe/'>Jane Roe, Kestrel Bay "
                "News&amp;Guide</a></span>")
    assert credits(html)[:2] == (["Jane Roe"], ["Kestrel Bay News&Guide"])


def test_agency_in_the_author_field_counts_when_another_of_its_names_is_shown() -> None:
    html = page(jsonld([{"@type": "Person", "name": "Paula Beispiel"}, {"@type": "Organization", "name": "SDA"}]),
                "<p class='meta'>Agentur: SDA</p>")
    assert credits(html)[:2] == (["Paula Beispiel"], ["SDA"])


@pytest.mark.parametrize(("line", "persons", "orgs"), [
    ("By Jane Roe, Reuters", ["Jane Roe"], ["Reuters"]),
    ("By Jane Roe / TNN", ["Jane Roe"], ["TNN"]),
    ("Von Max Mustermann (dpa)", ["Max Mustermann"], ["dpa"]),
    ("Von Max Mustermann/dpa", ["Max Mustermann"], ["dpa"]),
    ("Autor: Max Mustermann/SP-X", ["Max Mustermann"], []),
    ("Par Le Figaro et AFP", [], ["Le Figaro", "AFP"]),
    ("By The Associated Press", [], ["The Associated Press"]),
    ("By Jane Roe and John Doe", ["Jane Roe", "John Doe"], []),
    ("By Jane Roe, Kestrel Bay News&Guide", ["Jane Roe"], ["Kestrel Bay News&Guide"]),  # "&" inside a name
])
def test_a_credit_line_gives_persons_and_organisations_apart(line: str, persons: list[str], orgs: list[str]) -> None:
    record = extract(URL, page(article=f"<p class='byline'>{line}</p>"))
    assert (record["byline"], record["byline_orgs"] or []) == (persons, orgs)


def test_structured_data_crediting_the_site_as_the_organisation_that_wrote_it() -> None:
    html = page(jsonld({"@type": "Organization", "name": "Harbour Notes"}))
    assert credits(html) == ([], ["Harbour Notes"], "jsonld:author-site")
    html = page(jsonld({"@type": "NewsMediaOrganization", "name": "harbournotes.example"}))
    assert credits(html) == ([], ["harbournotes.example"], "jsonld:author-site")


@pytest.mark.parametrize("html", [
    page(jsonld({"@type": "Person", "name": "Harbour Notes"})),  # an account named after the site
    page(article="<p class='byline'>By Harbour Notes</p>"),  # a template crediting its own newsroom
    page(jsonld({"@type": "Organization", "name": "Harbour Notes"}), "<p class='byline'>Von Erika Beispiel</p>"),
])
def test_the_site_crediting_itself_otherwise_is_no_organisation_credit(html: str) -> None:
    assert credits(html)[1] == []


@pytest.mark.parametrize("desk", ["Redaktion", "Redacción", "Rédaction", "Redazione"])
def test_a_newsroom_credited_as_the_author_is_an_organisation(desk: str) -> None:
    # The page's author link and its structured data credit the desk: a credit a reader can cite, not a
    # placeholder account.
    html = page(jsonld({"@type": "Person", "name": desk}), f"<p class='meta'><a href='/author/desk/'>{desk}</a></p>")
    assert credits(html)[:2] == ([], [desk])


@pytest.mark.parametrize("desk", ["Redaktion Harbour Notes", "harbournotes.example Redaktion", "Harbour Notes Staff",
                                  "Redacción Diario Harbour Notes"])
def test_the_sites_newsroom_credited_as_the_author_is_an_organisation(desk: str) -> None:
    # The site's name with its newsroom's word is the page crediting its desk, which a reader can cite; the
    # site's name alone is a template's or an account's (above).
    html = page(jsonld({"@type": "Person", "name": desk}), f"<p class='article-author'>{desk}</p>")
    assert credits(html) == ([], [desk], "jsonld:author")


def test_the_sites_newsroom_in_an_author_meta_tag_is_the_cms_account() -> None:
    html = page("<meta name='author' content='Redaktion Harbour Notes'>", "<p class='meta'>Redaktion Harbour Notes</p>")
    assert credits(html)[:2] == ([], [])


def test_no_rule_is_named_for_a_byline_left_empty() -> None:
    # Structured data credits an agency as a Person: byline ends empty and names no rule.
    record = extract(URL, page(jsonld({"@type": "Person", "name": "EFE"}), "<p class='meta'>EFE</p>"))
    assert (record["byline"], record["byline_orgs"]) == ([], ["EFE"])
    assert "byline" not in record["field_sources"] and record["field_sources"]["byline_orgs"] == "jsonld:author"


def test_the_pages_credit_line_adds_the_co_authors_structured_data_leaves_out() -> None:
    vcard = "<div class='entry-meta'><span class='author vcard'><span class='fn'>von Paula Beispiel, Jan Probe</span></span></div>"
    html = page(jsonld({"@type": "Person", "name": "Paula Beispiel"}), vcard)
    assert byline(html) == (["Paula Beispiel", "Jan Probe"], "markup:vcard")


def test_a_byline_elements_other_links_add_no_co_authors() -> None:
    meta = ("<div class='byline'><a href='/author/paula-beispiel/'>Paula Beispiel</a> in "
            "<a href='/category/werkstatt/'>Werkstatt Tipps</a></div>")
    html = page(jsonld({"@type": "Person", "name": "Paula Beispiel"}), meta)
    assert byline(html) == (["Paula Beispiel"], "jsonld:author")


@pytest.mark.parametrize("name", ["Harbour Notes", "HARBOUR NOTES", "harbournotes.example"])
def test_the_sites_own_name_is_no_byline(name: str) -> None:
    html = page(jsonld({"@type": "Organization", "name": name}), f"<p class='meta'>{name}</p>")
    assert byline(html) == ([], None)


def test_the_sites_own_name_gives_way_to_the_shown_byline() -> None:
    html = page(jsonld({"@type": "Person", "name": "Harbour Notes"}), "<p class='byline'>Von Erika Beispiel</p>")
    assert byline(html)[0] == ["Erika Beispiel"]


# --- markup ------------------------------------------------------------------------------------------

def test_author_vcard_in_a_layout_named_after_its_sidebar() -> None:
    html = page(article="<div class='entry-meta'><span class='by-author'>by <span class='author vcard'>"
                        "<a class='url fn n' href='/author/jdoe/'>Jane Doe</a></span></span></div>",
                body_class="single-post has-sidebar", outside="<aside class='sidebar'>Links</aside>")
    html = html.replace("<article>", "<div class='content-sidebar-wrap'><article>").replace("</article>", "</article></div>")
    assert byline(html) == (["Jane Doe"], "markup:vcard")


def test_a_byline_in_a_layout_that_counts_its_sidebars_is_the_piece_s() -> None:
    # No <article>: the piece's panel sits in a layout named for its one sidebar, beside the sidebar itself.
    html = page().replace("<article>", "<div class='panel-display zen-one-sidebar-second'><div class='pane'>"
                          ).replace("</article>", "<div class='signature'><span class='contributor'>Par&nbsp;"
                                    "<a href='/node/jeanne-exemple'>Jeanne Exemple</a></span></div></div>"
                                    "<div class='region-sidebar-second'>Agenda</div></div>")
    assert byline(html)[0] == ["Jeanne Exemple"]


def test_account_handle_from_rel_author() -> None:
    html = page(article="<p class='meta'>Posted by <a rel='author' href='/author/hafenblick42/'>hafenblick42</a></p>")
    assert byline(html)[0] == ["hafenblick42"]


def test_comment_authors_are_no_byline() -> None:
    outside = ("<div id='comments'><ol class='comment-list'><li class='comment'><div class='comment-author vcard'>"
               "<cite class='fn'>Rosa Kommentar</cite> sagt:</div><p>Schön!</p></li></ol></div>")
    assert byline(page(outside=outside)) == ([], None)


def test_author_of_a_cited_work_is_no_byline() -> None:
    article = ("<div itemprop='author' itemscope itemtype='https://schema.org/Person'><span itemprop='name'>Jane Doe</span></div>"
               "<ol><li itemprop='citation' itemscope itemtype='https://schema.org/ScholarlyArticle'>"
               "<meta itemprop='author' content='Otto Zitat'></li></ol>")
    assert byline(page(article=article))[0] == ["Jane Doe"]


@pytest.mark.parametrize(("href", "text", "names"), [
    ("/author/erika-beispiel/", "Erika Beispiel", ["Erika Beispiel"]),
    ("/autoren/Clara-Loew", "Clara Löw", ["Clara Löw"]),
    ("/author/doe-jane/", "Jane Doe", ["Jane Doe"]),
    ("/autor/jil-muster", "Alle Artikel von Jil Muster", ["Jil Muster"]),
    ("/profil/es_detail/A7M7AUXCTH/nikolai-beispiel?cHash=9a67", "Nikolai Beispiel", ["Nikolai Beispiel"]),
    ("/authors/editorial-policies/", "Editorial policies", []),
    ("/user/memberlist", "Member List", []),
])
def test_links_to_author_pages_whose_address_spells_the_name(href: str, text: str, names: list[str]) -> None:
    assert byline(page(article=f"<div class='meta'><a href='{href}'>{text}</a></div>"))[0] == names


def test_co_authors_linked_beside_each_other_not_the_authors_of_other_pieces() -> None:
    article = "<div class='meta'><a href='/author/jane-doe/'>Jane Doe</a>, <a href='/author/john-roe/'>John Roe</a></div>"
    outside = "<section class='more'><div><a href='/author/otto-anders/'>Otto Anders</a></div></section>"
    assert byline(page(article=article, outside=outside)) == (["Jane Doe", "John Roe"], "markup:author-link")


@pytest.mark.parametrize(("markup", "names"), [
    ("<div class='post-author'>Jane Doe, 3. Mai 2021</div>", ["Jane Doe"]),
    ("<div class='autor'>Jacobo Ejemplo | Publicado hace 3 horas</div>", ["Jacobo Ejemplo"]),
    ("<div class='author-box'><h4>Erika Beispiel</h4><p>" + "Erika schreibt über Häfen und Kräne. " * 5 + "</p></div>",
     ["Erika Beispiel"]),
    ("<span class='author'>Redaktion 1. November 2023</span>", []),
])
def test_author_classes(markup: str, names: list[str]) -> None:
    assert byline(page(article=markup))[0] == names


# --- byline lines and signatures ---------------------------------------------------------------------

@pytest.mark.parametrize("markup", [
    "<p class='meta'>Posted on May 3, 2021 by Jane Doe</p>",
    "<div><span>Von </span><a href='/x'>Jane Doe</a></div>",
    "<figure><img src='/p.jpg'><figcaption><address>Von Jane Doe</address></figcaption></figure>",
    "<p><em>von Jane Doe</em></p>",
])
def test_byline_lines_in_the_article(markup: str) -> None:
    names, rule = byline(page(article=markup))
    assert names == ["Jane Doe"] and rule.endswith("byline-line")


def test_a_posted_by_line_opening_the_text_names_the_account_and_leaves_the_body() -> None:
    # A classic Blogger template whose writers open each post with their account's name.
    html = page(article="<div class='post-body'><em>Posted by Trott</em><br><br>" + PARAGRAPHS + "</div>")
    record = extract(URL, html)
    assert (record["byline"], record["field_sources"]["byline"]) == (["Trott"], "body:byline-line")
    assert not record["body"].startswith("Posted by")


def test_byline_lines_of_other_pieces_are_not_the_articles() -> None:
    outside = "<div class='related-posts'><p>Von Otto Anders</p></div><nav><p>Von A bis Z</p></nav>"
    assert byline(page(outside=outside)) == ([], None)


@pytest.mark.parametrize(("outside", "names"), [
    ("<footer><p>Harbour Notes von Donald Townsend steht unter einer Creative-Commons-Lizenz.</p></footer>",
     ["Donald Townsend"]),
    ("<div class='comments'><p>Donald Townsend sagt: danke!</p></div>", []),  # a commenter's name
    ("<footer><p>Harbour Notes von donald townsend</p></footer>", []),  # no name as the page writes it
])
def test_an_author_pages_address_spells_the_name_its_link_shows_only_as_initials(outside: str, names: list[str]) -> None:
    article = "<p class='meta'>Posted by <a rel='author' href='/author/donaldtownsend/'>DT</a></p>"
    assert byline(page(article=article, outside=outside)) == (
        names, "markup:author-address" if names else None)


def test_the_byline_on_a_card_for_another_piece_is_not_the_articles() -> None:
    # A box of links to other pieces, each link around its headline and its writer's name, named as nothing
    # that says "related": the name is the other piece's writer.
    card = "<a href='/2021/05/ships'><h3>Ships at night</h3><div class='author-name'>Von Otto Anders</div></a>"
    assert byline(page(outside=f"<div class='sb-box'>{card}</div>")) == ([], None)
    assert byline(page(article="<div class='author-name'>Von Jane Doe</div>", outside=card))[0] == ["Jane Doe"]


@pytest.mark.parametrize(("article", "end"), [
    ("", "<p><strong>Lê Phương</strong></p>"),
    ("<p><b>Mathatisi Beispiel/Mohale Muster</b></p>", ""),
])
def test_signature_in_bold_before_or_after_the_text(article: str, end: str) -> None:
    names, rule = byline(page(article=article, end=end))
    assert rule == "text:signature" and names and all(" " in name for name in names)


def test_bold_subheading_is_no_signature() -> None:
    middle = "<p><strong>Weltweite Strahlkraft</strong></p>"
    html = page(article=PARAGRAPHS[:300]).replace(PARAGRAPHS, PARAGRAPHS + middle + PARAGRAPHS)
    assert byline(html) == ([], None)


@pytest.mark.parametrize("after", [
    "<pre><code>public class Barrier {\n  private final int parties = 4;\n  void await() throws Exception { lock.lock(); }\n}</code></pre>",
    "<table><tr><td>1 2 3 4 5 6 7 8 9 10 11 12 13 14</td><td>int count = parties; while (count > 0) { count--; }</td></tr></table>",
])
def test_a_bold_heading_over_the_closing_code_or_table_is_no_signature(after: str) -> None:
    # A technical post's last section: "核心代码" (core code) in bold, then the code; no paragraph follows.
    assert byline(page(end=f"<p><strong>核心代码</strong></p>{after}")) == ([], None)


# Short paragraphs of Chinese text, each of them text though under 80 characters.
CHINESE = "".join(f"<p>第{i}段：港口起重机在清晨开始工作，码头工人记得每一次关税的变化和它带来的影响。</p>" for i in range(4))


def test_bold_subheadings_amid_short_paragraphs_of_chinese_are_no_signature() -> None:
    # One paragraph over 80 characters opens the text; those after it are shorter, and text all the same.
    opening = "<p>" + "港口起重机在清晨开始工作，码头工人记得每一次关税的变化。" * 4 + "</p>"
    html = (f"<html lang='zh'><head><title>起重机</title></head><body><article><h1>清晨的起重机</h1>{opening}"
            f"{CHINESE}<p><strong>内存层次结构</strong></p>{CHINESE}<p><strong>带宽超限：</strong></p>{CHINESE}"
            "</article></body></html>")
    assert byline(html) == ([], None)


def test_a_chinese_signature_after_the_text_is_the_byline() -> None:
    html = (f"<html lang='zh'><head><title>起重机</title></head><body><article><h1>清晨的起重机</h1>{CHINESE}"
            f"<p><strong>王小明</strong></p></article></body></html>")
    assert byline(html) == (["王小明"], "text:signature")


@pytest.mark.parametrize("first", [
    "<p><strong>Dear Jane Doe,</strong></p>",  # a salutation: who is written to
    "<p><b>Usage Notes:</b></p>",  # a label leading on to the text
    "<p><strong>Oh. Hi.</strong></p>",  # a greeting: a sentence, not a name
    "<p><img src='/artist.jpg' alt=''><br><strong>Jane Doe</strong></p>",  # who the picture shows
])
def test_bold_lines_that_are_not_signatures(first: str) -> None:
    assert byline(page(article=first)) == ([], None)


# --- weak evidence -----------------------------------------------------------------------------------

def test_meta_author_shown_only_as_a_commenter_is_no_byline() -> None:
    head = "<meta name='author' content='Rosa Kommentar'>"
    outside = "<div class='comments'><p>Rosa Kommentar: schön!</p></div>"
    assert byline(page(head, outside=outside)) == ([], None)


def test_meta_author_naming_an_organisation_is_no_byline() -> None:
    head = "<meta name='author' content='Beispielwerke GmbH'>"
    assert byline(page(head, article="<p>Beispielwerke GmbH</p>")) == ([], None)


def test_one_word_meta_author_is_matched_as_a_word() -> None:
    head = "<meta name='author' content='Ica'>"
    assert byline(page(head, article="<p>America and its harbours</p>")) == ([], None)
    assert byline(page(head, article="<p>Ica</p>"))[0] == ["Ica"]


def test_a_personal_site_named_after_its_writer_keeps_the_printed_byline() -> None:
    head = "<meta property='og:site_name' content='Jane Doe'>"
    assert byline(page(head, article="<p class='meta'>By Jane Doe</p>"))[0] == ["Jane Doe"]
    head = "<meta property='og:site_name' content='Harbour Kitchens'>"
    assert byline(page(head, article="<p class='meta'>By Harbour Kitchens</p>")) == ([], None)


def test_placeholder_poster_is_no_byline() -> None:
    from archiver.extraction.authors import poster_byline

    assert poster_byline("Unknown") == [] and poster_byline("der Michel") == ["der Michel"]
    assert poster_byline("hafenblick42", {"hafenblick42"}) == ["hafenblick42"]
    assert poster_byline("Der Hafenbote", {"derhafenbote"}) == []


@pytest.mark.parametrize(("poster", "persons", "orgs"), [
    ("Erika Beispiel", ["Erika Beispiel"], []),
    ("Redaktion", [], ["Redaktion"]),  # a newsroom's account credits the newsroom, no person
])
def test_the_posting_account_credits_a_post_with_no_byline_of_its_own(poster: str, persons: list[str],
                                                                     orgs: list[str]) -> None:
    record = extract(URL, page(article="<p>Die Kräne im Hafen stehen still, seit dem Morgen.</p>"), {"poster": poster})
    assert (record["byline"], record["byline_orgs"] or [], record["poster"]) == (persons, orgs, poster)


def test_an_article_classed_as_commentary_is_no_comment_thread() -> None:
    html = page(article="<p class='meta'><span itemprop='author'>Jane Doe</span></p>").replace(
        "<article>", "<div class='news commentary'><article>").replace("</article>", "</article></div>")
    assert byline(html)[0] == ["Jane Doe"]


@pytest.mark.parametrize("author, shown, byline", [
    ({"@type": "Person", "name": "Todd"}, "<p class='meta'>Story by Todd Bates</p>", ["Todd Bates"]),
    ({"@type": "Person", "name": "toddbates"}, "<p class='meta'>Todd Bates, 3 May</p>", ["Todd Bates"]),
    ({"@type": "Person", "name": "Henry"}, "<p class='meta'>HENRY STEINWALD</p>", ["Henry Steinwald"]),
    # Two people of that first name on the page, or none: the name stays as the author field gives it.
    ({"@type": "Person", "name": "Olga"}, "<p class='meta'>Olga Berg and Olga Lind</p>", ["Olga"]),
    ({"@type": "Person", "name": "Olga"}, "<p class='meta'>Olga said so</p>", ["Olga"]),
    ({"@type": "Person", "name": "Olga"}, "<p class='meta'>Olga EN</p>", ["Olga"]),
])
def test_a_one_word_author_is_written_in_full_when_the_page_shows_the_full_name(
        author: dict, shown: str, byline: list[str]) -> None:
    record = extract(URL, page(head=jsonld(author), article=shown))
    assert record["byline"] == byline


def test_a_name_the_page_prints_short_stays_short() -> None:
    record = extract(URL, page(article="<p class='meta'>Posted by Konrad</p>", end="<footer>Konrad Tessel</footer>"))
    assert record["byline"] == ["Konrad"]


def wordpress_post(blog: str, author: str) -> str:
    return (f"<html lang='en'><head><meta name='generator' content='WordPress 6.4'><title>Cranes</title></head>"
            f"<body><header><p class='site-title'>{blog}</p></header><article><h1 class='entry-title'>Cranes at dawn</h1>"
            f"<div class='entry-meta'><span class='byline'><span class='author vcard'><a class='url fn n' href='/author/x/'>"
            f"{author}</a></span></span></div><div class='entry-content'>{PARAGRAPHS}</div></article></body></html>")


@pytest.mark.parametrize("blog, url, author, byline", [
    # A blog posting from an account named after itself: the account is not a writer's name.
    ("Das Nachtkabinett", "https://nachtkabinett.example/2021/05/cranes/", "Das Nachtkabinett", []),
    # A writer's blog named after the writer keeps the writer.
    ("Jane Doe", "https://janedoe.example/2021/05/cranes/", "Jane Doe", ["Jane Doe"]),
    ("Harbour Notes", "https://harbour.example/2021/05/cranes/", "Jane Doe", ["Jane Doe"]),
])
def test_a_wordpress_byline_that_is_the_blogs_own_name_is_no_byline(blog: str, url: str, author: str,
                                                                     byline: list[str]) -> None:
    record = extract(url, wordpress_post(blog, author))
    assert record["platform"] == "wordpress"
    assert record["byline"] == byline


def test_a_blogger_posts_byline_line_outside_its_text_still_names_the_writers() -> None:
    # Some Blogger templates render the post with scripts and keep a <noscript> copy, byline included.
    post = ("<noscript><span class='byline-author'>Posted by Jane Doe and John Roe - Harbour Security team</span>"
            f"{PARAGRAPHS}</noscript>")
    html = (f"<html lang='en'><head><meta name='generator' content='Blogger'><title>Cranes</title></head><body>"
            f"<div class='widget Blog'><div class='post'><h3 class='post-title'>Cranes at dawn</h3>"
            f"<div class='post-body'>{post}</div>"
            f"<div class='post-footer'>Posted by <span class='fn'>Harbour Team</span></div></div></div></body></html>")
    record = extract("https://harbour.blogspot.com/2021/05/cranes.html", html)
    assert record["platform"] == "blogger"
    assert (record["byline"], record["field_sources"]["byline"]) == (["Jane Doe", "John Roe"], "text:byline-line")


def test_a_byline_lines_account_handle_stands_on_the_blog_named_after_it() -> None:
    html = page(article="<div class='meta'>Posted in <a href='/category/hafen/'>Hafen</a> by harbournotes "
                        "on August 3, 2019</div>")
    record = extract("https://harbournotes.example/2019/08/03/cranes/", html)
    assert (record["byline"], record["field_sources"]["byline"]) == (["harbournotes"], "text:byline-line")


def test_one_word_after_by_is_the_byline_where_it_links_to_the_writers_page() -> None:
    # Twenty Twenty's meta line: a hidden label, then "By" and the account's display name, which the
    # blog is named after ("Burgo's Music Blog" on burgo.example).
    line = ("<ul class='post-meta'><li class='post-author'><span class='screen-reader-text'>Post author</span>"
            "<span class='meta-text'>By <a href='/author/mattb/'>Burgo</a></span></li></ul>")
    html = page(head="<meta property='og:site_name' content=\"Burgo's Music Blog\">", article=line)
    record = extract("https://burgo.example/2007/09/18/cranes/", html)
    assert (record["byline"], record["field_sources"]["byline"]) == (["Burgo"], "text:byline-line")


def test_an_account_handle_in_lower_case_linked_beside_by_is_the_byline() -> None:
    # A theme's meta item: "by" in a span of its own, the account's handle in the link beside it.
    line = ("<div class='h-blog-meta'><div class='metadata-item'><span class='metadata-prefix'> by </span> "
            "<a href='https://hafen.example/blog/author/hafenmeister'> hafenmeister </a></div></div>")
    record = extract("https://hafen.example/blog/2024/01/kraene.html", page(article=line))
    assert (record["byline"], record["field_sources"]["byline"]) == (["hafenmeister"], "text:byline-line")


@pytest.mark.parametrize("line", [
    "<p class='meta'>By <a href='/tag/cranes/'>Cranes</a></p>",  # a tag's page, not a writer's
    "<p class='meta'>By Burgo</p>",  # no link: one word after "By" may begin a sentence
    "<p class='meta'>by <a href='/tag/cranes/'>cranes</a></p>",
    "<p>Photos by <a href='/author/jdoe/'>jdoe</a> and friends</p>",  # more than the one linked word
])
def test_one_word_after_by_is_no_byline_without_a_link_to_a_writers_page(line: str) -> None:
    assert byline(page(article=line)) == ([], None)


# --- names in scripts without letter case ------------------------------------------------------------

def _page_in(lang: str, head: str = "", article: str = "") -> str:
    text = "".join(f"<p>{'本文の段落です。' * 12}{i}</p>" for i in range(6))
    return (f"<html lang='{lang}'><head><title>記事</title>{head}</head><body><header>サイト</header>"
            f"<article><h1>見出しの記事</h1>{article}{text}</article></body></html>")


@pytest.mark.parametrize(("lang", "article", "names"), [
    ("ja", "<p class='author'>著者：後藤大地</p>", ["後藤大地"]),
    ("ja", "<p>文●松村太郎</p>", ["松村太郎"]),
    ("ko", "<p class='byline'>신현주 기자</p>", ["신현주"]),
    ("zh", "<p>作者：张三丰</p>", ["张三丰"]),
    ("zh", "<p>记者 王磊</p>", ["王磊"]),
])
def test_a_byline_line_in_a_script_without_letter_case(lang: str, article: str, names: list[str]) -> None:
    assert extract(URL, _page_in(lang, article=article))["byline"] == names


def test_an_interviewer_s_question_is_no_byline() -> None:
    # "記者：" ("reporter:") then a question, in an interview: a phrase (its particle runs on into kanji), no names.
    interview = "<p>記者：初戦の感想は</p><p>選手：最高でした</p><p>記者：次は決勝、意気込みは</p><p>選手：勝ちます</p>"
    html = _page_in("ja").replace("</article>", interview + "</article>")
    assert extract(URL, html)["byline"] == []


@pytest.mark.parametrize(("author", "names", "orgs"), [
    ({"@type": "Person", "name": "後藤大地"}, ["後藤大地"], []),
    ({"@type": "Person", "name": "신현주 기자"}, ["신현주"], []),
    ([{"@type": "Person", "name": "王磊"}, {"@type": "Organization", "name": "新华社"}], ["王磊"], ["新华社"]),
    ({"@type": "Person", "name": "朝日新聞"}, [], ["朝日新聞"]),
])
def test_structured_data_names_in_scripts_without_letter_case(author: object, names: list[str], orgs: list[str]) -> None:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "見出しの記事", "author": author}
    html = _page_in("ja", head=f"<script type='application/ld+json'>{json.dumps(data, ensure_ascii=False)}</script>",
                    article="<p>" + " ".join(names + orgs) + "</p>")
    record = extract(URL, html)
    assert (record["byline"], record["byline_orgs"] or []) == (names, orgs)


# --- a guest writer named in the title ---------------------------------------------------------------

@pytest.mark.parametrize(("title", "names"), [
    ('Guest Editorial by Ed "Too Tall" Jones', ['Ed "Too Tall" Jones']),
    ("Tariffs and trust: a guest post by Jane Doe", ["Jane Doe"]),
    ("Why ports matter (guest column by Wen Hsu)", ["Wen Hsu"]),
    ("Killed by the tide", ["Lynn Swann"]),  # no guest credit: the poster's own writing
])
def test_a_guest_writer_named_in_the_title_is_the_byline_and_the_poster_stays(title: str, names: list[str]) -> None:
    paragraphs = "".join(f"<p>Paragraph {i} of a post about the harbour and its cranes, long enough to count.</p>"
                         for i in range(5))
    html = ("<html><head><meta name='generator' content='Blogger'><title>Notes</title></head><body>"
            f"<div class='post hentry'><h3 class='post-title'>{title}</h3><div class='post-body'>{paragraphs}</div>"
            "<div class='post-footer'><span class='post-author vcard'>Posted by <span class='fn'>Lynn Swann</span>"
            "</span></div></div></body></html>")
    record = extract("https://notes.blogspot.com/2021/05/guest.html", html)
    assert (record["byline"], record["poster"]) == (names, "Lynn Swann")


@pytest.mark.parametrize(("line", "names"), [
    ("<p class='text-muted'>11.12.2019 - Erika Beispiel</p>", ["Erika Beispiel"]),
    ("<div class='meta'>Jane Doe · May 3, 2021</div>", ["Jane Doe"]),
    ("<p>3. Mai 2021 | Max Mustermann</p>", ["Max Mustermann"]),
    # not a date and a name alone
    ("<p>May 3, 2021 · Harbour news</p>", []),
    ("<p>Jane Doe</p>", []),
    ("<p>May 3, 2021 · Jane Doe · 5 min read</p>", []),
])
def test_a_line_of_a_date_and_a_name_under_the_headline_names_the_writer(line: str, names: list[str]) -> None:
    html = page(article=line)
    assert byline(html) == (names, "text:headline-dateline" if names else None)


@pytest.mark.parametrize("kind", ["DiscussionForumPosting", "MedicalWebPage"])
def test_the_author_of_a_forum_threads_opening_post_or_a_health_guide_is_the_byline(kind: str) -> None:
    data = {"@context": "https://schema.org", "@type": kind, "headline": "Cranes at dawn",
            "author": {"@type": "Person", "name": "hafenblick42" if kind.startswith("Discussion") else "Jane Doe"}}
    shown = "<span class='username'>hafenblick42</span>" if kind.startswith("Discussion") else "<p>Jane Doe</p>"
    html = page(head=f"<script type='application/ld+json'>{json.dumps(data)}</script>", article=shown)
    assert byline(html) == (["hafenblick42" if kind.startswith("Discussion") else "Jane Doe"], "jsonld:author")


def test_a_template_element_named_author_that_holds_the_piece_is_no_author_box() -> None:
    # "author-article" around the headline and the text; its first short link is a tag naming a person.
    html = ("<html><head><title>Cranes</title></head><body><article class='author-article'><h1>Cranes at dawn</h1>"
            f"{PARAGRAPHS}<div class='tags'><h4>People</h4><p><a href='/people/jana-muster'>Jana Muster</a></p></div>"
            "</article></body></html>")
    assert byline(html) == ([], None)


@pytest.mark.parametrize("word", ["Cortesía", "Courtesy"])
def test_a_photo_credits_courtesy_word_is_nobody(word: str) -> None:
    assert author_names(word) == []
