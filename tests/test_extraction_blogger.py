"""The bundled demo blog, rendered in all three Blogger template generations, extracts as EXPECTED says."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from archiver.demo import sample as S
from archiver.demo.blog import TEMPLATES
from archiver.demo.templates import post_page
from archiver.extraction import OUTPUT_FIELDS, extract
from tests.expected import EXPECTED

BASE_URL = "http://127.0.0.1:9"


def _same_moment(value: str | None, expected: datetime, template: str) -> bool:
    """A date with an offset must be the same instant; classic templates print no offset (local wall time)."""
    assert value is not None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed == expected.replace(tzinfo=None)
    return parsed == expected and parsed.utcoffset() == expected.utcoffset()


def _cases() -> list[tuple[str, str]]:
    return [(template, path) for template in TEMPLATES for path in EXPECTED]


@pytest.fixture(scope="module")
def records() -> dict[tuple[str, str], dict]:
    out = {}
    for template in TEMPLATES:
        site = S.sample_site(template)
        for path in EXPECTED:
            html = post_page(site, site.post_by_path(path), BASE_URL)
            out[(template, path)] = extract(BASE_URL + path, html)
    return out


@pytest.mark.parametrize(("template", "path"), _cases())
def test_expected_fields(records: dict, template: str, path: str) -> None:
    record = records[(template, path)]
    expected = EXPECTED[path]
    assert tuple(record) == OUTPUT_FIELDS
    assert record["platform"] == "blogger"
    for key, want in expected.items():
        if key == "labels":
            assert record["tags"] == want
        elif key in ("published", "original_published", "updated"):
            if key == "updated" and template != "theme":
                continue  # only 2017+ themes print a modification date (JSON-LD dateModified)
            assert _same_moment(record[key], want, template), (key, record[key], want)
        elif key == "first_sentence":
            assert record["body"].startswith(want), record["body"][:200]
        elif key == "last_sentence":
            assert record["body"].endswith(want), record["body"][-200:]
        elif key == "captions":
            got = [{"text": c["text"], "credit": c["credit"]} for c in record["captions"]]
            assert got == [{"text": w["text"], "credit": w["credit"]} for w in want]
            for caption, wanted in zip(record["captions"], want):
                if "image_url" in wanted:
                    assert caption["image_url"] == wanted["image_url"]
        else:
            assert record[key] == want, (key, record[key], want)


@pytest.mark.parametrize("template", TEMPLATES)
def test_seed_repost_body_has_no_furniture(records: dict, template: str) -> None:
    record = records[(template, S.SEED_PATH)]
    body = record["body"]
    for line in (S.SEED_BYLINE_RAW, S.SEED_DATELINE, S.SEED_CAPTION_TEXT, "No comments", "Post a Comment", S.POSTER):
        assert line not in body
    assert "\n\n" in body  # paragraphs kept
    assert record["field_sources"]["byline"].startswith("body:")
    assert record["field_sources"]["original_published"] == "body:dateline"
    for field in ("byline", "published", "captions", "body", "title", "poster"):
        assert field in record["field_sources"]


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_sample_post_has_a_body_without_comments(records: dict, template: str) -> None:
    for path in EXPECTED:
        body = records[(template, path)]["body"]
        assert body and "Post a Comment" not in body and "said..." not in body


@pytest.mark.parametrize(("lang", "footer"), [
    ("fr", "Publié par {link} à 10:32"),
    ("ja", "投稿者 {link} 時刻: 10:32"),
    ("fi", "Lähettänyt {link} klo 10.32"),
    ("en", "{link}"),
])
def test_the_poster_is_the_profile_linked_in_the_post_footer_in_any_language(lang: str, footer: str) -> None:
    link = "<a href='https://www.blogger.com/profile/0123456789' rel='author'>Marie-Claude</a>"
    html = classic_post(lang, "Monday, May 3, 2021", "2:05 PM").replace(
        "Posted by <span class='fn'>Jane Doe</span> at ", footer.format(link=link) + " ")
    html = html.replace("</body>", "<div id='sidebar'><div class='widget Profile' id='Profile1'>"
                                   "<a href='https://www.blogger.com/profile/99'>Other Person</a></div>"
                                   "<div class='comments'><a href='https://www.blogger.com/profile/7'>A Reader</a></div>"
                                   "</div></body>")
    record = extract("https://harbour.blogspot.com/2021/05/cranes.html", html)
    assert (record["poster"], record["field_sources"]["poster"]) == ("Marie-Claude", "blogger:profile-link")


def test_the_poster_is_the_hcard_name_in_the_post_header_when_a_template_edit_left_only_that() -> None:
    html = classic_post("fr", "lundi 3 mai 2021", "9h30").replace(
        "Posted by <span class='fn'>Jane Doe</span> at ", "").replace(
        "<div class='post-body'>", "<div class='post-header'><div class='post-header-line-1'></div> par "
                                   "<span class='fn'>Marie-Claude</span></div><div class='post-body'>")
    html = html.replace("</div></div></body>", "<div class='comments'><div class='post-footer'><span class='fn'>A Reader"
                                               "</span></div></div></div></div></body>")  # inside the post element
    assert "A Reader</span></div></div></div></div></body>" in html
    record = extract("https://harbour.blogspot.com/2021/05/cranes.html", html)
    assert (record["poster"], record["field_sources"]["poster"]) == ("Marie-Claude", "blogger:hcard-fn")
    without = extract("https://harbour.blogspot.com/2021/05/cranes.html",
                      html.replace("<span class='fn'>Marie-Claude</span>", "Marie-Claude"))
    assert without["poster"] is None  # a commenter's card is not the poster's


def classic_post(lang: str, header: str, clock: str) -> str:
    """A classic-template Blogger post whose date is only the date header and the footer's time."""
    paragraphs = "".join(f"<p>Paragraph {i} of a made-up post about harbour cranes and the tides.</p>" for i in range(4))
    return (f"<html lang='{lang}'><head><meta name='generator' content='Blogger'><title>Harbour</title></head><body>"
            f"<div class='date-outer'><h2 class='date-header'><span>{header}</span></h2>"
            f"<div class='post hentry'><h3 class='post-title'>Cranes at dawn</h3><div class='post-body'>{paragraphs}</div>"
            f"<div class='post-footer'>Posted by <span class='fn'>Jane Doe</span> at "
            f"<a class='timestamp-link' href='/2021/05/cranes.html' title='permanent link'>{clock}</a></div>"
            f"</div></div></body></html>")


def test_a_template_that_names_no_blogger_post_element_keeps_the_pages_title() -> None:
    # A third party's Blogger template: its heading is an h1 of its own and its post element has no
    # post-body class. No post-title there says nothing of an untitled post.
    paragraphs = "".join(f"<p>Paragraph {i} of a made-up post about harbour cranes and the tides.</p>" for i in range(4))
    html = ("<html lang='en'><head><meta name='generator' content='Blogger'><title>Cranes at dawn</title>"
            "<meta content='Cranes at dawn' property='og:title'/></head><body>"
            f"<article class='entry'><h1 class='name item' id='postT'>Cranes at dawn</h1><div class='entry-text'>{paragraphs}"
            "</div></article></body></html>")
    record = extract("https://harbour.blogspot.com/2021/05/cranes.html", html)
    assert record["platform"] == "blogger" and record["title"] == "Cranes at dawn", record["field_sources"]


def test_a_classic_page_whose_blogger_links_were_taken_out_is_known_by_bloggers_navbar() -> None:
    # A saved copy whose owner took out the generator tag and every link to Blogger: the navbar's container
    # stays. Read as any site's page, a photo post's body was the sidebar and it had no poster.
    sidebar = "<div id='sidebar'><h2>Harbour Info</h2><ul>" + "".join(
        f"<li><a href='/2021/04/older-{n}.html'>An older post about the harbour, number {n}</a></li>" for n in range(12)) + "</ul></div>"
    html = classic_post("en", "Monday, May 3, 2021", "2:05 PM").replace(
        "<meta name='generator' content='Blogger'>", "").replace("<body>", "<body><div id='navbar-iframe-container'></div>")
    html = re.sub(r"<div class='post-body'>.*?</div>", "<div class='post-body'><img src='/cranes.jpg'><br>Photos by Jane Roe</div>",
                  html).replace("</body>", sidebar + "</body>")
    record = extract("http://www.harbour.example/2021/05/cranes.html", html)
    assert (record["platform"], record["poster"], record["body"]) == ("blogger", "Jane Doe", "Photos by Jane Roe")


@pytest.mark.parametrize(("lang", "header", "clock", "published"), [
    ("en", "Monday, May 3, 2021", "2:05 PM", "2021-05-03T14:05:00"),
    ("de", "Montag, 3. Mai 2021", "14:05", "2021-05-03T14:05:00"),
    ("es", "lunes, 3 de mayo de 2021", "10:15 a. m.", "2021-05-03T10:15:00"),
    ("fr", "lundi 3 mai 2021", "9h30", "2021-05-03T09:30:00"),
    ("en-US", "5/03/2021", "2:05 PM", "2021-05-03T14:05:00"),  # American English: month first
    ("de", "03.05.2021", "", "2021-05-03T00:00:00"),  # no time shown: the day's start
])
def test_classic_date_header_in_the_blogs_language(lang: str, header: str, clock: str, published: str) -> None:
    record = extract("https://harbour.blogspot.com/2021/05/cranes.html", classic_post(lang, header, clock))
    assert record["field_sources"]["published"] == "blogger:date-header"
    assert record["published"].startswith(published)


def test_classic_date_header_without_a_full_date_gives_no_date_from_it() -> None:
    record = extract("https://harbour.blogspot.com/2021/05/cranes.html", classic_post("de", "Mai 2021", "14:05"))
    assert record["field_sources"].get("published") != "blogger:date-header"


def test_a_profile_the_post_s_text_links_is_not_its_poster() -> None:
    # "I've never met <a href=…/profile/…>Ame</a>": the blog the post recommends, not who posted it.
    paragraphs = "".join(f"<p>Paragraph {i} of a post about the harbour and its cranes, long enough to count.</p>"
                         for i in range(4))
    html = ("<html><head><meta name='generator' content='Blogger'><title>Notes</title></head><body>"
            "<div class='post hentry'><h3 class='post-title'>Blog recommendations</h3><div class='post-body entry-content'>"
            "<p>I've never met <a href='http://www.blogger.com/profile/14358641966141610513'>Ame</a>, but I read her.</p>"
            f"{paragraphs}</div></div></body></html>")
    record = extract("https://notes.blogspot.com/2007/02/blog-rec.html", html)
    assert record["poster"] is None and record["byline"] == []


def test_what_a_template_prints_after_the_editors_wrapper_in_the_post_element_is_not_the_post() -> None:
    # A template's share prompt inside div.post-body, after the editor's <div dir="ltr" trbidi="on">.
    paragraphs = "".join(f"<p>Paragraph {i} of a post about the harbour and its cranes, long enough to count.</p>"
                         for i in range(4))
    html = ("<html><head><meta name='generator' content='Blogger'><title>Notes</title></head><body>"
            "<div class='post hentry'><h3 class='post-title'>Cranes</h3><div class='post-body entry-content'>"
            f"<div dir='ltr' style='text-align: left;' trbidi='on'>{paragraphs}</div>"
            "<div style='clear:both;'></div><p id='last'><strong><em>Liked it? Share it with your friends</em></strong></p>"
            "</div></div></body></html>")
    body = extract("https://notes.blogspot.com/2014/11/cranes.html", html)["body"]
    assert body.endswith("long enough to count.") and "Share it" not in body
