"""A simulated Substack publication (platforms.md §3): post pages, the unofficial JSON API, sitemaps, RSS.

``SubstackSite.route(target, base_url)`` answers the way ``<pub>.substack.com`` (or a custom domain) does
for a logged-out reader. Not simulated: Cloudflare's 406 for requests whose Accept header looks like a
bot's, rate limiting (429), comments pages and podcasts.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from urllib.parse import parse_qs, quote, urlsplit

from archiver.demo.responses import HTML, RSS, TEXT, XML, Response
from archiver.demo.text import snippet, text_of

JSON = "application/json; charset=utf-8"
CDN = "https://substackcdn.com"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ARCHIVE_LIMIT_MAX = 50


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def short_date(dt: datetime) -> str:
    """Substack's visible post date, "Mar 01, 2026" (UTC)."""
    utc = dt.astimezone(timezone.utc)
    return f"{MONTHS_SHORT[utc.month - 1]} {utc.day:02d}, {utc.year}"


def iso_z(dt: datetime) -> str:
    """``2026-03-01T12:00:00.000Z``, the API's ``post_date``."""
    return dt.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def cdn_image(key: str, width: int = 1456) -> str:
    """A Substack image URL: the S3 original behind the substackcdn.com fetch proxy."""
    original = f"https://substack-post-media.s3.amazonaws.com/public/images/{key}_1600x900.jpeg"
    return f"{CDN}/image/fetch/w_{width},c_limit,f_auto,q_auto:good,fl_progressive:steep/{quote(original, safe='')}"


def captioned_image(key: str, caption: str, alt: str = "") -> str:
    """An image block as Substack's editor stores it (``div.captioned-image-container``)."""
    src, full = cdn_image(key), cdn_image(key, 1920)
    attrs = json.dumps({"src": full, "height": 819, "width": 1456, "alt": alt or None, "title": None, "type": "image/jpeg",
                        "bytes": 204113, "belowTheFold": False, "internalRedirect": None})
    caption_html = f'<figcaption class="image-caption">{esc(caption)}</figcaption>' if caption else ""
    return (
        '<div class="captioned-image-container"><figure>'
        f'<a class="image-link image2 is-viewable-img" target="_blank" href="{esc(full)}" data-component-name="Image2ToDOM">'
        '<div class="image2-inset"><picture>'
        f'<source type="image/webp" srcset="{esc(src.replace("f_auto", "f_webp"))} 1456w" sizes="100vw">'
        f'<img src="{esc(src)}" width="1456" height="819" data-attrs="{esc(attrs)}" class="sizing-normal" '
        f'alt="{esc(alt)}" srcset="{esc(src)} 1456w" sizes="100vw" fetchpriority="high"></picture>'
        '<div class="image-link-expand"><div class="pencraft pc-display-flex pc-gap-8 pc-reset">'
        '<button tabindex="0" type="button" class="pencraft pc-reset pencraft icon-container restack-image">'
        '</button></div></div></div></a>'
        f"{caption_html}</figure></div>"
    )


@dataclass
class SubstackAuthor:
    name: str
    handle: str
    user_id: int = 0
    bio: str = ""

    def __post_init__(self) -> None:
        if not self.user_id:
            self.user_id = int(hashlib.sha256(self.handle.encode()).hexdigest()[:7], 16)


@dataclass
class SubstackPost:
    """A newsletter post. ``bylines`` are the published bylines (first = primary author).

    ``paywall_after`` is the number of top-level body blocks shown to non-subscribers when
    ``audience == "only_paid"``.
    """

    id: int
    slug: str
    title: str
    post_date: datetime
    body_html: str
    bylines: list[SubstackAuthor]
    subtitle: str = ""
    audience: str = "everyone"
    cover_image: str | None = None
    description: str = ""
    paywall_after: int = 2
    type: str = "newsletter"
    reaction_count: int = 0
    comment_count: int = 0

    def __post_init__(self) -> None:
        if self.post_date.tzinfo is None:
            raise ValueError("SubstackPost.post_date must be timezone-aware")
        if self.audience not in ("everyone", "only_paid", "founding"):
            raise ValueError(f"unknown audience {self.audience!r}")
        if not self.bylines:
            raise ValueError("a Substack post needs at least one byline")

    @property
    def path(self) -> str:
        return f"/p/{self.slug}"

    @property
    def paywalled(self) -> bool:
        return self.audience != "everyone"

    def visible_body(self) -> str:
        """The part of the body a logged-out reader gets (the whole body unless paywalled)."""
        if not self.paywalled:
            return self.body_html
        return "\n".join(_blocks(self.body_html)[:self.paywall_after])


def _blocks(body: str) -> list[str]:
    """Top-level blocks of a body (paragraphs, headings, image containers, lists)."""
    blocks, depth, start = [], 0, 0
    for match in re.finditer(r"<(/?)(p|div|h[1-6]|ul|ol|blockquote|figure|pre)\b[^>]*>", body):
        if match.group(1):
            depth -= 1
            if depth == 0:
                blocks.append(body[start:match.end()].strip())
        else:
            if depth == 0:
                start = match.start()
            depth += 1
    return blocks


@dataclass
class SubstackSite:
    """A publication. ``archive_api_cap``: the archive API lists only the N most recent posts (None: all).

    ``posts_in_rss_feed`` is Substack's 20; ``subdomain`` only shows in ids and the preloads blob.
    """

    name: str
    subdomain: str
    description: str = ""
    author: SubstackAuthor | None = None
    posts: list[SubstackPost] = field(default_factory=list)
    archive_api_cap: int | None = None
    posts_in_rss_feed: int = 20
    about_html: str = ""
    custom_domain: bool = True
    server_software: str = "cloudflare"
    publication_id: int = 0

    def __post_init__(self) -> None:
        if not self.publication_id:
            self.publication_id = int(hashlib.sha256(self.subdomain.encode()).hexdigest()[:7], 16)
        if self.author is None:
            self.author = SubstackAuthor(self.name, self.subdomain)

    @property
    def ordered_posts(self) -> list[SubstackPost]:
        return sorted(self.posts, key=lambda p: p.post_date, reverse=True)

    def post_by_slug(self, slug: str) -> SubstackPost | None:
        return next((p for p in self.posts if p.slug == slug), None)

    def authors(self) -> list[SubstackAuthor]:
        seen: dict[str, SubstackAuthor] = {}
        for post in self.ordered_posts:
            for author in post.bylines:
                seen.setdefault(author.handle, author)
        return list(seen.values())

    def route(self, target: str, base_url: str) -> Response:
        """Answer ``target`` (path plus query) as a Substack publication would."""
        return _route(self, target, base_url)


# ---------------------------------------------------------------------------------------------------
# JSON


def _byline_json(author: SubstackAuthor) -> dict[str, object]:
    return {
        "id": author.user_id, "name": author.name, "handle": author.handle,
        "previous_name": None, "photo_url": f"{CDN}/image/fetch/w_64/{author.handle}.png", "bio": author.bio,
        "profile_set_up_at": "2021-03-01T10:00:00.000Z", "is_guest": False, "bestseller_tier": None,
        "publicationUsers": [],
    }


def post_stub(site: SubstackSite, base: str, post: SubstackPost) -> dict[str, object]:
    """An ``/api/v1/archive`` item."""
    words = len(text_of(post.body_html).split())
    return {
        "id": post.id, "publication_id": site.publication_id, "title": post.title, "social_title": post.title,
        "search_engine_title": None, "search_engine_description": None, "type": post.type, "slug": post.slug,
        "post_date": iso_z(post.post_date), "audience": post.audience, "podcast_duration": None,
        "video_upload_id": None, "podcast_upload_id": None, "write_comment_permissions": "everyone",
        "should_send_free_preview": False, "free_unlock_required": False, "default_comment_sort": None,
        "canonical_url": base + post.path, "section_id": None, "top_exclusions": [], "pins": [],
        "is_section_pinned": False, "section_slug": None, "section_name": None, "reactions": {"❤": post.reaction_count},
        "restacks": 0, "restacked_post_id": None, "restacked_post_slug": None, "restacked_pub_name": None,
        "restacked_pub_logo_url": None, "subtitle": post.subtitle, "cover_image": post.cover_image,
        "cover_image_is_square": False, "cover_image_is_explicit": False, "podcast_url": "",
        "videoUpload": None, "podcastFields": None, "podcast_preview_upload_id": None,
        "podcastUpload": None, "podcastPreviewUpload": None, "voiceover_upload_id": None, "voiceoverUpload": None,
        "has_voiceover": False, "description": post.description or post.subtitle,
        "body_json": None, "wordcount": words, "postTags": [], "publishedBylines": [_byline_json(a) for a in post.bylines],
        "reaction": None, "reaction_count": post.reaction_count, "comment_count": post.comment_count,
        "child_comment_count": 0, "hidden": False, "explicit": False, "email_from_name": None,
        "is_guest_post": False, "truncated_body_text": snippet(post.body_html, 240),
        "wordcount_hidden": None,
    }


def post_full(site: SubstackSite, base: str, post: SubstackPost) -> dict[str, object]:
    """``/api/v1/posts/<slug>``: the stub plus ``body_html`` (cut at the paywall for paid posts)."""
    data = post_stub(site, base, post)
    data["body_html"] = post.visible_body()
    data["truncated_body_text"] = snippet(post.visible_body(), 240)
    return data


def _preloads(site: SubstackSite, base: str, post: SubstackPost | None) -> str:
    author = site.author
    assert author is not None
    blob: dict[str, object] = {
        "isEU": False, "language": "en", "base_url": base, "stripe_publishable_key": "pk_live_51QfnARLDSWi1i85F",
        "pub": {"id": site.publication_id, "name": site.name, "subdomain": site.subdomain,
                "custom_domain": base.split("://", 1)[1] if site.custom_domain else None,
                "author_id": author.user_id, "author_name": author.name, "hero_text": site.description,
                "posts_in_rss_feed": site.posts_in_rss_feed, "dont_show_guest_byline": False, "community_enabled": True},
        "confirmedLogin": False, "hide_intro_popup": False, "block_auto_login": False, "domainInfo": {},
        "experimentFeatures": {}, "siteConfigs": {"score": 21, "first_chat_post_id": None},
    }
    if post is not None:
        stub = post_stub(site, base, post)
        stub["body_html"] = post.visible_body()
        blob["post"] = stub
        blob["canonicalUrl"] = base + post.path
    payload = json.dumps(json.dumps(blob, ensure_ascii=False), ensure_ascii=False).replace("</", "<\\/")
    return f"<script>window._preloads        = JSON.parse({payload})</script>"


# ---------------------------------------------------------------------------------------------------
# Pages


_CSS = (".pencraft{box-sizing:border-box}.pc-display-flex{display:flex}.pc-gap-8{gap:8px}.pc-reset{margin:0;padding:0}"
        ".typography .markup p{font-size:19px;line-height:32px;margin:0 0 20px}"
        ".post-header .post-title{font-family:var(--font-family-serif);font-size:32px;font-weight:700}"
        ".captioned-image-container figure{margin:0}.image-caption{font-size:14px;text-align:center;color:#757575}"
        ".paywall{border-top:1px solid #e6e6e6;margin-top:32px;padding-top:32px;text-align:center}") * 4


def _head(site: SubstackSite, base: str, title: str, canonical: str, description: str, post: SubstackPost | None) -> str:
    parts = [
        "<head>", '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">',
        '<meta name="norton-safeweb-site-verification" content="24usqpep0ejc5w6hod3dulxwciwp0djs6c6ufp96av3t4whuxovj72wfkdjxu82yacb7430qjm8adbd5ezlt4592dq4zrvadcn9j9n-0btgdzpiojfzno16-fnsnu7xd">',
        f"<title>{esc(title)}</title>", f'<meta name="description" content="{esc(description)}">',
        f'<meta property="og:url" content="{esc(canonical)}">',
        f'<meta property="og:type" content="{"article" if post else "website"}">',
        f'<meta property="og:title" content="{esc(title)}">',
        f'<meta property="og:description" content="{esc(description)}">',
        f'<meta property="og:site_name" content="{esc(site.name)}">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<link rel="canonical" href="{esc(canonical)}">',
        f'<link rel="alternate" type="application/rss+xml" href="{base}/feed" title="{esc(site.name)}">',
        f'<link rel="preconnect" href="{CDN}">',
        f'<link rel="stylesheet" type="text/css" href="{CDN}/bundle/static/css/main.7fa25ef4.css">',
        f'<link rel="stylesheet" type="text/css" href="{CDN}/bundle/static/css/6379.813be60f.css">',
        f"<style>{_CSS}</style>",
        f'<link rel="icon" type="image/png" href="{CDN}/image/fetch/f_auto,q_auto:good/favicon.png" sizes="32x32">',
    ]
    if post is not None:
        names = " and ".join(a.name for a in post.bylines) if len(post.bylines) <= 2 else ", ".join(a.name for a in post.bylines)
        if post.cover_image:
            parts.append(f'<meta property="og:image" content="{esc(post.cover_image)}">')
        ld = {
            "@context": "https://schema.org", "@type": "NewsArticle", "url": canonical, "mainEntityOfPage": canonical,
            "headline": post.title, "description": post.subtitle, "image": [{"@type": "ImageObject", "url": post.cover_image}]
            if post.cover_image else [], "datePublished": post.post_date.astimezone(timezone.utc).isoformat(),
            "dateModified": post.post_date.astimezone(timezone.utc).isoformat(), "isAccessibleForFree": not post.paywalled,
            "author": [{"@type": "Person", "name": a.name, "url": f"https://substack.com/@{a.handle}"} for a in post.bylines],
            "publisher": {"@type": "Organization", "name": site.name, "url": base},
        }
        parts += [
            f'<meta name="author" content="{esc(names)}">',
            f'<meta property="article:published_time" content="{post.post_date.astimezone(timezone.utc).isoformat()}">',
            '<script type="application/ld+json">' + json.dumps(ld, ensure_ascii=False).replace("</", "<\\/") + "</script>",
        ]
    parts.append("</head>")
    return "\n".join(parts)


def _topbar(site: SubstackSite, base: str) -> str:
    return (
        '<div class="main-menu-content"><div class="topbar-content"><div class="navbar-left">'
        f'<a href="{base}/" class="navbar-title-link">{esc(site.name)}</a></div><div class="navbar-buttons">'
        f'<a href="{base}/subscribe?utm_source=menu&amp;simple=true" class="button primary subscribe-btn">Subscribe</a>'
        f'<a href="https://substack.com/sign-in?redirect=%2F&amp;for_pub={site.subdomain}" class="button sign-in-link">Sign in</a>'
        '</div></div><div class="pencraft pc-display-flex pub-sections"><a class="pencraft" href="'
        f'{base}/">Home</a><a class="pencraft" href="{base}/archive">Archive</a>'
        f'<a class="pencraft" href="{base}/about">About</a></div></div>'
    )


def _footer(site: SubstackSite, base: str) -> str:
    return (
        '<div class="footer-wrap publication-footer"><div class="footer"><div class="copyright">'
        f'© 2026 {esc(site.author.name if site.author else site.name)}</div>'
        '<div class="footer-links"><a href="https://substack.com/privacy" target="_blank">Privacy</a> ∙ '
        '<a href="https://substack.com/tos" target="_blank">Terms</a> ∙ '
        '<a href="https://substack.com/ccpa#personal-data-collected" target="_blank">Collection notice</a></div>'
        '<a href="https://substack.com/signup?utm_source=substack&amp;utm_medium=web&amp;utm_content=footer" '
        'class="footer-substack-cta">Start writing</a><a href="https://substack.com/app/app-store-redirect?'
        'utm_campaign=app-marketing&amp;utm_content=web-footer-button">Get the app</a>'
        '<div class="substack-footer"><a href="https://substack.com" target="_blank">Substack</a> is the home for great culture'
        "</div></div></div>"
    )


def _document(site: SubstackSite, base: str, head: str, main: str, post: SubstackPost | None) -> str:
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', head, "<body>", '<div id="entry"><div id="main" class="main typography use-theme-bg">',
        _topbar(site, base), main, _footer(site, base), "</div></div>",
        _preloads(site, base, post),
        f'<script src="{CDN}/bundle/static/js/sentry.b02a1bcf.js" charset="utf-8"></script>',
        f'<script src="{CDN}/bundle/static/js/main.9d2b4e3a.js" charset="utf-8"></script>',
        f'<script src="{CDN}/bundle/static/js/free-email-form.5c7e2b64.js" charset="utf-8"></script>',
        '<script>window.__APOLLO_STATE__ = {};window._analyticsConfig = JSON.parse("{\\"properties\\":{}}")</script>',
        "</body>", "</html>",
    ])


def _byline_html(base: str, post: SubstackPost) -> str:
    avatars = "".join(
        f'<div class="pencraft pc-display-flex"><a href="{base}/@{esc(a.handle)}" aria-label="{esc(a.name)}" '
        f'class="pencraft pc-reset"><img src="{CDN}/image/fetch/w_80,h_80,c_fill/{esc(a.handle)}.png" width="36" '
        f'height="36" alt="Avatar of {esc(a.name)}" class="img-OACg1c"></a></div>' for a in post.bylines)
    names = ", ".join(f'<a href="/@{esc(a.handle)}" class="pencraft pc-reset decoration-hover-underline-ClDVps">{esc(a.name)}</a>'
                      for a in post.bylines)
    return (
        '<div class="byline-wrapper"><div class="pencraft pc-display-flex pc-gap-12 pc-alignItems-center">'
        f'<div class="pencraft pc-display-flex">{avatars}</div><div class="pencraft pc-display-flex flex-column">'
        f'<div class="pencraft pc-reset color-pub-primary-text-NyXPlw line-height-20-t4M0El">{names}</div>'
        '<div class="pencraft pc-display-flex pc-gap-4 pc-reset color-pub-secondary-text-hGQ02T">'
        f'<div class="pencraft pc-reset">{short_date(post.post_date)}</div></div></div></div></div>'
    )


def _subscribe_widget(site: SubstackSite, base: str) -> str:
    return (
        '<div class="subscription-widget-wrap-editor" data-attrs="{&quot;url&quot;:&quot;'
        f'{base}/subscribe?&quot;}}" data-component-name="SubscribeWidgetToDOM"><div class="subscription-widget show-subscribe">'
        f'<div class="preamble"><p class="cta-caption">{esc(site.name)} is a reader-supported publication. To receive new '
        'posts and support my work, consider becoming a free or paid subscriber.</p></div>'
        f'<form class="subscription-widget-subscribe" action="{base}/api/v1/free?nojs=true" method="post">'
        '<input type="email" class="email-input" name="email" placeholder="Type your email…" tabindex="-1">'
        '<input type="submit" class="button primary" value="Subscribe"></form></div></div>'
    )


def render_post(site: SubstackSite, base: str, post: SubstackPost) -> str:
    """``/p/<slug>``: header, byline, the (possibly paywalled) body, footer and comment teaser."""
    canonical = base + post.path
    body = post.visible_body()
    paywall = ""
    if post.paywalled:
        paywall = (
            '<div data-testid="paywall" class="paywall"><div class="paywall-content">'
            '<h2 class="paywall-title">Keep reading with a 7-day free trial</h2>'
            f'<div class="paywall-cta">Subscribe to {esc(site.name)} to keep reading this post and get 7 days of free access '
            'to the full post archives.</div>'
            f'<a class="button primary" href="{base}/subscribe?simple=true&amp;next={quote(canonical, safe="")}&amp;utm_source=paywall-free-trial">'
            'Start trial</a><div class="paywall-login">Already a paid subscriber? '
            f'<a href="https://substack.com/sign-in?redirect={quote(post.path, safe="")}">Sign in</a></div></div></div>'
        )
    subtitle = f'<h3 class="subtitle">{esc(post.subtitle)}</h3>' if post.subtitle else ""
    main = (
        '<div class="container"><div class="single-post-container"><div class="container">'
        '<div class="single-post"><div class="pencraft pc-display-contents pc-reset pubTheme-yiXxQA">'
        f'<article class="typography newsletter-post post"><div class="post-header">'
        f'<h1 dir="auto" class="post-title published title-X77sOw">{esc(post.title)}</h1>{subtitle}'
        f'{_byline_html(base, post)}'
        '<div class="post-ufi style-large"><div class="like-button-container post-ufi-button">'
        f'<a role="button" class="post-ufi-button">{post.reaction_count}</a></div>'
        f'<a href="{base}{post.path}/comments" class="post-ufi-button post-ufi-comment-button">{post.comment_count}</a>'
        '<a role="button" class="post-ufi-button share-button">Share</a></div></div>'
        f'<div class="available-content"><div dir="auto" class="body markup">{body}'
        + ("" if post.paywalled else _subscribe_widget(site, base))
        + f"</div></div>{paywall}"
        '<div class="post-footer"><div class="post-ufi"><a role="button" class="post-ufi-button">Share</a></div></div>'
        "</article></div></div>"
        f'<div id="discussion" class="comments-page"><h4 class="comments-heading">Discussion about this post</h4>'
        f'<a href="{base}{post.path}/comments" class="button">View comments ({post.comment_count})</a></div>'
        "</div></div></div>"
    )
    description = post.subtitle or snippet(body, 160)
    head = _head(site, base, f"{post.title} - by {post.bylines[0].name}", canonical, description, post)
    return _document(site, base, head, main, post)


def _post_preview(base: str, post: SubstackPost) -> str:
    lock = '<span class="audience-lock">Paid</span>' if post.paywalled else ""
    return (
        '<div class="pencraft pc-display-flex pc-reset container-H2dyKk"><div class="pencraft pc-reset">'
        f'<a href="{base}{post.path}" class="pencraft pc-reset color-pub-primary-text-NyXPlw" data-testid="post-preview-title">'
        f'{esc(post.title)}</a><div class="pencraft pc-reset">'
        f'<a href="{base}{post.path}" class="pencraft pc-reset color-pub-secondary-text-hGQ02T">{esc(post.subtitle)}</a></div>'
        f'<div class="pencraft pc-reset"><time datetime="{iso_z(post.post_date)}">{short_date(post.post_date)}</time> • '
        f'{esc(post.bylines[0].name)}{lock}</div></div></div>'
    )


def render_home(site: SubstackSite, base: str) -> str:
    """The home page: a hero plus the latest few posts (the rest loads by script)."""
    recent = "".join(_post_preview(base, p) for p in site.ordered_posts[:4])
    main = (
        f'<div class="home-page"><div class="publication-hero"><h1 class="publication-name">{esc(site.name)}</h1>'
        f'<div class="publication-tagline">{esc(site.description)}</div></div>'
        f'<div class="portable-archive"><div class="portable-archive-list">{recent}</div>'
        f'<a class="button" href="{base}/archive?sort=new">See all</a></div></div>'
    )
    head = _head(site, base, site.name, base + "/", site.description, None)
    return _document(site, base, head, main, None)


def render_archive_shell(site: SubstackSite, base: str) -> str:
    """``/archive``: an empty shell; the list is fetched from ``/api/v1/archive`` by script."""
    main = ('<div class="archive-page"><div class="portable-archive"><div class="portable-archive-tabs">'
            f'<a href="{base}/archive?sort=new" class="active">Latest</a><a href="{base}/archive?sort=top">Top</a>'
            f'<a href="{base}/archive?sort=community">Discussions</a></div>'
            '<div class="portable-archive-list"><div class="loading-spinner" role="progressbar"></div></div></div></div>')
    head = _head(site, base, f"{site.name} | Archive", base + "/archive", site.description, None)
    return _document(site, base, head, main, None)


def render_about(site: SubstackSite, base: str) -> str:
    main = (f'<div class="about-page"><div class="container"><h1 class="about-title">About</h1>'
            f'<div class="body markup">{site.about_html or f"<p>{esc(site.description)}</p>"}</div></div></div>')
    head = _head(site, base, f"About - {site.name}", base + "/about", site.description, None)
    return _document(site, base, head, main, None)


def render_profile(site: SubstackSite, base: str, author: SubstackAuthor) -> str:
    posts = [p for p in site.ordered_posts if author in p.bylines]
    main = (f'<div class="profile-page"><h1 class="profile-name">{esc(author.name)}</h1><div class="profile-handle">@'
            f'{esc(author.handle)}</div><p class="profile-bio">{esc(author.bio)}</p>'
            f'<div class="profile-posts">{"".join(_post_preview(base, p) for p in posts)}</div></div>')
    head = _head(site, base, f"{author.name} | Substack", f"https://substack.com/@{author.handle}", author.bio, None)
    return _document(site, base, head, main, None)


def render_not_found(site: SubstackSite, base: str) -> str:
    main = '<div class="not-found"><h2>Page not found</h2><p>Sorry, we could not find that page.</p></div>'
    head = _head(site, base, site.name, base + "/", site.description, None)
    return _document(site, base, head, main, None)


# ---------------------------------------------------------------------------------------------------
# Feeds and sitemaps


def render_feed(site: SubstackSite, base: str) -> str:
    """``/feed``: RSS 2.0 of the newest ``posts_in_rss_feed`` posts (paid posts cut at the paywall)."""
    posts = site.ordered_posts[:site.posts_in_rss_feed]
    newest = posts[0].post_date if posts else datetime(2020, 1, 1, tzinfo=timezone.utc)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" '
        'version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:googleplay="http://www.google.com/schemas/play-podcasts/1.0">',
        f"<channel><title>{cdata(site.name)}</title><description>{cdata(site.description)}</description>",
        f"<link>{base}</link><generator>Substack</generator>",
        f"<lastBuildDate>{format_datetime(newest.astimezone(timezone.utc), usegmt=True)}</lastBuildDate>",
        f'<atom:link href="{base}/feed" rel="self" type="application/rss+xml"/>',
        f"<copyright>{cdata(site.author.name if site.author else site.name)}</copyright><language>{cdata('en')}</language>",
        f"<webMaster>{cdata(site.subdomain + '@substack.com')}</webMaster>",
    ]
    for post in posts:
        cover = f'<enclosure url="{esc(post.cover_image)}" length="0" type="image/jpeg"/>' if post.cover_image else ""
        parts.append(
            f"<item><title>{cdata(post.title)}</title><description>{cdata(post.subtitle)}</description>"
            f"<link>{base}{post.path}</link><guid isPermaLink=\"false\">{base}{post.path}</guid>"
            f"<dc:creator>{cdata(', '.join(a.name for a in post.bylines))}</dc:creator>"
            f"<pubDate>{format_datetime(post.post_date.astimezone(timezone.utc), usegmt=True)}</pubDate>{cover}"
            f"<content:encoded>{cdata(post.visible_body())}</content:encoded></item>"
        )
    return "".join(parts) + "</channel></rss>"


def render_sitemap_index(site: SubstackSite, base: str) -> str:
    years = sorted({p.post_date.astimezone(timezone.utc).year for p in site.posts}, reverse=True)
    rows = "".join(f"<sitemap><loc>{base}/sitemap/{y}</loc></sitemap>" for y in years)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="{SITEMAP_NS}">{rows}</sitemapindex>'


def render_sitemap_year(site: SubstackSite, base: str, year: int) -> str | None:
    posts = [p for p in site.ordered_posts if p.post_date.astimezone(timezone.utc).year == year]
    if not posts:
        return None
    rows = "".join(
        f"<url><loc>{base}{p.path}</loc><lastmod>{p.post_date.astimezone(timezone.utc).date().isoformat()}</lastmod>"
        "<changefreq>monthly</changefreq></url>" for p in posts)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}">{rows}</urlset>'


def render_robots(base: str) -> str:
    return ("User-agent: *\nDisallow: /action/\nDisallow: /publish\nDisallow: /sign-in\nDisallow: /embed\n"
            "Disallow: /api/\nAllow: /api/v1/archive\nDisallow: /subscribe\n\n"
            f"Sitemap: {base}/sitemap.xml\n")


# ---------------------------------------------------------------------------------------------------
# Routing


def _html(status: int, text: str) -> Response:
    return Response(status, HTML, text.encode("utf-8"), headers=[("X-Cluster", "substack"), ("CF-Cache-Status", "DYNAMIC")])


def _json(status: int, data: object) -> Response:
    return Response(status, JSON, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                    headers=[("X-Cluster", "substack"), ("CF-Cache-Status", "DYNAMIC")])


def _int(params: dict[str, str], name: str, default: int) -> int | None:
    raw = params.get(name, "")
    if raw == "":
        return default
    return int(raw) if raw.isdigit() else None


def _route(site: SubstackSite, target: str, base: str) -> Response:
    split = urlsplit(target)
    path = split.path or "/"
    params = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
    if path != "/" and path.endswith("/") and not path.startswith("/api/"):
        return Response(301, HTML, b"", headers=[("Location", base + path.rstrip("/") + (f"?{split.query}" if split.query else ""))])
    if path == "/":
        return _html(200, render_home(site, base))
    if match := re.fullmatch(r"/p/([a-z0-9-]+)", path):
        post = site.post_by_slug(match.group(1))
        if post is not None:
            return _html(200, render_post(site, base, post))
    if path == "/archive":
        return _html(200, render_archive_shell(site, base))
    if path == "/about":
        return _html(200, render_about(site, base))
    if match := re.fullmatch(r"/@([A-Za-z0-9_]+)", path):
        author = next((a for a in site.authors() if a.handle == match.group(1)), None)
        if author is not None:
            return _html(200, render_profile(site, base, author))
    if path == "/api/v1/archive":
        offset, limit = _int(params, "offset", 0), _int(params, "limit", 12)
        if offset is None or limit is None:
            return _json(400, {"errors": [{"location": "query", "param": "offset", "msg": "Invalid value"}]})
        limit = min(limit, ARCHIVE_LIMIT_MAX)
        posts = site.ordered_posts
        if params.get("sort") == "top":
            posts = sorted(posts, key=lambda p: p.reaction_count, reverse=True)
        if site.archive_api_cap is not None:
            posts = posts[:site.archive_api_cap]
        return _json(200, [post_stub(site, base, p) for p in posts[offset:offset + limit]])
    if match := re.fullmatch(r"/api/v1/posts/([a-z0-9-]+)", path):
        post = site.post_by_slug(match.group(1))
        if post is None:
            return _json(404, {"error": "Post not found"})
        return _json(200, post_full(site, base, post))
    if path == "/feed":
        return Response(200, RSS, render_feed(site, base).encode("utf-8"))
    if path == "/sitemap.xml":
        return Response(200, XML, render_sitemap_index(site, base).encode("utf-8"))
    if match := re.fullmatch(r"/sitemap/(\d{4})", path):
        text = render_sitemap_year(site, base, int(match.group(1)))
        if text is not None:
            return Response(200, XML, text.encode("utf-8"))
    if path == "/robots.txt":
        return Response(200, TEXT, render_robots(base).encode("utf-8"))
    if path.startswith("/api/"):
        return _json(404, {"error": "Not found"})
    return _html(404, render_not_found(site, base))


__all__ = [
    "SubstackAuthor", "SubstackPost", "SubstackSite", "captioned_image", "cdn_image", "post_full", "post_stub",
    "render_archive_shell", "render_feed", "render_home", "render_post", "render_sitemap_index",
    "render_sitemap_year", "short_date",
]
