"""What every archiver spider shares: blogs to crawl, the crawl session, post bookkeeping and failures."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DontCloseSpider,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from archiver.extraction.dates import assume_utc, parse_iso
from archiver.items import PageSnapshot
from archiver.middlewares import RedirectsToKnownPost, capture
from archiver.addresses import exempt_start_hosts
from archiver.session import CrawlSession
from archiver.sources import Source, check_scope
from archiver.state import VALIDATOR_FIELDS, KnownPost
from archiver.spiders.detect import BLOGGER, GENERIC, WORDPRESS, is_blogger_feed, lists_wordpress_posts, platform_from_markup
from archiver.spiders.links import is_post_path, is_site_page, listing_rank, page_links
from archiver.spiders.pages import article_signs, looks_like_article
from archiver.spiders.shapes import KeepBudget, PostShape
from archiver.spiders.sitemaps import post_sitemaps, sitemap_entries
from archiver.spiders.walk import RANK_OTHER, ArchiveWalk
from archiver.urls import (
    canonicalize_url,
    host_of,
    in_folder,
    other_slash_form,
    post_key,
    same_site,
    scope_path,
    site_root,
)

logger = logging.getLogger(__name__)

#: Listings wait behind the posts already found (priority 0): the scheduler then holds about one
#: listing page of posts at a time, not the whole archive, so memory stays flat as archives grow.
LISTING_PRIORITY = -10

#: what to fetch to learn whether a site without platform marks runs on a platform
_PROBES = {BLOGGER: "feeds/posts/default?max-results=1&redirect=false", WORDPRESS: "wp-json/wp/v2/posts?per_page=1"}


@dataclass
class Blog:
    """One blog being crawled: where it lives, how it is to be archived, and what discovery knows of it."""

    config: Source
    root: str = ""
    scope: str = "/"  #: the folder the blog lives in: a generic site's start folder, a WordPress install's
    api_root: str = ""  #: where the platform's API lives, when it has one
    platform: str | None = None
    posts_found: int = 0  #: posts in range, to be archived (the source's limit counts these)
    post_keys: set[str] = field(default_factory=set)  #: every post its listings show this run
    #: channel ("feed", "sitemap", "api", "walk") -> the posts it listed
    channels: dict[str, set[str]] = field(default_factory=dict)
    #: channels read to their end that claim to list every post (a feed up to its total, a whole sitemap)
    exhaustive: set[str] = field(default_factory=set)
    expected: int | None = None  #: the largest count of its posts the blog gives
    expected_from: str | None = None  #: which listing gave that count
    failed_listings: list[tuple[str, str, str]] = field(default_factory=list)  #: (url, why, channel), not dead links
    dead_links: int = 0  #: listing links that answered 404 or 410
    #: posts a feed, sitemap or API named that answered 404 or 410: most of a listing's gone, it is stale
    gone: set[str] = field(default_factory=set)
    #: listing pages the walk met that robots.txt forbids to archiver: posts listed only there are not found
    forbidden_listings: list[str] = field(default_factory=list)
    new_posts: int = 0  #: listed posts the crawl state did not know
    sitemaps: set[str] = field(default_factory=set)  #: sitemaps asked for: an index naming one again is a loop
    seeds: list[str] = field(default_factory=list)  #: the start page's links, where an archive walk begins
    #: post pages that answered or were archived before, whose links (the archive widget, older and newer
    #: posts) go on where the start page's run out (a template whose home page links no archive; label pages
    #: robots.txt forbids): the first met, and the least and greatest addresses (on dated addresses the
    #: oldest and newest posts, which may wear another template)
    post_pages: dict[str, str] = field(default_factory=dict)
    checked: bool = False  #: the platform's freshness check of its cheap listings was asked for
    walk: ArchiveWalk | None = None
    shape: PostShape = field(default_factory=PostShape)  #: what its post pages look like: judges pages nothing placed
    #: the signs of an article its home page shows: a listing's, so they say nothing of a page there
    home_signs: frozenset[str] = frozenset()
    verdict: str | None = None  #: how discovery ended: "listings", "last run", "limit", "walk"
    error: str | None = None  #: why the blog could not be crawled at all
    broken: bool = False  #: archiver's own code raised judging its listings: its discovery stopped there
    #: booked addresses whose page is a post already archived from another address (the in-run dedupe)
    second_addresses: set[str] = field(default_factory=set)

    def note_post_page(self, url: str) -> None:
        """A post page met (fetched, or archived before and unchanged): one a walk may go on from."""
        pages = self.post_pages
        pages.setdefault("first", url)
        if url < pages.setdefault("least", url):
            pages["least"] = url
        if url > pages.setdefault("greatest", url):
            pages["greatest"] = url

    @property
    def start_url(self) -> str:
        return self.config.url

    @property
    def home(self) -> str:
        """Where the blog's own pages start: its site's root, or the folder it lives in."""
        return self.root.rstrip("/") + self.scope

    @property
    def source(self) -> str:
        return self.config.name

    @property
    def found(self) -> int:
        """Posts found: addresses booked, less those that turned out to show a post found at another, and those
        a listing named that are not there (404, 410: failed, and counted so, but no post of the blog found)."""
        return len(self.post_keys - self.second_addresses - self.gone)

    @property
    def limited(self) -> bool:
        """The source's date range or post limit leaves posts out on purpose: the blog's count cannot be met."""
        return bool(self.config.since or self.config.until or self.config.limit is not None)

    def claim(self, total: int | None, where: str) -> None:
        """A listing says how many posts the blog has; the largest claim stands."""
        if total is not None and total > 0 and (self.expected is None or total > self.expected):
            self.expected, self.expected_from = total, where

    def listed(self, channel: str, key: str) -> None:
        self.channels.setdefault(channel, set()).add(key)

    def settled(self, since: Any) -> bool:
        """True when the blog's own count of its posts is reached: nothing says more are missing."""
        return self.expected is not None and not since and not self.limited and self.found >= self.expected

    def incomplete_cause(self, since: Any) -> str | None:
        """Why this run's archive of the blog may miss posts; None when nothing says so."""
        if self.error or self.verdict in ("listings", "last run", "limit"):
            return None
        if self.broken:
            return "an error in archiver's own code stopped its discovery (its traceback is in the run report)"
        if self.verdict is None:
            return "discovery stopped before the blog's listings were read"
        causes = []
        # The blog's count holds this run to it only when no date range or limit leaves posts out.
        expected = None if since or self.limited else self.expected
        if expected is not None and self.found >= expected:
            return None
        counted = expected is not None
        if counted:
            causes.append(f"{self.found} of {self.expected} posts found ({self.expected_from} says {self.expected})")
        walk = self.walk
        if walk is not None and walk.capped:
            causes.append(f"the archive walk stopped at its cap of {walk.max_pages} pages with {walk.left} unread "
                          "(ARCHIVER_WALK_MAX_PAGES)")
        failed = [(url, reason) for url, reason, channel in self.failed_listings if channel == "walk" or counted]
        if failed:
            causes.append(f"{len(failed)} listing pages failed (first: {failed[0][1]})")
        if walk is not None and self.forbidden_listings:
            causes.append(f"{len(self.forbidden_listings)} listing pages the archive walk met are forbidden to archiver "
                          f"by robots.txt (first: {self.forbidden_listings[0]})")
        if self.shape.undecided:
            causes.append(f"{self.shape.undecided} pages could not be told from posts (the blog's posts carry no "
                          "mark archiver knows, and none was learned from them)")
        if counted and len(causes) == 1 and walk is not None and walk.exhausted:
            causes.append("the archive walk read every listing page it found")
        return "; ".join(causes) or None

    def report(self, since: Any, archived: int) -> dict[str, Any]:
        """What the run report says of the blog's completeness."""
        walk = self.walk
        cause = self.incomplete_cause(since)
        return {
            "source": self.source, "url": self.start_url, "platform": self.platform,
            "expected": self.expected, "expected_from": self.expected_from,
            "found": self.found, "in_range": self.posts_found, "archived": archived,
            "found_by": {c: len(k) for c, k in sorted(self.channels.items())},
            "discovery": self.verdict,
            "walk": None if walk is None else {
                "pages_read": walk.pages_read, "pages_left": walk.left, "capped": walk.capped,
                "repeated_pages": walk.repeats, "dead_links": self.dead_links},
            "post_marks": sorted(self.shape.marks), "pages_undecided": self.shape.undecided,
            "listings_failed": [{"url": u, "reason": r, "channel": c} for u, r, c in self.failed_listings],
            "listings_forbidden": self.forbidden_listings,
            "complete": cause is None and not self.error, "incomplete_cause": cause,
        }


class Discovery:
    """How one platform finds a blog's posts; each platform module has one.

    ``begin`` gets the blog's start page once the platform is known and yields the requests of
    the platform's cheap listings (feeds, sitemaps, APIs), which book the posts they list and
    what they say of the blog's size. When they are read, the spider decides whether they can
    be trusted; if not, the archive walk reads the blog's own pages: ``walk_link`` says what
    each link is to it, ``is_post_page`` whether a page the walk could not place is a post; pages
    nothing on them places are judged when discovery ends, by the shape of the blog's posts (``shapes.py``).

    Settings: ``ARCHIVER_WALK_MAX_PAGES`` (pages that are not posts a blog's walk reads at most:
    listings, and pages it fetched to see whether they are posts; default 2000), ``ARCHIVER_WALK_CONCURRENCY`` (its listing pages read at once, default 2),
    ``ARCHIVER_SITEMAP_MAX_FILES`` (sitemaps a blog's indexes may name, default 1000),
    ``ARCHIVER_SITEMAP_MAX_DEPTH`` (indexes below indexes, default 4).
    """

    platform = ""
    #: Whether ``is_post_page`` can leave a page undecided on this platform. Only then are the blog's pages
    #: learned from (``PostShape``), to judge those pages when discovery ends: learning parses every post.
    leaves_pages_undecided = True

    def __init__(self, spider: "BaseBlogSpider") -> None:
        self.spider = spider
        settings = spider.crawler.settings
        self.walk_max_pages = settings.getint("ARCHIVER_WALK_MAX_PAGES")
        self.walk_concurrency = max(1, settings.getint("ARCHIVER_WALK_CONCURRENCY"))
        self.sitemap_max_files = settings.getint("ARCHIVER_SITEMAP_MAX_FILES")
        self.sitemap_max_depth = settings.getint("ARCHIVER_SITEMAP_MAX_DEPTH")
        self.max_page_bytes = settings.getint("ARCHIVER_MAX_PAGE_BYTES")

    @property
    def stats(self) -> Any:
        return self.spider.crawler.stats

    def begin(self, response: Response, blog: Blog) -> Iterable[Any]:
        raise NotImplementedError

    def freshness_check(self, blog: Blog) -> Iterable[Any]:
        """Once the cheap listings are read: a request or two that show whether they are up to date."""
        return ()

    def listing_request(self, url: str, blog: Blog, callback: Any, channel: str, *, absent_ok: bool = False,
                        errback: Any = None, **cb_kwargs: Any) -> scrapy.Request:
        """A request for one of the blog's listings. ``absent_ok``: a 404 means the blog has no such
        listing (its sitemap, its API), not that one broke."""
        return scrapy.Request(url, callback=callback, errback=errback or self.spider.listing_failed,
                              cb_kwargs={"blog": blog, **cb_kwargs}, priority=LISTING_PRIORITY, dont_filter=True,
                              meta={"archiver_channel": channel, "archiver_absent_ok": absent_ok})

    # -- sitemaps, which every platform reads the same way -------------------------------------

    #: the callback of post requests a sitemap yields (None: the spider's ``parse_post``)
    sitemap_post_callback: Any = None

    def sitemap_request(self, url: str, blog: Blog, absent_ok: bool = False, depth: int = 0) -> scrapy.Request:
        """A sitemap, ``depth`` indexes below the one the blog names (0: named by the blog itself)."""
        blog.sitemaps.add(post_key(url))
        return self.listing_request(url, blog, self.parse_sitemap, "sitemap", absent_ok=absent_ok, depth=depth)

    def root_sitemap(self, blog: Blog) -> scrapy.Request:
        return self.sitemap_request(f"{blog.root}sitemap.xml", blog, absent_ok=True)

    def parse_sitemap(self, response: Response, blog: Blog, depth: int = 0) -> Iterable[Any]:
        """A sitemap index's child maps, or a urlset's posts with their ``lastmod``."""
        entries, children = sitemap_entries(response)
        if entries is None:
            return
        self.stats.inc_value("archiver/listings/fetched")
        blog.exhaustive.add("sitemap")  # unless one of its maps fails: see BaseBlogSpider.verdict
        for url in post_sitemaps(children):  # not the maps of pages, terms or accounts
            key = post_key(url)
            if key in blog.sitemaps:
                logger.warning("sitemap %s names %s, already read: not read again", response.url, url)
                continue
            if len(blog.sitemaps) >= self.sitemap_max_files:
                self.spider.listing_broke(blog, url, f"more than {self.sitemap_max_files} sitemaps "
                                          "(ARCHIVER_SITEMAP_MAX_FILES): the rest are not read", "sitemap")
                break
            if depth >= self.sitemap_max_depth:
                self.spider.listing_broke(blog, url, f"sitemap indexes nested more than {self.sitemap_max_depth} "
                                          "deep (ARCHIVER_SITEMAP_MAX_DEPTH): the deeper ones are not read", "sitemap")
                break
            yield self.sitemap_request(url, blog, depth=depth + 1)
        for loc, lastmod in entries:
            if self.wanted_post(loc, blog):
                request = self.spider.post_request(loc, blog, validators={"sitemap_lastmod": lastmod},
                                                   callback=self.sitemap_post_callback, channel="sitemap")
                if request is not None:
                    yield request

    def wanted_post(self, url: str, blog: Blog) -> bool:
        """Whether a URL a listing gives is one of the blog's posts."""
        return same_site(url, blog.root) and is_post_path(url)

    # -- the archive walk ----------------------------------------------------------------------

    def walk_link(self, url: str, blog: Blog) -> tuple[str, int] | None:
        """What a link of the blog's own pages is to the walk: ``("post", 0)``, ``("listing", rank)``,
        ``("page", rank)`` (may be a post: fetched, then judged by ``is_post_page``) or None (not followed).
        A site's listings are read outside the folder it is archived in, after those inside it: a
        section's pieces are often listed only in the site's date archives."""
        rank = listing_rank(url)
        inside = in_folder(url, blog.scope)
        if rank is not None:
            return ("listing", rank if inside else RANK_OTHER)
        return ("page", RANK_OTHER) if inside and not is_site_page(url) else None

    def not_a_post(self, response: Response) -> str | None:
        """Why a page booked as a post is none, whatever listed it (a sitemap may list more than posts), or
        None. The platform's own markup is the evidence; by default nothing says so."""
        return None

    def is_post_page(self, response: Response, blog: Blog) -> bool | None:
        """Whether a fetched page of the blog is a post: True, False (the platform's markup says it is not),
        or None (nothing on it tells)."""
        return True if looks_like_article(response, blog.home_signs) else None

    def start_walk(self, blog: Blog) -> Iterable[Any]:
        """Begin reading the blog's own pages, from the links of its start page."""
        logger.info("%s: walking the blog's archive pages (%s)", blog.start_url, self.spider.walk_reason(blog))
        self.stats.inc_value("archiver/walk/blogs")
        blog.walk = ArchiveWalk(self.walk_max_pages)
        blog.walk.known.add(post_key(blog.start_url))
        yield from self.follow(blog.seeds, blog)
        home = canonicalize_url(blog.home)
        rank = self.walk_link(home, blog)
        if rank is not None and rank[0] == "listing":
            blog.walk.add(post_key(home), home, rank[1])
        yield from self.pump(blog)

    def pump(self, blog: Blog) -> Iterable[Any]:
        """Keep the walk's listing pages coming, a few at a time, until nothing says posts are missing."""
        walk = blog.walk
        if walk is None or blog.settled(self.spider.since):
            return
        while walk.in_flight < self.walk_concurrency:
            url = walk.take()
            if url is None and walk.in_flight == 0:
                url = self._post_page_to_walk_from(blog, walk)
            if url is None:
                if walk.capped and walk.in_flight == 0 and not walk.cap_reported:
                    walk.cap_reported = True  # once: the walk is pumped again as each page still in flight ends
                    logger.warning("%s: the archive walk stopped at its cap of %d listing pages (%d unread)",
                                   blog.start_url, walk.max_pages, walk.left)
                return
            yield self.listing_request(url, blog, self.parse_walk_page, "walk", errback=self.walk_page_failed)

    def _post_page_to_walk_from(self, blog: Blog, walk: ArchiveWalk) -> str | None:
        """A post page not read by the walk yet, once its frontier has run dry (None when none is left, or on a
        platform that learns its posts' shape from the pages the walk reads: a post read as a listing would
        teach it wrong, and its walk follows the links of every page it meets already)."""
        if self.leaves_pages_undecided or walk.pages_asked >= walk.max_pages:
            return None  # at the cap, nothing is left unread: reserve() would call the walk capped
        page = next((url for url in dict.fromkeys(blog.post_pages.values()) if url not in walk.post_pages_read), None)
        if page is None or not walk.reserve():
            return None
        walk.post_pages_read.add(page)
        walk.in_flight += 1
        logger.info("%s: the archive walk goes on from the links of the post page %s", blog.start_url, page)
        return page

    def follow(self, urls: Iterable[str], blog: Blog) -> Iterable[Any]:
        """Book the posts among ``urls`` and queue the listing pages the walk has not met."""
        walk = blog.walk
        if walk is None:
            return
        state = self.spider.session.state if self.spider.session and not self.spider.full else None
        for url in urls:
            # Judged by its canonical address, asked for as the page gave it (a saved copy may know no other).
            kind = self.walk_link(canonicalize_url(url), blog)
            if kind is None:
                continue
            key = post_key(url)
            if kind[0] == "post" or (kind[0] == "page" and state is not None and state.get(key) is not None):
                # The walk goes on through the post's links, which a 304 does not carry: a post archived before
                # is asked for with its validators only when the links its page had are known (a rerun's walk
                # along a theme's older/newer links stopped at the first post archived before).
                conditional = state is not None and state.post_links(key) is not None
                request = self.spider.post_request(url, blog, channel="walk", callback=self.walk_post,
                                                   conditional=conditional)
            elif kind[0] == "listing":
                walk.add(key, url, kind[1])
                request = None
            elif state is not None and self.spider.known_not_post(key, {}):
                request = None  # found before to be no post (a second address of one): not fetched again
            elif key not in walk.known and key not in self.spider.seen_posts and walk.reserve():
                walk.known.add(key)
                request = scrapy.Request(url, callback=self.walk_page_or_post, errback=self.walk_page_failed,
                                         cb_kwargs={"blog": blog}, meta={
                                             "archiver_channel": "walk", "archiver_page": True, "archiver_maybe_post": True,
                                             "download_maxsize": self.max_page_bytes})
            else:
                request = None
            if request is not None:
                yield request

    def parse_walk_page(self, response: Response, blog: Blog) -> Iterable[Any]:
        assert blog.walk is not None
        if not hasattr(response, "text"):
            blog.walk.done_with(set())
            yield from self.pump(blog)
            return
        self.stats.inc_value("archiver/listings/fetched")
        self.stats.inc_value("archiver/walk/pages")
        if self.leaves_pages_undecided:
            blog.shape.learn_listing(response)
        links = page_links(response, blog.root)
        listed = {post_key(u) for u in links if (self.walk_link(canonicalize_url(u), blog) or ("", 0))[0] == "post"}
        if blog.walk.done_with(listed):
            yield from self.follow(links, blog)
        else:
            logger.info("%s lists the posts of a page read before: not followed further", response.url)
        yield from self.pump(blog)

    def walk_page_failed(self, failure: Failure) -> Iterable[Any]:
        request = failed_request(failure)
        blog: Blog = request.cb_kwargs["blog"]
        if failure.check(RedirectsToKnownPost):
            if blog.walk is not None:
                blog.walk.refund()  # a page that turned out to be a post
        else:
            self.spider.listing_failed(failure)
        if blog.walk is not None and not request.meta.get("archiver_page"):
            blog.walk.done_with(None)
        yield from self.pump(blog)

    def judge_unplaced(self, blog: Blog) -> Iterable[Any]:
        """Discovery has ended: the pages nothing on them placed that have the shape of the blog's posts are
        asked for again, as posts, and answered with the page kept from their first answer
        (``KeptAnswerMiddleware``) while the blog's bound allowed keeping it (ARCHIVER_WALK_KEEP_BYTES)."""
        posts = blog.shape.judge()
        if posts:
            logger.info("%s: %d pages nothing placed carry the marks of the blog's posts (%s): archived",
                        blog.start_url, len(posts), ", ".join(sorted(blog.shape.marks)))
        for page in posts:
            if blog.walk is not None and page.channel == "walk":
                blog.walk.refund(post_key(page.url))
            self.stats.inc_value("archiver/posts/by_shape")
            # Asked for once before, as a page that might be a post: the books let it be asked again.
            self.spider.seen_posts.discard(post_key(page.url))
            request = self.spider.post_request(page.url, blog, channel=page.channel)
            if request is not None:
                if page.answer is not None:
                    request.meta["archiver_answer"] = page.answer
                yield request

    def walk_post(self, response: Response, blog: Blog, hints: dict[str, Any], validators: dict[str, Any]) -> Iterable[Any]:
        """A post the walk found: its links (older and newer posts, the archive widget) lead on; those of a
        post unchanged since a walk last read it (304) are the links its page had then."""
        session = self.spider.session
        if response.status == 304:
            links = (session.state.post_links(post_key(response.url)) or []) if session else []
        else:
            links = self.onward_links(response, blog)
            validators = {**validators, "links": links}  # kept with the post's validators when it is booked
        if blog.walk is not None and not blog.settled(self.spider.since):
            yield from self.follow(links, blog)
        yield from self.spider.parse_post(response, blog, hints, validators)

    def onward_links(self, response: Response, blog: Blog) -> list[str]:
        """The links of a page the walk would follow."""
        if not hasattr(response, "text"):
            return []
        return [url for url in page_links(response, blog.root) if self.walk_link(canonicalize_url(url), blog)]

    def walk_page_or_post(self, response: Response, blog: Blog) -> Iterable[Any]:
        """A page the walk could not place by its address: archived if it is a post; its links lead on."""
        post = self.is_post_page(response, blog)
        links = self.onward_links(response, blog)
        if post:
            if blog.walk is not None:
                blog.walk.refund()
            yield from self.spider.accept_post(response, blog, "walk", {"links": links})
        else:
            self.stats.inc_value("archiver/walk/other_pages")
            if post is None and hasattr(response, "text"):
                asked = (response.meta.get("redirect_urls") or [response.url])[0]
                blog.shape.leave_unplaced(post_key(asked), asked, response, "walk")
                if blog.walk is not None and blog.shape.looks_like_post(post_key(asked)):
                    # A blog of unmarked posts walks past its cap of pages that are not posts otherwise.
                    blog.walk.refund(post_key(asked))
        if blog.walk is not None and not blog.settled(self.spider.since):
            yield from self.follow(links, blog)
        yield from self.pump(blog)


class BaseBlogSpider(scrapy.Spider):
    """Base class: takes ``url`` (one or several, comma-separated), ``urls`` or ``sources``; keeps the books.

    Arguments: ``source`` (records' source name; the host by default), ``platform`` (``auto`` or
    a platform name), ``include_pages``, ``scope`` (a folder to stay in), ``full`` (fetch every post
    again, ignoring what the crawl state knows), ``since`` (a date: leave out posts the listings date
    earlier).
    The output folder, the crawl state and the WARC files are the crawl session's
    (``archiver.session.CrawlSession``), which the spider reaches as ``self.session``.
    """

    max_page_bytes: int  #: ARCHIVER_MAX_PAGE_BYTES, read in from_crawler

    #: the Discovery class of each platform this spider can archive
    discoveries: dict[str, type[Discovery]] = {}
    #: a platform every blog of this spider must be on (None: detect it per blog)
    forced_platform: str | None = None

    def __init__(
        self,
        url: str | None = None,
        urls: Iterable[str] | None = None,
        sources: Iterable[Source] | None = None,
        source: str | None = None,
        platform: str = "auto",
        include_pages: bool | str = False,
        scope: str | None = None,
        full: bool | str = False,
        since: str | datetime | None = None,
        detect_only: bool | str = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        given = list(urls or []) + [u for u in (url or "").split(",") if u.strip()]
        configs = list(sources or []) + [
            Source(name=source or _default_source(u), url=u.strip(), platform=self.forced_platform or platform,
                   include_pages=_flag(include_pages), scope=check_scope(scope or None))
            for u in given
        ]
        if not configs:
            raise ValueError("give the blog's address: -a url=https://example.blogspot.com/")
        self.blogs = [Blog(config=c) for c in configs]
        self._discoveries: dict[str, Discovery] = {}
        self.full = _flag(full)
        self.detect_only = _flag(detect_only)  # settle each blog's platform, fetch nothing more
        self.since = _since(since)
        self.seen_posts: set[str] = set()
        self.answered_posts: set[str] = set()  # posts whose page answered (a redirect to one is not followed)
        self.known_not_posts: set[str] = set()  # listed pages an earlier run found not to be posts
        self._session: CrawlSession | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "BaseBlogSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.max_page_bytes = crawler.settings.getint("ARCHIVER_MAX_PAGE_BYTES")
        budget = KeepBudget(crawler.settings.getint("ARCHIVER_WALK_KEEP_BYTES"))
        for blog in spider.blogs:
            blog.shape.budget = budget
        crawler.signals.connect(spider.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    @property
    def session(self) -> CrawlSession | None:
        """The crawl's session (the ``CrawlSession`` extension); None when the crawl has none."""
        if self._session is None:
            self._session = self.crawler.get_extension(CrawlSession)
        return self._session

    def spider_opened(self) -> None:
        """Name the start addresses' hosts, which may be private (archiver/addresses.py); give the session
        what it keeps for the whole run: each source's date range, and the spider's part of the summary."""
        exempt_start_hosts([blog.config.url for blog in self.blogs])
        if self.session is not None:
            self.session.date_ranges = {blog.source: self.date_range(blog.source) for blog in self.blogs}
            self.session.summary_parts.append(self.judge_blogs)

    async def start(self) -> AsyncIterator[Any]:
        for blog in self.blogs:
            yield scrapy.Request(
                blog.start_url,
                callback=self.parse_start,
                errback=self.start_failed,
                cb_kwargs={"blog": blog},
                dont_filter=True,
            )

    # -- which platform ------------------------------------------------------------------

    def discovery(self, platform: str) -> Discovery:
        if platform not in self._discoveries:
            self._discoveries[platform] = self.discoveries[platform](self)
        return self._discoveries[platform]

    def parse_start(self, response: Response, blog: Blog) -> Iterable[Any]:
        """The blog's start page: settle its platform from the page itself, then discover."""
        blog.root = site_root(response.url)
        # Any page of a blog archives the whole blog; only a folder ("/opinion/") or --scope limits it.
        blog.scope = blog.config.scope or folder_scope(response.url)
        blog.seeds = page_links(response, blog.root) if hasattr(response, "text") else []
        # Most start pages list posts; one that is a post repeats only classes no post has once (its comments).
        blog.shape.learn_listing(response)
        last = self.session.state.blog(blog.source) if self.session and not self.full else None
        blog.shape.last_run_complete = bool(last and last["complete"])
        if hasattr(response, "text") and urlsplit(response.url).path in ("", "/", blog.scope):
            # The home page lists posts: a sign of an article it shows too is on every page (a theme that
            # calls every page an article in og:type), and tells nothing.
            blog.home_signs = frozenset(article_signs(response))
        wanted = blog.config.platform if blog.config.platform != "auto" else None
        seen = platform_from_markup(response)
        if wanted in (None, seen) and seen in self.discoveries:
            yield from self.begin(response, blog, seen)
        elif wanted is not None and wanted != BLOGGER:
            yield from self.begin(response, blog, wanted)  # the user said so; nothing to confirm
        else:
            # A custom-domain homepage may carry no platform marks: the blog's own feed or API tells.
            yield self._probe(response, blog, [p for p in (BLOGGER, WORDPRESS) if wanted in (None, p)])

    def begin(self, response: Response, blog: Blog, platform: str) -> Iterable[Any]:
        blog.platform = platform
        self.crawler.stats.inc_value(f"archiver/blogs/{platform}")
        logger.info("%s: %s", blog.start_url, platform)
        if not self.detect_only:
            yield from self.discovery(platform).begin(response, blog)

    def _probe(self, start: Response, blog: Blog, candidates: list[str]) -> scrapy.Request:
        return scrapy.Request(
            blog.root + _PROBES[candidates[0]], callback=self._probed, errback=self._probe_failed, dont_filter=True,
            cb_kwargs={"start": start, "blog": blog, "candidates": candidates}, priority=10,
        )

    def _probed(self, response: Response, start: Response, blog: Blog, candidates: list[str]) -> Iterable[Any]:
        confirm = is_blogger_feed if candidates[0] == BLOGGER else lists_wordpress_posts
        if confirm(response.body):
            yield from self.begin(start, blog, candidates[0])
        else:
            yield from self._next_probe(start, blog, candidates)

    def _probe_failed(self, failure: Failure) -> Iterable[Any]:
        kwargs = failed_request(failure).cb_kwargs
        yield from self._next_probe(kwargs["start"], kwargs["blog"], kwargs["candidates"])

    def _next_probe(self, start: Response, blog: Blog, candidates: list[str]) -> Iterable[Any]:
        if candidates[1:]:
            yield self._probe(start, blog, candidates[1:])
        elif GENERIC in self.discoveries and blog.config.platform == "auto":
            yield from self.begin(start, blog, GENERIC)
        else:
            if blog.config.platform == BLOGGER or self.forced_platform == BLOGGER:
                blog.error = f"{blog.start_url} is not a Blogger blog (no Blogger markup or feed)"
            else:
                blog.error = f"{blog.start_url} is not a blog archiver can read (no platform found)"
            self.crawler.stats.inc_value("archiver/blogs/failed")
            logger.info("%s", blog.error)  # the CLI reports it; the log keeps it

    def on_idle(self) -> None:
        """The listings read so far are done: for each blog, judge whether they can be trusted; if not,
        walk its archive pages; keep a walk going until its frontier is empty."""
        requests: list[scrapy.Request] = []
        for blog in self.blogs:
            if not blog.platform or blog.error or blog.broken or self.detect_only:
                continue
            try:
                requests += self._next_requests(blog)
            except Exception as error:  # noqa: BLE001  (one blog's bug must not stop the others)
                blog.broken = True
                # Scrapy would log it and go on as if the blog were done: it is counted as an error in
                # archiver's own code instead, and its traceback kept for the run report.
                logger.error("judging the listings of %s raised %s: %s", blog.source, type(error).__name__, error)
                if self.session:
                    self.session.code_error(blog.source, Failure())
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider

    def _next_requests(self, blog: Blog) -> list[scrapy.Request]:
        """What a blog whose listings are read asks next: a freshness check, its walk, or more of it."""
        assert blog.platform is not None  # on_idle asks only for blogs whose platform is settled
        discovery = self.discovery(blog.platform)
        if not blog.checked:
            blog.checked = True
            checks = list(discovery.freshness_check(blog))
            if checks:
                return checks
        if blog.verdict is None:
            blog.verdict = self.verdict(blog)
            if blog.verdict == "walk":
                return list(discovery.start_walk(blog))
        elif blog.walk is not None and blog.walk.in_flight == 0:
            requests = list(discovery.pump(blog))
            if requests:
                return requests
        if not blog.shape.judged and (blog.walk is None or blog.walk.in_flight == 0):
            return list(discovery.judge_unplaced(blog))
        return []

    def verdict(self, blog: Blog) -> str:
        """How the blog's cheap listings ended: "listings" when one read to its end lists every post
        found and the blog's own count is met, "limit" when the source's limit is reached, "last run"
        when they agree with the last complete run's, else "walk"."""
        if blog.config.limit is not None and blog.posts_found >= blog.config.limit:
            return "limit"
        broken = {channel for _, _, channel in blog.failed_listings}
        ranged = bool(self.since) or blog.limited
        counted = blog.expected is None or ranged or blog.found >= blog.expected
        # A listing whose every page turned out not to be a post lists no post: it cannot vouch for the blog; nor
        # can one most of whose posts are not there (a sitemap of addresses the site no longer answers).
        vouching = [c for c in blog.exhaustive - broken if not self.stale(blog, c)]
        if counted and blog.post_keys and any(blog.channels.get(c, set()) >= blog.post_keys for c in vouching):
            return "listings"
        if self.agrees_with_last_run(blog):
            return "last run"
        return "walk"

    @staticmethod
    def stale(blog: Blog, channel: str) -> bool:
        """Whether most of the posts ``channel`` named answered 404 or 410."""
        listed = blog.channels.get(channel, set())
        return len(listed & blog.gone) * 2 > len(listed)

    def agrees_with_last_run(self, blog: Blog) -> bool:
        """An unchanged blog need not be walked again: its last run was complete, its count is the last
        one plus the new posts listed, and the listings reach back to posts already archived."""
        last = self.session.state.blog(blog.source) if self.session and not self.full else None
        if last is None or not last["complete"]:
            return False
        if blog.expected is None:
            counted = last["expected"] is None
        else:
            counted = last["expected"] is not None and blog.expected == last["expected"] + blog.new_posts
        known_listed = blog.found - blog.new_posts
        return counted and (known_listed > 0 or (blog.expected is not None and not blog.new_posts))

    def walk_reason(self, blog: Blog) -> str:
        """Why the cheap listings left doubt, for the log."""
        if blog.expected is not None and blog.found < blog.expected:
            return f"{blog.found} of {blog.expected} posts listed; {blog.expected_from} says {blog.expected}"
        if blog.failed_listings:
            return f"{len(blog.failed_listings)} listing pages failed"
        if blog.gone:
            return f"{len(blog.gone)} of the posts the listings named are not there (404 or 410)"
        return "no listing was read to its end"

    def start_failed(self, failure: Failure) -> Iterable[Any]:
        request = failed_request(failure)
        blog: Blog = request.cb_kwargs["blog"]
        url = request.url
        if failure.check(IgnoreRequest) and "robots.txt" in str(failure.value) and site_root(url) != url:
            # A label page on blogspot (robots.txt forbids /search): the blog is read from its home.
            logger.info("%s: forbidden by robots.txt; starting from the site's home", url)
            yield scrapy.Request(site_root(url), callback=self.parse_start, errback=self.start_failed,
                                 cb_kwargs={"blog": blog}, dont_filter=True)
            return
        blog.error = describe_failure(failure, blog.start_url)
        self.crawler.stats.inc_value("archiver/blogs/failed")
        logger.info("%s", blog.error)  # the CLI reports it; the log keeps it

    # -- posts ---------------------------------------------------------------------------

    def post_request(
        self, url: str, blog: Blog, hints: dict[str, Any] | None = None, validators: dict[str, Any] | None = None,
        callback: Any = None, channel: str = "listing", conditional: bool = True,
    ) -> scrapy.Request | None:
        """A request for a post page that ``channel`` lists; None when it was already asked for, is out
        of range or unchanged. ``conditional``: a post archived before is asked for with its validators (the
        server may answer 304, without the page)."""
        url = self.known_form(canonicalize_url(url))
        hints = {**(hints or {}), "platform": blog.platform}
        validators = validators or {}
        booked, known = self.book_post(url, blog, channel, hints, validators)
        if not booked:
            return None
        known = None if self.full else known
        if known is not None and known.unchanged_by_listing(validators):
            self.crawler.stats.inc_value("archiver/posts/unchanged")
            blog.note_post_page(url)  # archived before: a post page a walk may go on from
            return None
        headers = {}
        if known is not None and conditional:
            # The listing cannot tell: ask the server, which answers 304 when nothing changed.
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
        return scrapy.Request(
            url,
            headers=headers,
            dont_filter=True,  # asked once by its key; a redirect to a post already asked for is booked once
            callback=callback or self.parse_post,
            errback=self.post_failed,
            cb_kwargs={"blog": blog, "hints": hints, "validators": validators},
            # The extraction worker keeps the page in WARC (archiver_capture_in_worker), with these hints.
            meta={"handle_httpstatus_list": [304], "archiver_capture_in_worker": True, "archiver_channel": channel,
                  "archiver_maybe_post": True,
                  "archiver_warc_metadata": {"url": url, "source": blog.source, "hints": hints,
                                             # the listing's dates, for a run that must recover this one's books
                                             "validators": {k: validators[k] for k in VALIDATOR_FIELDS if validators.get(k)}},
                  "download_maxsize": self.max_page_bytes},
        )

    def known_form(self, url: str) -> str:
        """The address a listing gives, or its other form (with or without the path's final "/") when only
        that one is a post the crawl state knows: a feed linking ``/aws/amplify`` to a post the server moves
        to ``/aws/amplify/`` would otherwise have it fetched anew, and fully, by every run."""
        if self.full or not self.session or self.session.state.get(post_key(url)) is not None:
            return url
        other = other_slash_form(url)
        return other if other is not None and self.session.state.get(post_key(other)) is not None else url

    def date_range(self, source: str) -> tuple[datetime | None, datetime | None]:
        """The (since, until) dates posts of ``source`` must fall in; None where open."""
        config = next((b.config for b in self.blogs if b.source == source), None)
        since = max([d for d in (self.since, config.since if config else None) if d], default=None)
        return since, config.until if config else None

    def in_scope(self, url: str, blog: Blog, hints: dict[str, Any], validators: dict[str, Any]) -> bool:
        """The source's folder, patterns, date range and post limit, applied before anything is fetched."""
        config = blog.config
        if not config.wants(url) or not in_folder(url, blog.scope):
            self.crawler.stats.inc_value("archiver/posts/excluded")
            return False
        since, _ = self.date_range(blog.source)
        published = _moment(hints.get("published"))
        # A sitemap's lastmod is never before the post's publication: it can only tell a post is too old.
        modified = _moment(validators.get("sitemap_lastmod"))
        dated = published or modified
        too_old = bool(since and dated and dated < since)
        too_new = bool(config.until and published and published > config.until)
        if too_old or too_new:
            self.crawler.stats.inc_value("archiver/posts/out_of_range")
            return False
        if config.limit is not None and blog.posts_found >= config.limit:
            self.crawler.stats.inc_value("archiver/posts/over_limit")
            return False
        return True

    def accept_post(self, response: Response, blog: Blog, channel: str, validators: dict[str, Any] | None = None
                    ) -> Iterable[PageSnapshot]:
        """A page found to be a post once fetched (a link the walk could not place): book it and archive it
        (with ``validators``, what is kept of it beside the page's own: the walk's links)."""
        hints = {"platform": blog.platform}
        # Booked at the address the page was asked for: when that redirected (a moved post's stub), parse_post
        # then books the post at its new address, once, as it does for a listed address that redirects.
        asked = (response.meta.get("redirect_urls") or [response.url])[0]
        if self.book_post(canonicalize_url(asked), blog, channel, hints, {})[0]:
            yield from self.parse_post(response, blog, hints, validators or {})

    def book_post(self, url: str, blog: Blog, channel: str, hints: dict[str, Any], validators: dict[str, Any]
                  ) -> tuple[bool, KnownPost | None]:
        """Book a post ``channel`` lists (at its canonical ``url``) in the blog's books, once; return whether
        it is to be archived (first met, and in the source's range) and what the crawl state knows of it."""
        key = post_key(url)
        if self.known_not_post(key, validators):
            return False, None
        blog.listed(channel, key)
        if key in self.seen_posts:
            return False, None
        self.seen_posts.add(key)
        blog.post_keys.add(key)
        self.crawler.stats.inc_value(f"archiver/posts/found_by/{channel}")
        known = self.session.state.get(key) if self.session else None
        if known is None:
            blog.new_posts += 1
        if not self.in_scope(url, blog, hints, validators):
            return False, known
        blog.posts_found += 1
        self.crawler.stats.inc_value("archiver/posts/found")
        return True, known

    def known_not_post(self, key: str, validators: dict[str, Any]) -> bool:
        """Whether an earlier run found the page at ``key`` not to be a post (its platform's markup said so):
        it is not asked for again, unless its sitemap dates it anew or the run is ``--full``."""
        if key in self.known_not_posts:
            return True
        if self.full or not self.session:
            return False
        known = self.session.state.not_post(key)
        if known is None or not known.unchanged_by_listing(validators):
            return False
        self.known_not_posts.add(key)
        self.crawler.stats.inc_value("archiver/posts/known_not_posts")
        return True

    def parse_post(
        self, response: Response, blog: Blog, hints: dict[str, Any], validators: dict[str, Any]
    ) -> Iterable[PageSnapshot]:
        request = response.request
        assert request is not None  # Scrapy gives every response it passes to a callback its request
        key = post_key(request.url)
        booked = post_key(response.meta["redirect_urls"][0]) if response.meta.get("redirect_urls") else key
        if key != booked:
            if self.moved(blog, booked, key):
                self.crawler.stats.inc_value("archiver/posts/redirected_to_known")
                return
        blog.post_keys.add(key)
        self.seen_posts.add(key)
        validators = {**validators, "etag": _header(response, b"ETag"), "last_modified": _header(response, b"Last-Modified")}
        blog.note_post_page(response.url)
        if response.status == 304:
            self._answered(blog, key)
            self.crawler.stats.inc_value("archiver/posts/unchanged")
            if self.session:
                self.session.state.refresh_validators(key, validators, self.session.run_id)
            return
        if not isinstance(response, TextResponse):
            self._post_failure(response.url, "not an HTML page")
            return
        discovery = self.discovery(blog.platform) if blog.platform in self.discoveries else None
        if discovery is not None and (why := discovery.not_a_post(response)):
            self.leave_out(response.url, blog, key, why, validators, also=booked)
            return
        self._answered(blog, key)
        if discovery is not None and discovery.leaves_pages_undecided:
            blog.shape.learn_post(response, marked=discovery.is_post_page(response, blog) is True)
        if self.session:
            self.session.pending[key] = {**validators, "post_id": hints.get("post_id")}
        fetched_at = datetime.now(timezone.utc)
        warc_file, warc_record_id = response.meta.get("archiver_warc", (None, None))
        yield PageSnapshot(
            url=request.url,
            final_url=response.url,
            html="",  # decoded by the extraction worker, off the reactor
            http_status=response.status,
            fetched_at=fetched_at,
            source=blog.source,
            platform=blog.platform or GENERIC,
            hints=hints,
            raw=capture(response, fetched_at, response.meta.get("archiver_warc_metadata")),
            # A page met as a listing first is already in WARC; a post page is kept by its worker.
            warc_file=warc_file,
            warc_record_id=warc_record_id,
        )

    def leave_out(self, url: str, blog: Blog, key: str, why: str, validators: dict[str, Any], also: str | None = None
                  ) -> None:
        """A page booked as a post at ``key`` is none: left out, and remembered so later runs do not ask for it
        again, at ``also`` too (the address it was listed at, when it answered from another)."""
        self.forget_post(blog, key)
        self.crawler.stats.inc_value("archiver/posts/not_posts")
        logger.info("%s is not a post (%s): left out", url, why)
        if self.session:
            for address in {key, also or key}:  # the listing may give either
                self.session.state.book_not_post(address, blog.source, why, validators.get("sitemap_lastmod"),
                                                 self.session.run_id)

    def _answered(self, blog: Blog, key: str) -> None:
        """A post's page answered (a 304 too): a redirect that leads to it is not followed again."""
        self.answered_posts.add(key)
        blog.shape.answered()

    def moved(self, blog: Blog, booked: str, key: str) -> bool:
        """A post booked at ``booked`` answered from ``key`` (an HTTP redirect, a meta refresh): it is archived,
        and known to the state, at its new address, booked there once however many old addresses led to it.
        The listings that named the old address named the post. True when it was booked there already."""
        channels = [c for c, listed in blog.channels.items() if booked in listed]
        self.forget_post(blog, booked)
        for channel in channels:
            blog.listed(channel, key)
        if key in self.seen_posts:
            return True
        blog.posts_found += 1
        self.crawler.stats.inc_value("archiver/posts/found")
        return False

    def post_failed(self, failure: Failure) -> None:
        request = failed_request(failure)
        if failure.check(RedirectsToKnownPost):
            # Not fetched twice (KnownPostRedirectMiddleware): the post is asked for at its own address.
            self.moved(request.cb_kwargs["blog"], post_key(request.meta["redirect_urls"][0]), post_key(request.url))
            return
        if failure.check(IgnoreRequest) and "robots.txt" in str(failure.value):
            # The site's robots.txt asks archiver not to fetch it: left out, not failed.
            self.crawler.stats.inc_value("archiver/posts/forbidden")
            logger.info("%s: forbidden by robots.txt", request.url)
            return
        if (failure.check(HttpError) and failure.value.response.status in (404, 410)
                and request.meta.get("archiver_channel") == "walk"):
            # A link on the blog's own pages to a post that is not there: a dead link, not a lost post.
            blog = request.cb_kwargs["blog"]
            self.forget_post(blog, post_key(request.url))
            blog.dead_links += 1
            self.crawler.stats.inc_value("archiver/walk/dead_links")
            logger.info("dead link %s", request.url)
            return
        if failure.check(HttpError) and failure.value.response.status in (404, 410) and "blog" in request.cb_kwargs:
            # A listing named it (the address it was booked by, before any redirect): still a failure.
            request.cb_kwargs["blog"].gone.add(post_key((request.meta.get("redirect_urls") or [request.url])[0]))
        self._post_failure(request.url, failure_reason(failure, request.url))

    def second_address(self, source: str, url: str) -> None:
        """The page at ``url`` is a post this run archived from another address (``VersionsPipeline``): one
        post, counted once against the blog's own count of its posts, so a walk stopped by that count goes on;
        and remembered, so later runs do not ask for it again (where the other address answers 304, nothing
        would tell it from a new post: a rerun archived 236 such copies of a real blog's posts)."""
        for blog in self.blogs:
            if blog.source == source:
                blog.second_addresses.add(post_key(url))
        if self.session:
            self.session.state.book_not_post(post_key(url), source, "a second address of a post archived from another",
                                             None, self.session.run_id)

    def forget_post(self, blog: Blog, key: str) -> None:
        """A page booked as a post turned out not to be one: take it out of the blog's books."""
        blog.post_keys.discard(key)
        for listed in blog.channels.values():
            listed.discard(key)
        blog.posts_found -= 1
        self.crawler.stats.inc_value("archiver/posts/found", -1)

    def _post_failure(self, url: str, reason: str) -> None:
        self.crawler.stats.inc_value("archiver/posts/fetch_failed")
        logger.warning("could not fetch %s: %s", url, reason)
        if self.session is not None:
            self.session.post_failed(url, reason)

    def listing_failed(self, failure: Failure) -> None:
        """A feed, sitemap, API or archive page failed. A listing the blog need not have (its sitemap, its
        API) that is missing or closed, or a link the walk followed that is dead (404), is noted, not
        counted: the rest broke a listing."""
        request = failed_request(failure)
        blog: Blog | None = request.cb_kwargs.get("blog")
        channel = request.meta.get("archiver_channel", "listing")
        reason = describe_failure(failure, request.url)
        if failure.check(IgnoreRequest) and "robots.txt" in str(failure.value):
            self.crawler.stats.inc_value("archiver/listings/forbidden")
            logger.info("listing %s: forbidden by robots.txt", request.url)
            if blog is not None and blog.walk is not None and channel == "walk" and blog.walk.lists_posts(post_key(request.url)):
                blog.forbidden_listings.append(request.url)
            return
        status = failure.value.response.status if failure.check(HttpError) else None
        gone = status in (404, 410)
        # A blog need not have a sitemap or an open API: missing, or closed to the public, it is absent.
        if blog is None or (status in (401, 403, 404, 410) and request.meta.get("archiver_absent_ok")):
            logger.info("listing %s unavailable: %s", request.url, reason)
            return
        if gone and channel == "walk":
            blog.dead_links += 1
            self.crawler.stats.inc_value("archiver/walk/dead_links")
            logger.info("dead link %s", request.url)
            return
        blog.failed_listings.append((request.url, reason, channel))
        logger.warning("listing %s failed: %s", request.url, reason)
        self.crawler.stats.inc_value("archiver/listings/failed")

    def listing_broke(self, blog: Blog, url: str, reason: str, channel: str) -> None:
        """A listing answered, but wrongly (a feed page repeating an earlier one): it cannot be trusted."""
        blog.failed_listings.append((url, reason, channel))
        logger.warning("listing %s: %s", url, reason)
        self.crawler.stats.inc_value("archiver/listings/failed")

    # -- the end -------------------------------------------------------------------------

    def judge_blogs(self, reason: str) -> dict[str, Any]:
        """The spider's part of the run's summary, when the crawl ends: each blog's completeness (recorded
        in the state for the next run), posts no longer listed flagged, the blogs that failed."""
        assert self.session is not None
        stats = self.crawler.stats
        for blog in self.blogs:
            # No post at all is a failure, whatever the platform, unless the blog's own count says it has none
            # or agrees with the last complete run's (a WordPress blog whose every link was skipped was once
            # called complete with no post archived).
            if (blog.platform and not blog.post_keys and blog.expected != 0 and blog.verdict != "last run"
                    and not blog.error and not self.detect_only):
                undecided = f"; {blog.shape.undecided} pages could not be told from posts" if blog.shape.undecided else ""
                blog.error = f"{blog.start_url}: found no posts (no sitemap, feed or article page led to one{undecided})"
        blogs = [] if self.detect_only else [
            b.report(self.since, stats.get_value(f"archiver/store/records/{b.source}", 0)) for b in self.blogs if b.platform]
        if reason == "finished":
            for blog, report in zip([b for b in self.blogs if b.platform], blogs):
                if blog.error:
                    continue
                self.session.state.record_blog(blog.source, report, self.session.run_id)
                # Only a blog whose listings were all read, and add up, can say a post is gone.
                if report["complete"] and blog.verdict in ("listings", "walk") and not self.since and not blog.limited:
                    stats.inc_value("archiver/posts/missing", self.session.state.mark_missing(blog.source, blog.post_keys))
        return {
            "urls": [b.start_url for b in self.blogs], "blog_errors": [b.error for b in self.blogs if b.error],
            "blogs": blogs, "incomplete": [incomplete_line(b) for b in blogs if b["incomplete_cause"]],
            "platforms": {b.source: b.platform for b in self.blogs},
            "full": self.full, "since": self.since.isoformat() if self.since else None,
        }


def incomplete_line(report: dict[str, Any]) -> str:
    """The summary's line for a blog whose archive may miss posts."""
    return f"incomplete: {report['source']}: {report['incomplete_cause']}"


def folder_scope(url: str) -> str:
    """The folder a start address limits a crawl to: its path when it names a folder that is not one of a
    blog's listings ("/opinion/"), else the whole site ("/")."""
    path = urlsplit(url).path or "/"
    if not path.endswith("/") or listing_rank(url) is not None or path.startswith(("/search/", "/p/")):
        return "/"
    return scope_path(url)


def failed_request(failure: Failure) -> scrapy.Request:
    """The request an errback's failure is about: Scrapy sets it on the failure as an attribute, which
    Twisted's Failure class does not declare."""
    request: scrapy.Request = failure.request  # type: ignore[attr-defined]  # set by Scrapy, see above
    return request


def describe_failure(failure: Failure, url: str) -> str:
    """One line saying why a request for ``url`` failed, naming it."""
    return f"{url}: {failure_reason(failure, url)}"


def failure_reason(failure: Failure, url: str) -> str:
    """Why a request for ``url`` failed, for a line that already names it (a post's failure)."""
    if failure.check(HttpError):
        return f"answered HTTP {failure.value.response.status}"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return f"host {host_of(url)} not found"
    if failure.check(ConnectError, TimeoutError, TCPTimedOutError, DownloadConnectionRefusedError, DownloadTimeoutError):
        return f"host {host_of(url)} did not answer"
    if failure.check(DownloadFailedError):
        return f"download failed ({failure.getErrorMessage()})"
    return failure.getErrorMessage() or failure.type.__name__


def _default_source(url: str) -> str:
    """A blog's source name by default: its host (and port), without ``www.``."""
    return site_root(canonicalize_url(url.strip())).split("://", 1)[-1].strip("/").removeprefix("www.")


def _flag(value: bool | str) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def _since(value: str | datetime | None) -> datetime | None:
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else parse_iso(str(value))
    if moment is None:
        raise ValueError(f"since: not a date: {value!r} (expected YYYY-MM-DD)")
    return assume_utc(moment)


def _moment(text: str | None) -> datetime | None:
    """A listing's date as an aware datetime (UTC when it gives no offset); None when it gives none."""
    moment = parse_iso(text) if text else None
    if moment is None:
        return None
    return assume_utc(moment)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
