"""Pages decoded as browsers decode them: declared, undeclared and wrongly declared charsets."""

from __future__ import annotations

import pytest

from archiver.extraction import extract
from archiver.extraction.charset import decode_page

FRENCH = "<html><body><p>Le président a déclaré qu’il était « très heureux » — naïve café.</p></body></html>"
JAPANESE = "<html><body><p>日本語のテキストです。東京の天気は晴れ、カフェは満席でした。</p></body></html>"
RUSSIAN = "<html><body><p>Привет, как дела? Это проверка кодировки страницы.</p></body></html>"


def test_undeclared_windows_1252_is_detected() -> None:
    assert decode_page(FRENCH.encode("cp1252"), "text/html") == FRENCH


def test_undeclared_short_windows_1252_is_not_read_as_central_european() -> None:
    # A general-purpose detector reads this as cp1250 ("naďve"); a browser's does not.
    page = "<p>Café — naïve “quoted”</p>"
    assert decode_page(page.encode("cp1252")) == page


def test_utf8_under_a_header_that_claims_shift_jis_is_utf8() -> None:
    assert decode_page(JAPANESE.encode("utf-8"), "text/html; charset=shift_jis") == JAPANESE


def test_a_true_header_is_followed() -> None:
    assert decode_page(JAPANESE.encode("shift_jis"), "text/html; charset=Shift_JIS") == JAPANESE


def test_a_meta_charset_is_followed() -> None:
    page = RUSSIAN.replace("<html>", '<html><head><meta charset="windows-1251"></head>')
    assert decode_page(page.encode("cp1251"), "text/html") == page


def test_iso_8859_1_is_read_as_windows_1252_as_browsers_do() -> None:
    page = "<p>“Curly” quotes — and a dash</p>"
    assert decode_page(page.encode("cp1252"), "text/html; charset=iso-8859-1") == page


def test_the_page_s_own_charset_wins_over_a_server_default_the_bytes_do_not_decode_in() -> None:
    page = FRENCH.replace("<html>", '<html><head><meta charset="windows-1252"></head>')
    assert decode_page(page.encode("cp1252"), "text/html; charset=utf-8") == page


def test_a_utf8_page_with_a_stray_byte_stays_utf8() -> None:
    # Text pasted from a Windows-1252 source into a UTF-8 page: one replacement, not a page of mojibake.
    page = '<html><head><meta charset="utf-8"></head><body><p>Schön, grün und weiß.</p><p>caf</p></body></html>'
    body = page.encode("utf-8").replace(b"caf", b"caf\xe9")
    assert decode_page(body, "text/html") == page.replace("caf", "caf\ufffd")


def test_undeclared_legacy_japanese_and_russian_are_detected() -> None:
    assert decode_page(JAPANESE.encode("shift_jis")) == JAPANESE
    assert decode_page(RUSSIAN.encode("cp1251")) == RUSSIAN


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_wins(codec: str) -> None:
    assert decode_page(FRENCH.encode(codec), "text/html; charset=shift_jis") == FRENCH


def test_extraction_of_undeclared_windows_1252_bytes_keeps_the_accents() -> None:
    page = ("<html><head><title>Les élections</title></head><body><article><h1>Les élections</h1>"
            + "<p>Le président a déclaré qu’il était « très heureux » de la décision, après des semaines de débats "
              "au parlement et dans la presse régionale.</p>" * 4 + "</article></body></html>")
    result = extract("https://example.fr/2024/05/elections.html", page.encode("cp1252"))
    assert "président a déclaré qu’il était « très heureux »" in result["body"]
    assert "\ufffd" not in result["body"]
