"""A simulated non-platform site: a hand-made blog or a news site's opinion section.

Three discovery variants (``GenericSite.variant``):

- ``"sitemap"``: ``robots.txt`` names a sitemap index at a non-standard path (``/maps/site-index.xml``)
  whose single child urlset mixes articles with about, contact and tag pages; no feed; the home page
  shows only the latest few articles, with no pager.
- ``"links"``: no sitemap, no feed; the home page paginates with ``rel=next`` (``/page/2/``...), month
  archives (``/archive/YYYY/MM/``) list everything, and pages are full of non-article links (tags, authors,
  about, login, ``#`` anchors, ``mailto:``, external sites); one article is also linked with ``?utm_source=``.
- ``"feed"``: ``<link rel="alternate" type="application/rss+xml">`` in every page's head points to an
  RSS feed at a non-standard path, with an Atom twin; no sitemap, no pager.

Pages carry no blog-platform generator (``generator`` is None or a static-site one like "Hugo 0.120.4").
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from email.utils import format_datetime
from urllib.parse import parse_qs, urlsplit

from archiver.demo.responses import ATOM, HTML, RSS, TEXT, XML, Response
from archiver.demo.text import snippet
from blogsim.wordpress import MONTHS, esc, slugify

VARIANTS = ("sitemap", "links", "feed")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def news_figure(src: str, caption: str, credit: str = "", alt: str = "") -> str:
    """A news-style figure: ``figure > img + figcaption`` with the credit in ``span.credit``."""
    credit_html = f' <span class="credit">({esc(credit)})</span>' if credit else ""
    return (f'<figure class="inline-image"><img src="{esc(src)}" alt="{esc(alt)}" loading="lazy" width="1200" height="800">'
            f'<figcaption><span class="caption-text">{esc(caption)}</span>{credit_html}</figcaption></figure>')


def div_caption(src: str, caption: str, alt: str = "") -> str:
    """A hand-made captioned image: ``div.image > img + div.caption``."""
    return (f'<div class="image"><img src="{esc(src)}" alt="{esc(alt)}" width="800">'
            f'<div class="caption">{esc(caption)}</div></div>')


@dataclass
class GenericPost:
    """An article. ``byline`` is the visible byline text ("By A and B", "Opinion by A"; "" = none shown);
    ``authors`` are the names inside it, linked to ``/people/<slug>/``."""

    path: str
    title: str
    published: datetime
    body_html: str
    byline: str = ""
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    description: str = ""
    updated: datetime | None = None
    section: str = "Opinion"

    def __post_init__(self) -> None:
        if self.published.tzinfo is None or (self.updated is not None and self.updated.tzinfo is None):
            raise ValueError("GenericPost dates must be timezone-aware")
        if not self.path.startswith("/") or "?" in self.path:
            raise ValueError(f"bad article path {self.path!r}")

    @property
    def last_modified(self) -> datetime:
        return self.updated or self.published


@dataclass
class GenericSite:
    """A site with no blog platform. ``utm_duplicate``: path of the article the home page also links with
    ``?utm_source=homepage`` (default: the second newest)."""

    name: str
    variant: str = "links"
    posts: list[GenericPost] = field(default_factory=list)
    description: str = ""
    tz: tzinfo = timezone.utc
    generator: str | None = None
    json_ld: bool = False
    per_page: int = 3
    sitemap_path: str = "/maps/site-index.xml"
    feed_path: str = "/syndication/opinion.rss"
    atom_path: str = "/syndication/opinion.atom"
    feed_size: int = 20
    utm_duplicate: str | None = None
    about_html: str = "<p>An independent opinion page on trade, money and public policy.</p>"
    server_software: str = "Apache/2.4.57 (Debian)"
    language: str = "en"

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ValueError(f"variant must be one of {VARIANTS}, not {self.variant!r}")
        if len({p.path for p in self.posts}) != len(self.posts):
            raise ValueError("duplicate article paths")

    @property
    def ordered_posts(self) -> list[GenericPost]:
        return sorted(self.posts, key=lambda p: p.published, reverse=True)

    def post_by_path(self, path: str) -> GenericPost | None:
        return next((p for p in self.posts if p.path == path), None)

    @property
    def utm_path(self) -> str | None:
        if self.utm_duplicate:
            return self.utm_duplicate
        ordered = self.ordered_posts
        return ordered[1].path if len(ordered) > 1 else None

    def local(self, dt: datetime) -> datetime:
        return dt.astimezone(self.tz)

    def tags(self) -> list[str]:
        return sorted({t for p in self.posts for t in p.tags}, key=str.casefold)

    def people(self) -> list[str]:
        return sorted({a for p in self.posts for a in p.authors})

    def months(self) -> list[tuple[int, int]]:
        return sorted({(self.local(p.published).year, self.local(p.published).month) for p in self.posts}, reverse=True)

    def static_pages(self) -> dict[str, tuple[str, str]]:
        """Non-article pages: path -> (title, HTML)."""
        return {
            "/about/": ("About us", self.about_html),
            "/contact/": ("Contact", '<p>Letters to the editor: <a href="mailto:letters@example.org">letters@example.org</a>.'
                          "</p><p>We read everything and publish a selection every Friday.</p>"),
            "/subscribe/": ("Subscribe", "<p>Get the weekly opinion digest in your inbox.</p>"
                            '<form action="/subscribe/" method="post"><input type="email" name="email"><button>Sign up</button></form>'),
        }

    def route(self, target: str, base_url: str) -> Response:
        """Answer ``target`` (path plus query); article pages ignore the query string (tracking parameters)."""
        return _route(self, target, base_url)


# ---------------------------------------------------------------------------------------------------
# Rendering


_CSS = (":root{--ink:#111;--paper:#fbf9f4;--accent:#a4161a}body{margin:0;background:var(--paper);color:var(--ink);"
        "font:18px/1.6 Georgia,serif}.masthead{border-bottom:3px double var(--ink);text-align:center;padding:1rem}"
        ".site-nav a{margin:0 .6rem;text-transform:uppercase;font:600 13px/1 Helvetica,Arial,sans-serif}"
        ".story{max-width:42rem;margin:2rem auto}.story h1{font-size:2.4rem;line-height:1.15}.kicker a{color:var(--accent)}"
        ".byline{font:600 15px Helvetica,Arial,sans-serif}figure{margin:1.5rem 0}figcaption,.caption{font-size:14px;color:#555}"
        ".credit{text-transform:none;color:#777}.rail{font-size:15px}.pager a{font-weight:700}") * 3


def _date_text(site: GenericSite, dt: datetime) -> str:
    local = site.local(dt)
    hour = local.hour % 12 or 12
    return f"{MONTHS[local.month - 1]} {local.day}, {local.year} at {hour}:{local.minute:02d} {'a.m.' if local.hour < 12 else 'p.m.'}"


def _head(site: GenericSite, base: str, title: str, canonical: str, description: str, post: GenericPost | None,
          extra: str = "") -> str:
    parts = [
        "<head>", '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>", f'<meta name="description" content="{esc(description)}">',
        f'<link rel="canonical" href="{esc(canonical)}">',
        f'<meta property="og:title" content="{esc(title)}">', f'<meta property="og:url" content="{esc(canonical)}">',
        f'<meta property="og:type" content="{"article" if post else "website"}">',
        f'<meta property="og:site_name" content="{esc(site.name)}">',
        f'<link rel="stylesheet" href="{base}/assets/css/main.min.3f9a1c.css">', f"<style>{_CSS}</style>",
        f'<script defer src="{base}/assets/js/site.min.8b21e0.js"></script>',
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-4XK2P1L9QZ"></script>',
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());"
        "gtag('config','G-4XK2P1L9QZ');</script>",
    ]
    if site.generator:
        parts.append(f'<meta name="generator" content="{esc(site.generator)}">')
    if site.variant == "feed":
        parts += [
            f'<link rel="alternate" type="application/rss+xml" title="{esc(site.name)} — Opinion" href="{base}{site.feed_path}">',
            f'<link rel="alternate" type="application/atom+xml" title="{esc(site.name)} — Opinion (Atom)" href="{base}{site.atom_path}">',
        ]
    if post is not None:
        parts += [
            f'<meta property="article:published_time" content="{site.local(post.published).isoformat()}">',
            f'<meta property="article:section" content="{esc(post.section)}">',
        ]
        if post.authors:
            parts.append(f'<meta name="author" content="{esc(", ".join(post.authors))}">')
        if site.json_ld:
            ld = {"@context": "https://schema.org", "@type": "OpinionNewsArticle", "headline": post.title,
                  "datePublished": site.local(post.published).isoformat(),
                  "dateModified": site.local(post.last_modified).isoformat(),
                  "author": [{"@type": "Person", "name": a, "url": f"{base}/people/{slugify(a)}/"} for a in post.authors],
                  "publisher": {"@type": "NewsMediaOrganization", "name": site.name}, "mainEntityOfPage": canonical}
            parts.append('<script type="application/ld+json">' + json.dumps(ld, ensure_ascii=False).replace("</", "<\\/")
                         + "</script>")
    parts += [extra, "</head>"]
    return "\n".join(p for p in parts if p)


def _masthead(site: GenericSite, base: str) -> str:
    links = [f'<a href="{base}/">Opinion</a>']
    if site.variant == "links":
        links.append(f'<a href="{base}/archive/">Archive</a>')
    links += [f'<a href="{base}/about/">About</a>', f'<a href="{base}/contact/">Contact</a>',
              f'<a href="{base}/subscribe/">Subscribe</a>', f'<a href="{base}/login/?next=/">Log in</a>']
    return (f'<a class="skip" href="#main">Skip to content</a><header class="masthead" id="top">'
            f'<p class="site-name"><a href="{base}/">{esc(site.name)}</a></p>'
            f'<p class="tagline">{esc(site.description)}</p><nav class="site-nav" aria-label="Sections">{"".join(links)}</nav></header>')


def _rail(site: GenericSite, base: str) -> str:
    tags = "".join(f'<li><a href="{base}/tags/{slugify(t)}/" rel="tag">{esc(t)}</a></li>' for t in site.tags())
    people = "".join(f'<li><a href="{base}/people/{slugify(a)}/">{esc(a)}</a></li>' for a in site.people())
    parts = ['<aside class="rail">', f'<section class="topics"><h3>Topics</h3><ul>{tags}</ul></section>',
             f'<section class="contributors"><h3>Contributors</h3><ul>{people}</ul></section>']
    if site.variant == "links":
        months = "".join(f'<li><a href="{base}/archive/{y:04d}/{m:02d}/">{MONTHS[m - 1]} {y}</a></li>' for y, m in site.months())
        parts.append(f'<section class="archive-months"><h3>Archive</h3><ul>{months}</ul></section>')
    parts += [
        '<section class="elsewhere"><h3>Elsewhere</h3><ul>'
        '<li><a href="https://example.org/partners/policy-weekly" rel="noopener">Policy Weekly</a></li>'
        '<li><a href="https://twitter.com/example_opinion">Follow us</a></li>'
        '<li><a href="javascript:void(0)" class="share-toggle">Share this page</a></li></ul></section>',
        "</aside>",
    ]
    return "".join(parts)


def _footer(site: GenericSite, base: str) -> str:
    return (f'<footer class="site-footer"><p>© {esc(site.name)}. Opinions are the authors’ own.</p>'
            f'<p><a href="#top">Back to top</a> · <a href="mailto:letters@example.org">Write to us</a> · '
            f'<a href="{base}/about/">About</a> · <a href="{base}/privacy/">Privacy</a></p></footer>')


def _document(site: GenericSite, base: str, head: str, main: str) -> str:
    return "\n".join(["<!DOCTYPE html>", f'<html lang="{site.language}">', head, "<body>", _masthead(site, base),
                      '<div class="layout"><main id="main">', main, "</main>", _rail(site, base), "</div>",
                      _footer(site, base), "</body>", "</html>"])


def _byline_html(base: str, post: GenericPost) -> str:
    if not post.byline:
        return ""
    text = esc(post.byline)
    for name in post.authors:
        text = text.replace(esc(name), f'<a href="{base}/people/{slugify(name)}/" rel="author">{esc(name)}</a>', 1)
    return f'<div class="byline">{text}</div>'


def render_article(site: GenericSite, base: str, post: GenericPost) -> str:
    canonical = base + post.path
    updated = ""
    if post.updated and post.updated != post.published:
        updated = (f' <span class="updated">Updated <time datetime="{site.local(post.updated).isoformat()}">'
                   f"{_date_text(site, post.updated)}</time></span>")
    tags = "".join(f'<li><a href="{base}/tags/{slugify(t)}/" rel="tag">{esc(t)}</a></li>' for t in post.tags)
    dek = f'<p class="dek">{esc(post.description)}</p>' if post.description else ""
    main = (
        f'<article class="story" data-section="{esc(slugify(post.section))}"><header class="story-header">'
        f'<p class="kicker"><a href="{base}/">{esc(post.section)}</a></p><h1 class="headline">{esc(post.title)}</h1>{dek}'
        f'{_byline_html(base, post)}<p class="timestamp"><time class="published" datetime="{site.local(post.published).isoformat()}">'
        f"{_date_text(site, post.published)}</time>{updated}</p></header>"
        f'<div class="story-body">\n{post.body_html}\n</div>'
        f'<footer class="story-footer"><ul class="tags">{tags}</ul>'
        '<div class="share"><a href="#" class="share-link" data-network="email">Email</a> '
        f'<a href="https://www.facebook.com/sharer/sharer.php?u={esc(canonical)}" class="share-link">Facebook</a></div>'
        f'<p class="letters">Have a view? <a href="mailto:letters@example.org?subject={esc(post.title)}">Write a letter</a>.</p>'
        "</footer></article>"
    )
    head = _head(site, base, f"{post.title} | {site.name}", canonical, post.description or snippet(post.body_html, 160), post)
    return _document(site, base, head, main)


def _teaser(site: GenericSite, base: str, post: GenericPost, query: str = "") -> str:
    by = f'<span class="teaser-byline">{esc(post.byline)}</span> · ' if post.byline else ""
    return (f'<div class="teaser"><h2><a href="{base}{post.path}{query}">{esc(post.title)}</a></h2>'
            f'<p class="teaser-meta">{by}<time datetime="{site.local(post.published).isoformat()}">'
            f'{_date_text(site, post.published)}</time></p><p>{esc(post.description or snippet(post.body_html, 180))}</p></div>')


def render_listing(site: GenericSite, base: str, posts: list[GenericPost], url: str, heading: str,
                   prev_url: str | None = None, next_url: str | None = None, featured: bool = False) -> str:
    extra = ""
    if prev_url:
        extra += f'<link rel="prev" href="{prev_url}">'
    if next_url:
        extra += f'<link rel="next" href="{next_url}">'
    parts = [f'<h1 class="section-title">{esc(heading)}</h1>']
    if featured and site.utm_path and (pick := site.post_by_path(site.utm_path)):
        parts.append(f'<section class="editors-pick"><h3>Editor’s pick</h3>{_teaser(site, base, pick, "?utm_source=homepage")}</section>')
    parts += [_teaser(site, base, p) for p in posts]
    pager = []
    if prev_url:
        pager.append(f'<a class="prev" rel="prev" href="{prev_url}">Previous page</a>')
    if next_url:
        pager.append(f'<a class="next" rel="next" href="{next_url}">Next page</a>')
    if pager:
        parts.append(f'<nav class="pager" aria-label="Pages">{" ".join(pager)}</nav>')
    head = _head(site, base, f"{heading} | {site.name}", url, site.description, None, extra)
    return _document(site, base, head, "".join(parts))


def render_static(site: GenericSite, base: str, path: str, title: str, body: str) -> str:
    main = f'<div class="page"><h1>{esc(title)}</h1>{body}</div>'
    return _document(site, base, _head(site, base, f"{title} | {site.name}", base + path, title, None), main)


def render_login(site: GenericSite, base: str) -> str:
    body = ('<form class="login" action="/login/" method="post"><label>Email <input type="email" name="email"></label>'
            '<label>Password <input type="password" name="password"></label><button type="submit">Log in</button>'
            f'<p><a href="{base}/login/reset/">Forgot your password?</a></p></form>')
    return render_static(site, base, "/login/", "Log in", body)


def render_not_found(site: GenericSite, base: str, path: str) -> str:
    return render_static(site, base, path, "Page not found", "<p>We could not find that page.</p>")


def render_rss(site: GenericSite, base: str) -> str:
    posts = site.ordered_posts[:site.feed_size]
    items = "".join(
        f"<item><title>{esc(p.title)}</title><link>{base}{p.path}</link><guid>{base}{p.path}</guid>"
        f"<pubDate>{format_datetime(p.published.astimezone(timezone.utc), usegmt=True)}</pubDate>"
        + (f"<dc:creator>{esc(', '.join(p.authors))}</dc:creator>" if p.authors else "")
        + "".join(f"<category>{esc(t)}</category>" for t in p.tags)
        + f"<description>{esc(p.description or snippet(p.body_html, 300))}</description></item>" for p in posts)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            f'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>{esc(site.name)} — Opinion</title>'
            f"<link>{base}/</link><description>{esc(site.description)}</description><language>{site.language}</language>"
            f'<atom:link href="{base}{site.feed_path}" rel="self" type="application/rss+xml"/>{items}</channel></rss>')


def render_atom(site: GenericSite, base: str) -> str:
    posts = site.ordered_posts[:site.feed_size]
    newest = max((p.last_modified for p in posts), default=datetime(2020, 1, 1, tzinfo=timezone.utc))
    entries = "".join(
        f'<entry><title>{esc(p.title)}</title><link rel="alternate" href="{base}{p.path}"/><id>{base}{p.path}</id>'
        f"<published>{site.local(p.published).isoformat()}</published><updated>{site.local(p.last_modified).isoformat()}</updated>"
        + "".join(f"<author><name>{esc(a)}</name></author>" for a in p.authors)
        + f'<summary type="text">{esc(p.description or snippet(p.body_html, 300))}</summary></entry>' for p in posts)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>{esc(site.name)} — Opinion</title><link rel="alternate" href="{base}/"/>'
            f'<link rel="self" href="{base}{site.atom_path}"/><id>{base}/</id>'
            f"<updated>{site.local(newest).isoformat()}</updated>{entries}</feed>")


def sitemap_rows(site: GenericSite, base: str) -> list[tuple[str, datetime]]:
    """Everything the ``sitemap`` variant lists: articles, tag pages, about, contact, the home page."""
    newest = max((p.last_modified for p in site.posts), default=datetime(2020, 1, 1, tzinfo=timezone.utc))
    rows = [(base + p.path, p.last_modified) for p in site.posts]
    for tag in site.tags():
        rows.append((f"{base}/tags/{slugify(tag)}/", max(p.last_modified for p in site.posts if tag in p.tags)))
    rows += [(base + "/", newest), (base + "/about/", datetime(2021, 6, 1, tzinfo=timezone.utc)),
             (base + "/contact/", datetime(2021, 6, 1, tzinfo=timezone.utc))]
    return sorted(rows, key=lambda r: r[1], reverse=True)


def render_sitemap_index(site: GenericSite, base: str) -> str:
    newest = max((p.last_modified for p in site.posts), default=datetime(2020, 1, 1, tzinfo=timezone.utc))
    return (f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="{SITEMAP_NS}"><sitemap>'
            f"<loc>{base}{_child_sitemap(site)}</loc><lastmod>{newest.astimezone(timezone.utc).isoformat()}</lastmod>"
            "</sitemap></sitemapindex>")


def _child_sitemap(site: GenericSite) -> str:
    return site.sitemap_path.rsplit("/", 1)[0] + "/content-1.xml"


def render_sitemap_child(site: GenericSite, base: str) -> str:
    rows = "".join(f"<url><loc>{esc(loc)}</loc><lastmod>{mod.astimezone(timezone.utc).isoformat()}</lastmod></url>"
                   for loc, mod in sitemap_rows(site, base))
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}">{rows}</urlset>'


def render_robots(site: GenericSite, base: str) -> str:
    lines = ["User-agent: *", "Disallow: /login/", "Disallow: /subscribe/", "", "User-agent: GPTBot", "Disallow: /", ""]
    if site.variant == "sitemap":
        lines.append(f"Sitemap: {base}{site.sitemap_path}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# Routing


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


def _route(site: GenericSite, target: str, base: str) -> Response:
    split = urlsplit(target)
    path = split.path or "/"
    params = parse_qs(split.query)
    del params  # articles and listings ignore tracking parameters

    def page(status: int, text: str, **kw: object) -> Response:
        return Response(status, HTML, text.encode("utf-8"), **kw)  # type: ignore[arg-type]

    if post := site.post_by_path(path):
        body = render_article(site, base, post).encode("utf-8")
        return Response(200, HTML, body, last_modified=post.last_modified, etag=_etag(body))
    if path == "/robots.txt":
        return Response(200, TEXT, render_robots(site, base).encode("utf-8"))
    ordered = site.ordered_posts
    if path == "/" or (site.variant == "links" and re.fullmatch(r"/page/\d+/", path)):
        number = int(path.split("/")[2]) if path != "/" else 1
        if site.variant != "links":
            return page(200, render_listing(site, base, ordered[:site.per_page], base + "/", "Opinion", featured=True))
        pages = max(1, -(-len(ordered) // site.per_page))
        if number < 1 or number > pages or (number == 1 and path != "/"):
            return page(404, render_not_found(site, base, path))
        chunk = ordered[(number - 1) * site.per_page:number * site.per_page]
        prev_url = None if number == 1 else base + ("/" if number == 2 else f"/page/{number - 1}/")
        next_url = base + f"/page/{number + 1}/" if number < pages else None
        url = base + path
        return page(200, render_listing(site, base, chunk, url, "Opinion" if number == 1 else f"Opinion — page {number}",
                                        prev_url, next_url, featured=number == 1))
    if site.variant == "links" and path == "/archive/":
        months = "".join(f'<li><a href="{base}/archive/{y:04d}/{m:02d}/">{MONTHS[m - 1]} {y}</a></li>' for y, m in site.months())
        return page(200, render_static(site, base, path, "Archive", f'<ul class="archive-index">{months}</ul>'))
    if site.variant == "links" and (m := re.fullmatch(r"/archive/(\d{4})/(\d{2})/", path)):
        year, month = int(m.group(1)), int(m.group(2))
        posts = [p for p in ordered if (site.local(p.published).year, site.local(p.published).month) == (year, month)]
        if posts:
            return page(200, render_listing(site, base, posts, base + path, f"{MONTHS[month - 1]} {year}"))
    if m := re.fullmatch(r"/tags/([a-z0-9-]+)/", path):
        tag = next((t for t in site.tags() if slugify(t) == m.group(1)), None)
        if tag:
            return page(200, render_listing(site, base, [p for p in ordered if tag in p.tags], base + path, f"Topic: {tag}"))
    if m := re.fullmatch(r"/people/([a-z0-9-]+)/", path):
        name = next((a for a in site.people() if slugify(a) == m.group(1)), None)
        if name:
            return page(200, render_listing(site, base, [p for p in ordered if name in p.authors], base + path, name))
    if path in site.static_pages():
        title, body = site.static_pages()[path]
        return page(200, render_static(site, base, path, title, body))
    if path == "/login/":
        return page(200, render_login(site, base))
    if site.variant == "sitemap" and path == site.sitemap_path:
        return Response(200, XML, render_sitemap_index(site, base).encode("utf-8"))
    if site.variant == "sitemap" and path == _child_sitemap(site):
        return Response(200, XML, render_sitemap_child(site, base).encode("utf-8"))
    if site.variant == "feed" and path == site.feed_path:
        return Response(200, RSS, render_rss(site, base).encode("utf-8"))
    if site.variant == "feed" and path == site.atom_path:
        return Response(200, ATOM, render_atom(site, base).encode("utf-8"))
    if path != "/" and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        if site.post_by_path(path + "/") or path + "/" in site.static_pages():
            return Response(301, HTML, b"", headers=[("Location", base + path + "/")])
    return page(404, render_not_found(site, base, path))


__all__ = [
    "VARIANTS", "GenericPost", "GenericSite", "div_caption", "news_figure", "render_article", "render_atom",
    "render_listing", "render_robots", "render_rss", "render_sitemap_child", "render_sitemap_index", "sitemap_rows",
]
