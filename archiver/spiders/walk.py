"""The archive walk: a blog's own listing pages (archives, labels, pagers) read until none is left unread.

Feeds, sitemaps and APIs are cheap but often partial on real blogs (cut to their newest items,
stale, blocked for some routes). When they leave doubt, discovery walks the blog's own pages: a
frontier of listing pages, read cheapest-to-most-redundant first, each adding the posts and
listing pages it links to. The walk ends when the frontier is empty, when the blog's own count
of its posts is reached, or at its page cap (``ARCHIVER_WALK_MAX_PAGES``), which it reports.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field

#: Ranks of listing pages, read lowest first: date archives and the home page's pager list every
#: post once; labels, categories and authors repeat them; tag pages repeat them most; any other
#: page of the blog is read last.
RANK_DATE, RANK_PAGER, RANK_SECTION, RANK_TAG, RANK_OTHER = range(5)


@dataclass
class ArchiveWalk:
    """The frontier of one blog's walk: which listing pages wait, which were read, and why it ended."""

    max_pages: int
    queue: list[tuple[int, int, str]] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  #: listing pages queued or read (keys)
    ranks: dict[str, int] = field(default_factory=dict)  #: listing page (key) -> its rank
    post_sets: set[frozenset[str]] = field(default_factory=set)  #: the posts each read page listed
    pages_read: int = 0
    pages_asked: int = 0
    in_flight: int = 0
    capped: bool = False  #: the page cap stopped it with pages left unread
    cap_reported: bool = False  #: the console was told
    repeats: int = 0  #: pages that listed exactly the posts of a page read before (pager loops)
    post_pages_read: set[str] = field(default_factory=set)  #: post pages read for their links, the frontier dry
    refunded: set[str] = field(default_factory=set)  #: pages nothing placed, refunded as they look like posts
    _order: itertools.count = field(default_factory=itertools.count)

    def add(self, key: str, url: str, rank: int) -> bool:
        """Queue a listing page unless it is known; True when it was new."""
        if key in self.known:
            return False
        self.known.add(key)
        self.ranks[key] = rank
        heapq.heappush(self.queue, (rank, next(self._order), url))
        return True

    def lists_posts(self, key: str) -> bool:
        """Whether a page queued is of a kind that lists posts (an archive, a pager, a section or tag), not some
        other page of the blog (its login page, a page that may be a post)."""
        return self.ranks.get(key, RANK_OTHER) < RANK_OTHER

    def take(self) -> str | None:
        """The next page to read, or None when the frontier is empty or the cap is reached."""
        if not self.queue or not self.reserve():
            return None
        self.in_flight += 1
        return heapq.heappop(self.queue)[2]

    def reserve(self) -> bool:
        """Count a page against the cap (a listing, or a page that may be a post); False once it is reached."""
        if self.pages_asked >= self.max_pages:
            self.capped = True
            return False
        self.pages_asked += 1
        return True

    def refund(self, key: str | None = None) -> None:
        """A page reserved turned out to be a post: posts do not count against the cap. A page nothing placed
        (``key``) is refunded once, when it first looks like a post (the blog's posts carry no mark a page
        says "post" by, and the pages are judged when discovery ends) or when it is judged one."""
        if key is not None:
            if key in self.refunded:
                return
            self.refunded.add(key)
        self.pages_asked -= 1

    def done_with(self, posts: set[str] | None) -> bool:
        """A page was read (``posts``: the post keys it lists) or failed (None). Returns False when
        the page repeats the posts of a page read before: its onward links lead nowhere new."""
        self.in_flight -= 1
        if posts is None:
            return True
        self.pages_read += 1
        if len(posts) < 2:
            return True  # one post alone says little: a year and its only month list the same one
        listed = frozenset(posts)
        if listed in self.post_sets:
            self.repeats += 1
            return False
        self.post_sets.add(listed)
        return True

    @property
    def exhausted(self) -> bool:
        """Nothing left to read and nothing being read."""
        return not self.queue and self.in_flight == 0

    @property
    def left(self) -> int:
        return len(self.queue)
