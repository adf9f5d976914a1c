"""What a blog's post pages look like, learned from its own pages: for themes that mark nothing.

The walk judges a page it cannot place by its address with the platform's markup and the marks
of an article (``pages.py``). Some themes carry neither: a post page is a heading, a ``<p
class="post_author">`` and a ``<div class="format_text">``, and nothing on it says "post". Such a
blog's listings still name some of its posts (a feed's newest ten), and its listing pages still
show many posts each, in the same markup. A post's own marks are then the element classes that
occur exactly once on every post page read this run and more than once on some other page read (the
markup of one entry, repeated on the listings; a listing may be among the pages nothing placed, as a
Movable Type blog's month archives are, under names no walk knows). Furniture (the masthead, the sidebar) is once
on every page, or many times on every page, and so is never a mark; a static page (About) lacks the
entry's meta line. A page the walk could not place is a post when it carries every mark exactly
once. With no mark learned, nothing is decided: the blog's summary says how many pages could not be
judged. Pages a sitemap lists on a site of no known platform wait the same way (a sitemap lists
every page of a site; a feed's items are posts).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from scrapy.http import Response, TextResponse


def class_counts(response: Response) -> Counter[str]:
    """How often each element class occurs in the page's body, as ``tag.class`` ("p.post_author")."""
    counts: Counter[str] = Counter()
    if not isinstance(response, TextResponse):
        return counts
    root = response.selector.root
    body = root.find("body") if hasattr(root, "find") else None
    for element in (body if body is not None else root).iter():
        classes = element.get("class") if isinstance(element.tag, str) else None
        if classes:
            counts.update(f"{element.tag}.{name}" for name in set(classes.split()))
    return counts


def _once(counts: Counter[str]) -> frozenset[str]:
    return frozenset(token for token, count in counts.items() if count == 1)


@dataclass(frozen=True)
class UnplacedPage:
    """A fetched page nothing on it placed: where it is, who named it, the classes exactly once on it."""

    url: str
    channel: str  #: "walk", or the listing that named it ("sitemap")
    once: frozenset[str]
    answer: Response | None = None  #: the page as it answered, while the blog's bound allows keeping it


@dataclass
class KeepBudget:
    """The bytes of pages the whole crawl may keep in memory for the judgement (ARCHIVER_WALK_KEEP_BYTES)."""

    limit: int = 0
    used: int = 0

    def take(self, size: int) -> bool:
        if self.used + size > self.limit:
            return False
        self.used += size
        return True


@dataclass
class PostShape:
    """One blog's post-page marks, learned as its pages are read, and the pages waiting to be judged by them."""

    posts_answered: int = 0  #: post pages that answered, unchanged (304) or not
    posts_read: int = 0  #: post pages learned from
    posts_unmarked: int = 0  #: of those, pages neither the platform's markup nor an article's marks named a post
    once_on_posts: frozenset[str] | None = None  #: classes exactly once on every post page read
    repeated_elsewhere: set[str] = field(default_factory=set)  #: classes more than once on a page not a known post
    #: pages fetched that nothing on them placed, by their post key
    unplaced: dict[str, UnplacedPage] = field(default_factory=dict)
    judged: bool = False  #: the unplaced pages were judged (once, when the walk ended)
    budget: KeepBudget = field(default_factory=KeepBudget)  #: the crawl's, shared by its blogs

    def answered(self) -> None:
        """A post's page answered (a 304 too: the post is there, though nothing is learned from it)."""
        self.posts_answered += 1

    def learn_post(self, response: Response, marked: bool) -> None:
        """A page known to be one of the blog's posts; ``marked``: its markup said so."""
        once = _once(class_counts(response))
        self.once_on_posts = once if self.once_on_posts is None else self.once_on_posts & once
        self.posts_read += 1
        self.posts_unmarked += not marked

    def learn_listing(self, response: Response) -> None:
        """A page known to list posts (the home page, an archive)."""
        self._learn_other(class_counts(response))

    def _learn_other(self, counts: Counter[str]) -> None:
        self.repeated_elsewhere.update(token for token, count in counts.items() if count > 1)

    def leave_unplaced(self, key: str, url: str, response: Response, channel: str) -> None:
        """A page nothing on it placed, to be judged when discovery ends; its repeated classes are learned
        as a listing's are (it may be one)."""
        counts = class_counts(response)
        self._learn_other(counts)
        # A page that answered from another address is asked for again: its post is booked where it moved.
        redirected = response.request is not None and response.request.meta.get("redirect_urls")
        keep = not redirected and self.budget.take(len(response.body))
        self.unplaced[key] = UnplacedPage(url, channel, _once(counts), response if keep else None)

    def take_back(self, key: str) -> UnplacedPage | None:
        """A listing says an unplaced page is a post after all (a feed named it): no longer to be judged."""
        return self.unplaced.pop(key, None)

    @property
    def marks(self) -> frozenset[str]:
        """The classes that say "post" on this blog (none learned yet: empty)."""
        return (self.once_on_posts or frozenset()) & self.repeated_elsewhere

    def judge(self) -> list[UnplacedPage]:
        """The unplaced pages that carry every mark: the blog's posts, to be archived."""
        self.judged = True
        marks = self.marks
        if not marks:
            return []
        posts = [self.unplaced.pop(key) for key, page in list(self.unplaced.items()) if marks <= page.once]
        # The rest are not posts (or cannot be told from them): their answers are let go; the posts' go once
        # they are archived, but their bytes are given back now.
        self.budget.used -= sum(len(page.answer.body) for page in self.unplaced.values() if page.answer is not None)
        self.budget.used -= sum(len(page.answer.body) for page in posts if page.answer is not None)
        self.unplaced = {key: replace(page, answer=None) for key, page in self.unplaced.items()}
        return posts

    @property
    def undecided(self) -> int:
        """Pages that could not be judged: the blog's posts went unrecognised by their markup (or none was
        found at all), and no marks were learned to tell them from other pages. Such an archive may miss
        posts."""
        blind = self.posts_unmarked or not self.posts_answered
        return len(self.unplaced) if self.judged and blind and not self.marks else 0
