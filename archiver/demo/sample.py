"""The sample blog that `archiver demo` serves and archives: 11 posts in all three template generations."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from archiver.demo.blog import Comment, Page, Post
from archiver.demo.site import BlogSite

TAIPEI = timezone(timedelta(hours=8), "CST")  # the sample blog is run from Taiwan, like the seed's poster
POSTER = "Policy Reader"
IMG = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEi{key}/s1600/{name}"
IMG_SMALL = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEi{key}/s640/{name}"


def captioned_image(name: str, caption: str, align: str = "center") -> str:
    """A captioned image exactly as Blogger's editor writes it (``table.tr-caption-container``)."""
    key = "".join(ch for ch in name if ch.isalnum())[:12]
    full, small = IMG.format(key=key, name=name), IMG_SMALL.format(key=key, name=name)
    return (
        f'<table align="{align}" cellpadding="0" cellspacing="0" class="tr-caption-container" '
        'style="margin-left: auto; margin-right: auto;"><tbody>\n'
        f'<tr><td style="text-align: center;"><a href="{full}" style="margin-left: auto; margin-right: auto;">'
        f'<img border="0" data-original-height="900" data-original-width="1600" height="360" src="{small}" width="640" />'
        "</a></td></tr>\n"
        f'<tr><td class="tr-caption" style="text-align: center;">{caption}</td></tr>\n'
        "</tbody></table>"
    )


def br_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs separated by blank ``<br />`` lines, the way Blogger's compose mode stores them."""
    return "<br />\n<br />\n".join(p.strip() for p in paragraphs)


def div_paragraphs(paragraphs: list[str]) -> str:
    return "\n".join(f'<div style="text-align: justify;">{p.strip()}</div><div><br /></div>' for p in paragraphs)


def p_paragraphs(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{p.strip()}</p>" for p in paragraphs)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TAIPEI)


# ---------------------------------------------------------------------------------------------------
# The seed-shaped repost: caption table, "Opinion by", original dateline, op-ed paragraphs.

SEED_PATH = "/2023/03/shipping-chokepoints-test-asias-trade.html"
SEED_TITLE = "Shipping chokepoints test Asia’s trade diplomacy"
SEED_BYLINE = "Miriam Castellanos"
SEED_BYLINE_RAW = "Opinion by Miriam Castellanos"
SEED_CAPTION_TEXT = ("Container ships wait at anchor outside the port of Kaohsiung after a typhoon warning, "
                     "in this image released March 2.")
SEED_CAPTION_CREDIT = "Handout/AFP/Getty Images"
SEED_CAPTION = f"{SEED_CAPTION_TEXT} ({SEED_CAPTION_CREDIT})"
SEED_DATELINE = "March 3 at 6:15 am Taiwan Time"
SEED_ORIGINAL_PUBLISHED = datetime(2023, 3, 3, 6, 15, tzinfo=TAIPEI)
SEED_PUBLISHED = datetime(2023, 3, 3, 9, 48, tzinfo=TAIPEI)
SEED_LABELS = ["trade", "shipping", "reposts"]
SEED_IMAGE = IMG.format(key="kaohsiunganc", name="kaohsiung-anchorage.jpg")
SEED_PARAGRAPHS = [
    """When a single typhoon warning can idle a third of the container traffic leaving southern
Taiwan, it is worth asking how much of the region’s prosperity rests on a handful of narrow
sea lanes. Governments across Asia have spent the past decade negotiating tariff schedules
line by line, yet the real bottlenecks for their exporters are physical, not legal.""",
    """Consider the figures that port authorities published last month. Average waiting times at the
largest terminals rose by almost two days between autumn and winter, and insurers quietly
raised premiums on routes that pass through contested waters. None of this shows up in the
headline trade statistics, which count the value of goods rather than the time it takes to
move them.""",
    """“Trade agreements assume that a shipment leaves on Monday and arrives on Friday,” said
Tomas Lindqvist, a logistics economist at the Nordic Institute for Maritime Studies. “The
moment that assumption fails, every tariff concession in the treaty is worth a little less.”""",
    """The lesson for trade ministers is uncomfortable. Redundancy is expensive, and nobody wants
to pay for a second port that sits half empty in normal years. The alternative is a system
that works beautifully until the week it does not, and then fails for everyone at once.""",
    """There are modest steps that would help. Neighbouring ports could agree in advance to share
berths during storms, customs agencies could accept each other’s electronic inspections,
and regional development banks could fund the dull work of dredging and rail links rather
than another showcase terminal.""",
    """None of these measures will make the evening news. Yet the next disruption is a question of
when, not if, and the governments that prepare for it now will find that their trade
diplomacy rests on firmer ground.""",
]
SEED_FIRST_SENTENCE = ("When a single typhoon warning can idle a third of the container traffic leaving southern "
                       "Taiwan, it is worth asking how much of the region’s prosperity rests on a handful of narrow "
                       "sea lanes.")
SEED_LAST_SENTENCE = ("Yet the next disruption is a question of when, not if, and the governments that prepare for "
                      "it now will find that their trade diplomacy rests on firmer ground.")


def seed_post() -> Post:
    """The repost shaped like seed/000_*.txt (own text): caption, "Opinion by", dateline, body."""
    body = (
        captioned_image("kaohsiung-anchorage.jpg", SEED_CAPTION)
        + f"\n{SEED_BYLINE_RAW}<br />\n{SEED_DATELINE}<br />\n<br />\n"
        + br_paragraphs(SEED_PARAGRAPHS)
    )
    return Post(SEED_PATH, SEED_TITLE, SEED_PUBLISHED, body, labels=list(SEED_LABELS), author=POSTER)


# ---------------------------------------------------------------------------------------------------
# The other sample posts

GALLERY_PATH = "/2023/02/morning-at-old-grain-exchange.html"
GALLERY_CAPTIONS = [
    ("The trading floor, now the reading room of the public library.", "Photo: Policy Reader"),
    ("Chalkboards once used to post wheat prices still cover the east wall.", None),
    ("A clerk’s ledger from 1921 on display in the lobby.", "Courtesy of the City Archive"),
]
UNTITLED_PATH = "/2023/02/blog-post.html"
PLAIN_PATH = "/2023/01/why-inflation-targets-drift.html"
BY_PATH = "/2022/12/quiet-virtue-of-boring-budgets.html"
BY_BYLINE = "Henrik Aalto"
BY_BYLINE_RAW = "By Henrik Aalto"
NON_ASCII_PATH = "/2022/11/notes-from-conference-in-lyon.html"
NON_ASCII_LABEL = "Économie"
ABOUT_PATH = "/p/about.html"


def _gallery_post() -> Post:
    images = [captioned_image(name, f"{text} ({credit})" if credit else text)
              for name, (text, credit) in zip(("exchange-floor.jpg", "price-boards.jpg", "ledger-1921.jpg"), GALLERY_CAPTIONS)]
    paragraphs = [
        """The old grain exchange reopened this winter as a library, and on a quiet Saturday morning it
is easy to forget that the building was designed for shouting. Prices for a dozen grades of wheat
were chalked up by hand and rubbed out again within minutes.""",
        """What survives is the architecture of a market that needed everyone in one room. Information
travelled at the speed of a clerk’s legs, and the best-placed traders paid handsomely for desks
near the boards.""",
        """Today the same information moves in microseconds, but the question the building was built to
answer has not changed: who gets to see the price first, and what do they owe everyone else?""",
    ]
    body = "\n".join([
        p_paragraphs(paragraphs[:1]), images[0], p_paragraphs(paragraphs[1:2]), images[1], images[2],
        p_paragraphs(paragraphs[2:]),
    ])
    return Post(GALLERY_PATH, "A morning at the old grain exchange", _at("2023-02-18T15:20:00"), body,
                labels=["photos", "history", "markets"])


def _weekend_links_post() -> Post:
    body = (
        "<p>A few things worth reading this weekend:</p>\n<ul>\n"
        "<li>A long essay on why port statistics undercount delays.</li>\n"
        "<li>A patient explainer on how central banks choose their inflation measure.</li>\n"
        "<li>Notes from a seminar on the history of commodity exchanges.</li>\n</ul>\n"
        "<p>More photographs from the grain exchange are in the next post.</p>"
    )
    return Post("/2023/02/weekend-links.html", "Weekend links", _at("2023-02-18T09:05:00"), body, labels=["links"])


def _untitled_post() -> Post:
    body = br_paragraphs([
        """Short note while travelling: the reading list for the spring seminar is now on the About
page. Suggestions for additions are welcome in the comments.""",
        """Regular posting resumes next week.""",
    ])
    return Post(UNTITLED_PATH, None, _at("2023-02-06T21:05:00"), body)


def _plain_post() -> Post:
    paragraphs = [
        """Central banks like to describe their inflation targets as anchors. The metaphor is apt in one
respect that its users rarely mention: anchors drag. A target announced as two per cent
becomes, after a few years of misses in one direction, something closer to a range.""",
        """Part of the drift is honest. Measured inflation is a basket, and baskets change as households
change what they buy. A target defined on yesterday’s basket is a slightly different target
today.""",
        """Part of it is less honest. When the public stops believing the number, the bank faces a choice
between an expensive recession to restore credibility and a quiet redefinition. The second is
always cheaper in the short run.""",
        """The test of a regime is therefore not whether it hits the number every year but whether it
says in advance what it will do when it misses. Few of them do.""",
        """I will come back to this when the spring forecasts are published.""",
    ]
    comments = [
        Comment("Ana Ribeiro", _at("2023-01-16T08:14:00"), "Good point about the basket. Rents alone moved the index more than food last year."),
        Comment("K. Watanabe", _at("2023-01-17T22:40:00"), "Would you count average inflation targeting as a quiet redefinition?"),
    ]
    return Post(PLAIN_PATH, "Why inflation targets drift", _at("2023-01-15T11:30:00"), br_paragraphs(paragraphs),
                labels=["inflation", "central banks"], updated=_at("2023-02-01T08:12:00"), comments=comments)


def _by_post() -> Post:
    paragraphs = [
        """Finance ministers rarely win applause for a budget that changes nothing. Yet the most
valuable thing a government can offer investors and households is predictability, and
predictability is, by definition, dull.""",
        """A boring budget does three things. It keeps spending plans within a few per cent of what was
announced the year before, it avoids tax changes that take effect before anyone can plan for
them, and it publishes its assumptions so that outsiders can check the arithmetic.""",
        """None of this rules out ambition. Large programmes can be phased in over several years, with
the costs set out in advance. What it rules out is the habit of announcing a new priority
every spring and quietly dropping it every autumn.""",
        """Countries that have kept their budgets boring for a decade or more tend to borrow more
cheaply, and they recover faster when a shock does arrive, because nobody has to guess what
the government will do next.""",
        """The virtue is quiet, and it does not photograph well. It is a virtue all the same.""",
    ]
    body = f"{BY_BYLINE_RAW}<br />\n<br />\n" + br_paragraphs(paragraphs)
    return Post(BY_PATH, "The quiet virtue of boring budgets", _at("2022-12-09T08:00:00"), body,
                labels=["fiscal policy", "reposts"])


def _lyon_post() -> Post:
    paragraphs = [
        """Two days at a conference in Lyon on regional industrial policy. The French word for the
field, <i>aménagement du territoire</i>, has no good English translation, which may explain
why the English-language debate keeps rediscovering it.""",
        """The most interesting session compared subsidy programmes in three regions over twenty years.
The regions that spent the least per job were not the ones with the smallest budgets but the
ones that spent on training rather than buildings.""",
        """A speaker from the regional council put it simply: factories move, people mostly stay.""",
    ]
    return Post(NON_ASCII_PATH, "Notes from a conference in Lyon", _at("2022-11-21T19:45:00"), div_paragraphs(paragraphs),
                labels=[NON_ASCII_LABEL, "Europe", "industrial policy"])


def _lessons_post() -> Post:
    paragraphs = [
        """Every downturn is fought with the lessons of the previous one, and the lessons of 2008 are
now old enough to be misremembered. The crisis was not only a banking failure; it was a
failure to notice how much household debt had been built on a single assumption about house
prices.""",
        """The useful lesson is not about banks at all. It is that balance sheets, not income statements,
decide how deep a recession goes, and that the people least able to repair their balance
sheets are the ones who recover last.""",
        """If there is a downturn this winter, watch the balance sheets.""",
    ]
    comments = [Comment("D. Mensah", _at("2022-10-05T13:02:00"), "And watch who holds the floating-rate debt.")]
    return Post("/2022/10/lessons-from-2008-for-next-downturn.html", "Lessons from 2008 for the next downturn",
                _at("2022-10-04T10:10:00"), br_paragraphs(paragraphs), labels=["crisis", "history"], comments=comments)


def _reading_list_post() -> Post:
    body = (
        "<p>Several readers asked for a reading list on trade and development. Here is a short one, in no "
        "particular order.</p>\n<ol>\n<li>A classic survey of how ports shaped early industrial cities.</li>\n"
        "<li>A recent study of export processing zones and what happened after the tax holidays ended.</li>\n"
        "<li>A memoir by a former customs official, better than it sounds.</li>\n</ol>\n"
        "<p>Further suggestions are welcome.</p>"
    )
    return Post("/2022/09/reading-list-trade-and-development.html", "Reading list: trade and development",
                _at("2022-09-12T13:00:00"), body, labels=["books", "trade"])


def _harvest_post() -> Post:
    paragraphs = [
        """The ministry’s harvest estimate came out this week, and the headline number looks
reassuring. The detail is less so: the estimate still relies on a survey last revised in
2016, and the regions that grew fastest are the ones the survey covers least.""",
        """Good statistics are a public good that nobody campaigns for. They are noticed only when they
fail.""",
    ]
    body = br_paragraphs(paragraphs) + (
        '\n<div><span style="font-size: x-small;">Figures as of 30 June 2019, revised.</span></div>'
    )  # pasted junk with a date years away from the post's own (platforms.md §1.5)
    return Post("/2022/09/what-harvest-numbers-do-not-say.html", "What the harvest numbers do not say",
                _at("2022-09-02T07:40:00"), body, labels=["agriculture", "statistics"])


def _welcome_post() -> Post:
    body = p_paragraphs([
        "This blog collects reading notes and short commentary on political economy: trade, public "
        "finance, central banking and the institutions that hold them together.",
        "Some posts are my own; others are pieces by other writers that I found worth keeping, always "
        "with the author’s name at the top.",
    ])
    return Post("/2022/08/welcome-to-new-blog.html", "Welcome to the new blog", _at("2022-08-20T10:00:00"), body,
                labels=["meta"])


def _about_page() -> Page:
    body = p_paragraphs([
        "Notes on Political Economy is written by a reader of economics who prefers footnotes to slogans.",
        "Reposted pieces carry the original author’s name and date. Corrections are welcome.",
    ])
    return Page(ABOUT_PATH, "About this blog", body)


def sample_site(template: str = "layout") -> BlogSite:
    """The bundled demo blog: 11 posts from August 2022 to March 2023 and one static page."""
    posts = [
        seed_post(), _gallery_post(), _weekend_links_post(), _untitled_post(), _plain_post(), _by_post(),
        _lyon_post(), _lessons_post(), _reading_list_post(), _harvest_post(), _welcome_post(),
    ]
    for post in posts:
        post.author = POSTER
    return BlogSite(
        title="Notes on Political Economy", description="Reading notes and commentary on markets, states and trade.",
        template=template, posts=posts, pages=[_about_page()], tz=TAIPEI, author=POSTER,
        profile_text="A reader of economics, writing from Taipei.",
    )
