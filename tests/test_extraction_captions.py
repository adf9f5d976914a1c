"""Golden cases for image captions, on hand-written pages (no real site's text)."""

from __future__ import annotations

import pytest

from archiver.extraction import extract
from archiver.extraction.captions import extract_captions, is_credit, split_credit
from archiver.extraction.dom import parse_html

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of a made-up article about harbour cranes, tariffs and the long memory of dock workers; "
    f"it is long enough to be the body of a real piece of writing, sentence after sentence.</p>" for i in range(6)
)
URL = "https://harbour.example/cranes"


def page(article: str = "", head: str = "", above: str = "", article_class: str = "") -> str:
    return (f"<html lang='en'><head><title>Cranes</title>{head}</head><body><header>Harbour Notes</header>"
            f"{above}<article class='{article_class}'><h1>Cranes at dawn</h1>{article}{PARAGRAPHS}</article>"
            f"</body></html>")


def captions(html: str) -> list[tuple[str | None, str | None]]:
    return [(c["text"], c["credit"]) for c in extract(URL, html)["captions"]]


# --- credits -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Jane Doe/AP", "Stefan Muster/via Reuters", "Quelle: Hannes P. Muster/dpa", "Bildrechte: MDR/Erika Muster",
    "© Jane Doe", "Photo by Jane Doe", "iStock", "Getty Images", "(Keystone)", "/Getty Images/iStockphoto",
    "Courtesy: Harbour Whiteboard",  # a Blogger caption cell holding only the credit
])
def test_whole_text_is_a_credit(text: str) -> None:
    assert is_credit(text)


@pytest.mark.parametrize("text", [
    "A crane at dawn.", "Kräne im Hafen von Hamburg", "Jane Doe, crane operator, at work in the harbour.",
    "Before/after: the quay in 1990 and today.",
    "Brianna and Lusia from Samoa/New Zealand",  # a slash between places, after a sentence's words
])
def test_caption_text_is_not_a_credit(text: str) -> None:
    assert not is_credit(text)


@pytest.mark.parametrize(("text", "caption", "credit"), [
    ("Troops board a plane. (Handout/AFP/Getty Images)", "Troops board a plane.", "Handout/AFP/Getty Images"),
    ("The harbour at dawn. Photo: Jane Doe", "The harbour at dawn.", "Jane Doe"),
    ("The old floor. Credit: City Archive", "The old floor.", "City Archive"),
    ("Ein Kran im Hafen. Foto: Max Muster", "Ein Kran im Hafen.", "Max Muster"),
    ("Cranes in the fog. John Roe/AP", "Cranes in the fog.", "John Roe/AP"),
    ("Cranes in the fog.", "Cranes in the fog.", None),
])
def test_credit_split(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize(("text", "caption", "credit"), [
    ("Kräne im Hafen. Bildrechte: MDR/Erika Muster", "Kräne im Hafen.", "MDR/Erika Muster"),
    ("Kräne im Hafen. Quelle: Hannes P. Muster/dpa", "Kräne im Hafen.", "Hannes P. Muster/dpa"),
    ("Des grues au port. Source: Jeanne Exemple", "Des grues au port.", "Jeanne Exemple"),
])
def test_labelled_credit_split(text: str, caption: str, credit: str) -> None:
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize("markup", [
    # a credit line alone in a caption element
    "<figure><img src='/a.jpg'><figcaption>© Jane Doe</figcaption></figure>",
    "<figure><img src='/a.jpg'><figcaption><span class='credit'>Jane Doe/AP</span></figcaption></figure>",
    "<div class='image'><img src='/a.jpg'><p class='image-caption'>Quelle: Jane Doe/dpa</p></div>",
])
def test_a_credit_alone_is_no_caption(markup: str) -> None:
    assert captions(page(markup)) == []


def test_credit_element_inside_a_caption_read_once() -> None:
    # The credit's own class names the caption too ("e-caption__credit"): one caption, not two.
    markup = ("<figure><picture><img src='/a.jpg'></picture><figcaption class='e-caption'>"
              "<span>A crane at dawn (archive picture)</span>"
              "<span class='e-caption__credit'><span class='e-caption__credit-label'>Credit</span>: Jane Doe"
              "</span></figcaption></figure>")
    assert captions(page(markup)) == [("A crane at dawn (archive picture)", "Jane Doe")]


def test_credit_element_keeps_the_text_whole() -> None:
    markup = ("<figure><img src='/a.jpg'><figcaption><span class='caption-text'>A crane at dawn. "
              "(AP Photo/Jane Doe)</span> <span class='caption-credit'>AP Photo</span></figcaption></figure>")
    assert captions(page(markup)) == [("A crane at dawn. (AP Photo/Jane Doe)", "AP Photo")]


# --- caption markups ---------------------------------------------------------------------------------

@pytest.mark.parametrize("markup", [
    # a media block's info box beside the picture, with the rights in their own element
    "<div class='media'><a href='/bild-100.html'><img src='/a.jpg'></a><div class='mediaInfo'>"
    "<span class='mediaSubtitle'>A crane at dawn.</span><span class='mediaRights'>Bildrechte: Jane Doe</span>"
    "</div></div>",
    # a picture block's description (BEM names), in German and English templates
    "<div class='detail-img'><div class='detail-img__image-wrapper'><img src='/a.jpg'></div>"
    "<div class='detail-img__description'>A crane at dawn. Foto: Jane Doe</div></div>",
    "<div class='absatzbild'><div class='absatzbild__media'><picture><img src='/a.jpg'></picture></div>"
    "<div class='absatzbild__info'><p class='absatzbild__info__text'>A crane at dawn. Foto: Jane Doe</p></div></div>",
    # a legend beside the image
    "<div class='wrapper-image'><img src='/a.jpg'><span class='legend'>A crane at dawn. (Photo: Jane Doe)</span></div>",
    # a caption class whose image sits in the previous sibling
    "<div class='contentimage'><a class='zoom'><img src='/a.jpg'></a>"
    "<span class='caption small'>A crane at dawn. Foto: Jane Doe</span></div>",
])
def test_picture_text_blocks(markup: str) -> None:
    record = extract(URL, page(markup))
    assert [(c["text"], c["credit"]) for c in record["captions"]] == [("A crane at dawn.", "Jane Doe")]
    assert record["captions"][0]["image_url"] == "https://harbour.example/a.jpg"
    assert "A crane at dawn" not in record["body"]


def test_a_caption_set_in_a_small_linked_heading_is_a_caption() -> None:
    # h4-h6 set a caption in small type, a link to the picture's source in it; a card's headline is an h2 or h3
    markup = ("<figure><img src='/a.jpg'><figcaption><h5><a href='https://photos.example/cranes'>A crane at dawn."
              "</a></h5></figcaption></figure>")
    assert [c["text"] for c in extract(URL, page(markup))["captions"]] == ["A crane at dawn."]


@pytest.mark.parametrize("markup", [
    # a block of text after a header image that does not name a picture
    "<div class='hero'><img src='/a.jpg'></div><div class='article-info'>Five minutes to read</div>",
    # a teaser box for another piece
    "<div class='teaser'><div class='media'><img src='/b.jpg'><div class='mediaInfo'>"
    "<span class='mediaSubtitle'>Another piece about ships.</span></div></div></div>",
    # a video player's title and running time
    "<div class='mediaCon videoRatio'><div class='media videoLink'><img src='/poster.jpg'></div>"
    "<div class='mediaInfo'><p class='infotext'>Cranes at night | 02:57 Min.</p></div></div>",
    # figures without a picture: a video, a notice, a pull quote
    "<figure><div class='video-wrapper'><video src='/v.mp4'></video></div><figcaption>Cranes on film</figcaption>"
    "</figure>",
    "<figure><figcaption>Please turn on JavaScript to read this piece.</figcaption></figure>",
    # another piece's card, its headline a link in the caption element (a news theme's "You may have missed")
    "<div class='spotlight-post'><figure><a href='/2023/03/ships/'><img src='/b.jpg'></a></figure><figcaption>"
    "<h3 class='article-title'><a href='/2023/03/ships/'>Another piece about ships</a></h3>"
    "<div class='grid-item-metadata'><a href='/2023/03/'>March 8, 2023</a></div></figcaption></div>",
])
def test_not_picture_captions(markup: str) -> None:
    assert captions(page(markup)) == []


def test_teaser_image_of_the_piece_counts() -> None:
    # "teaser-image" names the piece's own lead picture, not a box for another piece.
    markup = ("<div class='teaser-image'><figure class='featured-image'><lazy-image src='/a.jpg'></lazy-image>"
              "<figcaption><span class='caption'>A crane at dawn.</span></figcaption></figure></div>")
    assert captions(page(markup)) == [("A crane at dawn.", None)]


def test_commentary_is_a_kind_of_piece_not_its_comments() -> None:
    markup = "<figure><img src='/a.jpg'></figure><figcaption>A crane at dawn.</figcaption>"
    assert captions(page(markup, article_class="article article-type-commentary")) == [("A crane at dawn.", None)]


def test_lightbox_copy_once() -> None:
    figure = ("<div class='detail-img'><img src='/a.jpg'><div class='detail-img__description'>A crane at dawn."
              "</div></div>")
    lightbox = ("<div class='lightbox'><div class='lightbox__image-wrapper'><img src='/a-large.jpg'></div>"
                "<div class='lightbox__description'>A crane at dawn.</div></div>")
    assert captions(page(figure + lightbox)) == [("A crane at dawn.", None)]


def test_a_caption_that_starts_with_a_label_is_still_a_caption() -> None:
    assert not is_credit("Bild: A drone nears the carrier. Screenshot from a video")
    assert captions(page("<figure><img src='/a.jpg'><figcaption>Bild: A drone nears the carrier. Screenshot from "
                         "a video</figcaption></figure>"))


def test_slideshow_counter_and_buttons_left_out() -> None:
    markup = ("<figure><img src='/a.jpg'><div class='gallery-caption'><p class='js-gallery-pager'>Photo 1 of 9</p>"
              "<p>A crane at dawn.</p><span class='btn-expand'>Show description</span></div></figure>"
              "<div class='image'><img src='/b.jpg'><span class='ImageDescriptionButton'>Show description</span>"
              "</div>")
    assert captions(page(markup)) == [("A crane at dawn.", None)]


def test_own_class_of_a_teaser_or_author_caption() -> None:
    markup = ("<figure><img src='/b.jpg'><figcaption class='sidebar__teaser__caption'>Another piece about ships"
              "</figcaption></figure><div class='img_info h-author'><img src='/me.jpg'>"
              "<div class='author_data'>Jane Doe 4 May 2022</div></div>")
    assert captions(page(markup)) == []


def test_header_over_the_lead_picture_stays_in_the_page() -> None:
    # A header block named "caption" laid over the hero image holds the headline and the byline.
    above = ("<header><div class='image'><a href='/big.jpg'><img src='/a.jpg'></a></div>"
             "<div class='caption'><h1>Cranes at dawn</h1><ul class='writer'><li>Jane Doe</li></ul></div></header>")
    html = page(above=above)
    assert captions(html) == []
    tree = parse_html(html)
    extract_captions(tree, URL)
    assert tree.xpath("//div[@class='caption']/h1")


@pytest.mark.parametrize(("text", "caption"), [
    ("Cranes in the harbour - Fotos: Jane Doe", "Cranes in the harbour"),
    ("Cranes in the harbour, Bildquelle: Jane Doe", "Cranes in the harbour"),
])
def test_separator_before_a_credit_dropped(text: str, caption: str) -> None:
    assert split_credit(text)[0] == caption


@pytest.mark.parametrize("markup", [
    # a picture block of the template, the caption a plain paragraph under the picture
    "<div class='article__picture'><picture><img src='/a.jpg'></picture><p>A crane at dawn. "
    "<span>Foto: Jane Doe</span></p></div>",
    # an image widget: the caption paragraph, then the credit in a paragraph of its own
    "<div class='image-widget'><span class='frame'><picture><img src='/a.jpg'></picture></span>"
    "<p><span>A crane at dawn.</span></p><p>Image: Jane Doe</p></div>",
    # a figure without figcaption
    "<figure><img src='/a.jpg'><p>A crane at dawn. Photo: Jane Doe</p></figure>",
])
def test_paragraph_under_a_picture(markup: str) -> None:
    assert captions(page(markup)) == [("A crane at dawn.", "Jane Doe")]


@pytest.mark.parametrize("markup", [
    # the piece's paragraphs after an inline picture
    "<div class='entry'><img src='/a.jpg'><p>The cranes stood still all winter.</p><p>Then spring came.</p>"
    "<p>And the ships.</p><p>And the workers.</p></div>",
    "<div class='article__body-text-image'><img src='/a.jpg'><p class='article__body-text'>The cranes stood "
    "still all winter.</p></div>",
])
def test_paragraphs_of_the_piece_after_a_picture(markup: str) -> None:
    assert captions(page(markup)) == []


@pytest.mark.parametrize(("text", "caption", "credit"), [
    ("Un avión en Guatemala. Imagen: Télam", "Un avión en Guatemala.", "Télam"),
    ("Y bác sĩ nội soi cho bệnh nhân. Ảnh: Bệnh viện", "Y bác sĩ nội soi cho bệnh nhân.", "Bệnh viện"),
    ("Kräne im Hafen. (Imago/Erika Muster)", "Kräne im Hafen.", "Imago/Erika Muster"),
    ("Kräne im Hafen. (Archivbild)", "Kräne im Hafen. (Archivbild)", None),
])
def test_credit_labels_of_other_languages(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)


@pytest.mark.parametrize("text", ["Anzeige", "Photos:", ". Imagen: Télam"])
def test_labels_without_a_caption(text: str) -> None:
    assert captions(page(f"<figure><img src='/a.jpg'><figcaption>{text}</figcaption></figure>")) == []


def test_data_caption_of_a_picture_and_its_printed_copy() -> None:
    markup = ("<div class='relative'><div class='frame'><img src='/a.jpg' data-caption='A crane at dawn.' "
              "data-source='Jane Doe/AP'></div><div class='flex'><p class='text-sm'>A crane at dawn.</p>"
              "<p class='text-xs'>© Jane Doe/AP</p></div></div>")
    record = extract(URL, page(markup))
    assert [(c["text"], c["credit"], c["image_url"]) for c in record["captions"]] == [
        ("A crane at dawn.", "Jane Doe/AP", "https://harbour.example/a.jpg")]
    assert "A crane at dawn" not in record["body"]


def test_data_caption_once_when_the_page_shows_the_caption() -> None:
    markup = ("<figure><a href='/a-big.jpg' data-caption='A crane at dawn. Photo: Jane Doe'><img src='/a.jpg'></a>"
              "<figcaption>A crane at dawn. Photo: Jane Doe</figcaption></figure>")
    assert captions(page(markup)) == [("A crane at dawn.", "Jane Doe")]


def test_data_caption_of_a_lightbox_link() -> None:
    markup = ("<div class='gallery'><a class='lightbox' href='/a-big.jpg' data-caption='A crane at dawn.'>"
              "<img src='/a.jpg'></a></div>")
    assert captions(page(markup)) == [("A crane at dawn.", None)]


def test_data_caption_with_markup_and_a_leading_credit() -> None:
    markup = ("<div class='gallery'><a class='lightbox' href='/a-big.jpg' "
              "data-caption='Foto: Jane Doe - &lt;p&gt;A crane&amp;nbsp;at dawn.&lt;/p&gt;'>"
              "<img src='/a.jpg'></a></div>")
    assert captions(page(markup)) == [("A crane at dawn.", "Jane Doe")]


def test_featured_image_beside_a_wordpress_post() -> None:
    # A block theme puts the featured image next to the post's element, under the headline.
    html = ("<html lang='en'><head><title>Cranes</title><meta name='generator' content='WordPress 6.4'></head><body>"
            "<main class='wp-block-group'><h1>Cranes at dawn</h1><div class='wp-block-columns'>"
            "<div class='wp-block-column'>"
            "<figure class='wp-block-post-featured-image'><img src='/a.jpg'><figcaption>A crane at dawn.</figcaption>"
            f"</figure><div class='entry-content'>{PARAGRAPHS}</div></div></div></main>"
            "<div class='site-footer'><figure><img src='/logo.png'><figcaption>Harbour Notes since 1999</figcaption>"
            "</figure></div></body></html>")
    record = extract(URL, html)
    assert record["platform"] == "wordpress"
    assert [(c["text"], c["credit"]) for c in record["captions"]] == [("A crane at dawn.", None)]


@pytest.mark.parametrize(("text", "caption", "credit"), [
    ("Cranes in the fog. - Copyright Jane Doe/AP. All rights reserved", "Cranes in the fog.",
     "Copyright Jane Doe/AP. All rights reserved"),
    ("Kräne im Nebel. Bild © Jane Doe (hr)", "Kräne im Nebel.", "© Jane Doe (hr)"),
    ("Kräne im Nebel. (Archivbild) © AP/dpa | Jane Doe", "Kräne im Nebel. (Archivbild)", "© AP/dpa | Jane Doe"),
    ("Copyright law changes worry artists", "Copyright law changes worry artists", None),
])
def test_copyright_credits(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)


def test_a_heading_named_caption_is_no_caption() -> None:
    markup = ("<div class='module'><img src='/a.jpg'><div class='c-module-caption'><h2>Related topics</h2></div></div>"
              "<figure><img src='/b.jpg'><figcaption><h3>Cranes</h3> A crane at dawn in the old harbour.</figcaption>"
              "</figure>")
    assert captions(page(markup)) == [("Cranes A crane at dawn in the old harbour.", None)]


def test_credit_element_with_a_label_before_the_copyright_sign() -> None:
    markup = ("<figure><img src='/a.jpg'><figcaption>A crane at dawn. <span class='copyright'>Bild © Jane Doe/hr"
              "</span></figcaption></figure>")
    assert captions(page(markup)) == [("A crane at dawn.", "© Jane Doe/hr")]


def wordpress_page(before_article: str, article: str = "", after_article: str = "") -> str:
    """A WordPress news theme's single post: what it prints before the <article>, the post's element."""
    paragraphs = "".join(f"<p>Paragraph {i} about the harbour and the new cranes, long enough to be text.</p>"
                         for i in range(6))
    return ("<html><head><meta name='generator' content='WordPress 6.4'><title>Cranes</title></head>"
            f"<body class='single single-post'>{before_article}<article><div class='entry-content'>{article}"
            f"{paragraphs}</div></article>{after_article}</body></html>")


def test_a_featured_image_caption_printed_above_the_article_is_the_posts() -> None:
    # A WordPress news theme (Newspack and others) prints the featured image and its caption before <article>.
    html = wordpress_page(
        "<div class='featured-image-beside'><figure class='post-thumbnail'>"
        "<img class='attachment-newspack-featured-image size-newspack-featured-image wp-post-image' src='/c.jpg'>"
        "<figcaption class='singular-caption'>New cranes at the east quay. <span class='image-credit'>"
        "Photo: Ana Ribeiro</span></figcaption></figure></div><h1 class='entry-title'>Cranes</h1>",
        after_article="<aside><figure><img class='wp-post-image' src='/other.jpg'><figcaption>Another story"
                      "</figcaption></figure></aside>")
    captions = extract("https://harbour.example.org/2024/05/cranes/", html)["captions"]
    assert [(c["text"], c["credit"]) for c in captions] == [("New cranes at the east quay.", "Ana Ribeiro")]


def test_a_featured_image_caption_printed_after_the_images_block_is_the_posts() -> None:
    # Newspack's "featured-image-behind": the headline over the image, the caption after both, outside the figure.
    html = wordpress_page(
        "<div class='entry-header-wrap'><div class='featured-image-behind'><figure class='post-thumbnail'>"
        "<img class='attachment-newspack-featured-image wp-post-image' src='/c.jpg'></figure><header>"
        "<h1 class='entry-title'>Cranes</h1></header></div><!-- .featured-image-behind --><figcaption><span>"
        "The harbour court building at dawn. (Jane Doe/Harbour Press)</span></figcaption></div>",
        article="<figure><img src='/d.jpg'><figcaption>A phone at the quay.</figcaption></figure>")
    captions = extract("https://harbour.example.org/2024/05/cranes/", html)["captions"]
    assert [(c["text"], c["credit"], c["image_url"]) for c in captions] == [
        ("The harbour court building at dawn.", "Jane Doe/Harbour Press", "https://harbour.example.org/c.jpg"),
        ("A phone at the quay.", None, "https://harbour.example.org/d.jpg")]


@pytest.mark.parametrize(("text", "caption", "credit"), [
    ("The governor talks with the harbour master. (Erika Beispiel)", "The governor talks with the harbour master.",
     "Erika Beispiel"),
    ("Wild horses on the harbour's public land. (HPA)", "Wild horses on the harbour's public land.", "HPA"),
    ("A crane over the river. (Jane Doe, Harbour Survey)", "A crane over the river.", "Jane Doe, Harbour Survey"),
    ("The harbour's deed. (District Court for the Harbour)", "The harbour's deed.", "District Court for the Harbour"),
    # no sentence: a person's name after a phrase that ends in a lower-case word
    ("Harbour City at night (Erika Beispiel)", "Harbour City at night", "Erika Beispiel"),
    ("A crowd of 30,000+ (Erika Beispiel)", "A crowd of 30,000+", "Erika Beispiel"),
    ("Harbour Quality Schools (Erika Beispiel)", "Harbour Quality Schools (Erika Beispiel)", None),
    ("Angela Muster (CDU)", "Angela Muster (CDU)", None),
    ("students at the harbour school (left)", "students at the harbour school (left)", None),
    # within a sentence, a name in parentheses is the person's club or party; a word for the picture is no credit
    ("Jan Muster (Hafen United) im Zweikampf mit Otto Probe (Kai 04)", "Jan Muster (Hafen United) im Zweikampf mit "
     "Otto Probe (Kai 04)", None),
    ("Der Hafen erklärt, welche Folgen die Hitze hat. (Archivbild)", "Der Hafen erklärt, welche Folgen die Hitze hat. "
     "(Archivbild)", None),
    ("The crane cycle (reproduced from the harbour handbook)", "The crane cycle (reproduced from the harbour handbook)",
     None),
    # a labelled credit in parentheses; a name and outlet after a parenthesis that ends the sentence
    ("A complaint about the cranes, as readers see it. (Source: Facebook)",
     "A complaint about the cranes, as readers see it.", "Facebook"),
    ("The pastor at the harbour church in 2017. (file) JANE DOE/HarbourPress",
     "The pastor at the harbour church in 2017. (file)", "JANE DOE/HarbourPress"),
])
def test_a_name_in_parentheses_after_the_captions_last_sentence_is_its_credit(
        text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == (caption, credit)
