"""A simulated Blogger blog served over HTTP: which page, feed or sitemap answers each URL, with which posts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import parse_qs, unquote, urlsplit

from archiver.demo import templates
from archiver.demo.blog import Blog, Post
from archiver.demo.feeds import render_comments_feed, render_feed, render_robots, render_sitemap, render_sitemap_pages
from archiver.demo.responses import ATOM, HTML, RSS, TEXT, XML, Response
from archiver.demo.templates import Listing
from archiver.demo.text import text_of


class BlogSite(Blog):
    """A Blogger blog as its server answers it: the blog (``Blog``, the model) plus the routes of its URLs.

    Tests and the demo build a ``BlogSite`` and hand it to ``BlogServer``, which calls ``route`` for each request.
    """

    def route(self, target: str, base_url: str) -> Response:
        """Answer a request target (path plus query) the way a Blogger blog would."""
        split = urlsplit(target)
        path = split.path or "/"
        params = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        try:
            response = _dispatch(self, path, params, base_url)
        except BadRequest as exc:
            return Response(400, TEXT, (str(exc) + "\n").encode("utf-8"))
        return response or _html(404, templates.not_found_page(self, base_url, path))


# ---------------------------------------------------------------------------------------------------
# Listing pages (home, /search, labels, archives)


def _scope_link(root: str, extra: str) -> str:
    return root + ("&" if "?" in root else "?") + extra


def paginate(
    site: Blog, scope: list[Post], root: str, query_root: str, per_page: int,
    updated_max: datetime | None = None, updated_min: datetime | None = None, label: bool = False,
) -> Listing:
    """Pick the page of ``scope`` (newest first) that the ``updated-max``/``updated-min`` query asks for.

    ``root`` is the first page's URL, ``query_root`` the URL the pager's query is appended to (Blogger
    sends home pagination to ``/search`` but keeps labels and archives on their own path).
    """
    if updated_max is None and updated_min is not None:
        newer = [p for p in scope if p.published > updated_min]
        page = newer[-per_page:]
    else:
        candidates = [p for p in scope if updated_max is None or p.published < updated_max]
        page = candidates[:per_page]
    if not page:
        return Listing([], None, root if scope else None)
    last_index = scope.index(page[-1])
    first_index = scope.index(page[0])
    older_url = newer_url = None
    if last_index + 1 < len(scope):
        extra = f"updated-max={site.pager_timestamp(page[-1].published)}&max-results={per_page}"
        if label:
            extra += f"&start={last_index + 1}&by-date=false"
        older_url = _scope_link(query_root, extra)
    if first_index > 0:
        if first_index <= per_page:
            newer_url = root
        else:
            extra = f"updated-min={site.pager_timestamp(page[0].published)}&max-results={per_page}&reverse-paginate=true"
            newer_url = _scope_link(query_root, extra)
    return Listing(page, older_url, newer_url)


def render_home(
    site: Blog, base_url: str, updated_max: datetime | None = None, updated_min: datetime | None = None,
    max_results: int | None = None, mobile: bool = False, query: str | None = None,
) -> str:
    """The home page, or ``/search?updated-max=...&max-results=N`` (``query``: ``/search?q=``)."""
    per_page = max_results or site.posts_per_page
    scope = site.ordered_posts
    if query:
        needle = query.casefold()
        scope = [p for p in scope if needle in (p.title or "").casefold() or needle in text_of(p.body_html).casefold()]
    listing = paginate(site, scope, base_url + "/", base_url + "/search", per_page, updated_max, updated_min)
    paged = updated_max is not None or updated_min is not None or query is not None
    url = base_url + ("/search" if paged else "/")
    return templates.listing_page(site, base_url, url, listing, mobile, heading=None, kind="index")


def render_label(
    site: Blog, label: str, base_url: str, updated_max: datetime | None = None,
    updated_min: datetime | None = None, max_results: int | None = None, mobile: bool = False,
) -> str:
    """``/search/label/<Label>`` with its own ``updated-max`` pagination."""
    root = base_url + site.label_path(label)
    listing = paginate(site, site.posts_with_label(label), root, root, max_results or site.posts_per_page,
                       updated_max, updated_min, label=True)
    heading = site.strings.showing_label.format(label=label)
    return templates.listing_page(site, base_url, root, listing, mobile, heading=heading, kind="label")


def render_month_archive(
    site: Blog, year: int, month: int, base_url: str, updated_max: datetime | None = None,
    updated_min: datetime | None = None, max_results: int | None = None, mobile: bool = False,
) -> str:
    """``/YYYY/MM/``: the month's posts; more than a page continues via the older link within the month."""
    root = f"{base_url}/{year:04d}/{month:02d}/"
    listing = paginate(site, site.posts_in_month(year, month), root, root, max_results or site.posts_per_page,
                       updated_max, updated_min)
    return templates.listing_page(site, base_url, root, listing, mobile, heading=None, kind="archive")


def render_year_archive(
    site: Blog, year: int, base_url: str, updated_max: datetime | None = None,
    updated_min: datetime | None = None, max_results: int | None = None, mobile: bool = False,
) -> str:
    """``/YYYY/``: the year's posts, paginated like the month archive."""
    root = f"{base_url}/{year:04d}/"
    listing = paginate(site, site.posts_in_year(year), root, root, max_results or site.posts_per_page,
                       updated_max, updated_min)
    return templates.listing_page(site, base_url, root, listing, mobile, heading=None, kind="archive")


# ---------------------------------------------------------------------------------------------------
# Routing


class BadRequest(ValueError):
    """A query parameter Blogger would reject (answered with 400)."""


def _param_int(params: dict[str, str], name: str, default: int | None) -> int | None:
    if name not in params or params[name] == "":
        return default
    try:
        return int(params[name])
    except ValueError as exc:
        raise BadRequest(f"Invalid {name}: {params[name]}") from exc


def _param_time(params: dict[str, str], name: str) -> datetime | None:
    raw = params.get(name)
    if not raw:
        return None
    # an unescaped '+' in the offset arrives as a space: take it back
    fixed = re.sub(r" (\d\d:?\d\d)$", r"+\1", raw.strip())
    try:
        value = datetime.fromisoformat(fixed.replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadRequest(f"Invalid {name}: {raw}") from exc
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _html(status: int, text: str) -> Response:
    return Response(status, HTML, text.encode("utf-8"))


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:24] + '"'


@dataclass
class ListingQuery:
    """The pager parameters of a listing URL."""

    updated_max: datetime | None
    updated_min: datetime | None
    max_results: int | None
    mobile: bool

    @classmethod
    def parse(cls, params: dict[str, str]) -> ListingQuery:
        return cls(_param_time(params, "updated-max"), _param_time(params, "updated-min"),
                   _param_int(params, "max-results", None), params.get("m") == "1")


def _dispatch(site: Blog, path: str, params: dict[str, str], base_url: str) -> Response | None:
    mobile = params.get("m") == "1"
    is_listing = path in ("/", "/index.html") or path.startswith("/search") or bool(re.fullmatch(r"/\d{4}/(\d{2}/?)?", path))
    q = ListingQuery.parse(params) if is_listing else ListingQuery(None, None, None, mobile)
    if path in ("/", "/index.html", "/search"):
        return _html(200, render_home(site, base_url, q.updated_max, q.updated_min, q.max_results, q.mobile,
                                      query=params.get("q") or None))
    if path.startswith("/search/label/"):
        label = unquote(path[len("/search/label/"):])
        if not site.posts_with_label(label):
            return None
        return _html(200, render_label(site, label, base_url, q.updated_max, q.updated_min, q.max_results, q.mobile))
    if match := re.fullmatch(r"/(\d{4})/(\d{2})/?|/(\d{4})_(\d{2})_01_archive\.html", path):
        year, month = int(match.group(1) or match.group(3)), int(match.group(2) or match.group(4))
        if not site.posts_in_month(year, month):
            return None
        return _html(200, render_month_archive(site, year, month, base_url, q.updated_max, q.updated_min,
                                               q.max_results, q.mobile))
    if match := re.fullmatch(r"/(\d{4})/?", path):
        if not site.posts_in_year(int(match.group(1))):
            return None
        return _html(200, render_year_archive(site, int(match.group(1)), base_url, q.updated_max, q.updated_min,
                                              q.max_results, q.mobile))
    if post := site.post_by_path(path):
        body = templates.post_page(site, post, base_url, mobile).encode("utf-8")
        return Response(200, HTML, body, last_modified=post.last_modified, etag=_etag(body))
    if page := site.page_by_path(path):
        body = templates.static_page(site, page, base_url, mobile).encode("utf-8")
        return Response(200, HTML, body, etag=_etag(body))
    if path.startswith("/feeds/") or path in ("/atom.xml", "/rss.xml"):
        return _feed_route(site, path, params, base_url)
    if path == "/sitemap.xml" and site.sitemap_enabled:
        text = render_sitemap(site, base_url, _param_int(params, "page", None))
        return Response(200, XML, text.encode("utf-8")) if text is not None else None
    if path == "/sitemap-pages.xml" and site.sitemap_enabled:
        return Response(200, XML, render_sitemap_pages(site, base_url).encode("utf-8"))
    if path == "/robots.txt":
        return Response(200, TEXT, render_robots(site, base_url).encode("utf-8"))
    return None


def _feed_route(site: Blog, path: str, params: dict[str, str], base_url: str) -> Response | None:
    if not site.feed_enabled:
        return None
    rss = params.get("alt") == "rss" or path == "/rss.xml"
    if params.get("alt") not in (None, "", "atom", "rss"):
        raise BadRequest(f"Invalid alt parameter: {params['alt']} (this simulator serves atom and rss only)")
    if match := re.fullmatch(r"/feeds/(\d+)/comments/(?:default|full|summary)", path):
        post = site.post_by_id(match.group(1))
        return Response(200, ATOM, render_comments_feed(site, base_url, post).encode("utf-8")) if post else None
    if path == "/feeds/comments/default":
        return Response(200, ATOM, render_comments_feed(site, base_url).encode("utf-8"))
    match = re.fullmatch(r"/feeds/posts/(default|full|summary)(?:/-/(.+))?", path)
    if not match and path not in ("/atom.xml", "/rss.xml"):
        return None
    label = unquote(match.group(2)) if match and match.group(2) else None
    bounds = {name: _param_time(params, name) for name in ("published-min", "published-max", "updated-min", "updated-max")}
    text = render_feed(
        site, base_url, start_index=_param_int(params, "start-index", 1) or 1,
        max_results=_param_int(params, "max-results", None), summary=bool(match and match.group(1) == "summary"),
        rss=rss, label=label, orderby=params.get("orderby", "published"), bounds=bounds,
    )
    return Response(200, RSS if rss else ATOM, text.encode("utf-8"))
