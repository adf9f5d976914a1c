"""A simulated self-hosted WordPress site (platforms.md §2): theme pages, REST API, sitemaps, feeds, redirects.

``WordPressSite.route(target, base_url)`` answers a request target the way WordPress 6.x with a classic
theme, Jetpack and (optionally) Yoast SEO would. Serve it with ``archiver.demo.server.BlogServer``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from email.utils import format_datetime
from urllib.parse import parse_qs, quote, urlsplit

from archiver.demo.responses import ATOM, HTML, RSS, TEXT, XML, Response
from archiver.demo.text import snippet, text_of

WP_VERSION = "6.4.3"
JSON = "application/json; charset=UTF-8"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DATE_PERMALINKS = "/%year%/%monthnum%/%day%/%postname%/"
POSTNAME_PERMALINKS = "/%postname%/"
PLAIN_PERMALINKS = ""  # "?p=123"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def slugify(text: str) -> str:
    """WordPress's ``sanitize_title``, close enough: lowercase ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("’", "").replace("'", "")).strip("-")


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:24] + '"'


def long_date(dt: datetime) -> str:
    """The theme's visible date, "March 3, 2023"."""
    return f"{MONTHS[dt.month - 1]} {dt.day}, {dt.year}"


def clock(dt: datetime) -> str:
    """WordPress's default time format, "6:15 am"."""
    return f"{dt.hour % 12 or 12}:{dt.minute:02d} {'am' if dt.hour < 12 else 'pm'}"


# ---------------------------------------------------------------------------------------------------
# Model


@dataclass
class WPImage:
    """An attachment: used as a featured image (its caption is the attachment's caption)."""

    src: str
    caption: str = ""  # plain text, credit included as the editor typed it
    alt: str = ""
    media_id: int = 0
    width: int = 1200
    height: int = 800


@dataclass
class WPComment:
    author: str
    published: datetime
    body_html: str
    comment_id: int = 0

    def __post_init__(self) -> None:
        if self.published.tzinfo is None:
            raise ValueError("WPComment.published must be timezone-aware")


@dataclass
class WPPost:
    """A post (``type="post"``) or a static page (``type="page"``).

    ``author`` is the display name of the WordPress account that published it (the poster). ``coauthors``
    lists the visible bylines of a Co-Authors Plus site; empty means the byline is ``author``.
    """

    id: int
    slug: str
    title: str
    date: datetime
    content_html: str
    author: str = ""
    modified: datetime | None = None
    coauthors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    featured_image: WPImage | None = None
    comments: list[WPComment] = field(default_factory=list)
    excerpt: str = ""
    type: str = "post"
    status: str = "publish"

    def __post_init__(self) -> None:
        if self.date.tzinfo is None or (self.modified is not None and self.modified.tzinfo is None):
            raise ValueError("WPPost dates must be timezone-aware")
        if self.type not in ("post", "page"):
            raise ValueError(f"type must be 'post' or 'page', not {self.type!r}")

    @property
    def last_modified(self) -> datetime:
        return self.modified or self.date

    @property
    def bylines(self) -> list[str]:
        return list(self.coauthors) or [self.author]


@dataclass
class WPUser:
    user_id: int
    name: str
    login: str
    description: str = ""


@dataclass
class WordPressSite:
    """A WordPress site. Call ``reindex()`` after changing ``posts``, ``pages`` or ``permalink_structure``.

    Switches: ``rest_enabled`` (off: ``/wp-json/*`` answers ``rest_disabled_status``, 404 or 401),
    ``sitemaps`` ("core" ``/wp-sitemap.xml``, "yoast" ``/sitemap_index.xml`` or None), ``feed_enabled``,
    ``generator_meta``. ``redirects`` maps old paths to new ones (answered 301); ``meta_refresh`` maps
    old paths to new ones answered by a static-export stub page with ``<meta http-equiv=refresh>``.
    """

    name: str
    description: str = ""
    posts: list[WPPost] = field(default_factory=list)
    pages: list[WPPost] = field(default_factory=list)
    tz: tzinfo = timezone.utc
    timezone_string: str = ""
    admin: str = "admin"  # display name of the default account
    permalink_structure: str = DATE_PERMALINKS
    editor: str = "block"  # "block" | "classic": only used by helpers that build content
    posts_per_page: int = 10
    posts_per_rss: int = 10
    rest_enabled: bool = True
    rest_disabled_status: int = 404
    sitemaps: str | None = "core"
    sitemap_max_urls: int = 2000
    feed_enabled: bool = True
    generator_meta: bool = True
    language: str = "en-US"
    theme: str = "twentytwentyone"
    redirects: dict[str, str] = field(default_factory=dict)
    meta_refresh: dict[str, str] = field(default_factory=dict)
    server_software: str = "nginx"
    users: list[WPUser] = field(default_factory=list, init=False, repr=False)
    _ordered: list[WPPost] = field(default_factory=list, init=False, repr=False)
    _by_path: dict[str, WPPost] = field(default_factory=dict, init=False, repr=False)
    _by_id: dict[int, WPPost] = field(default_factory=dict, init=False, repr=False)
    _terms: dict[str, dict[str, int]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.sitemaps not in (None, "core", "yoast"):
            raise ValueError(f"sitemaps must be 'core', 'yoast' or None, not {self.sitemaps!r}")
        self.reindex()

    # -- indexes -------------------------------------------------------------------------------------

    def reindex(self) -> None:
        names: list[str] = [self.admin]
        for post in self.posts + self.pages:
            post.author = post.author or self.admin
            names += [post.author, *post.coauthors]
        self.users = []
        for name in dict.fromkeys(names):
            self.users.append(WPUser(len(self.users) + 1, name, slugify(name).replace("-", "") or "user"))
        self._ordered = sorted(self.posts, key=lambda p: (p.date, p.id), reverse=True)
        self._by_id = {p.id: p for p in self.posts + self.pages}
        if len(self._by_id) != len(self.posts) + len(self.pages):
            raise ValueError("duplicate post ids")
        self._by_path = {self.path_of(p): p for p in self.posts + self.pages}
        self._terms = {"category": {}, "post_tag": {}}
        term_id = 2
        for post in sorted(self.posts, key=lambda p: p.id):
            for taxonomy, names_ in (("category", post.categories or ["Uncategorized"]), ("post_tag", post.tags)):
                for term in names_:
                    if term not in self._terms[taxonomy]:
                        self._terms[taxonomy][term] = 1 if term == "Uncategorized" else term_id
                        term_id += 1
        for post in self.posts:
            post.categories = post.categories or ["Uncategorized"]
        media = 9000
        for post in sorted(self.posts + self.pages, key=lambda p: p.id):
            if post.featured_image and not post.featured_image.media_id:
                media += 1
                post.featured_image.media_id = media
        comment_id = 100
        for post in sorted(self.posts, key=lambda p: p.id):
            for comment in post.comments:
                if not comment.comment_id:
                    comment_id += 1
                    comment.comment_id = comment_id

    @property
    def ordered_posts(self) -> list[WPPost]:
        """Published posts newest first (the order of the blog home, feeds and the REST API)."""
        return self._ordered

    def post_by_path(self, path: str) -> WPPost | None:
        return self._by_path.get(path)

    def post_by_id(self, post_id: int) -> WPPost | None:
        return self._by_id.get(post_id)

    def user(self, name: str) -> WPUser:
        return next(u for u in self.users if u.name == name)

    def user_by_login(self, login: str) -> WPUser | None:
        return next((u for u in self.users if u.login == login), None)

    def term_id(self, taxonomy: str, name: str) -> int:
        return self._terms[taxonomy][name]

    def local(self, dt: datetime) -> datetime:
        return dt.astimezone(self.tz)

    def gmt_offset(self) -> float:
        offset = datetime(2024, 1, 1, tzinfo=timezone.utc).astimezone(self.tz).utcoffset() or timedelta(0)
        return offset.total_seconds() / 3600

    # -- URLs ----------------------------------------------------------------------------------------

    def path_of(self, post: WPPost) -> str:
        """The permalink path (``/2023/03/03/slug/``, ``/slug/`` or ``/?p=ID``; pages are ``/slug/``)."""
        if post.type == "page":
            return f"/{post.slug}/"
        if not self.permalink_structure:
            return f"/?p={post.id}"
        local = self.local(post.date)
        return (self.permalink_structure.replace("%year%", f"{local.year:04d}")
                .replace("%monthnum%", f"{local.month:02d}").replace("%day%", f"{local.day:02d}")
                .replace("%postname%", post.slug).replace("%post_id%", str(post.id)))

    @staticmethod
    def term_path(taxonomy: str, name: str) -> str:
        return f"/{'category' if taxonomy == 'category' else 'tag'}/{slugify(name)}/"

    def author_path(self, name: str) -> str:
        return f"/author/{self.user(name).login}/"

    def term_by_slug(self, taxonomy: str, slug: str) -> str | None:
        return next((n for n in self._terms[taxonomy] if slugify(n) == slug), None)

    # -- request entry point -------------------------------------------------------------------------

    def route(self, target: str, base_url: str) -> Response:
        """Answer ``target`` (path plus query) as this WordPress site would."""
        return _Router(self, base_url).answer(target)


# ---------------------------------------------------------------------------------------------------
# Theme


_THEME_CSS = """/*
Theme Name: Twenty Twenty-One
Theme URI: https://wordpress.org/themes/twentytwentyone/
Author: the WordPress team
Version: 1.9
*/
:root{--global--font-primary:var(--font-headings,-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Oxygen-Sans,Ubuntu,Cantarell,"Helvetica Neue",sans-serif);--global--font-size-base:1.25rem;--global--line-height-body:1.7;--global--spacing-unit:20px;--global--color-black:#000;--global--color-dark-gray:#28303d;--global--color-green:#d1e4dd;--global--color-white:#fff}
body{background-color:var(--global--color-green);color:var(--global--color-dark-gray);font-family:var(--global--font-secondary);line-height:var(--global--line-height-body)}
.site-header{display:flex;align-items:flex-start;flex-wrap:wrap;row-gap:var(--global--spacing-vertical)}
.entry-title{color:var(--entry-header--color);font-size:var(--entry-header--font-size);letter-spacing:normal;line-height:var(--heading--line-height-h2);overflow-wrap:break-word}
.wp-caption{max-width:100%;margin-bottom:var(--global--spacing-vertical)}.wp-caption-text{font-size:var(--global--font-size-xs);margin-bottom:0;text-align:center}
.wp-block-image figcaption{color:var(--global--color-primary);font-size:var(--global--font-size-xs);line-height:var(--global--line-height-body);margin-top:calc(.5*var(--global--spacing-unit))}
.sharedaddy{clear:both}.sd-title{font-size:9pt;font-weight:700;margin:0 0 1em}.jp-relatedposts{display:none;padding-top:1em;margin:1em 0;position:relative;clear:both}
.comment-list{padding-left:0;list-style:none}.comment-meta .comment-metadata{color:var(--global--color-primary);padding-bottom:var(--global--spacing-unit)}
.pagination .nav-links{display:flex;flex-wrap:wrap;justify-content:center}.page-numbers{margin-right:var(--global--spacing-unit)}
"""
_GLOBAL_STYLES = ("body{--wp--preset--color--black:#000000;--wp--preset--color--cyan-bluish-gray:#abb8c3;"
                  "--wp--preset--color--white:#ffffff;--wp--preset--font-size--small:13px;"
                  "--wp--preset--font-size--medium:20px;--wp--preset--spacing--20:0.44rem}"
                  ".has-black-color{color:var(--wp--preset--color--black) !important;}") * 6


@dataclass
class _Ctx:
    site: WordPressSite
    base: str
    url: str
    title: str
    body_class: str
    description: str = ""
    post: WPPost | None = None
    head_extra: str = ""


def _iso(site: WordPressSite, dt: datetime) -> str:
    return site.local(dt).isoformat(timespec="seconds")


def _utc(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).isoformat(timespec="seconds")


def _byline_text(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _yoast_graph(ctx: _Ctx, post: WPPost) -> str:
    site, base = ctx.site, ctx.base
    url = base + site.path_of(post)
    people = [{"@type": "Person", "@id": f"{base}/#/schema/person/{hashlib.md5(n.encode()).hexdigest()}", "name": n,
               "url": base + site.author_path(n)} for n in post.bylines]
    article = {
        "@type": "Article", "@id": url + "#article", "isPartOf": {"@id": url},
        "author": [{"name": p["name"], "@id": p["@id"]} for p in people] if len(people) > 1
        else {"name": people[0]["name"], "@id": people[0]["@id"]},
        "headline": post.title, "datePublished": _utc(post.date), "dateModified": _utc(post.last_modified),
        "mainEntityOfPage": {"@id": url}, "wordCount": len(text_of(post.content_html).split()),
        "publisher": {"@id": base + "/#organization"}, "articleSection": post.categories, "keywords": post.tags,
        "inLanguage": site.language,
    }
    if post.featured_image:
        article["image"] = {"@id": url + "#primaryimage"}
    graph: list[dict[str, object]] = [
        article,
        {"@type": "WebPage", "@id": url, "url": url, "name": f"{post.title} - {site.name}",
         "isPartOf": {"@id": base + "/#website"}, "datePublished": _utc(post.date),
         "dateModified": _utc(post.last_modified), "breadcrumb": {"@id": url + "#breadcrumb"},
         "inLanguage": site.language},
        {"@type": "BreadcrumbList", "@id": url + "#breadcrumb", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home", "item": base + "/"},
            {"@type": "ListItem", "position": 2, "name": post.title}]},
        {"@type": "WebSite", "@id": base + "/#website", "url": base + "/", "name": site.name,
         "description": site.description, "publisher": {"@id": base + "/#organization"}},
        {"@type": "Organization", "@id": base + "/#organization", "name": site.name, "url": base + "/"},
        *people,
    ]
    if post.featured_image:
        graph.append({"@type": "ImageObject", "@id": url + "#primaryimage", "url": post.featured_image.src,
                      "contentUrl": post.featured_image.src, "caption": post.featured_image.caption})
    payload = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json" class="yoast-schema-graph">{payload}</script>'


def _head(ctx: _Ctx) -> str:
    site, base, post = ctx.site, ctx.base, ctx.post
    parts = [
        "<head>", '<meta charset="UTF-8" />', '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        "<meta name='robots' content='index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1' />",
        "<!-- This site is optimized with the Yoast SEO plugin v21.9.1 - https://yoast.com/wordpress/plugins/seo/ -->",
        f"<title>{esc(ctx.title)}</title>",
    ]
    if ctx.description:
        parts.append(f'<meta name="description" content="{esc(ctx.description)}" />')
    parts += [
        f'<link rel="canonical" href="{esc(ctx.url)}" />',
        f'<meta property="og:locale" content="{site.language.replace("-", "_")}" />',
        f'<meta property="og:type" content="{"article" if post and post.type == "post" else "website"}" />',
        f'<meta property="og:title" content="{esc(ctx.title)}" />',
        f'<meta property="og:url" content="{esc(ctx.url)}" />',
        f'<meta property="og:site_name" content="{esc(site.name)}" />',
    ]
    if post is not None and post.type == "post":
        parts += [
            f'<meta property="article:published_time" content="{_utc(post.date)}" />',
            f'<meta property="article:modified_time" content="{_utc(post.last_modified)}" />',
        ]
        if post.featured_image:
            parts.append(f'<meta property="og:image" content="{esc(post.featured_image.src)}" />')
        parts += [
            f'<meta name="author" content="{esc(_byline_text(post.bylines))}" />',
            '<meta name="twitter:card" content="summary_large_image" />',
            '<meta name="twitter:label1" content="Written by" />',
            f'<meta name="twitter:data1" content="{esc(_byline_text(post.bylines))}" />',
            '<meta name="twitter:label2" content="Est. reading time" />',
            f'<meta name="twitter:data2" content="{max(1, len(text_of(post.content_html).split()) // 230)} minutes" />',
            _yoast_graph(ctx, post),
        ]
    parts += [
        "<!-- / Yoast SEO plugin. -->",
        "<link rel='dns-prefetch' href='//stats.wp.com' />",
        "<link rel='dns-prefetch' href='//i0.wp.com' />",
    ]
    if site.feed_enabled:
        parts += [
            f'<link rel="alternate" type="application/rss+xml" title="{esc(site.name)} &raquo; Feed" href="{base}/feed/" />',
            f'<link rel="alternate" type="application/rss+xml" title="{esc(site.name)} &raquo; Comments Feed" '
            f'href="{base}/comments/feed/" />',
        ]
        if post is not None and post.type == "post":
            parts.append(f'<link rel="alternate" type="application/rss+xml" title="{esc(site.name)} &raquo; '
                         f'{esc(post.title)} Comments Feed" href="{base}{site.path_of(post).rstrip("/")}/feed/" />')
    parts += [
        f"<style id='wp-block-library-inline-css'>{_GLOBAL_STYLES}</style>",
        f"<link rel='stylesheet' id='wp-block-library-css' href='{base}/wp-includes/css/dist/block-library/style.min.css?ver={WP_VERSION}' media='all' />",
        f"<link rel='stylesheet' id='twenty-twenty-one-style-css' href='{base}/wp-content/themes/{site.theme}/style.css?ver=1.9' media='all' />",
        f"<link rel='stylesheet' id='jetpack_css-css' href='{base}/wp-content/plugins/jetpack/css/jetpack.css?ver=12.9.1' media='all' />",
        f"<style id='twenty-twenty-one-inline-css'>{_THEME_CSS}</style>",
        f"<script src='{base}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1' id='jquery-core-js'></script>",
        f"<script src='{base}/wp-includes/js/jquery/jquery-migrate.min.js?ver=3.4.1' id='jquery-migrate-js'></script>",
    ]
    if site.rest_enabled:
        parts.append(f'<link rel="https://api.w.org/" href="{base}/wp-json/" />')
        if post is not None:
            kind = "posts" if post.type == "post" else "pages"
            parts.append(f'<link rel="alternate" type="application/json" href="{base}/wp-json/wp/v2/{kind}/{post.id}" />')
    parts.append(f'<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{base}/xmlrpc.php?rsd" />')
    if site.generator_meta:
        parts.append(f'<meta name="generator" content="WordPress {WP_VERSION}" />')
    if post is not None:
        parts.append(f"<link rel='shortlink' href='{base}/?p={post.id}' />")
        if site.rest_enabled:
            encoded = quote(ctx.url, safe="")
            parts += [
                f'<link rel="alternate" type="application/json+oembed" href="{base}/wp-json/oembed/1.0/embed?url={encoded}" />',
                f'<link rel="alternate" type="text/xml+oembed" href="{base}/wp-json/oembed/1.0/embed?url={encoded}&#038;format=xml" />',
            ]
    parts += [
        "<style>img#wpstats{display:none}</style>",
        f'<link rel="icon" href="{base}/wp-content/uploads/2021/03/cropped-icon-32x32.png" sizes="32x32" />',
        ctx.head_extra, "</head>",
    ]
    return "\n".join(p for p in parts if p)


def _menu(ctx: _Ctx) -> str:
    site, base = ctx.site, ctx.base
    items = [f'<li id="menu-item-10" class="menu-item menu-item-type-custom menu-item-home"><a href="{base}/">Home</a></li>']
    for n, page in enumerate(site.pages, 11):
        items.append(f'<li id="menu-item-{n}" class="menu-item menu-item-type-post_type menu-item-object-page">'
                     f'<a href="{base}{site.path_of(page)}">{esc(page.title)}</a></li>')
    for n, (name, _) in enumerate(sorted(site._terms["category"].items()), 30):
        items.append(f'<li id="menu-item-{n}" class="menu-item menu-item-type-taxonomy menu-item-object-category">'
                     f'<a href="{base}{site.term_path("category", name)}">{esc(name)}</a></li>')
    return ('<nav id="site-navigation" class="primary-navigation" aria-label="Primary menu">'
            '<div class="menu-button-container"><button id="primary-mobile-menu" class="button" '
            'aria-controls="primary-menu-list" aria-expanded="false"><span class="dropdown-icon open">Menu</span>'
            '</button></div><div class="primary-menu-container"><ul id="primary-menu-list" class="menu-wrapper">'
            + "".join(items) + "</ul></div></nav>")


def _header(ctx: _Ctx) -> str:
    site, base = ctx.site, ctx.base
    tag = "h1" if "home" in ctx.body_class.split() else "p"
    return (f'<a class="skip-link screen-reader-text" href="#content">Skip to content</a>'
            f'<header id="masthead" class="site-header has-title-and-tagline has-menu">'
            f'<div class="site-branding"><{tag} class="site-title"><a href="{base}/" rel="home">{esc(site.name)}</a></{tag}>'
            f'<p class="site-description">{esc(site.description)}</p></div>{_menu(ctx)}</header>')


def _sidebar(ctx: _Ctx) -> str:
    site, base = ctx.site, ctx.base
    recent = "".join(f'<li><a href="{base}{site.path_of(p)}">{esc(p.title)}</a></li>' for p in site.ordered_posts[:5])
    pairs = sorted(((c, p) for p in site.posts for c in p.comments), key=lambda cp: cp[0].published, reverse=True)[:5]
    comments = "".join(
        f'<li class="recentcomments"><span class="comment-author-link">{esc(c.author)}</span> on '
        f'<a href="{base}{site.path_of(p)}#comment-{c.comment_id}">{esc(p.title)}</a></li>' for c, p in pairs)
    months: dict[tuple[int, int], int] = {}
    for post in site.ordered_posts:
        local = site.local(post.date)
        months[(local.year, local.month)] = months.get((local.year, local.month), 0) + 1
    archive = "".join(f"<li><a href='{base}/{y:04d}/{m:02d}/'>{MONTHS[m - 1]} {y}</a>&nbsp;({n})</li>"
                      for (y, m), n in months.items())
    cats = "".join(f'<li class="cat-item cat-item-{tid}"><a href="{base}{site.term_path("category", name)}">{esc(name)}</a></li>'
                   for name, tid in sorted(site._terms["category"].items()))
    feeds = (f'<li><a href="{base}/feed/">Entries feed</a></li><li><a href="{base}/comments/feed/">Comments feed</a></li>'
             if site.feed_enabled else "")
    return (
        '<aside class="widget-area" id="secondary">'
        f'<section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" '
        f'action="{base}/"><label for="search-form-1">Search&hellip;</label><input type="search" id="search-form-1" '
        'class="search-field" value="" name="s" /><input type="submit" class="search-submit" value="Search" /></form></section>'
        f'<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>'
        f'<nav aria-label="Recent Posts"><ul>{recent}</ul></nav></section>'
        f'<section id="recent-comments-2" class="widget widget_recent_comments"><h2 class="widget-title">Recent Comments</h2>'
        f'<nav aria-label="Recent Comments"><ul id="recentcomments">{comments}</ul></nav></section>'
        f'<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2>'
        f'<nav aria-label="Archives"><ul>{archive}</ul></nav></section>'
        f'<section id="categories-2" class="widget widget_categories"><h2 class="widget-title">Categories</h2>'
        f'<nav aria-label="Categories"><ul>{cats}</ul></nav></section>'
        f'<section id="meta-2" class="widget widget_meta"><h2 class="widget-title">Meta</h2><nav aria-label="Meta"><ul>'
        f'<li><a href="{base}/wp-login.php">Log in</a></li>{feeds}'
        '<li><a href="https://wordpress.org/">WordPress.org</a></li></ul></nav></section></aside>'
    )


def _footer(ctx: _Ctx) -> str:
    base = ctx.base
    return (
        '<footer id="colophon" class="site-footer"><div class="site-info">'
        f'<div class="site-name"><a href="{base}/">{esc(ctx.site.name)}</a></div>'
        '<div class="powered-by">Proudly powered by <a href="https://wordpress.org/">WordPress</a>.</div></div></footer>'
    )


def _document(ctx: _Ctx, main: str) -> str:
    base = ctx.base
    return "\n".join([
        "<!doctype html>", f'<html lang="{ctx.site.language}">', _head(ctx),
        f'<body class="{ctx.body_class} wp-embed-responsive is-light-theme no-js singular has-main-navigation">',
        '<div id="page" class="site">', _header(ctx),
        '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">',
        main, "</main></div></div>", _sidebar(ctx), _footer(ctx), "</div>",
        f"<script src='{base}/wp-content/themes/{ctx.site.theme}/assets/js/primary-navigation.js?ver=1.9' id='twenty-twenty-one-primary-navigation-script-js'></script>",
        f"<script src='{base}/wp-content/plugins/jetpack/_inc/build/sharedaddy/sharing.min.js?ver=12.9.1' id='sharing-js-js'></script>",
        "<script src='https://stats.wp.com/e-202410.js' id='jetpack-stats-js' defer data-wp-strategy='defer'></script>",
        "<script id=\"jetpack-stats-js-after\">_stq = window._stq || [];_stq.push([ \"view\", {v:'ext',blog:'201455633',post:'"
        + (str(ctx.post.id) if ctx.post else "0") + "',tz:'" + str(ctx.site.gmt_offset()).rstrip("0").rstrip(".") + "'} ]);</script>",
        "</body>", "</html>",
    ])


def _entry_meta(ctx: _Ctx, post: WPPost) -> str:
    site, base = ctx.site, ctx.base
    link = base + site.path_of(post)
    published, modified = site.local(post.date), site.local(post.last_modified)
    if post.modified is None or post.modified == post.date:
        times = f'<time class="entry-date published updated" datetime="{_iso(site, post.date)}">{long_date(published)}</time>'
    else:
        times = (f'<time class="entry-date published" datetime="{_iso(site, post.date)}">{long_date(published)}</time>'
                 f'<time class="updated" datetime="{_iso(site, post.last_modified)}">{long_date(modified)}</time>')
    authors = " and ".join(
        f'<span class="author vcard"><a class="url fn n" href="{base}{site.author_path(n)}">{esc(n)}</a></span>'
        for n in post.bylines)
    return (f'<span class="posted-on">Posted on <a href="{link}" rel="bookmark">{times}</a></span>'
            f'<span class="byline"> by {authors}</span>')


def _terms_footer(ctx: _Ctx, post: WPPost) -> str:
    site, base = ctx.site, ctx.base
    cats = ", ".join(f'<a href="{base}{site.term_path("category", c)}" rel="category tag">{esc(c)}</a>' for c in post.categories)
    parts = [f'<span class="cat-links">Categorized as {cats} </span>']
    if post.tags:
        tags = ", ".join(f'<a href="{base}{site.term_path("post_tag", t)}" rel="tag">{esc(t)}</a>' for t in post.tags)
        parts.append(f'<span class="tags-links">Tagged {tags}</span>')
    return "".join(parts)


def _article_classes(site: WordPressSite, post: WPPost) -> str:
    classes = [f"post-{post.id}", post.type, f"type-{post.type}", f"status-{post.status}", "format-standard"]
    if post.featured_image:
        classes.append("has-post-thumbnail")
    classes.append("hentry")
    if post.type == "post":
        classes += [f"category-{slugify(c)}" for c in post.categories] + [f"tag-{slugify(t)}" for t in post.tags]
    classes.append("entry")
    return " ".join(classes)


def _featured(post: WPPost) -> str:
    image = post.featured_image
    if image is None:
        return ""
    caption = f'<figcaption class="wp-caption-text"><span>{esc(image.caption)}</span></figcaption>' if image.caption else ""
    return (f'<figure class="post-thumbnail"><img width="{image.width}" height="{image.height}" src="{esc(image.src)}" '
            f'class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="{esc(image.alt)}" decoding="async" '
            f'fetchpriority="high" />{caption}</figure>')


def _share_blocks(ctx: _Ctx, post: WPPost) -> str:
    site, base = ctx.site, ctx.base
    link = quote(base + site.path_of(post), safe="")
    related = [p for p in site.ordered_posts if p is not post][:3]
    items = "".join(
        f'<div class="jp-relatedposts-post jp-relatedposts-post{n}" data-post-id="{p.id}" data-post-format="false">'
        f'<h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="{base}{site.path_of(p)}" '
        f'title="{esc(p.title)}" rel="nofollow" data-origin="{post.id}" data-position="{n}">{esc(p.title)}</a></h4>'
        f'<p class="jp-relatedposts-post-date">{long_date(site.local(p.date))}</p>'
        f'<p class="jp-relatedposts-post-context">In &quot;{esc(p.categories[0])}&quot;</p></div>'
        for n, p in enumerate(related))
    return (
        '<div class="wp-block-group has-pale-cyan-blue-background-color has-background is-layout-constrained">'
        '<div class="wp-block-group__inner-container"><h4 class="wp-block-heading">Support independent commentary</h4>'
        f'<p>{esc(site.name)} is written by volunteers and funded by readers. If this piece was useful, please consider '
        f'a small monthly donation.</p><div class="wp-block-buttons"><div class="wp-block-button">'
        f'<a class="wp-block-button__link wp-element-button" href="{base}/donate/">Donate</a></div></div></div></div>'
        '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing">'
        '<h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>'
        f'<li class="share-twitter"><a rel="nofollow noopener noreferrer" class="share-twitter sd-button share-icon" '
        f'href="https://twitter.com/intent/tweet?url={link}" target="_blank" title="Click to share on X"><span>X</span></a></li>'
        f'<li class="share-facebook"><a rel="nofollow noopener noreferrer" class="share-facebook sd-button share-icon" '
        f'href="https://www.facebook.com/sharer.php?u={link}" target="_blank" title="Click to share on Facebook"><span>Facebook</span></a></li>'
        f'<li class="share-email"><a rel="nofollow noopener noreferrer" class="share-email sd-button share-icon" '
        f'href="mailto:?subject=%5BShared%20Post%5D&body={link}" target="_blank" title="Click to email a link to a friend"><span>Email</span></a></li>'
        '<li class="share-end"></li></ul></div></div></div>'
        f'<div id=\'jp-relatedposts\' class=\'jp-relatedposts\'><h3 class="jp-relatedposts-headline"><em>Related</em></h3>'
        f'<div class="jp-relatedposts-items jp-relatedposts-items-visual">{items}</div></div>'
    )


def _comments(ctx: _Ctx, post: WPPost) -> str:
    site, base = ctx.site, ctx.base
    link = base + site.path_of(post)
    parts = ['<div id="comments" class="comments-area default-max-width show-avatars">']
    if post.comments:
        count = len(post.comments)
        heading = f"1 thought on &ldquo;{esc(post.title)}&rdquo;" if count == 1 else f"{count} thoughts on &ldquo;{esc(post.title)}&rdquo;"
        parts.append(f'<h2 class="comments-title">{heading}</h2><ol class="comment-list">')
        for n, comment in enumerate(sorted(post.comments, key=lambda c: c.published)):
            local = site.local(comment.published)
            parity = "even" if n % 2 == 0 else "odd"
            parts.append(
                f'<li id="comment-{comment.comment_id}" class="comment {parity} thread-{parity} depth-1">'
                f'<article id="div-comment-{comment.comment_id}" class="comment-body"><footer class="comment-meta">'
                f'<div class="comment-author vcard"><img alt=\'\' src=\'https://secure.gravatar.com/avatar/'
                f'{hashlib.md5(comment.author.encode()).hexdigest()}?s=60&#038;d=mm&#038;r=g\' class=\'avatar avatar-60 photo\' '
                f'height=\'60\' width=\'60\' loading=\'lazy\' decoding=\'async\'/><b class="fn">{esc(comment.author)}</b> '
                f'<span class="says">says:</span></div><div class="comment-metadata">'
                f'<a href="{link}#comment-{comment.comment_id}"><time datetime="{_iso(site, comment.published)}">'
                f'{long_date(local)} at {clock(local)}</time></a></div></footer>'
                f'<div class="comment-content">{comment.body_html}</div><div class="reply">'
                f'<a rel=\'nofollow\' class=\'comment-reply-link\' href=\'{link}?replytocom={comment.comment_id}#respond\' '
                f'data-commentid="{comment.comment_id}" data-postid="{post.id}" aria-label=\'Reply to {esc(comment.author)}\'>Reply</a>'
                "</div></article></li>")
        parts.append("</ol>")
    parts.append(
        '<div id="respond" class="comment-respond"><h2 id="reply-title" class="comment-reply-title">Leave a Reply '
        '<small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h2>'
        f'<form action="{base}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>'
        '<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> '
        'Required fields are marked <span class="required">*</span></p>'
        '<p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label> '
        '<textarea id="comment" name="comment" cols="45" rows="5" maxlength="65525" required></textarea></p>'
        '<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> '
        '<input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required /></p>'
        '<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment" />'
        f"<input type='hidden' name='comment_post_ID' value='{post.id}' id='comment_post_ID' /></p></form></div></div>")
    return "".join(parts)


def _post_navigation(ctx: _Ctx, post: WPPost) -> str:
    site, base = ctx.site, ctx.base
    ordered = site.ordered_posts
    index = ordered.index(post)
    links = []
    if index + 1 < len(ordered):
        older = ordered[index + 1]
        links.append(f'<div class="nav-previous"><a href="{base}{site.path_of(older)}" rel="prev"><p class="meta-nav">'
                     f'Previous post</p><p class="post-title">{esc(older.title)}</p></a></div>')
    if index > 0:
        newer = ordered[index - 1]
        links.append(f'<div class="nav-next"><a href="{base}{site.path_of(newer)}" rel="next"><p class="meta-nav">'
                     f'Next post</p><p class="post-title">{esc(newer.title)}</p></a></div>')
    return ('<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2>'
            f'<div class="nav-links">{"".join(links)}</div></nav>')


def render_post(site: WordPressSite, post: WPPost, base: str) -> str:
    """A single post (``body.single.single-post.postid-N``) or static page (``body.page``)."""
    url = base + site.path_of(post)
    if post.type == "page":
        body_class = f"page-template-default page page-id-{post.id}"
    else:
        body_class = f"post-template-default single single-post postid-{post.id} single-format-standard"
    ctx = _Ctx(site, base, url, f"{post.title} - {site.name}", body_class,
               description=post.excerpt or snippet(post.content_html, 155), post=post)
    header = f'<header class="entry-header alignwide"><h1 class="entry-title">{esc(post.title)}</h1>{_featured(post)}</header>'
    if post.type == "page":
        main = (f'<article id="post-{post.id}" class="{_article_classes(site, post)}">{header}'
                f'<div class="entry-content">{post.content_html}</div></article>')
        return _document(ctx, main)
    main = (
        f'<article id="post-{post.id}" class="{_article_classes(site, post)}">{header}'
        f'<div class="entry-meta default-max-width">{_entry_meta(ctx, post)}</div>'
        f'<div class="entry-content">\n{post.content_html}\n{_share_blocks(ctx, post)}</div>'
        f'<footer class="entry-footer default-max-width"><div class="posted-by">{_entry_meta(ctx, post)}</div>'
        f'<div class="post-taxonomies">{_terms_footer(ctx, post)}</div></footer></article>'
        f'{_post_navigation(ctx, post)}{_comments(ctx, post)}'
    )
    return _document(ctx, main)


def _excerpt(post: WPPost) -> str:
    return post.excerpt or snippet(post.content_html, 220).removesuffix("...") + " &hellip;"


def render_listing(site: WordPressSite, base: str, posts: list[WPPost], page: int, pages: int, root: str,
                   body_class: str, heading: str | None) -> str:
    """Home page, date, category, tag and author archives, with ``/page/N/`` pagination."""
    url = base + root + (f"page/{page}/" if page > 1 else "")
    title = f"{heading} - {site.name}" if heading else f"{site.name} - {site.description}"
    if page > 1:
        title = f"{heading or site.name} - Page {page} of {pages} - {site.name}"
    head_extra = ""
    if page > 1:
        head_extra += f'<link rel="prev" href="{base}{root}{"" if page == 2 else f"page/{page - 1}/"}" />'
    if page < pages:
        head_extra += f'<link rel="next" href="{base}{root}page/{page + 1}/" />'
    ctx = _Ctx(site, base, url, title, body_class + (" paged paged-%d" % page if page > 1 else ""), head_extra=head_extra)
    parts = []
    if heading:
        parts.append(f'<header class="page-header alignwide"><h1 class="page-title">{esc(heading)}</h1></header>')
    for post in posts:
        link = base + site.path_of(post)
        parts.append(
            f'<article id="post-{post.id}" class="{_article_classes(site, post)}"><header class="entry-header">'
            f'<h2 class="entry-title default-max-width"><a href="{link}">{esc(post.title)}</a></h2></header>'
            f'<div class="entry-content"><p>{_excerpt(post)}</p><div class="more-link-container">'
            f'<a class="more-link" href="{link}">Continue reading<span class="screen-reader-text">{esc(post.title)}</span></a>'
            f'</div></div><footer class="entry-footer default-max-width">{_entry_meta(ctx, post)}</footer></article>')
    numbers = []
    if page > 1:
        numbers.append(f'<a class="prev page-numbers" href="{base}{root}{"" if page == 2 else f"page/{page - 1}/"}">Newer posts</a>')
    for n in range(1, pages + 1):
        if n == page:
            numbers.append(f'<span aria-current="page" class="page-numbers current">{n}</span>')
        else:
            numbers.append(f'<a class="page-numbers" href="{base}{root}{"" if n == 1 else f"page/{n}/"}">{n}</a>')
    if page < pages:
        numbers.append(f'<a class="next page-numbers" href="{base}{root}page/{page + 1}/">Older posts</a>')
    if pages > 1:
        parts.append('<nav class="navigation pagination" aria-label="Posts"><h2 class="screen-reader-text">Posts navigation</h2>'
                     f'<div class="nav-links">{"".join(numbers)}</div></nav>')
    return _document(ctx, "".join(parts))


def render_not_found(site: WordPressSite, base: str, path: str) -> str:
    ctx = _Ctx(site, base, base + path, f"Page not found - {site.name}", "error404 hfeed")
    main = ('<header class="page-header alignwide"><h1 class="page-title">Nothing here</h1></header>'
            '<div class="error-404 not-found default-max-width"><div class="page-content"><p>It looks like nothing was '
            'found at this location. Maybe try a search?</p></div></div>')
    return _document(ctx, main)


def render_meta_refresh(base: str, target: str) -> str:
    """The stub a static export (e.g. Simply Static) leaves at an old permalink."""
    url = esc(base + target if target.startswith("/") else target)
    return ("<!DOCTYPE html><html><head><title>Redirecting&hellip;</title>"
            f'<meta http-equiv="refresh" content="0; url={url}" /><link rel="canonical" href="{url}" />'
            f'<meta name="robots" content="noindex" /></head><body><p>This page has moved to <a href="{url}">{url}</a>.</p>'
            "</body></html>")


# ---------------------------------------------------------------------------------------------------
# REST API


def _rest_error(status: int, code: str, message: str, extra: dict[str, object] | None = None) -> Response:
    data: dict[str, object] = {"status": status, **(extra or {})}
    return Response(status, JSON, json.dumps({"code": code, "message": message, "data": data}).encode("utf-8"))


def _local_naive(site: WordPressSite, dt: datetime) -> str:
    return site.local(dt).replace(tzinfo=None).isoformat(timespec="seconds")


def _gmt_naive(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")


def _user_json(site: WordPressSite, base: str, user: WPUser) -> dict[str, object]:
    avatar = hashlib.md5(user.login.encode()).hexdigest()
    return {
        "id": user.user_id, "name": user.name, "url": "", "description": user.description,
        "link": f"{base}/author/{user.login}/", "slug": user.login,
        "avatar_urls": {str(s): f"https://secure.gravatar.com/avatar/{avatar}?s={s}&d=mm&r=g" for s in (24, 48, 96)},
        "_links": {"self": [{"href": f"{base}/wp-json/wp/v2/users/{user.user_id}"}],
                   "collection": [{"href": f"{base}/wp-json/wp/v2/users"}]},
    }


def _media_json(site: WordPressSite, base: str, post: WPPost) -> dict[str, object]:
    image = post.featured_image
    assert image is not None
    return {
        "id": image.media_id, "date": _local_naive(site, post.date), "slug": slugify(image.src.rsplit("/", 1)[-1]),
        "type": "attachment", "link": f"{base}{site.path_of(post)}{slugify(image.src.rsplit('/', 1)[-1])}/",
        "title": {"rendered": esc(image.src.rsplit("/", 1)[-1].rsplit(".", 1)[0])},
        "author": site.user(post.author).user_id,
        "caption": {"rendered": f"<p>{esc(image.caption)}</p>\n" if image.caption else ""},
        "alt_text": image.alt, "media_type": "image", "mime_type": "image/jpeg",
        "media_details": {"width": image.width, "height": image.height}, "source_url": image.src,
    }


def post_json(site: WordPressSite, base: str, post: WPPost, embed: bool = False) -> dict[str, object]:
    """A ``/wp/v2/posts`` (or ``/pages``) object, with ``_embedded`` when ``embed``."""
    kind = "posts" if post.type == "post" else "pages"
    author = site.user(post.author)
    data: dict[str, object] = {
        "id": post.id, "date": _local_naive(site, post.date), "date_gmt": _gmt_naive(post.date),
        "guid": {"rendered": f"{base}/?p={post.id}"},
        "modified": _local_naive(site, post.last_modified), "modified_gmt": _gmt_naive(post.last_modified),
        "slug": post.slug, "status": post.status, "type": post.type, "link": base + site.path_of(post),
        "title": {"rendered": esc(post.title).replace("&#x27;", "&#8217;")},
        "content": {"rendered": post.content_html + "\n", "protected": False},
        "excerpt": {"rendered": f"<p>{_excerpt(post)}</p>\n", "protected": False},
        "author": author.user_id, "featured_media": post.featured_image.media_id if post.featured_image else 0,
        "comment_status": "open", "ping_status": "open", "template": "", "meta": {"footnotes": ""},
    }
    if post.type == "post":
        data.update({
            "sticky": False, "format": "standard",
            "categories": [site.term_id("category", c) for c in post.categories],
            "tags": [site.term_id("post_tag", t) for t in post.tags],
        })
    if post.coauthors:
        data["coauthors"] = [{"id": site.user(n).user_id, "display_name": n, "user_nicename": site.user(n).login}
                             for n in post.coauthors]
    if site.sitemaps == "yoast":
        data["yoast_head_json"] = {
            "title": f"{post.title} - {site.name}", "canonical": base + site.path_of(post), "og_type": "article",
            "article_published_time": _utc(post.date), "article_modified_time": _utc(post.last_modified),
            "author": _byline_text(post.bylines),
            "twitter_misc": {"Written by": _byline_text(post.bylines)},
        }
    links: dict[str, object] = {
        "self": [{"href": f"{base}/wp-json/wp/v2/{kind}/{post.id}"}],
        "collection": [{"href": f"{base}/wp-json/wp/v2/{kind}"}],
        "author": [{"embeddable": True, "href": f"{base}/wp-json/wp/v2/users/{author.user_id}"}],
        "replies": [{"embeddable": True, "href": f"{base}/wp-json/wp/v2/comments?post={post.id}"}],
    }
    if post.featured_image:
        links["wp:featuredmedia"] = [{"embeddable": True, "href": f"{base}/wp-json/wp/v2/media/{post.featured_image.media_id}"}]
    data["_links"] = links
    if embed:
        embedded: dict[str, object] = {"author": [_user_json(site, base, author)]}
        if post.featured_image:
            embedded["wp:featuredmedia"] = [_media_json(site, base, post)]
        if post.type == "post":
            embedded["wp:term"] = [
                [_term_json(site, base, "category", c) for c in post.categories],
                [_term_json(site, base, "post_tag", t) for t in post.tags],
            ]
        data["_embedded"] = embedded
    return data


def _term_json(site: WordPressSite, base: str, taxonomy: str, name: str) -> dict[str, object]:
    count = sum(1 for p in site.posts if name in (p.categories if taxonomy == "category" else p.tags))
    return {"id": site.term_id(taxonomy, name), "count": count, "link": base + site.term_path(taxonomy, name),
            "name": name, "slug": slugify(name), "taxonomy": taxonomy}


def _rest_index(site: WordPressSite, base: str) -> dict[str, object]:
    def route_info(args: dict[str, dict[str, object]]) -> dict[str, object]:
        return {"namespace": "wp/v2", "methods": ["GET"], "endpoints": [{"methods": ["GET"], "args": args}]}

    list_args: dict[str, dict[str, object]] = {
        "context": {"description": "Scope under which the request is made.", "type": "string", "default": "view"},
        "page": {"description": "Current page of the collection.", "type": "integer", "default": 1, "minimum": 1},
        "per_page": {"description": "Maximum number of items to be returned in result set.", "type": "integer",
                     "default": 10, "minimum": 1, "maximum": 100},
        "after": {"description": "Limit response to posts published after a given ISO8601 compliant date.",
                  "type": "string", "format": "date-time"},
        "before": {"description": "Limit response to posts published before a given ISO8601 compliant date.",
                   "type": "string", "format": "date-time"},
        "order": {"type": "string", "default": "desc", "enum": ["asc", "desc"]},
        "orderby": {"type": "string", "default": "date", "enum": ["date", "id", "modified", "slug", "title"]},
        "slug": {"type": "array"}, "author": {"type": "array"}, "categories": {"type": "object"}, "tags": {"type": "object"},
    }
    routes = {
        "/": {"namespace": "", "methods": ["GET"], "endpoints": [{"methods": ["GET"], "args": {}}]},
        "/wp/v2": {"namespace": "wp/v2", "methods": ["GET"], "endpoints": [{"methods": ["GET"], "args": {}}]},
        "/wp/v2/posts": route_info(list_args),
        "/wp/v2/posts/(?P<id>[\\d]+)": route_info({"id": {"type": "integer"}}),
        "/wp/v2/pages": route_info(list_args),
        "/wp/v2/pages/(?P<id>[\\d]+)": route_info({"id": {"type": "integer"}}),
        "/wp/v2/media/(?P<id>[\\d]+)": route_info({"id": {"type": "integer"}}),
        "/wp/v2/categories": route_info({"per_page": list_args["per_page"], "page": list_args["page"]}),
        "/wp/v2/tags": route_info({"per_page": list_args["per_page"], "page": list_args["page"]}),
        "/wp/v2/users": route_info({"per_page": list_args["per_page"], "page": list_args["page"]}),
        "/wp/v2/users/(?P<id>[\\d]+)": route_info({"id": {"type": "integer"}}),
    }
    return {
        "name": site.name, "description": site.description, "url": base, "home": base,
        "gmt_offset": int(site.gmt_offset()) if site.gmt_offset().is_integer() else site.gmt_offset(),
        "timezone_string": site.timezone_string, "namespaces": ["oembed/1.0", "wp/v2", "wp-site-health/v1"],
        "authentication": {}, "routes": routes,
        "site_logo": 0, "site_icon": 0,
        "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]},
    }


class _RestParamError(ValueError):
    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


# ---------------------------------------------------------------------------------------------------
# Feeds and sitemaps


def _rfc822(dt: datetime) -> str:
    return format_datetime(dt.astimezone(timezone.utc)).replace("-0000", "+0000")


def render_rss(site: WordPressSite, base: str, posts: list[WPPost], self_url: str, link: str, title: str) -> str:
    """WordPress's ``/feed/`` RSS 2.0 (full content in ``content:encoded``)."""
    newest = max((p.last_modified for p in posts), default=datetime(2020, 1, 1, tzinfo=timezone.utc))
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n\txmlns:atom="http://www.w3.org/2005/Atom"\n'
        '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n\t>\n',
        f"<channel>\n\t<title>{esc(title)}</title>\n\t<atom:link href=\"{esc(self_url)}\" rel=\"self\" type=\"application/rss+xml\" />\n",
        f"\t<link>{esc(link)}</link>\n\t<description>{esc(site.description)}</description>\n",
        f"\t<lastBuildDate>{_rfc822(newest)}</lastBuildDate>\n\t<language>{site.language}</language>\n",
        "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n",
        f"\t<generator>https://wordpress.org/?v={WP_VERSION}</generator>\n",
    ]
    for post in posts:
        link_ = base + site.path_of(post)
        cats = "".join(f"\t\t<category>{cdata(c)}</category>\n" for c in post.categories + post.tags)
        parts.append(
            f"\t<item>\n\t\t<title>{esc(post.title)}</title>\n\t\t<link>{esc(link_)}</link>\n"
            f"\t\t<comments>{esc(link_)}#respond</comments>\n"
            f"\t\t<dc:creator>{cdata(_byline_text(post.bylines))}</dc:creator>\n"
            f"\t\t<pubDate>{_rfc822(post.date)}</pubDate>\n{cats}"
            f"\t\t<guid isPermaLink=\"false\">{base}/?p={post.id}</guid>\n"
            f"\t\t<description>{cdata(_excerpt(post))}</description>\n"
            f"\t\t<content:encoded>{cdata(post.content_html)}</content:encoded>\n"
            f"\t\t<wfw:commentRss>{esc(link_)}feed/</wfw:commentRss>\n\t\t<slash:comments>{len(post.comments)}</slash:comments>\n"
            "\t</item>\n")
    return "".join(parts) + "\t</channel>\n</rss>\n"


def render_atom(site: WordPressSite, base: str, posts: list[WPPost], self_url: str) -> str:
    """WordPress's ``/feed/atom/``."""
    newest = max((p.last_modified for p in posts), default=datetime(2020, 1, 1, tzinfo=timezone.utc))
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><feed\n  xmlns="http://www.w3.org/2005/Atom"\n'
        '  xmlns:thr="http://purl.org/syndication/thread/1.0"\n'
        f'  xml:lang="{site.language}"\n  >\n',
        f'\t<title type="text">{esc(site.name)}</title>\n\t<subtitle type="text">{esc(site.description)}</subtitle>\n',
        f"\t<updated>{_utc(newest).replace('+00:00', 'Z')}</updated>\n",
        f'\t<link rel="alternate" type="text/html" href="{base}/" />\n\t<id>{esc(self_url)}</id>\n',
        f'\t<link rel="self" type="application/atom+xml" href="{esc(self_url)}" />\n',
        f'\t<generator uri="https://wordpress.org/" version="{WP_VERSION}">WordPress</generator>\n',
    ]
    for post in posts:
        link = base + site.path_of(post)
        authors = "".join(f"\t\t<author>\n\t\t\t<name>{esc(n)}</name>\n\t\t</author>\n" for n in post.bylines)
        cats = "".join(f'\t\t<category scheme="{base}" term="{esc(c)}" />\n' for c in post.categories + post.tags)
        parts.append(
            f"\t<entry>\n{authors}\t\t<title type=\"html\">{cdata(post.title)}</title>\n"
            f'\t\t<link rel="alternate" type="text/html" href="{esc(link)}" />\n'
            f"\t\t<id>{base}/?p={post.id}</id>\n"
            f"\t\t<updated>{_utc(post.last_modified).replace('+00:00', 'Z')}</updated>\n"
            f"\t\t<published>{_utc(post.date).replace('+00:00', 'Z')}</published>\n{cats}"
            f'\t\t<summary type="html">{cdata(_excerpt(post))}</summary>\n'
            f'\t\t<content type="html" xml:base="{esc(link)}">{cdata(post.content_html)}</content>\n'
            "\t</entry>\n")
    return "".join(parts) + "</feed>\n"


def _urlset(rows: list[tuple[str, datetime | None]], stylesheet: str) -> str:
    body = "".join(
        f"<url><loc>{esc(loc)}</loc>" + (f"<lastmod>{_utc(mod)}</lastmod>" if mod else "") + "</url>\n" for loc, mod in rows)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="{stylesheet}"?>\n'
            f'<urlset xmlns="{SITEMAP_NS}">\n{body}</urlset>\n')


def _sitemapindex(rows: list[tuple[str, datetime | None]], stylesheet: str) -> str:
    body = "".join(
        f"<sitemap><loc>{esc(loc)}</loc>" + (f"<lastmod>{_utc(mod)}</lastmod>" if mod else "") + "</sitemap>\n"
        for loc, mod in rows)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="{stylesheet}"?>\n'
            f'<sitemapindex xmlns="{SITEMAP_NS}">\n{body}</sitemapindex>\n')


def render_robots(site: WordPressSite, base: str) -> str:
    """WordPress's virtual robots.txt (with the sitemap line of core or Yoast)."""
    lines = ["User-agent: *", "Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php", ""]
    if site.sitemaps == "core":
        lines.append(f"Sitemap: {base}/wp-sitemap.xml")
    elif site.sitemaps == "yoast":
        lines.append(f"Sitemap: {base}/sitemap_index.xml")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# Routing


def _paginate(items: list[WPPost], per_page: int, page: int) -> tuple[list[WPPost], int] | None:
    pages = max(1, -(-len(items) // per_page))
    if page < 1 or page > pages:
        return None
    return items[(page - 1) * per_page:page * per_page], pages


class _Router:
    def __init__(self, site: WordPressSite, base: str) -> None:
        self.site = site
        self.base = base

    # -- helpers -------------------------------------------------------------------------------------

    def html(self, status: int, text: str, **kw: object) -> Response:
        headers = [("X-Powered-By", "PHP/8.1.27")]
        if self.site.rest_enabled:
            headers.append(("Link", f'<{self.base}/wp-json/>; rel="https://api.w.org/"'))
        body = text.encode("utf-8")
        return Response(status, HTML, body, headers=headers, **kw)  # type: ignore[arg-type]

    def redirect(self, location: str, status: int = 301) -> Response:
        if location.startswith("/"):
            location = self.base + location
        return Response(status, HTML, b"", headers=[("Location", location), ("X-Redirect-By", "WordPress")])

    def not_found(self, path: str) -> Response:
        return self.html(404, render_not_found(self.site, self.base, path))

    def xml(self, text: str, content_type: str = XML) -> Response:
        return Response(200, content_type, text.encode("utf-8"))

    def json(self, data: object, headers: list[tuple[str, str]] | None = None) -> Response:
        # PHP's json_encode, which WordPress uses, escapes every slash: "wp\/v2", "https:\/\/...".
        body = json.dumps(data, ensure_ascii=False).replace("/", "\\/").encode("utf-8")
        base_headers = [("X-Robots-Tag", "noindex"), ("Link", f'<{self.base}/wp-json/>; rel="https://api.w.org/"'),
                        ("X-Content-Type-Options", "nosniff"),
                        ("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link"), ("Allow", "GET")]
        return Response(200, JSON, body, headers=base_headers + (headers or []))

    # -- dispatch ------------------------------------------------------------------------------------

    def answer(self, target: str) -> Response:
        split = urlsplit(target)
        path = split.path or "/"
        params = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        site = self.site
        if path.startswith("/wp-json") or (path == "/" and "rest_route" in params):
            rest_path = params.pop("rest_route", "") if path == "/" else path[len("/wp-json"):]
            return self.rest(rest_path or "/", params)
        if path in site.redirects:
            return self.redirect(site.redirects[path])
        if path in site.meta_refresh:
            return self.html(200, render_meta_refresh(self.base, site.meta_refresh[path]))
        if path == "/robots.txt":
            return Response(200, TEXT, render_robots(site, self.base).encode("utf-8"))
        if path == "/" and ("p" in params or "page_id" in params):
            return self.shortlink(params.get("p") or params.get("page_id", ""), params)
        if sitemap := self.sitemap(path):
            return sitemap
        if feed := self.feed(path, params):
            return feed
        if post := site.post_by_path(path):
            return self.post_page(post)
        if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1] and site.post_by_path(path + "/"):
            return self.redirect(path + "/")  # redirect_canonical adds the trailing slash
        if listing := self.listing(path):
            return listing
        guess = path.strip("/").rsplit("/", 1)[-1]
        for candidate in site.posts + site.pages:  # redirect_guess_404_permalink
            if guess and candidate.slug == guess and path.count("/") <= 2:
                return self.redirect(site.path_of(candidate))
        return self.not_found(path)

    def post_page(self, post: WPPost) -> Response:
        body = render_post(self.site, post, self.base)
        response = self.html(200, body, last_modified=post.last_modified)
        response.etag = _etag(response.body)
        response.headers.append(("Link", f"<{self.base}/?p={post.id}>; rel=shortlink"))
        return response

    def shortlink(self, raw: str, params: dict[str, str]) -> Response:
        post = self.site.post_by_id(int(raw)) if raw.isdigit() else None
        if post is None:
            return self.not_found("/")
        if not self.site.permalink_structure and post.type == "post":
            return self.post_page(post)
        return self.redirect(self.site.path_of(post))

    def listing(self, path: str) -> Response | None:
        site = self.site
        if not path.endswith("/"):
            return None
        match = re.fullmatch(r"(?P<root>/(?:.*/)?)page/(?P<page>\d+)/", path)
        root, page = (match.group("root"), int(match.group("page"))) if match else (path, 1)
        posts = site.ordered_posts
        heading: str | None
        if root == "/":
            body_class, heading, scope = "home blog hfeed", None, posts
        elif m := re.fullmatch(r"/(\d{4})/(?:(\d{2})/(?:(\d{2})/)?)?", root):
            year, month, day = int(m.group(1)), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3))

            def within(p: WPPost) -> bool:
                local = site.local(p.date)
                return (local.year == year and (not month or local.month == month) and (not day or local.day == day))

            scope = [p for p in posts if within(p)]
            if month and day:
                heading = f"Day: {long_date(datetime(year, month, day))}"
            elif month:
                heading = f"Month: {MONTHS[month - 1]} {year}"
            else:
                heading = f"Year: {year}"
            body_class = "archive date hfeed"
        elif m := re.fullmatch(r"/(category|tag)/([^/]+)/", root):
            taxonomy = "category" if m.group(1) == "category" else "post_tag"
            name = site.term_by_slug(taxonomy, m.group(2))
            if name is None:
                return None
            scope = [p for p in posts if name in (p.categories if taxonomy == "category" else p.tags)]
            heading = f"{'Category' if taxonomy == 'category' else 'Tag'}: {name}"
            body_class = f"archive {m.group(1)} {m.group(1)}-{slugify(name)} {m.group(1)}-{site.term_id(taxonomy, name)} hfeed"
        elif m := re.fullmatch(r"/author/([^/]+)/", root):
            user = site.user_by_login(m.group(1))
            if user is None:
                return None
            scope = [p for p in posts if user.name in p.bylines or p.author == user.name]
            heading = f"Author: {user.name}"
            body_class = f"archive author author-{user.login} author-{user.user_id} hfeed"
        else:
            return None
        if not scope and root != "/":
            return None
        paged = _paginate(scope, site.posts_per_page, page)
        if paged is None:
            return None
        chunk, pages = paged
        return self.html(200, render_listing(site, self.base, chunk, page, pages, root, body_class, heading))

    # -- feeds ---------------------------------------------------------------------------------------

    def feed(self, path: str, params: dict[str, str]) -> Response | None:
        site = self.site
        match = re.fullmatch(r"(?P<scope>/(?:category|tag|author)/[^/]+)?/feed(?:/(?P<kind>rss2|atom|rss))?/?", path)
        if not match:
            return None
        if not site.feed_enabled:
            return self.not_found(path)
        posts = site.ordered_posts
        title = site.name
        link = self.base + "/"
        if scope := match.group("scope"):
            kind_, slug = scope.strip("/").split("/")
            if kind_ == "author":
                user = site.user_by_login(slug)
                if user is None:
                    return None
                posts = [p for p in posts if user.name in p.bylines or p.author == user.name]
                title = f"{site.name} &raquo; {user.name}"
            else:
                taxonomy = "category" if kind_ == "category" else "post_tag"
                name = site.term_by_slug(taxonomy, slug)
                if name is None:
                    return None
                posts = [p for p in posts if name in (p.categories if taxonomy == "category" else p.tags)]
                title = f"{site.name} &raquo; {name}"
            link = self.base + scope + "/"
        page = int(params["paged"]) if params.get("paged", "").isdigit() else 1
        paged = _paginate(posts, site.posts_per_rss, page)
        if paged is None:
            return self.not_found(path)
        chunk = paged[0]
        self_url = self.base + path + (f"?paged={page}" if page > 1 else "")
        if match.group("kind") == "atom":
            return self.xml(render_atom(site, self.base, chunk, self_url), ATOM)
        return self.xml(render_rss(site, self.base, chunk, self_url, link, html.unescape(title)), RSS)

    # -- sitemaps ------------------------------------------------------------------------------------

    def sitemap(self, path: str) -> Response | None:
        site = self.site
        if not path.endswith(".xml") and path not in ("/wp-sitemap.xsl", "/main-sitemap.xsl"):
            return None
        if site.sitemaps is None:
            return None
        if site.sitemaps == "core":
            if path == "/sitemap.xml":
                return self.redirect("/wp-sitemap.xml", 302)
            return self.core_sitemap(path)
        if path in ("/sitemap.xml", "/wp-sitemap.xml"):
            return self.redirect("/sitemap_index.xml")
        return self.yoast_sitemap(path)

    def _chunks(self, rows: list[tuple[str, datetime | None]]) -> list[list[tuple[str, datetime | None]]]:
        size = self.site.sitemap_max_urls
        return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]

    def _sitemap_rows(self, kind: str, with_dates: bool) -> list[tuple[str, datetime | None]]:
        site, base = self.site, self.base

        def stamp(dt: datetime) -> datetime | None:
            return dt if with_dates else None

        if kind == "post":
            posts = sorted(site.posts, key=lambda p: p.id) if not with_dates else sorted(site.posts, key=lambda p: p.last_modified)
            return [(base + site.path_of(p), stamp(p.last_modified)) for p in posts]
        if kind == "page":
            newest = max((p.last_modified for p in site.posts), default=None)
            rows: list[tuple[str, datetime | None]] = [(base + "/", newest if with_dates else None)]
            return rows + [(base + site.path_of(p), stamp(p.last_modified)) for p in site.pages]
        if kind in ("category", "post_tag"):
            rows = []
            for name in site._terms[kind]:
                members = [p for p in site.posts if name in (p.categories if kind == "category" else p.tags)]
                rows.append((base + site.term_path(kind, name), stamp(max(p.last_modified for p in members))))
            return rows
        authors = {p.author for p in site.posts} | {n for p in site.posts for n in p.coauthors}
        return [(base + site.author_path(u.name), None) for u in site.users if u.name in authors]

    def core_sitemap(self, path: str) -> Response | None:
        base = self.base
        kinds = [("posts-post", "post"), ("posts-page", "page"), ("taxonomies-category", "category"),
                 ("taxonomies-post_tag", "post_tag"), ("users", "user")]
        if path == "/wp-sitemap.xml":
            rows: list[tuple[str, datetime | None]] = []
            for name, kind in kinds:
                chunks = self._chunks(self._sitemap_rows(kind, False))
                if chunks == [[]]:
                    continue
                rows += [(f"{base}/wp-sitemap-{name}-{n}.xml", None) for n in range(1, len(chunks) + 1)]
            return self.xml(_sitemapindex(rows, f"{base}/wp-sitemap-index.xsl"))
        match = re.fullmatch(r"/wp-sitemap-(posts-post|posts-page|taxonomies-category|taxonomies-post_tag|users)-(\d+)\.xml", path)
        if not match:
            return None
        kind = dict(kinds)[match.group(1)]
        chunks = self._chunks(self._sitemap_rows(kind, False))
        number = int(match.group(2))
        if number < 1 or number > len(chunks) or chunks == [[]]:
            return None
        return self.xml(_urlset(chunks[number - 1], f"{base}/wp-sitemap.xsl"))

    def yoast_sitemap(self, path: str) -> Response | None:
        base = self.base
        kinds = [("post", "post"), ("page", "page"), ("category", "category"), ("post_tag", "post_tag"), ("author", "user")]
        if path == "/sitemap_index.xml":
            rows: list[tuple[str, datetime | None]] = []
            for name, kind in kinds:
                chunks = self._chunks(self._sitemap_rows(kind, True))
                if chunks == [[]]:
                    continue
                for n, chunk in enumerate(chunks, 1):
                    newest = max((mod for _, mod in chunk if mod), default=None)
                    rows.append((f"{base}/{name}-sitemap{'' if n == 1 else n}.xml", newest))
            return self.xml(_sitemapindex(rows, f"{base}/main-sitemap.xsl"))
        match = re.fullmatch(r"/(post|page|category|post_tag|author)-sitemap(\d*)\.xml", path)
        if not match:
            return None
        chunks = self._chunks(self._sitemap_rows(dict(kinds)[match.group(1)], True))
        number = int(match.group(2) or 1)
        if number < 1 or number > len(chunks) or chunks == [[]] or match.group(2) == "1":
            return None
        return self.xml(_urlset(chunks[number - 1], f"{base}/main-sitemap.xsl"))

    # -- REST ----------------------------------------------------------------------------------------

    def rest(self, rest_path: str, params: dict[str, str]) -> Response:
        site, base = self.site, self.base
        if not site.rest_enabled:
            if site.rest_disabled_status == 401:
                return _rest_error(401, "rest_disabled", "The REST API is disabled on this site.")
            return self.not_found("/wp-json" + rest_path)
        rest_path = "/" + rest_path.strip("/")
        embed = "_embed" in params
        if rest_path == "/":
            return self.json(_rest_index(site, base))
        if rest_path == "/wp/v2":
            return self.json({"namespace": "wp/v2", "routes": {k: v for k, v in _rest_index(site, base)["routes"].items()
                                                               if k.startswith("/wp/v2")}})
        if match := re.fullmatch(r"/wp/v2/(posts|pages)/(\d+)", rest_path):
            post = site.post_by_id(int(match.group(2)))
            if post is None or post.type != match.group(1)[:-1]:
                return _rest_error(404, "rest_post_invalid_id", "Invalid post ID.")
            return self.json(post_json(site, base, post, embed))
        if match := re.fullmatch(r"/wp/v2/(posts|pages)", rest_path):
            try:
                return self.rest_list(match.group(1), params, embed)
            except _RestParamError as exc:
                return _rest_error(400, "rest_invalid_param", f"Invalid parameter(s): {exc.param}",
                                   {"params": {exc.param: str(exc)}})
        if match := re.fullmatch(r"/wp/v2/media/(\d+)", rest_path):
            owner = next((p for p in site.posts + site.pages
                          if p.featured_image and p.featured_image.media_id == int(match.group(1))), None)
            if owner is None:
                return _rest_error(404, "rest_post_invalid_id", "Invalid post ID.")
            return self.json(_media_json(site, base, owner))
        if match := re.fullmatch(r"/wp/v2/users(?:/(\d+))?", rest_path):
            if match.group(1):
                user = next((u for u in site.users if u.user_id == int(match.group(1))), None)
                if user is None:
                    return _rest_error(404, "rest_user_invalid_id", "Invalid user ID.")
                return self.json(_user_json(site, base, user))
            users = [_user_json(site, base, u) for u in site.users]
            return self.json(users, [("X-WP-Total", str(len(users))), ("X-WP-TotalPages", "1")])
        if match := re.fullmatch(r"/wp/v2/(categories|tags)", rest_path):
            taxonomy = "category" if match.group(1) == "categories" else "post_tag"
            terms = [_term_json(site, base, taxonomy, n) for n in site._terms[taxonomy]]
            return self.json(terms, [("X-WP-Total", str(len(terms))), ("X-WP-TotalPages", "1")])
        return _rest_error(404, "rest_no_route", "No route was found matching the URL and request method.")

    def rest_list(self, kind: str, params: dict[str, str], embed: bool) -> Response:
        site, base = self.site, self.base
        per_page_raw, page_raw = params.get("per_page", "10"), params.get("page", "1")
        if not per_page_raw.isdigit() or not 1 <= int(per_page_raw) <= 100:
            raise _RestParamError("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)")
        if not page_raw.isdigit() or int(page_raw) < 1:
            raise _RestParamError("page", "page must be greater than or equal to 1")
        per_page, page = int(per_page_raw), int(page_raw)
        items = list(site.ordered_posts) if kind == "posts" else sorted(site.pages, key=lambda p: p.date, reverse=True)
        for name, keep_after in (("after", True), ("before", False)):
            if params.get(name):
                try:
                    bound = datetime.fromisoformat(params[name].replace("Z", "+00:00").replace(" ", "+"))
                except ValueError as exc:
                    raise _RestParamError(name, "Invalid date.") from exc
                if bound.tzinfo is None:
                    bound = bound.replace(tzinfo=site.tz)  # WordPress reads offset-less dates in site time
                items = [p for p in items if (p.date > bound if keep_after else p.date < bound)]
        if params.get("slug"):
            slugs = params["slug"].split(",")
            items = [p for p in items if p.slug in slugs]
        if params.get("author"):
            ids = {int(x) for x in params["author"].split(",") if x.isdigit()}
            items = [p for p in items if site.user(p.author).user_id in ids]
        for name, taxonomy in (("categories", "category"), ("tags", "post_tag")):
            if params.get(name) and kind == "posts":
                ids = {int(x) for x in params[name].split(",") if x.isdigit()}
                items = [p for p in items
                         if ids & {site.term_id(taxonomy, t) for t in (p.categories if taxonomy == "category" else p.tags)}]
        orderby = params.get("orderby", "date")
        if orderby == "id":
            items.sort(key=lambda p: p.id, reverse=True)
        elif orderby == "modified":
            items.sort(key=lambda p: p.last_modified, reverse=True)
        if params.get("order", "desc") == "asc":
            items.reverse()
        total = len(items)
        pages = -(-total // per_page)
        if page > max(pages, 1):
            return _rest_error(400, "rest_post_invalid_page_number",
                               "The page number requested is larger than the number of pages available.")
        chunk = items[(page - 1) * per_page:page * per_page]
        headers = [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages))]
        query = "&".join(f"{k}={quote(v, safe=',:')}" if v else k for k, v in params.items() if k != "page")
        collection = f"{base}/wp-json/wp/v2/{kind}" + (f"?{query}&" if query else "?")
        links = []
        if page > 1:
            links.append(f'<{collection}page={page - 1}>; rel="prev"')
        if page < pages:
            links.append(f'<{collection}page={page + 1}>; rel="next"')
        if links:
            headers.append(("Link", ", ".join(links)))
        return self.json([post_json(site, base, p, embed) for p in chunk], headers)


# ---------------------------------------------------------------------------------------------------
# Content helpers: caption markup of each editor generation (platforms.md §2.3)


def caption_html(src: str, caption: str, style: str, attachment_id: int = 0, width: int = 1024, alt: str = "") -> str:
    """A captioned image as WordPress stores it in ``content.rendered``.

    ``style``: "classic" (``div.wp-caption`` + ``p.wp-caption-text``), "html5" (``figure.wp-caption`` +
    ``figcaption.wp-caption-text``) or "block" (``figure.wp-block-image`` + ``figcaption.wp-element-caption``).
    """
    height = width * 2 // 3
    ident = attachment_id or int(hashlib.md5(src.encode()).hexdigest()[:4], 16)
    if style == "classic":
        return (f'<div id="attachment_{ident}" style="width: {width + 10}px" class="wp-caption aligncenter">'
                f'<a href="{esc(src)}"><img aria-describedby="caption-attachment-{ident}" decoding="async" '
                f'class="size-large wp-image-{ident}" src="{esc(src)}" alt="{esc(alt)}" width="{width}" height="{height}" /></a>'
                f'<p id="caption-attachment-{ident}" class="wp-caption-text">{esc(caption)}</p></div>')
    if style == "html5":
        return (f'<figure id="attachment_{ident}" aria-describedby="caption-attachment-{ident}" style="width: {width}px" '
                f'class="wp-caption aligncenter"><img decoding="async" class="size-large wp-image-{ident}" src="{esc(src)}" '
                f'alt="{esc(alt)}" width="{width}" height="{height}" />'
                f'<figcaption id="caption-attachment-{ident}" class="wp-caption-text">{esc(caption)}</figcaption></figure>')
    if style == "block":
        return (f'<figure class="wp-block-image size-large"><img decoding="async" width="{width}" height="{height}" '
                f'src="{esc(src)}" alt="{esc(alt)}" class="wp-image-{ident}" />'
                f'<figcaption class="wp-element-caption">{esc(caption)}</figcaption></figure>')
    raise ValueError(f"unknown caption style {style!r}")


def paragraphs_html(paragraphs: list[str], editor: str = "block") -> str:
    """Body paragraphs as the editor saves them (the block editor adds no classes to plain paragraphs)."""
    return "\n\n".join(f"<p>{' '.join(p.split())}</p>" for p in paragraphs)


__all__ = [
    "DATE_PERMALINKS", "PLAIN_PERMALINKS", "POSTNAME_PERMALINKS", "WPComment", "WPImage", "WPPost", "WPUser",
    "WordPressSite", "caption_html", "paragraphs_html", "post_json", "render_atom", "render_listing",
    "render_meta_refresh", "render_not_found", "render_post", "render_robots", "render_rss", "slugify",
]
