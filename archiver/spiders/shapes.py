"""What a blog's post pages look like, learned from its own pages: for themes that mark nothing.

The walk judges a page it cannot place by its address with the platform's markup and the marks
of an article (``pages.py``). Some themes carry neither: a post page is a heading, a ``<p
class="post_author">`` and a ``<div class="format_text">``, and nothing on it says "post". Such a
blog's listings still name some of its posts (a feed's newest ten), and its listing pages still
show many posts each, in the same markup. A post's own marks are then the element classes that
occur exactly once on every post page read this run and more than once on some listing page read
(the markup of one entry, repeated on the listings). Furniture (the masthead, the sidebar) is once
on every page, or many times on every page, and so is never a mark; a static page (About) lacks the
entry's meta line. A page the walk could not place is a post when it carries every mark exactly
once. With no mark learned, nothing is decided: the walk's summary says how many pages it could
not judge.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

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


@dataclass
class PostShape:
    """One blog's post-page marks, learned as its pages are read, and the pages waiting to be judged by them."""

    posts_read: int = 0  #: post pages learned from
    posts_unmarked: int = 0  #: of those, pages neither the platform's markup nor an article's marks named a post
    once_on_posts: frozenset[str] | None = None  #: classes exactly once on every post page read
    repeated_on_listings: set[str] = field(default_factory=set)  #: classes more than once on a listing page
    #: pages the walk fetched that nothing on them placed: address -> the classes exactly once on them
    unplaced: dict[str, frozenset[str]] = field(default_factory=dict)
    judged: bool = False  #: the unplaced pages were judged (once, when the walk ended)

    def learn_post(self, response: Response, marked: bool) -> None:
        """A page known to be one of the blog's posts; ``marked``: its markup said so."""
        once = _once(class_counts(response))
        self.once_on_posts = once if self.once_on_posts is None else self.once_on_posts & once
        self.posts_read += 1
        self.posts_unmarked += not marked

    def learn_listing(self, response: Response) -> None:
        """A page known to list posts (the home page, an archive)."""
        self.repeated_on_listings.update(token for token, count in class_counts(response).items() if count > 1)

    def leave_unplaced(self, url: str, response: Response) -> None:
        self.unplaced[url] = _once(class_counts(response))

    @property
    def marks(self) -> frozenset[str]:
        """The classes that say "post" on this blog (none learned yet: empty)."""
        return (self.once_on_posts or frozenset()) & self.repeated_on_listings

    def judge(self) -> list[str]:
        """The unplaced pages that carry every mark: the blog's posts, to be archived."""
        self.judged = True
        marks = self.marks
        if not marks:
            return []
        posts = [url for url, once in self.unplaced.items() if marks <= once]
        for url in posts:
            del self.unplaced[url]
        return posts

    @property
    def undecided(self) -> int:
        """Pages the walk could not judge: its posts went unrecognised by their markup, and no marks were
        learned to tell them from other pages. Such an archive may miss posts."""
        return len(self.unplaced) if self.judged and self.posts_unmarked and not self.marks else 0
