"""Hostile and broken sites: the sample Blogger blog with one behaviour each that a site nobody vetted may
have, for the crawl tests (``tests/test_hostile.py``, small sizes) and ``benchmarks/hostile.py`` (the
sizes that once broke a crawl). Each wrapper answers ``route(target, base_url)`` as the wrapped site
does except where its docstring says.
"""

from __future__ import annotations

import re
import zlib
from urllib.parse import parse_qsl, urlencode, urlsplit

from archiver.demo.responses import HTML, XML, Response
from blogsim.wrapper import Wrapper


class PostAnswers(Wrapper):
    """One post's page answered with ``answer`` instead (its own page, a redirect, a bomb...)."""

    def __init__(self, site: object, path: str, answer: Response) -> None:
        super().__init__(site)
        self.path, self.answer = path, answer

    def route(self, target: str, base_url: str) -> Response:
        return self.answer if target == self.path else super().route(target, base_url)


def article(paragraphs: str, title: str = "A post") -> str:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


def gzip_bomb(inflated_bytes: int) -> Response:
    """A page a thousandth of its size on the wire that inflates to ``inflated_bytes`` (packed a MiB at a
    time: a bomb of gigabytes is never held whole)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: the gzip format
    block = b" " * (1 << 20)
    parts = [packer.compress(b"<html><body><p>")]
    parts += [packer.compress(block) for _ in range(inflated_bytes >> 20)]
    parts.append(packer.compress(b" " * (inflated_bytes & ((1 << 20) - 1))) + packer.flush())
    return Response(200, HTML, b"".join(parts), headers=[("Content-Encoding", "gzip")])


def huge_page(size: int) -> Response:
    """A page of ``size`` bytes of text, sent as is."""
    line = b"<p>" + b"words of a page that never ends " * 30 + b"</p>\n"
    return Response(200, HTML, line * (size // len(line)))


def many_paragraphs(count: int) -> Response:
    """A post of ``count`` short paragraphs (once quadratic in the caption rules)."""
    return Response(200, HTML, article("".join(f"<p>w{i}</p>" for i in range(count))).encode())


def nested_divs(depth: int) -> Response:
    """A post whose text sits ``depth`` unclosed elements deep."""
    text = "<p>The text of a post below more levels of markup than any parser reads.</p>" * 3
    return Response(200, HTML, ("<html><body>" + "<div>" * depth + text + "</body></html>").encode())


def control_characters() -> Response:
    """A post whose text carries control characters, as pasted from a word processor."""
    text = "<p>Text pasted from a word processor\x0b with\x01 control\x1f characters in it, a paragraph long.</p>" * 4
    return Response(200, HTML, article(text).encode())


#: a paragraph with the letters and punctuation a legacy charset garbles
ACCENTED = "<p>Le président a déclaré qu’il était « très heureux » — naïve café, señor, Ærø.</p>"


def undeclared_windows_1252() -> Response:
    """A post in Windows-1252 that declares no charset, in its header or its markup."""
    return Response(200, "text/html", article(ACCENTED * 4, "Sans déclaration").encode("cp1252"))


def lying_charset() -> Response:
    """A post in UTF-8 whose server says it is Shift_JIS."""
    body = article("<p>Un en-tête qui ment.</p>" + ACCENTED * 4, "En-tête menteur")
    return Response(200, "text/html; charset=shift_jis", body.encode("utf-8"))


class RedirectLoop(Wrapper):
    """Two posts redirecting to each other, forever."""

    def __init__(self, site: object, first: str, second: str) -> None:
        super().__init__(site)
        self.pair = {first: second, second: first}

    def route(self, target: str, base_url: str) -> Response:
        if target in self.pair:
            return Response(301, HTML, b"", headers=[("Location", base_url + self.pair[target])])
        return super().route(target, base_url)


class RedirectsElsewhere(Wrapper):
    """Posts redirecting to other hosts: ``targets`` maps a post's path to the address it sends to."""

    def __init__(self, site: object, targets: dict[str, str]) -> None:
        super().__init__(site)
        self.targets = targets

    def route(self, target: str, base_url: str) -> Response:
        if target in self.targets:
            return Response(302, HTML, b"", headers=[("Location", self.targets[target])])
        return super().route(target, base_url)


_FEED = "/feeds/posts/default"
_TOTAL = re.compile(rb"<openSearch:totalResults>\d+</openSearch:totalResults>")


class EndlessFeed(Wrapper):
    """A feed that claims ``total`` entries and answers every page with its first one."""

    def __init__(self, site: object, total: int = 1_000_000) -> None:
        super().__init__(site)
        self.total = total

    def route(self, target: str, base_url: str) -> Response:
        if not target.startswith(_FEED):
            return super().route(target, base_url)
        query = dict(parse_qsl(urlsplit(target).query))
        query["start-index"] = "1"
        response = super().route(f"{_FEED}?{urlencode(query)}", base_url)
        body = _TOTAL.sub(f"<openSearch:totalResults>{self.total}</openSearch:totalResults>".encode(), response.body)
        return Response(response.status, response.content_type, body, headers=response.headers)


class FeedPagesWithoutEnd(Wrapper):
    """A feed without a total whose every page is full of entries not seen before: each page's entries
    are the blog's first ones under new addresses (``<post>.html-copy-<start>.html``, the same post)."""

    def route(self, target: str, base_url: str) -> Response:
        if not target.startswith(_FEED):
            return super().route(target.split("-copy-")[0], base_url)
        query = dict(parse_qsl(urlsplit(target).query))
        start = query.get("start-index", "1")
        query["start-index"] = "1"
        response = super().route(f"{_FEED}?{urlencode(query)}", base_url)
        body = _TOTAL.sub(b"", response.body)
        body = re.sub(rb"(href='[^']+?\.html)'", rb"\1-copy-" + start.encode() + b".html'", body)
        return Response(response.status, response.content_type, body, headers=response.headers)


class SitemapChain(Wrapper):
    """A sitemap index naming another index, which names another, without end."""

    def route(self, target: str, base_url: str) -> Response:
        match = re.fullmatch(r"/sitemap(?:-(\d+))?\.xml", target)
        if not match:
            return super().route(target, base_url)
        level = int(match.group(1) or 0) + 1
        body = ("<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"<sitemap><loc>{base_url}/sitemap-{level}.xml</loc></sitemap></sitemapindex>")
        return Response(200, XML, body.encode())
