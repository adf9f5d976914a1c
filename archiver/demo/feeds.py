"""Blogger's machine-readable documents of a blog: Atom and RSS feeds, sitemaps and robots.txt."""

from __future__ import annotations

import html
from datetime import datetime, timezone
from email.utils import format_datetime
from urllib.parse import quote

from archiver.demo.blog import Blog, Post
from archiver.demo.text import first_image, snippet

FEED_MAX_CAP = 100  # Blogger's per-request ceiling since 2019

ATOM_NS = (
    "xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
    "xmlns:blogger='http://schemas.google.com/blogger/2008' xmlns:georss='http://www.georss.org/georss' "
    "xmlns:gd=\"http://schemas.google.com/g/2005\" xmlns:thr='http://purl.org/syndication/thread/1.0'"
)


def _x(text: str) -> str:
    return html.escape(text, quote=True)


def _feed_scope(site: Blog, label: str | None, orderby: str) -> list[Post]:
    posts = site.posts_with_label(label) if label else list(site.ordered_posts)
    if orderby == "updated":
        posts.sort(key=lambda p: p.last_modified, reverse=True)
    return posts


def _filter_dates(posts: list[Post], bounds: dict[str, datetime | None]) -> list[Post]:
    def keep(post: Post) -> bool:
        checks = [
            (bounds.get("published-min"), post.published, False), (bounds.get("published-max"), post.published, True),
            (bounds.get("updated-min"), post.last_modified, False), (bounds.get("updated-max"), post.last_modified, True),
        ]
        for bound, value, is_max in checks:
            if bound is not None and (value >= bound if is_max else value < bound):
                return False
        return True

    return [p for p in posts if keep(p)]


def render_feed(
    site: Blog, base_url: str, start_index: int = 1, max_results: int | None = None, summary: bool = False,
    rss: bool = False, label: str | None = None, orderby: str = "published",
    bounds: dict[str, datetime | None] | None = None,
) -> str:
    """``/feeds/posts/default`` (Atom, or RSS for ``alt=rss``), paged by 1-based ``start-index``."""
    per_page = min(max_results or site.feed_max_results, FEED_MAX_CAP)
    scope = _filter_dates(_feed_scope(site, label, orderby), bounds or {})
    start_index = max(start_index, 1)
    entries = scope[start_index - 1:start_index - 1 + per_page]
    feed_path = "/feeds/posts/" + ("summary" if summary else "default") + (f"/-/{quote(label, safe='')}" if label else "")
    next_url = None
    if start_index - 1 + len(entries) < len(scope):
        next_url = f"{base_url}{feed_path}?start-index={start_index + per_page}&max-results={per_page}"
        if rss:
            next_url += "&alt=rss"
    use_summary = summary or not site.feed_full
    args = (site, base_url, entries, len(scope), start_index, per_page, next_url, use_summary, feed_path)
    return _rss_feed(*args) if rss else _atom_feed(*args)


def _feed_updated(site: Blog) -> datetime:
    return max((p.last_modified for p in site.posts), default=datetime(2000, 1, 1, tzinfo=timezone.utc))


def _atom_author(site: Blog, name: str) -> str:
    return (
        f"<author><name>{_x(name)}</name><uri>{site.profile_url_of(name)}</uri><email>noreply@blogger.com</email>"
        "<gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' height='16' "
        "src='https://img1.blogblog.com/img/b16-rounded.gif'/></author>"
    )


def _atom_entry(site: Blog, base_url: str, post: Post, use_summary: bool) -> str:
    url = base_url + post.path
    title = post.title or ""
    parts = [
        f"<entry><id>tag:blogger.com,1999:blog-{site.blog_id}.post-{post.post_id}</id>",
        f"<published>{site.rfc3339(post.published, millis=True)}</published>",
        f"<updated>{site.rfc3339(post.last_modified, millis=True)}</updated>",
    ]
    parts += [f"<category scheme=\"http://www.blogger.com/atom/ns#\" term=\"{_x(lab)}\"/>" for lab in post.labels]
    parts.append(f"<title type='text'>{_x(title)}</title>")
    if use_summary:
        parts.append(f"<summary type=\"text\">{_x(snippet(post.body_html, 400))}</summary>")
    else:
        parts.append(f"<content type='html'>{_x(post.body_html)}</content>")
    n = len(post.comments)
    self_url = f"{site.service_feed_url}/{post.post_id}"
    parts += [
        f"<link rel='replies' type='application/atom+xml' href='{base_url}/feeds/{post.post_id}/comments/default' title='Post Comments'/>",
        f"<link rel='replies' type='text/html' href='{url}#comment-form' title='{n} Comments'/>",
        f"<link rel='edit' type='application/atom+xml' href='{self_url}'/>",
        f"<link rel='self' type='application/atom+xml' href='{self_url}'/>",
        f"<link rel='alternate' type='text/html' href='{url}' title='{_x(title)}'/>",
        _atom_author(site, post.author),
    ]
    image = first_image(post.body_html)
    if image:
        parts.append(f"<media:thumbnail xmlns:media=\"http://search.yahoo.com/mrss/\" url=\"{_x(image)}\" height=\"72\" width=\"72\"/>")
    parts.append(f"<thr:total>{n}</thr:total></entry>")
    return "".join(parts)


def _atom_feed(
    site: Blog, base_url: str, entries: list[Post], total: int, start_index: int, per_page: int,
    next_url: str | None, use_summary: bool, feed_path: str,
) -> str:
    head = [
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<?xml-stylesheet href=\"http://www.blogger.com/styles/atom.css\" type=\"text/css\"?>",
        f"<feed {ATOM_NS}><id>tag:blogger.com,1999:blog-{site.blog_id}</id>",
        f"<updated>{site.rfc3339(_feed_updated(site), millis=True)}</updated>",
    ]
    head += [f"<category term=\"{_x(label)}\"/>" for label, _ in site.label_counts()]
    head += [
        f"<title type='text'>{_x(site.title)}</title><subtitle type='html'>{_x(site.description)}</subtitle>",
        f"<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='{base_url}{feed_path}'/>",
        f"<link rel='self' type='application/atom+xml' href='{base_url}{feed_path}?start-index={start_index}&amp;max-results={per_page}'/>",
        f"<link rel='alternate' type='text/html' href='{base_url}/'/>",
        "<link rel='hub' href='http://pubsubhubbub.appspot.com/'/>",
    ]
    if next_url:
        head.append(f"<link rel='next' type='application/atom+xml' href='{_x(next_url)}'/>")
    head += [
        _atom_author(site, site.author),
        "<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>",
        f"<openSearch:totalResults>{total}</openSearch:totalResults>",
        f"<openSearch:startIndex>{start_index}</openSearch:startIndex>",
        f"<openSearch:itemsPerPage>{per_page}</openSearch:itemsPerPage>",
    ]
    body = [_atom_entry(site, base_url, post, use_summary) for post in entries]
    return "".join(head + body) + "</feed>"


def _rss_feed(
    site: Blog, base_url: str, entries: list[Post], total: int, start_index: int, per_page: int,
    next_url: str | None, use_summary: bool, feed_path: str,
) -> str:
    parts = [
        "<?xml version='1.0' encoding='UTF-8'?>",
        "<rss xmlns:atom='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
        "xmlns:blogger='http://schemas.google.com/blogger/2008' xmlns:georss='http://www.georss.org/georss' "
        "xmlns:gd=\"http://schemas.google.com/g/2005\" xmlns:thr='http://purl.org/syndication/thread/1.0' version='2.0'>",
        f"<channel><atom:id>tag:blogger.com,1999:blog-{site.blog_id}</atom:id>",
        f"<lastBuildDate>{format_datetime(_feed_updated(site).astimezone(timezone.utc))}</lastBuildDate>",
    ]
    parts += [f"<category>{_x(label)}</category>" for label, _ in site.label_counts()]
    parts += [
        f"<title>{_x(site.title)}</title><description>{_x(site.description)}</description>",
        f"<link>{base_url}/</link><managingEditor>noreply@blogger.com ({_x(site.author)})</managingEditor>",
        "<generator>Blogger</generator>",
        f"<openSearch:totalResults>{total}</openSearch:totalResults>",
        f"<openSearch:startIndex>{start_index}</openSearch:startIndex>",
        f"<openSearch:itemsPerPage>{per_page}</openSearch:itemsPerPage>",
    ]
    if next_url:
        parts.append(f"<atom:link rel='next' type='application/rss+xml' href='{_x(next_url)}'/>")
    for post in entries:
        body = snippet(post.body_html, 400) if use_summary else post.body_html
        parts.append(
            f"<item><guid isPermaLink='false'>tag:blogger.com,1999:blog-{site.blog_id}.post-{post.post_id}</guid>"
            # RSS pubDate is UTC on Blogger; atom:updated keeps the blog's offset
            f"<pubDate>{format_datetime(post.published.astimezone(timezone.utc))}</pubDate>"
            f"<atom:updated>{site.rfc3339(post.last_modified, millis=True)}</atom:updated>"
            + "".join(f"<category domain='http://www.blogger.com/atom/ns#'>{_x(lab)}</category>" for lab in post.labels)
            + f"<title>{_x(post.title or '')}</title><description>{_x(body)}</description>"
            f"<link>{base_url}{post.path}</link><author>noreply@blogger.com ({_x(post.author)})</author>"
            f"<thr:total>{len(post.comments)}</thr:total></item>"
        )
    return "".join(parts) + "</channel></rss>"


def render_comments_feed(site: Blog, base_url: str, post: Post | None = None) -> str:
    """``/feeds/<postId>/comments/default`` (or the blog-wide comments feed when ``post`` is None)."""
    pairs = [(p, c) for p in ([post] if post else site.ordered_posts) for c in p.comments]
    pairs.sort(key=lambda pc: pc[1].published, reverse=True)
    feed_id = f"blog-{site.blog_id}" + (f".post{post.post_id}..comments" if post else ".comments")
    parts = [
        f"<?xml version='1.0' encoding='UTF-8'?><feed {ATOM_NS}><id>tag:blogger.com,1999:{feed_id}</id>",
        f"<updated>{site.rfc3339(_feed_updated(site), millis=True)}</updated>",
        f"<title type='text'>{_x(site.title)}</title>",
        f"<link rel='alternate' type='text/html' href='{base_url}/'/>",
        _atom_author(site, site.author),
        "<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>",
        f"<openSearch:totalResults>{len(pairs)}</openSearch:totalResults>",
        "<openSearch:startIndex>1</openSearch:startIndex><openSearch:itemsPerPage>25</openSearch:itemsPerPage>",
    ]
    for parent, comment in pairs[:25]:
        link = f"{base_url}{parent.path}?showComment={comment.epoch_ms}#c{comment.comment_id}"
        parts.append(
            f"<entry><id>tag:blogger.com,1999:blog-{site.blog_id}.post-{comment.comment_id}</id>"
            f"<published>{site.rfc3339(comment.published, millis=True)}</published>"
            f"<updated>{site.rfc3339(comment.published, millis=True)}</updated>"
            f"<title type='text'>{_x(snippet(comment.body_html, 60))}</title>"
            f"<content type='html'>{_x(comment.body_html)}</content>"
            f"<link rel='alternate' type='text/html' href='{_x(link)}' title=''/>"
            f"{_atom_author(site, comment.author)}"
            f"<thr:in-reply-to xmlns:thr='http://purl.org/syndication/thread/1.0' href='{base_url}{parent.path}' "
            f"ref='tag:blogger.com,1999:blog-{site.blog_id}.post-{parent.post_id}' type='text/html'/></entry>"
        )
    return "".join(parts) + "</feed>"


# ---------------------------------------------------------------------------------------------------
# Sitemaps and robots.txt


def _lastmod(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _urlset(urls: list[tuple[str, datetime | None]]) -> str:
    rows = []
    for loc, lastmod in urls:
        stamp = f"<lastmod>{_lastmod(lastmod)}</lastmod>" if lastmod else ""
        rows.append(f"<url><loc>{_x(loc)}</loc>{stamp}</url>")
    return ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            + "".join(rows) + "</urlset>")


def sitemap_page_count(site: Blog) -> int:
    return max(1, -(-len(site.posts) // site.sitemap_page_size))


def render_sitemap(site: Blog, base_url: str, page: int | None = None) -> str | None:
    """``/sitemap.xml``: a urlset, or a sitemapindex once the blog outgrows one page (page 1 = newest).

    Returns None for a ``?page=N`` beyond the last page.
    """
    size = site.sitemap_page_size
    posts = site.ordered_posts
    if page is None and len(posts) > size:
        rows = "".join(f"<sitemap><loc>{base_url}/sitemap.xml?page={n}</loc></sitemap>"
                       for n in range(1, sitemap_page_count(site) + 1))
        return ("<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + rows + "</sitemapindex>")
    page = page or 1
    if page > sitemap_page_count(site):
        return None
    chunk = posts[(page - 1) * size:page * size]
    return _urlset([(base_url + p.path, p.last_modified) for p in chunk])


def render_sitemap_pages(site: Blog, base_url: str) -> str:
    """``/sitemap-pages.xml``: the static pages."""
    return _urlset([(base_url + p.path, None) for p in site.pages])


def render_robots(site: Blog, base_url: str) -> str:
    """Blogger's default robots.txt."""
    lines = ["User-agent: Mediapartners-Google", "Disallow: ", "", "User-agent: *", "Disallow: /search", "Allow: /", ""]
    if site.sitemap_enabled:
        lines.append(f"Sitemap: {base_url}/sitemap.xml")
        if site.pages:
            lines.append(f"Sitemap: {base_url}/sitemap-pages.xml")
    return "\n".join(lines) + "\n"
