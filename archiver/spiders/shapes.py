"""What a blog's post pages look like, learned from its own pages: for themes that mark nothing.

The walk judges a page it cannot place by its address with the platform's markup and the signs of
an article (``pages.py``). Some themes carry neither: a post page is a heading, a ``<p
class="post_author">`` and a ``<div class="format_text">``, and nothing on it says "post". Such a
blog's listings still name some of its posts (a feed's newest ten), and its listing pages still show
many posts each, in the same markup. Pages nothing placed (the walk's, and on a site of no known
platform those only a sitemap lists) wait until discovery ends, and are judged then:

- **Marks**: the element classes exactly once on every post page read and more than once on some
  other page read: the markup of one entry, repeated on the listings (a listing may be among the
  pages nothing placed, as a Movable Type blog's month archives are). Furniture is once, or many
  times, on every page, and is never a mark. A page with every mark once is a post.
- **The post template**, when no mark can be learned (a home page showing one post in markup of its
  own, listings of bare titles): the classes once on every post read and on no listing. A page with
  nine in ten of them once is a post (the first post has no link to a previous one, an aside no meta
  line); a page with none of them is not. A blog whose posts have addresses of several shapes (one moved
  from WordPress's "/2014/06/20/slug/" to a generator's "/2019-07-16-slug/") may have a template for each
  and no class on every post: a page is judged by the template of the posts shaped like its address.
- **Address and og:type** outweigh classes: a page whose address has another shape than the posts'
  (``/blog/about/`` beside ``/blog/2014/06/20/gpg-key/``), or that calls itself other than an article
  where every post says article, is not a post (a theme's page layout may share the post layout's).

What none of this decides, on a blog whose posts carry no mark archiver knows, is undecided: the
blog's summary says how many pages could not be told from posts, and its archive is incomplete.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlsplit

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


def og_type(response: Response) -> str | None:
    if not isinstance(response, TextResponse):
        return None
    value = response.xpath("//meta[@property='og:type']/@content").get()
    return value.strip().lower() if value and value.strip() else None


def address_shape(url: str) -> tuple[str, ...]:
    """The shape of an address's path: each segment a number of so many digits ("d4") or a word ("w"), the
    last one with its extension, a trailing "/" when it has one, and its query's parameter names
    ("/2014/06/20/gpg-key/" -> d4 d2 d2 w /; "/archives/000262.html" -> w d6.html; "/?p=12" -> ?p)."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    shape = []
    for index, segment in enumerate(segments):
        stem, dot, extension = segment.rpartition(".") if index == len(segments) - 1 and "." in segment else (segment, "", "")
        shape.append((f"d{len(stem)}" if stem.isdigit() else "w") + (dot + extension.lower() if dot else ""))
    if parts.path.endswith("/") and segments:
        shape.append("/")
    shape += sorted(f"?{name}" for name, _ in parse_qsl(parts.query, keep_blank_values=True))
    return tuple(shape)


def _folder_words(url: str) -> dict[int, str]:
    """The words naming an address's folders, by position ("blog" in "/blog/2014/06/20/gpg-key/"): not its
    last segment (a post's own name), not numbers (dates, ids)."""
    segments = [s.lower() for s in urlsplit(url).path.split("/") if s]
    return {index: word for index, word in enumerate(segments[:-1]) if not word.isdigit()}


#: posts of one address shape that must share a folder's word for it to be required of a post ("blog")
_SHARED_BY = 3
#: the share of the post template a page must carry once to be a post by it
_TEMPLATE_SHARE = 0.9
#: posts of one address shape read before their own template stands for that shape
_TEMPLATE_POSTS = 2


@dataclass(frozen=True)
class UnplacedPage:
    """A fetched page nothing on it placed: where it is, who named it, the classes exactly once on it."""

    url: str
    channel: str  #: "walk", or the listing that named it ("sitemap")
    once: frozenset[str]
    classes: frozenset[str] = frozenset()  #: every class on it
    og_type: str | None = None  #: what its ``og:type`` calls it
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
    last_run_complete: bool = False  #: the crawl state says the blog's last run found its archive complete
    posts_read: int = 0  #: post pages learned from
    posts_unmarked: int = 0  #: of those, pages neither the platform's markup nor an article's marks named a post
    once_on_posts: frozenset[str] | None = None  #: classes exactly once on every post page read
    #: the same, for the posts read of each address shape: a blog that moved platforms keeps two templates
    once_by_address: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    repeated_elsewhere: set[str] = field(default_factory=set)  #: classes more than once on a page not a known post
    on_listings: set[str] = field(default_factory=set)  #: classes on any page known to list posts
    #: the address shapes of the posts read: how many, and the folder words they all share ("blog"), by position
    post_addresses: dict[tuple[str, ...], tuple[int, dict[int, str]]] = field(default_factory=dict)
    post_og_types: set[str | None] = field(default_factory=set)  #: what the posts read call themselves
    #: pages fetched that nothing on them placed, by their post key
    unplaced: dict[str, UnplacedPage] = field(default_factory=dict)
    judged: bool = False  #: the unplaced pages were judged (once, when discovery ended)
    budget: KeepBudget = field(default_factory=KeepBudget)  #: the crawl's, shared by its blogs

    def answered(self) -> None:
        """A post's page answered (a 304 too: the post is there, though nothing is learned from it)."""
        self.posts_answered += 1

    def learn_post(self, response: Response, marked: bool) -> None:
        """A page known to be one of the blog's posts; ``marked``: its markup said so."""
        self._learn_address(response.url)
        self.post_og_types.add(og_type(response))
        once = _once(class_counts(response))
        self.once_on_posts = once if self.once_on_posts is None else self.once_on_posts & once
        shape = address_shape(response.url)
        self.once_by_address[shape] = self.once_by_address[shape] & once if shape in self.once_by_address else once
        self.posts_read += 1
        self.posts_unmarked += not marked

    def _learn_address(self, url: str) -> None:
        shape, words = address_shape(url), _folder_words(url)
        count, shared = self.post_addresses.get(shape, (0, words))
        self.post_addresses[shape] = (count + 1, {i: w for i, w in shared.items() if words.get(i) == w})

    def is_post_address(self, url: str) -> bool:
        """True when ``url`` has the shape of a post's address the blog has (or no post was read), and the
        folder words the posts of that shape share, when enough of them do (categories as folders vary)."""
        if not self.post_addresses:
            return True
        count, shared = self.post_addresses.get(address_shape(url), (0, {}))
        words = _folder_words(url)
        return count > 0 and (count < _SHARED_BY or all(words.get(i) == w for i, w in shared.items()))

    def _not_a_post(self, page: UnplacedPage) -> bool:
        """What a page's address or its own og:type says against it being one of the blog's posts."""
        says_other = page.og_type is not None and page.og_type != "article" and self.post_og_types == {"article"}
        return says_other or not self.is_post_address(page.url)

    def learn_listing(self, response: Response) -> None:
        """A page known to list posts (the home page, an archive)."""
        counts = class_counts(response)
        self.on_listings.update(counts)
        self._learn_other(counts)

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
        # A copy without the parsed page the reading left on it (several times the bytes the budget counts).
        self.unplaced[key] = UnplacedPage(url, channel, _once(counts), frozenset(counts), og_type(response),
                                          response.replace() if keep else None)

    def take_back(self, key: str) -> UnplacedPage | None:
        """A listing says an unplaced page is a post after all (a feed named it): no longer to be judged."""
        return self.unplaced.pop(key, None)

    @property
    def marks(self) -> frozenset[str]:
        """The classes that say "post" on this blog (none learned yet: empty)."""
        return (self.once_on_posts or frozenset()) & self.repeated_elsewhere

    @property
    def template(self) -> frozenset[str]:
        """The classes once on every post read and on no listing: the post template, which stands in for the
        marks when no listing shows the entry's markup and the posts carry no mark archiver knows."""
        if not self.posts_unmarked or self.once_on_posts is None:
            return frozenset()
        return frozenset(self.once_on_posts - self.on_listings)

    def template_for(self, url: str) -> frozenset[str]:
        """The post template of the posts whose addresses have ``url``'s shape, where the blog's posts have
        several (a blog moved from WordPress's "/2014/06/20/slug/" to a generator's "/2019-07-16-slug/" keeps
        both templates, and no class is on every post); else the blog's."""
        shape = address_shape(url)
        own = self.once_by_address.get(shape)
        read = self.post_addresses.get(shape, (0, {}))[0]
        if len(self.once_by_address) < 2 or own is None or read < _TEMPLATE_POSTS or not self.posts_unmarked:
            return self.template  # one post is no template: each has its own pictures, quotes, lists
        return frozenset(own - self.on_listings)

    def _verdict(self, page: UnplacedPage, marks: frozenset[str]) -> bool | None:
        """A post (True), not one (False), or not to be told from one (None), by what is learned so far."""
        if self._not_a_post(page):
            return False  # what its address or its own og:type says of a page outweighs its classes
        template = self.template_for(page.url)
        if (marks and marks <= page.once) or (not marks and template
                                              and len(template & page.once) >= _TEMPLATE_SHARE * len(template)):
            return True
        if not marks and template and not template & page.classes:
            return False  # nothing of the post template: not a post
        return None

    def looks_like_post(self, key: str) -> bool:
        """Whether an unplaced page carries the marks (else the template) learned so far: a guess made while
        the walk goes on (the walk's page cap counts pages that are not posts); ``judge`` decides."""
        page = self.unplaced.get(key)
        return page is not None and self._verdict(page, self.marks) is True

    def judge(self) -> list[UnplacedPage]:
        """The unplaced pages the marks (else the post template) find to be posts, to be archived; the pages
        neither can tell from posts stay in ``unplaced``."""
        self.judged = True
        marks = self.marks
        posts: list[UnplacedPage] = []
        left: dict[str, UnplacedPage] = {}
        for key, page in self.unplaced.items():
            self.budget.used -= len(page.answer.body) if page.answer is not None else 0
            verdict = self._verdict(page, marks)
            if verdict:
                posts.append(page)  # its answer goes once it is archived
            elif verdict is None:
                left[key] = replace(page, answer=None)  # not a post, or not to be told from one
        self.unplaced = left
        return posts

    @property
    def undecided(self) -> int:
        """Pages that could not be judged: the blog's posts went unrecognised by their markup (or none was
        read: all unchanged, a 304 teaches nothing, after a run that could not tell them either), and neither
        marks nor the post template told them from posts. Such an archive may miss posts."""
        # A rerun whose posts all answered 304 learned nothing; the last run's judgement stands only if it told
        # every page apart (else the pages it could not tell are as undecided now).
        blind = self.posts_unmarked or not self.posts_read and not (self.posts_answered and self.last_run_complete)
        return len(self.unplaced) if self.judged and blind and not self.marks else 0
