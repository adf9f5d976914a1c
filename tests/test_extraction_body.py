"""Golden cases for the body text rules, on hand-written pages (no real site's text)."""

from __future__ import annotations

import re

import pytest

from archiver.extraction import extract
from archiver.extraction.body import unwrap_text
from archiver.extraction.dom import parse_html

TEXT = "".join(
    f"<p>Paragraph {i} of a made-up report on the ferry timetable, the harbour dues and the night shift; "
    f"it is long enough to be the body of a real piece of writing, sentence after sentence.</p>" for i in range(6)
)


def body_of(html: str) -> str:
    return extract("https://news.example.org/2024/05/ferries", html)["body"]


# --- intro (lead paragraph, teaser) --------------------------------------------------------------------

INTRO_PAGES = {
    "english lead in the article header": (
        "<html lang='en'><head><title>Night ferries return to the harbour</title></head><body>"
        "<article><header><h1>Night ferries return to the harbour</h1>"
        "<p class='article-lead'>The night ferries are back after two years, and the harbour wants to keep them.</p>"
        "</header><div class='article-body'>{text}</div></article></body></html>"
    ),
    "german teaser block of a news extension": (
        "<html lang='de'><head><title>Nachtfähren kehren zurück</title></head><body><div class='news news-single'>"
        "<div class='article'><div class='header'><h1>Nachtfähren kehren zurück</h1></div>"
        "<div class='teaser-text'><p>Nach zwei Jahren fahren die Nachtfähren wieder, und der Hafen will sie halten.</p></div>"
        "<div class='news-text-wrap'>{text}</div></div></div></body></html>"
    ),
    "spanish subtitle heading under the headline": (
        "<html lang='es'><head><title>Vuelven los transbordadores nocturnos | Diario</title></head><body>"
        "<main><header class='cabecera'><h1>Vuelven los transbordadores nocturnos</h1>"
        "<h2 class='bajada'>Tras dos años de pausa, el puerto quiere conservar el servicio nocturno.</h2></header>"
        "<div class='cuerpo'>{text}</div></main></body></html>"
    ),
}


@pytest.mark.parametrize("name", sorted(INTRO_PAGES))
def test_intro_above_the_text_starts_the_body(name: str) -> None:
    body = body_of(INTRO_PAGES[name].format(text=TEXT))
    first = body.split("\n\n")[0]
    assert any(word in first for word in ("night ferries are back", "Nach zwei Jahren", "Tras dos años")), first
    assert "Paragraph 5" in body


def test_intro_is_not_repeated_when_the_text_has_it() -> None:
    html = INTRO_PAGES["english lead in the article header"].format(
        text="<p>The night ferries are back after two years, and the harbour wants to keep them.</p>" + TEXT)
    assert body_of(html).count("The night ferries are back") == 1


def test_intro_of_several_paragraphs_is_taken_whole() -> None:
    html = ("<html lang='sv'><head><title>Nattfärjorna är tillbaka</title></head><body><article>"
            "<header><h1>Nattfärjorna är tillbaka i hamnen</h1>"
            "<p class='lead'>Nattfärjorna går igen efter två år av uppehåll i hamnen.</p>"
            "<p class='lead'>Hamnen vill behålla dem, men pengarna räcker bara till hösten.</p></header>"
            f"<div class='article-body'>{TEXT}</div></article></body></html>")
    paragraphs = body_of(html).split("\n\n")
    assert paragraphs[0].startswith("Nattfärjorna går igen") and paragraphs[1].startswith("Hamnen vill")


@pytest.mark.parametrize("block", [
    # A blog's description under the blog's name is not the post's intro.
    "<header class='site-header'><h1 class='site-title'>Harbour Notes</h1>"
    "<p class='site-description'>A blog about ferries, tides and the people who work the night shift.</p></header>",
    # A teaser of another article in a sidebar.
    "<aside class='sidebar'><h2>Ferries for sale</h2><p class='teaser'>Three old ferries go on sale next week, "
    "with a price that surprised the harbour board.</p></aside>",
    # An author's bio is not an intro though its class says description.
    "<div class='author-box'><h2>Night ferries return</h2><p class='author-description'>Jane Doe writes about "
    "ferries and harbours and has done so for twenty years.</p></div>",
])
def test_blocks_that_are_not_the_intro_stay_out(block: str) -> None:
    html = (f"<html lang='en'><head><title>Night ferries return</title></head><body>{block}"
            f"<article><h2 class='entry-title'>Night ferries return</h2><div class='entry-content'>{TEXT}</div>"
            "</article></body></html>")
    body = body_of(html)
    assert body.startswith("Paragraph 0"), body[:200]


# --- hard-wrapped text -----------------------------------------------------------------------------------

def test_unwrap_text_joins_source_newlines_but_not_in_pre() -> None:
    tree = parse_html("<html><body><p>one\ntwo <b>three\nfour</b>\nfive</p><pre>a\nb</pre>\ntail</body></html>")
    unwrap_text(tree)
    assert tree.xpath("//p")[0].text_content() == "one two three four five"
    assert tree.xpath("//pre")[0].text == "a\nb"
    assert tree.xpath("//pre")[0].tail == " tail"


# --- pointers to other pieces ----------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "title"), [
    ("<p>Read more: <a href='/other'>{}</a></p>", "Harbour fees rise for the third year running"),
    ("<p><strong>Lea también:</strong> <a href='/otra'>{}</a></p>", "El puerto sube las tasas por tercer año"),
    ("<ul><li>Lesen Sie auch: <a href='/andere'>{}</a></li></ul>", "Hafengebühren steigen das dritte Jahr in Folge"),
    ("<p>FUNDA OLUNYE UDABA LAPHA | <a href='/enye'>{}</a></p>", "Imali yechweba ikhuphuka futhi"),
    ("<p>&gt;&gt; <a href='/more'>{}</a></p>", "All harbour fees for the year at a glance"),
])
def test_a_labelled_link_to_another_piece_is_dropped(line: str, title: str) -> None:
    text = TEXT[:400] + line.format(title) + TEXT[400:]
    body = body_of(INTRO_PAGES["english lead in the article header"].format(text=text))
    assert title not in body and "Paragraph 5" in body


@pytest.mark.parametrize("line", [
    "<p>The board met on Monday, and <a href='/minutes'>the minutes</a> show a split vote on the ferry fares.</p>",
    "<p>Update: the board has <a href='/vote'>published the vote</a> and the ferry fares stay as they are for now.</p>",
])
def test_prose_with_a_link_stays(line: str) -> None:
    body = body_of(INTRO_PAGES["english lead in the article header"].format(text=TEXT[:400] + line + TEXT[400:]))
    assert "ferry fares" in body


@pytest.mark.parametrize("heading", [
    "Related articles", "Auch interessant", "Lesen Sie auch:", "Le puede interesar", "NOTAS RELACIONADAS",
    "À lire aussi", "Czytaj też:", "Leggi anche", "Weitere Beiträge aus der Kolumne:",
])
def test_heading_of_a_list_of_other_pieces_is_dropped(heading: str) -> None:
    text = TEXT[:400] + f"<h3>{heading}</h3>" + TEXT[400:]
    body = body_of(INTRO_PAGES["english lead in the article header"].format(text=text))
    assert heading not in body and "Paragraph 5" in body


def test_a_sentence_that_starts_like_such_a_heading_stays() -> None:
    line = "<p>Related articles in the harbour archive show the same split vote on ferry fares since 1998.</p>"
    body = body_of(INTRO_PAGES["english lead in the article header"].format(text=TEXT[:400] + line + TEXT[400:]))
    assert "same split vote" in body


# --- stub text -------------------------------------------------------------------------------------------

def test_a_stub_post_element_falls_back_to_the_page() -> None:
    html = ("<html lang='en'><head><title>Ferry fares</title><meta name='generator' content='WordPress 6.4'></head>"
            "<body><article><h1>Ferry fares</h1><div class='entry-content'><p>See below.</p></div>"
            f"<div class='story-text'>{TEXT}</div></article></body></html>")
    record = extract("https://harbour.example.org/2024/05/fares/", html)
    assert record["platform"] == "wordpress" and "Paragraph 5" in record["body"]


@pytest.mark.parametrize("post", ["<p>Back from the beach: photos tomorrow.</p>", "<img src='/beach.jpg'>"])
def test_a_short_blogger_post_never_takes_the_sidebar_gadget_for_its_body(post: str) -> None:
    gadget = " ".join(f"Things I like number {i}: trains, football, the sea and my grandmother's cooking." for i in range(8))
    html = ("<html lang='en'><head><title>Notes</title><meta name='generator' content='Blogger'></head><body>"
            "<div class='main'><div class='post-outer'><div class='post hentry'><h3 class='post-title'>Beach</h3>"
            f"<div class='post-body entry-content'>{post}</div>"
            "<div class='post-footer'>Posted by Jorge at 10:32</div></div></div></div>"
            f"<div class='sidebar'><div class='widget HTML' id='HTML1'><div class='widget-content'><p>{gadget}</p>"
            "</div></div></div></body></html>")
    body = extract("https://notes.blogspot.com/2011/08/beach.html", html)["body"] or ""
    assert "Things I like" not in body
    assert body == ("Back from the beach: photos tomorrow." if post.startswith("<p>") else "")


@pytest.mark.parametrize(("post", "body"), [
    ("<p><a href='https://other.example/manifesto/'>Here</a>.</p>", "Here."),
    ("Back from the beach.<br><a href='/photos/'>Photos</a> tomorrow.", "Back from the beach.\n\nPhotos tomorrow."),
    ("<p>Details of the workshop and its program are <a href='https://other.example/'>here</a>. Registration is\n"
     " open until May.</p><p>A <em>second</em> line.</p>",
     "Details of the workshop and its program are here. Registration is open until May.\n\nA second line."),
])
def test_a_short_posts_links_stay_in_their_lines(post: str, body: str) -> None:
    # trafilatura's fallback for a page of little text joins its text nodes with line breaks: "Here\n\n."
    html = ("<html lang='en'><head><title>Notes</title><meta name='generator' content='WordPress 4.9'></head>"
            "<body class='single single-post'><article class='post hentry'><h1 class='entry-title'>Manifesto</h1>"
            f"<div class='entry-content'>{post}</div></article></body></html>")
    assert extract("https://notes.example/?p=3109", html)["body"] == body


# --- intro without a class: the paragraph right under the headline --------------------------------------

def _headline_page(under: str) -> str:
    return ("<html lang='de'><head><title>Nachtfähren kehren zurück</title></head><body><main>"
            f"<section><h1>Nachtfähren kehren zurück</h1><div>{under}</div></section>"
            f"<article><div class='article-body'>{TEXT}</div></article></main></body></html>")


def test_paragraph_right_under_the_headline_is_the_intro() -> None:
    body = body_of(_headline_page("<p>Nach zwei Jahren fahren die Nachtfähren wieder, und der Hafen will sie halten.</p>"))
    assert body.startswith("Nach zwei Jahren fahren")


@pytest.mark.parametrize("meta", [
    "Von Erika Beispiel | 12. Mai 2024, 08:30 Uhr | Lesezeit drei Minuten",
    "Veröffentlicht am 12.05.2024 von der Redaktion des Hafenblatts in Kiel",
    "By Jane Doe / May 12, 2024 9:49 am / Updated: May 13, 2024 4:17 pm",
])
def test_meta_line_under_the_headline_is_not_the_intro(meta: str) -> None:
    body = body_of(_headline_page(f"<p>{meta}</p>"))
    assert body.startswith("Paragraph 0"), body[:120]


@pytest.mark.parametrize("dek", [
    "<h3 class='subtitle'>Two years on, the harbour wants the night ferries to stay for good this time.</h3>",
    "<p class='article-standfirst'>Two years on, the harbour wants the night ferries to stay for good this time.</p>",
])
def test_a_headline_s_dek_is_not_taken_for_the_intro(dek: str) -> None:
    html = ("<html lang='en'><head><title>Night ferries return</title></head><body><article><header>"
            f"<h1>Night ferries return</h1>{dek}</header><div class='article-body'>{TEXT}</div></article></body></html>")
    assert "Two years on" not in body_of(html)


# --- pointer lines, headline links and rights notices -----------------------------------------------------

def _with_line(line: str) -> str:
    """The page with a line between its third and fourth paragraph."""
    cut = TEXT.index("<p>Paragraph 3")
    return INTRO_PAGES["english lead in the article header"].format(text=TEXT[:cut] + line + TEXT[cut:])


@pytest.mark.parametrize(("line", "pointer"), [
    ("<p><strong>Lea también: Los transbordadores vuelven al puerto</strong></p>", "Los transbordadores vuelven"),
    ("<p>LE PUEDE INTERESAR: La tarifa nocturna sube otra vez en el puerto</p>", "La tarifa nocturna"),
    ("<p>ALSO READ | Harbour board splits over the night fares</p>", "Harbour board splits"),
    ("<p>Czytaj też: Nocne promy wracają do portu</p>", "Nocne promy wracają"),
    ("<p>Lesen Sie auch: Die Hafengebühren steigen weiter</p>", "Die Hafengebühren steigen"),
])
def test_a_labelled_pointer_without_markup_is_dropped(line: str, pointer: str) -> None:
    body = body_of(_with_line(line))
    assert pointer not in body and "Paragraph 5" in body


def test_a_sentence_with_a_colon_after_read_stays() -> None:
    line = ("<p>Read the minutes yourself: the board split four to three on the night fares, and the chair voted "
            "with the minority for the first time since the harbour opened.</p>")
    assert "board split four to three" in body_of(_with_line(line))


@pytest.mark.parametrize("line", [
    "<p><a href='/2024/04/fares'>Harbour fees rise for the third year running</a></p>",
    "<h4><a href='https://news.example.org/other'>Nachtfähren: Der Hafen verlängert den Versuch</a></h4>",
    "<p><em><a href='/otra'>El puerto sube las tasas por tercer año</a></em></p>",
])
def test_a_paragraph_that_is_only_a_link_to_another_page_is_dropped(line: str) -> None:
    body = body_of(_with_line(line))
    assert "third year" not in body and "verlängert" not in body and "tercer año" not in body
    assert "Paragraph 5" in body


@pytest.mark.parametrize("line", [
    "<p><a href='https://www.harbour-board.example.org/minutes'>https://www.harbour-board.example.org/minutes</a></p>",
    "<p><a href='mailto:desk@harbour.example.org'>Write to the harbour desk about the fares</a></p>",
    "<p><a href='#fares'>The night fares, table by table</a></p>",
])
def test_a_link_that_spells_out_an_address_or_stays_on_the_page_stays(line: str) -> None:
    body = body_of(_with_line(line))
    assert any(word in body for word in ("harbour-board", "harbour desk", "table by table")), body[-300:]


@pytest.mark.parametrize("line", [
    "<p>© 2024 Harbour News Ltd. All rights reserved.</p>",
    "<p>Copyright: Harbour Syndicate, 2024</p>",
    "<p>Alle Rechte vorbehalten. Hafenblatt Verlag</p>",
    "<p>Todos los derechos reservados.</p>",
])
def test_a_rights_notice_is_dropped(line: str) -> None:
    body = body_of(_with_line(line))
    assert "Harbour News Ltd" not in body and "Syndicate" not in body and "Rechte" not in body
    assert "derechos" not in body and "Paragraph 5" in body


def test_prose_about_copyright_stays() -> None:
    line = ("<p>The harbour board says the copyright on the old ferry posters has lapsed, so the museum can print "
            "them again, and it plans a sale of the prints in the summer to pay for the night crossings.</p>")
    assert "old ferry posters" in body_of(_with_line(line))


@pytest.mark.parametrize("line", [
    "<p>Never miss the harbour news by signing up to our newsletter today!</p>",
    "<p>Zum Newsletter anmelden</p>",
    "<p>Síguenos en Telegram, Instagram y Facebook para recibir todas las noticias del puerto</p>",
    "<p>Folgt uns auf Instagram, da gibt es die neuesten Fotos vom Hafen.</p>",
    "<p>Subscribe now to our print edition for the full story.</p>",
    "<p>If you are already a subscriber, log in to read on.</p>",
])
def test_a_call_to_subscribe_or_follow_is_dropped(line: str) -> None:
    body = body_of(_with_line(line))
    words = ("signing up", "Newsletter", "Síguenos", "Instagram", "Subscribe", "subscriber")
    assert not any(word in body for word in words)
    assert "Paragraph 5" in body


@pytest.mark.parametrize("line", [
    "<p>The harbour master said on Telegram that the night ferries would follow the old timetable until June.</p>",
    "<p>Follow these three steps to book a cabin on the night ferry: choose a date, pick a berth, pay.</p>",
    ("<p>Der Hafen hat einen Newsletter für Pendler gestartet, der jeden Morgen über Verspätungen der Fähren "
     "berichtet und schon tausend Leser hat, wie die Verwaltung am Montag mitteilte.</p>"),
])
def test_prose_that_mentions_platforms_or_newsletters_stays(line: str) -> None:
    body = body_of(_with_line(line))
    assert any(word in body for word in ("on Telegram", "three steps", "für Pendler")), body[-400:]


@pytest.mark.parametrize("line", [
    "<p>Foto: Erika Beispiel / Hafenamt</p>",
    "<p>(Credit: Jane Doe / Harbour Agency)</p>",
    "<p>Crédits photos : Agence du Port</p>",
    "<p>Titelbild: Hafen bei Nacht, Erika Beispiel</p>",
    "<p>The night ferry leaves the harbour at dawn. © Jane Doe</p>",
])
def test_a_picture_credit_line_is_dropped(line: str) -> None:
    body = body_of(_with_line(line))
    assert not any(name in body for name in ("Erika Beispiel", "Jane Doe", "Agence du Port")), body[-400:]
    assert "Paragraph 5" in body


@pytest.mark.parametrize("line", [
    "<p>*Werbung. Dieser Beitrag enthält Werbung für eine Reederei.</p>",
    "<p>Anzeige, enthält Affiliate Links</p>",
    ("<p>This post contains references to products from one or more of our advertisers. We may receive "
     "compensation when you click on links to those products.</p>"),
])
def test_an_advertising_disclosure_is_dropped(line: str) -> None:
    body = body_of(_with_line(line))
    assert "Werbung" not in body and "Affiliate" not in body and "advertisers" not in body
    assert "Paragraph 5" in body


@pytest.mark.parametrize("line", [
    "<p>Letzte Änderung 14.02.2019</p>", "<p>Last updated: 13 July 2020</p>", "<p>Release Date:</p>",
    "<p>Stand: 28.04.2020 18:00 Uhr</p>", "<p>Actualizado: 29/4/2022 - 12:00 am</p>",
    # A blog template's entry footer (Movable Type): who posted it and when.
    "<p>Posted by patton at December 25, 2005 06:35 PM</p>",
    "<div class='posted'>Posted by Jane Roe at 10:35 AM | Comments (2) | TrackBack (0)</div>",
])
def test_a_meta_line_with_the_piece_s_dates_is_dropped(line: str) -> None:
    body = body_of(_with_line(line))
    assert not any(word in body for word in ("Letzte", "Last updated", "Release", "Stand:", "Actualizado", "Posted"))


@pytest.mark.parametrize("line", [
    "<p>Standardausführung: Klasse 1 nach der Norm von 2021, für alle Fähren im Hafen.</p>",
    "<p>Updated timetables for 2024 are posted at the ferry terminal every Monday.</p>",
    "<p>Posted by the harbour office at the pier on 3 May: new timetables for the two ferries and the night bus.</p>",
])
def test_a_line_that_only_starts_like_a_meta_label_stays(line: str) -> None:
    body = body_of(_with_line(line))
    assert "Standardausführung" in body or "Updated timetables" in body or "harbour office" in body


@pytest.mark.parametrize("heading", ["Inhaltsverzeichnis", "Table of contents", "Weitere Informationen:", "Kontakt:",
                                     "Quellenangaben:", "Sources", "Mots-clés :", "カテゴリー:", "标签：", "태그"])
def test_an_appendix_or_contents_heading_is_dropped(heading: str) -> None:
    # A theme's term row left empty ends the post's text with its label alone ("カテゴリー:").
    body = body_of(_with_line(f"<h3>{heading}</h3>"))
    assert heading not in body and "Paragraph 5" in body


@pytest.mark.parametrize(("line", "gone"), [
    ("<p>Lesen Sie auch die folgenden Beiträge:</p>", "folgenden Beiträge"),
    ("<p>Das Thema könnte dich auch interessieren:</p>", "Das Thema könnte"),
    ("<p>Mehr zur Lage im Hafen lesen Sie in unserem Liveblog:</p>", "Liveblog"),
    ("<p>Weitere Informationen zu den Nachtfähren:</p>", "Weitere Informationen"),
])
def test_a_line_announcing_pointers_is_dropped(line: str, gone: str) -> None:
    body = body_of(_with_line(line))
    assert gone not in body and "Paragraph 5" in body


def test_a_line_announcing_the_piece_s_own_material_stays() -> None:
    line = "<p>Nachfolgend lesen Sie die Stellungnahme des Hafenamts im Wortlaut:</p>"
    assert "Stellungnahme des Hafenamts" in body_of(_with_line(line))


@pytest.mark.parametrize("line", [
    "<p>%d Bloggern gefällt das:</p>", "<p>Kommentar abgeben</p>",
    "<p>Du musst eingeloggt sein, um Kommentare zu schreiben!</p>",
    "<p>Um einen Kommentar zu hinterlassen, loggen Sie sich bitte ein.</p>",
    "<p>You must be logged in to post a comment.</p>",
])
def test_the_comment_box_s_prompts_are_dropped(line: str) -> None:
    body = body_of(_with_line(line))
    assert not any(word in body for word in ("Bloggern", "Kommentar", "logged in")), body[-300:]


def test_the_writer_s_own_call_for_comments_stays() -> None:
    line = "<p>What do you think of the night ferries? Let us know in the comments below.</p>"
    assert "Let us know in the comments" in body_of(_with_line(line))


@pytest.mark.parametrize("line", [
    "<p>We want to hear what you think about this article. Submit a letter to the editor.</p>",
    "<p>Ihre Meinung ist uns wichtig. Senden Sie uns Ihr Feedback zu diesem Artikel.</p>",
    "<p>Our site uses cookies so that we can remember you and understand how you use our site.</p>",
    "<p>Ein Klick für den Datenschutz</p>",
    "<p>Klicken Sie auf den Button, um den Inhalt von www.karten.example.org zu laden.</p>",
])
def test_reader_notices_on_letters_cookies_and_embeds_are_dropped(line: str) -> None:
    body = body_of(_with_line(line))
    assert not any(word in body for word in ("editor", "Feedback", "cookies", "Datenschutz", "karten")), body[-300:]
    assert "Paragraph 5" in body


def test_prose_about_consent_stays() -> None:
    line = ("<p>The harbour board needs the city's consent to run the night ferries, and the vote on it is due "
            "in June after the summer timetable is out.</p>")
    assert "city's consent" in body_of(_with_line(line))


def test_a_card_linking_to_another_piece_is_dropped() -> None:
    card = ("<div class='more'><a href='/2024/04/other'><div><h3>Harbour fees rise for the third year running</h3>"
            "<p>The board voted again on Monday, and the fees for the night berths go up in June.</p></div></a></div>")
    body = body_of(_with_line(card))
    assert "third year" not in body and "night berths" not in body and "Paragraph 5" in body


def test_a_card_repeating_the_piece_s_own_text_keeps_that_text() -> None:
    card = ("<a href='/2024/05/ferries'><div><p>Paragraph 2 of a made-up report on the ferry timetable, the harbour "
            "dues and the night shift; it is long enough to be the body of a real piece of writing, sentence after "
            "sentence.</p></div></a>")
    assert "Paragraph 2 of a made-up report" in body_of(_with_line(card))


@pytest.mark.parametrize("teaser", [
    ("<div class='teaser'><h3><a href='/other'>Fares</a></h3><p>The harbour board met again about the fares of "
     "the night berths.</p><a href='/other'>mehr</a></div>"),
    ("<div class='teaser teaser--linkbox'><a href='/other'><img src='a.jpg'></a><p>The harbour board met again "
     "about the fares of the night berths and voted.</p></div>"),
])
def test_a_teaser_of_another_piece_is_not_the_intro(teaser: str) -> None:
    html = ("<html lang='en'><head><title>Night ferries return</title></head><body><main><h1>Night ferries return</h1>"
            f"<div class='box'>{teaser}</div><div class='article-body'>{TEXT}</div></main></body></html>")
    assert "harbour board met again" not in body_of(html)


def test_the_piece_s_own_teaser_with_a_link_in_its_prose_is_the_intro() -> None:
    html = ("<html lang='en'><head><title>Night ferries return</title></head><body><article><h1>Night ferries return"
            "</h1><div class='teaser_text'>The night ferries are back after two years, as the "
            "<a href='https://harbour.example.org/'>harbour board</a> decided on Monday after a long debate.</div>"
            f"<div class='article-body'>{TEXT}</div></article></body></html>")
    assert body_of(html).startswith("The night ferries are back")


@pytest.mark.parametrize(("line", "gone"), [
    ("<p>Quelle: Hafenamt Kiel</p>", "Hafenamt Kiel"),
    ("<p>Source: Harbour Statistics Office</p>", "Statistics Office"),
    ("<p>Fehler gefunden? Jetzt melden.</p>", "Fehler gefunden"),
    ("<p>Seguir leyendo:</p>", "Seguir leyendo"),
    ("<p>Lue myös:</p>", "Lue myös"),
    ("<p>Artikel teilen</p>", "Artikel teilen"),
])
def test_source_lines_error_reports_and_more_reading_labels_are_dropped(line: str, gone: str) -> None:
    body = body_of(_with_line(line))
    assert gone not in body and "Paragraph 5" in body


def test_prose_naming_a_source_stays() -> None:
    line = ("<p>The source of the harbour's trouble, the board says, is the old quay: it cannot take the new ferries, "
            "and rebuilding it will take two years.</p>")
    assert "source of the harbour's trouble" in body_of(_with_line(line))


@pytest.mark.parametrize(("line", "gone"), [
    ("<p>If you enjoyed reading this post, would you consider supporting our work? Just click here.</p>", "supporting"),
    ("<p>Unterstütze Hafenblatt bereits mit 2,50!</p>", "Unterstütze"),
    ("<p>HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS</p>", "HAZTE"),
    ("<p>For the latest stories download the Harbour News apps for iOS and Android.</p>", "apps for iOS"),
    ("<p>Abbildung 4: Die Fähre bei Nacht im Hafen</p>", "Abbildung 4"),
    ("<p>Figure 2: Night crossings per month, 2019 to 2024.</p>", "Figure 2"),
])
def test_calls_to_support_or_download_and_figure_captions_are_dropped(line: str, gone: str) -> None:
    body = body_of(_with_line(line))
    assert gone not in body and "Paragraph 5" in body


@pytest.mark.parametrize("line", [
    "<p>The harbour board agreed to donate two old ferries to the maritime museum in the spring.</p>",
    "<p>The ferry company's app runs on both iOS and Android, and it shows the night crossings too.</p>",
])
def test_prose_about_donations_or_apps_stays(line: str) -> None:
    body = body_of(_with_line(line))
    assert "donate two old ferries" in body or "both iOS and Android" in body


@pytest.mark.parametrize("line", [
    "<table><tr><td>Weitere Artikel zum Thema</td></tr></table>",
    "<ul><li>Related articles</li></ul>",
    "<p>Get the Harbour Daily by email and never miss our top stories. Free Sign Up</p>",
])
def test_labels_in_a_list_item_or_table_cell_and_sign_up_boxes_are_dropped(line: str) -> None:
    body = body_of(_with_line(line))
    assert "Weitere Artikel" not in body and "Related articles" not in body and "Sign Up" not in body


@pytest.mark.parametrize("kicker", ["Premier League", "Hafen Kiel:", "27.01.2024"])
def test_the_title_under_a_kicker_on_the_same_line_is_taken_off(kicker: str) -> None:
    html = ("<html lang='de'><head><title>Nachtfähren kehren in den Hafen zurück</title></head><body><article>"
            f"<div class='article-body'><p>{kicker} Nachtfähren kehren in den Hafen zurück</p>{TEXT}</div>"
            "</article></body></html>")
    assert body_of(html).startswith("Paragraph 0")


def test_a_capitalised_sentence_ending_in_the_title_stays() -> None:
    # A one-line post whose sentence ends in its headline's words: no kicker, the post's only text.
    html = ("<html lang='de'><head><title>Nachtfähren kehren in den Hafen zurück</title></head><body><article>"
            "<div class='article-body'><p>Die Nachtfähren kehren in den Hafen zurück.</p></div></article></body></html>")
    assert body_of(html) == "Die Nachtfähren kehren in den Hafen zurück."


def test_a_sentence_ending_in_the_title_stays() -> None:
    html = ("<html lang='de'><head><title>Nachtfähren kehren in den Hafen zurück</title></head><body><article>"
            "<div class='article-body'><p>endlich ist es so weit: Nachtfähren kehren in den Hafen zurück</p>"
            f"{TEXT}</div></article></body></html>")
    assert body_of(html).startswith("endlich ist es so weit")


def test_prose_naming_the_rights_phrase_stays() -> None:
    line = ("<p>Nach dem Motto „einige Rechte vorbehalten“ stehen die Lizenzen zwischen dem Urheberrecht, also "
            "alle Rechte vorbehalten, und der Gemeinfreiheit.</p>")
    assert "einige Rechte vorbehalten" in body_of(_with_line(line))


def _nested(depth: int) -> str:
    text = "<p>A paragraph of the post that sits deep inside a page of unclosed tags, as old templates make.</p>"
    return "<html><head><title>Deep</title></head><body>" + "<div>" * depth + text * 4 + "</div>" * depth + "</body></html>"


@pytest.mark.parametrize("depth", [300, 1500])
def test_text_below_the_parser_s_default_nesting_limit_is_read(depth: int) -> None:
    # libxml2 reads 256 levels by default and drops what sits deeper without a word.
    assert "sits deep inside a page of unclosed tags" in extract("https://example.org/2024/01/deep.html",
                                                                 _nested(depth))["body"]


def test_a_page_nested_deeper_than_any_parser_reads_is_an_error_not_an_empty_body() -> None:
    with pytest.raises(ValueError, match="nests its elements deeper than 2048 levels"):
        extract("https://example.org/2024/01/deep.html", _nested(100_000))


def test_a_huge_page_is_shed_of_its_scripts_styles_and_inline_data_before_it_is_judged_too_large() -> None:
    bulk = "<script>var state = '" + "x" * 300_000 + "';</script><style>" + "p{}" * 100_000 + "</style>"
    image = "<img src='data:image/png;base64," + "QUJD" * 100_000 + "'>"
    data = '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Big", "author": {"@type": "Person", "name": "Jane Roe"}}</script>'
    page = (f"<html><head>{data}{bulk}</head><body><article><h1>Big</h1>{image}"
            + "<p>A paragraph of the post itself, worth keeping.</p>" * 20 + "</article></body></html>")
    result = extract("https://example.org/2024/01/big.html", page, max_bytes=100_000)
    assert "worth keeping" in result["body"]
    assert result["field_sources"]["title"] == "jsonld:headline"  # the structured data was kept
    with pytest.raises(ValueError, match="page too large to extract: .* over the 0 MiB bound"):
        extract("https://example.org/2024/01/big.html", "<p>text</p>" * 20_000, max_bytes=100_000)


def test_a_wordpress_widget_styled_as_the_post_is_not_taken_for_its_element() -> None:
    page = ("<html><body><article><div class='ngg-widget entry-content'><a href='/g/1.jpg'><img src='/g/1.jpg'></a></div>"
            "<h1>A post</h1><div class='entry-content'>" + "<p>The post's own text, a paragraph of it.</p>" * 5
            + "</div></article></body></html>")
    result = extract("https://example.org/2024/01/a-post/", page, {"platform": "wordpress"})
    assert "The post's own text" in result["body"]


def test_an_empty_body_from_a_page_full_of_paragraphs_is_a_named_failure() -> None:
    # Paragraphs trafilatura reads as boilerplate (each a link): the text is there, the body is not.
    links = "".join(f"<p><a href='/x/{i}'>A line of a list of links that goes on a while, number {i}</a></p>"
                    for i in range(40))
    with pytest.raises(ValueError, match="no body found in a page whose paragraphs hold"):
        extract("https://example.org/2024/01/links.html", f"<html><body><div>{links}</div></body></html>")


def test_a_photo_post_whose_only_paragraphs_are_other_pieces_cards_has_an_empty_body() -> None:
    # A Ghost theme's photo post: an empty content section, then "Read more" cards, each a link around
    # another piece's headline and its excerpt. The excerpts are not this post's text gone missing.
    cards = "".join(f"<article class='gh-card post'><a class='gh-card-link' href='/2024/0{i}/other/'><h3>Other piece {i}</h3>"
                    f"<p class='gh-card-excerpt'>{'An excerpt of another piece that runs on for a while. ' * 5}</p></a></article>"
                    for i in range(1, 6))
    page = ("<html><head><title>Blueberry pi</title></head><body><main><article class='post'><header><h1>Blueberry pi</h1>"
            "<figure><img src='/content/images/blueberry_pi.jpg' alt='blueberry pi'></figure></header>"
            f"<section class='gh-content'></section></article></main><section><h2>Read more</h2>{cards}</section>"
            "</body></html>")
    result = extract("https://example.org/2010/05/14/blueberry-pi/", page)
    assert result["title"] == "Blueberry pi" and not result["body"]


@pytest.mark.parametrize("gutter", [
    "<td class='gutter'><pre><span class='line'>1</span><br><span class='line'>2</span><br><span class='line'>3</span></pre></td>",
    "<td class='linenos'><div class='linenodiv'><pre>1\n2\n3</pre></div></td>",
])
def test_a_code_blocks_line_numbers_are_no_part_of_the_text(gutter: str) -> None:
    code = ("<figure class='highlight java'><table><tr>" + gutter + "<td class='code'><pre>int cranes = 4;<br>"
            "cranes--;<br>log(cranes);</pre></td></tr></table></figure>")
    body = body_of(_with_line(code))
    assert "cranes--" in body and not re.search(r"\b1\s+2\s+3\b", body)


# --- share buttons in the post's own markup ----------------------------------------------------------------

@pytest.mark.parametrize("buttons", [
    # An old theme's table of buttons after the text, each with its widget's script.
    "<table><tr><td><a class='twitter-share-button' href='https://twitter.com/share'>ツイート</a>"
    "<script>!function(d){d.createElement('script')}(document)</script></td>"
    "<td><div id='fb-root'></div><a href='https://www.facebook.com/sharer/sharer.php?u=x'>Share</a></td></tr></table>",
    "<ul><li><a href='https://twitter.com/intent/tweet?url=x'>Tweet</a></li>"
    "<li><a href='https://b.hatena.ne.jp/entry/news.example.org/'>B!</a></li></ul>",
])
def test_share_buttons_and_the_block_that_held_them_leave_the_body(buttons: str) -> None:
    html = (f"<html><head><title>Ferries</title></head><body><article><h1>Ferries</h1>{TEXT}"
            f"<p>The last line of the piece.</p>{buttons}</article></body></html>")
    body = body_of(html)
    assert body.endswith("The last line of the piece.")
    assert not any(word in body for word in ("ツイート", "Tweet", "Share", "B!", "|"))


def test_a_link_to_a_share_page_inside_a_sentence_stays_with_it() -> None:
    html = (f"<html><head><title>Ferries</title></head><body><article><h1>Ferries</h1>{TEXT}"
            "<p>Tell the harbour master what you think <a href='https://twitter.com/share'>on Twitter</a> "
            "before the council meets.</p></article></body></html>")
    assert "Tell the harbour master what you think on Twitter before the council meets." in body_of(html)
    html = html.replace("Tell the harbour master what you think ", "")
    assert "on Twitter before the council meets." in body_of(html)  # the link first, the sentence after it
