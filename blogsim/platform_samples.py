"""Sample WordPress, Substack and generic sites (own text) for tests and benchmarks.

Each site carries the same commentary corpus, dressed in its platform's markup: a repost shaped like
seed/000_*.txt (captioned photo with an agency credit, "Opinion by NAME", a "February 28 at 6:40 am Taiwan
Time" dateline, op-ed paragraphs), a two-author piece, a post with two captions, short and plain posts,
and, on Substack, a paywalled post. What extraction should return for each post (the answer keys) is in
``tests/expected.py``, built from the plans below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from blogsim.generic import GenericPost, GenericSite, div_caption, news_figure
from blogsim.substack import SubstackAuthor, SubstackPost, SubstackSite, captioned_image, cdn_image
from blogsim.wordpress import (
    DATE_PERMALINKS, WordPressSite, WPComment, WPImage, WPPost, caption_html, paragraphs_html,
)

TAIPEI = timezone(timedelta(hours=8), "CST")
CET = timezone(timedelta(hours=1), "CET")
UTC = timezone.utc


def sentences(text: str) -> list[str]:
    """Split plain text into sentences (the corpus avoids abbreviations at sentence ends)."""
    flat = " ".join(text.split())
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[“A-Z])|(?<=[.!?]”)\s+", flat) if s]


@dataclass(frozen=True)
class Article:
    """One piece of commentary, independent of platform markup."""

    key: str
    title: str
    subtitle: str
    paragraphs: tuple[str, ...]
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def first_sentence(self) -> str:
        return sentences(self.paragraphs[0])[0]

    @property
    def last_sentence(self) -> str:
        return sentences(self.paragraphs[-1])[-1]


# ---------------------------------------------------------------------------------------------------
# The corpus

REPOST = Article(
    "repost", "Tuna quotas expose the limits of Pacific diplomacy",
    "Island states are pricing access to their ocean, and the big powers are not sure how to respond",
    (
        """Every few years the island states of the South Pacific remind larger powers that the ocean around
them is not empty. This month they did it again, announcing that licences for foreign purse-seine fleets
would be cut by a fifth when the current agreements expire.""",
        """The decision is less about fish than about leverage. Tuna licence fees make up more than half of
government revenue in several of these countries, and the fleets that pay them fly the flags of the very
governments now courting the region with ports, cables and coast-guard patrol boats.""",
        """“For thirty years we sold access one boat at a time,” said Losana Vakaloloma, a fisheries adviser who
has represented three island governments at licence talks. “Now we are asking what the whole ocean is
worth, and the answer makes some capitals nervous.”""",
        """The risk is that the larger powers treat the quota cut as one more move in their own rivalry. Offers
of patrol boats and satellite monitoring arrive with strings attached, and each new memorandum of
understanding narrows the room the islands have to bargain collectively.""",
        """A better response would be boring and multilateral. Distant-water fleets could accept transparent
catch reporting, donors could pool surveillance money through the regional fisheries agency, and
everyone could stop pretending that a fishing licence is a security pact.""",
        """The islands have shown that they can hold a common line. The question for everyone else is whether
they will respect it or try, one bilateral deal at a time, to buy their way around it.""",
    ),
    ("Adaeze Okonkwo",), ("Pacific", "fisheries", "reposts"),
)
REPOST_BYLINE_RAW = "Opinion by Adaeze Okonkwo"
REPOST_DATELINE = "February 28 at 6:40 am Taiwan Time"
REPOST_ORIGINAL_PUBLISHED = datetime(2024, 2, 28, 6, 40, tzinfo=TAIPEI)
REPOST_CAPTION_TEXT = "Fishing boats moored in the harbour of Suva, Fiji, in this image released Feb. 27."
REPOST_CAPTION_CREDIT = "Handout/AFP/Getty Images"
REPOST_CAPTION = f"{REPOST_CAPTION_TEXT} ({REPOST_CAPTION_CREDIT})"

JOINT = Article(
    "joint", "A carbon border tax needs a grace period for poorer exporters",
    "The principle is sound; the timetable is not",
    (
        """A border charge on carbon-intensive imports is about to move from pilot reporting to real payments.
For steel and aluminium producers in middle-income countries, the shift turns an environmental rule into
a trade barrier overnight.""",
        """We support the principle. Without some adjustment at the border, ambitious climate policy at home
simply moves emissions abroad, along with the jobs that produced them.""",
        """The design, however, ignores how slowly measurement capacity is built. Exporters must document the
emissions of every furnace in their supply chain, and many small mills cannot yet afford the auditors,
let alone the cleaner equipment.""",
        """A grace period of five years for low-income exporters, paid for with a share of the revenue, would
cost little and buy a great deal of goodwill. It would also blunt the argument, already heard in Geneva,
that the charge is protectionism dressed in green.""",
        """Climate policy that is seen as fair abroad will last longer at home. That is reason enough to build
the grace period in now rather than negotiate it under pressure later.""",
    ),
    ("Ingrid Solberg", "Tomasz Wrona"), ("climate", "trade"),
)

TERMINAL = Article(
    "terminal", "What the new container terminal will not fix", "Ports are systems, not buildings",
    (
        """The new container terminal opened on schedule last autumn, and the photographs are impressive.
Twelve cranes, a quay long enough for the largest ships afloat, and a control room that looks like a
trading floor.""",
        """What the photographs do not show is the road outside. Trucks still queue for hours at a single
customs gate, and the rail spur promised in the original plan exists only as a line on a map.""",
        """Ports are systems, not buildings. Until the gate, the rail link and the inspection regime are fixed,
the cranes will spend much of the night waiting for boxes that cannot leave.""",
    ),
    ("Wen Hsu",), ("ports", "infrastructure"),
)
TERMINAL_CAPTIONS = (
    ("Cranes at the new terminal during a night shift.", "Photo: Lena Fischer"),
    ("Empty chassis parked along the access road.", None),
)

WATER = Article(
    "water", "Water rights are the next trade dispute", "Old river treaties were written for a wetter climate",
    (
        """Rivers ignore borders, and so do droughts. As upstream countries build dams to secure their own
harvests, the question of who owns a river’s water is moving from diplomatic notes to trade courts.""",
        """Most treaties governing shared rivers were written for a wetter climate. They divide average flows,
not the thin trickle of a dry summer, and they say little about the crops that embody the water when they
are exported.""",
        """A practical start would be shared gauging stations whose data every party can see in real time.
Disputes over numbers are easier to settle when nobody controls the numbers.""",
    ),
    ("Wen Hsu",), ("water", "trade"),
)
WATER_CAPTION = ("A dry riverbed below the border dam in August.", "Reuters")

HEDGE = Article(
    "hedge", "Why small states hedge", "Picking a side is advice best taken from someone without one",
    (
        """Small states are often told to pick a side. The advice usually comes from large states that have
already picked one for them.""",
        """Hedging is not indecision. A country that buys its grain from one partner, its weapons from another
and its debt from a third is buying insurance against the failure of any single relationship.""",
        """The cost of that insurance is a constant stream of irritated ambassadors. For most small capitals it
is a price worth paying.""",
    ),
    ("Wen Hsu",), ("small states", "geopolitics"),
)

VILLAGES = Article(
    "villages", "Minimum wages and the emptying villages", "A good policy with a side effect nobody budgeted for",
    (
        """Raising the minimum wage in the capital was meant to lift the poorest workers. In the provinces it
has had a second effect that few economists predicted: the villages are emptying faster than before.""",
        """Young workers now earn enough in the city to send money home and still pay rent. Their parents
welcome the transfers, but schools close when the classrooms empty, and clinics follow the schools.""",
        """None of this argues against a higher wage floor. It argues for spending part of the resulting tax
revenue where the workers came from, so that leaving is a choice rather than the only sensible option.""",
    ),
    ("Wen Hsu",), ("labour", "regions"),
)
VILLAGES_FEATURED = ("A shuttered primary school in a mountain village.", "Photo: Wen Hsu")

HOUSING = Article(
    "housing", "The housing subsidy nobody measures", "The largest item in housing policy is missing from the table",
    (
        """Every year the finance ministry publishes a careful table of what it spends on housing. The largest
item is missing from it.""",
        """The tax relief on mortgage interest costs more than all direct housing programmes combined, yet
because it is revenue forgone rather than money spent, it never appears in the spending review.""",
        """Economists call this a tax expenditure. Voters would call it a subsidy, and a generous one: most of
the benefit goes to households in the top two income deciles.""",
        """A government serious about housing would start by putting the number in the table. Debating a
subsidy is only possible once everyone can see it.""",
    ),
    ("Wen Hsu",), ("housing", "budgets"),
)
HOUSING_VISIBLE_BLOCKS = 2  # paragraphs a non-subscriber sees on Substack

READING = Article(
    "reading", "Reading list for the budget season", "",
    (
        """Budget week starts on Monday, and the papers will be full of numbers stripped of context. Here are
three things worth reading first.""",
        """Comments and further suggestions are welcome, as always.""",
    ),
    ("Wen Hsu",), ("links", "budgets"),
)
READING_LIST = ("<ul><li>A plain-language guide to how the deficit is measured.</li>"
                "<li>An essay on why multi-year spending plans rarely survive an election.</li>"
                "<li>A short history of the tax expenditure report.</li></ul>")

CORPUS = (REPOST, JOINT, TERMINAL, WATER, HEDGE, VILLAGES, HOUSING, READING)


def _with_credit(text: str, credit: str | None) -> str:
    return f"{text} ({credit})" if credit else text


# ---------------------------------------------------------------------------------------------------
# WordPress

WP_NAME = "Harbour & Ledger"
WP_POSTER = "Wen Hsu"  # the blog owner's account: poster of every post but the joint one
WP_STAFF = "Opinion Desk"  # the staff account that posts Co-Authors Plus pieces
WP_UPLOADS = "https://i0.wp.com/harbourandledger.org/wp-content/uploads/{ym}/{name}?resize=1024%2C683&ssl=1"


@dataclass(frozen=True)
class _WPPlan:
    article: Article
    post_id: int
    slug: str
    date: datetime
    modified: datetime | None = None
    categories: tuple[str, ...] = ()


WP_PLAN = (
    _WPPlan(HEDGE, 112, "why-small-states-hedge", datetime(2022, 6, 14, 8, 30, tzinfo=TAIPEI), categories=("Geopolitics",)),
    _WPPlan(VILLAGES, 187, "minimum-wages-and-the-emptying-villages", datetime(2022, 11, 3, 19, 10, tzinfo=TAIPEI),
            modified=datetime(2022, 11, 5, 9, 0, tzinfo=TAIPEI), categories=("Labour",)),
    _WPPlan(WATER, 230, "water-rights-next-trade-dispute", datetime(2023, 1, 9, 7, 45, tzinfo=TAIPEI), categories=("Trade",)),
    _WPPlan(TERMINAL, 245, "what-the-new-container-terminal-will-not-fix", datetime(2023, 4, 22, 14, 0, tzinfo=TAIPEI),
            categories=("Trade", "Infrastructure")),
    _WPPlan(READING, 251, "reading-list-for-the-budget-season", datetime(2023, 5, 28, 22, 15, tzinfo=TAIPEI),
            categories=("Links",)),
    _WPPlan(JOINT, 301, "carbon-border-tax-grace-period", datetime(2023, 10, 17, 11, 20, tzinfo=TAIPEI),
            categories=("Climate", "Trade")),
    _WPPlan(REPOST, 342, "tuna-quotas-limits-of-pacific-diplomacy", datetime(2024, 2, 28, 10, 5, tzinfo=TAIPEI),
            categories=("Reposts",)),
    _WPPlan(HOUSING, 360, "the-housing-subsidy-nobody-measures", datetime(2024, 5, 6, 21, 30, tzinfo=TAIPEI),
            categories=("Budgets",)),
)
WP_ABOUT_PATH = "/about/"
WP_OLD_TERMINAL_PATH = "/2023/04/22/new-terminal-wont-fix/"  # the slug before the title was edited
WP_OLD_ARCHIVES_PATH = "/archives/230"  # the blog's first permalink structure
WP_META_REFRESH_PATH = "/old/small-states-hedge.html"  # a stub left by a static export


def wp_path(plan: _WPPlan) -> str:
    """The post's path on the sample WordPress site (date permalinks)."""
    return f"/{plan.date:%Y/%m/%d}/{plan.slug}/"


def _wp_image(plan: _WPPlan, name: str) -> str:
    return WP_UPLOADS.format(ym=f"{plan.date:%Y/%m}", name=name)


def _wp_content(plan: _WPPlan, editor: str) -> str:
    article = plan.article

    def style() -> str:  # the theme added HTML5 caption support in March 2023
        if editor == "block":
            return "block"
        return "html5" if plan.date >= datetime(2023, 3, 1, tzinfo=TAIPEI) else "classic"

    body = paragraphs_html(list(article.paragraphs), editor)
    if article is REPOST:
        image = caption_html(_wp_image(plan, "suva-harbour.jpg"), REPOST_CAPTION, style(), 341,
                             alt="Fishing boats in Suva harbour")
        return f"{image}\n\n<p>{REPOST_BYLINE_RAW}<br />\n{REPOST_DATELINE}</p>\n\n{body}"
    if article is TERMINAL:
        images = [caption_html(_wp_image(plan, name), _with_credit(t, c), style(), 240 + n)
                  for n, (name, (t, c)) in enumerate(zip(("terminal-cranes.jpg", "empty-chassis.jpg"), TERMINAL_CAPTIONS))]
        paragraphs = paragraphs_html(list(article.paragraphs[:1]), editor), paragraphs_html(list(article.paragraphs[1:]), editor)
        return "\n\n".join([paragraphs[0], images[0], images[1], paragraphs[1]])
    if article is WATER:
        image = caption_html(_wp_image(plan, "dry-riverbed.jpg"), _with_credit(*WATER_CAPTION), style(), 229)
        return f"{image}\n\n{body}"
    if article is READING:
        return "\n\n".join([paragraphs_html(list(article.paragraphs[:1])), READING_LIST, paragraphs_html(list(article.paragraphs[1:]))])
    if editor == "block" and article is JOINT:
        return body.replace("<p>We support", '<h2 class="wp-block-heading">Right idea, wrong clock</h2>\n\n<p>We support', 1)
    return body


def captions_of(article: Article) -> list[tuple[str, str | None]]:
    """The body captions of an article as (text, credit), on every platform."""
    if article is REPOST:
        return [(REPOST_CAPTION_TEXT, REPOST_CAPTION_CREDIT)]
    if article is TERMINAL:
        return list(TERMINAL_CAPTIONS)
    if article is WATER:
        return [WATER_CAPTION]
    return []


def sample_wordpress(rest: bool = True, editor: str = "block", **options: object) -> WordPressSite:
    """The sample WordPress site (8 posts, 2022-2024, Taipei time). ``options`` set any ``WordPressSite``
    field (``sitemaps="yoast"``, ``feed_enabled=False``, ``permalink_structure=POSTNAME_PERMALINKS``...)."""
    if editor not in ("block", "classic"):
        raise ValueError("editor must be 'block' or 'classic'")
    posts = []
    for plan in WP_PLAN:
        article = plan.article
        post = WPPost(
            plan.post_id, plan.slug, article.title, plan.date, _wp_content(plan, editor),
            author=WP_STAFF if article is JOINT else WP_POSTER, modified=plan.modified,
            coauthors=list(article.authors) if article is JOINT else [],
            categories=list(plan.categories), tags=list(article.tags),
        )
        if article is VILLAGES:
            post.featured_image = WPImage(_wp_image(plan, "shuttered-school.jpg"), _with_credit(*VILLAGES_FEATURED),
                                          alt="A shuttered school")
        if article is REPOST:
            post.comments = [
                WPComment("Mele Tupou", datetime(2024, 2, 28, 18, 2, tzinfo=TAIPEI),
                          "<p>The licence fees point is the one outsiders always miss.</p>"),
                WPComment("R. Castellano", datetime(2024, 3, 2, 7, 41, tzinfo=TAIPEI),
                          "<p>Would a regional surveillance fund really stay independent of the donors?</p>"),
            ]
        if article is HEDGE:
            post.comments = [WPComment("Arvo Lepp", datetime(2022, 6, 15, 12, 30, tzinfo=TAIPEI),
                                       "<p>Estonia would like a word. Hedging has limits when your neighbour is the risk.</p>")]
        posts.append(post)
    about = WPPost(2, "about", "About", datetime(2021, 9, 1, 10, 0, tzinfo=TAIPEI),
                   "<p>Harbour &amp; Ledger is a personal blog about trade, money and public policy, with the "
                   "occasional repost of commentary worth keeping.</p>", author=WP_POSTER, type="page")
    paths = {plan.article.key: wp_path(plan) for plan in WP_PLAN}
    fields: dict[str, object] = dict(
        name=WP_NAME, description="Notes on trade, money and public policy", posts=posts, pages=[about], tz=TAIPEI,
        timezone_string="Asia/Taipei", admin=WP_POSTER, editor=editor, posts_per_page=3, posts_per_rss=5,
        rest_enabled=rest, permalink_structure=DATE_PERMALINKS,
        redirects={WP_OLD_TERMINAL_PATH: paths["terminal"], WP_OLD_ARCHIVES_PATH: paths["water"]},
        meta_refresh={WP_META_REFRESH_PATH: paths["hedge"]},
    )
    fields.update(options)
    return WordPressSite(**fields)  # type: ignore[arg-type]


WP_REPOST_PATH = wp_path(WP_PLAN[6])
WP_JOINT_PATH = wp_path(WP_PLAN[5])
WP_TERMINAL_PATH = wp_path(WP_PLAN[3])


# ---------------------------------------------------------------------------------------------------
# Substack

SS_NAME = "The Ledger Letter"
SS_AUTHOR = SubstackAuthor("Wen Hsu", "wenhsu", bio="Writes about trade, money and public policy from Taipei.")
SS_GUESTS = {
    "Ingrid Solberg": SubstackAuthor("Ingrid Solberg", "ingridsolberg", bio="Trade lawyer in Oslo."),
    "Tomasz Wrona": SubstackAuthor("Tomasz Wrona", "tomaszwrona", bio="Steel-industry economist."),
}
SS_PLAN = (
    (HEDGE, 90000101, "why-small-states-hedge", datetime(2023, 3, 14, 1, 0, tzinfo=UTC)),
    (VILLAGES, 90000102, "minimum-wages-and-the-emptying-villages", datetime(2023, 9, 2, 11, 30, tzinfo=UTC)),
    (TERMINAL, 90000103, "what-the-new-container-terminal-will", datetime(2024, 1, 20, 6, 0, tzinfo=UTC)),
    (REPOST, 90000104, "tuna-quotas-expose-the-limits-of", datetime(2024, 2, 28, 2, 5, tzinfo=UTC)),
    (JOINT, 90000105, "a-carbon-border-tax-needs-a-grace", datetime(2024, 10, 17, 3, 20, tzinfo=UTC)),
    (HOUSING, 90000106, "the-housing-subsidy-nobody-measures", datetime(2025, 5, 6, 13, 30, tzinfo=UTC)),
    (WATER, 90000107, "water-rights-are-the-next-trade", datetime(2025, 7, 9, 0, 45, tzinfo=UTC)),
    (READING, 90000108, "reading-list-for-the-budget-season", datetime(2026, 3, 1, 12, 0, tzinfo=UTC)),
)


def _ss_body(article: Article) -> str:
    body = "\n".join(f"<p>{' '.join(p.split())}</p>" for p in article.paragraphs)
    if article is REPOST:
        image = captioned_image("3f1c9a2e-suva", REPOST_CAPTION, alt="Fishing boats in Suva harbour")
        return f"{image}\n<p>{REPOST_BYLINE_RAW}</p>\n<p>{REPOST_DATELINE}</p>\n{body}"
    if article is TERMINAL:
        images = [captioned_image(key, _with_credit(t, c)) for key, (t, c) in zip(("9b7e-cranes", "9b7f-chassis"), TERMINAL_CAPTIONS)]
        paragraphs = [f"<p>{' '.join(p.split())}</p>" for p in article.paragraphs]
        return "\n".join([paragraphs[0], images[0], images[1], *paragraphs[1:]])
    if article is WATER:
        return captioned_image("c41d-riverbed", _with_credit(*WATER_CAPTION)) + "\n" + body
    if article is READING:
        paragraphs = [f"<p>{' '.join(p.split())}</p>" for p in article.paragraphs]
        return "\n".join([paragraphs[0], READING_LIST, paragraphs[1]])
    return body


def sample_substack(archive_api_cap: int | None = None, **options: object) -> SubstackSite:
    """The sample publication (8 posts, 2023-2026; one paywalled, one with two guest bylines)."""
    posts = []
    for article, post_id, slug, date in SS_PLAN:
        if article is JOINT:
            bylines = [SS_GUESTS[n] for n in article.authors]
        else:
            bylines = [SS_AUTHOR]
        posts.append(SubstackPost(
            post_id, slug, article.title, date, _ss_body(article), bylines, subtitle=article.subtitle,
            audience="only_paid" if article is HOUSING else "everyone",
            cover_image=cdn_image(f"cover-{article.key}") if article is not READING else None,
            paywall_after=HOUSING_VISIBLE_BLOCKS, reaction_count=len(article.paragraphs) * 7,
            comment_count=len(article.title) % 9,
        ))
    fields: dict[str, object] = dict(
        name=SS_NAME, subdomain="ledgerletter", description="Trade, money and public policy, every other week.",
        author=SS_AUTHOR, posts=posts, archive_api_cap=archive_api_cap,
        about_html="<p>The Ledger Letter is a newsletter by Wen Hsu. Some posts are for paid subscribers.</p>",
    )
    fields.update(options)
    return SubstackSite(**fields)  # type: ignore[arg-type]


SS_PAYWALLED_PATH = "/p/the-housing-subsidy-nobody-measures"
SS_REPOST_PATH = "/p/tuna-quotas-expose-the-limits-of"
SS_JOINT_PATH = "/p/a-carbon-border-tax-needs-a-grace"


# ---------------------------------------------------------------------------------------------------
# Generic (a news site's opinion section, or a hand-made blog)

GEN_NAME = "The Harbour Review"
GEN_IMAGES = "https://images.harbourreview.example/{ym}/{name}"
GEN_PLAN = (
    (HEDGE, "/opinion/2023/03/14/why-small-states-hedge/", datetime(2023, 3, 14, 9, 0, tzinfo=CET), "By Wen Hsu"),
    (VILLAGES, "/opinion/2023/09/02/minimum-wages-emptying-villages/", datetime(2023, 9, 2, 12, 30, tzinfo=CET),
     "Opinion by Wen Hsu"),
    (TERMINAL, "/opinion/2024/01/20/container-terminal-will-not-fix/", datetime(2024, 1, 20, 7, 0, tzinfo=CET),
     "By Wen Hsu"),
    (REPOST, "/opinion/2024/02/28/tuna-quotas-pacific-diplomacy/", datetime(2024, 2, 28, 4, 5, tzinfo=CET), ""),
    (JOINT, "/opinion/2024/10/17/carbon-border-tax-grace-period/", datetime(2024, 10, 17, 5, 20, tzinfo=CET),
     "By Ingrid Solberg and Tomasz Wrona"),
    (HOUSING, "/opinion/2025/05/06/housing-subsidy-nobody-measures/", datetime(2025, 5, 6, 15, 30, tzinfo=CET),
     "Opinion by Wen Hsu"),
    (WATER, "/opinion/2025/07/09/water-rights-next-trade-dispute/", datetime(2025, 7, 9, 2, 45, tzinfo=CET), "By Wen Hsu"),
)


def _gen_body(article: Article, date: datetime) -> str:
    paragraphs = [f"<p>{' '.join(p.split())}</p>" for p in article.paragraphs]
    image = lambda name: GEN_IMAGES.format(ym=f"{date:%Y/%m}", name=name)  # noqa: E731
    if article is REPOST:
        figure = news_figure(image("suva-harbour.jpg"), REPOST_CAPTION_TEXT, REPOST_CAPTION_CREDIT,
                             alt="Fishing boats in Suva harbour")
        return "\n".join([figure, f'<p class="original-byline"><strong>{REPOST_BYLINE_RAW}</strong></p>',
                          f'<p class="original-dateline"><em>{REPOST_DATELINE}</em></p>', *paragraphs])
    if article is TERMINAL:
        figures = [news_figure(image(name), t, c or "") for name, (t, c) in zip(("cranes.jpg", "chassis.jpg"), TERMINAL_CAPTIONS)]
        return "\n".join([paragraphs[0], figures[0], figures[1], *paragraphs[1:]])
    if article is WATER:
        return "\n".join([div_caption(image("riverbed.jpg"), _with_credit(*WATER_CAPTION)), *paragraphs])
    return "\n".join(paragraphs)


GEN_GENERATORS = {"sitemap": None, "links": "Hugo 0.120.4", "feed": None}


def sample_generic(variant: str = "links", **options: object) -> GenericSite:
    """The sample generic site in one of the discovery variants ("sitemap", "links", "feed")."""
    posts = [
        GenericPost(path, article.title, date, _gen_body(article, date), byline=byline,
                    authors=list(article.authors) if byline else [], tags=list(article.tags), description=article.subtitle,
                    updated=date + timedelta(hours=3) if article is WATER else None)
        for article, path, date, byline in GEN_PLAN
    ]
    fields: dict[str, object] = dict(
        name=GEN_NAME, variant=variant, posts=posts, description="Opinion and analysis", tz=CET,
        generator=GEN_GENERATORS.get(variant), json_ld=variant == "sitemap", per_page=3,
    )
    fields.update(options)
    return GenericSite(**fields)  # type: ignore[arg-type]


GEN_REPOST_PATH = GEN_PLAN[3][1]
GEN_JOINT_PATH = GEN_PLAN[4][1]
