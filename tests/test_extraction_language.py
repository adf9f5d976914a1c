"""Golden cases for a record's language: the page's declaration, unless the body's text surely says
otherwise (hand-written pages and texts)."""

from __future__ import annotations

import pytest

from archiver.extraction import extract
from archiver.extraction.language import MIN_CHARS, MIN_SCORE, language_scores

TEXTS = {
    "de": ("Der Stadtrat hat am Dienstag über den neuen Hafenplan beraten. Die Anwohner fürchten mehr Lärm und "
           "Verkehr, während die Verwaltung auf zusätzliche Arbeitsplätze und Steuereinnahmen hofft. Eine "
           "Entscheidung soll erst nach der Sommerpause fallen, wenn die Gutachten vorliegen."),
    "es": ("El ayuntamiento debatió el martes el nuevo plan del puerto. Los vecinos temen más ruido y tráfico, "
           "mientras que la administración espera nuevos empleos e ingresos fiscales. La decisión se tomará "
           "después del verano, cuando estén listos los informes de los expertos."),
    "en": ("The council debated the new harbour plan on Tuesday. Residents fear more noise and traffic, while "
           "the administration hopes for new jobs and tax revenue. A decision is expected after the summer "
           "recess, once the expert reports are in."),
    # Indonesian: the identifier splits its score with Malay (0.84 and 0.12), English next to nothing (0.01)
    "id": ("Kami mengajak semua orang untuk bergabung dalam aksi iklim di kota masing-masing. Perubahan iklim "
           "sudah terasa di seluruh Indonesia, dari banjir di Jakarta sampai kebakaran hutan di Sumatera. Energi "
           "bersih dan terbarukan adalah jalan keluar, bukan batu bara. Mari kita tunjukkan kepada pemerintah bahwa "
           "rakyat menginginkan masa depan yang adil."),
    "ja": ("市議会は火曜日、新しい港湾計画について議論した。住民は騒音や交通量の増加を心配しているが、市は新たな雇用と税収に"
           "期待している。専門家の報告書がそろう夏休み明けに結論を出す予定だという。港の近くに住む人々は、説明会を"
           "もう一度開くよう求めている。計画が実現すれば、大型の貨物船が毎日出入りすることになる。市長は記者会見で、"
           "住民の声を聞きながら慎重に進めたいと述べた。反対する団体は署名を集めており、来月にも市に提出する予定だ。"),
}


def page(text: str, lang: str | None) -> str:
    declared = f" lang='{lang}'" if lang else ""
    paragraphs = "".join(f"<p>{sentence}。</p>" if "。" in text else f"<p>{sentence}.</p>"
                         for sentence in text.replace("。", ".").split(". ") if sentence)
    return (f"<html{declared}><head><title>Hafen</title></head><body><article><h1>Hafen</h1>{paragraphs}"
            "</article></body></html>")


@pytest.mark.parametrize(("declared", "text", "language", "rule"), [
    ("en-US", "de", "de", "text:fasttext"),  # a theme's default over a German post
    ("en", "es", "es", "text:fasttext"),
    ("de-DE", "en", "en", "text:fasttext"),
    (None, "de", "de", "text:fasttext"),  # a template that declares nothing
    (None, "ja", "ja", "text:fasttext"),
    ("en-GB", "en", "en-GB", "html:lang"),  # the declaration agrees: kept with its region
    ("es-MX", "es", "es-MX", "html:lang"),
    ("en-US", "id", "id", "text:fasttext"),  # unsure between close languages, sure it is not the declared one
])
def test_the_bodys_language_stands_against_a_wrong_or_missing_declaration(
        declared: str | None, text: str, language: str, rule: str) -> None:
    record = extract("https://blog.example/2024/05/hafen.html", page(TEXTS[text], declared))
    assert record["language"] == language
    assert record["field_sources"]["language"] == rule


def test_a_body_too_short_to_judge_keeps_the_declaration() -> None:
    short = "Der Stadtrat hat beraten."
    assert len(short) < MIN_CHARS and language_scores(short) == {}
    record = extract(None, f"<html lang='en'><body><article><h1>Hafen</h1><p>{short}</p></article></body></html>")
    assert record["language"] == "en"
    assert extract(None, f"<html><body><article><h1>Hafen</h1><p>{short}</p></article></body></html>")["language"] is None


@pytest.mark.parametrize(("lang", "language", "rule"), [("", "de", "text:fasttext-page"), (" lang='en'", "en", "html:lang")])
def test_a_short_post_on_a_page_declaring_nothing_takes_its_templates_language(lang: str, language: str, rule: str) -> None:
    # A one-line post: too short to judge alone; the blog's tagline and its meta line are in the post's language.
    template = ("<div id='header'><h1>Hafennotizen</h1><div class='description'>Notizen aus dem Hafen, wo die Kräne stehen"
                " und die Fähren in der Nacht zurückkehren</div></div>")
    meta_line = ("<p>Dieser Eintrag wurde am 28. August 2006 veröffentlicht und ist unter Notizen abgelegt."
                 " Kommentare sind geschlossen, aber Trackbacks sind erlaubt.</p>")
    html = (f"<html{lang}><body>{template}<article><h1>Nachtfähren</h1><p>Die Nachtfähren sind zurück.</p></article>"
            f"<div id='footer'>{meta_line}</div></body></html>")
    record = extract(None, html)
    assert (record["language"], record["field_sources"]["language"]) == (language, rule)


def test_a_text_the_identifier_is_unsure_of_is_left_alone() -> None:
    mixed = " ".join(f"{word}" for word in ("Hafen port puerto 港 Kran crane grúa " * 40).split())
    assert max(language_scores(mixed).values()) < MIN_SCORE
