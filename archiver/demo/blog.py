"""Data model of a simulated Blogger blog: posts, pages, comments, UI strings and the lookups over them.

It knows nothing of HTML or HTTP: ``templates.py`` and ``feeds.py`` render it, ``site.py`` routes requests to it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from urllib.parse import quote

TEMPLATES = ("classic", "layout", "theme")
POST_PATH_RE = re.compile(r"^/(\d{4})/(\d{2})/[A-Za-z0-9_.\-]+\.html$")
PAGE_PATH_RE = re.compile(r"^/p/[A-Za-z0-9_.\-]+\.html$")


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
    author: str = ""  # empty: the blog's default account (Blog.author)
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
class Blog:
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
    # Pieces of HTML rendered from the whole blog (sidebar widgets), which every page repeats: templates.py
    # keeps them here so that they are built once, and reindex() drops them when the posts change.
    rendered: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.template not in TEMPLATES:
            raise ValueError(f"template must be one of {TEMPLATES}, not {self.template!r}")
        if not self.blog_id:
            self.blog_id = stable_digits("blog:" + self.title)
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the lookup tables (newest-first order, paths, ids) and drop the rendered pieces."""
        for post in self.posts:
            post.author = post.author or self.author
        self._ordered = sorted(self.posts, key=lambda p: p.published, reverse=True)
        self._by_path = {p.path: p for p in self.posts}
        self._by_id = {p.post_id: p for p in self.posts}
        if len(self._by_path) != len(self.posts):
            raise ValueError("duplicate post paths")
        self.rendered = {}

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

