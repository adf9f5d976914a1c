"""Decoding a fetched or saved page to text, as a browser would.

The order is the HTML standard's: a byte-order mark, then the charset the server declared
(``Content-Type``), then the page's own ``<meta charset>``, then Firefox's detector (chardetng), which
guesses a legacy encoding from the bytes and the site's top-level domain, as browsers do for pages
that declare nothing. Two departures, both because the text matters more here than a browser's
compatibility: a page that is valid UTF-8 is UTF-8 whatever its header or meta says (servers and
templates that claim ``shift_jis`` or ``iso-8859-1`` over UTF-8 are common; legacy text is almost never
valid UTF-8 by accident, and plain ASCII reads the same in every encoding a page may declare without
a byte-order mark), and where the server and the page declare different charsets, the one the bytes
decode in wins (a server's default ``utf-8`` over a page written and declared in ``windows-1252``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import chardetng_py
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

#: how much of a page the detector reads: enough for its guess, bounded for very large pages
_DETECT_BYTES = 1 << 20


def decode_page(body: bytes, content_type: str | None = None, url: str | None = None) -> str:
    """The page's text. ``content_type`` is the response's ``Content-Type`` header, when there was one;
    ``url`` gives the detector its top-level domain hint."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding and bom:
        return body[len(bom):].decode(bom_encoding, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = [encoding for label in (http_content_type_encoding(content_type or ""),
                                       html_body_declared_encoding(body[:4096]))
                if label and (encoding := resolve_encoding(label))]
    for encoding in declared:
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    if declared:
        # Mostly the declared charset with a few stray bytes (text pasted from elsewhere): as browsers do.
        return body.decode(declared[0], errors="replace")
    return body.decode(detect_encoding(body, url), errors="replace")


def detect_encoding(body: bytes, url: str | None = None) -> str:
    """Firefox's guess of a legacy encoding for a page that declares none (or a wrong one)."""
    return chardetng_py.detect(body[:_DETECT_BYTES], allow_utf8=False, tld=_tld(url))


def _tld(url: str | None) -> bytes | None:
    host = urlsplit(url).hostname if url else None
    if not host or "." not in host:
        return None
    label = host.rsplit(".", 1)[1]
    try:
        return label.encode("idna").lower() if label and not label.isdigit() else None
    except UnicodeError:
        return None
