"""Simulated blogs with the flaws of real ones, for the end-to-end discovery tests (``tests/test_discovery.py``).

``blogger_blog`` and ``wordpress_blog`` build small blogs (12 to 30 posts) from a generated blog's posts
(``blogsim.blogger``). Each wrapper class takes a simulated site (a ``BlogSite``, a ``WordPressSite`` or
another wrapper) and answers ``route(target, base_url) -> Response`` the way a real, imperfect blog does;
its docstring says which real-world failure it reproduces. Wrappers compose:
``LinkedFromNowhere(FeedFailsPastFirstPage(blog, 500))``.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit

from archiver.demo.sample import TAIPEI
from archiver.demo.blog import Comment, Page, Post
from archiver.demo.responses import HTML, TEXT, XML, Response
from archiver.demo.site import BlogSite
from blogsim.blogger import generate_site
from blogsim.wordpress import JSON, WordPressSite, WPPost, render_meta_refresh, slugify
from blogsim.wrapper import Wrapper

# ---------------------------------------------------------------------------------------------------
# The blogs


def blogger_blog(months: tuple[int, ...] = (2, 9, 1, 3, 3), seed: int = 11, **switches: object) -> BlogSite:
    """A Blogger blog (layout template, Taipei time) of ``sum(months)`` generated posts: ``months[0]`` in
    February 2024, ``months[1]`` in January 2024 and so on back one month at a time. The default is 18 posts
    over five months across a year's end, January holding more posts (9) than a listing page shows (7), so
    its month archive continues on an "Older Posts" page within the month. ``switches`` set any ``BlogSite``
    field (``feed_enabled=False``, ``sitemap_enabled=False``, ``sitemap_page_size=6``...)."""
    generated = generate_site(sum(months), seed).ordered_posts
    posts: list[Post] = []
    year, month = 2024, 2
    for count in months:
        names: set[str] = set()
        for k in range(count):
            source = generated[len(posts)]
            published = datetime(year, month, 26 - 2 * k, 8 + k % 10, (7 * k) % 60, tzinfo=TAIPEI)
            stem = source.path.rsplit("/", 1)[1].removesuffix(".html")
            name, suffix = stem, 1
            while name in names:  # Blogger appends _NN to a slug taken in the month
                name, suffix = f"{stem}_{suffix:02d}", suffix + 1
            names.add(name)
            shift = published - source.published
            comments = [Comment(c.author, c.published + shift, c.body_html) for c in source.comments]
            posts.append(Post(f"/{year:04d}/{month:02d}/{name}.html", source.title, published, source.body_html,
                              labels=list(source.labels), comments=comments))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    fields: dict[str, object] = dict(
        title=f"Notes on Trade {seed}", description="Short commentary on trade and money.", posts=posts,
        pages=[Page("/p/about.html", "About", "<p>A blog about trade, money and public policy.</p>")],
        tz=TAIPEI, author="Blog Author",
    )
    fields.update(switches)
    return BlogSite(**fields)  # type: ignore[arg-type]


#: the static pages of ``wordpress_blog`` (``type == "page"``): never to be archived as posts
WP_STATIC_PATHS = ("/about/", "/reading-room/")
WP_AUTHORS = ("Wen Hsu", "Ana Ribeiro")


def wordpress_blog(n_posts: int = 14, seed: int = 5, categories: tuple[str, ...] = ("Trade", "Money", "Policy"),
                   **options: object) -> WordPressSite:
    """A WordPress blog of ``n_posts`` generated posts, nine days apart back from 20 May 2024, with date
    permalinks (``/2024/05/20/slug/``), posts taking ``categories`` in turn, two authors, and two static
    pages (``WP_STATIC_PATHS``; ``/reading-room/`` has no name a URL rule would know for a page).
    ``options`` set any ``WordPressSite`` field (``rest_enabled``, ``sitemaps=None``, ``feed_enabled``,
    ``posts_per_page``, ``posts_per_rss``...); 3 posts a listing page unless given."""
    generated = generate_site(n_posts, seed).ordered_posts
    posts: list[WPPost] = []
    for index, source in enumerate(generated):
        date = datetime(2024, 5, 20, 9, 30, tzinfo=TAIPEI) - timedelta(days=9 * index, hours=index)
        title = source.title or f"Notes from the week of {date:%d %B}"
        posts.append(WPPost(
            100 + index, slugify(title), title, date, source.body_html,
            author=WP_AUTHORS[1] if index % 3 == 2 else WP_AUTHORS[0],
            categories=[categories[index % len(categories)]], tags=list(source.labels)[:2],
        ))
    pages = [
        WPPost(2, "about", "About", datetime(2021, 9, 1, 10, 0, tzinfo=TAIPEI),
               "<p>Harbour Notes is a personal blog about trade, money and public policy.</p>", type="page"),
        WPPost(3, "reading-room", "Reading room", datetime(2022, 3, 4, 11, 0, tzinfo=TAIPEI),
               "<p>Books and long essays worth an evening, updated now and then.</p>", type="page"),
    ]
    fields: dict[str, object] = dict(
        name="Harbour Notes", description="Notes on trade, money and public policy", posts=posts, pages=pages,
        tz=TAIPEI, timezone_string="Asia/Taipei", admin=WP_AUTHORS[0], posts_per_page=3,
    )
    fields.update(options)
    return WordPressSite(**fields)  # type: ignore[arg-type]


def unwrap(site: object) -> BlogSite | WordPressSite:
    """The simulated blog under any number of wrappers."""
    while not isinstance(site, (BlogSite, WordPressSite)):
        site = site.site  # type: ignore[attr-defined]
    return site


def post_paths(site: object) -> set[str]:
    """The paths of every post of the (wrapped) blog: what a complete archive holds."""
    blog = unwrap(site)
    if isinstance(blog, BlogSite):
        return {post.path for post in blog.posts}
    return {blog.path_of(post) for post in blog.posts}


def newest_paths(site: object, count: int) -> list[str]:
    """The paths of the ``count`` newest posts, newest first."""
    blog = unwrap(site)
    if isinstance(blog, BlogSite):
        return [post.path for post in blog.ordered_posts[:count]]
    return [blog.path_of(post) for post in blog.ordered_posts[:count]]


# ---------------------------------------------------------------------------------------------------
# Helpers


def split_target(target: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(target)
    return parts.path or "/", dict(parse_qsl(parts.query, keep_blank_values=True))


def join_target(path: str, params: dict[str, str]) -> str:
    return path + ("?" + urlencode(params) if params else "")


def not_found() -> Response:
    return Response(404, HTML, b"<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
                               b"<body><h1>Not Found</h1></body></html>")


def error_page(status: int) -> Response:
    return Response(status, HTML, f"<!DOCTYPE html><html><head><title>Error {status}</title></head>"
                                  f"<body><h1>Error {status}</h1></body></html>".encode())


def with_text(response: Response, text: str, headers: list[tuple[str, str]] | None = None) -> Response:
    """``response`` with another body; its validators stay (a wrapper changes a page the same way every time),
    and its headers unless ``headers`` replaces them."""
    return Response(response.status, response.content_type, text.encode("utf-8"), last_modified=response.last_modified,
                    etag=response.etag, headers=list(response.headers) if headers is None else headers)


def is_html(response: Response) -> bool:
    return response.content_type.startswith("text/html")


_BLOGGER_POSTS_FEED = re.compile(r"^/feeds/posts/(?:default|full|summary)(?:/-/.+)?$|^/(?:atom|rss)\.xml$")


def is_blogger_posts_feed(path: str) -> bool:
    """The posts feed of a Blogger blog, a label's, and the ``/atom.xml``, ``/rss.xml`` aliases."""
    return bool(_BLOGGER_POSTS_FEED.match(path))


# ---------------------------------------------------------------------------------------------------
# Feeds


class FeedPageCap(Wrapper):
    """A Blogger feed serving at most ``per_page`` entries a page whatever ``max-results`` asks (Blogger has
    lowered its cap before, and caches and proxies in front of custom domains cap lower): a blog of more
    posts than that is only listed in full by reading the feed's next pages. Nothing fails here."""

    def __init__(self, site: object, per_page: int = 10) -> None:
        super().__init__(site)
        self.per_page = per_page

    def route(self, target: str, base_url: str) -> Response:
        path, params = split_target(target)
        if is_blogger_posts_feed(path):
            asked = params.get("max-results", "")
            params["max-results"] = str(min(int(asked), self.per_page) if asked.isdigit() else self.per_page)
            target = join_target(path, params)
        return super().route(target, base_url)


class MirroredFeed(FeedPageCap):
    """A Blogger feed behind a static mirror (or a cache that ignores query strings): the feed was saved
    once, so every feed address answers its first page whatever ``start-index`` asks. That page still says
    ``openSearch:totalResults`` N and links a next page, which answers the first page again."""

    def route(self, target: str, base_url: str) -> Response:
        if is_blogger_posts_feed(split_target(target)[0]):
            target = "/feeds/posts/default"
        return super().route(target, base_url)


class FeedFailsPastFirstPage(FeedPageCap):
    """A Blogger feed that fails after its first page: page 2 answers ``status`` (500 from an overloaded
    blog, 404 from a proxy that forwards only the bare feed address). The first page still says
    ``openSearch:totalResults`` N. Every feed answer that would name a post older than the first page
    (later pages, label and date-bounded feeds, comment feeds naming their post) fails the same way:
    the first page is all the feed ever gives."""

    def __init__(self, site: object, status: int = 500, per_page: int = 10) -> None:
        super().__init__(site, per_page)
        self.status = status

    def route(self, target: str, base_url: str) -> Response:
        response = super().route(target, base_url)
        path = split_target(target)[0]
        if response.status == 200 and (path.startswith("/feeds/") or is_blogger_posts_feed(path)):
            hidden = unwrap(self).ordered_posts[self.per_page:]
            if any(f"{base_url}{post.path}".encode() in response.body for post in hidden):  # type: ignore[union-attr]
                return error_page(self.status)
        return response


class FeedWithoutTotal(FeedPageCap):
    """A Blogger feed that gives no ``openSearch:totalResults`` (an old template's feed, a proxy rewriting
    it): only a page shorter than the one asked for says the feed has ended."""

    def route(self, target: str, base_url: str) -> Response:
        response = super().route(target, base_url)
        if response.status == 200 and is_blogger_posts_feed(split_target(target)[0]):
            body = re.sub(rb"<openSearch:totalResults>\d+</openSearch:totalResults>", b"", response.body)
            return dataclasses.replace(response, body=body)
        return response


class FeedNotXml(Wrapper):
    """A Blogger feed address answering an HTML page with status 200: a cookie-consent wall, a parked
    domain's landing page, a feed replaced by a FeedBurner page. Not XML at all."""

    def route(self, target: str, base_url: str) -> Response:
        path = split_target(target)[0]
        if path.startswith("/feeds/") or is_blogger_posts_feed(path):
            return Response(200, HTML, b"<!DOCTYPE html><html><head><title>Before you continue</title></head><body>"
                                       b"<p>We use cookies to deliver our services.</p>"
                                       b"<form><button>Accept all</button></form></body></html>")
        return super().route(target, base_url)


class FeedIgnoresPaged(Wrapper):
    """A WordPress feed behind a page cache that ignores query strings: ``/feed/?paged=2`` answers the first
    page again, so the feed never shows more than its newest ``posts_per_rss`` posts (10 by default)."""

    _FEED = re.compile(r"/feed(?:/(?:rss2|atom|rss))?/?$")

    def route(self, target: str, base_url: str) -> Response:
        path, params = split_target(target)
        if self._FEED.search(path) and "paged" in params:
            del params["paged"]
            target = join_target(path, params)
        return super().route(target, base_url)


# ---------------------------------------------------------------------------------------------------
# Sitemaps


class StaleSitemap(Wrapper):
    """A sitemap written once and never refreshed (a cached plugin map, an export's leftover): ``/sitemap.xml``
    lists only the posts ``listed`` while the blog has published more since. Nothing in it says so."""

    def __init__(self, site: object, listed: list[str]) -> None:
        super().__init__(site)
        self.listed = list(listed)

    def route(self, target: str, base_url: str) -> Response:
        if split_target(target)[0] != "/sitemap.xml":
            return super().route(target, base_url)
        blog = unwrap(self)
        rows = []
        for path in self.listed:
            post = blog.post_by_path(path)
            stamp = post.last_modified.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if post else ""
            lastmod = f"<lastmod>{stamp}</lastmod>" if stamp else ""
            rows.append(f"<url><loc>{base_url}{path}</loc>{lastmod}</url>")
        text = ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "".join(rows) + "</urlset>")
        return Response(200, XML, text.encode("utf-8"))


class SitemapListsDeadAddresses(Wrapper):
    """A generator's sitemap that names every post at an address the site does not answer (a saved blog's
    sitemap named "//2017/cranes/" for "/2017/cranes.html"; here "/2024/01/cranes-x.html"): all 404."""

    def route(self, target: str, base_url: str) -> Response:
        if split_target(target)[0] != "/sitemap.xml":
            return super().route(target, base_url)
        rows = "".join(f"<url><loc>{base_url}{path.removesuffix('.html')}-x.html</loc></url>"
                       for path in sorted(post_paths(self)))
        text = ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + rows + "</urlset>")
        return Response(200, XML, text.encode("utf-8"))


class SitemapListsAttachments(Wrapper):
    """A WordPress SEO plugin's flat ``/sitemap.xml`` that lists each post's image page (an attachment page:
    ``<body class="attachment single single-attachment …">``, one image and its title) beside the posts;
    ``attachments_lastmod``, when set, dates the image pages in the sitemap."""

    attachments_lastmod: str | None = None

    def route(self, target: str, base_url: str) -> Response:
        path = split_target(target)[0]
        blog = unwrap(self)
        posts = [blog.path_of(post) for post in blog.posts]  # type: ignore[union-attr]
        if path == "/sitemap.xml":
            lastmod = f"<lastmod>{self.attachments_lastmod}</lastmod>" if self.attachments_lastmod else ""
            rows = "".join(f"<url><loc>{base_url}{post}</loc></url>"
                           f"<url><loc>{base_url}{post}attachment/photo/</loc>{lastmod}</url>" for post in posts)
            return Response(200, XML, ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns=\"http://www.sitemaps.org/"
                                       f"schemas/sitemap/0.9\">{rows}</urlset>").encode("utf-8"))
        if path.endswith("/attachment/photo/") and path.removesuffix("attachment/photo/") in posts:
            page = ("<!DOCTYPE html><html lang='en'><head><title>photo</title>"
                    "<meta name='generator' content='WordPress 6.4' /><meta property='og:type' content='article' /></head>"
                    "<body class='attachment attachment-template-default single single-attachment postid-90 "
                    "attachmentid-90 attachment-jpeg'><article><h1 class='entry-title'>photo</h1>"
                    f"<p><img src='{base_url}/wp-content/uploads/photo.jpg' alt='' /></p></article></body></html>")
            return Response(200, HTML, page.encode("utf-8"))
        return super().route(target, base_url)


class SitemapListsThemePages(Wrapper):
    """A WordPress theme's custom post types in a flat ``/sitemap.xml`` beside the posts (real themes': a team
    member's profile, a service, a press release), each a single page of its type (``<body class="single
    single-team …">``) that calls itself an article as the theme's posts do. ``PRESS_RELEASE`` is a piece of
    writing; the others are not."""

    PRESS_RELEASE = "/press-release/harbour-cranes-statement/"
    KINDS = {"/team/jane-roe/": "team", "/services/crane-inspection/": "services", PRESS_RELEASE: "press-release"}

    def route(self, target: str, base_url: str) -> Response:
        path = split_target(target)[0]
        posts = [unwrap(self).path_of(post) for post in unwrap(self).posts]  # type: ignore[union-attr]
        if path == "/sitemap.xml":
            rows = "".join(f"<url><loc>{base_url}{page}</loc></url>" for page in [*posts, *self.KINDS])
            return Response(200, XML, ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns=\"http://www.sitemaps.org/"
                                       f"schemas/sitemap/0.9\">{rows}</urlset>").encode("utf-8"))
        if path in self.KINDS:
            kind = self.KINDS[path]
            text = "".join(f"<p>Paragraph {n} of the {kind} page, long enough to be read as the text of a page.</p>"
                           for n in range(4))
            page = ("<!DOCTYPE html><html lang='en'><head><title>Harbour cranes</title>"
                    "<meta name='generator' content='WordPress 6.4' /><meta property='og:type' content='article' /></head>"
                    f"<body class='{kind}-template-default single single-{kind} postid-77 single-format-standard'>"
                    f"<article class='{kind} type-{kind} hentry'><h1 class='entry-title'>Harbour cranes</h1>"
                    f"<div class='entry-content'>{text}</div></article></body></html>")
            return Response(200, HTML, page.encode("utf-8"))
        return super().route(target, base_url)


class GhostSitemaps(Wrapper):
    """A Ghost site's sitemaps: ``/sitemap.xml`` an index of its posts' map and the maps of its static pages,
    tags and authors (``sitemap-posts.xml``, ``sitemap-pages.xml``, ``sitemap-tags.xml``, ``sitemap-authors.xml``)."""

    MAPS = ("/sitemap-posts.xml", "/sitemap-pages.xml", "/sitemap-tags.xml", "/sitemap-authors.xml")

    def route(self, target: str, base_url: str) -> Response:
        path = split_target(target)[0]
        if path == "/sitemap.xml":
            rows = "".join(f"<sitemap><loc>{base_url}{name}</loc></sitemap>" for name in self.MAPS)
            return Response(200, XML, ("<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns=\"http://www.sitemaps.org/"
                                       f"schemas/sitemap/0.9\">{rows}</sitemapindex>").encode("utf-8"))
        if path in self.MAPS:
            pages = {"/sitemap-posts.xml": sorted(post_paths(self)), "/sitemap-pages.xml": WP_STATIC_PATHS,
                     "/sitemap-tags.xml": ["/tag/trade/"], "/sitemap-authors.xml": ["/author/wen/"]}[path]
            rows = "".join(f"<url><loc>{base_url}{page}</loc></url>" for page in pages)
            return Response(200, XML, ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns=\"http://www.sitemaps.org/"
                                       f"schemas/sitemap/0.9\">{rows}</urlset>").encode("utf-8"))
        return super().route(target, base_url)


class SitemapListsFiles(Wrapper):
    """A static site's flat ``/sitemap.xml`` that lists the files it publishes beside its posts (a real Octopress
    blog's: each post's ``.asc`` signature, served as ``application/pgp-signature``)."""

    def route(self, target: str, base_url: str) -> Response:
        path = split_target(target)[0]
        posts = post_paths(self)
        if path == "/sitemap.xml":
            rows = "".join(f"<url><loc>{base_url}{post}</loc></url><url><loc>{base_url}{post.rstrip('/')}.asc</loc></url>"
                           for post in sorted(posts))
            return Response(200, XML, ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns=\"http://www.sitemaps.org/"
                                       f"schemas/sitemap/0.9\">{rows}</urlset>").encode("utf-8"))
        if path.endswith(".asc") and path.removesuffix(".asc") + "/" in posts:
            return Response(200, "application/pgp-signature", b"-----BEGIN PGP SIGNATURE-----\n\n-----END PGP SIGNATURE-----\n")
        return super().route(target, base_url)


class SitemapListsItself(Wrapper):
    """A sitemap index that lists itself among its child maps (a misconfigured SEO plugin): reading every
    child map of every index, naively, never ends."""

    def route(self, target: str, base_url: str) -> Response:
        response = super().route(target, base_url)
        if target == "/sitemap.xml" and b"<sitemapindex" in response.body:
            head, tag, rest = response.body.partition(b"<sitemap>")
            self_entry = f"<sitemap><loc>{base_url}/sitemap.xml</loc></sitemap>".encode()
            response = Response(200, response.content_type, head + self_entry + tag + rest)
        return response


class SitemapListsOldAddresses(Wrapper):
    """A blog moved to new permalinks by a static export (Simply Static and the like) that left a stub at
    each old address: a small page with ``<meta http-equiv="refresh" content="0; url=NEW">``. Its
    sitemap still lists the old addresses of the moved posts. ``moves`` maps old paths to new ones."""

    patterns = ("{}<",)  #: where an address is replaced by its old one: a sitemap's <loc>

    def __init__(self, site: object, moves: dict[str, str]) -> None:
        super().__init__(site)
        self.moves = dict(moves)

    def route(self, target: str, base_url: str) -> Response:
        path = split_target(target)[0]
        if path in self.moves:
            return Response(200, HTML, render_meta_refresh(base_url, self.moves[path]).encode("utf-8"))
        response = super().route(target, base_url)
        if self.names_old_addresses(path, response):
            body = response.body
            for old, new in self.moves.items():
                for quoted in self.patterns:
                    body = body.replace(quoted.format(base_url + new).encode(), quoted.format(base_url + old).encode())
            response = Response(response.status, response.content_type, body, headers=list(response.headers))
        return response

    def names_old_addresses(self, path: str, response: Response) -> bool:
        return path.endswith(".xml") and response.status == 200


class ListingsLinkOldAddresses(SitemapListsOldAddresses):
    """As ``SitemapListsOldAddresses``, but it is the listing pages that still link the moved posts by their
    old addresses (the sitemap is right): those posts are reached only through their stubs."""

    patterns = ('href="{}"', "href='{}'")  #: links, not a post's own canonical or og:url

    def names_old_addresses(self, path: str, response: Response) -> bool:
        return response.content_type.startswith("text/html") and response.status == 200


# ---------------------------------------------------------------------------------------------------
# REST


class RestPostsRouteOff(Wrapper):
    """A WordPress site with the REST API for some routes only: the index ``/wp-json/`` answers (and still
    lists ``/wp/v2/posts``), categories and pages answer, but a security plugin answers 404 on the posts
    route (``/wp-json/wp/v2/posts``, ``/?rest_route=/wp/v2/posts``)."""

    _POSTS = re.compile(r"^/?wp/v2/posts(?:/|$)")

    def route(self, target: str, base_url: str) -> Response:
        path, params = split_target(target)
        rest = path.removeprefix("/wp-json") if path.startswith("/wp-json") else params.get("rest_route", "")
        if path.startswith("/wp-json") or path == "/":
            if self._POSTS.match(rest):
                return Response(404, JSON, b'{"code":"rest_no_route","message":"No route was found matching the URL '
                                           b'and request method.","data":{"status":404}}')
        return super().route(target, base_url)


# ---------------------------------------------------------------------------------------------------
# Pages and links


class LinkedFromNowhere(Wrapper):
    """A Blogger blog whose older posts nothing links: its template shows no Blog Archive widget, no pager
    (neither "Older Posts" on listings nor "Older Post" on posts), no labels, popular posts or recent
    comments, and its archive, label, search and paged listings answer 404 (a custom domain behind a proxy
    that forwards only the home page, posts, feeds and robots.txt). Only a feed can tell older posts exist."""

    _WIDGETS = re.compile(
        r"<div class='widget (?:BlogArchive|PopularPosts|Label|HTML)' .*?<div class='clear'></div>\n</div>", re.S)
    _PAGER = re.compile(r"<span id='blog-pager-(?:newer|older)-link'>.*?</span>", re.S)
    _LABEL_LINK = re.compile(r"<a [^>]*href='[^']*/search/label/[^']*'[^>]*>(.*?)</a>", re.S)
    _OTHER = ("/robots.txt", "/atom.xml", "/rss.xml", "/sitemap.xml", "/sitemap-pages.xml")

    def route(self, target: str, base_url: str) -> Response:
        path, params = split_target(target)
        blog = unwrap(self)
        home = path in ("/", "/index.html") and set(params) <= {"m"}
        known = blog.post_by_path(path) or blog.page_by_path(path)  # type: ignore[union-attr]
        if not (home or known or path.startswith("/feeds/") or path in self._OTHER):
            return not_found()
        response = super().route(target, base_url)
        if not is_html(response):
            return response
        text = self._WIDGETS.sub("", response.body.decode("utf-8"))
        text = self._LABEL_LINK.sub(r"\1", self._PAGER.sub("", text))
        return with_text(response, text)


class ArchiveOnPostPagesOnly(Wrapper):
    """A Blogger template whose home page shows no Blog Archive widget, labels or pager, while its post pages
    keep the archive widget (a newer template on the home page, the older one on the posts): past the feed,
    only a post page leads to the blog's month archives."""

    def route(self, target: str, base_url: str) -> Response:
        path, params = split_target(target)
        response = super().route(target, base_url)
        if not (path in ("/", "/index.html") and set(params) <= {"m"} and is_html(response)):
            return response
        text = LinkedFromNowhere._WIDGETS.sub("", response.body.decode("utf-8"))
        text = LinkedFromNowhere._LABEL_LINK.sub(r"\1", LinkedFromNowhere._PAGER.sub("", text))
        return with_text(response, text)


class PostChainOnly(Wrapper):
    """A blog whose only way to its older posts is each post's "previous post" link: every listing (pagers,
    archives, categories, tags, authors, feeds, sitemaps, the API) answers 404 but the home page's first
    page, as a saved copy that kept the home page and the posts only."""

    def route(self, target: str, base_url: str) -> Response:
        path, params = split_target(target)
        if path == "/" and not params or path == "/robots.txt" or unwrap(self).post_by_path(path):  # type: ignore[union-attr]
            return super().route(target, base_url)
        return not_found()


class StaticCacheFolder(Wrapper):
    """A WordPress blog as a static-cache plugin saved it (really-static): every page is a file in a folder of
    the plugin's, ``/wp-content/plugins/really-static/static/``, every link of the blog's pages (the canonical
    link too) points there, and the home page is also served at ``/``. Nothing else answers: no feed, API,
    sitemap or listing outside the folder. ``originals``: each post also answers at its original address, and
    its page links there (a comment form's "#respond"), as the plugin's copies did."""

    FOLDER = "/wp-content/plugins/really-static/static/"

    def __init__(self, site: object, originals: bool = False) -> None:
        super().__init__(site)
        self.originals = originals

    def route(self, target: str, base_url: str) -> Response:
        path = split_target(target)[0]
        original = self.originals and unwrap(self).post_by_path(path) is not None  # type: ignore[union-attr]
        if path == "/" or original:
            inner = target
        elif path.startswith(self.FOLDER):
            inner = "/" + target[len(self.FOLDER):]
        else:
            return not_found()
        response = super().route(inner, base_url)
        if response.status != 200 or not is_html(response):
            return not_found()
        pattern = re.compile(r"""((?:href|src)=)(['"])""" + re.escape(base_url) + "/")
        text = pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}{base_url}{self.FOLDER}", response.body.decode("utf-8"))
        inner_path = split_target(inner)[0]
        if self.originals and unwrap(self).post_by_path(inner_path) is not None:  # type: ignore[union-attr]
            text = text.replace("</body>", f"<a href='{inner_path}#respond'>Leave a reply</a></body>")
        return with_text(response, text)


class HomeWithoutLinks(Wrapper):
    """A blog whose home page answers, with the platform's markup, and links nothing; nothing else answers."""

    def route(self, target: str, base_url: str) -> Response:
        if split_target(target)[0] != "/":
            return not_found()
        response = super().route(target, base_url)
        return with_text(response, re.sub(r"<a\s[^>]*>", "<a>", response.body.decode("utf-8")))


class RelativeMirror(Wrapper):
    """A wget or HTTrack mirror served as static files. Every link to the blog itself is rewritten relative to
    the page (``../../2012/06/slug.html``, ``../index.html``, ``2006/07/index.html``,
    ``../category/x/index.html``); a folder address names its index file (``index.html``, and
    ``index.json`` for the REST index ``/wp-json/``, so the REST link reads ``../wp-json/index.json``), and
    the server answers a folder's index file as the folder. A file server sends none of the platform's
    headers (no ``Link: <…/wp-json/>``) and has no API behind ``/wp-json/`` but its saved index.
    ``queries``: keep query strings (wget saves ``index.html?updated-max=…`` pages: Blogger's month pagers);
    False, a file server ignoring them (WordPress)."""

    INDEX_FILES = {"/wp-json/": "index.json"}
    _ATTRIBUTES = r"(\s(?:href|src|data-load)=)(['\"])"

    def __init__(self, site: object, queries: bool = True) -> None:
        super().__init__(site)
        self.queries = queries

    def index_file(self, folder: str) -> str:
        return self.INDEX_FILES.get(folder, "index.html")

    def route(self, target: str, base_url: str) -> Response:
        parts = urlsplit(target)
        path = parts.path or "/"
        folder = path[:path.rindex("/") + 1]
        if path[len(folder):] == self.index_file(folder):
            path = folder
        if path.startswith("/wp-json/") and path != "/wp-json/":
            return not_found()  # the mirror saved the REST index, nothing behind it
        response = super().route(path + (f"?{parts.query}" if parts.query and self.queries else ""), base_url)
        headers = [(name, value) for name, value in response.headers if name.lower() == "location"]
        if not is_html(response):
            return Response(response.status, response.content_type, response.body, last_modified=response.last_modified,
                            etag=response.etag, headers=headers)
        pattern = re.compile(self._ATTRIBUTES + re.escape(base_url) + r"((?:[/?#][^'\"]*)?)\2")

        def relative(match: re.Match[str]) -> str:
            return f"{match.group(1)}{match.group(2)}{self.relative(match.group(3) or '/', folder)}{match.group(2)}"

        return with_text(response, pattern.sub(relative, response.body.decode("utf-8")), headers)

    def relative(self, link: str, page_folder: str) -> str:
        """``link`` (a path with any query and fragment) as the mirror writes it on a page in ``page_folder``."""
        cut = min([i for i in (link.find("?"), link.find("#")) if i >= 0], default=len(link))
        path, tail = link[:cut] or "/", link[cut:]
        if path.endswith("/"):
            path += self.index_file(path)
        return posixpath.relpath(path, page_folder) + tail


# ---------------------------------------------------------------------------------------------------
# Pagers


_PAGED = re.compile(r"(?P<root>/(?:.*/)?)page/(?P<page>\d+)/")


class PagerLoop(Wrapper):
    """A WordPress theme whose "next" link on the second page of every listing points back to the first page
    (as ``/page/1/``, an address of the page already read as ``/``): following "Older posts" goes round
    in a circle. The numbered page links still lead on."""

    def route(self, target: str, base_url: str) -> Response:
        response = super().route(target, base_url)
        match = _PAGED.fullmatch(split_target(target)[0])
        if not match or match.group("page") != "2" or response.status != 200 or not is_html(response):
            return response
        root = match.group("root")
        old, new = f'href="{base_url}{root}page/3/"', f'href="{base_url}{root}page/1/"'
        text = response.body.decode("utf-8")
        text = text.replace(f'<link rel="next" {old}', f'<link rel="next" {new}')
        text = text.replace(f'<a class="next page-numbers" {old}', f'<a class="next page-numbers" {new}')
        return with_text(response, text)


class EndlessPager(Wrapper):
    """A WordPress theme (or an infinite-scroll plugin) that answers any ``/page/N/`` of a listing: past the last
    real page every page shows the last page's posts again, and every page from the last one on links a
    next page N+1. "Older posts" never ends."""

    _BODY_CLASS = re.compile(r'<body class="([^"]*)"')

    def __init__(self, site: object) -> None:
        super().__init__(site)
        self._last: dict[tuple[str, str], int | None] = {}

    def route(self, target: str, base_url: str) -> Response:
        path = split_target(target)[0]
        match = _PAGED.fullmatch(path)
        root, page = (match.group("root"), int(match.group("page"))) if match else (path, 1)
        response = super().route(target, base_url)
        if match and response.status == 404:
            last = self._last_page(root, page, base_url)
            if last is None:
                return response
            response = super().route(root if last == 1 else f"{root}page/{last}/", base_url)
        if response.status != 200 or not is_html(response):
            return response
        body_class = self._BODY_CLASS.search(response.body.decode("utf-8"))
        if not body_class or "hfeed" not in body_class.group(1).split() or "error404" in body_class.group(1):
            return response  # not a listing
        text = response.body.decode("utf-8")
        if 'class="next page-numbers"' in text:
            return response  # a real page with a real next page
        following = f"{base_url}{root}page/{page + 1}/"
        text = text.replace("</head>", f'<link rel="next" href="{following}" />\n</head>', 1)
        pager = ('<nav class="navigation pagination" aria-label="Posts"><div class="nav-links">'
                 f'<a class="next page-numbers" href="{following}">Older posts</a></div></nav>')
        text = text.replace("</main>", pager + "</main>", 1)
        return with_text(response, text)

    def _last_page(self, root: str, beyond: int, base_url: str) -> int | None:
        """The listing's last real page (page ``beyond`` answered 404), None when ``root`` is no listing."""
        if (base_url, root) not in self._last:
            last = None
            for page in range(1, beyond):
                if super().route(root if page == 1 else f"{root}page/{page}/", base_url).status != 200:
                    break
                last = page
            self._last[(base_url, root)] = last
        return self._last[(base_url, root)]


class RobotsTxt(Wrapper):
    """The blog with a robots.txt of the test's own (Blogger's forbids ``/search`` to every crawler)."""

    def __init__(self, site: object, robots: str) -> None:
        super().__init__(site)
        self.robots = robots

    def route(self, target: str, base_url: str) -> Response:
        if target == "/robots.txt":
            return Response(200, TEXT, self.robots.encode("utf-8"))
        return super().route(target, base_url)


BLOGGER_ROBOTS = "User-agent: Mediapartners-Google\nDisallow:\n\nUser-agent: *\nDisallow: /search\nAllow: /\n"


class WithoutBloggerPostCounts(Wrapper):
    """Blogger's Blog Archive widget with its post counts off: no page of the blog says how many posts it has."""

    def route(self, target: str, base_url: str) -> Response:
        response = super().route(target, base_url)
        if not is_html(response):
            return response
        return with_text(response, re.sub(r"<span class='post-count' dir='ltr'>\(\d+\)</span>", "",
                                          response.body.decode("utf-8")))


class WithoutPostCounts(Wrapper):
    """WordPress's Archives widget with "Show post counts" off (its default): the month links carry no
    counts, so no page of the blog says how many posts it has."""

    def route(self, target: str, base_url: str) -> Response:
        response = super().route(target, base_url)
        if not is_html(response):
            return response
        return with_text(response, re.sub(r"&nbsp;\(\d+\)", "", response.body.decode("utf-8")))


# ---------------------------------------------------------------------------------------------------
# Saved copies of a Blogger blog


class MonthArchivesAtPostAddresses(Wrapper):
    """A Blogger blog saved by an offline browser that named each month's archive page after the month,
    ``/2024/01/01.html`` (a post's address shape), and rewrote the links to it: the archive page, which
    shows the month's posts and names itself ``/2024/01/`` (og:url), sits where a post would."""

    _MONTH = re.compile(r"^/(\d{4})/(\d{2})/\2\.html$")
    _MONTH_LINK = re.compile(r"((?:href|content)=['\"])([^'\"]*?/(\d{4})/(\d{2})/)(['\"])")

    def route(self, target: str, base_url: str) -> Response:
        path, params = split_target(target)
        saved = self._MONTH.match(path)
        response = super().route(join_target(f"/{saved[1]}/{saved[2]}/", params) if saved else target, base_url)
        if not is_html(response):
            return response
        text = response.body.decode("utf-8")
        # Links to month archives point at the saved name; the page's own og:url keeps its real address.
        text = self._MONTH_LINK.sub(lambda m: m[0] if m[1].startswith("content") else f"{m[1]}{m[2]}{m[4]}.html{m[5]}",
                                    text)
        return with_text(response, text)


class SavedCopies(Wrapper):
    """A Blogger blog saved by an offline browser that kept a second copy of each post it met twice,
    ``slug_2.html``, and links both from the pages it saved: one post at two addresses."""

    _POST_LINK = re.compile(r"href=['\"]([^'\"]*/\d{4}/\d{2}/[^'\"/?#]+?)\.html['\"]")

    def route(self, target: str, base_url: str) -> Response:
        path, params = split_target(target)
        if path.endswith("_2.html"):
            return super().route(join_target(path.removesuffix("_2.html") + ".html", params), base_url)
        response = super().route(target, base_url)
        if not is_html(response):
            return response
        text = response.body.decode("utf-8")
        copies = "".join(f"<a href='{link}_2.html'>copy</a>" for link in dict.fromkeys(self._POST_LINK.findall(text)))
        return with_text(response, text.replace("</body>", f"<div class='saved-copies'>{copies}</div></body>"))


class UnmarkedTheme(Wrapper):
    """A WordPress theme of 2008 that marks nothing (a real blog's): no body classes, no ``og:`` or JSON-LD, no
    ``<article>``, no hAtom or ``entry-title``/``entry-content`` classes. A post page is a heading, a meta line and
    a text block in plain ``<div>``s, the markup each post has on the listing pages; a static page lacks the meta
    line. ``plain_listings``: the listing pages show each post as a bare link, in no markup of the posts' own;
    ``asides``: the paths of posts shown with their text alone, without meta line, footer, sharing and
    related posts (an "aside" post format)."""

    _RENAMED = {"entry-title": "headline", "entry-content": "format_text", "hentry": "", "post-title": "nav-title"}
    _CLASS = re.compile(r'class=(["\'])(.*?)\1')
    _LISTING_BODY = re.compile(r'<body class="[^"]*\b(?:home|archive|blog)\b')

    def __init__(self, site: object, plain_listings: bool = False, asides: frozenset[str] = frozenset()) -> None:
        super().__init__(site)
        self.plain_listings = plain_listings
        self.asides = asides

    def route(self, target: str, base_url: str) -> Response:
        response = super().route(target, base_url)
        if not is_html(response):
            return response
        text = response.body.decode("utf-8")
        listing = bool(self._LISTING_BODY.search(text))
        text = re.sub(r'<body class="[^"]*"', '<body class="custom"', text)
        text = re.sub(r"<meta property=['\"]og:[^>]*>", "", text)
        text = re.sub(r"<script type=['\"]application/ld\+json['\"].*?</script>", "", text, flags=re.S)
        text = re.sub(r"<(/?)article\b", r"<\1div", text)
        text = re.sub(r"""\s(?:itemprop|itemscope|itemtype)(?:=(["']).*?\1)?""", "", text)
        text = self._CLASS.sub(lambda m: f'class="{" ".join(self._RENAMED.get(c, c) for c in m[2].split()).strip()}"',
                               text)
        if split_target(target)[0] in self.asides:
            text = re.sub(r'<div class="entry-meta[^"]*">.*?</div>', "", text, flags=re.S)
            text = re.sub(r'<footer class="entry-footer.*?</footer>', "", text, flags=re.S)
            text = re.sub(r'<div class="wp-block-group .*?</div></div></div></div>', "", text, flags=re.S)
            text = re.sub(r'<div class="sharedaddy.*?<div id=.jp-relatedposts.*?</div></div>', "", text, flags=re.S)
        if listing and self.plain_listings:
            main_start, main_end = text.index('<main id="main"'), text.index("</main>")
            links = re.findall(r'<h2 class="headline[^"]*"><a href="([^"]+)">(.*?)</a></h2>', text[main_start:main_end])
            nav = re.search(r'<nav class="navigation pagination".*?</nav>', text[main_start:main_end], flags=re.S)
            items = "".join(f"<li><a href='{href}'>{title}</a></li>" for href, title in links)
            text = (text[:main_start] + f'<main id="main"><ul>{items}</ul>{nav[0] if nav else ""}' + text[main_end:])
        return with_text(response, text)


class FeedLinks(Wrapper):
    """A theme's ``<link>`` to its feed in each page's head: left out (``rel=None``: the feed is at the
    platform's usual address, named nowhere), or written with another ``rel`` ("alternative", a typo)."""

    _FEED_LINK = re.compile(r"""<link rel=(["'])alternate\1( type=(["'])application/(?:rss|atom)\+xml\3[^>]*)>""")

    def __init__(self, site: object, rel: str | None = None) -> None:
        super().__init__(site)
        self.rel = rel

    def route(self, target: str, base_url: str) -> Response:
        response = super().route(target, base_url)
        if not is_html(response):
            return response
        text = response.body.decode("utf-8")
        replace = (lambda m: "") if self.rel is None else (lambda m: f'<link rel="{self.rel}"{m[2]}>')
        return with_text(response, self._FEED_LINK.sub(replace, text))


class ArticleEverywhere(Wrapper):
    """A theme that calls every page an article (``og:type`` article on the home page, its pagers and the
    static pages too): a real Jekyll theme's head."""

    _OG_TYPE = re.compile(r"""<meta property=(["'])og:type\1 content=(["'])[^"']*\2\s*/?>""")

    def route(self, target: str, base_url: str) -> Response:
        response = super().route(target, base_url)
        if not is_html(response):
            return response
        text = self._OG_TYPE.sub("", response.body.decode("utf-8"))
        return with_text(response, text.replace("</head>", '<meta property="og:type" content="article" /></head>', 1))


class SiteWideFeed(Wrapper):
    """A feed of the whole site: its static pages listed with its posts, newest first (a real Hugo site's)."""

    def route(self, target: str, base_url: str) -> Response:
        response = super().route(target, base_url)
        if not response.content_type.startswith("application/rss+xml"):
            return response
        items = "".join(f"<item><title>{path.strip('/')}</title><link>{base_url}{path}</link></item>"
                        for path in WP_STATIC_PATHS)
        return with_text(response, response.body.decode("utf-8").replace("<item>", items + "<item>", 1))


class LinksWithoutFinalSlash(Wrapper):
    """A static host that serves each post at ``/slug/`` and moves ``/slug`` there (301), and a feed that
    links every post without its final "/" (a real Gatsby blog's): each post answers from the other form."""

    _FEED_LINK = re.compile(r"(<link>[^<]*?)/(</link>)")

    def route(self, target: str, base_url: str) -> Response:
        path, params = split_target(target)
        blog = unwrap(self)
        if not path.endswith("/") and path + "/" in post_paths(blog):
            return Response(301, HTML, b"", headers=[("Location", base_url + join_target(path + "/", params))])
        response = super().route(target, base_url)
        if response.content_type.startswith(("application/rss+xml", "application/xml", "text/xml")):
            return with_text(response, self._FEED_LINK.sub(r"\1\2", response.body.decode("utf-8")))
        return response
