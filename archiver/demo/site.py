"""Data model of a simulated Blogger blog and its renderers: pages, feeds, sitemaps and routing."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from email.utils import format_datetime
from urllib.parse import parse_qs, quote, unquote, urlsplit

from archiver.demo import templates
from archiver.demo.templates import first_image, snippet, text_of

TEMPLATES = ("classic", "layout", "theme")
POST_PATH_RE = re.compile(r"^/(\d{4})/(\d{2})/[A-Za-z0-9_.\-]+\.html$")
PAGE_PATH_RE = re.compile(r"^/p/[A-Za-z0-9_.\-]+\.html$")
FEED_MAX_CAP = 100  # Blogger's per-request ceiling since 2019

ATOM_NS = (
    "xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
    "xmlns:blogger='http://schemas.google.com/blogger/2008' xmlns:georss='http://www.georss.org/georss' "
    "xmlns:gd=\"http://schemas.google.com/g/2005\" xmlns:thr='http://purl.org/syndication/thread/1.0'"
)


def stable_digits(text: str, length: int = 19) -> str:
    """Deterministic decimal id (Blogger ids are 19-digit numbers) derived from ``text``."""
    return str(int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16))[:length]


@dataclass(frozen=True)
class Strings:
    """Localised UI strings of the rendered pages (Blogger localises every visible label)."""

    posted_by: str = "Posted by"
    posted_at: str = "at"
    classic_posted_by: str = "posted by"
    no_comments: str = "No comments:"
    one_comment: str = "1 comment:"
    n_comments: str = "{n} comments:"
    classic_comments: str = "{n} Comments:"
    said: str = "said..."
    post_a_comment: str = "Post a Comment"
    labels: str = "Labels:"
    older: str = "Older Posts"
    newer: str = "Newer Posts"
    older_post: str = "Older Post"
    newer_post: str = "Newer Post"
    home: str = "Home"
    more_posts: str = "More posts"
    keep_reading: str = "Keep reading"
    read_more: str = "Read more »"
    subscribe_to: str = "Subscribe to:"
    post_comments_atom: str = "Post Comments (Atom)"
    posts_atom: str = "Posts (Atom)"
    blog_archive: str = "Blog Archive"
    about_me: str = "About Me"
    view_profile: str = "View my complete profile"
    popular_posts: str = "Popular Posts"
    recent_comments: str = "Recent Comments"
    pages: str = "Pages"
    search_this_blog: str = "Search This Blog"
    powered_by: str = "Powered by"
    email_this: str = "Email This"
    blog_this: str = "BlogThis!"
    share_twitter: str = "Share to Twitter"
    share_facebook: str = "Share to Facebook"
    share_pinterest: str = "Share to Pinterest"
    view_web_version: str = "View web version"
    not_found: str = "Sorry, the page you were looking for in this blog does not exist."
    showing_label: str = "Showing posts with the label {label}."
    show_all: str = "Show all posts"
    months: tuple[str, ...] = (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    )
    weekdays: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    date_header_format: str = "{weekday}, {month} {day}, {year}"
    theme_date_format: str = "{month} {day:02d}, {year}"
    comment_date_format: str = "{month} {day}, {year} at {time}"
    clock: str = "12h"  # "12h" -> "7:32 AM", "24h" -> "07:32"

    def _fields(self, dt: datetime) -> dict[str, object]:
        return {
            "weekday": self.weekdays[dt.weekday()], "month": self.months[dt.month - 1],
            "day": dt.day, "year": dt.year,
        }

    def date_header(self, dt: datetime) -> str:
        """The long localised day shown in ``h2.date-header``."""
        return self.date_header_format.format(**self._fields(dt))

    def theme_date(self, dt: datetime) -> str:
        """The visible date of 2017+ themes ("January 07, 2022")."""
        return self.theme_date_format.format(**self._fields(dt))

    def time_of_day(self, dt: datetime) -> str:
        """The visible time of day in the post footer."""
        if self.clock == "24h":
            return f"{dt.hour:02d}:{dt.minute:02d}"
        hour = dt.hour % 12 or 12
        return f"{hour}:{dt.minute:02d} {'AM' if dt.hour < 12 else 'PM'}"

    def comments_heading(self, count: int) -> str:
        if count == 0:
            return self.no_comments
        return self.one_comment if count == 1 else self.n_comments.format(n=count)


FRENCH_STRINGS = Strings(
    posted_by="Publié par", posted_at="à", classic_posted_by="publié par", no_comments="Aucun commentaire:",
    one_comment="1 commentaire:", n_comments="{n} commentaires:", classic_comments="{n} commentaires:",
    said="a dit…", post_a_comment="Enregistrer un commentaire", labels="Libellés :",
    older="Articles plus anciens", newer="Articles plus récents", older_post="Article plus ancien",
    newer_post="Article plus récent", home="Accueil", more_posts="Plus d'articles", keep_reading="Lire la suite",
    read_more="Lire la suite »", subscribe_to="S'abonner à :",
    post_comments_atom="Publier les commentaires (Atom)", posts_atom="Messages (Atom)",
    blog_archive="Archives du blog", about_me="Qui êtes-vous ?", view_profile="Afficher mon profil complet",
    popular_posts="Articles les plus consultés", recent_comments="Commentaires récents", pages="Pages",
    search_this_blog="Rechercher dans ce blog", powered_by="Fourni par", email_this="Envoyer par e-mail",
    blog_this="BlogThis!", share_twitter="Partager sur Twitter", share_facebook="Partager sur Facebook",
    share_pinterest="Partager sur Pinterest", view_web_version="Afficher la version Web",
    not_found="Désolé, la page que vous recherchez dans ce blog n'existe pas.",
    showing_label="Affichage des articles dont le libellé est {label}.", show_all="Afficher tous les articles",
    months=("janvier", "février", "mars", "avril", "mai", "juin",
            "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    date_header_format="{weekday} {day} {month} {year}", theme_date_format="{day} {month} {year}",
    comment_date_format="{day} {month} {year} à {time}", clock="24h",
)


@dataclass
class Comment:
    """A reader comment; it gives the post its ``?showComment=<ms>#c<id>`` permalinks."""

    author: str
    published: datetime
    body_html: str
    comment_id: str = ""

    def __post_init__(self) -> None:
        if self.published.tzinfo is None:
            raise ValueError("Comment.published must be timezone-aware")
        if not self.comment_id:
            self.comment_id = stable_digits(f"comment:{self.author}:{self.published.isoformat()}")

    @property
    def epoch_ms(self) -> int:
        return int(self.published.timestamp() * 1000)


@dataclass
class Post:
    """A blog post; ``path`` carries the month of first publication, as on Blogger."""

    path: str
    title: str | None
    published: datetime
    body_html: str
    labels: list[str] = field(default_factory=list)
    author: str = ""  # empty: the blog's default account (BlogSite.author)
    post_id: str = ""  # empty: derived stable digits
    updated: datetime | None = None
    comments: list[Comment] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not POST_PATH_RE.match(self.path):
            raise ValueError(f"not a Blogger post path: {self.path!r}")
        if self.published.tzinfo is None:
            raise ValueError("Post.published must be timezone-aware")
        if not self.post_id:
            self.post_id = stable_digits("post:" + self.path)

    @property
    def last_modified(self) -> datetime:
        return self.updated or self.published


@dataclass
class Page:
    """A static page served at ``/p/<slug>.html``."""

    path: str
    title: str
    body_html: str
    page_id: str = ""

    def __post_init__(self) -> None:
        if not PAGE_PATH_RE.match(self.path):
            raise ValueError(f"not a Blogger page path: {self.path!r}")
        if not self.page_id:
            self.page_id = stable_digits("page:" + self.path)


@dataclass
class BlogSite:
    """A whole blog. Call ``reindex()`` after mutating ``posts`` or ``pages`` in place."""

    title: str
    description: str
    template: str = "layout"  # "classic" | "layout" | "theme" (A, B, C of platforms.md §1.4)
    posts: list[Post] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    language: str = "en"
    tz: tzinfo = timezone.utc  # the blog's time zone: every visible date is rendered in it
    blog_id: str = ""
    author: str = "Blog Author"  # default poster (the Blogger account)
    profile_text: str = "Reading, writing and arguing about economics."
    strings: Strings = field(default_factory=Strings)
    posts_per_page: int = 7
    feed_max_results: int = 25
    sitemap_page_size: int = 150
    feed_enabled: bool = True
    sitemap_enabled: bool = True
    generator_meta: bool = True
    feed_full: bool = True  # False: /feeds/posts/default carries summaries, like an owner's "short" setting
    _ordered: list[Post] = field(default_factory=list, init=False, repr=False, compare=False)
    _by_path: dict[str, Post] = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_id: dict[str, Post] = field(default_factory=dict, init=False, repr=False, compare=False)
    _cache: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.template not in TEMPLATES:
            raise ValueError(f"template must be one of {TEMPLATES}, not {self.template!r}")
        if not self.blog_id:
            self.blog_id = stable_digits("blog:" + self.title)
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the lookup tables (newest-first order, paths, ids) and drop cached widgets."""
        for post in self.posts:
            post.author = post.author or self.author
        self._ordered = sorted(self.posts, key=lambda p: p.published, reverse=True)
        self._by_path = {p.path: p for p in self.posts}
        self._by_id = {p.post_id: p for p in self.posts}
        if len(self._by_path) != len(self.posts):
            raise ValueError("duplicate post paths")
        self._cache = {}

    # -- lookups -------------------------------------------------------------------------------------

    @property
    def ordered_posts(self) -> list[Post]:
        """Posts newest first by publication date."""
        return self._ordered

    def post_by_path(self, path: str) -> Post | None:
        return self._by_path.get(path)

    def post_by_id(self, post_id: str) -> Post | None:
        return self._by_id.get(post_id)

    def page_by_path(self, path: str) -> Page | None:
        return next((p for p in self.pages if p.path == path), None)

    def local(self, dt: datetime) -> datetime:
        return dt.astimezone(self.tz)

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """(newer, older) post around ``post``."""
        index = self._ordered.index(post)
        newer = self._ordered[index - 1] if index > 0 else None
        older = self._ordered[index + 1] if index + 1 < len(self._ordered) else None
        return newer, older

    def posts_in_month(self, year: int, month: int) -> list[Post]:
        return [p for p in self._ordered if (self.local(p.published).year, self.local(p.published).month) == (year, month)]

    def posts_in_year(self, year: int) -> list[Post]:
        return [p for p in self._ordered if self.local(p.published).year == year]

    def posts_with_label(self, label: str) -> list[Post]:
        return [p for p in self._ordered if label in p.labels]

    def label_counts(self) -> list[tuple[str, int]]:
        """Labels with their post counts, alphabetically (like the Labels widget)."""
        counts: dict[str, int] = {}
        for post in self.posts:
            for label in post.labels:
                counts[label] = counts.get(label, 0) + 1
        return sorted(counts.items(), key=lambda item: item[0].casefold())

    def month_counts(self) -> list[tuple[int, int, int]]:
        """(year, month, count) newest first, for the BlogArchive widget."""
        counts: dict[tuple[int, int], int] = {}
        for post in self._ordered:
            local = self.local(post.published)
            counts[(local.year, local.month)] = counts.get((local.year, local.month), 0) + 1
        return [(y, m, n) for (y, m), n in sorted(counts.items(), reverse=True)]

    # -- URLs ----------------------------------------------------------------------------------------

    @property
    def profile_url(self) -> str:
        return "https://www.blogger.com/profile/" + stable_digits("profile:" + self.author, 20)

    def profile_url_of(self, name: str) -> str:
        return "https://www.blogger.com/profile/" + stable_digits("profile:" + name, 20)

    @property
    def service_feed_url(self) -> str:
        return f"https://www.blogger.com/feeds/{self.blog_id}/posts/default"

    @staticmethod
    def label_path(label: str) -> str:
        return "/search/label/" + quote(label, safe="")

    def rfc3339(self, dt: datetime, millis: bool = False) -> str:
        """A timestamp in the blog's offset, as in ``updated-max`` and ``abbr.published[title]``."""
        local = self.local(dt)
        if millis:
            return local.isoformat(timespec="milliseconds")
        return local.isoformat(timespec="milliseconds" if local.microsecond else "seconds")

    def pager_timestamp(self, dt: datetime) -> str:
        """``updated-max`` value for a query string: '+' must be escaped or it reads as a space."""
        return quote(self.rfc3339(dt), safe=":")


# ---------------------------------------------------------------------------------------------------
# Listing pages (home, /search, labels, archives)


@dataclass
class Listing:
    """One page of a post listing plus the URLs of its neighbours."""

    posts: list[Post]
    older_url: str | None
    newer_url: str | None


def _scope_link(root: str, extra: str) -> str:
    return root + ("&" if "?" in root else "?") + extra


def paginate(
    site: BlogSite, scope: list[Post], root: str, query_root: str, per_page: int,
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


# ---------------------------------------------------------------------------------------------------
# HTML renderers (thin wrappers over templates.py)


def render_post(site: BlogSite, post: Post, base_url: str, mobile: bool = False) -> str:
    """The item page of ``post`` (``mobile``: the ``?m=1`` variant)."""
    return templates.post_page(site, post, base_url, mobile)


def render_page(site: BlogSite, page: Page, base_url: str, mobile: bool = False) -> str:
    """A static page (``/p/<slug>.html``)."""
    return templates.static_page(site, page, base_url, mobile)


def render_home(
    site: BlogSite, base_url: str, updated_max: datetime | None = None, updated_min: datetime | None = None,
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
    site: BlogSite, label: str, base_url: str, updated_max: datetime | None = None,
    updated_min: datetime | None = None, max_results: int | None = None, mobile: bool = False,
) -> str:
    """``/search/label/<Label>`` with its own ``updated-max`` pagination."""
    root = base_url + site.label_path(label)
    listing = paginate(site, site.posts_with_label(label), root, root, max_results or site.posts_per_page,
                       updated_max, updated_min, label=True)
    heading = site.strings.showing_label.format(label=label)
    return templates.listing_page(site, base_url, root, listing, mobile, heading=heading, kind="label")


def render_month_archive(
    site: BlogSite, year: int, month: int, base_url: str, updated_max: datetime | None = None,
    updated_min: datetime | None = None, max_results: int | None = None, mobile: bool = False,
) -> str:
    """``/YYYY/MM/``: the month's posts; more than a page continues via the older link within the month."""
    root = f"{base_url}/{year:04d}/{month:02d}/"
    listing = paginate(site, site.posts_in_month(year, month), root, root, max_results or site.posts_per_page,
                       updated_max, updated_min)
    return templates.listing_page(site, base_url, root, listing, mobile, heading=None, kind="archive")


def render_year_archive(
    site: BlogSite, year: int, base_url: str, updated_max: datetime | None = None,
    updated_min: datetime | None = None, max_results: int | None = None, mobile: bool = False,
) -> str:
    """``/YYYY/``: the year's posts, paginated like the month archive."""
    root = f"{base_url}/{year:04d}/"
    listing = paginate(site, site.posts_in_year(year), root, root, max_results or site.posts_per_page,
                       updated_max, updated_min)
    return templates.listing_page(site, base_url, root, listing, mobile, heading=None, kind="archive")


def render_not_found(site: BlogSite, base_url: str, path: str = "/") -> str:
    """Blogger's in-blog 404 page."""
    return templates.not_found_page(site, base_url, path)


# ---------------------------------------------------------------------------------------------------
# Feeds


def _x(text: str) -> str:
    return html.escape(text, quote=True)


def _feed_scope(site: BlogSite, label: str | None, orderby: str) -> list[Post]:
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
    site: BlogSite, base_url: str, start_index: int = 1, max_results: int | None = None, summary: bool = False,
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


def _feed_updated(site: BlogSite) -> datetime:
    return max((p.last_modified for p in site.posts), default=datetime(2000, 1, 1, tzinfo=timezone.utc))


def _atom_author(site: BlogSite, name: str) -> str:
    return (
        f"<author><name>{_x(name)}</name><uri>{site.profile_url_of(name)}</uri><email>noreply@blogger.com</email>"
        "<gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' height='16' "
        "src='https://img1.blogblog.com/img/b16-rounded.gif'/></author>"
    )


def _atom_entry(site: BlogSite, base_url: str, post: Post, use_summary: bool) -> str:
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
    site: BlogSite, base_url: str, entries: list[Post], total: int, start_index: int, per_page: int,
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
    site: BlogSite, base_url: str, entries: list[Post], total: int, start_index: int, per_page: int,
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


def render_comments_feed(site: BlogSite, base_url: str, post: Post | None = None) -> str:
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


def sitemap_page_count(site: BlogSite) -> int:
    return max(1, -(-len(site.posts) // site.sitemap_page_size))


def render_sitemap(site: BlogSite, base_url: str, page: int | None = None) -> str | None:
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


def render_sitemap_pages(site: BlogSite, base_url: str) -> str:
    """``/sitemap-pages.xml``: the static pages."""
    return _urlset([(base_url + p.path, None) for p in site.pages])


def render_robots(site: BlogSite, base_url: str) -> str:
    """Blogger's default robots.txt."""
    lines = ["User-agent: Mediapartners-Google", "Disallow: ", "", "User-agent: *", "Disallow: /search", "Allow: /", ""]
    if site.sitemap_enabled:
        lines.append(f"Sitemap: {base_url}/sitemap.xml")
        if site.pages:
            lines.append(f"Sitemap: {base_url}/sitemap-pages.xml")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# Routing


HTML = "text/html; charset=UTF-8"
ATOM = "application/atom+xml; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
TEXT = "text/plain; charset=UTF-8"


@dataclass
class Response:
    """What the server sends: status, type, body, (for posts) cache validators and any extra headers.

    ``headers`` carries platform headers such as ``X-WP-Total`` or a redirect's ``Location``.
    """

    status: int
    content_type: str
    body: bytes
    last_modified: datetime | None = None
    etag: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)


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


def route(site: BlogSite, target: str, base_url: str) -> Response:
    """Answer a request target (path plus query) the way a Blogger blog would."""
    split = urlsplit(target)
    path = split.path or "/"
    params = {k: v[0] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
    try:
        response = _dispatch(site, path, params, base_url)
    except BadRequest as exc:
        return Response(400, TEXT, (str(exc) + "\n").encode("utf-8"))
    return response or _html(404, render_not_found(site, base_url, path))


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


def _dispatch(site: BlogSite, path: str, params: dict[str, str], base_url: str) -> Response | None:
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
        body = render_post(site, post, base_url, mobile).encode("utf-8")
        return Response(200, HTML, body, last_modified=post.last_modified, etag=_etag(body))
    if page := site.page_by_path(path):
        body = render_page(site, page, base_url, mobile).encode("utf-8")
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


def _feed_route(site: BlogSite, path: str, params: dict[str, str], base_url: str) -> Response | None:
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


def http_date(dt: datetime) -> str:
    """RFC 7231 date for Last-Modified."""
    return format_datetime(dt.astimezone(timezone.utc).replace(microsecond=0), usegmt=True)


__all__ = [
    "BlogSite", "Comment", "FRENCH_STRINGS", "Listing", "Page", "Post", "Response", "Strings", "TEMPLATES",
    "http_date", "paginate", "render_comments_feed", "render_feed", "render_home", "render_label",
    "render_month_archive", "render_not_found", "render_page", "render_post", "render_robots", "render_sitemap",
    "render_sitemap_pages", "render_year_archive", "route", "snippet", "stable_digits", "text_of",
]
